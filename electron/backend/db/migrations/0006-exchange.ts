// Exchange between installations (issue 9): every record that travels carries a revision — a
// per-record counter — and the revision last exchanged with another installation, and the
// exchange keeps its own books (exports made, files imported, what each import changed, so a
// batch can be undone).
//
// The counter is bumped by a trigger on every update the app makes, whatever the code path, so
// no write can forget it. An exchange import sets `rev` or `synced_rev` itself, which the
// trigger's WHEN clause recognises and leaves alone. Inserts start at revision 1.
export const sql = /* sql */ `
ALTER TABLE units ADD COLUMN rev INTEGER NOT NULL DEFAULT 1;
ALTER TABLE units ADD COLUMN synced_rev INTEGER;
CREATE TRIGGER units_rev AFTER UPDATE ON units
  WHEN new.rev = old.rev AND new.synced_rev IS old.synced_rev
BEGIN
  UPDATE units SET rev = old.rev + 1 WHERE rowid = new.rowid;
END;
ALTER TABLE unit_versions ADD COLUMN rev INTEGER NOT NULL DEFAULT 1;
ALTER TABLE unit_versions ADD COLUMN synced_rev INTEGER;
CREATE TRIGGER unit_versions_rev AFTER UPDATE ON unit_versions
  WHEN new.rev = old.rev AND new.synced_rev IS old.synced_rev
BEGIN
  UPDATE unit_versions SET rev = old.rev + 1 WHERE rowid = new.rowid;
END;
ALTER TABLE lineage_events ADD COLUMN rev INTEGER NOT NULL DEFAULT 1;
ALTER TABLE lineage_events ADD COLUMN synced_rev INTEGER;
CREATE TRIGGER lineage_events_rev AFTER UPDATE ON lineage_events
  WHEN new.rev = old.rev AND new.synced_rev IS old.synced_rev
BEGIN
  UPDATE lineage_events SET rev = old.rev + 1 WHERE rowid = new.rowid;
END;
ALTER TABLE ratings ADD COLUMN rev INTEGER NOT NULL DEFAULT 1;
ALTER TABLE ratings ADD COLUMN synced_rev INTEGER;
CREATE TRIGGER ratings_rev AFTER UPDATE ON ratings
  WHEN new.rev = old.rev AND new.synced_rev IS old.synced_rev
BEGIN
  UPDATE ratings SET rev = old.rev + 1 WHERE rowid = new.rowid;
END;
ALTER TABLE watchlists ADD COLUMN rev INTEGER NOT NULL DEFAULT 1;
ALTER TABLE watchlists ADD COLUMN synced_rev INTEGER;
CREATE TRIGGER watchlists_rev AFTER UPDATE ON watchlists
  WHEN new.rev = old.rev AND new.synced_rev IS old.synced_rev
BEGIN
  UPDATE watchlists SET rev = old.rev + 1 WHERE rowid = new.rowid;
END;
ALTER TABLE watchlist_members ADD COLUMN rev INTEGER NOT NULL DEFAULT 1;
ALTER TABLE watchlist_members ADD COLUMN synced_rev INTEGER;
CREATE TRIGGER watchlist_members_rev AFTER UPDATE ON watchlist_members
  WHEN new.rev = old.rev AND new.synced_rev IS old.synced_rev
BEGIN
  UPDATE watchlist_members SET rev = old.rev + 1 WHERE rowid = new.rowid;
END;
ALTER TABLE measures ADD COLUMN rev INTEGER NOT NULL DEFAULT 1;
ALTER TABLE measures ADD COLUMN synced_rev INTEGER;
CREATE TRIGGER measures_rev AFTER UPDATE ON measures
  WHEN new.rev = old.rev AND new.synced_rev IS old.synced_rev
BEGIN
  UPDATE measures SET rev = old.rev + 1 WHERE rowid = new.rowid;
END;
ALTER TABLE watchlist_results ADD COLUMN rev INTEGER NOT NULL DEFAULT 1;
ALTER TABLE watchlist_results ADD COLUMN synced_rev INTEGER;
CREATE TRIGGER watchlist_results_rev AFTER UPDATE ON watchlist_results
  WHEN new.rev = old.rev AND new.synced_rev IS old.synced_rev
BEGIN
  UPDATE watchlist_results SET rev = old.rev + 1 WHERE rowid = new.rowid;
END;

-- One row per file this installation wrote.
CREATE TABLE exchange_exports (
  id             TEXT PRIMARY KEY,
  sequence       INTEGER NOT NULL UNIQUE,
  at             TEXT NOT NULL,
  operator       TEXT NOT NULL,
  file_name      TEXT NOT NULL,
  sha256         TEXT NOT NULL,
  scope_unit_id  TEXT,
  from_year      INTEGER,
  to_year        INTEGER,
  since_last     INTEGER NOT NULL DEFAULT 0,
  -- The audit log's last seq when the file was written: "since the last export" starts after it.
  audit_seq      INTEGER NOT NULL,
  counts         TEXT NOT NULL DEFAULT '{}',
  CHECK (json_valid(counts))
) STRICT;

-- One row per imported file (a batch), whatever it changed.
CREATE TABLE exchange_batches (
  id                   TEXT PRIMARY KEY,
  sha256               TEXT NOT NULL,
  file_name            TEXT NOT NULL,
  format_version       INTEGER NOT NULL,
  sender_installation  TEXT NOT NULL,
  sender_unit_id       TEXT,
  sender_unit_name     TEXT NOT NULL,
  sequence             INTEGER NOT NULL,
  direction            TEXT NOT NULL,
  from_year            INTEGER,
  to_year              INTEGER,
  file_created_at      TEXT NOT NULL,
  imported_at          TEXT NOT NULL,
  operator             TEXT NOT NULL,
  counts               TEXT NOT NULL DEFAULT '{}',
  undone_at            TEXT,
  undone_by            TEXT,
  CHECK (direction IN ('up', 'down', 'peer')),
  CHECK (json_valid(counts))
) STRICT;
CREATE INDEX exchange_batches_by_sender ON exchange_batches(sender_installation, sequence);
CREATE INDEX exchange_batches_by_hash ON exchange_batches(sha256);

-- What a batch did to each record: the row before (NULL = the batch inserted it) and the
-- revision it left, so undo can tell whether anything changed the record since.
CREATE TABLE exchange_batch_changes (
  batch_id   TEXT NOT NULL REFERENCES exchange_batches(id),
  entity     TEXT NOT NULL,
  record_id  TEXT NOT NULL,
  before     TEXT,
  after_rev  INTEGER NOT NULL,
  PRIMARY KEY (batch_id, entity, record_id),
  CHECK (before IS NULL OR json_valid(before))
) STRICT;
CREATE INDEX exchange_batch_changes_by_record ON exchange_batch_changes(entity, record_id);

-- A unit created on both sides and confirmed "the same unit" in a preview: files from the other
-- side name it by remote_id, this file by local_id. Imports map remote → local, exports back.
CREATE TABLE exchange_unit_aliases (
  remote_id   TEXT PRIMARY KEY,
  local_id    TEXT NOT NULL UNIQUE REFERENCES units(id),
  batch_id    TEXT REFERENCES exchange_batches(id),
  created_at  TEXT NOT NULL
) STRICT;
`;
