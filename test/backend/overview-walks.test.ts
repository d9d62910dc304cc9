// Tổng quan's register figures after helper OVERVIEW (watchlists/overview-register.ts: one walk
// of the register's index for the weak units, the walk by name and parent for the unrated ones,
// the totals in one statement) equal the code before (test/helpers/reference-overview.ts) on a
// generated register with more weak and unrated units than Tổng quan lists, a folded name shared
// by more units than the limit, units of another kind with the lowest rating or none, removed
// units and listed ones; and the walks' plans.
import { afterEach, describe, expect, test } from 'vitest';
import { fixedClock } from '../../electron/backend/context';
import { UNRATED_COUNT } from '../../electron/backend/watchlists/overview';
import {
  REGISTER_TOTALS,
  UNRATED_BY_NAME,
  UNRATED_UNDER_PARENTS,
  UNRATED_UNITS_UNDER,
  WEAK_UNDER_PARENTS,
  WEAK_UNITS_UNDER,
  WEAK_WALK,
  registerCounts,
  registerFigures,
} from '../../electron/backend/watchlists/overview-register';
import { OVERVIEW_LIMIT } from '../../shared/methods/watchlists';
import type { TestBackend } from '../helpers/backend';
import { cleanupTemp, makeBackend } from '../helpers/backend';
import type { NationalData } from '../helpers/national';
import { generateNational } from '../helpers/national';
import { prng } from '../helpers/prng';
import { referenceRegisterFigures } from '../helpers/reference-overview';
import { createList } from '../helpers/watchlists';

afterEach(cleanupTemp);

const TODAY = '2025-03-10';
/** More units share this folded name than Tổng quan lists, and it sorts before the others. */
const SHARED_NAMES = ['Ấp An', 'ấp an', 'Áp An', 'ẤP AN'];

function ids(b: TestBackend, sql: string, ...params: unknown[]): string[] {
  return b.ctx.db
    .prepare(sql)
    .pluck()
    .all(...params) as string[];
}

/** 1,200 units under 12 districts, 2015–2024. */
function generated(): { b: TestBackend; data: NationalData } {
  const b = makeBackend({ clock: fixedClock(`${TODAY}T08:00:00Z`) });
  const data = generateNational(b.ctx.db, {
    root: 'Đảng bộ toàn quốc Mẫu',
    provinces: 3,
    districts: 12,
    units: 1200,
    firstYear: 2015,
    years: 10,
    seed: 4242,
    renameEvery: 9,
  });
  return { b, data };
}

/** The TCCSĐ of 2024 with no live rating. */
const UNRATED_2024 = `SELECT v.unit_id FROM unit_versions v WHERE v.deleted_at IS NULL
  AND v.valid_from <= 2024 AND (v.valid_to IS NULL OR v.valid_to >= 2024)
  AND v.kind IN ('base_committee', 'base_cell')
  AND NOT EXISTS (SELECT 1 FROM ratings r WHERE r.unit_id = v.unit_id AND r.year = 2024
    AND r.deleted_at IS NULL)
  ORDER BY v.unit_id`;

/** The units under these districts in 2024. */
const UNDER_DISTRICTS = `SELECT unit_id FROM unit_versions WHERE deleted_at IS NULL
  AND valid_from <= 2024 AND (valid_to IS NULL OR valid_to >= 2024)
  AND parent_id IN (SELECT value FROM json_each(?))`;

/**
 * The generated register with 2024 shaped so both lists are cut at the limit: `spread`, 400
 * units at the lowest level and 400 others with their rating removed, over every committee;
 * otherwise 3 districts' units at the lowest level and 3 others' with their ratings removed.
 */
