// Consolidation of weak units (DOMAIN.md §5): lists (a decision of a committee), their members,
// the measures taken per member, and the list's own remark per member and year. Ratings, rank
// and "mức độ chuyển biến" stay in `ratings`: a list reads them, never stores them twice.
// Every row carries the usual timestamps, installation and tombstone so lists travel in
// exchange files; reasons and document numbers are small JSON arrays of text.
export const sql = /* sql */ `
CREATE TABLE watchlists (
  id                      TEXT PRIMARY KEY,
  title                   TEXT NOT NULL,
  number                  TEXT,
  decided_on              TEXT,
  issuer_id               TEXT NOT NULL REFERENCES units(id),
  year                    INTEGER NOT NULL,
  to_year                 INTEGER,
  purpose                 TEXT,
  note                    TEXT,
  extends_id              TEXT REFERENCES watchlists(id),
  previous_id             TEXT REFERENCES watchlists(id),
  created_at              TEXT NOT NULL,
  updated_at              TEXT NOT NULL,
  changed_by_installation TEXT NOT NULL,
  deleted_at              TEXT,
  CHECK (to_year IS NULL OR to_year >= year),
  CHECK (extends_id IS NULL OR extends_id <> id)
) STRICT;
-- The lists covering a year (Diện củng cố, Tổng quan).
CREATE INDEX watchlists_by_year ON watchlists(year, to_year) WHERE deleted_at IS NULL;
CREATE INDEX watchlists_by_extends ON watchlists(extends_id) WHERE extends_id IS NOT NULL;
CREATE INDEX watchlists_by_previous ON watchlists(previous_id) WHERE previous_id IS NOT NULL;

-- group_name NULL: the unit's parent committee as of the list's year.
CREATE TABLE watchlist_members (
  id                      TEXT PRIMARY KEY,
  watchlist_id            TEXT NOT NULL REFERENCES watchlists(id),
  unit_id                 TEXT NOT NULL REFERENCES units(id),
  position                INTEGER NOT NULL,
  group_name              TEXT,
  reasons                 TEXT NOT NULL DEFAULT '[]',
  reason_other            TEXT,
  responsible             TEXT,
  working_group           TEXT,
  target_level            TEXT,
  status                  TEXT NOT NULL DEFAULT 'active',
  status_date             TEXT,
  status_reason           TEXT,
  note                    TEXT,
  carried_from_id         TEXT REFERENCES watchlist_members(id),
  created_at              TEXT NOT NULL,
  updated_at              TEXT NOT NULL,
  changed_by_installation TEXT NOT NULL,
  deleted_at              TEXT,
  CHECK (status IN ('active', 'left', 'carried_over', 'stopped')),
  CHECK (status = 'active' OR status_date IS NOT NULL),
  CHECK (json_valid(reasons) AND json_type(reasons) = 'array')
) STRICT;
-- One live row per unit and list: the same unit twice in one list is refused.
CREATE UNIQUE INDEX watchlist_members_unique ON watchlist_members(watchlist_id, unit_id)
  WHERE deleted_at IS NULL;
CREATE INDEX watchlist_members_by_list ON watchlist_members(watchlist_id, position)
  WHERE deleted_at IS NULL;
CREATE INDEX watchlist_members_by_unit ON watchlist_members(unit_id) WHERE deleted_at IS NULL;

-- status 'done' exactly when done_on is set; "quá hạn" is derived from due_on and the clock.
CREATE TABLE measures (
  id                      TEXT PRIMARY KEY,
  member_id               TEXT NOT NULL REFERENCES watchlist_members(id),
  kind                    TEXT NOT NULL,
  title                   TEXT NOT NULL,
  responsible             TEXT,
  start_on                TEXT,
  due_on                  TEXT,
  done_on                 TEXT,
  status                  TEXT NOT NULL DEFAULT 'planned',
  result_note             TEXT,
  documents               TEXT NOT NULL DEFAULT '[]',
  created_at              TEXT NOT NULL,
  updated_at              TEXT NOT NULL,
  changed_by_installation TEXT NOT NULL,
  deleted_at              TEXT,
  CHECK (status IN ('planned', 'in_progress', 'done')),
  CHECK ((status = 'done') = (done_on IS NOT NULL)),
  CHECK (start_on IS NULL OR due_on IS NULL OR due_on >= start_on),
  CHECK (json_valid(documents) AND json_type(documents) = 'array')
) STRICT;
CREATE INDEX measures_by_member ON measures(member_id, due_on) WHERE deleted_at IS NULL;
-- Open measures by due date: the overdue counts walk only these.
CREATE INDEX measures_open_by_due ON measures(due_on, member_id)
  WHERE deleted_at IS NULL AND done_on IS NULL AND due_on IS NOT NULL;

-- The list's own remark on a member in one year of the list.
CREATE TABLE watchlist_results (
  id                      TEXT PRIMARY KEY,
  member_id               TEXT NOT NULL REFERENCES watchlist_members(id),
  year                    INTEGER NOT NULL,
  remark                  TEXT,
  created_at              TEXT NOT NULL,
  updated_at              TEXT NOT NULL,
  changed_by_installation TEXT NOT NULL,
  deleted_at              TEXT
) STRICT;
CREATE UNIQUE INDEX watchlist_results_by_member ON watchlist_results(member_id, year);
`;
