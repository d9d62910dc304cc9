// Register totals (issue 10: the nation's report, cold): the rating tallies and the version spans
// of migration 12 summed over every committee, so the chart of the nation's report reads a few
// dozen rows a year instead of its ~460 committees' tallies (~9,000 rows for five years).
//
// rating_year_totals: the sum of rating_tallies' n over every parent but '' (a top unit's own
// rating, which no walk from a committee counts), per (year, kind, scale, level, reason,
// exemplary). span_totals: the sum of version_spans' n over every parent but '', per (kind, first
// year, last year). A committee's subtree sums them only when the year's register is one clean
// tree below it; reports/register-totals.ts proves that before it reads them.
//
// Kept by triggers on the two tables they sum, not on ratings and unit_versions: every write
// that changes a tally or a span, row by row (migration 12's triggers) or in bulk (a recount of
// the years an import touched, ratings/tallies.ts rebuildTallies, or migration 12 run again),
// passes through them, so no write path has anything to remember. Rows falling to 0 are removed,
// so each table equals its sum counted again row for row, and a write undone leaves no trace.
//
// IF NOT EXISTS, and counted again from scratch: a test of an earlier migration rewinds a file
// that already holds them.

const TALLY_KEY = 'year, kind, scale_id, level_code, not_rated_reason, exemplary';
const SPAN_KEY = 'kind, valid_from, valid_to';

/** Adds `sign` × the n of tally row `t` (NEW or OLD) to its total, when it has a parent. */
const addTally = (t: 'NEW' | 'OLD', sign: 1 | -1) => `
  INSERT INTO rating_year_totals (${TALLY_KEY}, n)
  SELECT ${t}.year, ${t}.kind, ${t}.scale_id, ${t}.level_code, ${t}.not_rated_reason,
    ${t}.exemplary, ${sign} * ${t}.n
  WHERE ${t}.parent_id <> '' AND ${t}.n <> 0
  ON CONFLICT DO UPDATE SET n = n + excluded.n;
  DELETE FROM rating_year_totals WHERE year = ${t}.year AND kind = ${t}.kind
    AND scale_id = ${t}.scale_id AND level_code = ${t}.level_code
    AND not_rated_reason = ${t}.not_rated_reason AND exemplary = ${t}.exemplary AND n = 0;`;

/** Adds `sign` × the n of span row `s` (NEW or OLD) to its total, when it has a parent. */
const addSpan = (s: 'NEW' | 'OLD', sign: 1 | -1) => `
  INSERT INTO span_totals (${SPAN_KEY}, n)
  SELECT ${s}.kind, ${s}.valid_from, ${s}.valid_to, ${sign} * ${s}.n
  WHERE ${s}.parent_id <> '' AND ${s}.n <> 0
  ON CONFLICT DO UPDATE SET n = n + excluded.n;
  DELETE FROM span_totals WHERE kind = ${s}.kind AND valid_from = ${s}.valid_from
    AND valid_to = ${s}.valid_to AND n = 0;`;

/** Both totals counted again from the tables they sum. */
export const RECOUNT_TOTALS_SQL = `
DELETE FROM rating_year_totals;
DELETE FROM span_totals;
INSERT INTO rating_year_totals (${TALLY_KEY}, n)
  SELECT ${TALLY_KEY}, sum(n) FROM rating_tallies WHERE parent_id <> ''
  GROUP BY ${TALLY_KEY} HAVING sum(n) <> 0;
INSERT INTO span_totals (${SPAN_KEY}, n)
  SELECT ${SPAN_KEY}, sum(n) FROM version_spans WHERE parent_id <> ''
  GROUP BY ${SPAN_KEY} HAVING sum(n) <> 0;
`;

export const sql = /* sql */ `
CREATE TABLE IF NOT EXISTS rating_year_totals (
  year              INTEGER NOT NULL,
  kind              TEXT NOT NULL,
  scale_id          TEXT NOT NULL,
  level_code        TEXT NOT NULL,
  not_rated_reason  TEXT NOT NULL,
  exemplary         INTEGER NOT NULL,
  n                 INTEGER NOT NULL,
  PRIMARY KEY (${TALLY_KEY})
) STRICT, WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS span_totals (
  kind              TEXT NOT NULL,
  valid_from        INTEGER NOT NULL,
  valid_to          INTEGER NOT NULL,
  n                 INTEGER NOT NULL,
  PRIMARY KEY (${SPAN_KEY})
) STRICT, WITHOUT ROWID;

CREATE TRIGGER IF NOT EXISTS register_totals_tally_insert AFTER INSERT ON rating_tallies
BEGIN ${addTally('NEW', 1)} END;

CREATE TRIGGER IF NOT EXISTS register_totals_tally_delete AFTER DELETE ON rating_tallies
BEGIN ${addTally('OLD', -1)} END;

CREATE TRIGGER IF NOT EXISTS register_totals_tally_update AFTER UPDATE ON rating_tallies
BEGIN ${addTally('OLD', -1)} ${addTally('NEW', 1)} END;

CREATE TRIGGER IF NOT EXISTS register_totals_span_insert AFTER INSERT ON version_spans
BEGIN ${addSpan('NEW', 1)} END;

CREATE TRIGGER IF NOT EXISTS register_totals_span_delete AFTER DELETE ON version_spans
BEGIN ${addSpan('OLD', -1)} END;

CREATE TRIGGER IF NOT EXISTS register_totals_span_update AFTER UPDATE ON version_spans
BEGIN ${addSpan('OLD', -1)} ${addSpan('NEW', 1)} END;
${RECOUNT_TOTALS_SQL}
`;
