// Migration "unit-tree": a file from the version before gains the index the rating queries walk a
// scope with (unit_versions_tree), keeps its rows, and its counts then read no row of
// unit_versions on the way down.
import { afterAll, describe, expect, test } from 'vitest';
import { MIGRATIONS } from '../../electron/backend/db/migrations';
import { openDatabase } from '../../electron/backend/db/open';
import { membersSql } from '../../electron/backend/ratings/members';
import { cleanupTemp, makeBackend, snapshotDb, tempDbPath } from '../helpers/backend';

afterAll(cleanupTemp);

const UNIT_TREE = MIGRATIONS.find((m) => m.name === 'unit-tree')!.version;

describe('migration unit-tree', () => {
  test('a file from the version before gains the index and keeps every row', () => {
    // A register written by the app, then rewound to before the migration: the index dropped and
    // user_version set back, as a file of that version is.
    const b = makeBackend();
    const province = b.call('units.create', { name: 'Đảng bộ tỉnh Mẫu', kind: 'province' }).id;
    const district = b.call('units.create', {
      name: 'Huyện ủy Bắc Sơn',
      kind: 'upper_committee',
      parentId: province,
      fromYear: 2008,
    }).id;
    const commune = b.call('units.create', {
      name: 'Đảng bộ xã Đồng Ý',
      kind: 'base_committee',
      parentId: district,
      fromYear: 2008,
    }).id;
    b.call('ratings.set', { unitId: commune, year: 2017, levelCode: 'TSVM' });
    const path = b.dbPath;
    b.ctx.db.exec('DROP INDEX unit_versions_tree');
    b.ctx.db.pragma(`user_version = ${UNIT_TREE - 1}`);
    const before = snapshotDb(b.ctx.db).replace(/"user_version":\d+/, '');
    b.close();

    // Only this migration runs again: the later ones (an added column, say) are not written to
    // run twice over a file that already has them.
    const { db } = openDatabase(path, { backupDir: tempDbPath('backups'), migrateTo: UNIT_TREE });
    try {
      expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(UNIT_TREE);
      expect(snapshotDb(db).replace(/"user_version":\d+/, '')).toBe(before);
      const m = membersSql(2017, { scopeId: province, kinds: ['base_committee'] }, { light: true });
      const plan = (
        db.prepare(`EXPLAIN QUERY PLAN ${m.with}SELECT count(*) FROM members`).all(m.params) as {
          detail: string;
        }[]
      ).map((r) => r.detail);
      expect(plan.join('\n')).toMatch(/SEARCH v USING COVERING INDEX unit_versions_tree/);
      expect(db.prepare(`${m.with}SELECT unit_id FROM members`).pluck().all(m.params)).toEqual([
        commune,
      ]);
    } finally {
      db.close();
    }
  });
});
