// Migration "ratings-by-year-covering": a file from the version before gets ratings_by_year made
// again without its WHERE and with deleted_at in the key, keeps every row, answers the grid, the
// list and the transitions as before, and its lookups of a live rating by (unit, year) then read
// the index alone (before: ratings_by_unit_year and the rating's table row).
import { afterAll, describe, expect, test } from 'vitest';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../electron/backend/db/migrations';
import { openDatabase } from '../../electron/backend/db/open';
import { cleanupTemp, makeBackend, snapshotDb, tempDbPath } from '../helpers/backend';

afterAll(cleanupTemp);

const COVERING = (() => {
  const migration = MIGRATIONS.find((m) => m.name === 'ratings-by-year-covering');
  if (!migration) throw new Error('migration ratings-by-year-covering is not registered');
  return migration.version;
})();

/** The index as migration 3 made it (partial, without deleted_at). */
const OLD_INDEX = `CREATE INDEX ratings_by_year
  ON ratings(year, unit_id, scale_id, level_code, not_rated_reason, exemplary)
  WHERE deleted_at IS NULL`;

/** A live rating of a unit looked up by (unit, year), as the grid, the list and the transitions do. */
const LOOKUP = `SELECT r.scale_id, r.level_code, r.not_rated_reason, r.exemplary
  FROM json_each(:ids) m
  LEFT JOIN ratings r ON r.unit_id = m.value AND r.year = :year AND r.deleted_at IS NULL`;

function planOf(db: ReturnType<typeof openDatabase>['db']): string {
  return (
    db.prepare(`EXPLAIN QUERY PLAN ${LOOKUP}`).all({ ids: '[]', year: 2024 }) as {
      detail: string;
    }[]
  )
    .map((r) => r.detail)
    .join('\n');
}

describe('migration ratings-by-year-covering', () => {
  test('a file from the version before gains the covering index, keeps its rows and its answers', () => {
    const b = makeBackend();
    const province = b.call('units.create', { name: 'Đảng bộ tỉnh Mẫu', kind: 'province' }).id;
    const district = b.call('units.create', {
      name: 'Huyện ủy Bắc Sơn',
      kind: 'upper_committee',
      parentId: province,
      fromYear: 2008,
    }).id;
    const communes = ['Đảng bộ xã Đồng Ý', 'Đảng bộ xã Hưng Vũ', 'Đảng bộ xã Vũ Lăng'].map(
      (name) =>
        b.call('units.create', { name, kind: 'base_committee', parentId: district, fromYear: 2008 })
          .id,
    );
    const [first = '', second = '', third = ''] = communes;
    b.call('ratings.set', { unitId: first, year: 2023, levelCode: 'HTTNV' });
    b.call('ratings.set', { unitId: first, year: 2024, levelCode: 'HTXSNV' });
    b.call('ratings.set', { unitId: second, year: 2024, levelCode: 'HTNV' });
    // A tombstone: the new index holds it, and no answer may show it.
    b.call('ratings.set', { unitId: third, year: 2024, levelCode: 'KHTNV' });
    b.call('ratings.remove', { unitId: third, year: 2024 });
    const grid = b.call('ratings.grid', { year: 2024, scopeId: province });
    const list = b.call('ratings.list', { year: 2024, scopeId: province });
    const transitions = b.call('ratings.transitions', {
      fromYear: 2023,
      toYear: 2024,
      scopeId: province,
    });
    expect(grid.rows.find((r) => r.unitId === third)?.current).toBeNull();

    // Rewound to the version before: the index as migration 3 made it, user_version set back.
    const path = b.dbPath;
    b.ctx.db.exec(`DROP INDEX ratings_by_year; ${OLD_INDEX}`);
    b.ctx.db.pragma(`user_version = ${COVERING - 1}`);
    expect(planOf(b.ctx.db)).not.toMatch(/COVERING INDEX ratings_by_year/);
    const before = snapshotDb(b.ctx.db).replace(/"user_version":\d+/, '');
    b.close();

    // Only this migration runs: the file already holds what the later ones make, and gets their
    // version back once it is checked.
    const { db } = openDatabase(path, { migrateTo: COVERING, backupDir: tempDbPath('backups') });
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(COVERING);
      expect(snapshotDb(db).replace(/"user_version":\d+/, '')).toBe(before);
      const definition = db
        .prepare("SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = 'ratings_by_year'")
        .pluck()
        .get() as string;
      expect(definition).not.toMatch(/WHERE/i);
      expect(
        db
          .prepare("SELECT name FROM pragma_index_info('ratings_by_year') ORDER BY seqno")
          .pluck()
          .all(),
      ).toEqual([
        'year',
        'unit_id',
        'deleted_at',
        'scale_id',
        'level_code',
        'not_rated_reason',
        'exemplary',
      ]);
      expect(planOf(db)).toMatch(
        /SEARCH r USING COVERING INDEX ratings_by_year \(year=\? AND unit_id=\? AND deleted_at=\?\)/,
      );
      db.pragma(`user_version = ${LATEST_SCHEMA_VERSION}`);
    } finally {
      db.close();
    }

    const after = makeBackend({ dbPath: path });
    expect(after.call('ratings.grid', { year: 2024, scopeId: province })).toEqual(grid);
    expect(after.call('ratings.list', { year: 2024, scopeId: province })).toEqual(list);
    expect(
      after.call('ratings.transitions', { fromYear: 2023, toYear: 2024, scopeId: province }),
    ).toEqual(transitions);
  });
});
