-- Campaigns to segments (营销自动化): one message to a segment's customers, delivered as .eml
-- files or through SMTP, with who got what, who answered and what they bought afterwards.
--
-- A campaign is a draft until it is sent. Sending first freezes its audience in one transaction:
-- every member of the segment the sender may see gets a recipient row, rendered message and
-- all, or a 'skipped' row saying why (blacklisted, unsubscribed, no address). Delivery then
-- moves each 'pending' row to 'delivered' or 'failed' as the mail goes out, so a crash or a lost
-- connection leaves the campaign resumable: sending again delivers only what is not delivered.

-- When the customer asked to receive no more campaigns; NULL: subscribed.
ALTER TABLE customers ADD COLUMN unsubscribed_at TEXT;

CREATE TABLE campaigns (
    seq                INTEGER PRIMARY KEY,
    id                 TEXT NOT NULL UNIQUE,
    name               TEXT NOT NULL,
    segment_id         TEXT NOT NULL REFERENCES segments(id),
    -- customers in this segment (a blacklist 固定分组) are left out
    exclude_segment_id TEXT REFERENCES segments(id),
    from_address       TEXT NOT NULL,
    from_name          TEXT,
    subject            TEXT NOT NULL,
    body               TEXT NOT NULL,
    -- the language choice values (tier, lifecycle ...) are written in
    language           TEXT NOT NULL CHECK (language IN ('zh-CN', 'en')),
    -- orders placed this many days after delivery are attributed to the campaign
    attribution_days   INTEGER NOT NULL CHECK (attribution_days BETWEEN 1 AND 365),
    status             TEXT NOT NULL CHECK (status IN ('draft', 'sending', 'sent')),
    channel            TEXT CHECK (channel IN ('eml', 'smtp')),
    -- where the .eml files went
    eml_directory      TEXT,
    sent_at            TEXT,
    sent_by            TEXT,
    owner              TEXT NOT NULL,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    deleted_at         TEXT
);
CREATE UNIQUE INDEX campaigns_name ON campaigns(name) WHERE deleted_at IS NULL;

CREATE TABLE campaign_recipients (
    campaign_seq  INTEGER NOT NULL REFERENCES campaigns(seq),
    customer_seq  INTEGER NOT NULL REFERENCES customers(seq),
    email         TEXT,
    subject       TEXT NOT NULL,
    body          TEXT NOT NULL,
    outcome       TEXT NOT NULL CHECK (outcome IN ('pending', 'delivered', 'failed', 'skipped')),
    -- why it was skipped or failed
    reason        TEXT,
    message_id    TEXT,
    delivered_at  TEXT,
    responded_at  TEXT,
    converted_at  TEXT,
    PRIMARY KEY (campaign_seq, customer_seq)
) WITHOUT ROWID;
CREATE INDEX campaign_recipients_outcome ON campaign_recipients(campaign_seq, outcome);
-- "which campaigns reached this customer" for the 360 page
CREATE INDEX campaign_recipients_customer ON campaign_recipients(customer_seq);
