// The data the fake backend starts with: enough customers to need several pages of 100, the
// built-in dimensions with options, a few custom dimensions and tags. Deterministic, so a flow
// can name a customer it expects.

import { opportunitySeed } from './fake-opportunities.mjs';
import { leadSeed } from './fake-leads.mjs';
import { workflowSeed } from './fake-workflow.mjs';
import { ticketSeed, SERVICE_AGENTS } from './fake-service.mjs';

const SURNAMES = [
  ['张', 'zhang'], ['王', 'wang'], ['李', 'li'], ['刘', 'liu'], ['陈', 'chen'], ['杨', 'yang'],
  ['赵', 'zhao'], ['黄', 'huang'], ['周', 'zhou'], ['吴', 'wu'], ['徐', 'xu'], ['孙', 'sun'],
];
const GIVEN = [
  ['伟', 'wei'], ['芳', 'fang'], ['娜', 'na'], ['敏', 'min'], ['静', 'jing'], ['磊', 'lei'],
  ['洋', 'yang'], ['艳', 'yan'], ['勇', 'yong'], ['军', 'jun'], ['杰', 'jie'], ['涛', 'tao'],
  ['明', 'ming'], ['超', 'chao'], ['霞', 'xia'], ['平', 'ping'], ['刚', 'gang'],
];
const COMPANIES = ['华为技术', '海尔集团', '美的电器', '格力电器', '联想集团', '比亚迪', '顺丰速运', '万科地产', '腾讯科技', '小米科技'];
const PLACES = [
  ['广东', '深圳'], ['广东', '广州'], ['上海', '上海'], ['北京', '北京'], ['浙江', '杭州'],
  ['江苏', '南京'], ['四川', '成都'], ['湖北', '武汉'], ['山东', '青岛'],
];
const OWNERS = ['李娜', '王强', '陈静', '赵磊'];
const opt = (key, labelZh, labelEn) => ({ key, labelZh, labelEn });

export const FIELDS = [
  { id: 'f-tier', key: 'tier', labelZh: '价值等级', labelEn: 'Tier', fieldType: 'single_select', builtin: true, deletedAt: null,
    options: [opt('diamond', '钻石', 'Diamond'), opt('gold', '黄金', 'Gold'), opt('silver', '白银', 'Silver'), opt('normal', '普通', 'Normal')] },
  { id: 'f-industry', key: 'industry', labelZh: '行业', labelEn: 'Industry', fieldType: 'single_select', builtin: true, deletedAt: null,
    options: [opt('manufacturing', '制造业', 'Manufacturing'), opt('retail', '零售', 'Retail'), opt('it', '信息技术', 'IT'), opt('finance', '金融', 'Finance')] },
  { id: 'f-source', key: 'source', labelZh: '来源', labelEn: 'Source', fieldType: 'single_select', builtin: true, deletedAt: null,
    options: [opt('website', '官网', 'Website'), opt('referral', '转介绍', 'Referral'), opt('exhibition', '展会', 'Trade show')] },
  { id: 'f-region', key: 'region', labelZh: '地区类型', labelEn: 'Region', fieldType: 'single_select', builtin: false, deletedAt: null,
    options: [opt('domestic', '国内', 'Domestic'), opt('international', '国际', 'International'), opt('local', '本地', 'Local')] },
  { id: 'f-budget', key: 'budget', labelZh: '年度预算', labelEn: 'Annual budget', fieldType: 'number', builtin: false, deletedAt: null, options: [] },
  { id: 'f-wechat', key: 'wechat', labelZh: '微信号', labelEn: 'WeChat', fieldType: 'text', builtin: false, deletedAt: null, options: [] },
];

export const TAGS = [
  { id: 't-key', name: '重点跟进', color: 'red' },
  { id: 't-loyal', name: '老客户', color: 'green' },
  { id: 't-event', name: '展会名单', color: 'geekblue' },
  { id: 't-black', name: '黑名单', color: 'magenta' },
];

const TIERS = ['diamond', 'gold', 'silver', 'normal', null];
const INDUSTRIES = ['manufacturing', 'retail', 'it', 'finance', null];
const SOURCES = ['website', 'referral', 'exhibition', null];
const KINDS = ['individual', 'individual', 'enterprise', 'government'];
const LIFECYCLES = ['potential', 'existing', 'vip', 'existing'];

