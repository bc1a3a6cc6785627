// Segments, their field catalog, members and explanations as the core would send them, for
// tests; and the ipc mock with the segment commands (the shared one predates them).
import { vi, type Mock } from 'vitest';
import type {
  ConditionField,
  ConditionOption,
  CustomerListRow,
  ExplainNode,
  Ipc,
  Segment,
  SegmentExplanation,
  TestOutcome,
} from '../ipc/client';
import { createIpcMock, type IpcMock } from '../test/ipcMock';

const SEGMENT_COMMANDS = [
  'segmentList', 'segmentGet', 'segmentCreate', 'segmentUpdate', 'segmentDelete', 'segmentResnapshot', 'segmentAddMembers',
  'segmentRemoveMembers', 'segmentCount', 'segmentCountCondition', 'segmentMembers', 'segmentExplain', 'segmentFields',
] as const;

export type SegmentIpcMock = IpcMock & { [K in (typeof SEGMENT_COMMANDS)[number]]: Mock<Ipc[K]> };

export function createSegmentIpcMock(): SegmentIpcMock {
  const mock = createIpcMock() as Record<string, Mock>;
  for (const name of SEGMENT_COMMANDS) mock[name] = vi.fn(() => Promise.reject(new Error(`unexpected ipc call ${name}`)));
  return mock as unknown as SegmentIpcMock;
}

const o = (key: string, labelZh: string, labelEn: string): ConditionOption => ({ key, labelZh, labelEn });
const field = (key: string, labelZh: string, labelEn: string, kind: ConditionField['kind'], options: ConditionOption[] = []): ConditionField => ({
  key, labelZh, labelEn, kind, options,
});

/** The customer fields as segment_fields gives them (shortened), a custom dimension included. */
export const SEGMENT_FIELDS: ConditionField[] = [
  field('name', '名称', 'Name', 'text'),
  field('lifecycle', '客户阶段', 'Lifecycle', 'choice', [o('potential', '潜在客户', 'Potential'), o('existing', '现有客户', 'Existing'), o('vip', 'VIP', 'VIP')]),
  field('tier', '价值等级', 'Value tier', 'choice', [o('diamond', '钻石', 'Diamond'), o('gold', '黄金', 'Gold')]),
  field('city', '城市', 'City', 'text'),
  field('tags', '标签', 'Tags', 'tags'),
  field('last_order_on', '最近购买', 'Last purchase', 'date'),
  field('orders.count', '订单数', 'Number of orders', 'aggregate'),
  field('orders.amount', '订单金额', 'Order amount', 'aggregate'),
  field('segment', '所属分组', 'Segment', 'membership'),
  field('custom.region', '地区类型', 'Region type', 'choice', [o('domestic', '国内', 'Domestic'), o('international', '国际', 'International')]),
];

export function segment(overrides: Partial<Segment> = {}): Segment {
  return {
    id: 'seg-vip', name: 'VIP 客户', kind: 'dynamic', description: null,
    condition: { kind: 'all', items: [{ kind: 'test', field: 'lifecycle', op: 'is', values: ['vip'] }] },
    snapshotAt: null, owner: 'admin', createdAt: '2026-03-01T01:00:00Z', updatedAt: '2026-03-01T01:00:00Z', mayEdit: true,
    ...overrides,
  };
}

export const SEGMENTS: Segment[] = [
  segment({ description: '所有 VIP 阶段的客户' }),
  segment({
    id: 'seg-black', name: '黑名单', kind: 'fixed', condition: { kind: 'all', items: [] }, snapshotAt: '2026-03-02T02:00:00Z',
    description: '不再联系',
  }),
  segment({
    id: 'seg-march', name: '三月大客户', kind: 'snapshot', snapshotAt: '2026-03-31T08:30:00Z', owner: 'lina',
    condition: { kind: 'all', items: [{ kind: 'test', field: 'orders.amount', op: 'gte', values: ['1000'], windowDays: 90 }] },
  }),
];

export function memberRow(overrides: Partial<CustomerListRow> = {}): CustomerListRow {
  return {
    id: 'c-1', name: '张伟', kind: 'enterprise', lifecycle: 'vip', tier: 'gold', industry: null, size: null, source: null,
    owner: 'lina', company: '华为技术有限公司', country: null, province: '广东', city: '深圳', phone: null, email: null,
    tagIds: [], custom: {}, createdAt: '2025-06-01T00:00:00Z', updatedAt: '2025-06-02T00:00:00Z', deletedAt: null, ...overrides,
  };
}

/** `n` members numbered from `from`, as one page of segment_members gives them. */
export function memberRows(from: number, n: number): CustomerListRow[] {
  return Array.from({ length: n }, (_, i) => memberRow({ id: `c-${from + i}`, name: `客户 ${from + i}` }));
}

const outcome = (o: Partial<TestOutcome> & Pick<TestOutcome, 'field' | 'op' | 'held'>): ExplainNode => ({
  group: null, held: o.held, test: { values: [], windowDays: null, actual: null, ...o }, children: [],
});

/**
 * 张伟 against "VIP, and an order amount of at least 1000 yuan in the last 90 days, and not in the
 * blacklist": the first holds, the second does not (250 yuan), the third holds.
 */
export const EXPLANATION: SegmentExplanation = {
  segmentId: 'seg-vip', kind: 'dynamic', customerId: 'c-1', customerName: '张伟', member: false, addedAt: null, addedBy: null,
  matchesNow: false,
  tree: {
    group: 'all', held: false, test: null,
    children: [
      outcome({ field: 'lifecycle', op: 'is', values: ['vip'], actual: 'vip', held: true }),
      outcome({ field: 'orders.amount', op: 'gte', values: ['1000'], windowDays: 90, actual: '250.00', held: false }),
      {
        group: 'not', held: true, test: null,
        children: [outcome({ field: 'segment', op: 'has_any', values: ['seg-black'], actual: null, held: false })],
      },
    ],
  },
};
