// A small, consistent stand-in for the Rust core, injected into the page before the app loads:
// it installs window.__TAURI_INTERNALS__ the way @tauri-apps/api/mocks' mockIPC does (invoke,
// transformCallback, the event plugin) and answers the commands the UI uses from an in-memory
// store. Errors are rejected as { code, message } like the real IPC error. It must stay
// self-contained: Playwright sends its source text to the page. Accounts, the org tree,
// territories and the audit log come from fake-access.mjs, injected just before this.

export function installFakeTauri(seed) {
  const db = {
    customers: seed.customers.map((c) => ({ ...c })),
    fields: seed.fields.map((f) => ({ ...f, options: [...f.options] })),
    tags: seed.tags.map((t) => ({ ...t })),
    contacts: [],
    activities: [],
    history: [],
    language: seed.language,
    seq: 1000,
  };
  const calls = [];
  window.__FAKE_CRM__ = { db, calls };

  const fail = (code, message) => {
    throw { code, message };
  };
  const now = () => new Date().toISOString();
  const nextSeq = () => ++db.seq;
  const newId = (p) => `${p}-${nextSeq()}`;
  const access = window.__FAKE_ACCESS__({ fail, now, nextSeq, history: db.history });
  window.__FAKE_CRM__.access = access;

  // --- IPC plumbing, as in mockIPC -------------------------------------------------------------
  const callbacks = new Map();
  const listeners = new Map();
  const transformCallback = (cb, once = false) => {
    const id = window.crypto.getRandomValues(new Uint32Array(1))[0];
    callbacks.set(id, (data) => {
      if (once) callbacks.delete(id);
      return cb && cb(data);
    });
    return id;
  };
  const runCallback = (id, data) => callbacks.get(id)?.(data);
  const emit = (event, payload) => {
    for (const handler of [...(listeners.get(event) ?? [])]) runCallback(handler, { event, id: handler, payload });
  };
  const changed = (entity, ids) => setTimeout(() => emit('data-changed', { entity, ids }), 0);

  // --- customers --------------------------------------------------------------------------------
  const live = (c) => c.deletedAt === null;
  const byId = (id) => db.customers.find((c) => c.id === id) ?? fail('not_found', `no customer with id ${id}`);
  const fieldByKey = (key) => db.fields.find((f) => f.key === key && f.deletedAt === null);
  const valueOf = (c, key) => {
    if (key === 'created') return c.createdAt;
    if (key === 'updated') return c.updatedAt;
    if (key in c && key !== 'custom') return c[key];
    return c.custom[key] ?? null;
  };
  const listRow = (c) => ({
    id: c.id, name: c.name, kind: c.kind, lifecycle: c.lifecycle, tier: c.tier, industry: c.industry, size: c.size,
    source: c.source, owner: c.owner, company: c.company, country: c.country, province: c.province, city: c.city,
    phone: c.phones[0] ?? null, email: c.emails[0] ?? null, tagIds: c.tagIds, custom: c.custom,
    createdAt: c.createdAt, updatedAt: c.updatedAt, deletedAt: c.deletedAt,
  });
  const publicCustomer = (c) => {
    const { pinyin: _p, initials: _i, seq: _s, ...rest } = c;
    return { ...rest, custom: { ...c.custom }, phones: [...c.phones], emails: [...c.emails], tagIds: [...c.tagIds],
      territory: access.territoryOf(c) };
  };
  const matches = (c, filter = {}) => {
    if (Boolean(filter.trash) === live(c)) return false;
    if (filter.tagIds?.length && !c.tagIds.some((t) => filter.tagIds.includes(t))) return false;
    for (const f of filter.fields ?? []) {
      const v = valueOf(c, f.key);
      if (f.op === 'oneOf' && f.values.length) {
        if (Array.isArray(v) ? !v.some((x) => f.values.includes(x)) : !f.values.includes(v)) return false;
      } else if (f.op === 'contains') {
        if (!String(v ?? '').toLowerCase().includes(f.text.toLowerCase())) return false;
      } else if (f.op === 'range') {
        if (typeof v !== 'number' || (f.min !== null && v < f.min) || (f.max !== null && v > f.max)) return false;
      } else if (f.op === 'dateRange') {
        const d = String(v ?? '').slice(0, 10);
        if (!d || (f.from && d < f.from) || (f.to && d > f.to)) return false;
      } else if (f.op === 'empty' && v !== null && v !== undefined) return false;
    }
    return true;
  };
  const sorted = (rows, sort = { key: 'updated', desc: true }) => {
    const key = sort.key === 'name' ? 'name' : sort.key;
    const dir = sort.desc ? -1 : 1;
    return [...rows].sort((a, b) => {
      const va = key === 'created' ? a.seq : valueOf(a, key);
      const vb = key === 'created' ? b.seq : valueOf(b, key);
      if (va === null && vb === null) return (a.seq - b.seq) * dir;
      if (va === null) return 1; // empties last in both directions, as the core does
      if (vb === null) return -1;
      const cmp = typeof va === 'number' ? va - vb : String(va).localeCompare(String(vb), 'zh-CN');
      return (cmp || a.seq - b.seq) * dir;
    });
  };

  const validate = (input) => {
    const problems = [];
    if (!input.name || !input.name.trim()) problems.push('name is required');
    for (const p of input.phones ?? []) {
      const digits = p.replace(/\D/g, '');
      if (!/^[\d +\-().]+$/.test(p) || digits.length < 3 || digits.length > 20) {
        problems.push(`phone '${p}' is not a phone number (3 to 20 digits; spaces and + - ( ) . allowed)`);
      }
    }
    for (const e of input.emails ?? []) {
      if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(e)) problems.push(`email '${e}' is not an e-mail address`);
    }
    for (const key of Object.keys(input.custom ?? {})) {
      if (!fieldByKey(key) || fieldByKey(key).builtin) problems.push(`'${key}' is not a dimension of customers`);
    }
    if (problems.length) fail('invalid_input', problems.join('; '));
  };
  const TRACKED = ['name', 'kind', 'lifecycle', 'externalId', 'tier', 'industry', 'size', 'source', 'owner', 'country',
    'province', 'city', 'address', 'company', 'website', 'notes', 'phones', 'emails', 'tagIds'];
  const same = (a, b) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
  const emptyToNull = (v) => (Array.isArray(v) ? (v.length ? v : null) : v === '' ? null : v ?? null);
  const diff = (old, next) => {
    const changes = [];
    for (const k of TRACKED) {
      if (!same(emptyToNull(old[k]), emptyToNull(next[k]))) changes.push({ field: k, old: emptyToNull(old[k]), new: emptyToNull(next[k]) });
    }
    const keys = new Set([...Object.keys(old.custom), ...Object.keys(next.custom)]);
    for (const k of keys) {
      if (!same(old.custom[k], next.custom[k])) changes.push({ field: `custom.${k}`, old: old.custom[k] ?? null, new: next.custom[k] ?? null });
    }
    return changes;
  };
  const log = (entity, entityId, rootId, op, changes = []) =>
    db.history.push({ seq: nextSeq(), at: now(), actor: access.actor(), entity, entityId, rootId, op, changes });
  const fromInput = (input) => ({
    externalId: input.externalId ?? null, name: input.name.trim(), kind: input.kind, lifecycle: input.lifecycle,
    tier: input.tier ?? null, industry: input.industry ?? null, size: input.size ?? null, source: input.source ?? null,
    owner: input.owner ?? null, country: input.country ?? null, province: input.province ?? null, city: input.city ?? null,
    address: input.address ?? null, company: input.company ?? null, website: input.website ?? null, notes: input.notes ?? null,
    phones: input.phones ?? [], emails: input.emails ?? [], custom: input.custom ?? {}, tagIds: input.tagIds ?? [],
  });

  // --- search -------------------------------------------------------------------------------------
  const search = (query, limit) => {
    const q = query.trim().toLowerCase();
    const digits = q.replace(/\D/g, '');
    const hits = [];
    for (const c of db.customers.filter(live)) {
      let best = null;
      const consider = (score, matched, matchedContact = null) => {
        if (score > 0 && (!best || score > best.score)) best = { score, matched, matchedContact };
      };
      const text = (hay, exact, prefix, part) =>
        !hay ? 0 : hay === q ? exact : hay.startsWith(q) ? prefix : hay.includes(q) ? part : 0;
      consider(text(c.name.toLowerCase(), 1, 0.9, 0.72), 'name');
      if (/^[a-z]+$/.test(q)) consider(Math.max(text(c.pinyin ?? '', 0.88, 0.8, 0.6), text(c.initials ?? '', 0.87, 0.79, 0.55)), 'pinyin');
      if (digits.length >= 3 && digits === q.replace(/[\s-]/g, '')) {
        for (const p of c.phones) consider(text(p.replace(/\D/g, ''), 0.98, 0.9, 0.7), 'phone');
      }
      for (const e of c.emails) consider(text(e.toLowerCase(), 0.85, 0.75, 0.5), 'email');
      consider(text((c.company ?? '').toLowerCase(), 0.7, 0.65, 0.5), 'company');
      for (const ct of db.contacts.filter((x) => x.customerId === c.id)) consider(text(ct.name.toLowerCase(), 0.8, 0.7, 0.5), 'contact', ct.name);
      if (best) hits.push({ id: c.id, name: c.name, kind: c.kind, company: c.company, city: c.city, phones: c.phones, emails: c.emails, ...best });
    }
    return hits.sort((a, b) => b.score - a.score).slice(0, limit);
  };

  // --- commands -----------------------------------------------------------------------------------
  const commands = {
    app_info: () => {
      if (seed.failAppInfo) fail('internal', seed.failAppInfo);
      return { version: '0.1.0', dbPath: '/home/tester/.local/share/kehu/kehu.db', language: db.language };
    },
    settings_set_language: ({ language }) => {
      db.language = language;
      return null;
    },
    customer_list: ({ request }) => {
      const rows = sorted(db.customers.filter((c) => matches(c, request.filter)), request.sort);
      const start = request.cursor ? Number(request.cursor) : 0;
      const limit = request.limit ?? 100;
      const page = rows.slice(start, start + limit);
      return { rows: page.map(listRow), nextCursor: start + limit < rows.length ? String(start + limit) : null };
    },
    customer_count: ({ filter }) => db.customers.filter((c) => matches(c, filter)).length,
    // The file itself is the core's (tested in Rust); the fake counts what it would hold.
    export_to_file: ({ kind, filter }) =>
      kind === 'customers' ? db.customers.filter((c) => matches(c, filter ?? { fields: [], tagIds: [], trash: false })).length : 0,
    customer_distinct_values: ({ key }) =>
      [...new Set(db.customers.filter(live).map((c) => c[key]).filter(Boolean))].sort((a, b) => a.localeCompare(b, 'zh-CN')),
    customer_get: ({ id }) => publicCustomer(byId(id)),
    customer_create: ({ input }) => {
      validate(input);
      const at = now();
      const c = { id: newId('c'), ...fromInput(input), version: 1, createdAt: at, createdBy: access.actor(), updatedAt: at,
        updatedBy: access.actor(), deletedAt: null, seq: nextSeq(), pinyin: '', initials: '' };
      db.customers.push(c);
      log('customer', c.id, c.id, 'create');
      changed('customer', [c.id]);
      return publicCustomer(c);
    },
    customer_update: ({ id, expectedVersion, input }) => {
      const c = byId(id);
      if (c.version !== expectedVersion) {
        fail('conflict', `customer '${c.name}' was changed by ${c.updatedBy} at ${c.updatedAt} after you opened it; reload to see the changes`);
      }
      validate(input);
      const next = fromInput(input);
      const changes = diff(c, next);
      if (changes.length) {
        Object.assign(c, next, { version: c.version + 1, updatedAt: now(), updatedBy: access.actor() });
        log('customer', id, id, 'update', changes);
        changed('customer', [id]);
      }
      return publicCustomer(c);
    },
    customer_delete: ({ id }) => {
      const c = byId(id);
      if (!live(c)) fail('not_found', `customer '${c.name}' is in the trash`);
      c.deletedAt = now();
      c.version++;
      log('customer', id, id, 'delete', [{ field: 'deletedAt', old: null, new: c.deletedAt }]);
      changed('customer', [id]);
      return null;
    },
    customer_restore: ({ id }) => {
      const c = byId(id);
      if (live(c)) fail('invalid_input', `customer '${c.name}' is not in the trash`);
      log('customer', id, id, 'restore', [{ field: 'deletedAt', old: c.deletedAt, new: null }]);
      c.deletedAt = null;
      c.version++;
      changed('customer', [id]);
      return publicCustomer(c);
    },
    customer_history: ({ id, beforeSeq, limit }) => {
      const labels = new Map([...db.contacts.map((c) => [c.id, c.name]), ...db.activities.map((a) => [a.id, a.subject])]);
      return db.history
        .filter((h) => h.rootId === id && (beforeSeq === null || h.seq < beforeSeq))
        .sort((a, b) => b.seq - a.seq)
        .slice(0, limit)
        .map(({ rootId: _r, ...h }) => ({ ...h, label: h.entity === 'customer' ? null : (labels.get(h.entityId) ?? null) }));
    },
    activity_list: ({ customerId, cursor, limit }) => {
      const all = db.activities
        .filter((a) => a.customerId === customerId)
        .sort((a, b) => b.occurredAt.localeCompare(a.occurredAt) || b.seq - a.seq);
      const start = cursor ? Number(cursor) : 0;
      const items = all.slice(start, start + limit).map(({ seq: _s, ...a }) => a);
      return { items, nextCursor: start + limit < all.length ? String(start + limit) : null };
    },
    activity_add: ({ customerId, input }) => {
      const c = byId(customerId);
      if (!live(c)) fail('invalid_input', 'the customer is in the trash; restore it first');
      if (!input.subject || !input.subject.trim()) fail('invalid_input', 'subject is required');
      const a = { id: newId('a'), customerId, kind: input.kind, occurredAt: new Date(input.occurredAt ?? now()).toISOString(),
        author: access.actor(), subject: input.subject.trim(), body: input.body ?? null, createdAt: now(), seq: nextSeq() };
      db.activities.push(a);
      log('activity', a.id, customerId, 'create');
      changed('activity', [customerId]);
      const { seq: _s, ...out } = a;
      return out;
    },
    contact_list: ({ customerId }) => db.contacts.filter((c) => c.customerId === customerId),
    contact_create: ({ customerId, input }) => {
      if (byId(customerId).kind === 'individual') fail('invalid_input', 'an individual customer has no contacts');
      if (!input.name?.trim()) fail('invalid_input', 'name is required');
      const c = { id: newId('p'), customerId, name: input.name.trim(), title: input.title ?? null, phones: input.phones ?? [],
        emails: input.emails ?? [], createdAt: now(), updatedAt: now() };
      db.contacts.push(c);
      log('contact', c.id, customerId, 'create');
      changed('contact', [customerId]);
      return c;
    },
    contact_update: ({ id, input }) => {
      const c = db.contacts.find((x) => x.id === id) ?? fail('not_found', `no contact with id ${id}`);
      const changes = ['name', 'title', 'phones', 'emails']
        .filter((k) => !same(c[k], input[k]))
        .map((k) => ({ field: k, old: c[k], new: input[k] }));
      Object.assign(c, { name: input.name, title: input.title ?? null, phones: input.phones ?? [], emails: input.emails ?? [], updatedAt: now() });
      log('contact', id, c.customerId, 'update', changes);
      changed('contact', [c.customerId]);
      return c;
    },
    contact_delete: ({ id }) => {
      const c = db.contacts.find((x) => x.id === id) ?? fail('not_found', `no contact with id ${id}`);
      db.contacts.splice(db.contacts.indexOf(c), 1);
      log('contact', id, c.customerId, 'delete');
      changed('contact', []);
      return null;
    },
    field_list: () => db.fields,
    field_create: ({ input }) => {
      if (!/^[a-z][a-z0-9_]{0,39}$/.test(input.key)) fail('invalid_input', `key '${input.key}' is invalid: start with a letter a-z, then a-z, 0-9 or _, at most 40 characters`);
      if (db.fields.some((f) => f.key === input.key)) fail('conflict', `a dimension with key '${input.key}' already exists`);
      const f = { id: newId('f'), ...input, options: input.options ?? [], builtin: false, deletedAt: null };
      db.fields.push(f);
      changed('field', [f.id]);
      return f;
    },
    field_update: ({ id, update }) => {
      const f = db.fields.find((x) => x.id === id) ?? fail('not_found', `no dimension with id ${id}`);
      for (const removed of f.options.filter((o) => !(update.options ?? []).some((n) => n.key === o.key))) {
        const held = db.customers.filter((c) => (f.builtin ? c[f.key] : c.custom[f.key]) === removed.key).length;
        if (held) fail('conflict', `option '${removed.key}' of '${f.key}' is held by ${held} customer(s); change them before removing it`);
      }
      Object.assign(f, { labelZh: update.labelZh, labelEn: update.labelEn, options: update.options ?? [] });
      changed('field', [id]);
      return f;
    },
    field_delete: ({ id }) => {
      const f = db.fields.find((x) => x.id === id);
      if (f.builtin) fail('invalid_input', `'${f.key}' is a built-in dimension and cannot be deleted`);
      f.deletedAt = now();
      changed('field', [id]);
      return null;
    },
    field_restore: ({ id }) => {
      db.fields.find((x) => x.id === id).deletedAt = null;
      changed('field', [id]);
      return null;
    },
    tag_list: () => db.tags,
    tag_create: ({ input }) => {
      if (!input.name.trim()) fail('invalid_input', 'tag name is required');
      if (db.tags.some((t) => t.name === input.name.trim())) fail('conflict', `tag '${input.name}' already exists`);
      const t = { id: newId('t'), name: input.name.trim(), color: input.color };
      db.tags.push(t);
      changed('tag', [t.id]);
      return t;
    },
    tag_update: ({ id, input }) => {
      const t = db.tags.find((x) => x.id === id) ?? fail('not_found', `no tag with id ${id}`);
      Object.assign(t, input);
      changed('tag', [id]);
      return t;
    },
    tag_delete: ({ id }) => {
      db.tags = db.tags.filter((t) => t.id !== id);
      changed('tag', [id]);
      return null;
    },
    search_customers: ({ query, limit }) => search(query, limit),
    ...access.commands(db.customers),
    ...window.__FAKE_LEADS__({ db, fail, now, nextSeq, changed, access }),
    ...window.__FAKE_OPPORTUNITIES__({ db, fail, now, nextSeq, changed, access }),
    ...(window.__FAKE_SERVICE__?.({ db, fail, now, nextSeq, changed, access }) ?? {}),
    ...(window.__FAKE_DESK__?.({ db, fail, now, nextSeq, changed, access }) ?? {}),
    ...(window.__FAKE_WORKFLOW__?.({ db, fail, now, nextSeq, changed, access }) ?? {}),
  };

  async function invoke(cmd, args = {}) {
    calls.push({ cmd, args });
    if (cmd === 'plugin:event|listen') {
      if (!listeners.has(args.event)) listeners.set(args.event, []);
      listeners.get(args.event).push(args.handler);
      return args.handler;
    }
    if (cmd === 'plugin:event|unlisten') {
      const list = listeners.get(args.event) ?? [];
      const i = list.indexOf(args.eventId);
      if (i >= 0) list.splice(i, 1);
      return null;
    }
    if (cmd === 'plugin:event|emit') {
      emit(args.event, args.payload);
      return null;
    }
    const command = commands[cmd];
    if (!command) throw `command ${cmd} not found`;
    access.guard(cmd);
    // A copy, so the page cannot hold references into the store (the real IPC serialises).
    return JSON.parse(JSON.stringify(command(args) ?? null));
  }

  window.__TAURI_INTERNALS__ = {
    invoke,
    transformCallback,
    unregisterCallback: (id) => callbacks.delete(id),
    runCallback,
    callbacks,
    metadata: { currentWindow: { label: 'main' }, currentWebview: { windowLabel: 'main', label: 'main' } },
  };
  window.__TAURI_EVENT_PLUGIN_INTERNALS__ = { unregisterListener: (_event, id) => callbacks.delete(id) };
}
