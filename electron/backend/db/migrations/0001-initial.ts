// Shipped migrations are history: never edit one after it ships; add the next number instead.
export const sql = /* sql */ `
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

-- The permanent identity of a party unit.
CREATE TABLE units (
  id                      TEXT PRIMARY KEY,
  founded_year            INTEGER NOT NULL,
  founded_on              TEXT,
  ended_year              INTEGER,
  official_order          INTEGER,
  created_at              TEXT NOT NULL,
  updated_at              TEXT NOT NULL,
  changed_by_installation TEXT NOT NULL,
  deleted_at              TEXT
) STRICT;

-- Year-ranged facts of a unit. valid_to is the last year included; NULL = still valid.
-- seq is an explicit rowid so the full-text index keeps pointing at the right row after VACUUM.
CREATE TABLE unit_versions (
  seq                     INTEGER PRIMARY KEY,
  id                      TEXT NOT NULL UNIQUE,
  unit_id                 TEXT NOT NULL REFERENCES units(id),
  valid_from              INTEGER NOT NULL,
  valid_to                INTEGER,
  name                    TEXT NOT NULL,
  name_folded             TEXT NOT NULL,
  code                    TEXT,
  code_folded             TEXT,
  kind                    TEXT NOT NULL,
  sector                  TEXT,
  parent_id               TEXT REFERENCES units(id),
  created_at              TEXT NOT NULL,
  updated_at              TEXT NOT NULL,
  changed_by_installation TEXT NOT NULL,
  deleted_at              TEXT,
  CHECK (valid_to IS NULL OR valid_to >= valid_from)
) STRICT;
CREATE INDEX unit_versions_by_unit ON unit_versions(unit_id, valid_from);
CREATE INDEX unit_versions_by_year ON unit_versions(valid_from, valid_to);
CREATE INDEX unit_versions_by_parent ON unit_versions(parent_id, valid_from);
CREATE INDEX unit_versions_by_code ON unit_versions(code_folded) WHERE code_folded IS NOT NULL;
CREATE INDEX unit_versions_by_name ON unit_versions(name_folded);

-- What happened to a unit, when, and on what basis (decision number).
CREATE TABLE lineage_events (
  id                      TEXT PRIMARY KEY,
  unit_id                 TEXT NOT NULL REFERENCES units(id),
  type                    TEXT NOT NULL,
  year                    INTEGER NOT NULL,
  event_date              TEXT,
  basis                   TEXT,
  note                    TEXT,
  related_unit_id         TEXT REFERENCES units(id),
  created_at              TEXT NOT NULL,
  updated_at              TEXT NOT NULL,
  changed_by_installation TEXT NOT NULL,
  deleted_at              TEXT
) STRICT;
CREATE INDEX lineage_events_by_unit ON lineage_events(unit_id, year);

-- Every change: entity, id, field, old, new, when, who, where from.
CREATE TABLE audit_log (
  seq          INTEGER PRIMARY KEY,
  entity       TEXT NOT NULL,
  entity_id    TEXT NOT NULL,
  field        TEXT NOT NULL,
  old_value    TEXT,
  new_value    TEXT,
  at           TEXT NOT NULL,
  operator     TEXT NOT NULL,
  installation TEXT NOT NULL,
  origin       TEXT NOT NULL
) STRICT;
CREATE INDEX audit_log_by_entity ON audit_log(entity, entity_id);
`;
