// The register's token (migration 24) and what is kept under it (db/register-memo.ts): the walks,
// the clean-tree proofs and the committees' names of the reports, kept across the writes that
// leave the register alone. The token moves on every write to the units, their versions and the
// version spans, by any path or connection, and only then; a kept answer is never one read inside
// a transaction or while the token moved; and after random writes of every kind the reports of a
// connection kept open equal those of a connection opened afresh (nothing kept).
import Database from 'better-sqlite3';
import { afterAll, describe, expect, test, vi } from 'vitest';
import { dataVersion } from '../../electron/backend/db/memo';
import { keptWhileRegisterUnchanged, registerToken } from '../../electron/backend/db/register-memo';
import { touchData, touchRegister } from '../../scripts/bench/cases';
import { cleanupTemp, makeBackend } from '../helpers/backend';
import type { TestBackend } from '../helpers/backend';
import type { Register } from '../helpers/register-writes';
import { randomWrite, ratedRegister, versionInserter } from '../helpers/register-writes';
import type { Prng } from '../helpers/prng';
import { createList } from '../helpers/watchlists';

vi.setConfig({ testTimeout: 120_000 });
afterAll(cleanupTemp);

/** The screen's report, the report with its carry-over list and the list asked apart. */
function reports(b: TestBackend, r: Register) {
  return [r.rootId, r.provinces[0]!, r.districts[1]!].map((unitId) => {
    const scope = { type: 'register' as const, unitId };
    return {
      screen: b.call('reports.progress', { year: 2020, scope, unitsPerGroup: 0, carryOver: false }),
      whole: b.call('reports.progress', { year: 2020, scope, unitsPerGroup: 0 }),
      older: b.call('reports.progress', { year: 2019, scope, unitsPerGroup: 0, carryOver: false }),
      carryOver: b.call('reports.carryOver', { year: 2020, scope }),
    };
  });
}

describe("the register's token", () => {
  test('moves on every write to units, versions and spans; ratings and rolled-back writes leave it', () => {
    const { b, r } = ratedRegister(24);
    const { db } = b.ctx;
    const unit = r.base[5]!;
    const steps: [string, () => unknown, boolean][] = [
      [
        'ratings.set',
        () => b.call('ratings.set', { unitId: unit.id, year: 2020, levelCode: 'HTNV' }),
        false,
      ],
      ['ratings.remove', () => b.call('ratings.remove', { unitId: unit.id, year: 2020 }), false],
      ['a list created', () => createList(b, r.rootId, 2020), false],
      [
        'units.rename',
        () =>
          b.call('units.rename', {
            id: unit.id,
            year: 2019,
            name: 'Chi bộ đổi tên',
            allowDuplicateName: true,
          }),
        true,
      ],
      [
        'units.move',
        () =>
          b.call('units.move', {
            id: unit.id,
            year: 2019,
            parentId: r.districts[2]!,
            allowDuplicateName: true,
          }),
        true,
      ],
      [
        'units.create',
        () =>
          b.call('units.create', {
            name: 'Chi bộ mới lập',
            kind: 'base_cell',
            parentId: r.districts[0]!,
            fromYear: 2019,
          }),
        true,
      ],
      [
        'a version inserted by SQL',
        () => versionInserter(db).run('v-extra', 2012, 2013, r.districts[3]!, unit.id),
        true,
      ],
      [
        'a unit updated by SQL',
        () => db.prepare('UPDATE units SET official_order = 7 WHERE id = ?').run(unit.id),
        true,
      ],
      ['a span updated by SQL', () => db.prepare('UPDATE version_spans SET n = n').run(), true],
      [
        'a version deleted by SQL',
        () => db.prepare("DELETE FROM unit_versions WHERE id = 'v-extra'").run(),
        true,
      ],
    ];
    for (const [label, write, moves] of steps) {
      const before = registerToken(db);
      write();
      expect(registerToken(db) !== before, label).toBe(moves);
    }
    // Written by another connection: read here at once.
    const before = registerToken(db);
    const other = new Database(b.dbPath);
    other
      .prepare("UPDATE unit_versions SET name = 'Chi bộ tên khác' WHERE unit_id = ?")
      .run(unit.id);
    other.close();
    expect(registerToken(db)).not.toBe(before);
    // A write rolled back takes its token back with its rows.
    const kept = registerToken(db);
    expect(() =>
      db.transaction(() => {
        db.prepare("UPDATE unit_versions SET name = 'Tạm' WHERE unit_id = ?").run(unit.id);
        expect(registerToken(db)).not.toBe(kept);
        throw new Error('undone');
      })(),
    ).toThrow('undone');
    expect(registerToken(db)).toBe(kept);
  });
});

describe("the bench's writes before a cold run", () => {
  test('a temporary row leaves the register token, a unit written again as it is moves it; both move the data', () => {
    const { b } = ratedRegister(27);
    const { db } = b.ctx;
    const token = registerToken(db);
    const version = dataVersion(db);
    touchData(db);
    expect(registerToken(db)).toBe(token);
    expect(dataVersion(db)).not.toBe(version);
    const before = b.snapshot();
    touchRegister(db);
    expect(registerToken(db)).not.toBe(token);
    // The unit's revision moves (migration 6); nothing else does.
    const changed = (JSON.parse(b.snapshot()) as Record<string, unknown[]>)['units'];
    const was = (JSON.parse(before) as Record<string, unknown[]>)['units'];
    expect(changed?.length).toBe(was?.length);
    expect(JSON.stringify(changed)).not.toBe(JSON.stringify(was));
  });
});

