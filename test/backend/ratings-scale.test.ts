// National size (DOMAIN.md §7): ≈55,000 units with ten years of ratings (2015–2024), written
// straight into the real tables in one transaction, then read back through the contract.
// Every query must return the right totals and take well under a second.
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import type { TestBackend } from '../helpers/backend';
import { cleanupTemp, makeBackend } from '../helpers/backend';
import type { NationalData } from '../helpers/national';
import {
  CODES_2008,
  CODES_2018,
  NEW,
  NONE,
  ONE_PROVINCE,
  baseUnitCount,
  codeOf,
  generateNational,
} from '../helpers/national';

vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

// One province → 700 district-level committees → the rest grassroots units, each district with
// 77–78 of them (test/helpers/national.ts writes them).
const DISTRICTS = ONE_PROVINCE.districts;
const BASE_UNITS = baseUnitCount(ONE_PROVINCE);
const FIRST_YEAR = ONE_PROVINCE.firstYear;
const YEARS = ONE_PROVINCE.years;
const BASE_KINDS = ['base_committee', 'base_cell'] as ('base_committee' | 'base_cell')[];
const LIMIT_MS = 1000;

type Data = NationalData;

const validIn = (data: Data, i: number, year: number) =>
  data.validFrom[i]! <= year && year <= data.validTo[i]!;

/** What ratings.counts must say, tallied from what was generated. */
function expectedCounts(data: Data, year: number, district?: number) {
  const y = year - FIRST_YEAR;
  const codes = year <= 2017 ? CODES_2008 : CODES_2018;
  const counts: Record<string, number> = Object.fromEntries(codes.map((c) => [c, 0]));
  let total = 0;
  let exemplary = 0;
  let missing = 0;
  let isNew = 0;
  for (let i = 0; i < BASE_UNITS; i++) {
    if (!validIn(data, i, year)) continue;
    if (district !== undefined && data.districtOf[i] !== district) continue;
    total++;
    const r = data.rating[i * YEARS + y]!;
    if (r === NONE) missing++;
    else if (r === NEW) isNew++;
    else {
      counts[codeOf(year, r)]!++;
      exemplary += data.exemplary[i * YEARS + y]!;
    }
  }
  return { total, counts, exemplary, missing, notRated: isNew ? { new: isNew } : {} };
}

/**
 * The (district, kind) groups over the HTXSNV quota in a year: each district decides its own
 * đảng bộ xã and its own chi bộ, and each group is judged on its own counts.
 */
function expectedQuotaGroupsOver(data: Data, year: number): string[] {
  const y = year - FIRST_YEAR;
  const groups = new Map<string, { top: number; base: number }>();
  for (let i = 0; i < BASE_UNITS; i++) {
    if (!validIn(data, i, year)) continue;
    const key = `${data.districtIds[data.districtOf[i]!]}|${i % 3 === 0 ? 'base_committee' : 'base_cell'}`;
    const group = groups.get(key) ?? { top: 0, base: 0 };
    const r = data.rating[i * YEARS + y]!;
    if (r === 1) group.top++;
    if (r === 2) group.base++;
    groups.set(key, group);
  }
  return [...groups]
    .filter(([, g]) => g.top > Math.floor((g.base * 20) / 100))
    .map(([key]) => key)
    .sort();
}

type Counts = { up: number; same: number; down: number; not_comparable: number; total: number };
const zero = (): Counts => ({ up: 0, same: 0, down: 0, not_comparable: 0, total: 0 });

/** What ratings.transitions must say, over the base units valid in the later year. */
function expectedTrends(data: Data, fromYear: number, toYear: number, crosswalk: boolean) {
  const crosses = fromYear <= 2017 !== toYear <= 2017;
  const totals = zero();
  const byDistrict = Array.from({ length: DISTRICTS }, zero);
  for (let i = 0; i < BASE_UNITS; i++) {
    if (!validIn(data, i, toYear)) continue;
    const a = data.rating[i * YEARS + fromYear - FIRST_YEAR]!;
    const b = data.rating[i * YEARS + toYear - FIRST_YEAR]!;
    const trend: keyof Counts =
      a === NONE || b === NONE || a === NEW || b === NEW || (crosses && !crosswalk)
        ? 'not_comparable'
        : b < a
          ? 'up'
          : b > a
            ? 'down'
            : 'same';
    for (const c of [totals, byDistrict[data.districtOf[i]!]!]) {
      c[trend]++;
      c.total++;
    }
  }
  return { totals, byDistrict };
}

