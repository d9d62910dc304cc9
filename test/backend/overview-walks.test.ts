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
  WEAK_WALK,
  registerFigures,
} from '../../electron/backend/watchlists/overview-register';
import { OVERVIEW_LIMIT } from '../../shared/methods/watchlists';
import type { TestBackend } from '../helpers/backend';
import { cleanupTemp, makeBackend } from '../helpers/backend';
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

/** 1,200 units, 2015–2024, with 2024 shaped so both lists are cut at the limit. */
function register(): { b: TestBackend; listed: string[] } {
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
  const db = b.ctx.db;
  // 400 units at the lowest level in 2024, 400 others with their 2024 rating removed.
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
  const unrated = ids(
    b,
    `SELECT v.unit_id FROM unit_versions v WHERE v.deleted_at IS NULL AND v.valid_from <= 2024
       AND (v.valid_to IS NULL OR v.valid_to >= 2024) AND v.kind IN ('base_committee', 'base_cell')
       AND NOT EXISTS (SELECT 1 FROM ratings r WHERE r.unit_id = v.unit_id AND r.year = 2024
         AND r.deleted_at IS NULL)
     ORDER BY v.unit_id`,
  );
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
    // The shape the comparison relies on: both lists cut at the limit, the shared name across
    // the cut, the units of another kind and the removed ones left out.
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
    const totals = plan(REGISTER_TOTALS);
    expect(totals.filter((d) => d.includes('rating_tallies'))).toEqual([
      'SEARCH rating_tallies USING PRIMARY KEY (year=?)',
      'SEARCH rating_tallies USING PRIMARY KEY (year=?)',
    ]);
  });
});
