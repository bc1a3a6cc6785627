// The fake core's accounts, org tree, territories and audit log. Injected into the page before
// fake-backend.mjs, it leaves window.__FAKE_ACCESS__, a function the backend calls with its store
// helpers to get these commands plus the session checks. Like the backend it must stay
// self-contained: Playwright sends its source text to the page. Scope filtering of records is
// not imitated; refusals, sign-in failures and the audit entries they leave are.

export function installFakeAccess(seed) {
  window.__FAKE_ACCESS__ = ({ fail, now, nextSeq, history }) => {
    const state = {
      users: seed.users.map((u) => ({ ...u })),
      units: seed.units.map((u) => ({ ...u })),
      territories: seed.territories.map((t) => ({ ...t, places: t.places.map((p) => ({ ...p })) })),
      events: [],
      session: seed.signedIn,
      failures: new Map(),
    };
    const PUBLIC = new Set(['app_info', 'settings_set_language', 'auth_status', 'auth_setup', 'auth_sign_in', 'auth_sign_out']);
    const ADMIN_ONLY = /^(user_|org_(create|rename|move|delete)|territory_(create|update|delete)|audit_list|customer_restore)/;

    const userByLogin = (login) => state.users.find((u) => u.login === login);
    const unitById = (id) => state.units.find((u) => u.id === id && !u.deletedAt) ?? fail('not_found', `no org unit with id ${id}`);
    const publicUser = (u) => {
      const { password: _p, ...rest } = u;
      return { ...rest, unitName: unitById(u.unitId).name };
    };
    const current = () => (state.session ? userByLogin(state.session) : null);
    const event = (login, kind, action, detail) =>
      state.events.push({ seq: nextSeq(), at: now(), login, kind, action, entityId: null, detail });
    const log = (entity, entityId, op, changes = []) =>
      history.push({ seq: nextSeq(), at: now(), actor: state.session, entity, entityId, rootId: entityId, op, changes });
    const admins = () => state.users.filter((u) => u.active && u.role === 'admin');

    // --- places and territories ------------------------------------------------------------------
    const key = (s) => {
      const t = (s ?? '').trim().toLowerCase();
      return /^.{2,}[省市]$/.test(t) ? t.slice(0, -1) : t;
    };
    const keys = (p) => [key(p.country), key(p.province), key(p.city)];
    const overlaps = (a, b) => keys(a).every((x, i) => !x || !keys(b)[i] || x === keys(b)[i]);
    const placeText = (p) => `${p.country ?? ''}/${p.province ?? ''}/${p.city ?? ''}`;
    const live = () => state.territories.filter((t) => !t.deletedAt);
    const territoryOf = (c) => {
      const loc = [key(c.country), key(c.province), key(c.city)];
      if (loc.every((x) => !x)) return null;
      const t = live().find((t) =>
        t.places.some((p) => {
          const [pc, pp, pcity] = keys(p);
          const countryOk = !pc || pc === loc[0] || (!loc[0] && Boolean(pp || pcity));
          return countryOk && (!pp || pp === loc[1]) && (!pcity || pcity === loc[2]);
        }),
      );
      return t ? { id: t.id, name: t.name } : null;
    };
    const checkTerritory = (input, ownId) => {
      if (!input.name?.trim()) fail('invalid_input', 'a territory needs a name of at most 100 characters');
      if (!input.places?.length) fail('invalid_input', `territory '${input.name}' needs at least one place`);
      unitById(input.unitId);
      for (const p of input.places) if (!keys(p).some(Boolean)) fail('invalid_input', 'a place needs a country, a province or a city');
      for (const other of live().filter((t) => t.id !== ownId)) {
        for (const mine of input.places) {
          const theirs = other.places.find((p) => overlaps(mine, p));
          if (theirs) {
            fail('conflict', `the place ${placeText(mine)} overlaps ${placeText(theirs)} of territory '${other.name}'; a location may belong to one territory only`);
          }
        }
      }
      if (live().some((t) => t.id !== ownId && t.name === input.name.trim())) fail('conflict', `a territory called '${input.name}' already exists`);
    };
    const publicTerritory = (t, customers) => ({
      id: t.id, name: t.name, unitId: t.unitId, unitName: unitById(t.unitId).name, places: t.places,
      customerCount: customers.filter((c) => c.deletedAt === null && territoryOf(c)?.id === t.id).length,
    });

    // --- the org tree ----------------------------------------------------------------------------
    const liveUnits = () => state.units.filter((u) => !u.deletedAt);
    const isWithin = (id, ancestorId) => {
      for (let u = unitById(id); u; u = u.parentId ? unitById(u.parentId) : null) if (u.id === ancestorId) return true;
      return false;
    };
    const publicUnit = (u) => ({
      id: u.id, name: u.name, parentId: u.parentId,
      userCount: state.users.filter((x) => x.active && x.unitId === u.id).length,
      territoryCount: live().filter((t) => t.unitId === u.id).length,
    });

    const checkUser = (input) => {
      if (!/^[\p{L}\p{N}._@-]{1,50}$/u.test(input.login?.trim() ?? '')) {
        fail('invalid_input', `'${input.login}' cannot be a sign-in name: use 1-50 letters, digits, '.', '_', '-' or '@'`);
      }
      if ((input.password ?? '').length < 8) fail('invalid_input', 'a password needs at least 8 characters');
    };

    return {
      territoryOf,
      actor: () => state.session,
      /** Refuses what the session may not do, as the core does, and records the refusal. */
      guard(cmd) {
        if (PUBLIC.has(cmd)) return;
        const me = current();
        if (!me) fail('forbidden', 'sign in first');
        if (ADMIN_ONLY.test(cmd) && me.role !== 'admin') {
          event(me.login, 'refused', cmd.replace('_', '.'), 'only an administrator may do this');
          fail('forbidden', 'only an administrator may do this');
        }
      },
      commands: (customers) => ({
        auth_status: () => ({ needsSetup: state.users.length === 0, user: current() ? publicUser(current()) : null }),
        auth_setup: ({ company, admin }) => {
          if (state.users.length) fail('conflict', 'the administrator already exists; sign in instead');
          checkUser(admin);
          state.units = [{ id: 'o-root', name: company.trim(), parentId: null }];
          const u = { ...admin, id: `u-${nextSeq()}`, role: 'admin', unitId: 'o-root', active: true, createdAt: now() };
          state.users.push(u);
          state.session = u.login;
          return publicUser(u);
        },
        auth_sign_in: ({ login, password }) => {
          const u = userByLogin(login.trim());
          const failures = state.failures.get(login) ?? 0;
          if (u && failures >= 3) {
            event(login, 'sign_in_failed', 'sign_in', 'attempted while waiting');
            fail('forbidden', `too many failed sign-ins for '${login}'; try again in 30 s`);
          }
          if (!u || u.password !== password) {
            state.failures.set(login, failures + 1);
            event(login, 'sign_in_failed', 'sign_in', u ? 'wrong password' : 'unknown account');
            fail('forbidden', 'wrong sign-in name or password');
          }
          if (!u.active) fail('forbidden', `the account '${u.login}' is deactivated; ask an administrator`);
          state.failures.delete(login);
          state.session = u.login;
          return publicUser(u);
        },
        auth_sign_out: () => {
          state.session = null;
          return null;
        },
        auth_stay_signed_in: ({ stay }) => {
          if (stay && state.users.filter((u) => u.active).length > 1) {
            fail('conflict', 'staying signed in is only possible while this installation has a single user');
          }
          return null;
        },
        auth_change_password: ({ current: old, newPassword }) => {
          const me = current();
          if (me.password !== old) fail('forbidden', 'the current password is wrong');
          checkUser({ login: me.login, password: newPassword });
          me.password = newPassword;
          return null;
        },
        user_list: () => [...state.users].sort((a, b) => Number(b.active) - Number(a.active) || a.login.localeCompare(b.login)).map(publicUser),
        user_add: ({ input }) => {
          checkUser(input);
          unitById(input.unitId);
          if (userByLogin(input.login.trim())) fail('conflict', `the sign-in name '${input.login.trim()}' is taken`);
          const u = { ...input, login: input.login.trim(), id: `u-${nextSeq()}`, active: true, createdAt: now() };
          state.users.push(u);
          log('user', u.id, 'create', [{ field: 'login', old: null, new: u.login }, { field: 'role', old: null, new: u.role }]);
          return publicUser(u);
        },
        user_update: ({ id, update }) => {
          const u = state.users.find((x) => x.id === id) ?? fail('not_found', `no user with id ${id}`);
          unitById(update.unitId);
          if (u.role === 'admin' && update.role !== 'admin' && admins().length === 1) {
            fail('invalid_input', 'this is the last active administrator; make someone else administrator first');
          }
          const changes = ['displayName', 'role', 'unitId'].filter((k) => u[k] !== update[k]).map((k) => ({ field: k, old: u[k], new: update[k] }));
          Object.assign(u, update);
          log('user', id, 'update', changes);
          return publicUser(u);
        },
        user_set_active: ({ id, active }) => {
          const u = state.users.find((x) => x.id === id) ?? fail('not_found', `no user with id ${id}`);
          if (!active && u.login === state.session) fail('invalid_input', 'you cannot deactivate your own account');
          u.active = active;
          log('user', id, 'update', [{ field: 'active', old: !active, new: active }]);
          return publicUser(u);
        },
        user_reset_password: ({ id, password }) => {
          const u = state.users.find((x) => x.id === id) ?? fail('not_found', `no user with id ${id}`);
          checkUser({ login: u.login, password });
          u.password = password;
          return null;
        },
        org_list: () => liveUnits().map(publicUnit),
        org_create: ({ name, parentId }) => {
          if (!name.trim()) fail('invalid_input', 'an org unit needs a name');
          unitById(parentId);
          const u = { id: `o-${nextSeq()}`, name: name.trim(), parentId };
          state.units.push(u);
          log('org_unit', u.id, 'create', [{ field: 'name', old: null, new: u.name }]);
          return publicUnit(u);
        },
        org_rename: ({ id, name }) => {
          const u = unitById(id);
          log('org_unit', id, 'update', [{ field: 'name', old: u.name, new: name.trim() }]);
          u.name = name.trim();
          return publicUnit(u);
        },
        org_move: ({ id, parentId }) => {
          const u = unitById(id);
          const parent = unitById(parentId);
          if (!u.parentId) fail('invalid_input', `'${u.name}' is the top unit; it cannot be moved`);
          if (isWithin(parentId, id)) {
            fail('invalid_input', `'${u.name}' cannot be moved under '${parent.name}', which is '${u.name}' itself or lies below it`);
          }
          log('org_unit', id, 'update', [{ field: 'parentId', old: u.parentId, new: parentId }]);
          u.parentId = parentId;
          return publicUnit(u);
        },
        org_delete: ({ id }) => {
          const u = unitById(id);
          const n = publicUnit(u);
          const children = liveUnits().filter((x) => x.parentId === id).length;
          if (!u.parentId) fail('invalid_input', `'${u.name}' is the top unit; it cannot be deleted`);
          if (children + n.userCount + n.territoryCount > 0) {
            fail('invalid_input', `'${u.name}' still holds ${children} unit(s), ${n.userCount} user(s) and ${n.territoryCount} territory(ies); move them first`);
          }
          u.deletedAt = now();
          log('org_unit', id, 'delete');
          return null;
        },
        territory_list: () => live().map((t) => publicTerritory(t, customers)),
        territory_create: ({ input }) => {
          checkTerritory(input);
          const t = { id: `t-${nextSeq()}`, name: input.name.trim(), unitId: input.unitId, places: input.places };
          state.territories.push(t);
          log('territory', t.id, 'create', [{ field: 'places', old: null, new: t.places }]);
          return publicTerritory(t, customers);
        },
        territory_update: ({ id, input }) => {
          const t = live().find((x) => x.id === id) ?? fail('not_found', `no territory with id ${id}`);
          checkTerritory(input, id);
          log('territory', id, 'update', [{ field: 'places', old: t.places, new: input.places }]);
          Object.assign(t, { name: input.name.trim(), unitId: input.unitId, places: input.places });
          return publicTerritory(t, customers);
        },
        territory_delete: ({ id }) => {
          const t = live().find((x) => x.id === id) ?? fail('not_found', `no territory with id ${id}`);
          t.deletedAt = now();
          log('territory', id, 'delete');
          return null;
        },
        audit_list: ({ filter, cursor, limit }) => {
          const before = cursor ? Math.min(cursor.changeBefore, cursor.eventBefore) : Infinity;
          const day = (at) => at.slice(0, 10);
          const changes = filter.securityOnly
            ? []
            : history.map((h) => ({ seq: h.seq, at: h.at, login: h.actor, kind: 'change', action: `${h.entity}.${h.op}`,
                entityId: h.entityId, rootId: h.rootId, changes: h.changes, detail: null }));
          const all = [...changes, ...state.events.map((e) => ({ ...e, changes: [] }))]
            .filter((e) => e.seq < before)
            .filter((e) => !filter.login || e.login === filter.login)
            .filter((e) => !filter.recordId || e.entityId === filter.recordId || e.rootId === filter.recordId)
            .filter((e) => (!filter.from || day(e.at) >= filter.from) && (!filter.to || day(e.at) <= filter.to))
            .sort((a, b) => b.seq - a.seq);
          const page = all.slice(0, limit);
          const last = page.at(-1);
          return {
            entries: page.map(({ seq: _s, rootId: _r, ...e }) => e),
            nextCursor: all.length > limit ? { changeBefore: last.seq, eventBefore: last.seq } : null,
          };
        },
      }),
    };
  };
}