let b: TestBackend;
let data: Data;
const timings: [string, number[]][] = [];
/** The SQL the backend prepared while a timed query ran. */
const prepared: string[] = [];
let recording = false;

/**
 * Runs a query through the contract twice (the first run includes preparing its statements),
 * records both times, asserts the faster one is under LIMIT_MS and returns the value. Best of
 * two keeps a busy 2-core test machine from failing a query that is fast on its own.
 */
function timed<T>(label: string, run: () => T): T {
  const times: number[] = [];
  let value: T | undefined;
  for (let i = 0; i < 2; i++) {
    recording = i === 0;
    const started = performance.now();
    value = run();
    times.push(performance.now() - started);
    recording = false;
  }
  const best = Math.min(...times);
  timings.push([label, times]);
  expect(best, `${label} took ${times.map((t) => t.toFixed(0)).join(' / ')} ms`).toBeLessThan(
    LIMIT_MS,
  );
  return value!;
}

beforeAll(() => {
  b = makeBackend();
  const started = performance.now();
  data = generateNational(b.ctx.db, ONE_PROVINCE);
  timings.push(['(generation, not asserted)', [performance.now() - started]]);
  // Record every statement the backend prepares from now on, to check their query plans.
  const prepare = b.ctx.db.prepare.bind(b.ctx.db);
  vi.spyOn(b.ctx.db, 'prepare').mockImplementation((sql: string) => {
    if (recording) prepared.push(sql);
    return prepare(sql);
  });
});

afterAll(() => {
  vi.restoreAllMocks();
  console.info(
    `National-size queries (${BASE_UNITS + DISTRICTS + 1} units):\n` +
      timings
        .map(([label, ms]) => `  ${label}: ${ms.map((t) => t.toFixed(1)).join(' / ')} ms`)
        .join('\n'),
  );
  cleanupTemp();
});

