// The screen queries `npm run bench` times (issue 10's budgets): each one is a method and its
// input exactly as a screen sends it through `dispatch`, against the national data set. The ids a
// case needs (a province, a district, a unit, the bench's watchlist) are looked up in the data
// file itself (`lookupContext`), never written here, so a rebuilt data set still fits.
//
// Others optimising a method may edit its entries here (helper C: the register's paging, the
// tree; D: ratings; E: overview, reports, watchlists); `npm run bench -- --only <substring>` runs
// the cases whose name contains the text.
import type { Db } from '../../electron/backend/db/open';
import { encodeCursor } from '../../electron/backend/units/cursor';
import { unitSortKey } from '../../shared/domain/sort-key';
import type { MethodInput, MethodName } from '../../shared/contract';

/** Issue 10: every screen query p95 ≤ 20 ms; a search, the picker's first keystroke too, ≤ 10 ms. */
export const SCREEN_BUDGET_MS = 20;
export const SEARCH_BUDGET_MS = 10;
/** Opening the file and showing Tổng quan, measured cold (a fresh process each time). */
export const OPEN_BUDGET_MS = 300;

/** The year the screens show: the last year the data set rates (2015–2024). */
export const YEAR = 2024;
/** How many rows the unit picker asks for (renderer/src/units/UnitPicker.tsx: PICKER_LIMIT + 1). */
const PICKER_ROWS = 31;
/** A page of the register (renderer/src/units/UnitsScreen.tsx: PAGE_SIZE). */
const PAGE_ROWS = 100;
/** A level of the tree (renderer/src/units/UnitTree.tsx: LEVEL_PAGE). */
const TREE_ROWS = 200;
/** The rating grid's pages (renderer/src/ratings/useGridPages.ts: FIRST_PAGE_SIZE, NEXT_PAGE_SIZE). */
const GRID_FIRST_ROWS = 300;
const GRID_NEXT_ROWS = 1000;

/** What the cases read from the data file. */
export interface CaseContext {
  year: number;
  /** The installation's own unit, above the provinces. */
  rootId: string;
  /** The province with the lowest code; its first district; a unit of that district. */
  provinceId: string;
  districtId: string;
  /** A grassroots unit with more than one version (renamed in 2021). */
  unitId: string;
  /** A district's code, typed whole in the picker. */
  code: string;
  /** The first two words of a grassroots unit's name ("Chi bộ"), typed in the picker. */
  twoWords: string;
  /** The bench's watchlist (about 50 units of the province, with measures); null in a data set without one. */
  watchlistId: string | null;
}

export type CaseKind = 'screen' | 'search';

export interface BenchCase<M extends MethodName = MethodName> {
  name: string;
  kind: CaseKind;
  budgetMs: number;
  method: M;
  input: (ctx: CaseContext) => MethodInput<M>;
  /** Province-scoped: also timed on the 5k and 20k data sets, to show it does not grow with the nation. */
  growth?: boolean;
  /** Needs the bench's watchlist. */
  watchlist?: boolean;
  /**
   * Each run (warm-up too) follows a write (untimed): the "(cold)" cases of methods whose answer
   * is kept until the data changes (electron/backend/db/memo.ts). `true`: a row written that is
   * not the register's (`touchData`, as a rating is); 'register': a unit's row (`touchRegister`),
   * after which the register's part kept by db/register-memo.ts is read again too.
   */
  afterWrite?: boolean | 'register';
  /**
   * Each run reads the whole set page by page as the screen does in the background: the input's
   * page, then each following one (`after` = the previous answer's `next`, `nextSize` rows).
   */
  pages?: { nextSize: number };
  /** A figure shown beside the budgets, with no budget of its own (it says so in its name). */
  informative?: boolean;
}

/** Erases a case's method type so the cases of every method fit one list. */
export interface AnyCase {
  name: string;
  kind: CaseKind;
  budgetMs: number;
  method: MethodName;
  input: (ctx: CaseContext) => unknown;
  growth: boolean;
  watchlist: boolean;
  afterWrite: boolean | 'register';
  pages: { nextSize: number } | null;
  informative: boolean;
}

