// The fake core's leads commands. Injected into the page before fake-backend.mjs, it leaves
// window.__FAKE_LEADS__, a function the backend calls with its store helpers; it returns the
// commands (name -> handler). Self-contained: Playwright sends its source text to the page.
// It plays the core's lead state machine, the pool's limits and the assignment rules, so a flow
// through claim, follow-up and conversion means something. `leadSeed` (run in node by
// fake-data.mjs) makes the leads and rules it starts with.

const HOUR = 3_600_000;

/** The starting leads (some in the pool, some being worked, one of each end), rules and pool rules. */
export function leadSeed(customers) {
  const base = Date.parse('2025-06-30T09:00:00Z');
  const at = (hoursAgo) => new Date(base - hoursAgo * HOUR).toISOString();
  // [name, company, phone, email, source, industry, province, city, origin, status, owner, hours ago]
  const rows = [
    ['周杰', '深圳创新科技有限公司', '13900001111', 'zhou.jie@cx-tech.cn', '官网', '制造业', '广东', '深圳', 'manual', 'unassigned', null, 2],
    ['吴敏', '杭州云帆电子商务', '13700002222', null, '展会', '零售', '浙江', '杭州', 'import', 'unassigned', null, 5],
    ['郑爽', null, '13600003333', 'zheng.s@example.com', '转介绍', null, '四川', '成都', 'manual', 'unassigned', null, 9],
    // The same person as an existing customer (phone and name): conversion offers to link them.
    [customers[2]?.name ?? '李伟', customers[2]?.company ?? null, customers[2]?.phones[0] ?? '13800015838', null, '官网', null,
      customers[2]?.province ?? '上海', customers[2]?.city ?? '上海', 'campaign', 'unassigned', null, 12],
    ['冯涛', '上海远航物流有限公司', '13500004444', 'feng.tao@yuanhang.com', '市场活动', '物流', '上海', '上海', 'campaign', 'unassigned', null, 20],
    ['韩雪', '广州美食连锁', '13400005555', null, '官网', '餐饮', '广东', '广州', 'manual', 'unassigned', null, 30],
    ['许晴', '佛山家居制造厂', '13300006666', 'xu.qing@fs-home.cn', '展会', '制造业', '广东', '佛山', 'manual', 'pending', 'lina', 26],
    ['何磊', '东莞精密模具', '13200007777', null, '转介绍', '制造业', '广东', '东莞', 'manual', 'following_up', 'lina', 40],
    ['曹颖', '南京智慧教育', '13100008888', 'cao.ying@zhjy.cn', '官网', '教育', '江苏', '南京', 'import', 'invalid', 'wangqiang', 60],
    ['彭飞', '苏州光电材料', '13000009999', null, '展会', '制造业', '江苏', '苏州', 'manual', 'pending', 'tester', 70],
    ['蒋文', null, '18900001212', null, '广告', null, '湖北', '武汉', 'campaign', 'voided', null, 90],
  ];
  const leads = rows.map(([name, company, phone, email, source, industry, province, city, origin, status, owner, hoursAgo], i) => {
    const createdAt = at(hoursAgo + 24);
    const updatedAt = at(hoursAgo);
    const creator = origin === 'manual' ? 'wangqiang' : 'tester';
    const transitions = [{ at: createdAt, actor: creator, action: 'create', from: null, to: 'unassigned', owner: null, reason: null }];
    const step = (action, from, to, who, reason = null) =>
      transitions.unshift({ at: updatedAt, actor: who ?? 'wangqiang', action, from, to, owner: to === 'unassigned' ? null : owner, reason });
    if (status !== 'unassigned') {
      if (status === 'voided') step('void', 'unassigned', 'voided', 'wangqiang', '测试数据，重复录入');
      else step('assign', 'unassigned', 'pending');
    }
    if (status === 'following_up') step('follow_up', 'pending', 'following_up', owner, '电话沟通，对方有采购意向');
    if (status === 'invalid') step('mark_invalid', 'pending', 'invalid', owner, '电话多次无人接听');
    return {
      id: `l-${String(i + 1).padStart(3, '0')}`, name, company, phone, email, source, industry, country: '中国', province, city,
      notes: i === 0 ? '对自动化产线感兴趣，希望下月安排参观。' : null, origin, status, owner, touchedAt: updatedAt,
      customerId: null, contactId: null, opportunityId: null, version: 1, createdAt, createdBy: creator, updatedAt,
      updatedBy: creator, seq: rows.length - i, transitions,
      followups: status === 'following_up'
        ? [{ id: `f-${i}`, customerId: '', opportunityId: null, kind: 'call', occurredAt: updatedAt, author: owner,
            subject: '电话沟通，对方有采购意向', body: '需要一套模具加工报价，下周再联系。', createdAt: updatedAt }]
        : [],
    };
  });
  const rules = [
    { id: 'r-1', name: '华南官网线索', active: true, conditions: [{ field: 'territory', op: 'is', values: ['t-south'] }, { field: 'source', op: 'is', values: ['官网'] }],
      targetUser: 'lina', targetUnitId: null, strategy: 'round_robin' },
    { id: 'r-2', name: '市场活动线索', active: false, conditions: [{ field: 'origin', op: 'is', values: ['campaign'] }],
      targetUser: null, targetUnitId: 'o-sales', strategy: 'least_loaded' },
  ];
  return { leads, rules, poolRules: { returnAfterDays: 7, reclaimWaitDays: 3, dailyClaimLimit: 20, openLeadLimit: 50 } };
}