/** `count` customers, the first one the newest; every name and phone number is unique. */
export function seedCustomers(count, now = Date.parse('2025-06-30T09:00:00Z')) {
  const customers = [];
  for (let i = 0; i < count; i++) {
    const [sz, sp] = SURNAMES[i % SURNAMES.length];
    const [gz, gp] = GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length];
    const round = Math.floor(i / (SURNAMES.length * GIVEN.length));
    const kind = KINDS[i % KINDS.length];
    const [province, city] = PLACES[i % PLACES.length];
    const company = kind === 'individual' && i % 3 ? null : `${COMPANIES[i % COMPANIES.length]}${kind === 'government' ? '采购中心' : '有限公司'}`;
    const at = new Date(now - i * 3_600_000 * 7).toISOString();
    const name = `${sz}${gz}${round ? round + 1 : ''}`;
    customers.push({
      id: `c-${String(i + 1).padStart(4, '0')}`,
      externalId: null,
      name,
      pinyin: `${sp}${gp}`,
      initials: `${sp[0]}${gp[0]}`,
      kind,
      lifecycle: LIFECYCLES[i % LIFECYCLES.length],
      tier: TIERS[i % TIERS.length],
      industry: INDUSTRIES[i % INDUSTRIES.length],
      size: kind === 'individual' ? null : ['large', 'medium', 'small'][i % 3],
      source: SOURCES[i % SOURCES.length],
      owner: OWNERS[i % OWNERS.length],
      country: '中国',
      province,
      city,
      address: i % 2 ? `${city}市科技园${(i % 40) + 1}号` : null,
      company,
      website: null,
      notes: i === 0 ? '每季度回访一次，关注新品。' : null,
      phones: [`1${String(3800000000 + i * 7919).slice(0, 10)}`],
      emails: i % 2 ? [] : [`${sp}.${gp}${i}@example.com`],
      custom: {
        ...(i % 3 === 0 ? { region: ['domestic', 'international', 'local'][i % 3 === 0 ? (i / 3) % 3 : 0] } : {}),
        ...(i % 4 === 0 ? { budget: 50000 + (i % 10) * 10000 } : {}),
      },
      tagIds: i % 5 === 0 ? ['t-key'] : i % 7 === 0 ? ['t-loyal', 't-event'] : [],
      version: 1,
      createdAt: at,
      createdBy: OWNERS[i % OWNERS.length],
      updatedAt: at,
      updatedBy: OWNERS[i % OWNERS.length],
      deletedAt: null,
      seq: count - i,
    });
  }
  return customers;
}

/** 华东贸易 ─ 销售部 ─ 华南销售组, and 客服部 beside 销售部. */
export const UNITS = [
  { id: 'o-root', name: '华东贸易有限公司', parentId: null },
  { id: 'o-sales', name: '销售部', parentId: 'o-root' },
  { id: 'o-south', name: '华南销售组', parentId: 'o-sales' },
  { id: 'o-service', name: '客服部', parentId: 'o-root' },
];

/** The administrator every flow signs in as unless it says otherwise; passwords are in the clear (fake). */
export const USERS = [
  { id: 'u-tester', login: 'tester', displayName: '测试管理员', role: 'admin', unitId: 'o-root', active: true,
    createdAt: '2025-01-02T01:00:00Z', password: 'Admin2025!' },
  { id: 'u-wang', login: 'wangqiang', displayName: '王强', role: 'manager', unitId: 'o-sales', active: true,
    createdAt: '2025-01-03T01:00:00Z', password: 'Manager2025!' },
  { id: 'u-lina', login: 'lina', displayName: '李娜', role: 'sales', unitId: 'o-south', active: true,
    createdAt: '2025-01-04T01:00:00Z', password: 'Sales2025!' },
];

/** Guangdong is 华南区; Shanghai, Zhejiang and Jiangsu are 华东区; the other provinces are unassigned. */
export const TERRITORIES = [
  { id: 't-south', name: '华南区', unitId: 'o-south', places: [{ country: '中国', province: '广东', city: '' }] },
  { id: 't-east', name: '华东区', unitId: 'o-sales',
    places: [{ country: '', province: '上海', city: '' }, { country: '中国', province: '浙江', city: '' }, { country: '中国', province: '江苏', city: '' }] },
];

/**
 * The whole starting state the fake backend is given. `signedIn` is the login of the session
 * the app starts with (null: the sign-in screen); `needsSetup` starts without any account;
 * `serviceAgents` adds the service agents 赵敏 (zhaomin) and 孙丽 (sunli) to the accounts (they
 * work the seeded tickets either way).
 */
export function seed({ customers = 260, language = null, failAppInfo = null, signedIn = 'tester', needsSetup = false, serviceAgents = false } = {}) {
  const customerList = seedCustomers(customers);
  return {
    customers: customerList, fields: FIELDS, tags: TAGS, language, failAppInfo,
    opportunities: opportunitySeed(USERS, customerList),
    leads: leadSeed(customerList),
    workflow: workflowSeed(),
    service: ticketSeed(customerList, USERS),
    access: {
      users: needsSetup ? [] : serviceAgents ? [...USERS, ...SERVICE_AGENTS] : USERS,
      units: needsSetup ? [] : UNITS,
      territories: needsSetup ? [] : TERRITORIES,
      signedIn: needsSetup ? null : signedIn,
    },
  };
}
