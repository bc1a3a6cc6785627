import type { Customer, FieldDef, Tag } from '../ipc/client';

const opt = (key: string, labelZh: string, labelEn: string) => ({ key, labelZh, labelEn });

export const FIELDS: FieldDef[] = [
  {
    id: 'f-tier', key: 'tier', labelZh: '价值等级', labelEn: 'Tier', fieldType: 'single_select', builtin: true, deletedAt: null,
    options: [opt('diamond', '钻石', 'Diamond'), opt('gold', '黄金', 'Gold')],
  },
  { id: 'f-industry', key: 'industry', labelZh: '行业', labelEn: 'Industry', fieldType: 'single_select', builtin: true, deletedAt: null, options: [opt('it', '信息技术', 'IT')] },
  { id: 'f-source', key: 'source', labelZh: '来源', labelEn: 'Source', fieldType: 'single_select', builtin: true, deletedAt: null, options: [opt('website', '官网', 'Website')] },
  {
    id: 'f-region', key: 'region', labelZh: '地区类型', labelEn: 'Region type', fieldType: 'single_select', builtin: false, deletedAt: null,
    options: [opt('domestic', '国内', 'Domestic'), opt('international', '国际', 'International')],
  },
  { id: 'f-budget', key: 'budget', labelZh: '年度预算', labelEn: 'Annual budget', fieldType: 'number', builtin: false, deletedAt: null, options: [] },
  { id: 'f-old', key: 'old_dim', labelZh: '旧维度', labelEn: 'Old dimension', fieldType: 'text', builtin: false, deletedAt: '2025-01-01T00:00:00Z', options: [] },
];

export const TAGS: Tag[] = [
  { id: 't-key', name: '重点跟进', color: 'red' },
  { id: 't-loyal', name: '老客户', color: 'green' },
];

export function customer(overrides: Partial<Customer> = {}): Customer {
  return {
    id: 'c-1', externalId: null, name: '张伟', kind: 'individual', lifecycle: 'potential', tier: 'gold', industry: null,
    size: null, source: null, owner: '李娜', country: null, province: '广东', city: '深圳', address: null,
    company: '华为技术有限公司', website: null, notes: null, phones: ['13800000000'], emails: [], custom: {},
    tagIds: ['t-key'], version: 3, createdAt: '2025-06-01T01:00:00Z', createdBy: '李娜', updatedAt: '2025-06-02T01:00:00Z',
    updatedBy: '李娜', deletedAt: null, ...overrides,
  };
}
