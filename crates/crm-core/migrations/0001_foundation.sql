-- Foundation schema: customers, contacts, classification (fields, options, tags), activities,
-- the change log and the search index.
--
-- Conventions: every record has a UUIDv7 text `id` (stable across devices, for sync) and a local
-- INTEGER `seq` (rowid alias) for joins and the FTS5 rowid. Times are UTC RFC 3339 text with
-- milliseconds ('2026-01-02T03:04:05.678Z'), which sorts chronologically. Deletes are soft.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- Classification dimensions. Built-in choice dimensions (tier, industry, source) live here too so
-- the admin edits their option lists the same way; their values are stored in customer columns,
-- custom dimensions' values in customers.custom (JSON object keyed by field key).
CREATE TABLE fields (
    seq        INTEGER PRIMARY KEY,
    id         TEXT NOT NULL UNIQUE,
    key        TEXT NOT NULL UNIQUE,
    label_zh   TEXT NOT NULL,
    label_en   TEXT NOT NULL,
    field_type TEXT NOT NULL CHECK (field_type IN ('single_select', 'multi_select', 'text', 'number', 'date')),
    builtin    INTEGER NOT NULL DEFAULT 0,
    position   INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);

CREATE TABLE field_options (
    field_id TEXT NOT NULL REFERENCES fields(id),
    key      TEXT NOT NULL,
    label_zh TEXT NOT NULL,
    label_en TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (field_id, key)
) WITHOUT ROWID;

CREATE TABLE tags (
    seq        INTEGER PRIMARY KEY,
    id         TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL,
    color      TEXT NOT NULL DEFAULT 'blue',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE UNIQUE INDEX tags_name ON tags(name COLLATE NOCASE) WHERE deleted_at IS NULL;

CREATE TABLE customers (
    seq         INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    external_id TEXT UNIQUE,
    name        TEXT NOT NULL,
    -- pinyin-first sort key, so Chinese and Latin names interleave alphabetically; also the
    -- exact-name lookup key of search
    name_sort   TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('individual', 'enterprise', 'government')),
    lifecycle   TEXT NOT NULL CHECK (lifecycle IN ('potential', 'existing', 'vip')),
    tier        TEXT,
    industry    TEXT,
    size        TEXT CHECK (size IN ('large', 'medium', 'small')),
    source      TEXT,
    owner       TEXT,
    country     TEXT,
    province    TEXT,
    city        TEXT,
    address     TEXT,
    company     TEXT,
    website     TEXT,
    notes       TEXT,
    phones      TEXT NOT NULL DEFAULT '[]',
    emails      TEXT NOT NULL DEFAULT '[]',
    custom      TEXT NOT NULL DEFAULT '{}',
    version     INTEGER NOT NULL DEFAULT 1,
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    updated_by  TEXT NOT NULL,
    deleted_at  TEXT
);
-- Sort and filter indexes of the list; partial so that the trash does not slow the live list.
-- Low-cardinality dimensions (kind, lifecycle, size, industry, source) have none: a filter on
-- one of them walks the sort index and finds a page within a few thousand rows.
-- seq is named in each sort index (SQLite appends the rowid anyway) so that the list can ask for
-- "this value, seq beyond the cursor" as an exact index range. The two orders people use most
-- (name, last update) also carry the built-in filter columns, so a filtered page in those orders
-- is found in the index alone (measured at 1,000,000 customers: 12 ms -> 1.5 ms a page for a
-- city filter), reading the table only for the 100 rows shown.
CREATE INDEX customers_name_sort ON customers(name_sort, seq, kind, lifecycle, tier, industry, size, source, owner, province, city)
    WHERE deleted_at IS NULL;
CREATE INDEX customers_updated ON customers(updated_at, seq, kind, lifecycle, tier, industry, size, source, owner, province, city)
    WHERE deleted_at IS NULL;
CREATE INDEX customers_tier ON customers(tier, seq) WHERE deleted_at IS NULL;
CREATE INDEX customers_owner ON customers(owner, seq) WHERE deleted_at IS NULL;
CREATE INDEX customers_province ON customers(province, seq) WHERE deleted_at IS NULL;
CREATE INDEX customers_city ON customers(city, seq) WHERE deleted_at IS NULL;
CREATE INDEX customers_deleted ON customers(deleted_at) WHERE deleted_at IS NOT NULL;

-- Values of multi-select custom fields, one row per chosen option, so "has option X" is an
-- index lookup rather than a JSON scan of every customer.
CREATE TABLE customer_multi_values (
    field_id     TEXT NOT NULL,
    value        TEXT NOT NULL,
    customer_seq INTEGER NOT NULL REFERENCES customers(seq),
    PRIMARY KEY (field_id, value, customer_seq)
) WITHOUT ROWID;
CREATE INDEX customer_multi_values_customer ON customer_multi_values(customer_seq);

CREATE TABLE customer_tags (
    tag_seq      INTEGER NOT NULL REFERENCES tags(seq),
    customer_seq INTEGER NOT NULL REFERENCES customers(seq),
    PRIMARY KEY (tag_seq, customer_seq)
) WITHOUT ROWID;
CREATE INDEX customer_tags_customer ON customer_tags(customer_seq);

CREATE TABLE contacts (
    seq         INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    customer_id TEXT NOT NULL REFERENCES customers(id),
    name        TEXT NOT NULL,
    title       TEXT,
    phones      TEXT NOT NULL DEFAULT '[]',
    emails      TEXT NOT NULL DEFAULT '[]',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
);
CREATE INDEX contacts_customer ON contacts(customer_id);

