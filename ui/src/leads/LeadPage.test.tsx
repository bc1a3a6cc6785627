import { beforeEach, describe, expect, test, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { IpcFailure, ipc, type LeadAction } from '../ipc/client';
import type { IpcMock } from '../test/ipcMock';
import { SALES_REP, customer } from '../test/fixtures';
import { renderWithProviders } from '../test/render';
import { popconfirmButton } from '../test/antdControls';
import { applyLanguage } from '../i18n';
import { LeadPage } from './LeadPage';
import { ASSIGNEES, lead, leadDetail } from './leadFixtures';

vi.mock('../ipc/client', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../ipc/client')>();
  const { createIpcMock } = await import('../test/ipcMock');
  return { ...actual, ipc: createIpcMock() };
});
const mock = ipc as unknown as IpcMock;

const OWNED = lead({
  status: 'pending', owner: 'lina', ownerName: '李娜',
  allowedActions: ['assign', 'follow_up', 'mark_invalid', 'convert', 'void', 'return'],
});

const open = () => renderWithProviders(<LeadPage />, { route: '/leads/l-1', path: '/leads/:id', user: SALES_REP });
const shownActions = () =>
  within(screen.getByTestId('lead-action-bar'))
    .queryAllByRole('button')
    .map((b) => b.getAttribute('data-testid'));

beforeEach(async () => {
  vi.clearAllMocks();
  await applyLanguage('zh-CN');
  mock.leadGet.mockResolvedValue(leadDetail(OWNED));
  mock.leadAct.mockResolvedValue(OWNED);
});