describe('answers kept while the register is unchanged', () => {
  test('computed again only after a register write, never kept inside a transaction or when the token moved', () => {
    const { b, r } = ratedRegister(25);
    const { db } = b.ctx;
    let computed = 0;
    const ask = () =>
      keptWhileRegisterUnchanged(db, 'probe', () => {
        computed += 1;
        return { computed };
      });
    const first = ask();
    expect(ask()).toBe(first);
    b.call('ratings.set', { unitId: r.base[0]!.id, year: 2020, levelCode: 'HTTNV' });
    expect(ask()).toBe(first);
    expect(computed).toBe(1);
    b.call('units.rename', {
      id: r.base[0]!.id,
      year: 2019,
      name: 'Chi bộ mới tên',
      allowDuplicateName: true,
    });
    expect(ask()).not.toBe(first);
    expect(computed).toBe(2);
    // Inside a transaction: computed each time, and what was computed there is not kept.
    db.transaction(() => {
      ask();
      ask();
    })();
    expect(computed).toBe(4);
    ask();
    expect(computed).toBe(4);
    // Another connection writes the register while the answer is computed: not kept.
    let wrote = false;
    const moved = () =>
      keptWhileRegisterUnchanged(db, 'moved', () => {
        if (!wrote) {
          const other = new Database(b.dbPath);
          other.prepare('UPDATE units SET official_order = 3 WHERE id = ?').run(r.base[1]!.id);
          other.close();
          wrote = true;
        }
        computed += 1;
        return computed;
      });
    expect(moved()).toBe(5);
    expect(moved()).toBe(6);
    expect(moved()).toBe(6);
  });

  test("a file whose token was removed behind the app's back answers as before and keeps nothing", () => {
    const { b, r } = ratedRegister(28);
    const { db } = b.ctx;
    const before = reports(b, r);
    db.prepare('DELETE FROM register_epoch').run();
    expect(registerToken(db)).toBeNull();
    expect(reports(b, r)).toEqual(before);
    let computed = 0;
    const ask = () => keptWhileRegisterUnchanged(db, 'probe', () => (computed += 1));
    ask();
    ask();
    expect(computed).toBe(2);
    // A register write after it: still answered, read afresh.
    b.call('units.rename', {
      id: r.districts[0]!,
      year: 2020,
      name: 'Huyện ủy Miền Đổi Tên',
      allowDuplicateName: true,
    });
    const fresh = makeBackend({ dbPath: b.dbPath, operator: null });
    expect(reports(b, r)).toEqual(reports(fresh, r));
    expect(JSON.stringify(reports(b, r))).toContain('Huyện ủy Miền Đổi Tên');
  });

  test('a connection kept open answers as a fresh one after random writes of every kind', async () => {
    const { b, r, rnd } = ratedRegister(26, 0.85);
    const log: string[] = [];
    // Asked once before each write: what is kept then is what a stale answer would come from.
    for (let i = 0; i < 60; i++) {
      const kept = reports(b, r);
      const fresh = makeBackend({ dbPath: b.dbPath, operator: null });
      expect(kept, log.join('; ')).toEqual(reports(fresh, r));
      fresh.close();
      log.push(rnd.chance(0.5) ? committeeWrite(b, r, rnd) : await randomWrite(b, r, rnd));
    }
    const fresh = makeBackend({ dbPath: b.dbPath, operator: null });
    expect(reports(b, r), log.join('; ')).toEqual(reports(fresh, r));
    // The writes changed the committees' shape, names and order, not only the units below them.
    for (const kind of [
      'units.rename ok',
      'units.move ok',
      'units.correct ok',
      'units.create ok',
    ]) {
      expect(log).toContain(kind);
    }
  });
});

/**
 * A write to the committees the reports walk and name (randomWrite writes the units below them):
 * a district renamed (at times as another is named: groups of one name), moved to the other
 * province, given an official order, or a new district made and a unit moved under it.
 */
function committeeWrite(b: TestBackend, r: Register, rnd: Prng): string {
  const district = rnd.pick(r.districts);
  const year = rnd.pick([2019, 2020]);
  const attempt = (method: Parameters<TestBackend['raw']>[0], input: unknown) => {
    const result = b.raw(method, input);
    return `${String(method)} ${result.ok ? 'ok' : result.error.code}`;
  };
  switch (rnd.int(4)) {
    case 0:
      return attempt('units.rename', {
        id: district,
        year,
        name: rnd.chance(0.5) ? 'Huyện ủy Miền 1' : `Huyện ủy Miền mới ${rnd.int(100)}`,
        allowDuplicateName: true,
      });
    case 1:
      return attempt('units.move', {
        id: district,
        year,
        parentId: rnd.pick(r.provinces),
        allowDuplicateName: true,
      });
    case 2: {
      const detail = b.call('units.get', {
        id: rnd.pick([...r.districts, ...r.base.map((u) => u.id)]),
      });
      const version = detail.versions[detail.versions.length - 1];
      if (!version) return 'no version';
      return attempt('units.correct', {
        id: detail.id,
        versionId: version.id,
        officialOrder: rnd.chance(0.3) ? null : 1 + rnd.int(5),
        allowDuplicateName: true,
      });
    }
    default: {
      const made = b.raw('units.create', {
        name: `Huyện ủy Vùng ${rnd.int(1000)}`,
        kind: 'upper_committee',
        parentId: rnd.pick(r.provinces),
        fromYear: 2008,
      });
      if (!made.ok) return `units.create ${made.error.code}`;
      const id = (made.value as { id: string }).id;
      r.districts.push(id);
      attempt('units.move', {
        id: rnd.pick(r.base).id,
        year,
        parentId: id,
        allowDuplicateName: true,
      });
      return 'units.create ok';
    }
  }
}
