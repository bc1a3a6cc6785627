import { beforeEach, describe, expect, test, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { IpcFailure, ipc } from '../ipc/client';
import { renderWithProviders } from '../test/render';
import type { UserEvent } from '@testing-library/user-event';
import { applyLanguage } from '../i18n';
import { SEGMENTS, SEGMENT_FIELDS } from '../segments/segmentFixtures';
import { CAMPAIGNS, campaign, type CampaignIpcMock } from './campaignFixtures';
import { CampaignsPage } from './CampaignsPage';

vi.mock('../ipc/client', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../ipc/client')>();
  const { createCampaignIpcMock } = await import('./campaignFixtures');
  return { ...actual, ipc: createCampaignIpcMock() };
});
const mock = ipc as unknown as CampaignIpcMock;

/**
 * Opens the Select and clicks the option with this title in its own popup: the segment and the
 * excluded segment offer the same names, and a closed popup stays in the document.
 */
async function choose(user: UserEvent, testId: string, title: string) {
  await user.click(within(screen.getByTestId(testId)).getByRole('combobox'));
  await waitFor(() => expect(document.querySelector('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')).not.toBeNull());
  const popups = [...document.querySelectorAll<HTMLElement>('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')];
  await user.click(within(popups[popups.length - 1]).getByTitle(title));
}

const row = (name: string) => screen.getAllByTestId('campaign-row').find((r) => r.textContent?.includes(name))!;

beforeEach(async () => {
  vi.clearAllMocks();
  await applyLanguage('zh-CN');
  mock.campaignList.mockResolvedValue(CAMPAIGNS);
  mock.segmentList.mockResolvedValue(SEGMENTS);
  mock.segmentFields.mockResolvedValue(SEGMENT_FIELDS);
});

