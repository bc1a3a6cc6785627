import { beforeEach, describe, expect, test, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ipc } from '../ipc/client';
import type { IpcMock } from '../test/ipcMock';
import { customer } from '../test/fixtures';
import { renderWithProviders } from '../test/render';
import { applyLanguage } from '../i18n';
import { CustomerSalesCard } from './CustomerSalesCard';
import { STAGES, lead, opportunity, stageRef } from './opportunityFixtures';

vi.mock('../ipc/client', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../ipc/client')>();
  const { createIpcMock } = await import('../test/ipcMock');
  return { ...actual, ipc: createIpcMock() };
});
const mock = ipc as unknown as IpcMock;

beforeEach(async () => {
  vi.clearAllMocks();
  await applyLanguage('zh-CN');
  mock.customerGet.mockResolvedValue(customer({ id: 'c-1', name: '华为技术有限公司', kind: 'enterprise' }));
  mock.customerLeads.mockResolvedValue([lead(), lead({ id: 'l-2', name: '官网留言', status: 'following_up' })]);
  mock.opportunityList.mockResolvedValue({
    items: [opportunity(), opportunity({ id: 'o-2', name: '运维服务续约', stage: stageRef('won'), amount: 880008, currency: 'USD' })],
    nextCursor: null,
  });
  mock.stageList.mockResolvedValue(STAGES);
  mock.contactList.mockResolvedValue([]);
});

describe('the customer’s sales card', () => {
  test('lists the customer’s opportunities and leads with links', async () => {
    renderWithProviders(<CustomerSalesCard customerId="c-1" readOnly={false} />);
    const opportunities = await screen.findAllByTestId('customer-sales-opportunity');
    expect(mock.opportunityList).toHaveBeenCalledWith({ customerId: 'c-1', limit: 100 });
    expect(opportunities).toHaveLength(2);
    expect(opportunities[0]).toHaveTextContent('年度设备采购');
    expect(opportunities[0]).toHaveTextContent('初步沟通');
    expect(opportunities[0]).toHaveTextContent('¥12,000.50');
    expect(opportunities[0]).toHaveTextContent('2026-03-31');
    expect(opportunities[1]).toHaveTextContent('US$8,800.08');
    expect(screen.getByRole('link', { name: '年度设备采购' })).toHaveAttribute('href', '/opportunities/o-1');

    const leads = await screen.findAllByTestId('customer-sales-lead');
    expect(leads[0]).toHaveTextContent('展会咨询：智能仓储');
    expect(leads[0]).toHaveTextContent('已转换');
    expect(leads[1]).toHaveTextContent('跟进中');
    expect(screen.getByRole('link', { name: '官网留言' })).toHaveAttribute('href', '/leads/l-2');
  });

  test('opens a new opportunity for this customer', async () => {
    const user = userEvent.setup();
    renderWithProviders(<CustomerSalesCard customerId="c-1" readOnly={false} />);
    await screen.findAllByTestId('customer-sales-opportunity');
    await user.click(screen.getByTestId('customer-sales-new'));
    const picker = await screen.findByTestId('opportunity-customer');
    await waitFor(() => expect(picker).toHaveTextContent('华为技术有限公司'));
  });

  test('offers no new opportunity for a customer in the trash', async () => {
    renderWithProviders(<CustomerSalesCard customerId="c-1" readOnly />);
    await screen.findAllByTestId('customer-sales-opportunity');
    expect(screen.queryByTestId('customer-sales-new')).not.toBeInTheDocument();
  });
});