describe('about 55,000 units and ten years of ratings', () => {
  test('the generated file holds what the tests expect', () => {
    const db = b.ctx.db;
    expect(db.prepare('SELECT count(*) FROM units').pluck().get()).toBe(55_000);
    const ratings = db.prepare('SELECT count(*) FROM ratings').pluck().get() as number;
    expect(ratings).toBeGreaterThan(500_000);
    expect(data.baseIds).toHaveLength(BASE_UNITS);
  });

  test('ratings.counts over every grassroots unit of a year', () => {
    for (const year of [2017, 2020]) {
      const c = timed(`ratings.counts ${year}, all grassroots units`, () =>
        b.call('ratings.counts', { year, kinds: BASE_KINDS }),
      );
      const expected = expectedCounts(data, year);
      expect(c).toMatchObject(expected);
      expect(c.total).toBeGreaterThan(50_000);
      // Before 2025 the HTXSNV quota applies only once switched on in the settings.
      expect(c.warnings).toEqual([]);
    }
  });

  test('with the quota switched on, ratings.counts warns per district and kind', () => {
    b.call('ratings.setQuota', { scaleId: 'qd132-2018', enabled: true, base: 'level' });
    try {
      const c = timed('ratings.counts 2020 with the quota, all grassroots units', () =>
        b.call('ratings.counts', { year: 2020, kinds: BASE_KINDS }),
      );
      const expected = expectedQuotaGroupsOver(data, 2020);
      // 2020 is generated near the quota: some groups are over it, others are not.
      expect(expected.length).toBeGreaterThan(0);
      expect(expected.length).toBeLessThan(DISTRICTS * 2);
      expect(c.warnings.map((w) => `${w.committeeId}|${w.kind}`).sort()).toEqual(expected);
    } finally {
      b.call('ratings.setQuota', { scaleId: 'qd132-2018', enabled: false, base: 'level' });
    }
  });

  test('ratings.counts over everything leaves the 701 committees out', () => {
    const c = timed('ratings.counts 2017, every unit', () =>
      b.call('ratings.counts', { year: 2017 }),
    );
    expect(c).toMatchObject(expectedCounts(data, 2017));
  });

  test('ratings.counts over one district', () => {
    const c = timed('ratings.counts 2017, one district', () =>
      b.call('ratings.counts', { year: 2017, scopeId: data.districtIds[0]! }),
    );
    expect(c).toMatchObject(expectedCounts(data, 2017, 0));
    expect(c.total).toBeGreaterThanOrEqual(70);
  });

  test('ratings.transitions 2016 → 2017 over every grassroots unit', () => {
    const t = timed('ratings.transitions 2016→2017, all grassroots units', () =>
      b.call('ratings.transitions', { fromYear: 2016, toYear: 2017, kinds: BASE_KINDS }),
    );
    const expected = expectedTrends(data, 2016, 2017, false);
    expect(t.crossesScale).toBe(false);
    expect(t.totals).toEqual(expected.totals);
    expect(t.groups).toHaveLength(DISTRICTS);
    const first = t.groups.find((g) => g.groupId === data.districtIds[0]);
    expect(first).toMatchObject({ groupName: 'Đảng bộ huyện Miền 1', ...expected.byDistrict[0] });
    expect(t.matrix.reduce((n, c) => n + c.count, 0)).toBe(expected.totals.total);
    const units = b.call('ratings.transitionUnits', {
      fromYear: 2016,
      toYear: 2017,
      kinds: BASE_KINDS,
      groupId: data.districtIds[0]!,
    }).units;
    expect(units).toHaveLength(expected.byDistrict[0]!.total);
  });

  test('ratings.transitions 2017 → 2018 with the crosswalk, and without it', () => {
    const t = timed('ratings.transitions 2017→2018 crosswalk, all grassroots units', () =>
      b.call('ratings.transitions', {
        fromYear: 2017,
        toYear: 2018,
        kinds: BASE_KINDS,
        crosswalk: true,
      }),
    );
    const expected = expectedTrends(data, 2017, 2018, true);
    expect(t).toMatchObject({ crossesScale: true, crosswalk: true });
    expect(t.totals).toEqual(expected.totals);
    expect(t.totals.down).toBeGreaterThan(t.totals.up);
    const plain = timed('ratings.transitions 2017→2018 no crosswalk, all grassroots units', () =>
      b.call('ratings.transitions', { fromYear: 2017, toYear: 2018, kinds: BASE_KINDS }),
    );
    expect(plain.totals).toEqual({
      ...zero(),
      not_comparable: expected.totals.total,
      total: expected.totals.total,
    });
  });

  test('ratings.grid and ratings.list for one district', () => {
    const district = 0;
    const grid = timed('ratings.grid 2017, one district', () =>
      b.call('ratings.grid', { year: 2017, scopeId: data.districtIds[district]! }),
    );
    const expected = expectedCounts(data, 2017, district);
    expect(grid.rows).toHaveLength(expected.total);
    const index = new Map(data.baseIds.map((id, i) => [id, i]));
    for (const row of grid.rows) {
      const i = index.get(row.unitId)!;
      expect(data.districtOf[i]).toBe(district);
      const now = data.rating[i * YEARS + 2017 - FIRST_YEAR]!;
      const before = data.rating[i * YEARS + 2016 - FIRST_YEAR]!;
      expect(row.current?.levelCode ?? null).toBe(now === NONE ? null : codeOf(2017, now));
      expect(row.previous?.levelCode ?? null).toBe(before === NONE ? null : codeOf(2016, before));
    }
    expect(grid.rows[0]?.name).toBe('Chi bộ thôn Nà Pàn 700'); // numbers in numeric order
    expect(grid.rows.map((r) => r.name)).toContain('Đảng bộ xã Đồng Ý');
    const list = timed('ratings.list 2017, one district', () =>
      b.call('ratings.list', { year: 2017, scopeId: data.districtIds[district]! }),
    );
    expect(list.rows).toHaveLength(expected.total - expected.missing);
    const history = timed('ratings.history, one unit', () =>
      b.call('ratings.history', { unitId: data.dongY }),
    );
    expect(history.ratings.map((r) => r.year)).toEqual(
      Array.from({ length: YEARS }, (_, y) => FIRST_YEAR + y).filter(
        (year) => data.rating[year - FIRST_YEAR] !== NONE,
      ),
    );
  });

  test('units.list search finds by folded words among 55,000 units', () => {
    const dongY = timed('units.list search "dong y"', () =>
      b.call('units.list', { year: 2020, search: 'dong y' }),
    );
    expect(dongY.rows.map((r) => r.name)).toEqual(['Đảng bộ xã Đồng Ý']);
    const districts = timed('units.list search "huyện"', () =>
      b.call('units.list', { year: 2020, search: 'huyện' }),
    );
    expect(districts.rows).toHaveLength(DISTRICTS);
    const one = timed('units.list search "Tân Lập 12345"', () =>
      b.call('units.list', { year: 2020, search: 'Tân Lập 12345' }),
    );
    expect(one.rows.map((r) => r.name)).toEqual(['Đảng bộ xã Tân Lập 12345']);
  });

  test('the year lookups of ratings use an index, never a full scan of ratings', () => {
    // Statements are prepared once per connection: run every read (again) while recording, so
    // this test sees them whether or not the tests above ran.
    recording = true;
    const scopeId = data.districtIds[0]!;
    b.call('ratings.grid', { year: 2017, scopeId });
    b.call('ratings.list', { year: 2017, scopeId });
    b.call('ratings.counts', { year: 2017, scopeId });
    b.call('ratings.transitions', { fromYear: 2016, toYear: 2017, scopeId });
    b.call('ratings.history', { unitId: data.dongY });
    recording = false;
    const ratingQueries = [...new Set(prepared)].filter((sql) =>
      /\b(FROM|JOIN)\s+ratings\b/.test(sql),
    );
    /** The names a query gives the ratings table ("ratings r", "ratings a" … or bare). */
    const aliases = (sql: string) =>
      [...sql.matchAll(/\b(?:FROM|JOIN)\s+ratings\b(?:\s+(\w+))?/g)].map((m) =>
        m[1] && !/^(WHERE|ON|JOIN|LEFT|INNER|INDEXED|ORDER|GROUP)$/i.test(m[1]) ? m[1] : 'ratings',
      );
    // One year for a list of units, one whole year, one unit's history.
    expect(ratingQueries.length).toBeGreaterThanOrEqual(3);
    const params: Record<string, string | number> = {
      year: 2017,
      ratingYear: 2016,
      // The year before, in the grid (its previous column) and the transitions (their first year).
      previous: 2016,
      fromYear: 2016,
      scope: data.districtIds[0]!,
      ids: JSON.stringify(data.baseIds.slice(0, 10)),
      kinds: JSON.stringify(BASE_KINDS),
      // The quota's counts per deciding committee.
      committees: JSON.stringify(data.districtIds.slice(0, 10)),
      withoutParent: 0,
    };
    for (const sql of ratingQueries) {
      const named = [...sql.matchAll(/:(\w+)/g)].map((m) => m[1]!);
      // Positional queries: one unit's history (unit_id = ?), or one year of ratings
      // (year = ?) for a list of units (json_each(?)) or for the whole year.
      const positional = (sql.match(/\?/g) ?? []).length;
      const bind = !sql.includes('?')
        ? [Object.fromEntries(named.map((name) => [name, params[name]!]))]
        : sql.includes('unit_id = ?')
          ? [data.dongY]
          : [2017, params.ids!].slice(0, positional);
      const plan = (
        b.ctx.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...bind) as { detail: string }[]
      ).map((row) => row.detail);
      const names = aliases(sql);
      const onRatings = plan.filter((d) =>
        names.some((name) => new RegExp(`^(SCAN|SEARCH) ${name}\\b`).test(d)),
      );
      expect(onRatings.length, plan.join('\n')).toBe(names.length);
      for (const d of onRatings) {
        expect(d, plan.join('\n')).toMatch(
          /^SEARCH .*INDEX (ratings_by_year|ratings_by_unit_year)/,
        );
      }
    }
  });
});
