import { beforeEach, describe, expect, test, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ipc } from '../ipc/client';
import type { IpcMock } from '../test/ipcMock';
import { SALES_REP } from '../test/fixtures';
import { renderWithProviders } from '../test/render';
import { applyLanguage } from '../i18n';
import { OpportunityPage } from './OpportunityPage';
import { STAGES, opportunity, stageRef } from './opportunityFixtures';

vi.mock('../ipc/client', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../ipc/client')>();
  const { createIpcMock } = await import('../test/ipcMock');
  return { ...actual, ipc: createIpcMock() };
});
const mock = ipc as unknown as IpcMock;

const DEAL = opportunity({ id: 'o-1', leadId: 'l-9', stage: stageRef('proposal'), probability: 50, weightedAmount: 600025 });
const open = (user = undefined as typeof SALES_REP | undefined) =>
  renderWithProviders(<OpportunityPage />, { route: '/opportunities/o-1', path: '/opportunities/:id', ...(user ? { user } : {}) });

beforeEach(async () => {
  vi.clearAllMocks();
  await applyLanguage('zh-CN');
  mock.stageList.mockResolvedValue(STAGES);
  mock.contactList.mockResolvedValue([]);
  mock.opportunityGet.mockResolvedValue({
    opportunity: DEAL,
    items: [{ product: '服务器', quantity: 2, unitPrice: 600025 }],
    stageChanges: [{ at: '2026-01-05T01:00:00Z', actor: 'admin', from: null, to: stageRef('proposal'), reason: null }],
    activities: [],
  });
});

describe('the opportunity page', () => {
  test('shows the money, the customer and the lead it came from', async () => {
    open();
    expect(await screen.findByTestId('opportunity-title')).toHaveTextContent('年度设备采购 方案报价');
    expect(screen.getByTestId('opportunity-amount-value')).toHaveTextContent('¥12,000.50');
    expect(screen.getByTestId('opportunity-weighted-value')).toHaveTextContent('¥6,000.25');
    expect(screen.getByTestId('opportunity-customer-link')).toHaveAttribute('href', '/customers/c-1');
    expect(screen.getByTestId('opportunity-lead-link')).toHaveAttribute('href', '/leads/l-9');
    expect(screen.getByTestId('opportunity-items')).toHaveTextContent('服务器');
    expect(screen.getByTestId('stage-history')).toHaveTextContent('创建于 方案报价');
  });

  test('moving to lost from the stage path asks why first', async () => {
    const user = userEvent.setup();
    mock.opportunityMove.mockResolvedValue({ ...DEAL, stage: stageRef('lost'), probability: 0 });
    open();
    await user.click(await screen.findByTestId('stage-step-lost'));
    await user.type(await screen.findByTestId('lost-reason-input'), '预算取消');
    await user.click(screen.getByTestId('lost-reason-submit'));
    await waitFor(() => expect(mock.opportunityMove).toHaveBeenCalledWith('o-1', 'stage-lost', '预算取消'));

    await user.click(screen.getByTestId('stage-step-negotiation'));
    await waitFor(() => expect(mock.opportunityMove).toHaveBeenLastCalledWith('o-1', 'stage-negotiation', null));
  });

  test('an edit is saved against the version it started from, items in minor units', async () => {
    const user = userEvent.setup();
    mock.opportunityUpdate.mockResolvedValue(DEAL);
    open();
    await user.click(await screen.findByTestId('opportunity-edit'));
    const price = await screen.findByTestId('item-price-0');
    expect(price).toHaveValue('6000.25');
    await user.clear(price);
    await user.type(price, '0.10');
    expect(screen.getByTestId('items-total')).toHaveTextContent('¥0.20');
    await user.click(screen.getByTestId('opportunity-form-submit'));

    await waitFor(() => expect(mock.opportunityUpdate).toHaveBeenCalled());
    const [id, version, input] = mock.opportunityUpdate.mock.calls[0];
    expect([id, version]).toEqual(['o-1', 1]);
    expect(input).toMatchObject({ customerId: 'c-1', stageId: 'stage-proposal', amount: 20, items: [{ product: '服务器', quantity: 2, unitPrice: 10 }] });
  });

  test('an activity logged here is about this opportunity', async () => {
    const user = userEvent.setup();
    mock.activityAdd.mockResolvedValue({
      id: 'a-1', customerId: 'c-1', opportunityId: 'o-1', kind: 'call', occurredAt: '2026-01-06T01:00:00Z', author: 'admin',
      subject: '确认报价', body: null, createdAt: '2026-01-06T01:00:00Z',
    });
    open();
    await user.click(await screen.findByTestId('opportunity-add-activity'));
    await user.type(screen.getByTestId('opportunity-activity-subject'), '确认报价');
    await user.click(screen.getByTestId('opportunity-activity-submit'));
    await waitFor(() =>
      expect(mock.activityAdd).toHaveBeenCalledWith('c-1', { kind: 'call', occurredAt: null, subject: '确认报价', body: null, opportunityId: 'o-1' }),
    );
    // The page asks again for the opportunity, whose activities now include it.
    await waitFor(() => expect(mock.opportunityGet).toHaveBeenCalledTimes(2));
  });

  test('someone else’s opportunity is read only', async () => {
    mock.opportunityGet.mockResolvedValue({ opportunity: { ...DEAL, mayEdit: false }, items: [], stageChanges: [], activities: [] });
    open(SALES_REP);
    await screen.findByTestId('opportunity-title');
    expect(screen.queryByTestId('opportunity-edit')).not.toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId('stage-step-won')).toBeDisabled());
  });
});
