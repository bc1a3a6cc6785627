-- Imports that update customers (modes update and upsert): the batch counts them, and keeps each
-- updated customer's content as it was, so reverting the batch writes it back. `version_after`
-- is the customer's version the import left: a revert after a later edit would lose that edit,
-- so it is refused.
ALTER TABLE import_batches ADD COLUMN updated INTEGER NOT NULL DEFAULT 0;
ALTER TABLE import_batches ADD COLUMN mode TEXT NOT NULL DEFAULT 'create';

CREATE TABLE import_updates (
    batch_id      TEXT NOT NULL REFERENCES import_batches(id),
    customer_seq  INTEGER NOT NULL,
    before        TEXT NOT NULL,
    version_after INTEGER NOT NULL,
    PRIMARY KEY (batch_id, customer_seq)
) WITHOUT ROWID;
