// The fake core's service desk: tickets (state machine, SLA clocks, routing, replies, attachments,
// ratings), the agents, the routing settings, the caller lookup and the SLA report. Injected into
// the page before fake-backend.mjs, it leaves window.__FAKE_SERVICE__, a function the backend
// calls with its store helpers ({ db, fail, now, nextSeq, changed, access }); it returns the
// commands. Self-contained: Playwright sends its source text to the page. `ticketSeed` (run in
// node by fake-data.mjs) makes the tickets it starts with.
//
// Differences from the core, on purpose: SLA minutes are wall-clock minutes (no work calendar),
// territories do not limit who sees or works a ticket, and the shipped rule "a VIP customer's
// ticket is high priority" is played here on ticket_create (no rule engine). Service agents 赵敏
// (zhaomin) and 孙丽 (sunli) work tickets; they can sign in only when the flow seeds them into
// the accounts: openApp(browser, url, { serviceAgents: true, signedIn: 'zhaomin' }).
// Flows can look into the store at window.__FAKE_CRM__.service.

const MINUTE = 60_000;

/** Business minutes by priority: [first response, resolution]. */
export const SLA_MINUTES = { low: [480, 4320], normal: [240, 1440], high: [60, 480], urgent: [30, 240] };

export const CATEGORIES = [
  { key: 'inquiry', labelZh: '咨询', labelEn: 'Inquiry' },
  { key: 'complaint', labelZh: '投诉', labelEn: 'Complaint' },
  { key: 'repair', labelZh: '维修', labelEn: 'Repair' },
  { key: 'return', labelZh: '退换货', labelEn: 'Return' },
  { key: 'billing', labelZh: '账单', labelEn: 'Billing' },
  { key: 'other', labelZh: '其他', labelEn: 'Other' },
];

/** The service agents (客服部); fake-data.mjs adds them to the accounts when a flow asks. */
export const SERVICE_AGENTS = [
  { id: 'u-zhaomin', login: 'zhaomin', displayName: '赵敏', role: 'service', unitId: 'o-service', active: true,
    createdAt: '2025-01-05T01:00:00Z', password: 'Service2025!' },
  { id: 'u-sunli', login: 'sunli', displayName: '孙丽', role: 'service', unitId: 'o-service', active: true,
    createdAt: '2025-01-06T01:00:00Z', password: 'Service2025!' },
];

const SKILLS = { zhaomin: ['repair', 'return'], sunli: ['billing', 'complaint', 'inquiry'] };

// number, customer index, channel, category, priority, final status, subject, assignee, minutes ago opened,
// extra: fr = minutes after opening of the first reply, wait = minutes ago the wait began,
// resolved / closed = minutes ago, rating, comment, customerReply
const TICKETS = [
  [1001, 0, 'phone', 'repair', 'high', 'in_progress', '空调外机异响，需要上门检修', 'zhaomin', 440, { fr: 20 }],
  [1002, 2, 'email', 'complaint', 'urgent', 'assigned', '发票抬头开错，要求重新开具', 'sunli', 190, {}],
  [1003, 1, 'web', 'inquiry', 'normal', 'new', '咨询年度维保套餐的价格', null, 20, {}],
  [1004, 4, 'phone', 'return', 'normal', 'waiting', '收到的型号与订单不符，申请换货', 'zhaomin', 1200, { fr: 30, wait: 180 }],
  [1005, 3, 'walk_in', 'repair', 'low', 'assigned', '门店展示机屏幕闪烁', 'zhaomin', 1440, { fr: 60 }],
  [1006, 5, 'email', 'billing', 'high', 'new', '上月账单重复扣费', null, 120, {}],
  [1007, 6, 'phone', 'inquiry', 'normal', 'in_progress', '确认上门安装的预约时间', 'sunli', 360, { fr: 45, customerReply: true }],
  [1008, 0, 'email', 'other', 'normal', 'resolved', '更改联系人邮箱地址', 'sunli', 4320, { fr: 50, resolved: 3600 }],
  [1009, 7, 'phone', 'complaint', 'high', 'closed', '送货延误三天，客户投诉', 'zhaomin', 7200, { fr: 30, resolved: 6500, closed: 2880 }],
  [1010, 2, 'web', 'repair', 'normal', 'closed', '净水器滤芯更换', 'sunli', 14400, { fr: 60, resolved: 13500, closed: 12000, rating: 5, comment: '师傅很专业，响应也及时。' }],
  [1011, 8, 'phone', 'inquiry', 'urgent', 'in_progress', '生产线设备停机，紧急求助', 'wangqiang', 120, { fr: 10 }],
  [1012, 9, 'web', 'billing', 'low', 'new', '申请开具增值税专用发票', null, 240, {}],
  [1013, 1, 'email', 'complaint', 'normal', 'closed', '客服电话长时间无人接听', 'sunli', 28800, { fr: 300, resolved: 27000, closed: 25000, rating: 2, comment: '问题解决了，但等得太久。' }],
  [1014, 3, 'phone', 'repair', 'urgent', 'in_progress', '收银系统无法联网', 'tester', 300, { fr: 15 }],
  [1015, 10, 'email', 'inquiry', 'normal', 'assigned', '批量采购的折扣咨询', 'tester', 60, {}],
];

