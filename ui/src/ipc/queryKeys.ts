// Query keys in one place, so the change-event hook can invalidate exactly what a change touches.
import type {
  AuditFilter,
  Condition,
  CustomerFilter,
  Entity,
  FunnelRequest,
  LeadListRequest,
  ListRequest,
  RecipientOutcome,
  ScanOptions,
  SlaReportRequest,
  TicketListRequest,
} from './client';

export const queryKeys = {
  appInfo: ['appInfo'] as const,
  /** Whether anyone is signed in, and who; outlives a sign-out (the gate reads it). */
  authStatus: ['authStatus'] as const,
  fields: ['fields'] as const,
  tags: ['tags'] as const,
  /** Everything about the customer list: pages, counts, filter value pickers. */
  customers: ['customers'] as const,
  customerPages: (request: Omit<ListRequest, 'cursor'>) => ['customers', 'pages', request] as const,
  customerCount: (filter: CustomerFilter) => ['customers', 'count', filter] as const,
  distinctValues: (key: string) => ['customers', 'distinct', key] as const,
  /** Everything about one customer (or all of them): the record, timeline, contacts, history. */
  customer: (id?: string) => (id === undefined ? (['customer'] as const) : (['customer', id] as const)),
  customerRecord: (id: string) => ['customer', id, 'record'] as const,
  activities: (id: string) => ['customer', id, 'activities'] as const,
  contacts: (id: string) => ['customer', id, 'contacts'] as const,
  history: (id: string) => ['customer', id, 'history'] as const,
  /** The 360 page's leads and opportunities of one customer. */
  customerSales: (id: string) => ['customer', id, 'sales'] as const,
  /** The 360 page's orders of one customer (the newest `limit`) with their totals. */
  customerOrders: (id: string, limit?: number) =>
    limit === undefined ? (['customer', id, 'orders'] as const) : (['customer', id, 'orders', limit] as const),
  /** The segments one customer is in. */
  customerSegments: (id: string) => ['customer', id, 'segments'] as const,
  /**
   * The RFM value assessment: its summary and settings sit under 'customers' (counts over the
   * customer list, refreshed by every customer change, a recompute's included); one customer's
   * assessment sits with the customer.
   */
  rfm: ['customers', 'rfm'] as const,
  rfmSummary: ['customers', 'rfm', 'summary'] as const,
  rfmSettings: ['customers', 'rfm', 'settings'] as const,
  customerRfm: (id: string) => ['customer', id, 'rfm'] as const,
  search: (query: string) => ['search', query] as const,
  /** Lead lists and single leads. */
  leads: ['leads'] as const,
  leadPages: (request: Omit<LeadListRequest, 'cursor'>) => ['leads', 'pages', request] as const,
  lead: (id?: string) => (id === undefined ? (['lead'] as const) : (['lead', id] as const)),
  leadMatches: (id: string) => ['lead', id, 'matches'] as const,
  leadAssignees: (leadId?: string) => ['leads', 'assignees', leadId ?? ''] as const,
  poolRules: ['sales', 'poolRules'] as const,
  assignmentRules: ['sales', 'assignmentRules'] as const,
  stages: ['sales', 'stages'] as const,
  /** Opportunity lists, the board and single opportunities. */
  opportunities: ['opportunities'] as const,
  board: (owner: string | null) => ['opportunities', 'board', owner] as const,
  opportunity: (id?: string) => (id === undefined ? (['opportunity'] as const) : (['opportunity', id] as const)),
  funnel: (request: FunnelRequest) => ['funnel', request] as const,
  /** Tickets: lists and counts (under 'tickets'), single tickets, the desk, SLA settings and report. */
  tickets: ['tickets'] as const,
  ticketPages: (request: Omit<TicketListRequest, 'cursor'>) => ['tickets', 'pages', request] as const,
  ticketCounts: ['tickets', 'counts'] as const,
  ticket: (id?: string) => (id === undefined ? (['ticket'] as const) : (['ticket', id] as const)),
  customerTickets: (id: string) => ['customer', id, 'tickets'] as const,
  callerLookup: (query: string, customerId: string | null) => ['tickets', 'desk', query, customerId] as const,
  slaReport: (request: SlaReportRequest) => ['tickets', 'slaReport', request] as const,
  serviceSettings: ['serviceSettings'] as const,
  slaPolicies: ['serviceSettings', 'sla'] as const,
  workCalendar: ['serviceSettings', 'calendar'] as const,
  ticketRouting: ['serviceSettings', 'routing'] as const,
  agents: ['serviceSettings', 'agents'] as const,
  /** Workflow rules, their run log and field catalogs; tasks; notifications. */
  rules: ['rules'] as const,
  ruleRuns: (ruleId: string | null) => ['rules', 'runs', ruleId] as const,
  ruleFields: (entity: Entity) => ['rules', 'fields', entity] as const,
  tasks: ['tasks'] as const,
  recordTasks: (recordId: string | null, includeDone: boolean) => ['tasks', recordId, includeDone] as const,
  notifications: ['notifications'] as const,
  /** Customer segments (all under 'segments'): the list, one segment, counts, members, explanations. */
  segments: ['segments'] as const,
  segmentList: ['segments', 'list'] as const,
  segment: (id: string) => ['segments', 'one', id] as const,
  segmentCount: (id: string) => ['segments', 'count', id] as const,
  segmentMembers: (id: string) => ['segments', 'members', id] as const,
  segmentExplain: (id: string, customerId: string) => ['segments', 'explain', id, customerId] as const,
  segmentFields: ['segments', 'fields'] as const,
  /** The live count of a definition being edited. */
  segmentLiveCount: (condition: Condition) => ['segments', 'live', condition] as const,
  /** The first members of a segment in one plain page (the campaign preview's customer picker). */
  segmentFirstMembers: (id: string, limit: number) => ['segments', 'firstMembers', id, limit] as const,
  /** Campaigns (all under 'campaigns'): the list, one campaign, its audience, previews, results, recipients. */
  campaigns: ['campaigns'] as const,
  campaignList: ['campaigns', 'list'] as const,
  campaign: (id: string) => ['campaigns', 'one', id] as const,
  campaignAudience: (id: string) => ['campaigns', 'audience', id] as const,
  campaignPreview: (id: string, customerId: string) => ['campaigns', 'preview', id, customerId] as const,
  campaignResults: (id: string) => ['campaigns', 'results', id] as const,
  /** A campaign's recipients, pages after cursors, per outcome filter (null: all). */
  campaignRecipients: (id: string, outcome?: RecipientOutcome | null) =>
    outcome === undefined ? (['campaigns', 'recipients', id] as const) : (['campaigns', 'recipients', id, outcome] as const),
  /** The folder suggested for a campaign's .eml files (depends on the name only, never stale). */
  emlDirectory: (name: string) => ['emlDirectory', name] as const,
  /** The 360 page's campaigns of one customer and whether the customer takes them. */
  customerCampaigns: (id: string) => ['customer', id, 'campaigns'] as const,
  /** The SMTP server campaigns are sent through (administrators only). */
  smtpSettings: ['smtpSettings'] as const,
  /** The backup folder's backups and whether a restore waits (administrators only). */
  backups: ['backups'] as const,
  /**
   * The duplicate scan and the merge history sit under 'customers': every customer change (a
   * merge or an undo included) may make or break a duplicate, and is announced as one.
   */
  duplicateScan: (options: ScanOptions) => ['customers', 'duplicates', 'scan', options] as const,
  mergeHistory: ['customers', 'duplicates', 'merges'] as const,
  /** Applied imports, newest first; and the running import's progress. */
  importHistory: ['importHistory'] as const,
  importProgress: ['importProgress'] as const,
  /** The administrator's screens. */
  admin: ['admin'] as const,
  users: ['admin', 'users'] as const,
  orgUnits: ['admin', 'orgUnits'] as const,
  territories: ['admin', 'territories'] as const,
  audit: (filter: AuditFilter) => ['admin', 'audit', filter] as const,
};
