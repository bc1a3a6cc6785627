-- Segments combine the value tier with the lifecycle and the purchase and activity dates ("existing
-- AND gold AND no purchase in 180 days"). The tier index carries those columns after the ones the
-- customer list pages by (tier, seq, territory), so such a count reads the index alone instead of
-- fetching every customer of the tier (measured at 1,000,000 customers, 368,000 of them gold:
-- 282 ms -> 110 ms with the sqlite3 shell).
DROP INDEX customers_tier;
CREATE INDEX customers_tier ON customers(tier, seq, territory, lifecycle, last_order_on, last_active_at)
    WHERE deleted_at IS NULL;
