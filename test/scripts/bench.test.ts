// The bench's own parts that decide its verdicts (not the timings): percentiles, the growth
// verdict, when a slow case stops, the command line, the bundle's first-screen files, the JSON's
// shape, and every case of scripts/bench/cases.ts answered by the real backend on a small nation
// built by the bench's generator, with the ids the bench looks up.
import { afterEach, describe, expect, it } from 'vitest';
import { entryScripts, staticImports } from '../../scripts/bench/bundle';
import { timeInterleaved } from '../../scripts/bench/growth';
import type { AnyCase } from '../../scripts/bench/cases';
import {
  CASES,
  SCREEN_BUDGET_MS,
  SEARCH_BUDGET_MS,
  lookupContext,
  selectCases,
} from '../../scripts/bench/cases';
import { addBenchWatchlist, GROWTH_SHAPES } from '../../scripts/bench/dataset';
import { parseOptions, runsPart } from '../../scripts/bench/options';
import type { BenchJson } from '../../scripts/bench/report';
import { browserRow, formatTable } from '../../scripts/bench/report';
import { growthEntries, queryEntry } from '../../scripts/bench/screens';
import {
  CASE_TIME_CAP_MS,
  MIN_RUNS,
  RUNS,
  WARM_UP,
  WARM_UP_CAP_MS,
  anotherRun,
  anotherWarmUp,
  growthOf,
  percentile,
  summarize,
} from '../../scripts/bench/stats';
import { cleanupTemp, makeBackend } from '../helpers/backend';
import type { NationalShape } from '../helpers/national';
import { NATION, generateNational } from '../helpers/national';

afterEach(cleanupTemp);

function caseNamed(name: string): AnyCase {
  const found = CASES.find((c) => c.name === name);
  if (found === undefined) throw new Error(`no bench case named ${name}`);
  return found;
}

describe('percentiles (nearest rank)', () => {
  const thirty = Array.from({ length: 30 }, (_, i) => 30 - i); // 30 … 1, unsorted on purpose

  it('p50 and p95 of 30 runs are the 15th and the 29th fastest', () => {
    expect(percentile(thirty, 50)).toBe(15);
    expect(percentile(thirty, 95)).toBe(29);
    expect(percentile(thirty, 100)).toBe(30);
    expect(percentile([7], 95)).toBe(7);
  });

  it('one slow run in 30 does not move p95; two do', () => {
    const one = [...Array.from({ length: 29 }, () => 5), 900];
    const two = [...Array.from({ length: 28 }, () => 5), 900, 900];
    expect(summarize(one)).toEqual({ runs: 30, p50Ms: 5, p95Ms: 5, maxMs: 900 });
    expect(summarize(two).p95Ms).toBe(900);
  });

  it('refuses no samples and a percentile out of range', () => {
    expect(() => percentile([], 50)).toThrow(/no samples/);
    expect(() => percentile([1], 101)).toThrow(/not between/);
  });
});

describe('verdicts', () => {
  it('a province query is flat up to 1.5× from the smallest nation to the national one', () => {
    expect(growthOf(10, 15)).toEqual({ ratio: 1.5, verdict: 'flat' });
    expect(growthOf(10, 15.2)).toEqual({ ratio: 1.52, verdict: 'GROWS' });
    // Below what a timer tells apart, two tiny times are not a growth.
    expect(growthOf(0.01, 0.04).verdict).toBe('flat');
  });

  it('a screen query meets its budget when its p95 is at or under it', () => {
    const c = caseNamed('ratings.grid, province');
    const run = (p95Ms: number) => ({
      case: c,
      summary: { runs: RUNS, p50Ms: 1, p95Ms, maxMs: p95Ms },
      answerKb: 1,
    });
    expect(queryEntry(run(SCREEN_BUDGET_MS)).ok).toBe(true);
    expect(queryEntry(run(SCREEN_BUDGET_MS + 0.01)).ok).toBe(false);
  });

  it('growth rows take the p50 of each data set, the nation last', () => {
    const c = caseNamed('ratings.counts, province');
    const at = (ms: number) => [
      { case: c, summary: { runs: RUNS, p50Ms: ms, p95Ms: ms, maxMs: ms }, answerKb: 1 },
    ];
    const [g] = growthEntries([
      { label: '5.5k', units: 5500, runs: at(2) },
      { label: '22k', units: 22000, runs: at(3) },
      { label: '55k', units: 55000, runs: at(8) },
    ]);
    expect(g).toEqual({
      name: c.name,
      p50Ms: [
        { label: '5.5k', units: 5500, ms: 2 },
        { label: '22k', units: 22000, ms: 3 },
        { label: '55k', units: 55000, ms: 8 },
      ],
      ratio: 4,
      flat: false,
    });
  });

  it('a longest task of 0 reads "none over 50 ms"; one over fails', () => {
    const row = browserRow({
      name: 'browser: register scrolled, longest task',
      ms: 0,
      budgetMs: 50,
      ok: true,
    });
    expect(row.measured).toBe('none over 50 ms');
    expect(formatTable([row])).toContain('| ok ');
    const over = browserRow({
      name: 'browser: register scrolled, longest task',
      ms: 120,
      budgetMs: 50,
      ok: false,
    });
    expect(formatTable([over])).toContain('OVER');
  });
});

