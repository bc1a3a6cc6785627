// Rules, field catalogs, runs, tasks and notifications as the core would send them, for tests;
// and the ipc mock with the workflow commands (the shared one predates them).
import { vi, type Mock } from 'vitest';
import type {
  ConditionField,
  ConditionOption,
  Ipc,
  Notification,
  RuleRun,
  Task,
  WorkflowRule,
} from '../ipc/client';
import { createIpcMock, type IpcMock } from '../test/ipcMock';

const WORKFLOW_COMMANDS = [
  'ruleList', 'ruleSave', 'ruleDelete', 'ruleSetActive', 'ruleRunNow', 'ruleRuns', 'ruleFields',
  'taskList', 'taskCreate', 'taskComplete', 'taskDelete', 'notificationList', 'notificationMarkRead',
] as const;

export type WorkflowIpcMock = IpcMock & { [K in (typeof WORKFLOW_COMMANDS)[number]]: Mock<Ipc[K]> };

export function createWorkflowIpcMock(): WorkflowIpcMock {
  const mock = createIpcMock() as Record<string, Mock>;
  for (const name of WORKFLOW_COMMANDS) mock[name] = vi.fn(() => Promise.reject(new Error(`unexpected ipc call ${name}`)));
  return mock as unknown as WorkflowIpcMock;
}

const o = (key: string, labelZh: string, labelEn: string): ConditionOption => ({ key, labelZh, labelEn });
const field = (key: string, labelZh: string, labelEn: string, kind: ConditionField['kind'], options: ConditionOption[] = []): ConditionField => ({
  key, labelZh, labelEn, kind, options,
});

const LIFECYCLES = [o('potential', '潜在客户', 'Potential'), o('existing', '现有客户', 'Existing'), o('vip', 'VIP', 'VIP')];
const TIERS = [o('diamond', '钻石', 'Diamond'), o('gold', '黄金', 'Gold')];

/** A ticket's fields, as rule_fields('ticket') gives them (shortened). */
export const TICKET_FIELDS: ConditionField[] = [
  field('subject', '主题', 'Subject', 'text'),
  field('priority', '优先级', 'Priority', 'choice', [o('low', '低', 'Low'), o('normal', '普通', 'Normal'), o('high', '高', 'High'), o('urgent', '紧急', 'Urgent')]),
  field('category', '类别', 'Category', 'choice', [o('complaint', '投诉', 'Complaint'), o('repair', '维修', 'Repair')]),
  field('resolution_due', '解决期限', 'Resolution due', 'date'),
  field('customer.lifecycle', '客户阶段', 'Customer lifecycle', 'choice', LIFECYCLES),
  field('customer.tier', '客户价值等级', 'Customer value tier', 'choice', TIERS),
  field('customer.tags', '客户标签', 'Customer tags', 'tags'),
];

export const LEAD_FIELDS: ConditionField[] = [
  field('name', '姓名', 'Name', 'text'),
  field('status', '状态', 'Status', 'choice', [o('pending', '待处理', 'Pending'), o('following_up', '跟进中', 'Following up')]),
  field('touched_at', '最后跟进', 'Last touched', 'date'),
];

export const OPPORTUNITY_FIELDS: ConditionField[] = [
  field('name', '名称', 'Name', 'text'),
  field('stage_outcome', '阶段结果', 'Stage outcome', 'choice', [o('open', '进行中', 'Open'), o('won', '赢单', 'Won')]),
  field('amount', '金额', 'Amount', 'number'),
  field('expected_close', '预计成交', 'Expected close', 'date'),
  field('customer.lifecycle', '客户阶段', 'Customer lifecycle', 'choice', LIFECYCLES),
];

export const CATALOGS = { ticket: TICKET_FIELDS, lead: LEAD_FIELDS, opportunity: OPPORTUNITY_FIELDS, customer: [] as ConditionField[] };

function rule(overrides: Partial<WorkflowRule>): WorkflowRule {
  return {
    id: 'rule-1', name: '规则', entity: 'ticket', trigger: 'created', everyMinutes: null, condition: { kind: 'all', items: [] },
    actions: [], active: true, builtin: null, position: 1, lastRunAt: null, runs: 0, updatedAt: '2026-01-01T00:00:00Z', ...overrides,
  };
}

/** The three default rules as migration 0004 ships them. */
export const DEFAULT_RULES: WorkflowRule[] = [
  rule({
    id: 'rule-vip-ticket', name: "VIP 客户的新工单优先级为高 / A VIP customer's new ticket is high priority", builtin: 'vip_ticket_high',
    condition: { kind: 'all', items: [
      { kind: 'test', field: 'customer.lifecycle', op: 'is', values: ['vip'] },
      { kind: 'test', field: 'priority', op: 'is', values: ['low', 'normal'] },
    ] },
    actions: [{ kind: 'set_field', field: 'priority', value: 'high' }], runs: 4,
  }),
  rule({
    id: 'rule-lead-untouched', name: '线索 7 天未跟进退回线索池 / A lead untouched for 7 days goes back to the pool', entity: 'lead',
    trigger: 'schedule', everyMinutes: 10, builtin: 'lead_untouched_pool', position: 2, lastRunAt: '2026-03-02T01:00:00Z',
    condition: { kind: 'all', items: [
      { kind: 'test', field: 'status', op: 'is', values: ['pending', 'following_up'] },
      { kind: 'test', field: 'touched_at', op: 'older_than_days', values: ['7'] },
    ] },
    actions: [{ kind: 'return_to_pool' }],
  }),
  rule({
    id: 'rule-opportunity-closing', name: '商机下周到期提醒负责人 / An opportunity closing next week reminds its owner', entity: 'opportunity',
    trigger: 'schedule', everyMinutes: 60, builtin: 'opportunity_closing_reminder', position: 3, active: false,
    condition: { kind: 'all', items: [
      { kind: 'test', field: 'stage_outcome', op: 'is', values: ['open'] },
      { kind: 'test', field: 'expected_close', op: 'within_next_days', values: ['7'] },
    ] },
    actions: [
      { kind: 'create_task', title: '商机即将到期 / Closing soon: {name}', due_in_days: 0, to: { kind: 'owner' } },
      { kind: 'notify', message: '商机「{name}」预计一周内成交 / {name} is expected to close within a week', to: { kind: 'owner' } },
    ],
  }),
];

export function run(overrides: Partial<RuleRun> = {}): RuleRun {
  return {
    seq: 1, at: '2026-03-01T02:00:00Z', ruleId: 'rule-vip-ticket', ruleName: DEFAULT_RULES[0].name, entity: 'ticket', recordId: 'tk-1',
    recordLabel: '#1 打印机无法联网', trigger: 'created', depth: 0, outcome: 'applied', detail: 'priority normal → high', ...overrides,
  };
}

export function task(overrides: Partial<Task> = {}): Task {
  return {
    id: 'task-1', title: '回访张伟', notes: null, owner: 'admin', dueAt: null, remindAt: null, remindedAt: null, record: null,
    recordLabel: null, doneAt: null, ruleId: null, createdAt: '2026-03-01T01:00:00Z', createdBy: 'admin', ...overrides,
  };
}

export function notification(overrides: Partial<Notification> = {}): Notification {
  return {
    id: 'n-1', at: new Date(Date.now() - 5 * 60_000).toISOString(), kind: 'reminder', title: '回访张伟', body: null,
    record: { kind: 'customer', id: 'c-1' }, readAt: null, ...overrides,
  };
}
