-- Import history: one row per applied import, so a batch can be listed and reverted. The
-- customers a batch created are the seq range first_seq..last_seq (an import writes them in one
-- transaction, so no other customer falls inside the range); tags it created are kept to be
-- removed with it.
CREATE TABLE import_batches (
    id            TEXT PRIMARY KEY,
    entity        TEXT NOT NULL,
    file_name     TEXT,
    format        TEXT NOT NULL,
    created       INTEGER NOT NULL,
    rejected      INTEGER NOT NULL,
    first_seq     INTEGER,
    last_seq      INTEGER,
    created_tags  TEXT NOT NULL DEFAULT '[]',
    imported_at   TEXT NOT NULL,
    imported_by   TEXT NOT NULL,
    reverted_at   TEXT,
    reverted_by   TEXT
);
CREATE INDEX import_batches_time ON import_batches(imported_at);

-- The column mapping last used for a file layout (its normalized headers), per kind of record.
CREATE TABLE import_mappings (
    entity     TEXT NOT NULL,
    signature  TEXT NOT NULL,
    mapping    TEXT NOT NULL,
    saved_at   TEXT NOT NULL,
    saved_by   TEXT NOT NULL,
    PRIMARY KEY (entity, signature)
);
