-- External ids given up in a merge of duplicates. External ids are unique, so the merged customers
-- lose theirs; without this table the next import from the system they came from (by external
-- id: customers, orders, contacts) would not find them and would make the duplicate again. Each
-- row points at the customer that now stands for that id; `merge_id` is the merge that made it,
-- whose undo removes it. A later merge of that customer moves the rows like its other records.
CREATE TABLE merged_external_ids (
    external_id  TEXT PRIMARY KEY,
    customer_seq INTEGER NOT NULL REFERENCES customers(seq),
    merge_id     TEXT NOT NULL REFERENCES customer_merges(id)
) WITHOUT ROWID;
CREATE INDEX merged_external_ids_customer ON merged_external_ids(customer_seq);
CREATE INDEX merged_external_ids_merge ON merged_external_ids(merge_id);

-- Merges made before this table: the ids their merged customers gave up name the survivor,
-- unless a customer has taken one since.
INSERT OR IGNORE INTO merged_external_ids (external_id, customer_seq, merge_id)
SELECT json_extract(j.value, '$.external_id'), c.seq, m.id
FROM customer_merges m JOIN customers c ON c.id = m.survivor_id, json_each(m.merged) j
WHERE m.undone_at IS NULL
  AND json_extract(j.value, '$.external_id') IS NOT NULL
  AND json_extract(j.value, '$.external_id') NOT IN (SELECT external_id FROM customers WHERE external_id IS NOT NULL);

-- Every external id and the customer it names: its own, or one a merge gave it.
CREATE VIEW customer_external_ids (external_id, customer_seq, merged) AS
    SELECT external_id, seq, 0 FROM customers WHERE external_id IS NOT NULL
    UNION ALL
    SELECT external_id, customer_seq, 1 FROM merged_external_ids;
