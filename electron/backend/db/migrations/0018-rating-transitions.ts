// Rating transitions kept by the writes (issue 10 item 2): ratings.transitions of a whole
// register (the nation: 55,000 units' two ratings grouped by parent) reads a few thousand counted
// pairs instead of joining every unit to its ratings of two years.
//
// rating_transitions: for each year N and each live version of a unit valid in N, one count under
// (N, that version's parent, its kind, the unit's live rating of N - 1, its live rating of N),
// each rating as (state, scale, level): state 0 no rating ('' and ''), 1 a level, 2 a rating
// without a level (not rated, with its reason; level ''). Consecutive years only: the pair N - 1
// → N. Exactly the rows ratings.transitions (ratings/transitions.ts) groups, with the parent of
// the version valid in the later year, as its members' walk takes it; a unit moved in N counts
// under its parent of N, a unit valid twice in N (damaged data) twice, like the walk.
//
// Pairs where neither year has a rating are not kept (every version in every year of an open
// span would be one): a group's count of them is its versions valid in N (version_spans,
// migration 12) minus its kept pairs, exact because a unit has at most one rating row a year
// (ratings_by_unit_year) and so each version one pair.
//
// Kept exact by triggers on ratings and unit_versions, on every write path, off while a bulk
// writer has switched the rating tallies off (rating_tally_state): it counts the touched years
// again before it commits (ratings/tallies.ts, tallies-touched.ts). A rating of year Y is in the
// pairs of Y (as the later rating) and Y + 1 (as the earlier); a version in those of the years of
// its span in which its unit has a rating that year or the year before.
//
// A rating's change is counted as two steps: the row taken out (its old values), then put back
// (its new values). Each step moves the unit's pairs from the rows they had to the rows they
// get; the other year's rating is read from the table without the row itself (an update may have
// moved it next door), so each step starts from the state the one before left. Rows falling to 0
// are removed (a trigger on the table), so the table equals a full count row for row, as a bulk
// recount leaves it, and a write undone leaves no trace in it.

import type { Database } from 'better-sqlite3';

const VALID_FOR = (v: string, year: string) =>
  `${v}.deleted_at IS NULL AND ${v}.valid_from <= ${year} AND (${v}.valid_to IS NULL OR ${v}.valid_to >= ${year})`;

/** The columns of a rating `x` of a LEFT JOIN (a NULL row: no rating). */
const joined = (x: string) =>
  `CASE WHEN ${x}.unit_id IS NULL THEN 0 WHEN ${x}.level_code IS NULL THEN 2 ELSE 1 END,
   coalesce(${x}.scale_id, ''), coalesce(${x}.level_code, '')`;

/** The columns of the trigger's own row `r` (OLD or NEW), live. */
const own = (r: 'OLD' | 'NEW') =>
  `CASE WHEN ${r}.level_code IS NULL THEN 2 ELSE 1 END, ${r}.scale_id, coalesce(${r}.level_code, '')`;

const NONE = `0, '', ''`;

const COLUMNS =
  'year, parent_id, kind, from_state, from_scale, from_level, to_state, to_scale, to_level, n';

const UPSERT = 'ON CONFLICT DO UPDATE SET n = n + excluded.n;';

/**
 * The pairs of row `r` (OLD or NEW) when it is live, moved by `sign`: +1 puts the row in (its
 * unit's pairs of r.year and r.year + 1 leave the rows "no rating" for the rows with r), -1 takes
 * it out. `other` is the unit's live rating of the neighbouring year without the trigger's row:
 * when an update's OLD is taken out, NEW may stand next door (`exceptNew`: the row at NEW's key
 * is NEW itself, ratings_by_unit_year being unique); NEW never stands next door to itself.
 */
