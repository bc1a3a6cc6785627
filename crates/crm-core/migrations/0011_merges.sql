-- Duplicate merges: one row per merge, holding what undoing it needs. `before` is the survivor's
-- row as it was (every column a merge may change) with its tag and option-value links; `merged`
-- the other customers' ids with the external ids they gave up; `moved` every record moved to the
-- survivor with the customer (and territory) it had. `version_after` is the survivor's version
-- the merge left: an undo after a later edit would throw that edit away, so it is refused.
CREATE TABLE customer_merges (
    seq            INTEGER PRIMARY KEY,
    id             TEXT NOT NULL UNIQUE,
    survivor_id    TEXT NOT NULL REFERENCES customers(id),
    merged         TEXT NOT NULL,
    before         TEXT NOT NULL,
    moved          TEXT NOT NULL,
    version_after  INTEGER NOT NULL,
    merged_at      TEXT NOT NULL,
    merged_by      TEXT NOT NULL,
    undone_at      TEXT,
    undone_by      TEXT
);
CREATE INDEX customer_merges_survivor ON customer_merges(survivor_id);

-- Pairs a reviewer marked "not the same customer", so the scan stops proposing them.
CREATE TABLE duplicate_dismissals (
    low_seq      INTEGER NOT NULL,
    high_seq     INTEGER NOT NULL,
    dismissed_at TEXT NOT NULL,
    dismissed_by TEXT NOT NULL,
    PRIMARY KEY (low_seq, high_seq)
) WITHOUT ROWID;
