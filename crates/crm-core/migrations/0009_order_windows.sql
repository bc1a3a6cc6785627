-- Per-customer totals of counted orders over a window of days, kept for the long windows segments
-- test ("spent at least 3,000 in the last 365 days"). Summing a year of orders per evaluation read
-- 1.6 million order rows at 1,000,000 customers (about 0.5 s); with the totals kept, such a test
-- is one range of an index. A window is made the first time a segment asks for it
-- (`conditions::order_windows`), kept current by the triggers below from then on, and dropped
-- once no evaluation has used it for a day (relative windows move on with the date).
CREATE TABLE order_windows (
    seq       INTEGER PRIMARY KEY,
    first_day TEXT NOT NULL,
    last_day  TEXT NOT NULL,
    used_on   TEXT NOT NULL,
    UNIQUE (first_day, last_day)
);

-- Only customers with at least one counted order in the window have a row.
CREATE TABLE order_window_totals (
    window_seq   INTEGER NOT NULL REFERENCES order_windows(seq) ON DELETE CASCADE,
    customer_seq INTEGER NOT NULL,
    orders       INTEGER NOT NULL CHECK (orders > 0),
    amount       INTEGER NOT NULL,
    PRIMARY KEY (window_seq, customer_seq)
) WITHOUT ROWID;
CREATE INDEX order_window_totals_amount ON order_window_totals(window_seq, amount, customer_seq);
CREATE INDEX order_window_totals_orders ON order_window_totals(window_seq, orders, customer_seq);

CREATE TRIGGER order_windows_insert AFTER INSERT ON orders WHEN NEW.status IN ('paid', 'completed')
BEGIN
    INSERT INTO order_window_totals (window_seq, customer_seq, orders, amount)
    SELECT w.seq, NEW.customer_seq, 1, NEW.amount FROM order_windows w
     WHERE NEW.ordered_on >= w.first_day AND NEW.ordered_on <= w.last_day
    ON CONFLICT (window_seq, customer_seq) DO UPDATE SET orders = orders + 1, amount = amount + excluded.amount;
END;

CREATE TRIGGER order_windows_delete AFTER DELETE ON orders WHEN OLD.status IN ('paid', 'completed')
BEGIN
    -- The last order goes with its row; the others are taken off the total.
    DELETE FROM order_window_totals
     WHERE customer_seq = OLD.customer_seq AND orders = 1 AND window_seq IN (
        SELECT seq FROM order_windows WHERE OLD.ordered_on >= first_day AND OLD.ordered_on <= last_day);
    UPDATE order_window_totals SET orders = orders - 1, amount = amount - OLD.amount
     WHERE customer_seq = OLD.customer_seq AND window_seq IN (
        SELECT seq FROM order_windows WHERE OLD.ordered_on >= first_day AND OLD.ordered_on <= last_day);
END;

-- An update is the old order taken out and the new one put in.
CREATE TRIGGER order_windows_update AFTER UPDATE OF ordered_on, status, customer_seq, amount ON orders
BEGIN
    DELETE FROM order_window_totals
     WHERE OLD.status IN ('paid', 'completed') AND customer_seq = OLD.customer_seq AND orders = 1 AND window_seq IN (
        SELECT seq FROM order_windows WHERE OLD.ordered_on >= first_day AND OLD.ordered_on <= last_day);
    UPDATE order_window_totals SET orders = orders - 1, amount = amount - OLD.amount
     WHERE OLD.status IN ('paid', 'completed') AND customer_seq = OLD.customer_seq AND window_seq IN (
        SELECT seq FROM order_windows WHERE OLD.ordered_on >= first_day AND OLD.ordered_on <= last_day);
    INSERT INTO order_window_totals (window_seq, customer_seq, orders, amount)
    SELECT w.seq, NEW.customer_seq, 1, NEW.amount FROM order_windows w
     WHERE NEW.status IN ('paid', 'completed') AND NEW.ordered_on >= w.first_day AND NEW.ordered_on <= w.last_day
    ON CONFLICT (window_seq, customer_seq) DO UPDATE SET orders = orders + 1, amount = amount + excluded.amount;
END;