function register(shape: 'spread' | 'three districts' = 'spread'): {
  b: TestBackend;
  listed: string[];
} {
  const { b, data } = generated();
  const db = b.ctx.db;
  if (shape === 'spread') {
    db.prepare(
      `UPDATE ratings SET level_code = 'KHTNV', exemplary = 0 WHERE year = 2024
       AND deleted_at IS NULL AND level_code IS NOT NULL AND unit_id IN (SELECT unit_id FROM
         (SELECT unit_id FROM ratings WHERE year = 2024 ORDER BY unit_id DESC LIMIT 400))`,
    ).run();
    db.prepare(
      `UPDATE ratings SET deleted_at = '2025-03-10T09:00:00Z' WHERE year = 2024
       AND deleted_at IS NULL AND unit_id IN (SELECT unit_id FROM
         (SELECT unit_id FROM ratings WHERE year = 2024 ORDER BY unit_id LIMIT 400))`,
    ).run();
  } else {
    // The year's own weak and unrated units (the generator's, over every committee) first made
    // rated at another level, through the app for the unrated.
    db.prepare(
      `UPDATE ratings SET level_code = 'HTNV' WHERE year = 2024 AND level_code = 'KHTNV'`,
    ).run();
    for (const unitId of ids(b, UNRATED_2024)) {
      b.call('ratings.set', { unitId, year: 2024, levelCode: 'HTNV' });
    }
    const districts = (from: number) => JSON.stringify(data.districtIds.slice(from, from + 3));
    db.prepare(
      `UPDATE ratings SET level_code = 'KHTNV', exemplary = 0 WHERE year = 2024
       AND deleted_at IS NULL AND level_code IS NOT NULL AND unit_id IN (${UNDER_DISTRICTS})`,
    ).run(districts(0));
    db.prepare(
      `UPDATE ratings SET deleted_at = '2025-03-10T09:00:00Z' WHERE year = 2024
       AND deleted_at IS NULL AND unit_id IN (${UNDER_DISTRICTS})`,
    ).run(districts(3));
  }
  const unrated = ids(b, UNRATED_2024);
  expect(unrated.length).toBeGreaterThan(OVERVIEW_LIMIT + 60);
  // 240 of them renamed (in 2024, each a new version: rows in the order renamed) to one folded
  // name, in a shuffled order so that their parents do not follow their rows; 4 groups of three
  // elsewhere in the order.
  const random = prng(99);
  const shuffled = [...unrated];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [shuffled[i], shuffled[j]] = [shuffled[j] ?? '', shuffled[i] ?? ''];
  }
  const rename = (id: string, name: string) =>
    b.call('units.rename', { id, year: 2024, name, allowDuplicateName: true });
  shuffled
    .slice(0, 240)
    .forEach((id, i) => rename(id, SHARED_NAMES[i % SHARED_NAMES.length] ?? ''));
  shuffled.slice(240, 252).forEach((id, i) => rename(id, `Chi bộ Khu ${Math.floor(i / 3) + 5}`));
  // The first weak unit in the register's order and the first unrated one by name become of a
  // kind that is not rated (a committee): neither list shows them. The next ones are removed
  // with their versions left live (damaged data): neither list shows them either.
  const weakInOrder = ids(
    b,
    `SELECT v.unit_id FROM unit_versions v JOIN ratings r ON r.unit_id = v.unit_id
       AND r.year = 2024 AND r.deleted_at IS NULL AND r.level_code = 'KHTNV'
     WHERE v.deleted_at IS NULL AND v.valid_from <= 2024 AND (v.valid_to IS NULL OR v.valid_to >= 2024)
     ORDER BY v.sort_key, v.unit_id LIMIT 30`,
  );
  const unratedByName = ids(
    b,
    `SELECT v.unit_id FROM unit_versions v WHERE v.deleted_at IS NULL AND v.valid_from <= 2024
       AND (v.valid_to IS NULL OR v.valid_to >= 2024) AND v.kind IN ('base_committee', 'base_cell')
       AND NOT EXISTS (SELECT 1 FROM ratings r WHERE r.unit_id = v.unit_id AND r.year = 2024
         AND r.deleted_at IS NULL)
     ORDER BY v.name_folded, v.seq LIMIT 2`,
  );
  const [otherKindWeak, removedWeak] = weakInOrder;
  const [otherKindUnrated, removedUnrated] = unratedByName;
  if (!otherKindWeak || !removedWeak || !otherKindUnrated || !removedUnrated) {
    throw new Error('generator shape changed');
  }
  const setKind = db.prepare(
    `UPDATE unit_versions SET kind = 'upper_committee' WHERE unit_id = ? AND valid_to IS NULL`,
  );
  setKind.run(otherKindWeak);
  setKind.run(otherKindUnrated);
  const remove = db.prepare(`UPDATE units SET deleted_at = '2025-01-01T00:00:00Z' WHERE id = ?`);
  remove.run(removedWeak);
  remove.run(removedUnrated);
  // A list of 2025 naming weak units among the first ones: they come after the others.
  const list = createList(b, data.provinceIds[0] ?? '', 2025);
  const listed = weakInOrder.slice(2, 30).filter((_, i) => i % 3 === 0);
  for (const unitId of listed) b.call('watchlists.addMember', { watchlistId: list.id, unitId });
  return { b, listed: [...listed].sort() };
}

