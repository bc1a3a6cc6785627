-- Accounts, the org tree, territories and the security log; every customer's territory.
--
-- Scope rule (enforced in the core, see src/access): a sales or service user sees the customers
-- of the territories attached to their own org unit, a manager also those of every unit below
-- theirs, an admin everything. Customers whose location matches no territory are "unassigned":
-- seen by admins and by the users of a top (root) unit.

CREATE TABLE org_units (
    seq        INTEGER PRIMARY KEY,
    id         TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL,
    parent_seq INTEGER REFERENCES org_units(seq),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX org_units_parent ON org_units(parent_seq);

CREATE TABLE users (
    seq             INTEGER PRIMARY KEY,
    id              TEXT NOT NULL UNIQUE,
    -- the sign-in name; also the author name in the change log, so it never changes
    login           TEXT NOT NULL UNIQUE COLLATE NOCASE,
    display_name    TEXT NOT NULL,
    role            TEXT NOT NULL CHECK (role IN ('admin', 'manager', 'sales', 'service')),
    unit_seq        INTEGER NOT NULL REFERENCES org_units(seq),
    -- argon2id PHC string
    password_hash   TEXT NOT NULL,
    active          INTEGER NOT NULL DEFAULT 1,
    failed_sign_ins INTEGER NOT NULL DEFAULT 0,
    last_failed_at  TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);

-- A territory is a set of places attached to one org unit. A place names a country, a province
-- and/or a city (an empty part matches any); no place may overlap a place of another territory,
-- so a location belongs to at most one territory.
CREATE TABLE territories (
    seq        INTEGER PRIMARY KEY,
    id         TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL,
    unit_seq   INTEGER NOT NULL REFERENCES org_units(seq),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);

CREATE TABLE territory_places (
    territory_seq INTEGER NOT NULL REFERENCES territories(seq),
    country       TEXT NOT NULL DEFAULT '',
    province      TEXT NOT NULL DEFAULT '',
    city          TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (territory_seq, country, province, city)
) WITHOUT ROWID;

-- Sign-ins refused and actions refused for lack of permission (the change log holds what was
-- done; this holds what was attempted and stopped).
CREATE TABLE security_events (
    seq       INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    login     TEXT NOT NULL,
    kind      TEXT NOT NULL CHECK (kind IN ('sign_in_failed', 'refused')),
    action    TEXT NOT NULL,
    entity_id TEXT,
    detail    TEXT NOT NULL
);
CREATE INDEX security_events_at ON security_events(at);

-- The territory a customer's location falls in (territories.seq); NULL: unassigned. Derived by
-- the core from country/province/city whenever the customer or the territories change.
ALTER TABLE customers ADD COLUMN territory INTEGER;

-- The list's indexes carry the territory, so a scoped user's page is still found in the index
-- (a rep who sees a tenth of the customers reads ~10 index entries per row shown, no table rows).
DROP INDEX customers_name_sort;
DROP INDEX customers_updated;
DROP INDEX customers_tier;
DROP INDEX customers_owner;
DROP INDEX customers_province;
DROP INDEX customers_city;
CREATE INDEX customers_name_sort ON customers(name_sort, seq, territory, kind, lifecycle, tier, industry, size, source, owner, province, city)
    WHERE deleted_at IS NULL;
CREATE INDEX customers_updated ON customers(updated_at, seq, territory, kind, lifecycle, tier, industry, size, source, owner, province, city)
    WHERE deleted_at IS NULL;
CREATE INDEX customers_tier ON customers(tier, seq, territory) WHERE deleted_at IS NULL;
CREATE INDEX customers_owner ON customers(owner, seq, territory) WHERE deleted_at IS NULL;
CREATE INDEX customers_province ON customers(province, seq, territory) WHERE deleted_at IS NULL;
CREATE INDEX customers_city ON customers(city, seq, territory) WHERE deleted_at IS NULL;
CREATE INDEX customers_territory ON customers(territory, seq) WHERE deleted_at IS NULL;