CREATE TABLE activities (
    seq         INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    customer_id TEXT NOT NULL REFERENCES customers(id),
    kind        TEXT NOT NULL CHECK (kind IN ('call', 'email', 'meeting', 'visit', 'note')),
    occurred_at TEXT NOT NULL,
    author      TEXT NOT NULL,
    subject     TEXT NOT NULL,
    body        TEXT,
    created_at  TEXT NOT NULL,
    deleted_at  TEXT
);
CREATE INDEX activities_customer ON activities(customer_id, occurred_at);

-- One row per mutation of a record. It is both the audit trail and what sync will push.
-- changes: for update/delete/restore, every changed field's old and new value as JSON
-- ({"field": {"old": ..., "new": ...}}); for create, '{}': the row itself holds the created
-- values until its first update, whose "old" values then keep them (see ARCHITECTURE.md: a
-- million imported customers would otherwise be stored twice).
-- root_id is the customer a contact, activity or tag change belongs to (the entity itself for
-- everything else), so the 360 page reads one index range for the whole history.
-- hlc is the hybrid-logical-clock time as 16 hex digits (sorts as text); origin is the device a
-- change came from when sync pulled it (NULL: made here).
CREATE TABLE change_log (
    seq       INTEGER PRIMARY KEY,
    entity    TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    root_id   TEXT NOT NULL,
    op        TEXT NOT NULL CHECK (op IN ('create', 'update', 'delete', 'restore')),
    changes   TEXT NOT NULL,
    hlc       TEXT NOT NULL,
    origin    TEXT,
    actor     TEXT NOT NULL,
    at        TEXT NOT NULL
);
CREATE INDEX change_log_root ON change_log(root_id, seq);

-- Search index of live customers; rowid = customers.seq. The token text is produced by the core
-- (CJK bigrams, pinyin) so that FTS5 prefix queries find parts of names.
CREATE VIRTUAL TABLE customer_search USING fts5(
    name, pinyin, company, contacts, email,
    tokenize = 'unicode61 remove_diacritics 2',
    content = '',
    contentless_delete = 1
);

-- Phone digits of live customers and their contacts, each number written '#digits#', in a
-- trigram index: any run of 3+ digits is a phrase of trigrams, and '8000#' finds the numbers
-- that END in 8000 (the caller's last digits) before those that merely contain it.
CREATE VIRTUAL TABLE customer_phone_search USING fts5(
    digits,
    tokenize = 'trigram',
    content = '',
    contentless_delete = 1
);

-- Built-in choice dimensions with their default options.
INSERT INTO fields (id, key, label_zh, label_en, field_type, builtin, position, created_at, updated_at) VALUES
    ('builtin-tier', 'tier', '价值等级', 'Value tier', 'single_select', 1, 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('builtin-industry', 'industry', '行业', 'Industry', 'single_select', 1, 2, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('builtin-source', 'source', '来源', 'Source', 'single_select', 1, 3, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z');

INSERT INTO field_options (field_id, key, label_zh, label_en, position) VALUES
    ('builtin-tier', 'diamond', '钻石', 'Diamond', 1),
    ('builtin-tier', 'gold', '金卡', 'Gold', 2),
    ('builtin-tier', 'silver', '银卡', 'Silver', 3),
    ('builtin-tier', 'normal', '普通', 'Normal', 4),
    ('builtin-tier', 'high', '高价值', 'High value', 5),
    ('builtin-tier', 'mid', '中价值', 'Mid value', 6),
    ('builtin-tier', 'low', '低价值', 'Low value', 7),
    ('builtin-industry', 'internet', '互联网', 'Internet', 1),
    ('builtin-industry', 'manufacturing', '制造业', 'Manufacturing', 2),
    ('builtin-industry', 'retail', '零售', 'Retail', 3),
    ('builtin-industry', 'finance', '金融', 'Finance', 4),
    ('builtin-industry', 'education', '教育', 'Education', 5),
    ('builtin-industry', 'healthcare', '医疗', 'Healthcare', 6),
    ('builtin-industry', 'real_estate', '房地产', 'Real estate', 7),
    ('builtin-industry', 'logistics', '物流', 'Logistics', 8),
    ('builtin-industry', 'public_sector', '公共事业', 'Public sector', 9),
    ('builtin-industry', 'other', '其他', 'Other', 10),
    ('builtin-source', 'website', '官网', 'Website', 1),
    ('builtin-source', 'referral', '转介绍', 'Referral', 2),
    ('builtin-source', 'exhibition', '展会', 'Exhibition', 3),
    ('builtin-source', 'advertising', '广告', 'Advertising', 4),
    ('builtin-source', 'cold_call', '电话营销', 'Cold call', 5),
    ('builtin-source', 'partner', '合作伙伴', 'Partner', 6),
    ('builtin-source', 'campaign', '市场活动', 'Campaign', 7),
    ('builtin-source', 'other', '其他', 'Other', 8);

-- FTS5 keeps new terms in memory until this many bytes before writing a segment; the default
-- (1 MB) makes a million-row import write and merge thousands of small segments.
INSERT INTO customer_search (customer_search, rank) VALUES ('hashsize', 67108864);
INSERT INTO customer_phone_search (customer_phone_search, rank) VALUES ('hashsize', 67108864);
