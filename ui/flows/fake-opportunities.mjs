// The fake core's opportunities commands. Injected into the page before fake-backend.mjs, it leaves
// window.__FAKE_OPPORTUNITIES__, a function the backend calls with its store helpers; it returns the
// commands (name -> handler). Self-contained: Playwright sends its source text to the page.
// `opportunitySeed` (run in node by fake-data.mjs) makes the stages and opportunities it starts with.

const STAGES = [
  { id: 'stage-initial', key: 'initial', nameZh: '初步沟通', nameEn: 'Initial contact', probability: 10, outcome: 'open' },
  { id: 'stage-needs', key: 'needs', nameZh: '需求确认', nameEn: 'Needs confirmed', probability: 30, outcome: 'open' },
  { id: 'stage-proposal', key: 'proposal', nameZh: '方案报价', nameEn: 'Proposal', probability: 50, outcome: 'open' },
  { id: 'stage-negotiation', key: 'negotiation', nameZh: '谈判', nameEn: 'Negotiation', probability: 70, outcome: 'open' },
  { id: 'stage-won', key: 'won', nameZh: '赢单', nameEn: 'Won', probability: 100, outcome: 'won' },
  { id: 'stage-lost', key: 'lost', nameZh: '输单', nameEn: 'Lost', probability: 0, outcome: 'lost' },
];

// name, customer index, stage key, amount in yuan, currency, owner, months to the expected close
const DEALS = [
  ['年度设备采购', 0, 'initial', 128000, 'CNY', 'tester', 1],
  ['智能仓储一期', 1, 'initial', 86000, 'CNY', 'lina', 2],
  ['门店收银系统', 4, 'initial', 45000.5, 'CNY', 'wangqiang', 3],
  ['海外分销平台', 2, 'initial', 52000, 'USD', 'tester', 4],
  ['生产线改造咨询', 5, 'needs', 230000, 'CNY', 'lina', 1],
  ['办公网络升级', 8, 'needs', 64000, 'CNY', 'wangqiang', 2],
  ['数据中心扩容', 3, 'needs', 410000, 'CNY', 'tester', null],
  ['冷链物流方案', 12, 'proposal', 175000, 'CNY', 'lina', 1],
  ['ERP 实施服务', 9, 'proposal', 320000, 'CNY', 'wangqiang', 2],
  ['安防监控采购', 13, 'negotiation', 268000, 'CNY', 'tester', 0],
  ['培训服务年包', 16, 'negotiation', 90000, 'CNY', 'lina', 1],
  ['云服务续约', 6, 'won', 150000, 'CNY', 'tester', -1],
  ['车队管理系统', 7, 'won', 98000, 'CNY', 'wangqiang', -2],
  ['展厅改造', 10, 'lost', 60000, 'CNY', 'lina', -1],
];

/** The starting stages, users and opportunities (run in node; dates relative to today). */
export function opportunitySeed(users, customers) {
  const today = new Date();
  const month = (offset) => {
    if (offset === null) return null;
    const d = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + offset + 1, 0));
    return d.toISOString().slice(0, 10);
  };
  const positions = Object.fromEntries(STAGES.map((s, i) => [s.key, i + 1]));
  // A flow seeded with few customers gets the deals of those it has.
  const deals = DEALS.filter(([, customer]) => customer < customers.length);
  const opportunities = deals.map(([name, customer, stage, yuan, currency, owner, close], i) => {
    const c = customers[customer];
    const createdAt = new Date(today.getTime() - (40 - i * 2) * 86_400_000).toISOString();
    const updatedAt = new Date(today.getTime() - (20 - i) * 3_600_000).toISOString();
    const s = STAGES.find((x) => x.key === stage);
    return {
      id: `o-${String(i + 1).padStart(3, '0')}`, name, customerId: c.id, contactId: null, leadId: null, stageId: s.id,
      amount: Math.round(yuan * 100), currency, probability: s.probability, expectedClose: month(close), owner,
      lostReason: stage === 'lost' ? '预算削减，项目延期到明年' : null, closedAt: s.outcome === 'open' ? null : updatedAt,
      notes: null, version: 1, createdAt, createdBy: owner, updatedAt, updatedBy: owner, deletedAt: null, items: [],
      // The furthest open stage reached (won: past all of them), for the funnel's conversions.
      reached: stage === 'won' ? 1_000_000 : stage === 'lost' ? 2 : positions[stage],
      stageChanges: [{ at: createdAt, actor: owner, from: null, to: s.id, reason: null }],
    };
  });
  return {
    stages: STAGES,
    users: users.map((u) => ({ login: u.login, displayName: u.displayName, role: u.role })),
    opportunities,
  };
}

