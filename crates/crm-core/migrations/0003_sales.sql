-- Leads and the lead pool, assignment rules, opportunity stages, opportunities and their items.
--
-- A lead's status follows the state machine in src/sales/lead_machine.rs; every change of status
-- or owner is one row of lead_transitions (who, when, from, to, why), written in the same
-- transaction as the change. A lead has its own location, so its territory is derived like a
-- customer's; an opportunity belongs to a customer and is seen within the customer's territory.

CREATE TABLE leads (
    seq             INTEGER PRIMARY KEY,
    id              TEXT NOT NULL UNIQUE,
    name            TEXT NOT NULL,
    company         TEXT,
    phone           TEXT,
    email           TEXT,
    source          TEXT,
    industry        TEXT,
    country         TEXT,
    province        TEXT,
    city            TEXT,
    notes           TEXT,
    territory       INTEGER,
    -- how it arrived: manual entry, an import or a campaign
    origin          TEXT NOT NULL CHECK (origin IN ('manual', 'import', 'campaign')),
    status          TEXT NOT NULL CHECK (status IN ('unassigned', 'pending', 'following_up', 'invalid', 'converted', 'voided')),
    -- sign-in name of the owner; NULL while the lead is in the pool
    owner           TEXT,
    -- who had it before it went back to the pool, and when (the pool's reclaim wait)
    previous_owner  TEXT,
    returned_at     TEXT,
    -- the last time the owner did anything with it (the pool's "untouched for N days")
    touched_at      TEXT NOT NULL,
    customer_id     TEXT REFERENCES customers(id),
    contact_id      TEXT,
    opportunity_id  TEXT,
    version         INTEGER NOT NULL DEFAULT 1,
    created_at      TEXT NOT NULL,
    created_by      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    updated_by      TEXT NOT NULL
);
-- A list page is read as index ranges, newest change first, merged in the core: by status for
-- administrators, by territory (and status) for everyone else, by owner for "my leads". Each
-- range is dense, so a page costs its own rows whatever the other territories hold.
CREATE INDEX leads_status ON leads(status, updated_at, seq);
CREATE INDEX leads_updated ON leads(updated_at, seq);
CREATE INDEX leads_territory_status ON leads(territory, status, updated_at, seq);
CREATE INDEX leads_territory ON leads(territory, updated_at, seq);
CREATE INDEX leads_owner ON leads(owner, status, updated_at, seq);
-- the pool's timer: open leads by when they were last touched
CREATE INDEX leads_touched ON leads(touched_at) WHERE status IN ('pending', 'following_up');
CREATE INDEX leads_customer ON leads(customer_id) WHERE customer_id IS NOT NULL;

CREATE TABLE lead_transitions (
    seq         INTEGER PRIMARY KEY,
    lead_seq    INTEGER NOT NULL REFERENCES leads(seq),
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    action      TEXT NOT NULL,
    from_status TEXT,
    to_status   TEXT NOT NULL,
    owner       TEXT,
    reason      TEXT
);
CREATE INDEX lead_transitions_lead ON lead_transitions(lead_seq, seq);
-- "claims by this user in the last day"
CREATE INDEX lead_transitions_actor ON lead_transitions(actor, action, at);

-- Follow-ups recorded on a lead before it becomes a customer.
CREATE TABLE lead_followups (
    seq         INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    lead_seq    INTEGER NOT NULL REFERENCES leads(seq),
    kind        TEXT NOT NULL CHECK (kind IN ('call', 'email', 'meeting', 'visit', 'note')),
    occurred_at TEXT NOT NULL,
    author      TEXT NOT NULL,
    subject     TEXT NOT NULL,
    body        TEXT,
    created_at  TEXT NOT NULL
);
CREATE INDEX lead_followups_lead ON lead_followups(lead_seq, occurred_at);

-- Ordered rules deciding who gets a lead that arrives by import or campaign.
CREATE TABLE assignment_rules (
    seq         INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    position    INTEGER NOT NULL,
    active      INTEGER NOT NULL DEFAULT 1,
    -- JSON list of {field, op, values}; all must hold
    conditions  TEXT NOT NULL DEFAULT '[]',
    target_user TEXT,
    target_unit INTEGER REFERENCES org_units(seq),
    strategy    TEXT NOT NULL CHECK (strategy IN ('round_robin', 'least_loaded')),
    -- round-robin: the sign-in name chosen last
    last_chosen TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT,
    CHECK ((target_user IS NULL) <> (target_unit IS NULL))
);

CREATE TABLE opportunity_stages (
    seq         INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    key         TEXT NOT NULL UNIQUE,
    name_zh     TEXT NOT NULL,
    name_en     TEXT NOT NULL,
    probability INTEGER NOT NULL CHECK (probability BETWEEN 0 AND 100),
    position    INTEGER NOT NULL,
    outcome     TEXT NOT NULL CHECK (outcome IN ('open', 'won', 'lost')),
    deleted_at  TEXT
);
INSERT INTO opportunity_stages (id, key, name_zh, name_en, probability, position, outcome) VALUES
    ('stage-initial', 'initial', '初步沟通', 'Initial contact', 10, 1, 'open'),
    ('stage-needs', 'needs', '需求确认', 'Needs confirmed', 30, 2, 'open'),
    ('stage-proposal', 'proposal', '方案报价', 'Proposal', 50, 3, 'open'),
    ('stage-negotiation', 'negotiation', '谈判', 'Negotiation', 70, 4, 'open'),
    ('stage-won', 'won', '赢单', 'Won', 100, 5, 'won'),
    ('stage-lost', 'lost', '输单', 'Lost', 0, 6, 'lost');

CREATE TABLE opportunities (
    seq             INTEGER PRIMARY KEY,
    id              TEXT NOT NULL UNIQUE,
    name            TEXT NOT NULL,
    customer_id     TEXT NOT NULL REFERENCES customers(id),
    contact_id      TEXT,
    lead_id         TEXT,
    stage_seq       INTEGER NOT NULL REFERENCES opportunity_stages(seq),
    -- integer minor units (fen, cents) of `currency`
    amount          INTEGER NOT NULL DEFAULT 0 CHECK (amount >= 0),
    currency        TEXT NOT NULL DEFAULT 'CNY',
    probability     INTEGER NOT NULL CHECK (probability BETWEEN 0 AND 100),
    expected_close  TEXT,
    owner           TEXT NOT NULL,
    lost_reason     TEXT,
    closed_at       TEXT,
    -- the customer's territory, kept with it (the board and the funnel filter by it without
    -- reading the customers)
    territory       INTEGER,
    -- the furthest open-stage position reached (won: past every open stage), for conversion rates
    reached         INTEGER NOT NULL,
    notes           TEXT,
    version         INTEGER NOT NULL DEFAULT 1,
    created_at      TEXT NOT NULL,
    created_by      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    updated_by      TEXT NOT NULL,
    deleted_at      TEXT
);
CREATE INDEX opportunities_stage ON opportunities(stage_seq, updated_at, seq, territory, owner) WHERE deleted_at IS NULL;
CREATE INDEX opportunities_customer ON opportunities(customer_id);
CREATE INDEX opportunities_updated ON opportunities(updated_at, seq, territory, owner) WHERE deleted_at IS NULL;
-- The funnel and the board's totals read this index alone, in the order they group by (no sort):
-- per currency, stage, furthest stage reached, month of expected close, owner and territory.
CREATE INDEX opportunities_funnel ON opportunities(currency, stage_seq, reached, substr(expected_close, 1, 7), owner,
    territory, created_at, amount, probability) WHERE deleted_at IS NULL;

CREATE TABLE opportunity_items (
    opportunity_seq INTEGER NOT NULL REFERENCES opportunities(seq),
    position        INTEGER NOT NULL,
    product         TEXT NOT NULL,
    quantity        INTEGER NOT NULL CHECK (quantity > 0),
    unit_price      INTEGER NOT NULL CHECK (unit_price >= 0),
    PRIMARY KEY (opportunity_seq, position)
) WITHOUT ROWID;

-- Every move between stages, for the history shown on the opportunity.
CREATE TABLE opportunity_stage_changes (
    seq             INTEGER PRIMARY KEY,
    opportunity_seq INTEGER NOT NULL REFERENCES opportunities(seq),
    at              TEXT NOT NULL,
    actor           TEXT NOT NULL,
    from_stage      INTEGER REFERENCES opportunity_stages(seq),
    to_stage        INTEGER NOT NULL REFERENCES opportunity_stages(seq),
    reason          TEXT
);
CREATE INDEX opportunity_stage_changes_opportunity ON opportunity_stage_changes(opportunity_seq, seq);

-- Activities may concern one opportunity of the customer.
ALTER TABLE activities ADD COLUMN opportunity_id TEXT;
CREATE INDEX activities_opportunity ON activities(opportunity_id) WHERE opportunity_id IS NOT NULL;
