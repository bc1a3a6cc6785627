// Campaigns, their audience, previews, results and recipients as the core would send them, for
// tests; and the ipc mock with the campaign commands on top of the segment ones (the editor
// picks segments and fields, the preview picks segment members).
import { vi, type Mock } from 'vitest';
import type {
  Audience,
  Campaign,
  CampaignRecipient,
  CampaignResults,
  CustomerCampaigns,
  Ipc,
  MessagePreview,
  SmtpSettings,
} from '../ipc/client';
import { createSegmentIpcMock, type SegmentIpcMock } from '../segments/segmentFixtures';

const CAMPAIGN_COMMANDS = [
  'campaignList', 'campaignGet', 'campaignCreate', 'campaignUpdate', 'campaignDelete', 'campaignAudience', 'campaignPreview',
  'campaignDefaultEmlDirectory', 'campaignSend', 'campaignResults', 'campaignRecipients', 'campaignMark', 'customerCampaigns',
  'customerSetUnsubscribed', 'smtpSettingsGet', 'smtpSettingsSet', 'smtpTest',
] as const;

export type CampaignIpcMock = SegmentIpcMock & { [K in (typeof CAMPAIGN_COMMANDS)[number]]: Mock<Ipc[K]> };

export function createCampaignIpcMock(): CampaignIpcMock {
  const mock = createSegmentIpcMock() as unknown as Record<string, Mock>;
  for (const name of CAMPAIGN_COMMANDS) mock[name] = vi.fn(() => Promise.reject(new Error(`unexpected ipc call ${name}`)));
  return mock as unknown as CampaignIpcMock;
}

export function campaign(overrides: Partial<Campaign> = {}): Campaign {
  return {
    id: 'k-draft', name: '春季新品推荐', segmentId: 'seg-vip', segmentName: 'VIP 客户', excludeSegmentId: 'seg-black',
    excludeSegmentName: '黑名单', fromAddress: 'marketing@huadong.cn', fromName: '华东贸易',
    subject: '{{name}}，春季新品上市', body: '尊敬的 {{name}}：\n{{company|贵公司}}的专属优惠已开启。', language: 'zh-CN',
    attributionDays: 30, status: 'draft', channel: null, emlDirectory: null, sentAt: null, sentBy: null, owner: 'lina',
    createdAt: '2026-03-01T01:00:00Z', updatedAt: '2026-03-01T01:00:00Z', mayEdit: true, ...overrides,
  };
}

export const DRAFT = campaign();
export const SENT = campaign({
  id: 'k-sent', name: '三月回访', status: 'sent', channel: 'eml', emlDirectory: '/home/lina/Documents/Kehu CRM/campaigns/三月回访',
  sentAt: '2026-03-10T02:00:00Z', sentBy: 'lina', attributionDays: 14, excludeSegmentId: null, excludeSegmentName: null,
});
export const SENDING = campaign({
  id: 'k-sending', name: '会员日', status: 'sending', channel: 'smtp', sentAt: '2026-03-12T06:00:00Z', sentBy: 'admin', owner: 'admin',
});
export const CAMPAIGNS: Campaign[] = [DRAFT, SENDING, SENT];

export const AUDIENCE: Audience = { members: 128, blacklisted: 3, unsubscribed: 5, withoutAddress: 20, recipients: 100 };

export function preview(overrides: Partial<MessagePreview> = {}): MessagePreview {
  return {
    customerId: 'c-1', customerName: '张伟', email: 'zhang.wei@huawei.com', subject: '张伟，春季新品上市',
    body: '尊敬的 张伟：\n华为技术有限公司的专属优惠已开启。', excluded: null, ...overrides,
  };
}

export const RESULTS: CampaignResults = {
  recipients: 120, reached: 100, failed: 2, skipped: 18, pending: 0, responded: 12, converted: 7, attributedOrders: 9,
  attributedAmount: [
    { currency: 'CNY', amount: 123450 },
    { currency: 'USD', amount: 880008 },
  ],
};

export function recipient(overrides: Partial<CampaignRecipient> = {}): CampaignRecipient {
  return {
    customerId: 'c-1', customerName: '张伟', email: 'zhang.wei@huawei.com', outcome: 'delivered', reason: null,
    deliveredAt: '2026-03-10T02:01:00Z', respondedAt: null, convertedAt: null, unsubscribed: false, ...overrides,
  };
}

/** Delivered and responded, blacklisted, refused by the server, without an address. */
export const RECIPIENTS: CampaignRecipient[] = [
  recipient({ respondedAt: '2026-03-11T08:00:00Z' }),
  recipient({ customerId: 'c-2', customerName: '李雷', email: 'li@example.com', outcome: 'skipped', reason: 'in the excluded segment', deliveredAt: null }),
  recipient({
    customerId: 'c-3', customerName: '王芳', email: 'wang@example.com', outcome: 'failed',
    reason: 'the server refused it: 550 mailbox unavailable', deliveredAt: null,
  }),
  recipient({ customerId: 'c-4', customerName: '赵敏', email: null, outcome: 'skipped', reason: 'no e-mail address', deliveredAt: null, unsubscribed: true }),
];

export const CUSTOMER_CAMPAIGNS: CustomerCampaigns = {
  unsubscribedAt: null,
  campaigns: [
    {
      campaignId: 'k-sent', name: '三月回访', outcome: 'delivered', deliveredAt: '2026-03-10T02:01:00Z',
      respondedAt: '2026-03-11T08:00:00Z', convertedAt: '2026-03-15T08:00:00Z',
    },
    { campaignId: 'k-old', name: '双十一预热', outcome: 'skipped', deliveredAt: null, respondedAt: null, convertedAt: null },
  ],
};

export const SMTP: SmtpSettings = { host: 'smtp.huadong.cn', port: 587, security: 'start_tls', username: 'marketing@huadong.cn', hasPassword: true };