const REPLIES = {
  reply: '您好，已收到您的问题，我们正在处理，会尽快给您答复。',
  customerReply: '好的，明天上午十点以后都可以。',
};

/** The starting tickets with their events and attachments (run in node; times relative to now). */
export function ticketSeed(customers, users) {
  const nowMs = Date.now();
  const iso = (ms) => new Date(ms).toISOString();
  const tickets = [];
  for (const [number, ci, channel, category, priority, status, subject, assignee, ago, extra] of TICKETS) {
    const c = customers[ci];
    if (!c) continue;
    const opened = nowMs - ago * MINUTE;
    const [fr, res] = SLA_MINUTES[priority];
    const firstResponseAt = extra.fr !== undefined ? iso(opened + extra.fr * MINUTE) : null;
    const resolvedAt = extra.resolved !== undefined ? iso(nowMs - extra.resolved * MINUTE) : null;
    const closedAt = extra.closed !== undefined ? iso(nowMs - extra.closed * MINUTE) : null;
    const waitingSince = extra.wait !== undefined ? iso(nowMs - extra.wait * MINUTE) : null;
    const events = [{ at: iso(opened), actor: 'wangqiang', kind: 'created', fromValue: null, toValue: 'new', body: null }];
    const ev = (atMs, actor, kind, fromValue, toValue, body = null) => events.push({ at: iso(atMs), actor, kind, fromValue, toValue, body });
    if (assignee) ev(opened + MINUTE, 'routing', 'assign', null, assignee);
    if (assignee && status !== 'new') {
      if (status !== 'assigned') ev(opened + 5 * MINUTE, assignee, 'start', 'assigned', 'in_progress');
      if (firstResponseAt) ev(Date.parse(firstResponseAt), assignee, 'reply', null, null, REPLIES.reply);
      if (extra.customerReply) ev(Date.parse(firstResponseAt) + 30 * MINUTE, assignee, 'customer_reply', null, null, REPLIES.customerReply);
      if (waitingSince) ev(Date.parse(waitingSince), assignee, 'wait', 'in_progress', 'waiting', '已请客户提供订单照片');
      if (resolvedAt) ev(Date.parse(resolvedAt), assignee, 'resolve', 'in_progress', 'resolved', '已处理完毕');
      if (closedAt) ev(Date.parse(closedAt), assignee, 'close', 'resolved', 'closed', null);
      if (extra.rating) ev(Date.parse(closedAt) + 60 * MINUTE, assignee, 'rating', null, String(extra.rating), extra.comment ?? null);
    }
    const attachments = number === 1004
      ? [{ id: 'att-1', path: '/home/tester/图片/订单照片.jpg', fileName: '订单照片.jpg', size: 482_113, addedBy: 'zhaomin', addedAt: iso(opened + 40 * MINUTE) }]
      : [];
    for (const a of attachments) ev(Date.parse(a.addedAt), a.addedBy, 'attachment', null, a.fileName, a.path);
    events.sort((a, b) => a.at.localeCompare(b.at));
    const updatedAt = events[events.length - 1].at;
    tickets.push({
      id: `tk-${number}`, number, customerId: c.id, contactId: null, channel, category, priority, status, subject,
      description: `${c.name}来电反映：${subject}。`, assignee, firstResponseDue: iso(opened + fr * MINUTE),
      resolutionDue: iso(opened + res * MINUTE), firstResponseAt, waitingSince, resolvedAt, closedAt,
      rating: extra.rating ?? null, ratingComment: extra.comment ?? null, version: events.length, createdAt: iso(opened),
      createdBy: 'wangqiang', updatedAt, events, attachments,
    });
  }
  return {
    tickets,
    users: [...users, ...SERVICE_AGENTS].map((u) => ({ login: u.login, displayName: u.displayName, role: u.role, unitId: u.unitId, active: u.active })),
    skills: SKILLS,
    routing: { strategy: 'round_robin', bySkill: true, categories: CATEGORIES },
    slaMinutes: SLA_MINUTES,
  };
}

