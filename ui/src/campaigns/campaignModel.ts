// A campaign as the editor holds it, what may change of it, and how the core's words about
// recipients read. The core decides the same (crm-core campaigns::store); the UI only offers
// what would not be refused.
import type { Campaign, CampaignInput, CampaignStatus, ConditionField, Language, RecipientMark, RecipientOutcome } from '../ipc/client';

export const DEFAULT_ATTRIBUTION_DAYS = 30;
export const MAX_ATTRIBUTION_DAYS = 365;
export const OUTCOMES: RecipientOutcome[] = ['pending', 'delivered', 'failed', 'skipped'];
export const MARKS: RecipientMark[] = ['responded', 'converted', 'unsubscribed'];

export interface CampaignDraft {
  name: string;
  segmentId: string | null;
  excludeSegmentId: string | null;
  fromAddress: string;
  fromName: string;
  subject: string;
  body: string;
  language: Language;
  attributionDays: number | null;
}

export function draftOf(campaign: Campaign | undefined, language: Language): CampaignDraft {
  if (!campaign) {
    return {
      name: '', segmentId: null, excludeSegmentId: null, fromAddress: '', fromName: '', subject: '', body: '',
      language, attributionDays: DEFAULT_ATTRIBUTION_DAYS,
    };
  }
  return {
    name: campaign.name,
    segmentId: campaign.segmentId,
    excludeSegmentId: campaign.excludeSegmentId,
    fromAddress: campaign.fromAddress,
    fromName: campaign.fromName ?? '',
    subject: campaign.subject,
    body: campaign.body,
    language: campaign.language,
    attributionDays: campaign.attributionDays,
  };
}

/** What is sent: names and addresses trimmed, an empty sender name is none; the core checks the rest. */
export function toCampaignInput(draft: CampaignDraft): CampaignInput {
  const fromName = draft.fromName.trim();
  return {
    name: draft.name.trim(),
    segmentId: draft.segmentId ?? '',
    excludeSegmentId: draft.excludeSegmentId,
    fromAddress: draft.fromAddress.trim(),
    fromName: fromName || null,
    subject: draft.subject,
    body: draft.body,
    language: draft.language,
    attributionDays: draft.attributionDays ?? 0,
  };
}

/** The stored campaign as input with another attribution window: all a sent campaign may change. */
export function withAttributionDays(campaign: Campaign, attributionDays: number): CampaignInput {
  return { ...toCampaignInput(draftOf(campaign, campaign.language)), attributionDays };
}

/** Only a draft's message and audience change; a campaign being sent cannot be deleted. */
export function mayEditContent(campaign: Campaign): boolean {
  return campaign.mayEdit && campaign.status === 'draft';
}

export function mayDelete(campaign: Campaign): boolean {
  return campaign.mayEdit && campaign.status !== 'sending';
}

/**
 * What a send does now: a draft is sent, an interrupted run continues, a sent campaign retries
 * the recipients still pending or failed; null when there is nothing left to send.
 */
export function sendAction(status: CampaignStatus, open: number | undefined): 'send' | 'resume' | 'retry' | null {
  if (status === 'draft') return 'send';
  if (status === 'sending') return 'resume';
  return open !== undefined && open > 0 ? 'retry' : null;
}

/** `{{key}}` put in place of the selection [start, end) of `text`, and where the caret goes after it. */
export function insertPlaceholder(text: string, key: string, start: number, end: number): { text: string; caret: number } {
  const token = `{{${key}}}`;
  const from = Math.max(0, Math.min(start, text.length));
  const to = Math.max(from, Math.min(end, text.length));
  return { text: text.slice(0, from) + token + text.slice(to), caret: from + token.length };
}

/** The keys a customer's name, company, tier and address go by: offered first. */
export const COMMON_PLACEHOLDERS = ['name', 'company', 'tier', 'email'];

/**
 * The fields a placeholder may name: every customer field but order aggregates and segment
 * memberships, and the e-mail address (not a segment field; the core knows it by itself).
 */
export function placeholderFields(fields: ConditionField[]): ConditionField[] {
  const usable = fields.filter((f) => f.kind !== 'aggregate' && f.kind !== 'membership');
  if (usable.some((f) => f.key === 'email')) return usable;
  return [...usable, { key: 'email', labelZh: '邮箱', labelEn: 'E-mail', kind: 'text', options: [] }];
}

/** The reasons the core gives in English that the UI says in the user's language. */
const KNOWN_REASONS = {
  'in the excluded segment': 'excluded',
  unsubscribed: 'unsubscribed',
  'no e-mail address': 'noAddress',
  "not in the campaign's segment": 'notInSegment',
} as const;

export type ReasonKey = (typeof KNOWN_REASONS)[keyof typeof KNOWN_REASONS];

/** The key of a known reason; null for any other (a server's message, shown as it came). */
export function reasonKey(reason: string): ReasonKey | null {
  return Object.prototype.hasOwnProperty.call(KNOWN_REASONS, reason) ? KNOWN_REASONS[reason as keyof typeof KNOWN_REASONS] : null;
}
