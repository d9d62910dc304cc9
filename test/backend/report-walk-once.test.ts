// A register report's figures from the summaries walk the scope's committees once: the tallies of
// year N and the pairs N - 1 → N read the walk handed over as a list (LISTED_WALK), and the
// screen's units read apart (listed and changed units, by id) are kept once per path to their
// committee in JS, as the join to the walk kept them. The answers equal the old code's
// (test/helpers/reference-reports-progress.ts) for every scope, on clean data and on damaged data
// where the walk reaches a committee twice (a district under two provinces at once, with listed
// units under it); the listed statements search the summaries by key (EXPLAIN QUERY PLAN).
import { afterEach, describe, expect, test, vi } from 'vitest';
import { fixedClock } from '../../electron/backend/context';
import { NATION_EDGES_SQL } from '../../electron/backend/ratings/nation-walk';
import { LISTED_WALK, walkedCommittees } from '../../electron/backend/ratings/tallies';
import type { ProgressReport, ReportGroup } from '../../shared/contract';
import type { TestBackend } from '../helpers/backend';
import { cleanupTemp, makeBackend } from '../helpers/backend';
import type { NationalData } from '../helpers/national';
import { generateNational } from '../helpers/national';
import { referenceProgressReport } from '../helpers/reference-reports-progress';
import { unitSortKey } from '../../shared/domain/sort-key';
import { createList } from '../helpers/watchlists';
import { queryPlan } from '../helpers/prepared';

afterEach(cleanupTemp);

function register(): { b: TestBackend; data: NationalData; rootId: string } {
  const b = makeBackend({ clock: fixedClock('2025-03-10T08:00:00Z') });
  const db = b.ctx.db;
  const data = generateNational(db, {
    root: 'Đảng bộ toàn quốc Mẫu',
    provinces: 3,
    districts: 12,
    units: 1200,
    firstYear: 2015,
    years: 10,
    seed: 57,
    renameEvery: 7,
  });
  const rootId = data.rootId;
  if (rootId === null) throw new Error('the generated register has no root');
  // Units on a list, some under the district that the damaged case puts under two provinces.
  const district = data.districtIds[0] ?? '';
  const under = db
    .prepare(
      `SELECT unit_id FROM unit_versions WHERE parent_id = ? AND deleted_at IS NULL
         AND valid_from <= 2023 AND (valid_to IS NULL OR valid_to >= 2024) ORDER BY unit_id LIMIT 6`,
    )
    .pluck()
    .all(district) as string[];
  const others = data.baseIds
    .filter((_, i) => i % 97 === 5 && data.validFrom[i] === 2008 && data.validTo[i] === 9999)
    .slice(0, 6);
  const list = createList(b, rootId, 2024);
  for (const unitId of [...under, ...others]) {
    b.call('watchlists.addMember', { watchlistId: list.id, unitId });
  }
  // The lowest level in 2024 for some units (the one call's carry-over list reads them).
  db.prepare(
    `UPDATE ratings SET level_code = 'KHTNV' WHERE year = 2024 AND unit_id IN
       (SELECT unit_id FROM ratings WHERE year = 2024 ORDER BY unit_id LIMIT 30)`,
  ).run();
  return { b, data, rootId };
}

/** A second version of `district` under `province` from 2016, written behind the app's back. */
function underTwoParents(b: TestBackend, district: string, province: string): void {
  b.ctx.db
    .prepare(
      `INSERT INTO unit_versions (id, unit_id, valid_from, valid_to, name, name_folded, sort_key,
         kind, parent_id, created_at, updated_at, changed_by_installation)
       SELECT 'v-twice', unit_id, 2016, NULL, name, name_folded, sort_key, kind, ?, created_at,
         updated_at, changed_by_installation FROM unit_versions WHERE unit_id = ? LIMIT 1`,
    )
    .run(province, district);
}

