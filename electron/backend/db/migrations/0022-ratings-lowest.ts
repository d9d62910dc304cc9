// The live ratings at the lowest level (issue 10: the nation's carry-over list, cold). The list
// names every unit rated at the lowest level in year N (DOMAIN.md §1: the units whose change was
// slow stay under watch); for the nation it found them by scanning the year's ~52,000 entries of
// ratings_by_year for ~2,700. A partial index holds only those ratings (~5 % of them: 1.8 MB
// on the bench's national file), with every column the list reads, so the year's are searched.
//
// The codes are those of tier 4 in every scale (shared/domain/scales.ts) when it was made;
// reports/carry-over-units.ts searches it only while the scales' lowest codes are these, and
// scans ratings_by_year otherwise (a new scale with another lowest code needs a migration that
// makes the index again). A query uses a partial index only when its WHERE repeats the index's
// terms, so the list below is written as the statement writes it (LOWEST_INDEXED_WHERE).

/** The lowest level's codes the index holds, in the order its WHERE lists them. */
export const LOWEST_INDEXED_CODES: readonly string[] = ['YK', 'KHTNV'];

/** The index's condition on the level, as the statement must repeat it (alias `r`). */
export const lowestIndexedWhere = (alias: string) =>
  `${alias}.deleted_at IS NULL AND ${alias}.level_code IN (${LOWEST_INDEXED_CODES.map((c) => `'${c}'`).join(', ')})`;

export const sql = /* sql */ `
CREATE INDEX IF NOT EXISTS ratings_lowest_by_year
  ON ratings(year, unit_id, deleted_at, scale_id, level_code, not_rated_reason, exemplary)
  WHERE ${lowestIndexedWhere('ratings').replaceAll('ratings.', '')};
`;
