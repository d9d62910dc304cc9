// The change book's index by record (`exchange_batch_changes_by_record`, migration 6) kept for
// the one statement that searches it without a batch: "who has not reported" (exchange/
// not-reported.ts) asks, for each live rating of a year, whether an exchange batch changed it,
// always with `entity = 'rating'`. Every other read of the book names the batch and is answered
// by its key (migration 19). So the index holds the booked ratings only (a partial index); the
// units, versions and lineage events booked by an import are left out of it. After the bench's
// national import, which books 114,000 of those and no rating, 9.6 MB → 4 KB (issue 10: the data
// file's budget, helper RSS).

export const sql = /* sql */ `
DROP INDEX IF EXISTS exchange_batch_changes_by_record;
CREATE INDEX IF NOT EXISTS exchange_batch_changes_by_rating ON exchange_batch_changes(record_id)
  WHERE entity = 'rating';
`;