describe('LeadPage', () => {
  test('the header shows the status, owner and territory; the bar offers exactly the allowed actions', async () => {
    open();
    expect(await screen.findByTestId('lead-status')).toHaveTextContent('待处理');
    expect(screen.getByTestId('lead-owner')).toHaveTextContent('李娜');
    expect(screen.getByTestId('lead-territory')).toHaveTextContent('华南区');
    expect(shownActions()).toEqual([
      'lead-action-assign', 'lead-action-return', 'lead-action-mark_invalid', 'lead-action-void', 'lead-action-convert',
    ]);
    // Follow-up has its own form, offered because the core allows it; editing goes with it.
    expect(screen.getByTestId('followup-subject')).toBeInTheDocument();
    expect(screen.getByTestId('lead-edit')).toBeInTheDocument();
  });

  test('a lead in the pool offers only what the core allows: here, claiming', async () => {
    mock.leadGet.mockResolvedValue(leadDetail(lead({ allowedActions: ['claim'] })));
    open();
    expect(await screen.findByTestId('lead-owner')).toHaveTextContent('在线索池中');
    expect(shownActions()).toEqual(['lead-action-claim']);
    expect(screen.queryByTestId('followup-subject')).toBeNull();
    expect(screen.queryByTestId('lead-edit')).toBeNull();
  });

  test.each<[LeadAction[], string[]]>([
    [['reopen', 'void', 'return'], ['lead-action-reopen', 'lead-action-return', 'lead-action-void']],
    [['restore'], ['lead-action-restore']],
    [[], []],
  ])('allowed %j shows %j', async (allowed, buttons) => {
    mock.leadGet.mockResolvedValue(leadDetail(lead({ status: 'invalid', allowedActions: allowed })));
    open();
    await screen.findByTestId('lead-status');
    expect(shownActions()).toEqual(buttons);
  });

  test('voiding asks for a reason and sends it', async () => {
    const user = userEvent.setup();
    open();
    await user.click(await screen.findByTestId('lead-action-void'));
    await user.click(await screen.findByTestId('lead-reason-submit'));
    expect(await screen.findByText('请填写原因')).toBeInTheDocument();
    expect(mock.leadAct).not.toHaveBeenCalled();

    await user.type(screen.getByTestId('lead-reason-input'), '重复录入的线索');
    await user.click(screen.getByTestId('lead-reason-submit'));
    await waitFor(() =>
      expect(mock.leadAct).toHaveBeenCalledWith('l-1', { action: 'void', reason: '重复录入的线索', assignee: null }),
    );
    expect(await screen.findByText('已作废')).toBeInTheDocument();
  });

  test('a refused action stays in its dialog with the core’s reason', async () => {
    const user = userEvent.setup();
    mock.leadAct.mockRejectedValueOnce(new IpcFailure('illegal_transition', 'a lead that is 已转换 (converted) cannot be marked invalid'));
    open();
    await user.click(await screen.findByTestId('lead-action-mark_invalid'));
    await user.type(await screen.findByTestId('lead-reason-input'), '空号');
    await user.click(screen.getByTestId('lead-reason-submit'));
    expect(await screen.findByText(/cannot be marked invalid/)).toBeInTheDocument();
    expect(screen.getByTestId('lead-reason-input')).toHaveValue('空号');
  });

  test('returning to the pool is confirmed first', async () => {
    const user = userEvent.setup();
    open();
    await user.click(await screen.findByTestId('lead-action-return'));
    expect(mock.leadAct).not.toHaveBeenCalled();
    await user.click(await popconfirmButton(/退回线索池/));
    await waitFor(() => expect(mock.leadAct).toHaveBeenCalledWith('l-1', { action: 'return', reason: null, assignee: null }));
  });

  test('assigning picks from the people who may take the lead; those at their limit cannot be picked', async () => {
    const user = userEvent.setup();
    mock.leadAssignees.mockResolvedValue(ASSIGNEES);
    open();
    await user.click(await screen.findByTestId('lead-action-assign'));
    const select = await screen.findByTestId('lead-assignee-select');
    await waitFor(() => expect(mock.leadAssignees).toHaveBeenCalledWith('l-1'));
    await user.click(within(select).getByRole('combobox'));
    const options = await screen.findAllByTestId('lead-assignee-option');
    expect(options[0]).toHaveTextContent('在手 3 条');
    expect(options[1]).toHaveTextContent('已满额');
    expect(options[1].closest('.ant-select-item')).toHaveClass('ant-select-item-option-disabled');
    await user.click(options[0]);
    await user.click(screen.getByTestId('lead-assign-submit'));
    await waitFor(() => expect(mock.leadAct).toHaveBeenCalledWith('l-1', { action: 'assign', reason: null, assignee: 'lina' }));
  });

  test('a follow-up is recorded with its kind, result and details', async () => {
    const user = userEvent.setup();
    mock.leadFollowUp.mockResolvedValue(OWNED);
    open();
    await user.click(await screen.findByText('拜访'));
    await user.type(screen.getByTestId('followup-subject'), '上门拜访，确认需求');
    await user.type(screen.getByTestId('followup-notes'), '下周报价');
    await user.click(screen.getByTestId('followup-submit'));
    await waitFor(() =>
      expect(mock.leadFollowUp).toHaveBeenCalledWith('l-1', {
        kind: 'visit', occurredAt: null, subject: '上门拜访，确认需求', body: '下周报价', opportunityId: null,
      }),
    );
  });

  test('the story shows each change with its statuses and reason; a converted lead links to where it went', async () => {
    mock.customerGet.mockResolvedValue(customer({ id: 'c-7', name: '深圳创新科技' }));
    mock.leadGet.mockResolvedValue(
      leadDetail(lead({ status: 'converted', owner: 'lina', ownerName: '李娜', customerId: 'c-7', opportunityId: 'o-3', allowedActions: [] }), {
        transitions: [
          { at: '2025-06-03T01:00:00Z', actor: '李娜', action: 'convert', from: 'following_up', to: 'converted', owner: 'lina', reason: null },
          { at: '2025-06-02T01:00:00Z', actor: '李娜', action: 'mark_invalid', from: 'pending', to: 'invalid', owner: 'lina', reason: '空号' },
        ],
      }),
    );
    open();
    const items = await screen.findAllByTestId('lead-transition');
    expect(items[0]).toHaveTextContent('转换');
    expect(items[0]).toHaveTextContent('跟进中');
    expect(items[0]).toHaveTextContent('已转换');
    expect(items[1]).toHaveTextContent('标记无效');
    expect(items[1]).toHaveTextContent('原因：空号');
    expect(await screen.findByTestId('lead-customer-link')).toHaveAttribute('href', '/customers/c-7');
    expect(screen.getByTestId('lead-customer-link')).toHaveTextContent('打开客户 深圳创新科技');
    expect(screen.getByTestId('lead-opportunity-link')).toHaveAttribute('href', '/opportunities/o-3');
  });

  test('an edit is saved with the version it started from; a conflict is explained', async () => {
    const user = userEvent.setup();
    mock.leadUpdate.mockRejectedValueOnce(new IpcFailure('conflict', "lead '周杰' was changed by 王强"));
    open();
    await user.click(await screen.findByTestId('lead-edit'));
    const city = await screen.findByTestId('lead-field-city');
    await user.clear(city);
    await user.type(city, '广州');
    await user.click(screen.getByRole('button', { name: /^保\s?存$/ }));
    await waitFor(() => expect(mock.leadUpdate).toHaveBeenCalledWith('l-1', 2, expect.objectContaining({ name: '周杰', city: '广州' })));
    expect(await screen.findByTestId('lead-form-error')).toHaveTextContent('这条线索已在别处被修改');
  });

  test('a lead that does not exist says so', async () => {
    mock.leadGet.mockRejectedValue(new IpcFailure('not_found', 'no lead with id l-1'));
    open();
    expect(await screen.findByText('找不到这条线索')).toBeInTheDocument();
  });
});

