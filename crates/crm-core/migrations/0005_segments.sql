-- Orders (购买记录) and segments (用户分组: dynamic, fixed, snapshot).
--
-- Amounts are integer minor units. An order's amount is the sum of its items. Only paid and
-- completed orders count as purchases (segments, RFM, "last purchase").
--
-- customers.last_order_on and customers.last_active_at are kept by the triggers below, in the
-- same statement as the write that moves them, so a segment's "bought in the last 7 days" or
-- "active in the last 30 days" is one index range over customers instead of a scan of orders.

CREATE TABLE orders (
    seq          INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    -- the order number of the shop or ERP it came from (`order_id` of an import)
    external_id  TEXT UNIQUE,
    customer_seq INTEGER NOT NULL REFERENCES customers(seq),
    ordered_on   TEXT NOT NULL CHECK (length(ordered_on) = 10),
    status       TEXT NOT NULL CHECK (status IN ('pending', 'paid', 'completed', 'cancelled', 'refunded')),
    currency     TEXT NOT NULL,
    amount       INTEGER NOT NULL CHECK (amount >= 0),
    notes        TEXT,
    created_at   TEXT NOT NULL,
    created_by   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    updated_by   TEXT NOT NULL
);
CREATE INDEX orders_customer ON orders(customer_seq, ordered_on);
-- Windowed aggregates of segments and RFM read only this index.
CREATE INDEX orders_counted ON orders(ordered_on, customer_seq, amount) WHERE status IN ('paid', 'completed');
CREATE INDEX orders_counted_customer ON orders(customer_seq, ordered_on, amount) WHERE status IN ('paid', 'completed');

CREATE TABLE order_items (
    order_seq  INTEGER NOT NULL REFERENCES orders(seq) ON DELETE CASCADE,
    line       INTEGER NOT NULL,
    product    TEXT NOT NULL,
    quantity   INTEGER NOT NULL CHECK (quantity > 0),
    unit_price INTEGER NOT NULL CHECK (unit_price >= 0),
    amount     INTEGER NOT NULL CHECK (amount >= 0),
    PRIMARY KEY (order_seq, line)
) WITHOUT ROWID;

ALTER TABLE customers ADD COLUMN last_order_on TEXT;
ALTER TABLE customers ADD COLUMN last_active_at TEXT;

CREATE INDEX customers_last_order ON customers(last_order_on) WHERE last_order_on IS NOT NULL AND deleted_at IS NULL;
CREATE INDEX customers_last_active ON customers(last_active_at) WHERE last_active_at IS NOT NULL AND deleted_at IS NULL;

UPDATE customers SET last_active_at = (
    SELECT max(a.occurred_at) FROM activities a WHERE a.customer_id = customers.id AND a.deleted_at IS NULL
);
UPDATE customers SET last_active_at = (
    SELECT max(t.created_at) FROM tickets t WHERE t.customer_id = customers.id
) WHERE (SELECT max(t.created_at) FROM tickets t WHERE t.customer_id = customers.id) > coalesce(last_active_at, '');

CREATE TRIGGER orders_counted_insert AFTER INSERT ON orders WHEN NEW.status IN ('paid', 'completed')
BEGIN
    UPDATE customers SET last_order_on = NEW.ordered_on
     WHERE seq = NEW.customer_seq AND coalesce(last_order_on, '') < NEW.ordered_on;
    UPDATE customers SET last_active_at = NEW.ordered_on || 'T00:00:00.000Z'
     WHERE seq = NEW.customer_seq AND coalesce(last_active_at, '') < NEW.ordered_on || 'T00:00:00.000Z';
END;

CREATE TRIGGER orders_counted_update AFTER UPDATE OF ordered_on, status, customer_seq ON orders
BEGIN
    UPDATE customers SET last_order_on = (
        SELECT max(o.ordered_on) FROM orders o WHERE o.customer_seq = customers.seq AND o.status IN ('paid', 'completed')
    ) WHERE seq IN (OLD.customer_seq, NEW.customer_seq);
END;

CREATE TRIGGER orders_counted_delete AFTER DELETE ON orders
BEGIN
    UPDATE customers SET last_order_on = (
        SELECT max(o.ordered_on) FROM orders o WHERE o.customer_seq = customers.seq AND o.status IN ('paid', 'completed')
    ) WHERE seq = OLD.customer_seq;
END;

CREATE TRIGGER activities_last_active AFTER INSERT ON activities
BEGIN
    UPDATE customers SET last_active_at = NEW.occurred_at
     WHERE id = NEW.customer_id AND coalesce(last_active_at, '') < NEW.occurred_at;
END;

CREATE TRIGGER tickets_last_active AFTER INSERT ON tickets
BEGIN
    UPDATE customers SET last_active_at = NEW.created_at
     WHERE id = NEW.customer_id AND coalesce(last_active_at, '') < NEW.created_at;
END;

CREATE TABLE segments (
    seq         INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('dynamic', 'fixed', 'snapshot')),
    description TEXT,
    -- the definition (conditions/mod.rs); for a fixed segment the one it was first filled from
    condition   TEXT NOT NULL,
    -- when a snapshot segment's members were last taken
    snapshot_at TEXT,
    owner       TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
);
CREATE UNIQUE INDEX segments_name ON segments(name COLLATE NOCASE) WHERE deleted_at IS NULL;

-- The members of fixed and snapshot segments; a dynamic segment's are computed when read.
CREATE TABLE segment_members (
    segment_seq  INTEGER NOT NULL REFERENCES segments(seq),
    customer_seq INTEGER NOT NULL REFERENCES customers(seq),
    added_at     TEXT NOT NULL,
    added_by     TEXT NOT NULL,
    PRIMARY KEY (segment_seq, customer_seq)
) WITHOUT ROWID;
CREATE INDEX segment_members_customer ON segment_members(customer_seq);