describe('the campaigns list', () => {
  test('shows each campaign’s segment (and the one it leaves out), status, sending time and owner', async () => {
    renderWithProviders(<CampaignsPage />, { route: '/campaigns' });
    await waitFor(() => expect(screen.getAllByTestId('campaign-row')).toHaveLength(3));

    expect(within(row('春季新品推荐')).getByTestId('campaign-status')).toHaveTextContent('草稿');
    expect(within(row('会员日')).getByTestId('campaign-status')).toHaveTextContent('发送中');
    expect(within(row('三月回访')).getByTestId('campaign-status')).toHaveTextContent('已发送');
    expect(within(row('春季新品推荐')).getByTestId('campaign-row-segment')).toHaveTextContent('VIP 客户排除：黑名单');
    expect(within(row('三月回访')).getByTestId('campaign-row-segment')).toHaveTextContent(/^VIP 客户$/);
    expect(within(row('三月回访')).getByTestId('campaign-row-sent-at')).toHaveTextContent(/2026-03-10 \d\d:00/);
    expect(within(row('春季新品推荐')).queryByTestId('campaign-row-sent-at')).not.toBeInTheDocument();
    expect(row('会员日')).toHaveTextContent('admin');
    expect(within(row('三月回访')).getByTestId('campaign-link')).toHaveAttribute('href', '/campaigns/k-sent');

    await applyLanguage('en');
    expect(within(row('三月回访')).getByTestId('campaign-status')).toHaveTextContent('Sent');
    expect(within(row('春季新品推荐')).getByTestId('campaign-row-segment')).toHaveTextContent('Excluding: 黑名单');
    expect(screen.getByTestId('campaign-new')).toHaveTextContent('New campaign');
  });

  test('says so when there are no campaigns', async () => {
    mock.campaignList.mockResolvedValue([]);
    renderWithProviders(<CampaignsPage />, { route: '/campaigns' });
    expect(await screen.findByTestId('campaigns-empty')).toHaveTextContent('还没有营销活动');
  });

  test('a new campaign: placeholders go in at the cursor, the core’s refusal shows in the form, then it saves and opens', async () => {
    const user = userEvent.setup();
    mock.campaignCreate
      .mockRejectedValueOnce(new IpcFailure('invalid_input', 'the placeholder {{生日}} names no field'))
      .mockImplementation((input) => Promise.resolve(campaign({ ...input, id: 'k-new', fromName: input.fromName ?? null })));
    renderWithProviders(<CampaignsPage />, { route: '/campaigns' });
    await user.click(await screen.findByTestId('campaign-new'));

    await user.type(await screen.findByTestId('campaign-name'), ' 清明踏青 ');
    await choose(user, 'campaign-segment', 'VIP 客户');
    await choose(user, 'campaign-exclude-segment', '黑名单');
    await user.type(screen.getByTestId('campaign-from-address'), 'marketing@huadong.cn');
    expect(screen.getByRole('radio', { name: '中文' })).toBeChecked();
    const days = within(screen.getByTestId('campaign-attribution-days')).queryByRole('spinbutton') ?? screen.getByTestId('campaign-attribution-days');
    expect(days).toHaveValue('30');

    // Into the subject at the caret: between the two words typed.
    const subject = screen.getByTestId('campaign-subject');
    await user.type(subject, '您好新品');
    (subject as HTMLInputElement).setSelectionRange(2, 2);
    await choose(user, 'campaign-placeholder-picker', '名称');
    expect(subject).toHaveValue('您好{{name}}新品');

    // Into the body (the field last in focus), at its end.
    const body = screen.getByTestId('campaign-body');
    await user.type(body, '所在城市：');
    expect(screen.getByTestId('campaign-insert-target')).toHaveTextContent('插入到：正文');
    await choose(user, 'campaign-placeholder-picker', '城市');
    expect(body).toHaveValue('所在城市：{{city}}');

    await user.click(screen.getByTestId('campaign-save'));
    expect(await screen.findByTestId('campaign-editor-error')).toHaveTextContent('the placeholder {{生日}} names no field');
    expect(screen.getByTestId('location')).toHaveTextContent('/campaigns');

    await user.click(screen.getByTestId('campaign-save'));
    const expected = {
      name: '清明踏青',
      segmentId: 'seg-vip',
      excludeSegmentId: 'seg-black',
      fromAddress: 'marketing@huadong.cn',
      fromName: null,
      subject: '您好{{name}}新品',
      body: '所在城市：{{city}}',
      language: 'zh-CN',
      attributionDays: 30,
    };
    await waitFor(() => expect(mock.campaignCreate).toHaveBeenCalledTimes(2));
    expect(mock.campaignCreate).toHaveBeenLastCalledWith(expected);
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/campaigns/k-new'));
  });

  test('the placeholder picker offers the e-mail address but no order figures or segment memberships', async () => {
    const user = userEvent.setup();
    renderWithProviders(<CampaignsPage />, { route: '/campaigns' });
    await user.click(await screen.findByTestId('campaign-new'));
    await user.click(within(await screen.findByTestId('campaign-placeholder-picker')).getByRole('combobox'));
    expect(await screen.findByTitle('邮箱')).toBeInTheDocument();
    expect(screen.getByTitle('价值等级')).toBeInTheDocument();
    expect(screen.getByTitle('地区类型')).toBeInTheDocument();
    expect(screen.queryByTitle('订单数')).not.toBeInTheDocument();
    expect(screen.queryByTitle('所属分组')).not.toBeInTheDocument();
  });

  test('nothing is sent without a name and a segment', async () => {
    const user = userEvent.setup();
    renderWithProviders(<CampaignsPage />, { route: '/campaigns' });
    await user.click(await screen.findByTestId('campaign-new'));
    await user.type(await screen.findByTestId('campaign-name'), '无分组');
    await user.click(screen.getByTestId('campaign-save'));
    expect(await screen.findByTestId('campaign-editor-error')).toHaveTextContent('请填写活动名称并选择目标分组');
    expect(mock.campaignCreate).not.toHaveBeenCalled();
  });
});
