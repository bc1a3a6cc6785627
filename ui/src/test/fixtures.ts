import type { Customer, FieldDef, OrgUnit, Tag, Territory, User } from '../ipc/client';

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
    updatedBy: '李娜', deletedAt: null, territory: null, ...overrides,
  };
}

export function user(overrides: Partial<User> = {}): User {
  return {
    id: 'u-admin', login: 'admin', displayName: '王管理', role: 'admin', unitId: 'o-root', unitName: '华东贸易',
    active: true, createdAt: '2025-06-01T01:00:00Z', ...overrides,
  };
}

export const ADMIN = user();
export const SALES_REP = user({ id: 'u-li', login: 'lina', displayName: '李娜', role: 'sales', unitId: 'o-sales', unitName: '销售一部' });

const unit = (id: string, name: string, parentId: string | null, userCount = 0, territoryCount = 0): OrgUnit => ({
  id, name, parentId, userCount, territoryCount,
});

/** 华东贸易 ─ 销售部 ─ 销售一部, and 客服部 beside 销售部. */
export const ORG_UNITS: OrgUnit[] = [
  unit('o-root', '华东贸易', null, 1),
  unit('o-sales', '销售部', 'o-root', 0, 1),
  unit('o-service', '客服部', 'o-root', 2),
  unit('o-sales-1', '销售一部', 'o-sales', 3, 1),
];

export const TERRITORIES: Territory[] = [
  {
    id: 't-east', name: '华东区', unitId: 'o-sales', unitName: '销售部', customerCount: 42,
    places: [{ country: '中国', province: '山东', city: '青岛' }, { country: '中国', province: '江苏', city: '' }],
  },
  { id: 't-us', name: '北美', unitId: 'o-sales-1', unitName: '销售一部', customerCount: 0, places: [{ country: '美国' }] },
];
