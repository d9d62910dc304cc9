// Indexes of the register's pages (units.list with pageSize and the pickers' first rows):
// - the register walked in its order with what a page tests on each row (the year, the folded
//   name and code a wide search looks in) in the index, so rows that do not qualify cost no read
//   of the table; it replaces migration 7's plain sort-key index;
// - the same within one kind or one sector, so a filter on a rare kind does not walk everything;
// - the total for a year counted from an index alone: the live versions valid in the year with
//   the columns its filters test, less those of removed units.
// The walks are not partial on "deleted_at IS NULL" (SQLite does not count such an index as
// covering a query that tests that column): the column is in their key instead. The count's index
// is partial: with deleted_at first in its key SQLite preferred it for every read of a year.
// (Not part of migration 7, which data files had already run while this was written.)
export const sql = /* sql */ `
DROP INDEX unit_versions_by_sort_key;
CREATE INDEX unit_versions_register ON unit_versions(
  sort_key, unit_id, deleted_at, valid_from, valid_to, name_folded, code_folded);
CREATE INDEX unit_versions_register_by_kind ON unit_versions(
  kind, sort_key, unit_id, deleted_at, valid_from, valid_to);
CREATE INDEX unit_versions_register_by_sector ON unit_versions(
  sector, sort_key, unit_id, deleted_at, valid_from, valid_to);
CREATE INDEX unit_versions_live_by_year ON unit_versions(valid_from, valid_to, kind, sector, unit_id)
  WHERE deleted_at IS NULL;
CREATE INDEX units_removed ON units(id) WHERE deleted_at IS NOT NULL;
`;