export function installFakeService(seed) {
  window.__FAKE_SERVICE__ = ({ db, fail, now, nextSeq, changed, access }) => {
    const state = {
      tickets: (seed.tickets ?? []).map((t) => ({ ...t, events: t.events.map((e) => ({ ...e })), attachments: t.attachments.map((a) => ({ ...a })) })),
      users: seed.users ?? [],
      skills: { ...(seed.skills ?? {}) },
      routing: seed.routing ?? { strategy: 'manual', bySkill: false, categories: [] },
      lastRouted: null,
    };
    if (window.__FAKE_CRM__) window.__FAKE_CRM__.service = state;
    const MINUTE = 60_000;
    const DUE_SOON = 60 * MINUTE;
    const OPEN = ['new', 'assigned', 'in_progress', 'waiting'];
    const NEXT = {
      assign: { new: 'assigned', assigned: 'assigned', in_progress: 'in_progress', waiting: 'waiting' },
      start: { assigned: 'in_progress' },
      wait: { assigned: 'waiting', in_progress: 'waiting' },
      resume: { waiting: 'in_progress' },
      resolve: { assigned: 'resolved', in_progress: 'resolved', waiting: 'resolved' },
      close: { resolved: 'closed' },
      reopen: { resolved: 'in_progress', closed: 'in_progress' },
    };
    const STATUS_ZH = { new: '新建', assigned: '已分配', in_progress: '处理中', waiting: '等待客户', resolved: '已解决', closed: '已关闭' };
    const VERB = { assign: 'assigned', start: 'started', wait: 'put on waiting', resume: 'resumed', resolve: 'resolved', close: 'closed before it is resolved', reopen: 'reopened' };

    const ms = (s) => Date.parse(s);
    const same = (a, b) => String(a ?? '').toLowerCase() === String(b ?? '').toLowerCase();
    const user = (login) => state.users.find((u) => same(u.login, login));
    const me = () => user(access.actor()) ?? { login: access.actor(), role: 'sales' };
    const customer = (id) => db.customers.find((c) => c.id === id) ?? fail('not_found', `no customer with id ${id}`);
    const find = (id) => state.tickets.find((t) => t.id === id) ?? fail('not_found', `no ticket with id ${id}`);
    const isOpen = (t) => OPEN.includes(t.status);
    const standing = (t) => ({
      isAssignee: same(t.assignee, me().login),
      supervises: ['manager', 'admin'].includes(me().role),
      mayTake: !t.assignee && me().role === 'service',
    });
    const permitted = (action, who) => {
      if (who.supervises) return null;
      if (action === 'assign') return who.mayTake ? null : 'only a manager or an administrator assigns tickets; an agent may take an unassigned one';
      return who.isAssignee ? null : "only the ticket's agent, a manager or an administrator may do this";
    };
    const clock = (due, done, paused, at = Date.now()) => {
      if (done) return ms(done) <= ms(due) ? 'met' : 'breached';
      if (paused) return ms(paused) > ms(due) ? 'breached' : 'paused';
      if (at > ms(due)) return 'breached';
      return ms(due) - at <= DUE_SOON ? 'due_soon' : 'running';
    };
    const breached = (t, at = Date.now()) =>
      (!t.firstResponseAt && ms(t.firstResponseDue) < at) || (!t.waitingSince && ms(t.resolutionDue) < at) ||
      (Boolean(t.waitingSince) && ms(t.resolutionDue) < ms(t.waitingSince));
    const publicTicket = (t) => {
      const c = customer(t.customerId);
      const who = standing(t);
      const { events: _e, attachments: _a, ...rest } = t;
      return {
        ...rest, customerName: c.name, territory: access.territoryOf(c), tier: c.tier ?? null,
        assigneeName: t.assignee ? (user(t.assignee)?.displayName ?? null) : null,
        firstResponseClock: clock(t.firstResponseDue, t.firstResponseAt, null),
        resolutionClock: clock(t.resolutionDue, t.resolvedAt, t.waitingSince),
        allowedActions: Object.keys(NEXT).filter((a) => NEXT[a][t.status] && !permitted(a, who)),
        mayRate: t.status === 'closed' && t.rating === null,
      };
    };
    const detail = (t) => ({ ticket: publicTicket(t), events: t.events, attachments: t.attachments });
    const event = (t, kind, fromValue = null, toValue = null, body = null, actor = access.actor()) =>
      t.events.push({ at: now(), actor, kind, fromValue, toValue, body });
    const touch = (t, bump = true) => {
      t.updatedAt = now();
      if (bump) t.version += 1;
      changed('ticket', [t.id, t.customerId]);
    };
    const cleanNote = (note) => {
      const n = (note ?? '').trim();
      if (n.length > 10_000) fail('invalid_input', 'notes is too long (at most 10000 characters)');
      return n || null;
    };
    const cleanText = (input) => {
      const subject = (input.subject ?? '').trim();
      if (!subject) fail('invalid_input', 'subject is required');
      if (subject.length > 200) fail('invalid_input', 'subject is too long (at most 200 characters)');
      const category = (input.category ?? '').trim().toLowerCase() || null;
      if (category && !state.routing.categories.some((k) => k.key === category)) {
        fail('invalid_input', `'${category}' is not a ticket category; choose one of ${state.routing.categories.map((k) => `${k.key} (${k.labelZh})`).join(', ')}`);
      }
      return { subject, category, description: (input.description ?? '').trim() || null };
    };
    const checkContact = (customerId, contactId) => {
      if (contactId && !db.contacts.some((p) => p.id === contactId && p.customerId === customerId)) {
        fail('invalid_input', 'the contact does not belong to this customer');
      }
      return contactId || null;
    };
    const dues = (priority, fromMs) => {
      const [fr, res] = (seed.slaMinutes ?? {})[priority] ?? [240, 1440];
      return { firstResponseDue: new Date(fromMs + fr * MINUTE).toISOString(), resolutionDue: new Date(fromMs + res * MINUTE).toISOString() };
    };

    // --- routing and agents ---------------------------------------------------------------------
    const openLoad = (login) => state.tickets.filter((t) => isOpen(t) && same(t.assignee, login)).length;
    const candidates = () => state.users.filter((u) => u.active && ['service', 'manager', 'admin'].includes(u.role))
      .sort((a, b) => a.login.toLowerCase().localeCompare(b.login.toLowerCase()));
    const route = (category) => {
      if (state.routing.strategy === 'manual') return null;
      let eligible = candidates().filter((u) => u.role === 'service');
      const skilled = eligible.filter((u) => (state.skills[u.login] ?? []).includes(category));
      if (state.routing.bySkill && category && skilled.length) eligible = skilled;
      if (!eligible.length) return null;
      const last = state.lastRouted?.toLowerCase();
      const start = last ? Math.max(0, eligible.findIndex((u) => u.login.toLowerCase() > last)) : 0;
      const rotated = [...eligible.slice(start), ...eligible.slice(0, start)];
      const least = Math.min(...rotated.map((u) => openLoad(u.login)));
      const chosen = state.routing.strategy === 'least_loaded' ? rotated.find((u) => openLoad(u.login) === least) : rotated[0];
      state.lastRouted = chosen.login;
      return chosen.login;
    };
    const checkAgent = (login) => {
      const u = candidates().find((x) => same(x.login, login.trim()));
      if (!u) fail('invalid_input', `${login.trim()} is not an active service agent, manager or administrator and cannot be given tickets`);
      return u.login;
    };
    const assign = (t, login, note, actor = access.actor()) => {
      const from = t.assignee;
      t.assignee = login;
      t.status = NEXT.assign[t.status];
      event(t, 'assign', from, login, note, actor);
      if (!same(login, actor) && Array.isArray(db.notifications)) {
        db.notifications.push({ id: `n-${nextSeq()}`, at: now(), kind: 'assignment', recipient: login,
          title: `工单 #${t.number} 分配给您 / Ticket #${t.number} is yours: ${t.subject}`, body: customer(t.customerId).name,
          record: { kind: 'ticket', id: t.id }, readAt: null });
        changed('notification', []);
      }
    };
    const agents = () => candidates().map((u) => ({
      login: u.login, displayName: u.displayName, role: u.role, active: true,
      unitName: { 'o-root': '华东贸易有限公司', 'o-sales': '销售部', 'o-south': '华南销售组', 'o-service': '客服部' }[u.unitId] ?? '',
      skills: [...(state.skills[u.login] ?? [])].sort(), openTickets: openLoad(u.login),
    }));

    // --- status changes -------------------------------------------------------------------------
    const transition = (t, action) =>
      NEXT[action]?.[t.status] ??
      fail('illegal_transition', `a ticket that is ${STATUS_ZH[t.status]} (${t.status.replace('_', ' ')}) cannot be ${VERB[action]}`);
    const changeStatus = (t, action, note) => {
      const from = t.status;
      const to = transition(t, action);
      if (from === 'waiting' && to !== 'waiting' && t.waitingSince) {
        // The resolution due time moves by the time waited (wall-clock here).
        t.resolutionDue = new Date(ms(t.resolutionDue) + (Date.now() - ms(t.waitingSince))).toISOString();
        t.waitingSince = null;
      }
      if (action === 'wait') t.waitingSince = now();
      if (action === 'resolve') {
        t.resolvedAt = now();
        t.firstResponseAt = t.firstResponseAt ?? now();
      }
      if (action === 'close') t.closedAt = now();
      if (action === 'reopen') {
        t.resolvedAt = null;
        t.closedAt = null;
      }
      t.status = to;
      event(t, action, from, to, note);
    };

    // --- lists ----------------------------------------------------------------------------------
    const byQueue = (a, b) => a.resolutionDue.localeCompare(b.resolutionDue) || a.number - b.number;
    const list = (req) => {
      const queue = req.view !== 'all';
      const assignee = req.view === 'mine' ? me().login : (req.assignee ?? '').trim() || null;
      let rows = state.tickets.filter((t) =>
        (!req.statuses?.length || req.statuses.includes(t.status)) && (!req.priority || t.priority === req.priority) &&
        (!assignee || same(t.assignee, assignee)) && (!queue || isOpen(t)) &&
        (req.view !== 'unassigned' || !t.assignee) && (req.view !== 'breached' || breached(t)));
      rows = queue ? rows.sort(byQueue) : rows.sort((a, b) => b.number - a.number);
      if (req.cursor) {
        if (queue) {
          const [due, seq] = [req.cursor.slice(0, req.cursor.lastIndexOf('|')), Number(req.cursor.slice(req.cursor.lastIndexOf('|') + 1))];
          if (!due || Number.isNaN(seq)) fail('invalid_input', 'bad page cursor');
          rows = rows.filter((t) => t.resolutionDue > due || (t.resolutionDue === due && t.number > seq));
        } else {
          rows = rows.filter((t) => t.number < Number(req.cursor));
        }
      }
      const limit = Math.min(Math.max(req.limit ?? 50, 1), 200);
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      const nextCursor = rows.length > limit ? (queue ? `${last.resolutionDue}|${last.number}` : String(last.number)) : null;
      return { items: page.map(publicTicket), nextCursor };
    };
    const customerTickets = (customerId) => {
      customer(customerId);
      return state.tickets.filter((t) => t.customerId === customerId).sort((a, b) => b.number - a.number).map(publicTicket);
    };

    // --- the desk's caller lookup (kept simple: name, pinyin, phone, e-mail, company, contacts) ---
    const lookup = (query) => {
      const q = query.trim().toLowerCase();
      if (!q) return [];
      const digits = q.replace(/\D/g, '');
      const hits = [];
      for (const c of db.customers.filter((x) => x.deletedAt === null)) {
        const contact = db.contacts.find((p) => p.customerId === c.id && p.name.toLowerCase().includes(q));
        const tests = [
          ['name', c.name.toLowerCase() === q ? 1 : c.name.toLowerCase().includes(q) ? 0.8 : 0],
          ['pinyin', /^[a-z]+$/.test(q) && ((c.pinyin ?? '').startsWith(q) || (c.initials ?? '') === q) ? 0.75 : 0],
          ['phone', digits.length >= 3 && c.phones.some((p) => p.replace(/\D/g, '').includes(digits)) ? 0.95 : 0],
          ['email', c.emails.some((e) => e.toLowerCase().includes(q)) ? 0.6 : 0],
          ['company', (c.company ?? '').toLowerCase().includes(q) ? 0.5 : 0],
          ['contact', contact ? 0.55 : 0],
        ].sort((a, b) => b[1] - a[1]);
        const [matched, score] = tests[0];
        if (score > 0) {
          hits.push({ id: c.id, name: c.name, kind: c.kind, company: c.company, city: c.city, phones: c.phones, emails: c.emails,
            score, matched, matchedContact: matched === 'contact' ? contact.name : null });
        }
      }
      return hits.sort((a, b) => b.score - a.score || a.name.localeCompare(b.name, 'zh-CN')).slice(0, 10);
    };
    const opportunitiesOf = (customerId) => {
      const o = window.__FAKE_CRM__?.opportunities;
      if (!o) return [];
      const stage = (id) => o.stages.find((s) => s.id === id);
      return o.opportunities
        .filter((x) => !x.deletedAt && x.customerId === customerId)
        .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
        .slice(0, 20)
        .map(({ stageId, items: _i, stageChanges: _s, reached: _r, deletedAt: _d, ...rest }) => {
          const s = stage(stageId);
          const owner = o.users.find((u) => u.login === rest.owner);
          return { ...rest, customerName: customer(customerId).name, stage: { id: s.id, key: s.key, nameZh: s.nameZh, nameEn: s.nameEn, outcome: s.outcome },
            weightedAmount: Math.floor((rest.amount * rest.probability) / 100), ownerName: owner?.displayName ?? rest.owner,
            mayEdit: ['admin', 'manager'].includes(me().role) || rest.owner === me().login };
        });
    };
    const card = (customerId) => {
      const c = customer(customerId);
      const { pinyin: _p, initials: _i, seq: _s, ...rest } = c;
      const tickets = customerTickets(customerId);
      return {
        customer: { ...rest, custom: { ...c.custom }, phones: [...c.phones], emails: [...c.emails], tagIds: [...c.tagIds], territory: access.territoryOf(c) },
        openTickets: tickets.filter((t) => OPEN.includes(t.status)),
        pastTickets: tickets.filter((t) => !OPEN.includes(t.status)),
        opportunities: opportunitiesOf(customerId),
      };
    };

    // --- the SLA report -------------------------------------------------------------------------
    const slaReport = ({ from, to }) => {
      const inRange = state.tickets.filter((t) => (!from || t.createdAt.slice(0, 10) >= from) && (!to || t.createdAt.slice(0, 10) <= to));
      const groups = { total: new Map(), priority: new Map(), agent: new Map() };
      const sums = (map, key) => {
        if (!map.has(key)) {
          map.set(key, { key, tickets: 0, open: 0, firstResponseMet: 0, firstResponseBreached: 0, resolutionMet: 0, resolutionBreached: 0,
            fr: [], res: [], ratings: [] });
        }
        return map.get(key);
      };
      for (const t of inRange) {
        const fr = clock(t.firstResponseDue, t.firstResponseAt, null);
        const res = clock(t.resolutionDue, t.resolvedAt, t.waitingSince);
        for (const s of [sums(groups.total, 'all'), sums(groups.priority, t.priority), sums(groups.agent, (t.assignee ?? '').toLowerCase())]) {
          s.tickets += 1;
          s.open += isOpen(t) ? 1 : 0;
          s.firstResponseMet += fr === 'met' ? 1 : 0;
          s.firstResponseBreached += fr === 'breached' ? 1 : 0;
          s.resolutionMet += res === 'met' ? 1 : 0;
          s.resolutionBreached += res === 'breached' ? 1 : 0;
          if (t.firstResponseAt) s.fr.push((ms(t.firstResponseAt) - ms(t.createdAt)) / MINUTE);
          if (t.resolvedAt) s.res.push((ms(t.resolvedAt) - ms(t.createdAt)) / MINUTE);
          if (t.rating) s.ratings.push(t.rating);
        }
      }
      const mean = (xs) => (xs.length ? Math.floor(xs.reduce((a, b) => a + b, 0) / xs.length) : null);
      const finish = ({ fr, res, ratings, ...s }) => ({
        ...s, meanFirstResponseMinutes: mean(fr), meanResolutionMinutes: mean(res), rated: ratings.length,
        meanRatingX100: ratings.length ? Math.floor((ratings.reduce((a, b) => a + b, 0) * 100) / ratings.length) : null,
        ratingCounts: [1, 2, 3, 4, 5].map((n) => ratings.filter((r) => r === n).length),
      });
      const sorted = (map) => [...map.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map(finish);
      return { total: finish(groups.total.get('all') ?? sums(new Map(), 'all')), byPriority: sorted(groups.priority), byAgent: sorted(groups.agent) };
    };

    return {
      ticket_list: ({ request }) => list(request),
      ticket_counts: () => {
        const open = state.tickets.filter(isOpen);
        const soon = Date.now() + DUE_SOON;
        return {
          open: open.length,
          mine: open.filter((t) => same(t.assignee, me().login)).length,
          unassigned: open.filter((t) => !t.assignee).length,
          breached: open.filter((t) => breached(t)).length,
          dueSoon: open.filter((t) => !breached(t) && !t.waitingSince &&
            (ms(t.resolutionDue) <= soon || (!t.firstResponseAt && ms(t.firstResponseDue) <= soon))).length,
        };
      },
      ticket_get: ({ id }) => detail(find(id)),
      ticket_create: ({ input }) => {
        const c = customer(input.customerId);
        if (c.deletedAt) fail('not_found', 'the customer is in the trash; restore it first');
        const text = cleanText(input);
        const wanted = (input.assignee ?? '').trim() || null;
        if (wanted && !['manager', 'admin'].includes(me().role) && !(me().role === 'service' && same(wanted, me().login))) {
          fail('forbidden', 'only a manager or an administrator assigns tickets to others');
        }
        const contactId = checkContact(c.id, input.contactId);
        const at = now();
        const number = Math.max(1000, ...state.tickets.map((t) => t.number)) + 1;
        const t = {
          id: `tk-${number}`, number, customerId: c.id, contactId, channel: input.channel, category: text.category,
          priority: input.priority, status: 'new', subject: text.subject, description: text.description, assignee: null,
          ...dues(input.priority, Date.now()), firstResponseAt: null, waitingSince: null, resolvedAt: null, closedAt: null,
          rating: null, ratingComment: null, version: 1, createdAt: at, createdBy: access.actor(), updatedAt: at, events: [], attachments: [],
        };
        state.tickets.push(t);
        event(t, 'created', null, 'new');
        if (wanted) assign(t, checkAgent(wanted), null);
        // The shipped rule vip_ticket_high: a VIP customer's ticket is at least high priority.
        if (c.lifecycle === 'vip' && ['low', 'normal'].includes(t.priority)) {
          event(t, 'priority', t.priority, 'high');
          Object.assign(t, { priority: 'high' }, dues('high', ms(t.createdAt)));
        }
        if (!t.assignee) {
          const agent = route(t.category);
          if (agent) assign(t, agent, null, 'routing');
        }
        touch(t, false);
        return publicTicket(t);
      },
      ticket_update: ({ id, expectedVersion, input }) => {
        const t = find(id);
        const who = standing(t);
        if (!who.supervises && !who.isAssignee) fail('forbidden', "only the ticket's agent, a manager or an administrator may edit it");
        const text = cleanText(input);
        if (t.version !== expectedVersion) fail('conflict', `ticket #${t.number} was changed by ${t.events[t.events.length - 1].actor} meanwhile; reload it and edit again`);
        const contactId = checkContact(t.customerId, input.contactId);
        let changedAny = false;
        if (t.subject !== text.subject || t.description !== text.description || t.category !== text.category || t.contactId !== contactId) {
          if (t.category !== text.category) event(t, 'category', t.category, text.category);
          Object.assign(t, text, { contactId });
          changedAny = true;
        }
        if (t.priority !== input.priority) {
          event(t, 'priority', t.priority, input.priority);
          Object.assign(t, { priority: input.priority }, dues(input.priority, ms(t.createdAt)));
          changedAny = true;
        }
        if (changedAny) touch(t);
        return publicTicket(t);
      },
      ticket_act: ({ id, input }) => {
        const t = find(id);
        const who = standing(t);
        transition(t, input.action);
        const refused = permitted(input.action, who);
        if (refused) fail('forbidden', refused);
        const wanted = (input.assignee ?? '').trim() || null;
        if (input.action === 'assign' && !who.supervises && wanted && !same(wanted, me().login)) {
          fail('forbidden', 'an agent may take a ticket himself, not give it to others');
        }
        const note = cleanNote(input.note);
        if (input.action === 'assign') {
          const login = wanted ? checkAgent(wanted) : who.supervises
            ? (route(t.category) ?? fail('invalid_input', "no active agent works this ticket's territory; choose one by name"))
            : checkAgent(me().login);
          assign(t, login, note);
        } else {
          changeStatus(t, input.action, note);
        }
        touch(t);
        return publicTicket(t);
      },
      ticket_reply: ({ id, kind, body }) => {
        const t = find(id);
        const text = cleanNote(body) ?? fail('invalid_input', 'write the reply or note first');
        if (kind !== 'note' && !isOpen(t)) fail('illegal_transition', 'the ticket is resolved or closed; reopen it to reply, or add a note');
        event(t, kind, null, null, text);
        if (kind === 'reply' && !t.firstResponseAt) t.firstResponseAt = now();
        if (kind === 'customer_reply' && t.status === 'waiting') {
          changeStatus(t, 'resume', 'customer answered');
          t.version += 1;
        }
        touch(t, false);
        return detail(t);
      },
      ticket_attach: ({ id, path }) => {
        const t = find(id);
        const p = path.trim();
        if (!/^(\/|[A-Za-z]:[\\/])/.test(p)) fail('invalid_input', `'${p}' is not a full path to a file`);
        if (/[\\/]$/.test(p)) fail('invalid_input', `${p} is a folder, not a file`);
        const fileName = p.split(/[\\/]/).pop();
        t.attachments.push({ id: `att-${nextSeq()}`, path: p, fileName, size: 1024 * (p.length % 97) + 317, addedBy: access.actor(), addedAt: now() });
        event(t, 'attachment', null, fileName, p);
        touch(t, false);
        return detail(t);
      },
      ticket_attachment_remove: ({ id, attachmentId }) => {
        const t = find(id);
        const a = t.attachments.find((x) => x.id === attachmentId) ?? fail('not_found', 'no such attachment on this ticket');
        t.attachments.splice(t.attachments.indexOf(a), 1);
        event(t, 'attachment_removed', a.fileName, null);
        touch(t, false);
        return detail(t);
      },
      ticket_rate: ({ id, rating, comment }) => {
        const t = find(id);
        if (!(rating >= 1 && rating <= 5)) fail('invalid_input', 'a rating is 1 to 5 stars');
        const text = cleanNote(comment);
        if (t.status !== 'closed') fail('illegal_transition', 'a ticket is rated after it is closed');
        if (t.rating !== null) fail('conflict', `ticket #${t.number} was already rated`);
        Object.assign(t, { rating, ratingComment: text });
        event(t, 'rating', null, String(rating), text);
        touch(t);
        return publicTicket(t);
      },
      customer_tickets: ({ customerId }) => customerTickets(customerId),
      caller_lookup: ({ query, customerId }) => {
        const matches = lookup(query ?? '');
        const chosen = customerId ?? matches[0]?.id ?? null;
        return { matches, card: chosen ? card(chosen) : null };
      },
      agent_list: () => agents(),
      agent_set_skills: ({ login, categories }) => {
        if (!['manager', 'admin'].includes(me().role)) fail('forbidden', 'only a manager or an administrator may do this');
        for (const c of categories) cleanText({ subject: 'x', category: c });
        const u = state.users.find((x) => same(x.login, login.trim()) && x.role !== 'sales') ?? fail('invalid_input', `${login.trim()} is not an agent who works tickets`);
        state.skills[u.login] = [...new Set(categories)];
        changed('ticket', []);
        return agents();
      },
      ticket_routing_get: () => state.routing,
      ticket_routing_set: ({ routing }) => {
        if (me().role !== 'admin') fail('forbidden', 'only an administrator may do this');
        const used = new Set(state.tickets.map((t) => t.category).filter(Boolean));
        const keys = routing.categories.map((c) => c.key.trim().toLowerCase());
        const gone = [...used].find((u) => !keys.includes(u));
        if (gone) fail('invalid_input', `category '${gone}' is used by tickets and cannot be removed`);
        state.routing = { ...routing, categories: routing.categories.map((c, i) => ({ ...c, key: keys[i] })) };
        changed('ticket', []);
        return state.routing;
      },
      sla_report: ({ request }) => slaReport(request ?? {}),
    };
  };
}