function ratingStep(r: 'OLD' | 'NEW', sign: 1 | -1, exceptNew = false): string {
  const other = (x: string, year: string) =>
    `ratings ${x} ON ${x}.unit_id = v.unit_id AND ${x}.year = ${year} AND ${x}.deleted_at IS NULL` +
    (exceptNew ? ` AND NOT (${x}.unit_id IS NEW.unit_id AND ${x}.year IS NEW.year)` : '');
  const versions = (year: string) =>
    `FROM unit_versions v %JOIN% WHERE v.unit_id = ${r}.unit_id AND ${VALID_FOR('v', year)}
     AND ${r}.deleted_at IS NULL`;
  const prior = versions(`${r}.year`);
  const next = versions(`${r}.year + 1`);
  const group = 'GROUP BY 2, 3, 4, 5, 6, 7, 8, 9';
  return `
  INSERT INTO rating_transitions (${COLUMNS})
  SELECT ${r}.year, coalesce(v.parent_id, ''), v.kind, ${joined('a')}, ${own(r)}, ${sign} * count(*)
  ${prior.replace('%JOIN%', `LEFT JOIN ${other('a', `${r}.year - 1`)}`)} ${group} ${UPSERT}
  INSERT INTO rating_transitions (${COLUMNS})
  SELECT ${r}.year, coalesce(v.parent_id, ''), v.kind, ${joined('a')}, ${NONE}, ${-sign} * count(*)
  ${prior.replace('%JOIN%', `JOIN ${other('a', `${r}.year - 1`)}`)} ${group} ${UPSERT}
  INSERT INTO rating_transitions (${COLUMNS})
  SELECT ${r}.year + 1, coalesce(v.parent_id, ''), v.kind, ${own(r)}, ${joined('b')}, ${sign} * count(*)
  ${next.replace('%JOIN%', `LEFT JOIN ${other('b', `${r}.year + 1`)}`)} ${group} ${UPSERT}
  INSERT INTO rating_transitions (${COLUMNS})
  SELECT ${r}.year + 1, coalesce(v.parent_id, ''), v.kind, ${NONE}, ${joined('b')}, ${-sign} * count(*)
  ${next.replace('%JOIN%', `JOIN ${other('b', `${r}.year + 1`)}`)} ${group} ${UPSERT}`;
}

/**
 * The pairs of version `v` (OLD or NEW) when it is live, times `sign`: one per year of its span
 * in which its unit has a live rating that year or the year before.
 */
const versionPairs = (v: 'OLD' | 'NEW', sign: 1 | -1) => `
  INSERT INTO rating_transitions (${COLUMNS})
  SELECT y.year, coalesce(${v}.parent_id, ''), ${v}.kind, ${joined('a')}, ${joined('b')}, ${sign} * count(*)
  FROM (SELECT year FROM ratings WHERE unit_id = ${v}.unit_id AND deleted_at IS NULL
        UNION SELECT year + 1 FROM ratings WHERE unit_id = ${v}.unit_id AND deleted_at IS NULL) y
  LEFT JOIN ratings a ON a.unit_id = ${v}.unit_id AND a.year = y.year - 1 AND a.deleted_at IS NULL
  LEFT JOIN ratings b ON b.unit_id = ${v}.unit_id AND b.year = y.year AND b.deleted_at IS NULL
  WHERE ${v}.deleted_at IS NULL AND y.year >= ${v}.valid_from
    AND (${v}.valid_to IS NULL OR y.year <= ${v}.valid_to)
  GROUP BY 1, 4, 5, 6, 7, 8, 9 ${UPSERT}`;

const ON = '(SELECT deferred FROM rating_tally_state) = 0';

const RATING_CHANGED = `OLD.unit_id IS NOT NEW.unit_id OR OLD.year IS NOT NEW.year
  OR OLD.scale_id IS NOT NEW.scale_id OR OLD.level_code IS NOT NEW.level_code
  OR (OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL)`;

const VERSION_CHANGED = `OLD.unit_id IS NOT NEW.unit_id OR OLD.parent_id IS NOT NEW.parent_id
  OR OLD.kind IS NOT NEW.kind OR OLD.valid_from IS NOT NEW.valid_from
  OR OLD.valid_to IS NOT NEW.valid_to OR (OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL)`;

/**
 * The pairs of year :year counted from the rows: every live version valid in :year (read from
 * the tree index alone) with its unit's live ratings of :year - 1 and :year (each a search of
 * ratings_by_year alone), the versions with neither left out. Also what a bulk write runs for
 * each year it touched (ratings/transition-recount.ts).
 */