describe('Tổng quan: the weak and unrated units walked, the totals in one statement', () => {
  test('equal to the code before for every year, with and without the lists', () => {
    const { b, listed } = register();
    const db = b.ctx.db;
    const now = registerFigures(db, 2024, listed);
    // The shape the comparison relies on: both lists cut at the limit and walked (their units
    // are under every committee), the shared name across the cut.
    const counts = registerCounts(db, 2024);
    expect([counts.weak.way, counts.unrated.way]).toEqual(['walk', 'walk']);
    expect(now.weakest.total).toBeGreaterThan(OVERVIEW_LIMIT);
    expect(now.unrated.total).toBeGreaterThan(OVERVIEW_LIMIT);
    const shared = now.unrated.items.filter((u) => u.name.toLowerCase().includes('p an'));
    expect(shared.length).toBeGreaterThan(OVERVIEW_LIMIT / 2);
    expect(shared.length).toBeLessThan(240);
    expect(now).toEqual(referenceRegisterFigures(db, 2024, listed));
    for (let year = 2015; year <= 2024; year++) {
      for (const list of [[], listed]) {
        const figures = registerFigures(db, year, list);
        expect(figures, `${year} ${list.length}`).toEqual(referenceRegisterFigures(db, year, list));
        const direct = db.prepare(UNRATED_COUNT).get({ year }) as { n: number };
        expect(figures.unrated.total, String(year)).toBe(direct.n);
      }
    }
    // Through the app: Tổng quan of 2025 (rating year 2024) with its lists.
    const overview = b.call('overview.get', { year: 2025 });
    const reference = referenceRegisterFigures(db, 2024, listed);
    expect(overview.weakest).toEqual(reference.weakest);
    expect(overview.unrated).toEqual(reference.unrated);
  });

  test('fewer weak units than the limit: the listed ones follow, as before', () => {
    const { b, listed } = register();
    const db = b.ctx.db;
    db.prepare(
      `UPDATE ratings SET level_code = 'HTNV' WHERE year = 2024 AND level_code = 'KHTNV'
       AND unit_id NOT IN (SELECT value FROM json_each(?)) AND unit_id IN
         (SELECT unit_id FROM ratings WHERE year = 2024 ORDER BY unit_id DESC LIMIT 300)`,
    ).run(JSON.stringify(listed));
    const now = registerFigures(db, 2024, listed);
    expect(now.weakest.total).toBeLessThan(OVERVIEW_LIMIT);
    expect(now.weakest.items.filter((u) => u.onList).length).toBe(listed.length);
    expect(now).toEqual(referenceRegisterFigures(db, 2024, listed));
  });

  test('units under a few committees, or fewer than the limit: read under them, equal too', () => {
    const { b, listed } = register('three districts');
    const db = b.ctx.db;
    const counts = registerCounts(db, 2024);
    // More than the limit of each, under 3 of 12 districts: read under those committees.
    expect(counts.weak.total).toBeGreaterThan(OVERVIEW_LIMIT);
    expect(counts.unrated.total).toBeGreaterThan(OVERVIEW_LIMIT);
    expect(counts.weak.total).toBeLessThan(4 * OVERVIEW_LIMIT);
    expect(counts.unrated.total).toBeLessThan(4 * OVERVIEW_LIMIT);
    expect([counts.weak.way, counts.unrated.way]).toEqual(['committees', 'committees']);
    const now = registerFigures(db, 2024, listed);
    const shared = now.unrated.items.filter((u) => u.name.toLowerCase().includes('p an'));
    expect(shared.length).toBeGreaterThan(OVERVIEW_LIMIT / 2);
    expect(shared.length).toBeLessThan(240);
    expect(now).toEqual(referenceRegisterFigures(db, 2024, listed));
    expect(registerFigures(db, 2024, [])).toEqual(referenceRegisterFigures(db, 2024, []));
    // The years before: fewer than the limit of each (read under their committees).
    for (let year = 2015; year <= 2023; year++) {
      const before = registerCounts(db, year);
      expect(before.unrated.way, String(year)).toBe(
        before.unrated.total <= OVERVIEW_LIMIT ? 'committees' : before.unrated.way,
      );
      expect(registerFigures(db, year, listed), String(year)).toEqual(
        referenceRegisterFigures(db, year, listed),
      );
    }
    // Fewer weak units than the limit, the listed ones after them.
    db.prepare(
      `UPDATE ratings SET level_code = 'HTNV' WHERE year = 2024 AND level_code = 'KHTNV'
       AND unit_id NOT IN (SELECT value FROM json_each(?)) AND unit_id IN
         (SELECT unit_id FROM ratings WHERE year = 2024 AND level_code = 'KHTNV'
          ORDER BY unit_id LIMIT 150)`,
    ).run(JSON.stringify(listed));
    expect(registerCounts(db, 2024).weak).toMatchObject({ way: 'committees' });
    const fewer = registerFigures(db, 2024, listed);
    expect(fewer.weakest.total).toBeLessThan(OVERVIEW_LIMIT);
    expect(fewer).toEqual(referenceRegisterFigures(db, 2024, listed));
  });

  test('the walks: the intended indexes in their order, no sort, the ratings probed by key', () => {
    const { b } = register();
    const plan = (sql: string) =>
      (
        b.ctx.db
          .prepare(`EXPLAIN QUERY PLAN ${sql}`)
          .all({ year: 2024, level: 'KHTNV', listed: '[]' }) as { detail: string }[]
      ).map((r) => r.detail);
    const weak = plan(WEAK_WALK);
    expect(weak).toContain('SCAN v USING INDEX unit_versions_register');
    const unrated = plan(UNRATED_BY_NAME);
    expect(unrated).toContain('SCAN v USING INDEX unit_versions_same_name');
    for (const steps of [weak, unrated]) {
      expect(steps.join('\n')).toMatch(
        /SEARCH r USING COVERING INDEX ratings_by_year \(year=\? AND unit_id=\? AND deleted_at=\?\)/,
      );
      expect(steps.join('\n')).not.toMatch(/TEMP B-TREE/);
    }
    for (const sql of [WEAK_UNDER_PARENTS, UNRATED_UNDER_PARENTS]) {
      const steps = plan(sql).join('\n');
      // Each committee's children from the tree index, the ratings probed by key.
      expect(steps).toMatch(/SEARCH v USING INDEX unit_versions_tree \(parent_id=\?/);
      expect(steps).toMatch(
        /SEARCH r USING COVERING INDEX ratings_by_year \(year=\? AND unit_id=\? AND deleted_at=\?\)/,
      );
      expect(steps).not.toMatch(/SCAN (v|r)\b/);
    }
    for (const sql of [WEAK_UNITS_UNDER, UNRATED_UNITS_UNDER]) {
      expect(plan(sql).join('\n')).toMatch(/SEARCH rating_tallies USING PRIMARY KEY \(year=\?\)/);
    }
    const totals = plan(REGISTER_TOTALS);
    expect(totals.filter((d) => d.includes('rating_tallies'))).toEqual([
      'SEARCH rating_tallies USING PRIMARY KEY (year=?)',
      'SEARCH rating_tallies USING PRIMARY KEY (year=?)',
    ]);
  });
});
