// The fake core's SLA settings: the SLA policies and the working calendar, read by everyone and
// saved by administrators, checked the way the core checks them. Injected into the page before
// fake-backend.mjs, it leaves window.__FAKE_DESK__, a function the backend calls with its store
// helpers ({ db, fail, now, nextSeq, changed, access }); it returns the commands. Self-contained:
// Playwright sends its source text to the page. `deskSeed` (run in node by harness.mjs) gives
// the settings it starts with. Flows can look into the store at window.__FAKE_CRM__.desk.
//
// Differences from the core, on purpose: the fake tickets (fake-service.mjs) keep their own
// wall-clock SLA minutes; saving policies or the calendar here does not move their due times.

/** The core's defaults: the policies by priority and Monday to Friday 09:00–12:00, 13:00–18:00, Beijing time. */
export function deskSeed() {
  const policy = (priority, firstResponseMinutes, resolutionMinutes, tier = null) => ({ priority, tier, firstResponseMinutes, resolutionMinutes });
  const hours = [];
  for (let weekday = 1; weekday <= 5; weekday++) {
    hours.push({ weekday, start: '09:00', end: '12:00' }, { weekday, start: '13:00', end: '18:00' });
  }
  return {
    policies: [policy('urgent', 30, 240), policy('urgent', 15, 120, 'diamond'), policy('high', 60, 480), policy('normal', 240, 1440), policy('low', 480, 4320)],
    calendar: { utcOffsetMinutes: 480, hours, holidays: ['2026-10-01', '2026-10-02', '2026-10-05'], extraWorkdays: ['2026-10-10'] },
  };
}

export function installFakeDesk(seed) {
  window.__FAKE_DESK__ = ({ db, fail, changed, access }) => {
    const state = {
      policies: (seed.policies ?? []).map((p) => ({ ...p })),
      calendar: JSON.parse(JSON.stringify(seed.calendar ?? { utcOffsetMinutes: 480, hours: [], holidays: [], extraWorkdays: [] })),
    };
    if (window.__FAKE_CRM__) window.__FAKE_CRM__.desk = state;

    const PRIORITIES = ['urgent', 'high', 'normal', 'low'];
    const LABELS = { urgent: ['urgent', '紧急'], high: ['high', '高'], normal: ['normal', '普通'], low: ['low', '低'] };
    const adminOnly = () => {
      const me = access.commands(db.customers).auth_status().user;
      if (me?.role !== 'admin') fail('forbidden', 'only an administrator may do this');
    };
    const sortedPolicies = () =>
      [...state.policies].sort((a, b) =>
        PRIORITIES.indexOf(a.priority) - PRIORITIES.indexOf(b.priority) ||
        Number(a.tier !== null) - Number(b.tier !== null) || String(a.tier ?? '').localeCompare(String(b.tier ?? '')));

    const checkPolicies = (policies) => {
      const seen = new Set();
      for (const p of policies) {
        const tier = (p.tier ?? '').trim() || null;
        if (!(p.firstResponseMinutes > 0) || !(p.resolutionMinutes > 0)) fail('invalid_input', 'SLA times must be at least one minute');
        if (p.firstResponseMinutes > p.resolutionMinutes) {
          fail('invalid_input', `the first response of ${LABELS[p.priority][0]} tickets cannot be due after their resolution`);
        }
        const key = `${p.priority}|${tier ?? ''}`;
        if (seen.has(key)) fail('invalid_input', `priority ${LABELS[p.priority][0]} has two policies for the same tier`);
        seen.add(key);
      }
      for (const p of PRIORITIES) {
        if (!seen.has(`${p}|`)) fail('invalid_input', `priority ${LABELS[p][0]} (${LABELS[p][1]}) needs a policy for every tier`);
      }
    };

    const minutesOf = (s) => {
      const m = /^(\d{1,2}):(\d{2})$/.exec(String(s).trim());
      if (!m) return null;
      const [h, mm] = [Number(m[1]), Number(m[2])];
      return (h < 24 && mm < 60) || (h === 24 && mm === 0) ? h * 60 + mm : null;
    };
    const checkCalendar = (cal) => {
      if (!(cal.utcOffsetMinutes >= -720 && cal.utcOffsetMinutes <= 840)) {
        fail('invalid_input', 'the time zone offset must lie between UTC-12:00 and UTC+14:00');
      }
      const byDay = new Map();
      for (const p of cal.hours) {
        if (!(p.weekday >= 1 && p.weekday <= 7)) fail('invalid_input', `weekday ${p.weekday} is not 1 (Monday) to 7 (Sunday)`);
        const [s, e] = [minutesOf(p.start), minutesOf(p.end)];
        if (s === null || e === null) fail('invalid_input', `'${p.start}–${p.end}' is not a time range like 09:00–18:00`);
        if (s >= e) fail('invalid_input', `opening hours ${p.start}–${p.end} end before they start`);
        byDay.set(p.weekday, [...(byDay.get(p.weekday) ?? []), [s, e]]);
      }
      for (const [day, periods] of byDay) {
        periods.sort((a, b) => a[0] - b[0]);
        if (periods.some((p, i) => i > 0 && p[0] < periods[i - 1][1])) fail('invalid_input', `the opening hours of weekday ${day} overlap`);
      }
      if (!cal.hours.length) fail('invalid_input', 'the calendar needs opening hours on at least one weekday');
      for (const d of [...cal.holidays, ...cal.extraWorkdays]) {
        if (!/^\d{4}-\d{2}-\d{2}$/.test(d) || Number.isNaN(Date.parse(`${d}T00:00:00Z`))) fail('invalid_input', `'${d}' is not a date like 2026-10-01`);
      }
    };

    return {
      sla_policies_get: () => sortedPolicies(),
      sla_policies_set: ({ policies }) => {
        adminOnly();
        checkPolicies(policies);
        state.policies = policies.map((p) => ({ ...p, tier: (p.tier ?? '').trim() || null }));
        changed('ticket', []);
        return sortedPolicies();
      },
      work_calendar_get: () => state.calendar,
      work_calendar_set: ({ calendar }) => {
        adminOnly();
        checkCalendar(calendar);
        const unique = (xs) => [...new Set(xs)].sort();
        state.calendar = { ...calendar, holidays: unique(calendar.holidays), extraWorkdays: unique(calendar.extraWorkdays) };
        changed('ticket', []);
        return state.calendar;
      },
    };
  };
}