export const COUNT_YEAR_SQL = `
INSERT INTO rating_transitions (${COLUMNS})
SELECT :year, coalesce(v.parent_id, ''), v.kind, ${joined('a')}, ${joined('b')}, count(*)
FROM unit_versions v INDEXED BY unit_versions_tree
LEFT JOIN ratings a INDEXED BY ratings_by_year
  ON a.year = :year - 1 AND a.unit_id = v.unit_id AND a.deleted_at IS NULL
LEFT JOIN ratings b INDEXED BY ratings_by_year
  ON b.year = :year AND b.unit_id = v.unit_id AND b.deleted_at IS NULL
WHERE ${VALID_FOR('v', ':year')} AND (a.unit_id IS NOT NULL OR b.unit_id IS NOT NULL)
GROUP BY 2, 3, 4, 5, 6, 7, 8, 9`;

export const sql = /* sql */ `
CREATE TABLE rating_transitions (
  year        INTEGER NOT NULL,
  parent_id   TEXT NOT NULL,
  kind        TEXT NOT NULL,
  from_state  INTEGER NOT NULL CHECK (from_state IN (0, 1, 2)),
  from_scale  TEXT NOT NULL,
  from_level  TEXT NOT NULL,
  to_state    INTEGER NOT NULL CHECK (to_state IN (0, 1, 2)),
  to_scale    TEXT NOT NULL,
  to_level    TEXT NOT NULL,
  n           INTEGER NOT NULL,
  PRIMARY KEY (year, parent_id, kind, from_state, from_scale, from_level, to_state, to_scale, to_level)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER rating_transitions_drop_empty AFTER UPDATE OF n ON rating_transitions
WHEN NEW.n = 0
BEGIN
  DELETE FROM rating_transitions WHERE year = NEW.year AND parent_id = NEW.parent_id
    AND kind = NEW.kind AND from_state = NEW.from_state AND from_scale = NEW.from_scale
    AND from_level = NEW.from_level AND to_state = NEW.to_state AND to_scale = NEW.to_scale
    AND to_level = NEW.to_level;
END;

CREATE TRIGGER rating_transitions_rating_insert AFTER INSERT ON ratings
WHEN NEW.deleted_at IS NULL AND ${ON}
BEGIN ${ratingStep('NEW', 1)} END;

CREATE TRIGGER rating_transitions_rating_delete AFTER DELETE ON ratings
WHEN OLD.deleted_at IS NULL AND ${ON}
BEGIN ${ratingStep('OLD', -1)} END;

CREATE TRIGGER rating_transitions_rating_update
AFTER UPDATE OF unit_id, year, scale_id, level_code, deleted_at ON ratings
WHEN (OLD.deleted_at IS NULL OR NEW.deleted_at IS NULL) AND (${RATING_CHANGED}) AND ${ON}
BEGIN ${ratingStep('OLD', -1, true)} ${ratingStep('NEW', 1)} END;

CREATE TRIGGER rating_transitions_version_insert AFTER INSERT ON unit_versions
WHEN NEW.deleted_at IS NULL AND ${ON}
BEGIN ${versionPairs('NEW', 1)} END;

CREATE TRIGGER rating_transitions_version_delete AFTER DELETE ON unit_versions
WHEN OLD.deleted_at IS NULL AND ${ON}
BEGIN ${versionPairs('OLD', -1)} END;

CREATE TRIGGER rating_transitions_version_update
AFTER UPDATE OF unit_id, parent_id, kind, valid_from, valid_to, deleted_at ON unit_versions
WHEN (OLD.deleted_at IS NULL OR NEW.deleted_at IS NULL) AND (${VERSION_CHANGED}) AND ${ON}
BEGIN ${versionPairs('OLD', -1)} ${versionPairs('NEW', 1)} END;
`;

/** Counts the pairs of every year that has them: each year with a live rating and the next. */
export function fill(db: Database): void {
  const years = db
    .prepare(
      `SELECT year FROM ratings WHERE deleted_at IS NULL
       UNION SELECT year + 1 FROM ratings WHERE deleted_at IS NULL ORDER BY 1`,
    )
    .all() as { year: number }[];
  const count = db.prepare(COUNT_YEAR_SQL);
  for (const { year } of years) count.run({ year });
}