export function installFakeOpportunities(seed) {
  window.__FAKE_OPPORTUNITIES__ = ({ db, fail, now, nextSeq, changed, access }) => {
    const state = {
      stages: (seed.stages ?? []).map((s, i) => ({ ...s, position: i + 1, deletedAt: null })),
      opportunities: (seed.opportunities ?? []).map((o) => ({ ...o, items: [...o.items], stageChanges: [...o.stageChanges] })),
      users: seed.users ?? [],
    };
    // For flows that look into the store (the backend made window.__FAKE_CRM__ just before).
    if (window.__FAKE_CRM__) window.__FAKE_CRM__.opportunities = state;

    const liveStages = () => state.stages.filter((s) => !s.deletedAt).sort((a, b) => a.position - b.position);
    const stageById = (id) => state.stages.find((s) => s.id === id || s.key === id);
    const stageRef = (s) => ({ id: s.id, key: s.key, nameZh: s.nameZh, nameEn: s.nameEn, outcome: s.outcome });
    const user = (login) => state.users.find((u) => u.login.toLowerCase() === String(login).toLowerCase());
    const me = () => user(access.actor());
    const mayEdit = (o) => ['admin', 'manager'].includes(me()?.role) || o.owner === access.actor();
    const customer = (id) => db.customers.find((c) => c.id === id) ?? fail('not_found', `no customer with id ${id}`);
    const live = () => state.opportunities.filter((o) => !o.deletedAt);
    const find = (id) => live().find((o) => o.id === id) ?? fail('not_found', `no opportunity with id ${id}`);
    const weighted = (amount, probability) => Math.floor((amount * probability) / 100);
    const publicOpportunity = (o) => {
      const { stageId, items: _i, stageChanges: _s, reached: _r, deletedAt: _d, ...rest } = o;
      return {
        ...rest, customerName: customer(o.customerId).name, stage: stageRef(stageById(stageId)),
        weightedAmount: weighted(o.amount, o.probability), ownerName: user(o.owner)?.displayName ?? o.owner, mayEdit: mayEdit(o),
      };
    };
    const newest = (a, b) => b.updatedAt.localeCompare(a.updatedAt) || b.id.localeCompare(a.id);
    const reachedAt = (s) => (s.outcome === 'won' ? 1_000_000 : s.position);

    const checked = (input, stage) => {
      const problems = [];
      if (!input.name?.trim()) problems.push('name is required');
      const currency = (input.currency || 'CNY').trim().toUpperCase();
      if (!/^[A-Z]{3}$/.test(currency)) problems.push(`'${currency}' is not a currency code like CNY or USD`);
      const items = input.items ?? [];
      items.forEach((item, i) => {
        if (!item.product?.trim()) problems.push(`item ${i + 1} needs a product name of at most 200 characters`);
        if (!(item.quantity >= 1 && item.quantity <= 1_000_000)) problems.push(`item ${i + 1}: the quantity must be 1 to 1,000,000`);
      });
      const amount = items.length ? items.reduce((sum, i) => sum + i.quantity * i.unitPrice, 0) : (input.amount ?? 0);
      const probability = stage.outcome === 'won' ? 100 : stage.outcome === 'lost' ? 0 : (input.probability ?? stage.probability);
      const lostReason = input.lostReason?.trim() || null;
      if (stage.outcome === 'lost' && !lostReason) problems.push('say why the opportunity was lost');
      if (input.expectedClose && !/^\d{4}-\d{2}-\d{2}$/.test(input.expectedClose)) {
        problems.push(`expected close '${input.expectedClose}' is not a date like 2026-12-31`);
      }
      if (problems.length) fail('invalid_input', problems.join('; '));
      return {
        name: input.name.trim(), currency, amount, probability, items: items.map((i) => ({ ...i, product: i.product.trim() })),
        expectedClose: input.expectedClose || null, lostReason: stage.outcome === 'lost' ? lostReason : null,
        notes: input.notes?.trim() || null, contactId: input.contactId || null,
      };
    };
    const pickStage = (id) => {
      if (!id) return liveStages().find((s) => s.outcome === 'open');
      const s = stageById(id);
      if (!s || s.deletedAt) fail('invalid_input', `there is no stage '${id}'`);
      return s;
    };
    const change = (o, stage, reason) => {
      if (stage.id === o.stageId) return;
      o.stageChanges.unshift({ at: now(), actor: access.actor(), from: o.stageId, to: stage.id, reason });
      o.reached = stage.outcome === 'lost' ? o.reached : Math.max(o.reached, reachedAt(stage));
      o.closedAt = stage.outcome === 'open' ? null : now();
      o.stageId = stage.id;
    };
    const save = (o, input, stage) => {
      const record = checked(input, stage);
      change(o, stage, record.lostReason);
      Object.assign(o, record, { version: o.version + 1, updatedAt: now(), updatedBy: access.actor() });
      changed('opportunity', [o.id, o.customerId]);
      return publicOpportunity(o);
    };
    const mustEdit = (o) => {
      if (!mayEdit(o)) fail('forbidden', 'this opportunity is owned by someone else; only its owner or a manager may change it');
    };

    // --- the funnel, computed the way the core does -------------------------------------------------
    const funnel = ({ from, to, currency: wanted, owner }) => {
      const inScope = live().filter(
        (o) => (!from || o.createdAt.slice(0, 10) >= from) && (!to || o.createdAt.slice(0, 10) <= to) && (!owner || o.owner === owner),
      );
      const counts = new Map();
      for (const o of inScope) counts.set(o.currency, (counts.get(o.currency) ?? 0) + 1);
      const currencies = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([c]) => c);
      const currency = wanted || currencies[0] || 'CNY';
      const mine = inScope.filter((o) => o.currency === currency);
      const stages = liveStages();
      const sum = (list) => ({
        count: list.length,
        amount: list.reduce((s, o) => s + o.amount, 0),
        weighted: Math.floor(list.reduce((s, o) => s + o.amount * o.probability, 0) / 100),
      });
      const inStage = (s) => mine.filter((o) => o.stageId === s.id);
      const won = sum(mine.filter((o) => stageById(o.stageId).outcome === 'won'));
      const lost = sum(mine.filter((o) => stageById(o.stageId).outcome === 'lost'));
      const open = mine.filter((o) => stageById(o.stageId).outcome === 'open');
      const openPositions = stages.filter((s) => s.outcome === 'open').map((s) => s.position);
      const reachedAtLeast = (p) => mine.filter((o) => o.reached >= p).length;
      const rows = (keyOf, labelOf) => {
        const groups = new Map();
        for (const o of open) {
          const key = keyOf(o);
          groups.set(key, [...(groups.get(key) ?? []), o]);
        }
        return [...groups]
          .sort((a, b) => a[0].localeCompare(b[0]))
          .map(([key, list]) => {
            const s = sum(list);
            return { key, label: labelOf(key, list[0]), count: s.count, amount: s.amount, weightedAmount: s.weighted };
          });
      };
      const territory = (o) => access.territoryOf(customer(o.customerId));
      const openSum = sum(open);
      return {
        currency,
        currencies,
        stages: stages.map((s) => {
          const here = sum(inStage(s));
          let reached = won.count;
          let conversionToNext = null;
          if (s.outcome === 'open') {
            reached = reachedAtLeast(s.position);
            const next = openPositions.find((p) => p > s.position);
            const onward = next === undefined ? won.count : reachedAtLeast(next);
            conversionToNext = reached > 0 ? onward / reached : null;
          } else if (s.outcome === 'lost') {
            reached = lost.count;
          }
          return { stage: stageRef(s), probability: s.probability, count: here.count, amount: here.amount,
            weightedAmount: here.weighted, reached, conversionToNext };
        }),
        openCount: openSum.count,
        openAmount: openSum.amount,
        weightedForecast: openSum.weighted,
        wonCount: won.count,
        wonAmount: won.amount,
        lostCount: lost.count,
        winRate: won.count + lost.count > 0 ? won.count / (won.count + lost.count) : null,
        byMonth: rows((o) => (o.expectedClose ?? '').slice(0, 7), (key) => key),
        byOwner: rows((o) => o.owner, (key) => user(key)?.displayName ?? key),
        byTerritory: rows((o) => territory(o)?.id ?? '', (_key, o) => territory(o)?.name ?? ''),
      };
    };

    const checkStages = (list) => {
      const problems = [];
      list.forEach((s, i) => {
        if (!s.nameZh?.trim() || !s.nameEn?.trim()) problems.push(`stage ${i + 1} needs a Chinese and an English name of at most 50 characters`);
        if (!(s.probability >= 0 && s.probability <= 100)) problems.push(`stage ${i + 1}: the probability is a percentage from 0 to 100`);
      });
      const count = (o) => list.filter((s) => s.outcome === o).length;
      if (!count('open')) problems.push('there must be at least one open stage');
      if (count('won') !== 1 || count('lost') !== 1) problems.push('there must be exactly one won stage and one lost stage');
      const firstClosed = list.findIndex((s) => s.outcome !== 'open');
      if (firstClosed >= 0 && list.slice(firstClosed).some((s) => s.outcome === 'open')) {
        problems.push('the open stages come first, then the won and lost stages');
      }
      if (problems.length) fail('invalid_input', problems.join('; '));
    };

    return {
      stage_list: () =>
        liveStages().map((s) => ({ ...stageRef(s), probability: s.probability, position: s.position,
          opportunityCount: live().filter((o) => o.stageId === s.id).length })),
      stage_save: ({ stages }) => {
        if (me()?.role !== 'admin') fail('forbidden', 'only an administrator may do this');
        checkStages(stages);
        for (const old of liveStages().filter((o) => !stages.some((s) => s.id === o.id))) {
          const used = live().filter((o) => o.stageId === old.id).length;
          if (used) fail('invalid_input', `stage '${old.nameEn}' still holds ${used} opportunities; move them to another stage before removing it`);
          old.deletedAt = now();
        }
        stages.forEach((s, i) => {
          const existing = s.id ? stageById(s.id) : null;
          const values = { nameZh: s.nameZh.trim(), nameEn: s.nameEn.trim(), probability: s.probability, outcome: s.outcome, position: i + 1 };
          if (existing) Object.assign(existing, values);
          else {
            const id = `stage-${nextSeq()}`;
            state.stages.push({ id, key: id, deletedAt: null, ...values });
          }
        });
        changed('opportunity', []);
        return liveStages().map((s) => ({ ...stageRef(s), probability: s.probability, position: s.position,
          opportunityCount: live().filter((o) => o.stageId === s.id).length }));
      },
      opportunity_board: ({ owner, perStage }) =>
        liveStages().map((s) => {
          const here = live().filter((o) => o.stageId === s.id && (!owner || o.owner === owner)).sort(newest);
          const totals = new Map();
          for (const o of here) totals.set(o.currency, [(totals.get(o.currency)?.[0] ?? 0) + 1, (totals.get(o.currency)?.[1] ?? 0) + o.amount]);
          return {
            stage: stageRef(s), probability: s.probability, count: here.length,
            totals: [...totals].sort((a, b) => b[1][0] - a[1][0]).map(([currency, [, amount]]) => ({ currency, amount })),
            items: here.slice(0, perStage).map(publicOpportunity),
          };
        }),
      opportunity_list: ({ request }) => {
        const stageIds = request.stageIds ?? [];
        const all = live()
          .filter((o) => !stageIds.length || stageIds.includes(o.stageId) || stageIds.includes(stageById(o.stageId).key))
          .filter((o) => !request.owner || o.owner === request.owner)
          .filter((o) => !request.customerId || o.customerId === request.customerId)
          .sort(newest);
        const start = request.cursor ? Number(request.cursor) : 0;
        const page = all.slice(start, start + request.limit);
        return { items: page.map(publicOpportunity), nextCursor: start + request.limit < all.length ? String(start + request.limit) : null };
      },
      opportunity_get: ({ id }) => {
        const o = find(id);
        return {
          opportunity: publicOpportunity(o),
          items: o.items,
          stageChanges: o.stageChanges.map((c) => ({
            at: c.at, actor: c.actor, reason: c.reason, from: c.from ? stageRef(stageById(c.from)) : null, to: stageRef(stageById(c.to)),
          })),
          activities: db.activities
            .filter((a) => a.opportunityId === id)
            .map(({ seq: _s, ...a }) => a),
        };
      },
      opportunity_create: ({ input }) => {
        const c = customer(input.customerId);
        if (c.deletedAt) fail('invalid_input', 'the customer is in the trash; restore it first');
        const stage = pickStage(input.stageId);
        const record = checked(input, stage);
        const owner = input.owner ? (user(input.owner)?.login ?? fail('invalid_input', `there is no user '${input.owner}' to own the opportunity`)) : access.actor();
        const at = now();
        const o = {
          id: `o-${nextSeq()}`, customerId: c.id, leadId: null, stageId: stage.id, owner, version: 1, createdAt: at,
          createdBy: access.actor(), updatedAt: at, updatedBy: access.actor(), deletedAt: null, closedAt: stage.outcome === 'open' ? null : at,
          reached: reachedAt(stage), stageChanges: [{ at, actor: access.actor(), from: null, to: stage.id, reason: record.lostReason }], ...record,
        };
        state.opportunities.push(o);
        changed('opportunity', [o.id, o.customerId]);
        return publicOpportunity(o);
      },
      opportunity_update: ({ id, expectedVersion, input }) => {
        const o = find(id);
        mustEdit(o);
        if (input.customerId !== o.customerId) fail('invalid_input', 'an opportunity stays with its customer; create a new one for another customer');
        if (o.version !== expectedVersion) {
          fail('conflict', `opportunity '${o.name}' was changed by ${o.updatedBy} at ${o.updatedAt} after you opened it; reload to see the changes`);
        }
        return save(o, input, pickStage(input.stageId || o.stageId));
      },
      opportunity_move: ({ id, stageId, lostReason }) => {
        const o = find(id);
        mustEdit(o);
        const stage = pickStage(stageId);
        const input = { ...o, lostReason: lostReason ?? o.lostReason, probability: stage.id === o.stageId ? o.probability : null };
        return save(o, input, stage);
      },
      opportunity_delete: ({ id }) => {
        const o = find(id);
        mustEdit(o);
        o.deletedAt = now();
        changed('opportunity', [id]);
        return null;
      },
      funnel_report: ({ request }) => funnel(request),
      customer_leads: ({ customerId }) => (Array.isArray(db.leads) ? db.leads.filter((l) => l.customerId === customerId) : []),
    };
  };
}