function cut(report: ProgressReport): ProgressReport {
  const none = (g: ReportGroup): ReportGroup => ({ ...g, units: [] });
  return { ...report, groups: report.groups.map(none), totals: none(report.totals) };
}

/** The screen's call and the one call (files, CLI) against the old code, for each scope. */
function expectAsBefore(b: TestBackend, scopes: (string | null)[], label: string): void {
  for (const unitId of scopes) {
    const input = { year: 2024, scope: { type: 'register' as const, unitId } };
    const step = `${label} ${unitId ?? 'register'}`;
    const old = referenceProgressReport(b.ctx, input);
    const screen = { ...input, unitsPerGroup: 0, carryOver: false };
    expect(b.call('reports.progress', screen), step).toEqual({ ...cut(old), carryOver: [] });
    expect(b.call('reports.progress', { ...input, unitsPerGroup: 0 }), step).toEqual(cut(old));
  }
}

describe("a register report's walk read once", () => {
  test('the screen call and the one call equal the old code for every scope', () => {
    const { b, data, rootId } = register();
    const scopes = [null, rootId, ...data.provinceIds, data.districtIds[0] ?? ''];
    expectAsBefore(b, scopes, 'clean');
    // The listed units under the district are in the screen's groups.
    const screen = b.call('reports.progress', {
      year: 2024,
      scope: { type: 'register', unitId: rootId },
      unitsPerGroup: 0,
      carryOver: false,
    });
    expect(screen.groups.length).toBeGreaterThan(10);
  });

  test("the groups in the collator's order from their stored sort keys, whatever the keys say", () => {
    const { b, data, rootId } = register();
    const db = b.ctx.db;
    const scopes = [rootId, ...data.provinceIds];
    const [first, second, third, fourth] = data.districtIds;
    const setKey = db.prepare('UPDATE unit_versions SET sort_key = ? WHERE unit_id = ?');
    const nameOf = (id: string | undefined) =>
      db.prepare('SELECT name FROM unit_versions WHERE unit_id = ? LIMIT 1').pluck().get(id);
    // Two committees of one name and one key: in the order of their first unit.
    db.prepare(
      `UPDATE unit_versions SET name = (SELECT name FROM unit_versions WHERE unit_id = :from LIMIT 1),
         sort_key = (SELECT sort_key FROM unit_versions WHERE unit_id = :from LIMIT 1)
       WHERE unit_id = :to`,
    ).run({ from: first, to: second });
    expectAsBefore(b, scopes, 'one name, one key');
    // A key that sorts its committee first, behind the app's back: the collator decides.
    setKey.run('', third);
    expectAsBefore(b, scopes, 'a wrong key');
    // One name, two keys; then a key sorting its committee last.
    setKey.run(unitSortKey(String(nameOf(third))), third);
    setKey.run('zzz', second);
    expectAsBefore(b, scopes, 'one name, two keys');
    setKey.run('\u{10FFFF}', fourth);
    expectAsBefore(b, scopes, 'a key sorting last');
  });

  test('tallies fallen to 0 count nothing: no group for an emptied committee, no reason at 0', () => {
    const { b, data, rootId } = register();
    const db = b.ctx.db;
    const [emptied, other] = data.districtIds;
    // Every unit of one district moved under another, and a year's not-rated units' results
    // removed, through the app: their tallies fall to 0, and the triggers keep the rows at 0.
    const moved = db
      .prepare(
        `SELECT DISTINCT unit_id FROM unit_versions WHERE parent_id = ? AND deleted_at IS NULL
           AND valid_from <= 2024 AND (valid_to IS NULL OR valid_to >= 2024)`,
      )
      .pluck()
      .all(emptied) as string[];
    expect(moved.length).toBeGreaterThan(0);
    for (const id of moved) {
      b.call('units.move', { id, year: 2024, parentId: other ?? '', allowDuplicateName: true });
    }
    const unrated = db
      .prepare(
        `SELECT unit_id FROM ratings WHERE year = 2024 AND deleted_at IS NULL
           AND not_rated_reason IS NOT NULL LIMIT 40`,
      )
      .pluck()
      .all() as string[];
    for (const unitId of unrated) b.call('ratings.remove', { unitId, year: 2024 });
    const atZero = db
      .prepare(
        `SELECT count(*) FROM rating_tallies WHERE year = 2024 AND n = 0
           AND (parent_id = ? OR not_rated_reason <> '')`,
      )
      .pluck()
      .get(emptied) as number;
    expect(atZero).toBeGreaterThan(0);
    expectAsBefore(b, [null, rootId, ...data.provinceIds], 'tallies at 0');
  });

  test('a committee reached twice keeps its units once per path, as the join to the walk did', () => {
    const { b, data, rootId } = register();
    const [district] = data.districtIds;
    const other = data.provinceIds.find((p) => {
      const parent = b.ctx.db
        .prepare(
          `SELECT parent_id FROM unit_versions WHERE unit_id = ? AND deleted_at IS NULL LIMIT 1`,
        )
        .pluck()
        .get(district) as string;
      return p !== parent;
    });
    underTwoParents(b, district ?? '', other ?? '');
    const walked = JSON.parse(walkedCommittees(b.ctx.db, rootId, 2024).walked) as string[];
    expect(walked.filter((id) => id === district)).toHaveLength(2);
    expectAsBefore(b, [rootId, ...data.provinceIds], 'two parents');
  });

  test('the walk is run once for the summaries; the listed statements search by key', () => {
    const { b, rootId } = register();
    const db = b.ctx.db;
    // Every statement run (cached ones too), by its text: the Statement class's readers spied.
    const statements: string[] = [];
    const proto = Object.getPrototypeOf(db.prepare('SELECT 1')) as Record<
      'all' | 'get' | 'iterate',
      (this: { source: string }, ...args: unknown[]) => unknown
    >;
    const spies = (['all', 'get', 'iterate'] as const).map((name) => {
      const original = proto[name];
      return vi.spyOn(proto, name).mockImplementation(function (this: { source: string }, ...args) {
        statements.push(this.source);
        return original.apply(this, args);
      });
    });
    try {
      b.call('reports.progress', {
        year: 2024,
        scope: { type: 'register', unitId: rootId },
        unitsPerGroup: 0,
        carryOver: false,
      });
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    // Year N's walk of the committees (not the chart's walk of the span, which carries bits):
    // the nation's followed in JavaScript over its edges read once (nation-walk.ts), no
    // recursive walk in SQL.
    expect(statements.filter((sql) => sql === NATION_EDGES_SQL)).toHaveLength(1);
    expect(statements.filter((sql) => sql.includes('sub(unit_id, depth)'))).toHaveLength(0);
    const listed = statements.filter((sql) => sql.startsWith(LISTED_WALK));
    const tallies = listed.filter((sql) => sql.includes('rating_tallies'));
    const pairs = listed.filter((sql) => sql.includes('rating_transitions'));
    expect(tallies).toHaveLength(1);
    expect(pairs).toHaveLength(1);
    const walked = walkedCommittees(db, rootId, 2024).walked;
    for (const [sql, table] of [
      [tallies[0] ?? '', 'rating_tallies'],
      [pairs[0] ?? '', 'rating_transitions'],
    ] as const) {
      const plan = queryPlan(db, sql, { year: 2024, kinds: '["base_cell"]', walked });
      // The pairs from migration 23's index of pair numbers, covering; the tallies by their key.
      expect(plan, table).toMatch(
        table === 'rating_transitions'
          ? /SEARCH t USING COVERING INDEX rating_transitions_coded \(year=\? AND parent_id=\?/
          : /SEARCH t USING PRIMARY KEY \(year=\? AND parent_id=\?/,
      );
      expect(plan, table).not.toMatch(/SCAN (t|s|rating_tallies|rating_transitions)\b/);
      expect(plan, table).not.toMatch(/\bratings\b/);
    }
  });
});
