// Tickets, agents and routing as the core would send them, for the ticket screens' tests.
import { vi } from 'vitest';
import type { Agent, Ticket, TicketDetail, TicketEvent, TicketRouting } from '../ipc/client';
import { createIpcMock, type IpcMock } from '../test/ipcMock';

/** The shared ipc mock plus the ticket commands it does not list yet, each refusing until programmed. */
export function createServiceIpcMock(): IpcMock {
  const mock = createIpcMock();
  const names = [
    'ticketList', 'ticketCounts', 'ticketGet', 'ticketCreate', 'ticketUpdate', 'ticketAct', 'ticketReply', 'ticketAttach',
    'ticketAttachmentRemove', 'ticketRate', 'customerTickets', 'agentList', 'ticketRoutingGet', 'taskList',
  ] as const;
  for (const name of names) {
    if (!(name in mock)) {
      Object.assign(mock, { [name]: vi.fn(() => Promise.reject(new Error(`unexpected ipc call ${name}`))) });
    }
  }
  return mock;
}

/** Hours from now as the core's RFC 3339 text. */
export const hoursFromNow = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();

export function ticket(overrides: Partial<Ticket> = {}): Ticket {
  return {
    id: 'k-1', number: 1024, customerId: 'c-1', customerName: '张伟', contactId: null, territory: null, channel: 'phone',
    category: 'repair', priority: 'high', status: 'in_progress', subject: '空调外机异响', description: '客户来电：空调外机异响。',
    assignee: 'zhaomin', assigneeName: '赵敏', tier: null, firstResponseDue: hoursFromNow(-3), resolutionDue: hoursFromNow(5),
    firstResponseAt: hoursFromNow(-3.5), waitingSince: null, resolvedAt: null, closedAt: null, firstResponseClock: 'met',
    resolutionClock: 'running', rating: null, ratingComment: null, version: 3, createdAt: hoursFromNow(-4), createdBy: 'wangqiang',
    updatedAt: hoursFromNow(-3.5), allowedActions: ['assign', 'wait', 'resolve'], mayRate: false, ...overrides,
  };
}

const event = (kind: string, actor: string, extra: Partial<TicketEvent> = {}): TicketEvent => ({
  at: hoursFromNow(-4), actor, kind, fromValue: null, toValue: null, body: null, ...extra,
});

export const EVENTS: TicketEvent[] = [
  event('created', 'wangqiang', { toValue: 'new' }),
  event('assign', 'routing', { toValue: 'zhaomin' }),
  event('start', 'zhaomin', { fromValue: 'assigned', toValue: 'in_progress' }),
  event('reply', 'zhaomin', { body: '您好，我们明天上门检修。' }),
  event('customer_reply', 'zhaomin', { body: '好的，上午都在家。' }),
  event('note', 'zhaomin', { body: '需要带备用风扇电机' }),
  event('priority', 'wangqiang', { fromValue: 'normal', toValue: 'high' }),
];

export function ticketDetail(k: Ticket = ticket(), overrides: Partial<TicketDetail> = {}): TicketDetail {
  return {
    ticket: k,
    events: EVENTS,
    attachments: [
      { id: 'a-1', path: '/home/zhaomin/图片/外机.jpg', fileName: '外机.jpg', size: 482_113, addedBy: 'zhaomin', addedAt: hoursFromNow(-3) },
    ],
    ...overrides,
  };
}

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
  { login: 'zhaomin', displayName: '赵敏', role: 'service', active: true, unitName: '客服部', skills: ['repair'], openTickets: 4 },
  { login: 'sunli', displayName: '孙丽', role: 'service', active: true, unitName: '客服部', skills: ['complaint'], openTickets: 2 },
  { login: 'wangqiang', displayName: '王强', role: 'manager', active: true, unitName: '客服部', skills: [], openTickets: 1 },
];

/** The ticket commands every ticket screen reads, answered. */
export function programReads(mock: IpcMock, detail: TicketDetail = ticketDetail()) {
  mock.ticketGet.mockResolvedValue(detail);
  mock.agentList.mockResolvedValue(AGENTS);
  mock.ticketRoutingGet.mockResolvedValue(ROUTING);
  mock.contactList.mockResolvedValue([]);
  mock.fieldList.mockResolvedValue([]);
  mock.taskList.mockResolvedValue([]);
}
