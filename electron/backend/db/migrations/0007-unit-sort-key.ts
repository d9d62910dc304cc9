// A stored Vietnamese sort key on every unit version (shared/domain/sort-key.ts), so the register
// is ordered and paged by an index instead of a collator run over every name of the year. The key
// is computed in JavaScript: the column is added here and filled by `fill` in the same
// transaction; every later write of a version sets it, and a version written without one is
// refused (it would sort before every other name).
import type { Database } from 'better-sqlite3';
import { unitSortKey } from '../../../../shared/domain/sort-key';

export const sql = /* sql */ `
ALTER TABLE unit_versions ADD COLUMN sort_key TEXT;
`;

/** The triggers and the index, created once every row has its key. */
const after = /* sql */ `
CREATE TRIGGER unit_versions_sort_key_insert BEFORE INSERT ON unit_versions
  WHEN new.sort_key IS NULL
BEGIN
  SELECT RAISE(ABORT, 'unit_versions.sort_key is required');
END;
CREATE TRIGGER unit_versions_sort_key_update BEFORE UPDATE OF sort_key ON unit_versions
  WHEN new.sort_key IS NULL
BEGIN
  SELECT RAISE(ABORT, 'unit_versions.sort_key is required');
END;
-- The register's page: live versions in the order of their names, then the unit's id.
CREATE INDEX unit_versions_by_sort_key ON unit_versions(sort_key, unit_id)
  WHERE deleted_at IS NULL;
-- The few units with an official order come first in every list.
CREATE INDEX units_by_official_order ON units(official_order)
  WHERE official_order IS NOT NULL AND deleted_at IS NULL;
`;

// Filling in a key is not a change anyone made: the revision trigger (0006) is set aside
// meanwhile, so the next exchange does not send every version of the register again.
const REV_TRIGGER = /* sql */ `
CREATE TRIGGER unit_versions_rev AFTER UPDATE ON unit_versions
  WHEN new.rev = old.rev AND new.synced_rev IS old.synced_rev
BEGIN
  UPDATE unit_versions SET rev = old.rev + 1 WHERE rowid = new.rowid;
END;
`;

export function fill(db: Database): void {
  db.exec('DROP TRIGGER unit_versions_rev');
  const rows = db.prepare('SELECT seq, name FROM unit_versions').all() as {
    seq: number;
    name: string;
  }[];
  const update = db.prepare('UPDATE unit_versions SET sort_key = ? WHERE seq = ?');
  for (const row of rows) update.run(unitSortKey(row.name), row.seq);
  db.exec(REV_TRIGGER);
  db.exec(after);
}
