// The fake core's orders and a customer's segment memberships. Injected into the page after
// fake-backend.mjs (a flow adds it and reloads), it wraps window.__TAURI_INTERNALS__.invoke and
// answers the order commands and customer_segments; everything else goes to the backend.
// Self-contained: Playwright sends its source text to the page.

export function installFakeOrders(seed) {
  const internals = window.__TAURI_INTERNALS__;
  const inner = internals.invoke;
  const orders = seed.orders.map((o) => ({ ...o, items: o.items.map((i) => ({ ...i })) }));
  const segments = seed.segments;
  const calls = [];
  window.__FAKE_ORDERS__ = { orders, calls };
  let seq = 500;

  const fail = (code, message) => {
    throw { code, message };
  };
  const changed = (ids) =>
    setTimeout(() => void inner('plugin:event|emit', { event: 'data-changed', payload: { entity: 'order', ids } }), 0);
  const counts = (o) => o.status === 'paid' || o.status === 'completed';

  /** The core's checks, in its words (crates/crm-core/src/commerce/order_model.rs). */
  const checked = (input, id) => {
    const problems = [];
    const items = (input.items ?? []).map((item, i) => {
      const product = item.product.trim();
      if (!product) problems.push(`item ${i + 1} needs a product name of at most 200 characters`);
      if (!(item.quantity >= 1 && item.quantity <= 1_000_000)) problems.push(`item ${i + 1}: the quantity must be 1 to 1,000,000`);
      return { product, quantity: item.quantity, unitPrice: item.unitPrice, amount: item.amount ?? item.quantity * item.unitPrice };
    });
    if (!/^\d{4}-\d{2}-\d{2}$/.test(input.orderedOn)) problems.push(`the order date '${input.orderedOn}' is not a date like 2026-03-01`);
    if (problems.length) fail('invalid_input', problems.join('; '));
    const externalId = input.externalId?.trim() || null;
    if (externalId && orders.some((o) => o.externalId === externalId && o.id !== id)) {
      fail('conflict', 'another order already has this order number');
    }
    return {
      externalId,
      orderedOn: input.orderedOn,
      status: input.status,
      currency: input.currency ?? 'CNY',
      items,
      amount: items.length ? items.reduce((s, i) => s + i.amount, 0) : (input.amount ?? 0),
      notes: input.notes?.trim() || null,
    };
  };
  const byId = (id) => orders.find((o) => o.id === id) ?? fail('not_found', `no order with id ${id}`);

  const commands = {
    customer_orders: ({ customerId, limit }) => {
      const mine = orders
        .filter((o) => o.customerId === customerId)
        .sort((a, b) => b.orderedOn.localeCompare(a.orderedOn) || b.seq - a.seq);
      const counted = mine.filter(counts);
      const totals = {};
      for (const o of counted) totals[o.currency] = (totals[o.currency] ?? 0) + o.amount;
      return {
        items: mine.slice(0, limit),
        totalOrders: mine.length,
        countedOrders: counted.length,
        totals: Object.keys(totals)
          .sort()
          .map((currency) => ({ currency, amount: totals[currency] })),
        lastOrderOn: counted[0]?.orderedOn ?? null,
      };
    },
    order_get: ({ id }) => byId(id),
    order_create: ({ input }) => {
      const now = new Date().toISOString();
      const o = {
        id: `ord-${++seq}`, seq, customerId: input.customerId, customerName: '', ...checked(input, null),
        createdAt: now, createdBy: 'tester', updatedAt: now,
      };
      orders.push(o);
      changed([o.id]);
      return o;
    },
    order_update: ({ id, input }) => {
      const o = byId(id);
      Object.assign(o, checked(input, id), { updatedAt: new Date().toISOString() });
      changed([id]);
      return o;
    },
    order_delete: ({ id }) => {
      orders.splice(orders.indexOf(byId(id)), 1);
      changed([id]);
      return null;
    },
    customer_segments: ({ customerId }) => segments[customerId] ?? [],
  };

  internals.invoke = async (cmd, args = {}) => {
    const command = commands[cmd];
    if (!command) return inner(cmd, args);
    calls.push({ cmd, args });
    return JSON.parse(JSON.stringify(command(args) ?? null));
  };
}

/** A customer with orders of every kind the card tells apart, and the segments it is in. */
export function ordersSeed(customerId) {
  const order = (n, orderedOn, status, externalId, currency, items, notes = null) => ({
    id: `ord-${n}`, seq: n, externalId, customerId, customerName: '', orderedOn, status, currency,
    items: items.map(([product, quantity, unitPrice, amount]) => ({ product, quantity, unitPrice, amount: amount ?? quantity * unitPrice })),
    amount: items.reduce((s, [, q, p, a]) => s + (a ?? q * p), 0),
    notes, createdAt: `${orderedOn}T02:00:00Z`, createdBy: 'tester', updatedAt: `${orderedOn}T02:00:00Z`,
  });
  return {
    orders: [
      order(1, '2026-03-18', 'paid', 'JD-20260318-0042', 'CNY', [['智能扫码枪 X2', 2, 45000], ['热敏打印纸 80mm（箱）', 10, 3345]], '门店自提'),
      order(2, '2026-03-02', 'pending', 'TM-88213', 'CNY', [['收银一体机 Pro', 1, 389900]]),
      order(3, '2026-02-14', 'refunded', null, 'CNY', [['数据线', 3, 1990]]),
      order(4, '2026-01-20', 'completed', 'AMZ-778-2231', 'USD', [['Barcode printer ZD421', 1, 880008], ['Label roll', 12, 1250, 12000]]),
      order(5, '2025-12-05', 'cancelled', 'JD-20251205-0007', 'CNY', [['门禁卡', 200, 350]]),
      order(6, '2025-11-11', 'completed', 'TM-71002', 'CNY', [['智能扫码枪 X2', 20, 42000], ['延保服务（年）', 20, 8000]]),
    ],
    segments: {
      [customerId]: [
        { id: 'seg-vip', name: '高价值客户', kind: 'dynamic' },
        { id: 'seg-q1', name: '一季度促销名单', kind: 'snapshot' },
        { id: 'seg-key', name: '重点维护', kind: 'fixed' },
      ],
    },
  };
}