describe('runs of a case', () => {
  it('30 runs; a case over the time cap stops once it has its minimum', () => {
    expect(anotherRun(RUNS - 1, 0)).toBe(true);
    expect(anotherRun(RUNS, 0)).toBe(false);
    expect(anotherRun(MIN_RUNS - 1, CASE_TIME_CAP_MS * 2)).toBe(true);
    expect(anotherRun(MIN_RUNS, CASE_TIME_CAP_MS)).toBe(false);
    expect(anotherRun(MIN_RUNS, CASE_TIME_CAP_MS - 1)).toBe(true);
  });

  it('warm-up: three calls, fewer for a slow case, never none', () => {
    expect(anotherWarmUp(0, 0)).toBe(true);
    expect(anotherWarmUp(2, 10)).toBe(true);
    expect(anotherWarmUp(WARM_UP, 10)).toBe(false);
    expect(anotherWarmUp(1, WARM_UP_CAP_MS)).toBe(false);
  });
});

describe('growth: the nations interleaved', () => {
  it('warms each nation up, then one call per nation a round, each round starting one further', async () => {
    const log: string[] = [];
    const calls = ['5.5k', '22k', '55k'].map((label) => () => {
      log.push(label);
      return Promise.resolve(null);
    });
    const samples = await timeInterleaved(calls);
    const warmUp = WARM_UP * calls.length;
    expect(log.slice(0, warmUp)).toEqual([
      ...Array<string>(WARM_UP).fill('5.5k'),
      ...Array<string>(WARM_UP).fill('22k'),
      ...Array<string>(WARM_UP).fill('55k'),
    ]);
    expect(log.slice(warmUp, warmUp + 9)).toEqual([
      ...['5.5k', '22k', '55k'],
      ...['22k', '55k', '5.5k'],
      ...['55k', '5.5k', '22k'],
    ]);
    expect(log).toHaveLength(warmUp + RUNS * calls.length);
    expect(samples.map((s) => s.length)).toEqual([RUNS, RUNS, RUNS]);
  });

  it('each sample is its own nation’s call: a slower nation shows in its own samples only', async () => {
    const busy = (ms: number) => () => {
      const until = performance.now() + ms;
      while (performance.now() < until);
      return Promise.resolve(null);
    };
    const [fast, slow] = await timeInterleaved([busy(0), busy(2)]);
    expect(percentile(fast ?? [], 50)).toBeLessThan(1);
    expect(percentile(slow ?? [], 50)).toBeGreaterThanOrEqual(2);
  });
});

describe('command line', () => {
  it('--only in both spellings, the parts it names, and refusals', () => {
    expect(parseOptions(['--only', 'grid', '--json']).only).toBe('grid');
    expect(parseOptions(['--only=ratings.counts']).only).toBe('ratings.counts');
    expect(() => parseOptions(['--only'])).toThrow(/--only needs a text/);
    expect(() => parseOptions(['--fast'])).toThrow(/unknown option --fast/);
    expect(runsPart({ only: null }, 'browser')).toBe(true);
    expect(runsPart({ only: 'Browser' }, 'browser')).toBe(true);
    expect(runsPart({ only: 'grid' }, 'browser')).toBe(false);
  });

  it('--only selects cases by a part of their name, in any case', () => {
    const names = selectCases(CASES, 'GRID').map((c) => c.name);
    expect(names).toEqual([
      'ratings.grid, province',
      'ratings.grid, province, every page in turn (informative, no budget)',
      'ratings.grid, district',
    ]);
    expect(selectCases(CASES, null)).toBe(CASES);
  });
});

