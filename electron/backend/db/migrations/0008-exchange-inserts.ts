// The records an imported batch inserted, booked many to a row (issue 10: a national file
// inserts half a million ratings). Before, each inserted record wrote an audit row (its values)
// and an undo row in `exchange_batch_changes` (before = NULL) saying the same thing, each repeating
// 36-character ids, the operator, the installation and the time: together more than the ratings
// themselves. Now one row holds up to a thousand inserted records of one kind — what was
// inserted — and the batch row (exchange_batches: file, sha256, sender, operator, time) says by
// whom, when and from which file; the batch's own audit row (entity 'exchange_batch') puts the
// import in the audit log's order. The same rows drive undo (remove them) and its check (every
// record still at the revision it arrived at).
//
// `columns` is a JSON array naming the positions of each record: always "id" then "rev" (the
// revision the record was left at), then the record's audited fields. `records` is a JSON array of
// such arrays, each without its empty (null) trailing fields. A rating chunk holds the ratings of
// one year (`year`), so the ledger's "who has not reported" reads only that year's chunks; other
// kinds have year NULL.
// Changed records (before-row kept) are still booked one by one in exchange_batch_changes, and
// rows written there before this migration with before = NULL still mean "inserted".
export const sql = /* sql */ `
CREATE TABLE exchange_batch_inserts (
  batch_id  TEXT NOT NULL REFERENCES exchange_batches(id),
  entity    TEXT NOT NULL,
  chunk     INTEGER NOT NULL,
  year      INTEGER,
  n         INTEGER NOT NULL,
  columns   TEXT NOT NULL,
  records   TEXT NOT NULL,
  PRIMARY KEY (batch_id, entity, chunk),
  CHECK (json_valid(columns) AND json_valid(records) AND json_array_length(records) = n)
) STRICT;
`;
