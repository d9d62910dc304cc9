// Yearly quality ratings, stored exactly as recorded with their scale (DOMAIN.md §3).
// One row per unit and year; a removed rating is a tombstone and is revived if rated again.
export const sql = /* sql */ `
CREATE TABLE ratings (
  id                      TEXT PRIMARY KEY,
  unit_id                 TEXT NOT NULL REFERENCES units(id),
  year                    INTEGER NOT NULL,
  scale_id                TEXT NOT NULL,
  level_code              TEXT,
  not_rated_reason        TEXT,
  exemplary               INTEGER NOT NULL DEFAULT 0,
  rank                    TEXT,
  change                  TEXT,
  score                   REAL,
  member_count            INTEGER,
  rated_by                TEXT,
  decision_number         TEXT,
  decision_date           TEXT,
  note                    TEXT,
  created_at              TEXT NOT NULL,
  updated_at              TEXT NOT NULL,
  changed_by_installation TEXT NOT NULL,
  deleted_at              TEXT,
  CHECK ((level_code IS NULL) <> (not_rated_reason IS NULL))
) STRICT;
CREATE UNIQUE INDEX ratings_by_unit_year ON ratings(unit_id, year);
-- Covers the year-wide reads (counts, transitions) without touching the table.
CREATE INDEX ratings_by_year ON ratings(year, unit_id, scale_id, level_code, not_rated_reason, exemplary)
  WHERE deleted_at IS NULL;
`;