function screen<M extends MethodName>(c: Omit<BenchCase<M>, 'kind' | 'budgetMs'>): AnyCase {
  return {
    name: c.name,
    kind: 'screen',
    budgetMs: SCREEN_BUDGET_MS,
    method: c.method,
    input: c.input,
    growth: c.growth ?? false,
    watchlist: c.watchlist ?? false,
    afterWrite: c.afterWrite ?? false,
    pages: c.pages ?? null,
    informative: c.informative ?? false,
  };
}

function search(name: string, text: (ctx: CaseContext) => string): AnyCase {
  const input = (ctx: CaseContext): MethodInput<'units.list'> => ({
    year: ctx.year,
    search: text(ctx),
    limit: PICKER_ROWS,
  });
  return {
    name,
    kind: 'search',
    budgetMs: SEARCH_BUDGET_MS,
    method: 'units.list',
    input,
    growth: false,
    watchlist: false,
    afterWrite: false,
    pages: null,
    informative: false,
  };
}

/** The Báo cáo screen's first call on a committee's subtree: figures only, no carry-over list. */
const screenReport = (unitId: string, year: number): MethodInput<'reports.progress'> => ({
  year,
  scope: { type: 'register', unitId },
  unitsPerGroup: 0,
  carryOver: false,
});

export const CASES: AnyCase[] = [
  // The register (Đơn vị), read a page at a time by key as the screen reads it.
  screen({
    name: 'register: first page, nation',
    method: 'units.list',
    input: (ctx) => ({ year: ctx.year, pageSize: PAGE_ROWS }),
  }),
  screen({
    name: 'register: a page further on, nation',
    method: 'units.list',
    // The cursor of a position well inside the register (among the grassroots units' names),
    // as the screen sends after scrolling down; built as the backend builds its cursors.
    input: (ctx) => ({
      year: ctx.year,
      pageSize: PAGE_ROWS,
      after: encodeCursor({
        rank: 0,
        order: null,
        key: unitSortKey(`${ctx.twoWords} thôn Nà Pàn 30000`),
        id: '0',
      }),
    }),
  }),
  screen({
    name: 'register: first page, province',
    method: 'units.list',
    input: (ctx) => ({
      year: ctx.year,
      parentId: ctx.provinceId,
      descendants: true,
      pageSize: PAGE_ROWS,
    }),
    growth: true,
  }),
  screen({
    name: 'register: first page, the top unit (the whole nation)',
    method: 'units.list',
    input: (ctx) => ({
      year: ctx.year,
      parentId: ctx.rootId,
      descendants: true,
      pageSize: PAGE_ROWS,
    }),
  }),
  screen({
    name: 'tree: top level',
    method: 'units.children',
    input: (ctx) => ({ year: ctx.year, pageSize: TREE_ROWS }),
  }),
  screen({
    name: 'tree: a province expanded',
    method: 'units.children',
    input: (ctx) => ({ year: ctx.year, parentId: ctx.provinceId, pageSize: TREE_ROWS }),
  }),
  screen({
    name: 'tree: a district expanded',
    method: 'units.children',
    input: (ctx) => ({ year: ctx.year, parentId: ctx.districtId, pageSize: TREE_ROWS }),
  }),
  // Xếp loại.
  // The grid's first page, the screen's first call (the rest is read in the background).
  screen({
    name: 'ratings.grid, province',
    method: 'ratings.grid',
    input: (ctx) => ({ year: ctx.year, scopeId: ctx.provinceId, pageSize: GRID_FIRST_ROWS }),
    growth: true,
  }),
  screen({
    name: 'ratings.grid, province, every page in turn (informative, no budget)',
    method: 'ratings.grid',
    input: (ctx) => ({ year: ctx.year, scopeId: ctx.provinceId, pageSize: GRID_FIRST_ROWS }),
    pages: { nextSize: GRID_NEXT_ROWS },
    informative: true,
    // Cold: the sorted walk that the later pages share (kept until the data changes) is built in
    // each run, as after any write.
    afterWrite: true,
  }),
  screen({
    name: 'ratings.grid, district',
    method: 'ratings.grid',
    input: (ctx) => ({ year: ctx.year, scopeId: ctx.districtId, pageSize: GRID_FIRST_ROWS }),
  }),
  screen({
    name: 'ratings.counts, province',
    method: 'ratings.counts',
    input: (ctx) => ({ year: ctx.year, scopeId: ctx.provinceId }),
    growth: true,
  }),
  screen({
    name: 'ratings.counts, nation',
    method: 'ratings.counts',
    input: (ctx) => ({ year: ctx.year, scopeId: ctx.rootId }),
  }),
  screen({
    name: 'ratings.transitions, province',
    method: 'ratings.transitions',
    input: (ctx) => ({ fromYear: ctx.year - 1, toYear: ctx.year, scopeId: ctx.provinceId }),
    growth: true,
  }),
  screen({
    name: 'ratings.transitions, nation',
    method: 'ratings.transitions',
    input: (ctx) => ({ fromYear: ctx.year - 1, toYear: ctx.year, scopeId: ctx.rootId }),
  }),
  screen({
    // A group of the nation's transitions opened: its units, not the nation's.
    name: 'ratings.transitionUnits, a district of the nation',
    method: 'ratings.transitionUnits',
    input: (ctx) => ({
      fromYear: ctx.year - 1,
      toYear: ctx.year,
      scopeId: ctx.rootId,
      groupId: ctx.districtId,
    }),
  }),
  screen({
    name: 'ratings.list, province',
    method: 'ratings.list',
    input: (ctx) => ({ year: ctx.year, scopeId: ctx.provinceId }),
  }),
  // Diện củng cố, báo cáo. The report as the Báo cáo screen asks it: figures, no units listed
  // (the files, which list them all, are not screen queries), the carry-over list of the
  // document's direction section left out and asked apart (reports.carryOver, after the figures).
  screen({
    name: 'watchlists.get (50 units, measures)',
    method: 'watchlists.get',
    input: (ctx) => ({ id: watchlistOf(ctx) }),
    watchlist: true,
  }),
  screen({
    name: 'reports.progress, watchlist',
    method: 'reports.progress',
    input: (ctx) => ({
      year: ctx.year,
      scope: { type: 'watchlist', watchlistId: watchlistOf(ctx) },
      unitsPerGroup: 0,
      carryOver: false,
    }),
    watchlist: true,
  }),
  screen({
    name: 'reports.progress, province',
    method: 'reports.progress',
    input: (ctx) => screenReport(ctx.provinceId, ctx.year),
  }),
  screen({
    name: 'reports.progress, province (cold)',
    method: 'reports.progress',
    input: (ctx) => screenReport(ctx.provinceId, ctx.year),
    afterWrite: true,
  }),
  screen({
    name: 'reports.progress, nation',
    method: 'reports.progress',
    input: (ctx) => screenReport(ctx.rootId, ctx.year),
  }),
  screen({
    name: 'reports.progress, nation (cold)',
    method: 'reports.progress',
    input: (ctx) => screenReport(ctx.rootId, ctx.year),
    afterWrite: true,
  }),
  screen({
    name: 'reports.progress, nation (after a unit edit)',
    method: 'reports.progress',
    input: (ctx) => screenReport(ctx.rootId, ctx.year),
    afterWrite: 'register',
  }),
  screen({
    name: 'reports.carryOver, province (cold)',
    method: 'reports.carryOver',
    input: (ctx) => ({ year: ctx.year, scope: { type: 'register', unitId: ctx.provinceId } }),
    afterWrite: true,
  }),
  screen({
    name: 'reports.carryOver, nation (cold)',
    method: 'reports.carryOver',
    input: (ctx) => ({ year: ctx.year, scope: { type: 'register', unitId: ctx.rootId } }),
    afterWrite: true,
  }),
  // Tổng quan of the year after the last rated one (its ratings are that year's), as the open job.
  screen({
    name: 'overview.get',
    method: 'overview.get',
    input: (ctx) => ({ year: ctx.year + 1 }),
  }),
  screen({
    name: 'overview.get (cold)',
    method: 'overview.get',
    input: (ctx) => ({ year: ctx.year + 1 }),
    afterWrite: true,
  }),
  // A unit's page.
  screen({
    name: 'ratings.history of a unit',
    method: 'ratings.history',
    input: (ctx) => ({ unitId: ctx.unitId }),
  }),
  screen({
    name: 'units.get of a unit',
    method: 'units.get',
    input: (ctx) => ({ id: ctx.unitId, year: ctx.year }),
  }),
  // The unit picker.
  search('search: first keystroke "d"', () => 'd'),
  search('search: "đồng"', () => 'đồng'),
  search('search: a full code', (ctx) => ctx.code),
  search('search: a two-word prefix', (ctx) => ctx.twoWords),
];

