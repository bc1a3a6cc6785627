import { beforeEach, describe, expect, test, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { IpcFailure, ipc, type Campaign } from '../ipc/client';
import { renderWithProviders } from '../test/render';
import { chooseOption, popconfirmButton } from '../test/antdControls';
import { applyLanguage } from '../i18n';
import { SEGMENTS, SEGMENT_FIELDS, memberRow } from '../segments/segmentFixtures';
import { AUDIENCE, DRAFT, RECIPIENTS, RESULTS, SENDING, SENT, preview, recipient, type CampaignIpcMock } from './campaignFixtures';
import { CampaignPage } from './CampaignPage';

vi.mock('../ipc/client', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../ipc/client')>();
  const { createCampaignIpcMock } = await import('./campaignFixtures');
  return { ...actual, ipc: createCampaignIpcMock() };
});
const mock = ipc as unknown as CampaignIpcMock;

const EML_DIR = '/home/lina/Documents/Kehu CRM/campaigns/春季新品推荐';

function open(c: Campaign) {
  mock.campaignGet.mockResolvedValue(c);
  return renderWithProviders(<CampaignPage />, { route: `/campaigns/${c.id}`, path: '/campaigns/:id' });
}

const recipientRow = (name: string) => screen.getAllByTestId('recipient-row').find((r) => r.textContent?.includes(name))!;
const stat = (testId: string) => screen.getByTestId(testId).querySelector('.ant-statistic-content')?.textContent;

beforeEach(async () => {
  vi.clearAllMocks();
  await applyLanguage('zh-CN');
  mock.segmentList.mockResolvedValue(SEGMENTS);
  mock.segmentFields.mockResolvedValue(SEGMENT_FIELDS);
  mock.segmentMembers.mockResolvedValue({
    rows: [memberRow(), memberRow({ id: 'c-2', name: '李雷', company: null })],
    nextCursor: null,
  });
  mock.campaignAudience.mockResolvedValue(AUDIENCE);
  mock.campaignPreview.mockImplementation((_, customerId) =>
    Promise.resolve(
      customerId === 'c-2'
        ? preview({ customerId: 'c-2', customerName: '李雷', email: null, subject: '李雷，春季新品上市', excluded: 'in the excluded segment' })
        : preview(),
    ),
  );
  mock.campaignDefaultEmlDirectory.mockResolvedValue(EML_DIR);
  mock.campaignResults.mockResolvedValue(RESULTS);
  mock.campaignRecipients.mockResolvedValue({ rows: RECIPIENTS, nextCursor: null });
});