export function installFakeLeads(seed) {
  window.__FAKE_LEADS__ = ({ db, fail, now, nextSeq, changed, access }) => {
    const HOUR = 3_600_000;
    const state = {
      poolRules: { ...(seed.poolRules ?? { returnAfterDays: 7, reclaimWaitDays: 3, dailyClaimLimit: 20, openLeadLimit: 50 }) },
      rules: (seed.rules ?? []).map((r) => ({ ...r, conditions: r.conditions.map((c) => ({ ...c, values: [...c.values] })) })),
      lastChosen: new Map(),
    };
    // The leads live on the shared store: the customer page lists the leads converted into it.
    db.leads = (seed.leads ?? []).map((l) => ({ ...l, transitions: [...l.transitions], followups: [...l.followups], allowedActions: [] }));
    if (window.__FAKE_CRM__) window.__FAKE_CRM__.leads = state;

    // --- who is acting ---------------------------------------------------------------------------
    const accessCommands = () => access.commands(db.customers);
    const users = () => accessCommands().user_list();
    const me = () => accessCommands().auth_status().user ?? fail('forbidden', 'sign in first');
    const isManager = (u) => u.role === 'admin' || u.role === 'manager';
    const userNamed = (name) => {
      const n = String(name ?? '').trim();
      return users().find((u) => u.login === n) ?? users().find((u) => u.displayName === n);
    };
    const displayName = (login) => (login ? (userNamed(login)?.displayName ?? login) : null);
    const managerOnly = () => {
      if (!isManager(me())) fail('forbidden', 'only a manager or an administrator may do this');
    };

    // --- the state machine, as crm-core's lead_machine.rs --------------------------------------
    const NEXT = {
      assign: { unassigned: 'pending', pending: 'pending', following_up: 'pending' },
      claim: { unassigned: 'pending' },
      follow_up: { pending: 'following_up', following_up: 'following_up' },
      mark_invalid: { pending: 'invalid', following_up: 'invalid' },
      reopen: { invalid: 'following_up' },
      convert: { pending: 'converted', following_up: 'converted' },
      void: { unassigned: 'voided', pending: 'voided', following_up: 'voided', invalid: 'voided' },
      restore: { voided: 'unassigned' },
      return: { pending: 'unassigned', following_up: 'unassigned', invalid: 'unassigned' },
    };
    const STATUS_ZH = { unassigned: '未分配', pending: '待处理', following_up: '跟进中', invalid: '无效', converted: '已转换', voided: '已作废' };
    const ON_LEAD = ['assign', 'claim', 'follow_up', 'mark_invalid', 'reopen', 'convert', 'void', 'restore', 'return'];
    const refusal = (action, lead, u) => {
      const owner = lead.owner && lead.owner.toLowerCase() === u.login.toLowerCase();
      if (action === 'restore' && u.role !== 'admin') return 'only an administrator may restore a voided lead';
      if (action === 'assign' && !isManager(u)) return 'only a manager or an administrator assigns leads; take one from the pool with claim';
      if (action === 'claim') return u.role === 'service' ? 'service users do not work leads; a sales user claims them' : null;
      if (!['assign', 'restore'].includes(action) && !owner && !isManager(u)) {
        return "this lead is owned by someone else; only its owner or a manager may work it";
      }
      return null;
    };
    const allowed = (lead, u) => ON_LEAD.filter((a) => NEXT[a][lead.status] && !refusal(a, lead, u));
    const transition = (lead, action) =>
      NEXT[action][lead.status] ??
      fail('illegal_transition', `a lead that is ${STATUS_ZH[lead.status]} (${lead.status.replace('_', ' ')}) cannot be ${action.replace('_', ' ')}ed`);

    const isOpen = (l) => l.status === 'pending' || l.status === 'following_up';
    const openLeadsOf = (login) => db.leads.filter((l) => l.owner === login && isOpen(l)).length;
    const underLimit = (open) => state.poolRules.openLeadLimit === 0 || open < state.poolRules.openLeadLimit;

    const find = (id) => db.leads.find((l) => l.id === id) ?? fail('not_found', `no lead with id ${id}`);
    const publicLead = (l, u = me()) => {
      const { seq: _s, transitions: _t, followups: _f, previousOwner: _p, returnedAt: _r, ...rest } = l;
      return { ...rest, territory: access.territoryOf(l), ownerName: displayName(l.owner), allowedActions: allowed(l, u) };
    };
    const record = (lead, action, to, owner, reason) => {
      const at = now();
      const from = action === 'create' ? null : lead.status;
      if (to === 'unassigned' && lead.owner) {
        lead.previousOwner = lead.owner;
        lead.returnedAt = at;
      }
      lead.transitions.unshift({ at, actor: access.actor(), action, from, to, owner: owner ?? null, reason: reason ?? null });
      Object.assign(lead, { status: to, owner: owner ?? null, touchedAt: at, updatedAt: at, updatedBy: access.actor(), version: lead.version + 1 });
    };

    // --- input --------------------------------------------------------------------------------
    const text = (v) => (typeof v === 'string' && v.trim() ? v.trim() : null);
    const checkedInput = (input) => {
      const problems = [];
      if (!text(input.name)) problems.push('name is required');
      if (input.phone && !/^[\d +\-().]{3,30}$/.test(input.phone)) problems.push(`phone '${input.phone}' is not a phone number`);
      if (input.email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(input.email)) problems.push(`email '${input.email}' is not an e-mail address`);
      if (problems.length) fail('invalid_input', problems.join('; '));
      const fields = ['company', 'phone', 'email', 'source', 'industry', 'country', 'province', 'city', 'notes'];
      return { name: input.name.trim(), ...Object.fromEntries(fields.map((f) => [f, text(input[f])])) };
    };

    // --- the pool's limits and the assignment rules -------------------------------------------
    const checkClaim = (lead, u) => {
      const rules = state.poolRules;
      if (rules.reclaimWaitDays && lead.previousOwner === u.login && lead.returnedAt) {
        const until = Date.parse(lead.returnedAt) + rules.reclaimWaitDays * 24 * HOUR;
        if (Date.now() < until) {
          fail('conflict', `you gave this lead back to the pool; you may claim it again after ${new Date(until).toISOString().slice(0, 16).replace('T', ' ')} UTC (the pool waits ${rules.reclaimWaitDays} days)`);
        }
      }
      if (rules.dailyClaimLimit) {
        const since = Date.now() - 24 * HOUR;
        const claimed = db.leads.flatMap((l) => l.transitions).filter((t) => t.action === 'claim' && t.actor === u.login && Date.parse(t.at) > since).length;
        if (claimed >= rules.dailyClaimLimit) {
          fail('conflict', `you have claimed ${claimed} leads in the last 24 hours, the pool's limit; claim more tomorrow`);
        }
      }
      const open = openLeadsOf(u.login);
      if (!underLimit(open)) fail('conflict', `you already own ${open} open leads, the pool's limit; convert, invalidate or return some first`);
    };
    const checkAssignee = (lead, name) => {
      const u = userNamed(name) ?? fail('invalid_input', `there is no user '${name}'`);
      if (!u.active) fail('invalid_input', `${u.login} is deactivated and cannot be given leads`);
      if (u.role === 'service') fail('invalid_input', `${u.login} is a service user; leads go to sales users`);
      const open = openLeadsOf(u.login);
      if (lead.owner !== u.login && !underLimit(open)) {
        fail('conflict', `${u.login} already owns ${open} open leads, the pool's limit; give the lead to someone else`);
      }
      return u.login;
    };
    const fieldOf = (lead, field) =>
      field === 'territory' ? (access.territoryOf(lead)?.id ?? null) : lead[field];
    const holds = (conditions, lead) =>
      conditions.every((c) => {
        const v = String(fieldOf(lead, c.field) ?? '').trim().toLowerCase();
        const wanted = (c.values ?? []).map((w) => w.trim().toLowerCase()).filter(Boolean);
        if (c.op === 'is_empty') return !v;
        if (c.op === 'is_not_empty') return Boolean(v);
        if (c.op === 'is') return Boolean(v) && wanted.includes(v);
        if (c.op === 'is_not') return !v || !wanted.includes(v);
        return Boolean(v) && wanted.some((w) => v.includes(w));
      });
    const chooseFor = (rule) => {
      if (rule.targetUser) {
        const u = userNamed(rule.targetUser);
        return u && u.active && underLimit(openLeadsOf(u.login)) ? u.login : null;
      }
      const reps = users().filter((u) => u.active && u.role !== 'service' && u.unitId === rule.targetUnitId && underLimit(openLeadsOf(u.login)));
      if (!reps.length) return null;
      if (rule.strategy === 'least_loaded') return [...reps].sort((a, b) => openLeadsOf(a.login) - openLeadsOf(b.login))[0].login;
      const last = reps.findIndex((u) => u.login === state.lastChosen.get(rule.id));
      const next = reps[(last + 1) % reps.length].login;
      state.lastChosen.set(rule.id, next);
      return next;
    };
    const assignByRules = (lead) => {
      for (const rule of state.rules.filter((r) => r.active)) {
        if (!holds(rule.conditions, lead)) continue;
        const login = chooseFor(rule);
        if (login) {
          record(lead, 'assign', 'pending', login, `assignment rule '${rule.name}'`);
          return true;
        }
      }
      return false;
    };
    const publicRule = (r, i) => {
      const unit = r.targetUnitId ? accessCommands().org_list().find((u) => u.id === r.targetUnitId) : null;
      return { ...r, position: i + 1, targetName: r.targetUser ? (displayName(r.targetUser) ?? r.targetUser) : (unit?.name ?? '') };
    };
    const checkRule = (input) => {
      if (!text(input.name)) fail('invalid_input', 'a rule needs a name of at most 100 characters');
      for (const c of input.conditions ?? []) {
        if (['is', 'is_not', 'contains'].includes(c.op) && !(c.values ?? []).some((v) => v.trim())) {
          fail('invalid_input', `the condition on ${c.field} needs at least one value`);
        }
      }
      const user = text(input.targetUser);
      const unit = text(input.targetUnitId);
      if (Boolean(user) === Boolean(unit)) fail('invalid_input', 'a rule gives leads either to one user or to the reps of one org unit; choose one');
      const login = user ? (userNamed(user)?.login ?? fail('invalid_input', `there is no user '${user}'`)) : null;
      return { name: input.name.trim(), active: input.active, conditions: input.conditions ?? [], targetUser: login, targetUnitId: unit, strategy: input.strategy };
    };

    // --- conversion ---------------------------------------------------------------------------
    const digits = (s) => String(s ?? '').replace(/\D/g, '');
    const same = (a, b) => Boolean(a) && Boolean(b) && a.trim().toLowerCase() === b.trim().toLowerCase();
    const matchesOf = (lead) =>
      db.customers
        .filter((c) => c.deletedAt === null)
        .map((c) => {
          const reasons = [];
          if (lead.phone && c.phones.some((p) => digits(p) === digits(lead.phone))) reasons.push('phone');
          if (lead.email && c.emails.some((e) => same(e, lead.email))) reasons.push('email');
          if (same(c.name, lead.name) || same(c.company, lead.name)) reasons.push('name');
          if (lead.company && (same(c.name, lead.company) || same(c.company, lead.company))) reasons.push('company');
          return { id: c.id, name: c.name, company: c.company, city: c.city, phones: c.phones, emails: c.emails, reasons };
        })
        .filter((m) => m.reasons.length)
        .sort((a, b) => b.reasons.length - a.reasons.length);
    const customerDraft = (lead) => ({
      name: lead.company ?? lead.name, kind: lead.company ? 'enterprise' : 'individual', lifecycle: 'potential',
      phones: lead.company ? [] : [lead.phone].filter(Boolean), emails: lead.company ? [] : [lead.email].filter(Boolean),
      company: lead.company, country: lead.country, province: lead.province, city: lead.city, owner: lead.owner, notes: lead.notes,
    });
    const createCustomer = (input) => {
      if (!text(input.name)) fail('invalid_input', 'name is required');
      const at = now();
      const c = {
        id: `c-${nextSeq()}`, externalId: null, name: input.name.trim(), kind: input.kind, lifecycle: input.lifecycle ?? 'potential',
        tier: input.tier ?? null, industry: input.industry ?? null, size: input.size ?? null, source: input.source ?? null,
        owner: input.owner ?? null, country: input.country ?? null, province: input.province ?? null, city: input.city ?? null,
        address: input.address ?? null, company: input.company ?? null, website: input.website ?? null, notes: input.notes ?? null,
        phones: input.phones ?? [], emails: input.emails ?? [], custom: input.custom ?? {}, tagIds: input.tagIds ?? [], version: 1,
        createdAt: at, createdBy: access.actor(), updatedAt: at, updatedBy: access.actor(), deletedAt: null, seq: nextSeq(),
        pinyin: '', initials: '',
      };
      db.customers.push(c);
      db.history.push({ seq: nextSeq(), at, actor: access.actor(), entity: 'customer', entityId: c.id, rootId: c.id, op: 'create', changes: [] });
      return c;
    };
    /**
     * The opportunity is the opportunities fake's: its command runs synchronously inside the
     * (async) invoke, so the record is in its store as soon as the call returns.
     */
    const openOpportunity = (draft, customerId, contactId, lead) => {
      const store = window.__FAKE_CRM__?.opportunities?.opportunities;
      if (!Array.isArray(store)) return null;
      const before = store.length;
      const input = { ...draft, customerId, contactId, owner: lead.owner ?? access.actor() };
      window.__TAURI_INTERNALS__.invoke('opportunity_create', { input }).catch(() => {});
      if (store.length === before) fail('invalid_input', `the opportunity '${draft.name}' could not be opened; check its name, currency and date`);
      const o = store[store.length - 1];
      o.leadId = lead.id;
      return o.id;
    };

    return {
      lead_list: ({ request }) => {
        const q = (request.text ?? '').trim().toLowerCase();
        const rows = db.leads
          .filter((l) => !request.statuses?.length || request.statuses.includes(l.status))
          .filter((l) => !request.owner || l.owner === request.owner)
          .filter((l) => !q || [l.name, l.company, l.phone].some((v) => (v ?? '').toLowerCase().includes(q)) || (digits(q).length >= 3 && digits(l.phone).includes(digits(q))))
          .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || b.seq - a.seq);
        const start = request.cursor ? Number(request.cursor) : 0;
        const u = me();
        return {
          items: rows.slice(start, start + request.limit).map((l) => publicLead(l, u)),
          nextCursor: start + request.limit < rows.length ? String(start + request.limit) : null,
        };
      },
      lead_get: ({ id }) => {
        const l = find(id);
        return { lead: publicLead(l), transitions: l.transitions, followups: l.followups };
      },
      lead_create: ({ input }) => {
        const u = me();
        const at = now();
        const own = u.role === 'sales';
        const l = {
          id: `l-${nextSeq()}`, ...checkedInput(input), origin: 'manual', status: 'unassigned', owner: null, touchedAt: at,
          customerId: null, contactId: null, opportunityId: null, version: 0, createdAt: at, createdBy: u.login, updatedAt: at,
          updatedBy: u.login, seq: nextSeq(), transitions: [], followups: [], allowedActions: [],
        };
        db.leads.push(l);
        // A rep's own entry is theirs at once; anyone else's goes to the pool.
        record(l, 'create', own ? 'pending' : 'unassigned', own ? u.login : null, null);
        changed('lead', [l.id]);
        return publicLead(l, u);
      },
      lead_update: ({ id, expectedVersion, input }) => {
        const l = find(id);
        const u = me();
        if (!(l.owner === u.login || isManager(u))) fail('forbidden', "only the lead's owner, a manager or an administrator may edit it");
        if (l.status === 'converted' || l.status === 'voided') fail('invalid_input', `lead '${l.name}' is ${l.status} and is kept as it was; it can no longer be edited`);
        if (l.version !== expectedVersion) {
          fail('conflict', `lead '${l.name}' was changed by ${l.updatedBy} at ${l.updatedAt} after you opened it; reload to see the changes`);
        }
        Object.assign(l, checkedInput(input), { version: l.version + 1, updatedAt: now(), updatedBy: u.login });
        changed('lead', [id]);
        return publicLead(l, u);
      },
      lead_act: ({ id, input }) => {
        const l = find(id);
        const u = me();
        const action = input.action;
        if (!['assign', 'claim', 'mark_invalid', 'reopen', 'void', 'restore', 'return'].includes(action)) {
          fail('invalid_input', action === 'convert' ? 'convert a lead with the conversion form' : 'record a follow-up with what was done and its result');
        }
        const reason = text(input.reason);
        if ((action === 'void' || action === 'mark_invalid') && !reason) {
          fail('invalid_input', action === 'void' ? 'say why the lead is junk to void it' : 'say why the lead cannot be reached to mark it invalid');
        }
        const why = refusal(action, l, u);
        if (why) fail('forbidden', why);
        const to = transition(l, action);
        let owner = l.owner;
        if (action === 'claim') {
          checkClaim(l, u);
          owner = u.login;
        } else if (action === 'assign') {
          owner = checkAssignee(l, text(input.assignee) ?? fail('invalid_input', 'choose who gets the lead'));
        } else if (action === 'restore' || action === 'return') {
          owner = null;
        }
        record(l, action, to, owner, reason);
        changed('lead', [id]);
        return publicLead(l, u);
      },
      lead_follow_up: ({ id, input }) => {
        const l = find(id);
        const u = me();
        const why = refusal('follow_up', l, u);
        if (why) fail('forbidden', why);
        const to = transition(l, 'follow_up');
        if (!text(input.subject)) fail('invalid_input', 'subject is required');
        const at = now();
        l.followups.unshift({ id: `f-${nextSeq()}`, customerId: '', opportunityId: null, kind: input.kind, occurredAt: input.occurredAt ?? at,
          author: u.login, subject: input.subject.trim(), body: text(input.body), createdAt: at });
        if (l.status === to) Object.assign(l, { touchedAt: at, updatedAt: at, updatedBy: u.login, version: l.version + 1 });
        else record(l, 'follow_up', to, l.owner, input.subject.trim());
        changed('lead', [id]);
        return publicLead(l, u);
      },
      lead_matches: ({ id }) => matchesOf(find(id)),
      lead_customer_draft: ({ id }) => customerDraft(find(id)),
      lead_convert: ({ id, input }) => {
        const l = find(id);
        const u = me();
        const existing = text(input.existingCustomerId);
        if (existing && input.newCustomer) fail('invalid_input', 'link an existing customer or create a new one, not both');
        if (!existing && !input.newCustomer) fail('invalid_input', 'choose the customer the lead becomes: an existing one or a new one');
        const why = refusal('convert', l, u);
        if (why) fail('forbidden', why);
        const to = transition(l, 'convert');
        const customer = existing
          ? (db.customers.find((c) => c.id === existing && c.deletedAt === null) ?? fail('not_found', `no customer with id ${existing}`))
          : createCustomer(input.newCustomer);
        let contactId = null;
        if (input.createContact) {
          if (customer.kind === 'individual') fail('invalid_input', 'an individual customer has no contacts');
          contactId = `p-${nextSeq()}`;
          db.contacts.push({ id: contactId, customerId: customer.id, name: l.name, title: null, phones: [l.phone].filter(Boolean),
            emails: [l.email].filter(Boolean), createdAt: now(), updatedAt: now() });
        }
        const opportunityId = input.opportunity ? openOpportunity(input.opportunity, customer.id, contactId, l) : null;
        record(l, 'convert', to, l.owner, null);
        Object.assign(l, { customerId: customer.id, contactId, opportunityId });
        changed('lead', [id]);
        changed('customer', [customer.id]);
        return { lead: publicLead(l, u), customerId: customer.id, contactId, opportunityId };
      },
      lead_assign_pool: () => {
        managerOnly();
        const n = db.leads.filter((l) => l.status === 'unassigned').filter(assignByRules).length;
        changed('lead', []);
        return n;
      },
      lead_assignees: () => {
        managerOnly();
        return users()
          .filter((u) => u.active && u.role !== 'service')
          .map((u) => {
            const open = openLeadsOf(u.login);
            return { login: u.login, displayName: u.displayName, role: u.role, unitId: u.unitId, unitName: u.unitName, openLeads: open, atLimit: !underLimit(open) };
          });
      },
      lead_import: () => fail('invalid_input', 'importing files is not imitated by the fake core'),
      pool_rules_get: () => ({ ...state.poolRules }),
      pool_rules_set: ({ rules }) => {
        if (me().role !== 'admin') fail('forbidden', 'only an administrator may do this');
        state.poolRules = { ...rules };
        return { ...state.poolRules };
      },
      assignment_rule_list: () => {
        managerOnly();
        return state.rules.map(publicRule);
      },
      assignment_rule_save: ({ id, input }) => {
        managerOnly();
        const values = checkRule(input);
        let rule;
        if (id) {
          rule = state.rules.find((r) => r.id === id) ?? fail('not_found', `no assignment rule with id ${id}`);
          Object.assign(rule, values);
        } else {
          rule = { id: `r-${nextSeq()}`, ...values };
          state.rules.push(rule);
        }
        return publicRule(rule, state.rules.indexOf(rule));
      },
      assignment_rule_delete: ({ id }) => {
        managerOnly();
        const i = state.rules.findIndex((r) => r.id === id);
        if (i < 0) fail('not_found', `no assignment rule with id ${id}`);
        state.rules.splice(i, 1);
        return null;
      },
      assignment_rule_reorder: ({ ids }) => {
        managerOnly();
        if ([...ids].sort().join() !== state.rules.map((r) => r.id).sort().join()) {
          fail('invalid_input', 'the new order must name every rule exactly once; reload the rules');
        }
        state.rules = ids.map((rid) => state.rules.find((r) => r.id === rid));
        return state.rules.map(publicRule);
      },
    };
  };
}
