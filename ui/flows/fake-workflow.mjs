// The fake core's workflow commands: rules and their run log, tasks and reminders, notifications.
// Injected into the page before fake-backend.mjs, it leaves window.__FAKE_WORKFLOW__, a function the
// backend calls with its store helpers; it returns the commands. Self-contained: Playwright sends
// its source text to the page. It validates rules like crm-core (workflow::rules, conditions),
// evaluates conditions over the fake's customers, leads and opportunities when a rule is run now,
// and turns due reminders into notifications whenever the notifications are read (the core's
// scheduler does that every minute). `workflowSeed` (run in node by fake-data.mjs) makes the
// three default rules exactly as migration 0004 ships them, plus runs, tasks and notifications.

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** The default rules as crates/crm-core/migrations/0004_service.sql inserts them. */
export const DEFAULT_RULES = [
  { id: 'rule-vip-ticket', name: 'VIP 客户的新工单优先级为高 / A VIP customer\'s new ticket is high priority', entity: 'ticket',
    trigger: 'created', everyMinutes: null,
    condition: { kind: 'all', items: [{ kind: 'test', field: 'customer.lifecycle', op: 'is', values: ['vip'] },
      { kind: 'test', field: 'priority', op: 'is', values: ['low', 'normal'] }] },
    actions: [{ kind: 'set_field', field: 'priority', value: 'high' }], position: 1, builtin: 'vip_ticket_high' },
  { id: 'rule-lead-untouched', name: '线索 7 天未跟进退回线索池 / A lead untouched for 7 days goes back to the pool', entity: 'lead',
    trigger: 'schedule', everyMinutes: 10,
    condition: { kind: 'all', items: [{ kind: 'test', field: 'status', op: 'is', values: ['pending', 'following_up'] },
      { kind: 'test', field: 'touched_at', op: 'older_than_days', values: ['7'] }] },
    actions: [{ kind: 'return_to_pool' }], position: 2, builtin: 'lead_untouched_pool' },
  { id: 'rule-opportunity-closing', name: '商机下周到期提醒负责人 / An opportunity closing next week reminds its owner', entity: 'opportunity',
    trigger: 'schedule', everyMinutes: 60,
    condition: { kind: 'all', items: [{ kind: 'test', field: 'stage_outcome', op: 'is', values: ['open'] },
      { kind: 'test', field: 'expected_close', op: 'within_next_days', values: ['7'] }] },
    actions: [{ kind: 'create_task', title: '商机即将到期 / Closing soon: {name}', due_in_days: 0, to: { kind: 'owner' } },
      { kind: 'notify', message: '商机「{name}」预计一周内成交 / {name} is expected to close within a week', to: { kind: 'owner' } }],
    position: 3, builtin: 'opportunity_closing_reminder' },
];