describe('a draft campaign', () => {
  test('shows its audience, sender and segments, and previews the first member’s message, then another’s', async () => {
    const user = userEvent.setup();
    open(DRAFT);
    expect(await screen.findByTestId('campaign-title')).toHaveTextContent('春季新品推荐');
    expect(screen.getByTestId('campaign-status')).toHaveTextContent('草稿');
    expect(screen.getByTestId('campaign-from')).toHaveTextContent('华东贸易 <marketing@huadong.cn>');
    expect(screen.getByTestId('campaign-exclude')).toHaveTextContent('黑名单');
    expect(screen.getByTestId('campaign-attribution')).toHaveTextContent('30 天');

    await waitFor(() => expect(stat('audience-recipients')).toBe('100'));
    expect(stat('audience-members')).toBe('128');
    expect(stat('audience-blacklisted')).toBe('−3');
    expect(stat('audience-unsubscribed')).toBe('−5');
    expect(stat('audience-withoutAddress')).toBe('−20');

    // The first of the segment's first 100 members, at once.
    expect(await screen.findByTestId('campaign-preview-subject')).toHaveTextContent('张伟，春季新品上市');
    expect(mock.segmentMembers).toHaveBeenCalledWith('seg-vip', null, 100);
    expect(mock.campaignPreview).toHaveBeenCalledWith('k-draft', 'c-1');
    expect(screen.getByTestId('campaign-preview-to')).toHaveTextContent('张伟 <zhang.wei@huawei.com>');
    expect(screen.getByTestId('campaign-preview-body').textContent).toBe('尊敬的 张伟：\n华为技术有限公司的专属优惠已开启。');
    expect(screen.queryByTestId('campaign-preview-excluded')).not.toBeInTheDocument();

    await chooseOption(user, screen.getByTestId('campaign-preview-customer'), '李雷');
    expect(await screen.findByTestId('campaign-preview-excluded')).toHaveTextContent('这位客户不会收到邮件：在排除分组中');
    expect(mock.campaignPreview).toHaveBeenLastCalledWith('k-draft', 'c-2');
    expect(screen.getByTestId('campaign-preview-to')).toHaveTextContent('无邮箱地址');

    // No results before it is sent; everything may be done to a draft.
    expect(screen.queryByTestId('campaign-results')).not.toBeInTheDocument();
    expect(mock.campaignResults).not.toHaveBeenCalled();
    expect(screen.getByTestId('campaign-edit')).toBeEnabled();
    expect(screen.getByTestId('campaign-delete')).toBeEnabled();
    expect(screen.getByTestId('campaign-send')).toHaveTextContent('发送');
  });

  test('a message the core cannot render shows its reason', async () => {
    mock.campaignPreview.mockRejectedValue(new IpcFailure('invalid_input', 'the placeholder {{生日}} names no field'));
    open(DRAFT);
    expect(await screen.findByTestId('campaign-preview-error')).toHaveTextContent('无法预览：the placeholder {{生日}} names no field');
  });

  test('sent as .eml files into the suggested folder, the delivery report follows', async () => {
    const user = userEvent.setup();
    mock.campaignSend.mockResolvedValue({ delivered: 100, failed: 0, skipped: 28, pending: 0, stopped: null });
    open(DRAFT);
    await user.click(await screen.findByTestId('campaign-send'));
    const folder = await screen.findByTestId('campaign-send-folder');
    await waitFor(() => expect(folder).toHaveValue(EML_DIR));
    expect(mock.campaignDefaultEmlDirectory).toHaveBeenCalledWith('春季新品推荐');
    expect(screen.getByTestId('campaign-send-audience')).toHaveTextContent('将发送给 100 位收件人');

    await user.click(screen.getByTestId('campaign-send-confirm'));
    await waitFor(() => expect(mock.campaignSend).toHaveBeenCalledWith('k-draft', { channel: 'eml', emlDirectory: EML_DIR }));
    const report = await screen.findByTestId('campaign-send-report');
    expect(within(report).getByTestId('report-delivered')).toHaveTextContent('100');
    expect(within(report).getByTestId('report-skipped')).toHaveTextContent('28');
    expect(within(report).getByTestId('report-failed')).toHaveTextContent('0');
    expect(within(report).getByTestId('campaign-send-complete')).toHaveTextContent('发送完成');
    expect(screen.queryByTestId('campaign-send-again')).not.toBeInTheDocument();
  });

  test('through SMTP: a run the server stopped says why, and sending again continues it', async () => {
    const user = userEvent.setup();
    mock.campaignSend
      .mockResolvedValueOnce({ delivered: 40, failed: 1, skipped: 28, pending: 59, stopped: 'the SMTP server cannot be used: connection refused' })
      .mockResolvedValueOnce({ delivered: 59, failed: 0, skipped: 0, pending: 0, stopped: null });
    open(DRAFT);
    await user.click(await screen.findByTestId('campaign-send'));
    await user.click(await screen.findByTestId('campaign-channel-smtp'));
    expect(screen.queryByTestId('campaign-send-folder')).not.toBeInTheDocument();
    await user.click(screen.getByTestId('campaign-send-confirm'));

    expect(await screen.findByTestId('campaign-send-stopped')).toHaveTextContent(
      '发送中断：the SMTP server cannot be used: connection refused',
    );
    expect(screen.getByTestId('campaign-send-stopped')).toHaveTextContent('再次发送以继续');
    expect(within(screen.getByTestId('campaign-send-report')).getByTestId('report-pending')).toHaveTextContent('59');
    expect(mock.campaignSend).toHaveBeenCalledWith('k-draft', { channel: 'smtp', emlDirectory: null });

    await user.click(screen.getByTestId('campaign-send-again'));
    expect(await screen.findByTestId('campaign-send-complete')).toBeInTheDocument();
    expect(mock.campaignSend).toHaveBeenCalledTimes(2);
    expect(mock.campaignSend).toHaveBeenLastCalledWith('k-draft', { channel: 'smtp', emlDirectory: null });
    expect(within(screen.getByTestId('campaign-send-report')).getByTestId('report-delivered')).toHaveTextContent('59');
  });

  test('a refused send shows the core’s message in the dialog', async () => {
    const user = userEvent.setup();
    mock.campaignSend.mockRejectedValue(new IpcFailure('invalid_input', 'no SMTP server is configured; an administrator sets one in the settings'));
    open(DRAFT);
    await user.click(await screen.findByTestId('campaign-send'));
    await user.click(await screen.findByTestId('campaign-channel-smtp'));
    await user.click(screen.getByTestId('campaign-send-confirm'));
    expect(await screen.findByTestId('campaign-send-error')).toHaveTextContent('no SMTP server is configured');
    expect(screen.queryByTestId('campaign-send-report')).not.toBeInTheDocument();
  });

  test('is deleted after a confirmation', async () => {
    const user = userEvent.setup();
    mock.campaignDelete.mockResolvedValue(null);
    open(DRAFT);
    await user.click(await screen.findByTestId('campaign-delete'));
    await user.click(await popconfirmButton(/确\s*定/));
    await waitFor(() => expect(mock.campaignDelete).toHaveBeenCalledWith('k-draft'));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(/^\/campaigns$/));
  });
});