describe('the cases', () => {
  it('have distinct names and issue 10’s budgets', () => {
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
    for (const c of CASES) {
      expect(c.budgetMs).toBe(c.kind === 'search' ? SEARCH_BUDGET_MS : SCREEN_BUDGET_MS);
    }
    expect(CASES.filter((c) => c.kind === 'search')).toHaveLength(4);
    expect(CASES.filter((c) => c.growth).map((c) => c.name)).toEqual([
      'register: first page, province',
      'ratings.grid, province',
      'ratings.counts, province',
      'ratings.transitions, province',
    ]);
  });

  it('the smaller nations keep the provinces of the national one (about 2,750 units each)', () => {
    for (const { shape } of GROWTH_SHAPES) {
      expect(shape.units / shape.provinces).toBe(NATION.units / NATION.provinces);
      expect(
        Math.abs(shape.districts / shape.provinces - NATION.districts / NATION.provinces),
      ).toBeLessThan(0.3);
    }
  });

  it('every case is answered by the real backend with the ids looked up in the data file', async () => {
    const shape: NationalShape = {
      root: 'Đảng bộ toàn quốc Mẫu',
      provinces: 3,
      districts: 9,
      units: 400,
      firstYear: 2015,
      years: 10,
      seed: 7,
      renameEvery: 5,
    };
    const backend = makeBackend();
    const data = generateNational(backend.ctx.db, shape);
    const rootId = data.rootId ?? 'no root';
    backend.call('setup.complete', {
      operatorName: 'Người đo hiệu năng',
      ownUnit: { mode: 'existing', unitId: rootId },
    });
    expect(lookupContext(backend.ctx.db).watchlistId).toBeNull();
    addBenchWatchlist(backend.ctx);
    const ctx = lookupContext(backend.ctx.db);

    const versions = backend.ctx.db.prepare(
      'SELECT parent_id AS parentId, code, name FROM unit_versions WHERE unit_id = ? ORDER BY valid_from',
    );
    const of = (id: string) =>
      versions.all(id) as { parentId: string | null; code: string | null; name: string }[];
    expect(ctx.rootId).toBe(rootId);
    expect(of(ctx.provinceId)[0]).toMatchObject({ parentId: ctx.rootId, code: 'T-01' });
    expect(of(ctx.districtId)[0]).toMatchObject({ parentId: ctx.provinceId, code: 'H-001' });
    expect(of(ctx.unitId)).toHaveLength(2); // renamed in 2021
    expect(of(ctx.unitId)[0]?.parentId).toBe(ctx.districtId);
    expect(ctx.code).toBe('H-001');
    expect(ctx.twoWords.split(' ')).toHaveLength(2);
    const watchlist = backend.call('watchlists.get', { id: ctx.watchlistId ?? 'none' });
    expect(watchlist.members.length).toBeGreaterThan(0);
    expect(watchlist.members.every((m) => m.unitId !== ctx.provinceId)).toBe(true);

    for (const c of CASES) {
      const answer = await backend.attemptAsync(c.method, c.input(ctx) as never);
      expect(answer.ok, `${c.name}: ${JSON.stringify(answer)}`).toBe(true);
    }
    const search = await backend.callAsync(
      'units.list',
      caseNamed('search: a full code').input(ctx) as never,
    );
    expect((search as { rows: { id: string }[] }).rows[0]?.id).toBe(ctx.districtId);
  });
});

describe('the first screen’s JavaScript', () => {
  it('is the entry and its modulepreloads, then static imports followed; never import()', () => {
    const html = `<script type="module" crossorigin src="./assets/index-A.js"></script>
      <link rel="modulepreload" crossorigin href="./assets/app-B.js">
      <link rel="stylesheet" crossorigin href="./assets/index-C.css">
      <script src="./legacy.js"></script>`;
    expect(entryScripts(html)).toEqual(['./assets/index-A.js', './assets/app-B.js']);
    const code =
      'import{a as b}from"./jsx-D.js";import"./side-E.js";export{c}from"./re-F.js";' +
      'const L=()=>import("./LineChart-G.js");x.import("./no.js")';
    expect(staticImports(code).sort()).toEqual(['./jsx-D.js', './re-F.js', './side-E.js']);
  });
});

describe('the JSON', () => {
  it('has issue 10’s sections and entry fields', () => {
    const json: BenchJson = {
      machine: { rawInsertPerSec: 1, rawPointReadUs: 1, loadavg: [0, 0, 0] },
      results: [{ name: 'x', p50Ms: 1, p95Ms: 2, budgetMs: 20, ok: true }],
      growth: [],
      import: [{ name: 'x', rowsPerSec: 1, ratioToRaw: 0.5, peakRssMb: 10, ok: true }],
      export: [],
      dataFile: null,
      bundle: { gzipKb: 100, ok: true },
      browser: [{ name: 'x', ms: 1, budgetMs: 300, ok: true }],
    };
    expect(Object.keys(json)).toEqual(
      expect.arrayContaining(['machine', 'results', 'import', 'bundle', 'browser']),
    );
    expect(Object.keys(json.machine).sort()).toEqual([
      'loadavg',
      'rawInsertPerSec',
      'rawPointReadUs',
    ]);
    const c = caseNamed('units.get of a unit');
    const entry = queryEntry({
      case: c,
      summary: { runs: 30, p50Ms: 1, p95Ms: 2, maxMs: 3 },
      answerKb: 1,
    });
    expect(Object.keys(entry).sort()).toEqual(['budgetMs', 'name', 'ok', 'p50Ms', 'p95Ms']);
  });
});
