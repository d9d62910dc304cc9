// Rating tallies (issue 10 item 2): the figures of wide scopes (a province, the nation) kept by
// the writes, so that ratings.counts and Tổng quan add up a few thousand rows instead of joining
// 55,000 units to their ratings.
//
// rating_tallies: for each live rating and each live version of its unit valid in the rating's
// year, one count under (year, that version's parent, its kind, the rating's scale, level, reason,
// exemplary flag). version_spans: live versions counted by (parent, kind, first year, last year).
// A scope's units of year Y with no rating are then the spans valid in Y minus the tallies of Y.
//
// Kept exact by triggers on ratings and unit_versions, so every write path (the grid, the ratings
// import, the exchange's apply and undo, unit operations, restores of removed rows) keeps them
// without having to remember. A bulk write may switch the triggers off (rating_tally_state) and
// rebuild the tallies set-based before it commits (electron/backend/ratings/tallies.ts).
//
// Keys hold '' for a NULL parent, level or reason, and OPEN_END for a version still valid: a
// WITHOUT ROWID key cannot hold NULL, and an upsert only meets its row on equal keys. Rows that
// fall to n = 0 are kept (harmless in a sum; the key space is small).
//
// IF NOT EXISTS, and the tallies counted again from scratch: a test of an earlier migration
// rewinds a file that already holds them.

/** The last year of a version still valid (valid_to NULL), as stored in version_spans. */
export const OPEN_END = 9999999;

const VALID_FOR = (v: string, year: string) =>
  `${v}.deleted_at IS NULL AND ${v}.valid_from <= ${year} AND (${v}.valid_to IS NULL OR ${v}.valid_to >= ${year})`;

/** Adds `sign` × the tallies of rating `r` (NEW or OLD) over its unit's versions of its year. */
const rateTallies = (r: 'NEW' | 'OLD', sign: 1 | -1) => `
  INSERT INTO rating_tallies (year, parent_id, kind, scale_id, level_code, not_rated_reason, exemplary, n)
  SELECT ${r}.year, coalesce(v.parent_id, ''), v.kind, ${r}.scale_id, coalesce(${r}.level_code, ''),
    coalesce(${r}.not_rated_reason, ''), ${r}.exemplary, ${sign} * count(*)
  FROM unit_versions v
  WHERE v.unit_id = ${r}.unit_id AND ${VALID_FOR('v', `${r}.year`)} AND ${r}.deleted_at IS NULL
  GROUP BY v.parent_id, v.kind
  ON CONFLICT DO UPDATE SET n = n + excluded.n;`;

/** Adds `sign` × the tallies of version `v` (NEW or OLD) over its unit's ratings in its span. */
const versionTallies = (v: 'NEW' | 'OLD', sign: 1 | -1) => `
  INSERT INTO rating_tallies (year, parent_id, kind, scale_id, level_code, not_rated_reason, exemplary, n)
  SELECT r.year, coalesce(${v}.parent_id, ''), ${v}.kind, r.scale_id, coalesce(r.level_code, ''),
    coalesce(r.not_rated_reason, ''), r.exemplary, ${sign} * count(*)
  FROM ratings r
  WHERE r.unit_id = ${v}.unit_id AND r.deleted_at IS NULL AND ${v}.deleted_at IS NULL
    AND r.year >= ${v}.valid_from AND (${v}.valid_to IS NULL OR r.year <= ${v}.valid_to)
  GROUP BY r.year, r.scale_id, r.level_code, r.not_rated_reason, r.exemplary
  ON CONFLICT DO UPDATE SET n = n + excluded.n;`;

/** Adds `sign` to the span of version `v` (NEW or OLD) when it is live. */
const versionSpan = (v: 'NEW' | 'OLD', sign: 1 | -1) => `
  INSERT INTO version_spans (parent_id, kind, valid_from, valid_to, n)
  SELECT coalesce(${v}.parent_id, ''), ${v}.kind, ${v}.valid_from, coalesce(${v}.valid_to, ${OPEN_END}), ${sign}
  WHERE ${v}.deleted_at IS NULL
  ON CONFLICT DO UPDATE SET n = n + excluded.n;`;

const ON = '(SELECT deferred FROM rating_tally_state) = 0';

const RATING_CHANGED = `OLD.unit_id IS NOT NEW.unit_id OR OLD.year IS NOT NEW.year
  OR OLD.scale_id IS NOT NEW.scale_id OR OLD.level_code IS NOT NEW.level_code
  OR OLD.not_rated_reason IS NOT NEW.not_rated_reason OR OLD.exemplary IS NOT NEW.exemplary
  OR (OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL)`;

