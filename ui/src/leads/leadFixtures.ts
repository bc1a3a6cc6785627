// Test data for the leads screens (used by the *.test.tsx files only).
import type { Assignee, Lead, LeadDetail, Stage } from '../ipc/client';

export function lead(overrides: Partial<Lead> = {}): Lead {
  return {
    id: 'l-1', name: '周杰', company: '深圳创新科技有限公司', phone: '13900001111', email: 'zhou@example.com', source: '官网',
    industry: '制造业', country: '中国', province: '广东', city: '深圳', notes: null, territory: { id: 't-south', name: '华南区' },
    origin: 'manual', status: 'unassigned', owner: null, ownerName: null, touchedAt: '2025-06-02T01:00:00Z', customerId: null,
    contactId: null, opportunityId: null, version: 2, createdAt: '2025-06-01T01:00:00Z', createdBy: '王强',
    updatedAt: '2025-06-02T01:00:00Z', updatedBy: '王强', allowedActions: ['claim'], ...overrides,
  };
}

export function leadDetail(l: Lead, overrides: Partial<LeadDetail> = {}): LeadDetail {
  return {
    lead: l,
    transitions: [{ at: l.createdAt, actor: l.createdBy, action: 'create', from: null, to: 'unassigned', owner: null, reason: null }],
    followups: [],
    ...overrides,
  };
}

export const ASSIGNEES: Assignee[] = [
  { login: 'lina', displayName: '李娜', role: 'sales', unitId: 'o-south', unitName: '华南销售组', openLeads: 3, atLimit: false },
  { login: 'zhaolei', displayName: '赵磊', role: 'sales', unitId: 'o-south', unitName: '华南销售组', openLeads: 50, atLimit: true },
];

const stage = (id: string, nameZh: string, nameEn: string, probability: number, position: number, outcome: Stage['outcome']): Stage => ({
  id, key: id, nameZh, nameEn, probability, position, outcome, opportunityCount: 0,
});

export const STAGES: Stage[] = [
  stage('s-won', '赢单', 'Won', 100, 5, 'won'),
  stage('s-qualify', '初步接洽', 'Qualification', 10, 1, 'open'),
  stage('s-proposal', '方案报价', 'Proposal', 40, 2, 'open'),
  stage('s-lost', '输单', 'Lost', 0, 6, 'lost'),
];
