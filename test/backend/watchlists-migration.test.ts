// Migration 5 (watchlists) from a version 4 file: old rows untouched, the new tables STRICT and
// usable, their invariants held by the schema itself.
import { afterEach, describe, expect, test } from 'vitest';
import { fixedClock } from '../../electron/backend/context';
import { LATEST_SCHEMA_VERSION } from '../../electron/backend/db/migrations';
import { openDatabase } from '../../electron/backend/db/open';
import { cleanupTemp, makeBackend, tempDbPath } from '../helpers/backend';

afterEach(cleanupTemp);

const PROVINCE = '1b0c6a53-5b0e-4c1f-8a57-2f1c00000001';
const UNIT = '1b0c6a53-5b0e-4c1f-8a57-2f1c00000002';
const NOW = '2018-01-05T00:00:00.000Z';

/** A file as version 4 left it: a province, a commune committee rated yếu kém in 2016. */
function makeV4File(): string {
  const path = tempDbPath();
  const { db } = openDatabase(path, { migrateTo: 4 });
  const unit = db.prepare(
    `INSERT INTO units(id, founded_year, created_at, updated_at, changed_by_installation)
     VALUES (?, 2008, ?, ?, 'inst-1')`,
  );
  const version = db.prepare(
    `INSERT INTO unit_versions(id, unit_id, valid_from, name, name_folded, kind, parent_id,
       created_at, updated_at, changed_by_installation)
     VALUES (?, ?, 2008, ?, ?, ?, ?, ?, ?, 'inst-1')`,
  );
  unit.run(PROVINCE, NOW, NOW);
  unit.run(UNIT, NOW, NOW);
  version.run(
    '1b0c6a53-5b0e-4c1f-8a57-2f1c00000011',
    PROVINCE,
    'Đảng bộ tỉnh Lạng Sơn',
    'dang bo tinh lang son',
    'province',
    null,
    NOW,
    NOW,
  );
  version.run(
    '1b0c6a53-5b0e-4c1f-8a57-2f1c00000012',
    UNIT,
    'Đảng bộ xã Đồng Ý',
    'dang bo xa dong y',
    'base_committee',
    PROVINCE,
    NOW,
    NOW,
  );
  db.prepare(
    `INSERT INTO ratings(id, unit_id, year, scale_id, level_code, created_at, updated_at,
       changed_by_installation)
     VALUES ('1b0c6a53-5b0e-4c1f-8a57-2f1c00000021', ?, 2016, 'hd20-2008', 'YK', ?, ?, 'inst-1')`,
  ).run(UNIT, NOW, NOW);
  db.close();
  return path;
}

function rowsOf(path: string, table: string): unknown[] {
  const { db } = openDatabase(path, { migrateTo: 4 });
  const rows = db.prepare(`SELECT * FROM ${table} ORDER BY id`).all();
  db.close();
  return rows;
}

describe('migrating a version 4 file (before watchlists)', () => {
  test('adds the watchlist tables, STRICT, and leaves units and ratings as they were', () => {
    const path = makeV4File();
    const before = ['units', 'unit_versions', 'ratings'].map((t) => rowsOf(path, t));
    const b = makeBackend({ dbPath: path, clock: fixedClock('2018-01-20T12:00:00Z') });
    expect(b.ctx.db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(LATEST_SCHEMA_VERSION).toBeGreaterThanOrEqual(5);
    const strict = b.ctx.db
      .prepare(
        `SELECT name, strict FROM pragma_table_list
         WHERE name IN ('watchlists', 'watchlist_members', 'measures', 'watchlist_results')
         ORDER BY name`,
      )
      .all();
    expect(strict).toEqual([
      { name: 'measures', strict: 1 },
      { name: 'watchlist_members', strict: 1 },
      { name: 'watchlist_results', strict: 1 },
      { name: 'watchlists', strict: 1 },
    ]);
    // Later migrations add columns (the exchange's revisions, the register's sort key, filled for
    // every version); the old values stay as they were.
    const after = ['units', 'unit_versions', 'ratings'].map((t) =>
      b.ctx.db
        .prepare(`SELECT * FROM ${t} ORDER BY id`)
        .all()
        .map((row) => {
          const {
            rev: _rev,
            synced_rev: _synced,
            sort_key,
            ...rest
          } = row as Record<string, unknown>;
          if (t === 'unit_versions') expect(sort_key).toEqual(expect.any(String));
          return rest;
        }),
    );
    expect(after).toEqual(before);
  });

  test('a unit of the old file goes on a list, with its 2016 rating as the baseline', () => {
    const b = makeBackend({ dbPath: makeV4File(), clock: fixedClock('2018-01-20T12:00:00Z') });
    const list = b.call('watchlists.create', {
      title: 'Củng cố tổ chức cơ sở đảng yếu kém năm 2017',
      number: '33-NQ/TU',
      decidedOn: '17/02/2017',
      issuerId: PROVINCE,
      year: 2017,
    });
    const member = b.call('watchlists.addMember', { watchlistId: list.id, unitId: UNIT });
    expect(member.baseline?.text).toBe('Yếu kém');
    expect(member.group).toBe('Đảng bộ tỉnh Lạng Sơn');
  });

  test('the schema itself refuses a status without its date and a done measure without its date', () => {
    const b = makeBackend({ dbPath: makeV4File(), clock: fixedClock('2018-01-20T12:00:00Z') });
    const list = b.call('watchlists.create', {
      title: 'Danh sách 2017',
      issuerId: PROVINCE,
      year: 2017,
    });
    const member = b.call('watchlists.addMember', { watchlistId: list.id, unitId: UNIT });
    expect(() =>
      b.ctx.db.prepare("UPDATE watchlist_members SET status = 'left' WHERE id = ?").run(member.id),
    ).toThrow(/CHECK constraint/);
    const measure = b.call('measures.add', {
      memberId: member.id,
      kind: 'inspection',
      title: 'Kiểm tra việc thực hiện quy chế làm việc',
    });
    expect(() =>
      b.ctx.db.prepare("UPDATE measures SET status = 'done' WHERE id = ?").run(measure.id),
    ).toThrow(/CHECK constraint/);
    expect(() =>
      b.ctx.db
        .prepare(
          `INSERT INTO watchlist_members(id, watchlist_id, unit_id, position, created_at,
             updated_at, changed_by_installation)
           VALUES ('1b0c6a53-5b0e-4c1f-8a57-2f1c00000099', ?, ?, 2, ?, ?, 'x')`,
        )
        .run(list.id, UNIT, NOW, NOW),
    ).toThrow(/UNIQUE constraint/);
  });
});