/** The starting rules, run log, tasks and notifications (run in node; times relative to now). */
export function workflowSeed() {
  const now = Date.now();
  const at = (ms) => new Date(now + ms).toISOString();
  const today = (h, m) => { const d = new Date(now); d.setHours(h, m, 0, 0); return d.toISOString(); };
  const rules = DEFAULT_RULES.map((r) => ({ ...r, active: true, lastRunAt: r.trigger === 'schedule' ? at(-20 * 60_000) : null,
    createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', deletedAt: null }));
  const run = (seq, ms, rule, entity, recordId, recordLabel, trigger, depth, outcome, detail) =>
    ({ seq, at: at(ms), ruleId: rule.id, ruleName: rule.name, entity, recordId, recordLabel, trigger, depth, outcome, detail });
  const [vip, , closing] = rules;
  // A rule deleted since, which once bounced a ticket between itself and the routing.
  const escalate = { id: 'rule-escalate-old', name: '投诉工单更新时升级为紧急' };
  const assignZhao = { id: 'rule-billing-old', name: '账单工单分派给赵敏' };
  const runs = [
    run(1, -3 * DAY, vip, 'ticket', 'tk-1002', '#1002 发票抬头开错，要求重新开具', 'created', 0, 'applied', 'priority normal → high'),
    run(2, -2 * DAY, escalate, 'ticket', 'tk-1009', '#1009 送货延误三天，客户投诉', 'updated', 1, 'loop',
      'stopped: the rule would act again on the same record (投诉工单更新时升级为紧急 → 投诉工单更新时升级为紧急)'),
    run(3, -DAY, assignZhao, 'ticket', 'tk-1006', '#1006 上月账单重复扣费', 'created', 0, 'failed',
      "failed: zhaomin does not work this record's territory"),
    run(4, -20 * 60_000, closing, 'opportunity', 'o-010', '安防监控采购', 'schedule', 0, 'applied', 'task for tester; told tester'),
  ];
  const task = (id, title, extra) => ({ id, title, notes: null, owner: 'tester', dueAt: null, remindAt: null, remindedAt: null,
    record: null, recordLabel: null, doneAt: null, ruleId: null, createdAt: at(-2 * DAY), createdBy: 'tester', ...extra });
  const tasks = [
    task('task-1', '回访张伟，确认新品需求', { dueAt: at(-DAY), record: { kind: 'customer', id: 'c-0001' }, recordLabel: '张伟',
      notes: '上次提到下季度有采购计划。' }),
    task('task-2', '准备安防监控采购报价单', { dueAt: today(23, 59), remindAt: today(23, 30), record: { kind: 'opportunity', id: 'o-010' },
      recordLabel: '安防监控采购' }),
    task('task-3', '商机即将到期 / Closing soon: 安防监控采购', { dueAt: at(3 * DAY), remindAt: at(-20 * 60_000), remindedAt: at(-19 * 60_000),
      record: { kind: 'opportunity', id: 'o-010' }, recordLabel: '安防监控采购', ruleId: 'rule-opportunity-closing', createdBy: 'workflow' }),
    task('task-4', '整理季度客户回访名单', {}),
    task('task-5', '发送合同草稿', { dueAt: at(-2 * DAY), doneAt: at(-DAY - HOUR), record: { kind: 'customer', id: 'c-0002' }, recordLabel: '王伟' }),
    task('task-6', '电话跟进报价反馈', { owner: 'lina', createdBy: 'wangqiang', dueAt: at(2 * DAY), record: { kind: 'customer', id: 'c-0001' },
      recordLabel: '张伟' }),
  ];
  const note = (id, ms, kind, title, body, record, read) =>
    ({ id, recipient: 'tester', at: at(ms), kind, title, body, record, readAt: read ? at(ms + 60_000) : null });
  const notifications = [
    note('n-1', -3 * DAY, 'assignment', '跟进华为技术的续约', 'from wangqiang', { kind: 'customer', id: 'c-0003' }, true),
    note('n-2', -19 * 60_000, 'reminder', '商机即将到期 / Closing soon: 安防监控采购', null, { kind: 'opportunity', id: 'o-010' }, false),
    note('n-3', -20 * 60_000, 'rule', '商机「安防监控采购」预计一周内成交 / 安防监控采购 is expected to close within a week',
      closing.name, { kind: 'opportunity', id: 'o-010' }, false),
  ];
  return { rules, runs, tasks, notifications };
}

export function installFakeWorkflow(seed) {
  window.__FAKE_WORKFLOW__ = ({ db, fail, now, nextSeq, changed, access }) => {
    const DAY = 86_400_000;
    const copy = (x) => JSON.parse(JSON.stringify(x));
    const state = { rules: copy(seed.rules ?? []), runs: copy(seed.runs ?? []), tasks: copy(seed.tasks ?? []),
      notifications: copy(seed.notifications ?? []), matches: new Set() };
    if (window.__FAKE_CRM__) window.__FAKE_CRM__.workflow = state;
    let runSeq = Math.max(0, ...state.runs.map((r) => r.seq));

    const me = () => access.commands(db.customers).auth_status().user ?? fail('forbidden', 'sign in first');
    const adminOnly = () => { if (me().role !== 'admin') fail('forbidden', 'only an administrator may do this'); };
    const same = (a, b) => String(a ?? '').toLowerCase() === String(b ?? '').toLowerCase();
    const opportunities = () => window.__FAKE_CRM__?.opportunities?.opportunities ?? [];
    const stages = () => window.__FAKE_CRM__?.opportunities?.stages ?? [];

    // --- the field catalog (crm-core conditions::catalog) ----------------------------------------
    const o = (key, labelZh, labelEn) => ({ key, labelZh, labelEn });
    const LIFECYCLE = [o('potential', '潜在客户', 'Potential'), o('existing', '现有客户', 'Existing'), o('vip', 'VIP', 'VIP')];
    const tiers = () => (db.fields.find((f) => f.key === 'tier')?.options ?? []).map((x) => o(x.key, x.labelZh, x.labelEn));
    const CUSTOMER = () => [['name', '名称', 'Name', 'text'], ['lifecycle', '客户类型', 'Lifecycle', 'choice', LIFECYCLE],
      ['tier', '价值等级', 'Value tier', 'choice', tiers()],
      ['kind', '客户性质', 'Kind', 'choice', [o('individual', '个人', 'Individual'), o('enterprise', '企业', 'Enterprise'), o('government', '政府', 'Government')]],
      ['industry', '行业', 'Industry', 'text'], ['source', '来源', 'Source', 'text'],
      ['size', '规模', 'Size', 'choice', [o('large', '大型', 'Large'), o('medium', '中型', 'Medium'), o('small', '小型', 'Small')]],
      ['country', '国家', 'Country', 'text'], ['province', '省份', 'Province', 'text'], ['city', '城市', 'City', 'text'],
      ['owner', '负责人', 'Owner', 'text'], ['territory', '区域', 'Territory', 'text'], ['tags', '标签', 'Tags', 'tags'],
      ['created_at', '创建时间', 'Created', 'date']];
    const OWN = {
      customer: () => [],
      lead: () => [['name', '姓名', 'Name', 'text'], ['company', '公司', 'Company', 'text'],
        ['status', '状态', 'Status', 'choice', [o('unassigned', '未分配', 'Unassigned'), o('pending', '待处理', 'Pending'),
          o('following_up', '跟进中', 'Following up'), o('invalid', '无效', 'Invalid'), o('converted', '已转换', 'Converted'), o('voided', '已作废', 'Voided')]],
        ['origin', '渠道', 'Origin', 'choice', [o('manual', '手工录入', 'Manual entry'), o('import', '导入', 'Import'), o('campaign', '营销活动', 'Campaign')]],
        ['source', '来源', 'Source', 'text'], ['industry', '行业', 'Industry', 'text'], ['province', '省份', 'Province', 'text'],
        ['city', '城市', 'City', 'text'], ['owner', '负责人', 'Owner', 'text'], ['territory', '区域', 'Territory', 'text'],
        ['touched_at', '最后跟进', 'Last touched', 'date'], ['created_at', '创建时间', 'Created', 'date']],
      opportunity: () => [['name', '名称', 'Name', 'text'], ['stage', '阶段', 'Stage', 'choice', stages().map((s) => o(s.key, s.nameZh, s.nameEn))],
        ['stage_outcome', '阶段结果', 'Stage outcome', 'choice', [o('open', '进行中', 'Open'), o('won', '赢单', 'Won'), o('lost', '输单', 'Lost')]],
        ['amount', '金额', 'Amount', 'number'], ['currency', '币种', 'Currency', 'text'], ['probability', '赢率', 'Probability', 'number'],
        ['owner', '负责人', 'Owner', 'text'], ['expected_close', '预计成交', 'Expected close', 'date'], ['created_at', '创建时间', 'Created', 'date']],
      ticket: () => [['subject', '主题', 'Subject', 'text'],
        ['priority', '优先级', 'Priority', 'choice', [o('low', '低', 'Low'), o('normal', '普通', 'Normal'), o('high', '高', 'High'), o('urgent', '紧急', 'Urgent')]],
        ['status', '状态', 'Status', 'choice', [o('new', '新建', 'New'), o('assigned', '已分配', 'Assigned'), o('in_progress', '处理中', 'In progress'),
          o('waiting', '等待客户', 'Waiting on customer'), o('resolved', '已解决', 'Resolved'), o('closed', '已关闭', 'Closed')]],
        ['channel', '渠道', 'TicketChannel', 'choice', [o('phone', '电话', 'Phone'), o('email', '邮件', 'Email'), o('walk_in', '到店', 'Walk-in'), o('web', '网页', 'Web')]],
        ['category', '类别', 'Category', 'choice', [o('inquiry', '咨询', 'Inquiry'), o('complaint', '投诉', 'Complaint'), o('repair', '维修', 'Repair'),
          o('return', '退换货', 'Return'), o('billing', '账单', 'Billing'), o('other', '其他', 'Other')]],
        ['assignee', '处理人', 'Assignee', 'text'], ['resolution_due', '解决期限', 'Resolution due', 'date'], ['created_at', '创建时间', 'Created', 'date']],
    };
    const fieldsOf = (entity) => {
      const def = (prefix) => ([key, zh, en, kind, options = []]) => ({ key: prefix + key, labelZh: prefix ? `客户${zh}` : zh,
        labelEn: prefix ? `Customer ${en.toLowerCase()}` : en, kind, options });
      const own = entity === 'customer' ? CUSTOMER().map(def('')) : OWN[entity]().map(def(''));
      return ['ticket', 'opportunity'].includes(entity) ? [...own, ...CUSTOMER().map(def('customer.'))] : own;
    };
    const OPS = { text: ['is', 'is_not', 'contains', 'is_empty', 'is_not_empty'], choice: ['is', 'is_not', 'is_empty', 'is_not_empty'],
      number: ['is', 'is_not', 'gt', 'gte', 'lt', 'lte', 'is_empty', 'is_not_empty'],
      date: ['older_than_days', 'within_last_days', 'within_next_days', 'gt', 'lt', 'is_empty', 'is_not_empty'], tags: ['has_any', 'has_all', 'has_none'] };

    // --- validation, as crm-core save_rule -------------------------------------------------------
    const validateCondition = (c, entity) => {
      if (c.kind === 'all' || c.kind === 'any') return c.items.forEach((x) => validateCondition(x, entity));
      if (c.kind === 'not') return validateCondition(c.item, entity);
      const field = fieldsOf(entity).find((f) => f.key === c.field) ?? fail('invalid_input', `a ${entity} has no field '${c.field}' to test`);
      if (!OPS[field.kind].includes(c.op)) fail('invalid_input', `'${c.field}' cannot be tested with ${c.op}`);
      const v = (c.values ?? []).map((x) => String(x).trim()).filter(Boolean);
      if (['is_empty', 'is_not_empty'].includes(c.op)) return;
      if (c.op.endsWith('_days')) {
        if (!/^\d+$/.test(v[0] ?? '') || Number(v[0]) > 36500) fail('invalid_input', `'${c.field}' needs a number of days between 0 and 36500`);
      } else if (field.kind === 'number' && ['gt', 'gte', 'lt', 'lte'].includes(c.op)) {
        if (!Number.isFinite(Number(v[0] ?? 'x'))) fail('invalid_input', `'${c.field}' needs a number to compare with`);
      } else if (field.kind === 'date') {
        if (!/^\d{4}-\d{2}-\d{2}/.test(v[0] ?? '')) fail('invalid_input', `'${c.field}' needs a date like 2025-01-01`);
      } else if (!v.length) fail('invalid_input', `'${c.field}' needs at least one value to compare with`);
    };
    const SETTABLE = { ticket: ['priority', 'category', 'customer.tier', 'customer.lifecycle'], customer: ['tier', 'lifecycle'],
      opportunity: ['customer.tier', 'customer.lifecycle'], lead: [] };
    const validateAction = (a, entity) => {
      const recipient = (to) => { if (to.kind === 'user' && !to.login?.trim()) fail('invalid_input', 'name the user to tell'); };
      if (a.kind === 'set_field') {
        if (!SETTABLE[entity].includes(a.field)) fail('invalid_input', `a rule cannot set '${a.field}' of a ${entity}`);
        const field = fieldsOf(entity).find((f) => f.key === a.field);
        if (!field.options.some((x) => x.key === a.value.trim())) fail('invalid_input', `'${a.value.trim()}' is not a value of ${a.field}`);
      } else if (a.kind === 'add_tag') {
        if (!a.tag.trim()) fail('invalid_input', 'name the tag to add');
        if (entity === 'lead') fail('invalid_input', 'a lead has no customer to tag');
      } else if (a.kind === 'create_task') {
        if (!a.title.trim() || a.title.length > 200) fail('invalid_input', 'a task needs a title of at most 200 characters');
        if (a.due_in_days > 3650) fail('invalid_input', 'a task is due within 3650 days');
        recipient(a.to);
      } else if (a.kind === 'notify') {
        if (!a.message.trim() || a.message.length > 500) fail('invalid_input', 'a notification needs a message of at most 500 characters');
        recipient(a.to);
      } else if (a.kind === 'return_to_pool' && entity !== 'lead') fail('invalid_input', 'only leads go back to the pool');
    };

    // --- records and their facts, for "run now" --------------------------------------------------
    const customerFacts = (c, prefix = '') => {
      const f = { name: c.name, lifecycle: c.lifecycle, tier: c.tier, kind: c.kind, industry: c.industry, source: c.source, size: c.size,
        country: c.country, province: c.province, city: c.city, owner: c.owner, territory: access.territoryOf(c)?.name ?? null,
        tags: c.tagIds.map((id) => db.tags.find((t) => t.id === id)?.name).filter(Boolean), created_at: c.createdAt };
      return Object.fromEntries(Object.entries(f).map(([k, v]) => [prefix + k, v]));
    };
    const customerOf = (id) => db.customers.find((c) => c.id === id);
    const records = (entity) => {
      if (entity === 'customer') return db.customers.filter((c) => !c.deletedAt).map((c) => ({ id: c.id, label: c.name, owner: c.owner, facts: customerFacts(c) }));
      if (entity === 'lead') return (db.leads ?? []).map((l) => ({ id: l.id, label: l.name, owner: l.owner, facts: { name: l.name, company: l.company,
        status: l.status, origin: l.origin, source: l.source, industry: l.industry, province: l.province, city: l.city, owner: l.owner,
        territory: null, touched_at: l.touchedAt, created_at: l.createdAt } }));
      if (entity === 'opportunity') return opportunities().filter((x) => !x.deletedAt).map((x) => {
        const s = stages().find((st) => st.id === x.stageId);
        return { id: x.id, label: x.name, owner: x.owner, facts: { name: x.name, stage: s?.key, stage_outcome: s?.outcome, amount: x.amount / 100,
          currency: x.currency, probability: x.probability, owner: x.owner, expected_close: x.expectedClose, created_at: x.createdAt,
          ...(customerOf(x.customerId) ? customerFacts(customerOf(x.customerId), 'customer.') : {}) } };
      });
      return (window.__FAKE_CRM__?.service?.tickets ?? []).map((t) => ({ id: t.id, label: `#${t.number} ${t.subject}`, owner: t.assignee, facts: { subject: t.subject,
        priority: t.priority, status: t.status, channel: t.channel, category: t.category, assignee: t.assignee,
        resolution_due: t.resolutionDue, created_at: t.createdAt,
        ...(customerOf(t.customerId) ? customerFacts(customerOf(t.customerId), 'customer.') : {}) } }));
    };
    const holds = (c, facts, at) => {
      if (c.kind === 'all') return c.items.every((x) => holds(x, facts, at));
      if (c.kind === 'any') return c.items.some((x) => holds(x, facts, at));
      if (c.kind === 'not') return !holds(c.item, facts, at);
      if (!(c.field in facts)) return false;
      const fact = facts[c.field];
      const want = (c.values ?? []).map((v) => String(v).trim().toLowerCase()).filter(Boolean);
      const empty = fact === null || fact === undefined || fact === '';
      if (Array.isArray(fact)) {
        const have = fact.map((t) => t.toLowerCase());
        return c.op === 'has_any' ? want.some((w) => have.includes(w)) : c.op === 'has_all' ? want.every((w) => have.includes(w)) : !want.some((w) => have.includes(w));
      }
      if (c.op === 'is_empty') return empty;
      if (c.op === 'is_not_empty') return !empty;
      if (empty) return c.op === 'is_not';
      const text = String(fact).trim().toLowerCase();
      if (c.op === 'is') return want.includes(text);
      if (c.op === 'is_not') return !want.includes(text);
      if (c.op === 'contains') return want.some((w) => text.includes(w));
      if (typeof fact === 'number') {
        const x = Number(want[0]);
        return { gt: fact > x, gte: fact >= x, lt: fact < x, lte: fact <= x }[c.op] ?? false;
      }
      if (c.op === 'gt') return text > want[0];
      if (c.op === 'lt') return text < want[0];
      const days = Number(want[0]);
      const day = text.length === 10;
      const fmt = (ms) => (day ? new Date(ms).toISOString().slice(0, 10) : new Date(ms).toISOString());
      if (c.op === 'older_than_days') return text < fmt(at - days * DAY);
      if (c.op === 'within_last_days') return text >= fmt(at - days * DAY) && text <= fmt(at);
      return text >= fmt(at) && text <= fmt(at + days * DAY);
    };

    // --- tasks and notifications -----------------------------------------------------------------
    const notify = (recipient, kind, title, body, record) => {
      state.notifications.push({ id: `n-${nextSeq()}`, recipient, at: now(), kind, title, body, record, readAt: null });
      changed('notification', []);
    };
    const addTask = (t) => { state.tasks.push(t); changed('task', t.record ? [t.record.id] : []); return t; };
    const recordLabel = (r) => {
      const found = r.kind === 'customer' ? customerOf(r.id)?.name : r.kind === 'lead' ? db.leads?.find((l) => l.id === r.id)?.name
        : r.kind === 'opportunity' ? opportunities().find((x) => x.id === r.id)?.name
          : (window.__FAKE_CRM__?.service?.tickets ?? []).filter((t) => t.id === r.id).map((t) => `#${t.number} ${t.subject}`)[0];
      return found ?? fail('not_found', `no ${r.kind} with id ${r.id}`);
    };
    const deliverReminders = () => {
      for (const t of state.tasks.filter((x) => x.remindAt && !x.remindedAt && !x.doneAt && x.remindAt <= now())) {
        t.remindedAt = now();
        notify(t.owner, 'reminder', t.title, t.dueAt ? `due ${t.dueAt}` : null, t.record);
      }
    };
    const taskById = (id) => state.tasks.find((t) => t.id === id) ?? fail('not_found', `no task with id ${id}`);
    const mayHandle = (t) => same(t.owner, me().login) || same(t.createdBy, me().login) || me().role === 'admin';

    // --- rules -----------------------------------------------------------------------------------
    const live = () => state.rules.filter((r) => !r.deletedAt).sort((a, b) => a.position - b.position);
    const ruleById = (id) => live().find((r) => r.id === id) ?? fail('not_found', `no rule with id ${id}`);
    const publicRule = (r) => {
      const { deletedAt: _d, createdAt: _c, ...rest } = r;
      return { ...rest, runs: state.runs.filter((x) => x.ruleId === r.id).length };
    };
    const act = (rule, rec) => {
      const details = [];
      const recipient = (to) => (to.kind === 'owner' ? rec.owner : to.login);
      const withName = (text) => text.replaceAll('{name}', rec.label);
      for (const a of rule.actions) {
        if (a.kind === 'create_task') {
          const owner = recipient(a.to);
          if (!owner) { details.push('no owner to give the task to'); continue; }
          addTask({ id: `task-${nextSeq()}`, title: withName(a.title), notes: null, owner, dueAt: new Date(Date.now() + a.due_in_days * DAY).toISOString(),
            remindAt: now(), remindedAt: null, record: { kind: rule.entity, id: rec.id }, recordLabel: rec.label, doneAt: null, ruleId: rule.id,
            createdAt: now(), createdBy: 'workflow' });
          details.push(`task for ${owner}`);
        } else if (a.kind === 'notify') {
          const login = recipient(a.to);
          if (!login) { details.push('no owner to tell'); continue; }
          notify(login, 'rule', withName(a.message), rule.name, { kind: rule.entity, id: rec.id });
          details.push(`told ${login}`);
        } else if (a.kind === 'return_to_pool') {
          const l = db.leads.find((x) => x.id === rec.id);
          Object.assign(l, { status: 'unassigned', owner: null, updatedAt: now() });
          changed('lead', [l.id]);
          details.push('returned to the pool');
        } else if (a.kind === 'set_field' && rule.entity === 'customer') {
          const c = customerOf(rec.id);
          details.push(c[a.field] === a.value ? `${a.field} already ${a.value}` : `customer ${a.field} ${c[a.field] ?? ''} → ${a.value}`);
          c[a.field] = a.value;
          changed('customer', [c.id]);
        } else {
          details.push(`${a.kind} is not imitated by the fake core`);
        }
      }
      state.runs.push({ seq: ++runSeq, at: now(), ruleId: rule.id, ruleName: rule.name, entity: rule.entity, recordId: rec.id,
        recordLabel: rec.label, trigger: 'schedule', depth: 0, outcome: 'applied', detail: details.join('; ') });
    };

    return {
      rule_list: () => live().map(publicRule),
      rule_fields: ({ entity }) => fieldsOf(entity),
      rule_save: ({ id, input }) => {
        adminOnly();
        const name = input.name.trim();
        if (!name || name.length > 200) fail('invalid_input', 'a rule needs a name of at most 200 characters');
        validateCondition(input.condition, input.entity);
        if (!input.actions.length) fail('invalid_input', 'a rule needs at least one action');
        const every = input.trigger === 'schedule' ? input.everyMinutes : null;
        if (input.trigger === 'schedule' && !(every >= 1 && every <= 10080)) fail('invalid_input', 'a scheduled rule runs every 1 to 10080 minutes');
        input.actions.forEach((a) => validateAction(a, input.entity));
        const fields = { name, entity: input.entity, trigger: input.trigger, everyMinutes: every, condition: input.condition,
          actions: input.actions, active: input.active, updatedAt: now() };
        let rule;
        if (id) {
          rule = Object.assign(ruleById(id), fields);
          for (const key of [...state.matches].filter((k) => k.startsWith(`${id}/`))) state.matches.delete(key);
        } else {
          rule = { id: `rule-${nextSeq()}`, ...fields, position: Math.max(0, ...state.rules.map((r) => r.position)) + 1, builtin: null,
            lastRunAt: null, createdAt: now(), deletedAt: null };
          state.rules.push(rule);
        }
        changed('rule', [rule.id]);
        return publicRule(rule);
      },
      rule_delete: ({ id }) => {
        adminOnly();
        Object.assign(ruleById(id), { deletedAt: now(), active: false });
        changed('rule', [id]);
        return null;
      },
      rule_set_active: ({ id, active }) => {
        adminOnly();
        const rule = Object.assign(ruleById(id), { active, updatedAt: now() });
        changed('rule', [id]);
        return publicRule(rule);
      },
      rule_run_now: ({ id }) => {
        adminOnly();
        const rule = ruleById(id);
        const at = Date.now();
        const matched = records(rule.entity).filter((r) => holds(rule.condition, r.facts, at));
        const fresh = matched.filter((r) => !state.matches.has(`${id}/${r.id}`));
        for (const key of [...state.matches].filter((k) => k.startsWith(`${id}/`) && !matched.some((r) => k === `${id}/${r.id}`))) state.matches.delete(key);
        for (const rec of fresh) {
          act(rule, rec);
          state.matches.add(`${id}/${rec.id}`);
        }
        rule.lastRunAt = now();
        changed('rule', [id]);
        return { rulesRun: 1, matched: matched.length, acted: fresh.length, reminders: 0, changed: fresh.map((r) => [rule.entity, r.id]) };
      },
      rule_runs: ({ ruleId, recordId, before, limit }) =>
        state.runs
          .filter((r) => (!ruleId || r.ruleId === ruleId) && (!recordId || r.recordId === recordId) && (before === null || r.seq < before))
          .sort((a, b) => b.seq - a.seq)
          .slice(0, Math.min(Math.max(limit, 1), 500)),
      task_list: ({ recordId, includeDone }) => {
        const byDue = (a, b) => Number(Boolean(a.doneAt)) - Number(Boolean(b.doneAt)) || Number(!a.dueAt) - Number(!b.dueAt)
          || String(a.dueAt ?? '').localeCompare(String(b.dueAt ?? ''));
        return state.tasks
          .filter((t) => (recordId ? t.record?.id === recordId : same(t.owner, me().login)) && (includeDone || !t.doneAt))
          .sort(byDue);
      },
      task_create: ({ input }) => {
        const title = (input.title ?? '').trim();
        if (!title) fail('invalid_input', 'title is required');
        const owner = input.owner?.trim() && !same(input.owner, me().login) ? input.owner.trim() : null;
        if (owner && !['admin', 'manager'].includes(me().role)) fail('forbidden', 'only managers and administrators give tasks to others');
        const users = access.commands(db.customers).user_list();
        if (owner && !users.some((u) => u.login === owner && u.active)) fail('invalid_input', `there is no active user '${owner}' to give the task to`);
        const label = input.record ? recordLabel(input.record) : null;
        const task = addTask({ id: `task-${nextSeq()}`, title, notes: input.notes ?? null, owner: owner ?? me().login, dueAt: input.dueAt ?? null,
          remindAt: input.remindAt ?? null, remindedAt: null, record: input.record ?? null, recordLabel: label, doneAt: null, ruleId: null,
          createdAt: now(), createdBy: me().login });
        if (owner) notify(owner, 'assignment', title, `from ${me().login}`, input.record ?? null);
        return task;
      },
      task_complete: ({ id, done }) => {
        const task = taskById(id);
        if (!mayHandle(task)) fail('forbidden', "this is someone else's task");
        task.doneAt = done ? now() : null;
        changed('task', task.record ? [task.record.id] : []);
        return task;
      },
      task_delete: ({ id }) => {
        const task = taskById(id);
        if (!mayHandle(task)) fail('forbidden', "this is someone else's task");
        state.tasks.splice(state.tasks.indexOf(task), 1);
        changed('task', task.record ? [task.record.id] : []);
        return null;
      },
      notification_list: ({ limit }) => {
        deliverReminders();
        const mine = state.notifications.filter((n) => same(n.recipient, me().login)).sort((a, b) => b.at.localeCompare(a.at));
        return { items: mine.slice(0, limit).map(({ recipient: _r, ...n }) => n), unread: mine.filter((n) => !n.readAt).length };
      },
      notification_mark_read: ({ ids }) => {
        const mine = state.notifications.filter((n) => same(n.recipient, me().login) && !n.readAt && (!ids.length || ids.includes(n.id)));
        for (const n of mine) n.readAt = now();
        if (mine.length) changed('notification', []);
        return mine.length;
      },
    };
  };
}
