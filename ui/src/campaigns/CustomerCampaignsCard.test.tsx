import { beforeEach, describe, expect, test, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { IpcFailure, ipc } from '../ipc/client';
import { renderWithProviders } from '../test/render';
import { applyLanguage } from '../i18n';
import { CUSTOMER_CAMPAIGNS, type CampaignIpcMock } from './campaignFixtures';
import { CustomerCampaignsCard } from './CustomerCampaignsCard';

vi.mock('../ipc/client', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../ipc/client')>();
  const { createCampaignIpcMock } = await import('./campaignFixtures');
  return { ...actual, ipc: createCampaignIpcMock() };
});
const mock = ipc as unknown as CampaignIpcMock;

const open = (readOnly = false) => renderWithProviders(<CustomerCampaignsCard customerId="c-1" readOnly={readOnly} />);
const item = (name: string) => screen.getAllByTestId('customer-campaign').find((i) => i.textContent?.includes(name))!;

beforeEach(async () => {
  vi.clearAllMocks();
  await applyLanguage('zh-CN');
  mock.customerCampaigns.mockResolvedValue(CUSTOMER_CAMPAIGNS);
  mock.customerSetUnsubscribed.mockResolvedValue(null);
});

describe('the customer’s campaigns', () => {
  test('lists the campaigns with what became of each, linked to the campaign', async () => {
    open();
    await waitFor(() => expect(screen.getAllByTestId('customer-campaign')).toHaveLength(2));
    expect(mock.customerCampaigns).toHaveBeenCalledWith('c-1');
    expect(screen.getByTestId('customer-campaigns')).toHaveTextContent('营销活动 (2)');
    expect(within(item('三月回访')).getByTestId('recipient-outcome')).toHaveTextContent('已送达');
    expect(within(item('三月回访')).getByTestId('customer-campaign-responded')).toHaveTextContent('已回复');
    expect(within(item('三月回访')).getByTestId('customer-campaign-converted')).toHaveTextContent('已转化');
    expect(item('三月回访')).toHaveTextContent(/送达 2026-03-10/);
    expect(within(item('三月回访')).getByRole('link', { name: '三月回访' })).toHaveAttribute('href', '/campaigns/k-sent');
    expect(within(item('双十一预热')).getByTestId('recipient-outcome')).toHaveTextContent('已排除');
    expect(within(item('双十一预热')).queryByTestId('customer-campaign-responded')).not.toBeInTheDocument();
  });

  test('switching "receives campaigns" off unsubscribes the customer', async () => {
    const user = userEvent.setup();
    open();
    const toggle = await screen.findByTestId('customer-receives-campaigns');
    expect(toggle).toBeChecked();
    expect(screen.queryByTestId('customer-unsubscribed-at')).not.toBeInTheDocument();
    mock.customerCampaigns.mockResolvedValue({ ...CUSTOMER_CAMPAIGNS, unsubscribedAt: '2026-03-20T02:00:00Z' });
    await user.click(toggle);
    await waitFor(() => expect(mock.customerSetUnsubscribed).toHaveBeenCalledWith('c-1', true));
    expect(await screen.findByText('已退订营销邮件')).toBeInTheDocument();
    // Read again: off, with the day.
    expect(await screen.findByTestId('customer-unsubscribed-at')).toHaveTextContent(/已于 2026-03-20 \d\d:00 退订/);
    expect(screen.getByTestId('customer-receives-campaigns')).not.toBeChecked();
  });

  test('an unsubscribed customer is subscribed again by switching it on; a refusal says why', async () => {
    const user = userEvent.setup();
    mock.customerCampaigns.mockResolvedValue({ unsubscribedAt: '2026-03-20T02:00:00Z', campaigns: [] });
    open();
    expect(await screen.findByTestId('customer-campaigns-empty')).toHaveTextContent('还没有收到过营销活动');
    const toggle = screen.getByTestId('customer-receives-campaigns');
    expect(toggle).not.toBeChecked();
    mock.customerSetUnsubscribed.mockRejectedValueOnce(new IpcFailure('forbidden', 'customer c-1 is outside your territories'));
    await user.click(toggle);
    await waitFor(() => expect(mock.customerSetUnsubscribed).toHaveBeenCalledWith('c-1', false));
    expect(await screen.findByText('操作失败：customer c-1 is outside your territories')).toBeInTheDocument();
  });

  test('a customer in the trash cannot be switched', async () => {
    open(true);
    expect(await screen.findByTestId('customer-receives-campaigns')).toBeDisabled();
  });

  test('speaks English', async () => {
    await applyLanguage('en');
    open();
    expect(await screen.findByText('Receives campaigns')).toBeInTheDocument();
    await waitFor(() => expect(within(item('三月回访')).getByTestId('recipient-outcome')).toHaveTextContent('Delivered'));
    expect(screen.getByTestId('customer-campaigns')).toHaveTextContent('Campaigns (2)');
  });
});