function watchlistOf(ctx: CaseContext): string {
  if (ctx.watchlistId === null) throw new Error('this data set has no bench watchlist');
  return ctx.watchlistId;
}

/** The cases whose name contains `only` (case-insensitive); all without it. */
export function selectCases(cases: AnyCase[], only: string | null): AnyCase[] {
  if (only === null) return cases;
  const needle = only.toLowerCase();
  return cases.filter((c) => c.name.toLowerCase().includes(needle));
}

/** The ids the cases need, read from the data file (the first of each by code, then id). */
export function lookupContext(db: Db, year: number = YEAR): CaseContext {
  const inYear =
    'valid_from <= @year AND (valid_to IS NULL OR valid_to >= @year) AND deleted_at IS NULL';
  const one = (sql: string, params: Record<string, unknown>): string => {
    const value = db
      .prepare(sql)
      .pluck()
      .get({ year, ...params }) as string | undefined;
    if (value === undefined) throw new Error(`the bench data set has no row for: ${sql}`);
    return value;
  };
  const ownUnit = db.prepare("SELECT value FROM meta WHERE key = 'own_unit_id'").pluck().get() as
    string | undefined;
  const rootId =
    ownUnit ??
    one(
      `SELECT unit_id FROM unit_versions WHERE parent_id IS NULL AND ${inYear} ORDER BY code, unit_id LIMIT 1`,
      {},
    );
  const childOf = (parent: string) =>
    one(
      `SELECT unit_id FROM unit_versions WHERE parent_id = @parent AND ${inYear}
       ORDER BY code IS NULL, code, unit_id LIMIT 1`,
      { parent },
    );
  const provinceId = childOf(rootId);
  const districtId = childOf(provinceId);
  const unitId = one(
    `SELECT unit_id FROM unit_versions WHERE parent_id = @parent AND deleted_at IS NULL
     GROUP BY unit_id ORDER BY count(*) DESC, unit_id LIMIT 1`,
    { parent: districtId },
  );
  const code = one(`SELECT code FROM unit_versions WHERE unit_id = @id AND ${inYear}`, {
    id: districtId,
  });
  const name = one(`SELECT name FROM unit_versions WHERE unit_id = @id AND ${inYear}`, {
    id: unitId,
  });
  const watchlistId = db
    .prepare('SELECT id FROM watchlists WHERE deleted_at IS NULL ORDER BY created_at, id LIMIT 1')
    .pluck()
    .get() as string | undefined;
  return {
    year,
    rootId,
    provinceId,
    districtId,
    unitId,
    code,
    twoWords: name.split(' ').slice(0, 2).join(' '),
    watchlistId: watchlistId ?? null,
  };
}

/**
 * A write that moves this connection's count of changed rows (`total_changes()`, which db/memo.ts
 * reads), so the next call computes its answer again instead of returning the one kept. It goes
 * to a temporary table: the cached data file is not touched, and another bench reading the same
 * file at the same time keeps its own kept answers.
 */
export function touchData(db: Db): void {
  db.exec('CREATE TEMP TABLE IF NOT EXISTS bench_touch (n INTEGER)');
  db.prepare('INSERT INTO temp.bench_touch (n) VALUES (1)').run();
}

/**
 * A write to the register itself: one unit's row written again as it is, which moves the
 * register's token (migration 24) as a unit renamed or moved does, so what db/register-memo.ts
 * keeps (the walks, the clean-tree proofs, the committees' names) is computed again too. It writes
 * the file: only for the screen child's scratch copy.
 */
export function touchRegister(db: Db): void {
  db.prepare(
    'UPDATE units SET official_order = official_order WHERE id = (SELECT min(id) FROM units)',
  ).run();
}

/** The write a cold case's run follows (untimed). */
export function touchBefore(db: Db, c: AnyCase): void {
  if (c.afterWrite === 'register') touchRegister(db);
  else if (c.afterWrite) touchData(db);
}
