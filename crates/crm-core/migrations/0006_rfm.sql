-- RFM value assessment (价值评估): each live customer's recency, frequency and monetary value as
-- of a day over a window of days, their quintile scores 1-5 and the value level they map to.
-- Rewritten whole by each recompute (rfm/recompute.rs); the tier it maps to is written into
-- customers.tier. The settings (window, tier thresholds, schedule) live in settings under 'rfm'.
CREATE TABLE customer_rfm (
    customer_seq INTEGER PRIMARY KEY REFERENCES customers(seq),
    -- days from the last counted order to the as-of day; NULL: never bought by then
    recency_days INTEGER,
    -- counted orders and their total (minor units) in the window
    frequency    INTEGER NOT NULL,
    monetary     INTEGER NOT NULL,
    r            INTEGER NOT NULL CHECK (r BETWEEN 1 AND 5),
    f            INTEGER NOT NULL CHECK (f BETWEEN 1 AND 5),
    m            INTEGER NOT NULL CHECK (m BETWEEN 1 AND 5),
    tier         TEXT NOT NULL,
    value_level  TEXT NOT NULL CHECK (value_level IN ('high', 'mid', 'low'))
);
CREATE INDEX customer_rfm_level ON customer_rfm(value_level);
