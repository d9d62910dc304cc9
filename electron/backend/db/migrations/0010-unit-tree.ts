// The register walked down as a tree (issue 10): a rating query over a province or a district
// finds each unit's children valid in a year from this index alone — parent, removal, years, the
// child's id and kind — without reading a row of unit_versions. unit_versions_by_parent (0001)
// has only the parent and the first year, so every child's row had to be read to test its last
// year, whether it was removed, and its kind. Not a partial index on "deleted_at IS NULL": SQLite
// does not treat such an index as covering a query that tests that column, so the column is in
// the key instead (a removed version's NULL test is then part of the search).
export const sql = /* sql */ `
CREATE INDEX unit_versions_tree
  ON unit_versions(parent_id, deleted_at, valid_from, valid_to, unit_id, kind);
`;