const VERSION_CHANGED = `OLD.unit_id IS NOT NEW.unit_id OR OLD.parent_id IS NOT NEW.parent_id
  OR OLD.kind IS NOT NEW.kind OR OLD.valid_from IS NOT NEW.valid_from
  OR OLD.valid_to IS NOT NEW.valid_to OR (OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL)`;

/** Empties both tables and counts them again from every live rating and version. */
export const REBUILD_SQL = `
DELETE FROM rating_tallies;
DELETE FROM version_spans;
INSERT INTO version_spans (parent_id, kind, valid_from, valid_to, n)
  SELECT coalesce(parent_id, ''), kind, valid_from, coalesce(valid_to, ${OPEN_END}), count(*)
  FROM unit_versions WHERE deleted_at IS NULL
  GROUP BY 1, 2, 3, 4;
INSERT INTO rating_tallies (year, parent_id, kind, scale_id, level_code, not_rated_reason, exemplary, n)
  SELECT r.year, coalesce(v.parent_id, ''), v.kind, r.scale_id, coalesce(r.level_code, ''),
    coalesce(r.not_rated_reason, ''), r.exemplary, count(*)
  FROM ratings r JOIN unit_versions v ON v.unit_id = r.unit_id AND ${VALID_FOR('v', 'r.year')}
  WHERE r.deleted_at IS NULL
  GROUP BY 1, 2, 3, 4, 5, 6, 7;
`;

export const sql = /* sql */ `
CREATE TABLE IF NOT EXISTS rating_tallies (
  year              INTEGER NOT NULL,
  parent_id         TEXT NOT NULL,
  kind              TEXT NOT NULL,
  scale_id          TEXT NOT NULL,
  level_code        TEXT NOT NULL,
  not_rated_reason  TEXT NOT NULL,
  exemplary         INTEGER NOT NULL,
  n                 INTEGER NOT NULL,
  PRIMARY KEY (year, parent_id, kind, scale_id, level_code, not_rated_reason, exemplary)
) STRICT, WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS version_spans (
  parent_id         TEXT NOT NULL,
  kind              TEXT NOT NULL,
  valid_from        INTEGER NOT NULL,
  valid_to          INTEGER NOT NULL,
  n                 INTEGER NOT NULL,
  PRIMARY KEY (parent_id, kind, valid_from, valid_to)
) STRICT, WITHOUT ROWID;

-- One row: deferred = 1 while a bulk write has switched the triggers off (it rebuilds before commit).
CREATE TABLE IF NOT EXISTS rating_tally_state (
  id                INTEGER PRIMARY KEY CHECK (id = 1),
  deferred          INTEGER NOT NULL CHECK (deferred IN (0, 1))
) STRICT;
INSERT OR REPLACE INTO rating_tally_state (id, deferred) VALUES (1, 0);

CREATE TRIGGER IF NOT EXISTS rating_tallies_rating_insert AFTER INSERT ON ratings
WHEN NEW.deleted_at IS NULL AND ${ON}
BEGIN ${rateTallies('NEW', 1)} END;

CREATE TRIGGER IF NOT EXISTS rating_tallies_rating_delete AFTER DELETE ON ratings
WHEN OLD.deleted_at IS NULL AND ${ON}
BEGIN ${rateTallies('OLD', -1)} END;

CREATE TRIGGER IF NOT EXISTS rating_tallies_rating_update
AFTER UPDATE OF unit_id, year, scale_id, level_code, not_rated_reason, exemplary, deleted_at ON ratings
WHEN (OLD.deleted_at IS NULL OR NEW.deleted_at IS NULL) AND (${RATING_CHANGED}) AND ${ON}
BEGIN ${rateTallies('OLD', -1)} ${rateTallies('NEW', 1)} END;

CREATE TRIGGER IF NOT EXISTS rating_tallies_version_insert AFTER INSERT ON unit_versions
WHEN NEW.deleted_at IS NULL AND ${ON}
BEGIN ${versionSpan('NEW', 1)} ${versionTallies('NEW', 1)} END;

CREATE TRIGGER IF NOT EXISTS rating_tallies_version_delete AFTER DELETE ON unit_versions
WHEN OLD.deleted_at IS NULL AND ${ON}
BEGIN ${versionSpan('OLD', -1)} ${versionTallies('OLD', -1)} END;

CREATE TRIGGER IF NOT EXISTS rating_tallies_version_update
AFTER UPDATE OF unit_id, parent_id, kind, valid_from, valid_to, deleted_at ON unit_versions
WHEN (OLD.deleted_at IS NULL OR NEW.deleted_at IS NULL) AND (${VERSION_CHANGED}) AND ${ON}
BEGIN
  ${versionSpan('OLD', -1)} ${versionTallies('OLD', -1)}
  ${versionSpan('NEW', 1)} ${versionTallies('NEW', 1)}
END;
${REBUILD_SQL}
`;
