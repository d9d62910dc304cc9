// Migration 7: every unit version gets its stored sort key, computed in JavaScript, without the
// revision trigger counting it as a change; afterwards a version written without a key is refused.
import Database from 'better-sqlite3';
import { afterEach, expect, test } from 'vitest';
import { openDatabase } from '../../electron/backend/db/open';
import { unitSortKey } from '../../shared/domain/sort-key';
import { foldForSearch } from '../../shared/domain/text';
import { cleanupTemp, tempDbPath } from '../helpers/backend';

afterEach(cleanupTemp);

const NAMES = ['Chi bộ 10', 'Đảng bộ xã Hòa Bình', 'Chi bộ 2', 'ăn uống', 'Ủy ban'];

function makeV6File(): string {
  const path = tempDbPath();
  const { db } = openDatabase(path, { migrateTo: 6 });
  const now = '2024-01-01T00:00:00.000Z';
  NAMES.forEach((name, i) => {
    db.prepare(
      `INSERT INTO units(id, founded_year, created_at, updated_at, changed_by_installation)
       VALUES (?, 2010, ?, ?, 'inst-1')`,
    ).run(`u${i}`, now, now);
    db.prepare(
      `INSERT INTO unit_versions(id, unit_id, valid_from, name, name_folded, kind,
         created_at, updated_at, changed_by_installation, rev, synced_rev)
       VALUES (?, ?, 2010, ?, ?, 'base_committee', ?, ?, 'inst-1', ?, ?)`,
    ).run(`v${i}`, `u${i}`, name, foldForSearch(name), now, now, i + 1, i);
  });
  db.close();
  return path;
}

test('fills every version with the sort key of its name and leaves the revisions alone', () => {
  const path = makeV6File();
  openDatabase(path, { backupDir: `${path}.backups` }).db.close();
  const db = new Database(path, { readonly: true });
  const rows = db
    .prepare('SELECT id, name, sort_key, rev, synced_rev FROM unit_versions ORDER BY id')
    .all() as { id: string; name: string; sort_key: string; rev: number; synced_rev: number }[];
  db.close();
  expect(rows.map((r) => r.sort_key)).toEqual(NAMES.map(unitSortKey));
  expect(rows.map((r) => [r.rev, r.synced_rev])).toEqual(NAMES.map((_, i) => [i + 1, i]));
});

test('after the migration a version without a sort key is refused, and the trigger still counts', () => {
  const path = makeV6File();
  const { db } = openDatabase(path, { backupDir: `${path}.backups` });
  expect(() =>
    db
      .prepare(
        `INSERT INTO unit_versions(id, unit_id, valid_from, name, name_folded, kind,
           created_at, updated_at, changed_by_installation)
         VALUES ('vx', 'u0', 2020, 'X', 'x', 'base_committee', 'a', 'a', 'i')`,
      )
      .run(),
  ).toThrow(/sort_key is required/);
  expect(() =>
    db.prepare("UPDATE unit_versions SET sort_key = NULL WHERE id = 'v0'").run(),
  ).toThrow(/sort_key is required/);
  db.prepare("UPDATE unit_versions SET name = 'Chi bộ 11', sort_key = ? WHERE id = 'v0'").run(
    unitSortKey('Chi bộ 11'),
  );
  expect(db.prepare("SELECT rev FROM unit_versions WHERE id = 'v0'").get()).toEqual({ rev: 2 });
  db.close();
});
