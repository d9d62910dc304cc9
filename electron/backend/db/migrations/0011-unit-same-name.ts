// "The same unit?" by name (exchange/merge/candidates.ts): a unit of the file unknown here is
// offered for a local unit of the same folded name under the same parent in overlapping years.
// After migration 10 SQLite answered that from unit_versions_tree (parent, removal, years), which
// walks every child of the parent for each incoming unit: a national file whose units all carry
// other ids than the local ones spent 12.8 s there (57,000 look-ups; 2.3 s with this index, on a
// loaded machine), most of it under the nation's and the provinces' long lists of children.
// This index finds the name under its parent directly, and holds every column the query reads
// (years, unit), so no row of unit_versions is read either. The removal column is in the key
// rather than a partial index (SQLite does not count a partial index on "deleted_at IS NULL" as
// covering a query that tests that column). IF NOT EXISTS: a file rewound to an earlier version
// for a test of an earlier migration may still hold it.
export const sql = /* sql */ `
CREATE INDEX IF NOT EXISTS unit_versions_same_name
  ON unit_versions(name_folded, parent_id, deleted_at, valid_from, valid_to, unit_id);
`;
