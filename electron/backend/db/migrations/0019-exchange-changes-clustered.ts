// The change book of an exchange import (`exchange_batch_changes`, migration 6) kept in the order
// of its key instead of beside it (issue 10: the data file after the national exchange import,
// budget 350 MB). As a rowid table, every row was stored twice: once in the table and once in the
// primary key's own index (batch, kind, record id: 72 of its ~110 bytes). Every statement reads it
// by that key or by `exchange_batch_changes_by_record` (undo by batch and kind in record order,
// the undo check, "who has not reported", the write's look-up of a row booked earlier); none uses
// the rowid. WITHOUT ROWID the table is its key's B-tree, so the copy goes: after the bench's
// national import, 31.1 → 24.1 MB (the by-record index grows by the batch id it now carries
// instead of a rowid, which also lets "who has not reported" read it alone).
//
// Rebuilt in place: the rows copied in key order, the old table dropped, the new one renamed and
// its index made again. No other table references this one and no trigger names it.

export const sql = /* sql */ `
CREATE TABLE exchange_batch_changes_clustered (
  batch_id   TEXT NOT NULL REFERENCES exchange_batches(id),
  entity     TEXT NOT NULL,
  record_id  TEXT NOT NULL,
  before     TEXT,
  after_rev  INTEGER NOT NULL,
  PRIMARY KEY (batch_id, entity, record_id),
  CHECK (before IS NULL OR json_valid(before))
) STRICT, WITHOUT ROWID;

INSERT INTO exchange_batch_changes_clustered (batch_id, entity, record_id, before, after_rev)
SELECT batch_id, entity, record_id, before, after_rev FROM exchange_batch_changes
ORDER BY batch_id, entity, record_id;

DROP TABLE exchange_batch_changes;
ALTER TABLE exchange_batch_changes_clustered RENAME TO exchange_batch_changes;
CREATE INDEX exchange_batch_changes_by_record ON exchange_batch_changes(entity, record_id);
`;