describe('a sent campaign', () => {
  test('shows its results with their definitions; its message cannot be edited any more', async () => {
    open(SENT);
    await waitFor(() => expect(stat('results-reached')).toBe('100'));
    expect(stat('results-recipients')).toBe('120');
    expect(stat('results-failed')).toBe('2');
    expect(stat('results-skipped')).toBe('18');
    expect(stat('results-responded')).toBe('12');
    expect(stat('results-converted')).toBe('7');
    expect(stat('results-attributedOrders')).toBe('9');
    expect(screen.getAllByTestId('campaign-amount').map((a) => a.textContent)).toEqual(['¥1,234.50', 'US$8,800.08']);
    expect(screen.getByTestId('campaign-results-help')).toHaveTextContent('已转化：手动标记为已转化，或在送达后的归因窗口内下了已付款或已完成的订单');
    expect(screen.getByTestId('campaign-channel')).toHaveTextContent('.eml 文件/home/lina/Documents/Kehu CRM/campaigns/三月回访');
    expect(screen.getByTestId('campaign-sent')).toHaveTextContent(/2026-03-10 \d\d:00 · lina/);

    expect(screen.getByTestId('campaign-edit')).toBeDisabled();
    expect(screen.getByTestId('campaign-delete')).toBeEnabled();
    // Two recipients failed: they can be sent again.
    expect(screen.getByTestId('campaign-send')).toHaveTextContent('重发未送达的邮件');
    expect(screen.getByTestId('campaign-send')).toBeEnabled();
    expect(screen.queryByTestId('campaign-audience')).not.toBeInTheDocument();
  });

  test('with every recipient delivered or skipped there is nothing to send; one being sent continues and is not deleted', async () => {
    mock.campaignResults.mockResolvedValue({ ...RESULTS, failed: 0, pending: 0 });
    const sent = open(SENT);
    await waitFor(() => expect(stat('results-failed')).toBe('0'));
    expect(screen.getByTestId('campaign-send')).toBeDisabled();
    sent.unmount();

    open(SENDING);
    expect(await screen.findByTestId('campaign-send')).toHaveTextContent('继续发送');
    expect(screen.getByTestId('campaign-send')).toBeEnabled();
    expect(screen.getByTestId('campaign-delete')).toBeDisabled();
    expect(screen.getByTestId('campaign-edit')).toBeDisabled();
  });

  test('the recipients: outcomes, reasons in words (a server’s own message as it came), filter and more pages', async () => {
    const user = userEvent.setup();
    mock.campaignRecipients.mockImplementation((_, outcome, cursor) =>
      Promise.resolve(
        outcome === 'failed'
          ? { rows: [RECIPIENTS[2]], nextCursor: null }
          : cursor === null
            ? { rows: RECIPIENTS, nextCursor: 'c-4' }
            : { rows: [recipient({ customerId: 'c-5', customerName: '孙丽' })], nextCursor: null },
      ),
    );
    open(SENT);
    await waitFor(() => expect(screen.getAllByTestId('recipient-row')).toHaveLength(4));
    expect(mock.campaignRecipients).toHaveBeenCalledWith('k-sent', null, null, 50);
    expect(within(recipientRow('张伟')).getByTestId('recipient-outcome')).toHaveTextContent('已送达');
    expect(within(recipientRow('张伟')).getByTestId('recipient-responded')).toHaveTextContent('已回复');
    expect(within(recipientRow('李雷')).getByTestId('recipient-reason')).toHaveTextContent('在排除分组中');
    expect(within(recipientRow('赵敏')).getByTestId('recipient-reason')).toHaveTextContent('无邮箱地址');
    expect(within(recipientRow('赵敏')).getByTestId('recipient-unsubscribed')).toHaveTextContent('已退订');
    expect(within(recipientRow('王芳')).getByTestId('recipient-reason')).toHaveTextContent('the server refused it: 550 mailbox unavailable');
    expect(within(recipientRow('王芳')).getByTestId('recipient-outcome')).toHaveTextContent('发送失败');

    await user.click(screen.getByTestId('recipients-more'));
    await waitFor(() => expect(screen.getAllByTestId('recipient-row')).toHaveLength(5));
    expect(mock.campaignRecipients).toHaveBeenLastCalledWith('k-sent', null, 'c-4', 50);
    expect(screen.queryByTestId('recipients-more')).not.toBeInTheDocument();

    await user.click(within(screen.getByTestId('recipients-filter')).getByText('发送失败'));
    await waitFor(() => expect(screen.getAllByTestId('recipient-row')).toHaveLength(1));
    expect(mock.campaignRecipients).toHaveBeenLastCalledWith('k-sent', 'failed', null, 50);
    expect(recipientRow('王芳')).toBeInTheDocument();
  });

  test('marks and unmarks the selected recipients', async () => {
    const user = userEvent.setup();
    mock.campaignMark.mockResolvedValue(2);
    open(SENT);
    await waitFor(() => expect(screen.getAllByTestId('recipient-row')).toHaveLength(4));
    expect(screen.getByTestId('recipients-mark-converted')).toBeDisabled();

    await user.click(within(recipientRow('张伟')).getByRole('checkbox'));
    await user.click(within(recipientRow('王芳')).getByRole('checkbox'));
    expect(screen.getByTestId('recipients-selected')).toHaveTextContent('已选 2 位');
    await user.click(screen.getByTestId('recipients-mark-converted'));
    await waitFor(() => expect(mock.campaignMark).toHaveBeenCalledWith('k-sent', ['c-1', 'c-3'], 'converted', true));
    expect(await screen.findByText('已更新 2 位收件人')).toBeInTheDocument();
    // The selection is spent.
    await waitFor(() => expect(screen.getByTestId('recipients-selected')).toHaveTextContent('已选 0 位'));

    mock.campaignMark.mockResolvedValue(1);
    await user.click(within(recipientRow('张伟')).getByRole('checkbox'));
    await user.click(screen.getByTestId('recipients-unmark-responded'));
    await waitFor(() => expect(mock.campaignMark).toHaveBeenLastCalledWith('k-sent', ['c-1'], 'responded', false));

    await user.click(within(recipientRow('赵敏')).getByRole('checkbox'));
    await user.click(screen.getByTestId('recipients-unmark-unsubscribed'));
    await waitFor(() => expect(mock.campaignMark).toHaveBeenLastCalledWith('k-sent', ['c-4'], 'unsubscribed', false));
    await user.click(within(recipientRow('李雷')).getByRole('checkbox'));
    await user.click(screen.getByTestId('recipients-mark-unsubscribed'));
    await waitFor(() => expect(mock.campaignMark).toHaveBeenLastCalledWith('k-sent', ['c-2'], 'unsubscribed', true));
    expect(mock.campaignMark).toHaveBeenCalledTimes(4);
  });

  test('its attribution window changes, and nothing else with it', async () => {
    const user = userEvent.setup();
    mock.campaignUpdate.mockImplementation((_, input) => Promise.resolve({ ...SENT, attributionDays: input.attributionDays }));
    open(SENT);
    await user.click(await screen.findByTestId('results-attribution-edit'));
    const days = within(screen.getByTestId('results-attribution-days')).queryByRole('spinbutton') ?? screen.getByTestId('results-attribution-days');
    await user.clear(days);
    await user.type(days, '60');
    await user.click(screen.getByTestId('results-attribution-save'));
    await waitFor(() =>
      expect(mock.campaignUpdate).toHaveBeenCalledWith('k-sent', {
        name: '三月回访',
        segmentId: 'seg-vip',
        excludeSegmentId: null,
        fromAddress: 'marketing@huadong.cn',
        fromName: '华东贸易',
        subject: SENT.subject,
        body: SENT.body,
        language: 'zh-CN',
        attributionDays: 60,
      }),
    );
    expect(await screen.findByText('归因窗口已改为 60 天')).toBeInTheDocument();
  });

  test('someone who may not change it sees results but marks nothing and sends nothing', async () => {
    open({ ...SENT, mayEdit: false });
    await waitFor(() => expect(screen.getAllByTestId('recipient-row')).toHaveLength(4));
    expect(screen.getByTestId('campaign-readonly')).toHaveTextContent('只有活动的负责人、经理或管理员');
    expect(screen.queryByRole('checkbox')).not.toBeInTheDocument();
    expect(screen.queryByTestId('recipients-mark-converted')).not.toBeInTheDocument();
    expect(screen.queryByTestId('results-attribution-edit')).not.toBeInTheDocument();
    expect(screen.getByTestId('campaign-send')).toBeDisabled();
    expect(screen.getByTestId('campaign-edit')).toBeDisabled();
    expect(screen.getByTestId('campaign-delete')).toBeDisabled();
  });
});
