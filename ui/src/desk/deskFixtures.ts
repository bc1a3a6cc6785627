// Tickets, SLA settings, agents and report figures as the core would send them, for the desk's tests.
import { vi } from 'vitest';
import type { Agent, SlaFigures, SlaPolicy, Ticket, TicketRouting, WorkCalendar } from '../ipc/client';
import { createIpcMock, type IpcMock } from '../test/ipcMock';

/** The shared ipc mock plus the service commands it does not list yet, each refusing until programmed. */
export function createDeskIpcMock(): IpcMock {
  const mock = createIpcMock();
  const names = [
    'callerLookup', 'slaReport', 'slaPoliciesGet', 'slaPoliciesSet', 'workCalendarGet', 'workCalendarSet',
    'ticketRoutingGet', 'ticketRoutingSet', 'agentList', 'agentSetSkills', 'ticketCreate', 'customerTickets',
  ] as const;
  for (const name of names) {
    if (!(name in mock)) {
      Object.assign(mock, { [name]: vi.fn(() => Promise.reject(new Error(`unexpected ipc call ${name}`))) });
    }
  }
  return mock;
}

export function ticket(overrides: Partial<Ticket> = {}): Ticket {
  return {
    id: 'k-1', number: 1024, customerId: 'c-1', customerName: '张伟', contactId: null, territory: null, channel: 'phone',
    category: 'repair', priority: 'high', status: 'in_progress', subject: '空调不制冷', description: null, assignee: 'zhouqian',
    assigneeName: '周倩', tier: 'gold', firstResponseDue: '2026-03-02T02:00:00Z', resolutionDue: '2099-03-03T10:00:00Z',
    firstResponseAt: '2026-03-02T01:30:00Z', waitingSince: null, resolvedAt: null, closedAt: null, firstResponseClock: 'met',
    resolutionClock: 'running', rating: null, ratingComment: null, version: 2, createdAt: '2026-03-02T01:00:00Z',
    createdBy: 'admin', updatedAt: '2026-03-02T01:30:00Z', allowedActions: [], mayRate: false, ...overrides,
  };
}

export const SLA_POLICIES: SlaPolicy[] = [
  { priority: 'urgent', tier: null, firstResponseMinutes: 30, resolutionMinutes: 240 },
  { priority: 'urgent', tier: 'diamond', firstResponseMinutes: 15, resolutionMinutes: 120 },
  { priority: 'high', tier: null, firstResponseMinutes: 60, resolutionMinutes: 480 },
  { priority: 'normal', tier: null, firstResponseMinutes: 240, resolutionMinutes: 1440 },
  { priority: 'low', tier: null, firstResponseMinutes: 480, resolutionMinutes: 2880 },
];

const week = (start: string, end: string) => [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start, end }));

/** Monday to Friday 09:00–12:00 and 13:00–18:00, Beijing time, National Day off. */
export const CALENDAR: WorkCalendar = {
  utcOffsetMinutes: 480,
  hours: [...week('09:00', '12:00'), ...week('13:00', '18:00')],
  holidays: ['2026-10-01', '2026-10-02'],
  extraWorkdays: ['2026-10-10'],
};

export const ROUTING: TicketRouting = {
  strategy: 'round_robin',
  bySkill: true,
  categories: [
    { key: 'inquiry', labelZh: '咨询', labelEn: 'Inquiry' },
    { key: 'complaint', labelZh: '投诉', labelEn: 'Complaint' },
    { key: 'repair', labelZh: '维修', labelEn: 'Repair' },
  ],
};

export const AGENTS: Agent[] = [
  { login: 'admin', displayName: '王管理', role: 'admin', active: true, unitName: '华东贸易', skills: [], openTickets: 0 },
  { login: 'zhouqian', displayName: '周倩', role: 'service', active: true, unitName: '客服部', skills: ['repair'], openTickets: 3 },
  { login: 'Sunhao', displayName: '孙浩', role: 'service', active: true, unitName: '客服部', skills: [], openTickets: 1 },
];

export function figures(key: string, overrides: Partial<SlaFigures> = {}): SlaFigures {
  return {
    key, tickets: 0, open: 0, firstResponseMet: 0, firstResponseBreached: 0, resolutionMet: 0, resolutionBreached: 0,
    meanFirstResponseMinutes: null, meanResolutionMinutes: null, rated: 0, meanRatingX100: null, ratingCounts: [0, 0, 0, 0, 0],
    ...overrides,
  };
}
