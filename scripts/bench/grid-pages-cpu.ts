// ratings.grid of the bench's province, whole and page by page, on the three cached nations in
// ONE process, interleaved call by call, each call's CPU time (process.cpuUsage): the whole set
// in one call (as the screen read it before), the screen's first page, the page after it, and the
// whole province read page by page as the screen does it in the background.
//
//   tsx scripts/bench/grid-pages-cpu.ts [RUNS] [FIRST] [NEXT]
//
// Default 20 runs, a first page of 300 rows and following pages of 1,000 (as the screen reads:
// renderer/src/ratings/useGridPages.ts). BENCH_KEY=nation-s18-d1 reads the nations cached under
// that name (built at an older schema; their scratch copies are migrated when opened);
// GRID_SCOPE=root reads the whole nation's grid (the root's subtree) instead of the province's.
//
// Each nation is read on a scratch copy; it builds nothing (`npm run bench` builds the cache).
import { copyFileSync, existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { RatingGrid } from '../../shared/contract';
import { dispatch } from '../../electron/backend/dispatch';
import { openBackend } from '../../electron/backend/index';
import type { BackendContext } from '../../electron/backend/context';
import type { CaseContext } from './cases';
import { lookupContext, touchData } from './cases';
import type { Dataset } from './dataset';
import { GROWTH_SHAPES, OPERATOR, datasetKey } from './dataset';
import { BENCH_DIR, removeScratch, scratchDir } from './paths';
import { percentile } from './stats';

interface Nation {
  label: string;
  ctx: BackendContext;
  context: CaseContext;
  /** The cursor of the second page of the province's grid. */
  second: string | null;
}

/** The cached nations' name: this schema's, or BENCH_KEY's. */
const cacheKey = () => process.env.BENCH_KEY ?? datasetKey();

function cachedGrowth(units: number): string {
  const prefix = `${cacheKey()}-${units}-g`;
  const name = readdirSync(BENCH_DIR).find(
    (f) =>
      f.startsWith(prefix) && f.endsWith('.sqlite3') && existsSync(join(BENCH_DIR, `${f}.done`)),
  );
  if (name === undefined) throw new Error(`no cached nation of ${units} units: run npm run bench`);
  return join(BENCH_DIR, name);
}

function grid(nation: Nation, extra: { pageSize?: number; after?: string }): RatingGrid {
  const scopeId =
    process.env.GRID_SCOPE === 'root' ? nation.context.rootId : nation.context.provinceId;
  const input = { year: nation.context.year, scopeId, ...extra };
  const answer = dispatch(nation.ctx, 'ratings.grid', input);
  if (answer instanceof Promise) throw new Error('ratings.grid answered asynchronously');
  if (!answer.ok) throw new Error(`ratings.grid: ${answer.error.code} ${answer.error.message}`);
  return answer.value as RatingGrid;
}

/** CPU ms of `work`; `cold`: after an untimed write, so nothing kept (db/memo.ts) is reused. */
function cpuOf(nation: Nation, cold: boolean, work: () => void): number {
  if (cold) touchData(nation.ctx.db);
  const started = process.cpuUsage();
  work();
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000;
}

function main(): void {
  const runs = Number(process.argv[2] ?? 20);
  const first = Number(process.argv[3] ?? 300);
  const nextSize = Number(process.argv[4] ?? 1000);
  const manifest = join(BENCH_DIR, `${cacheKey()}.json`);
  if (!existsSync(manifest)) throw new Error(`no cached nation (${manifest}): run npm run bench`);
  const dataset = JSON.parse(readFileSync(manifest, 'utf8')) as Dataset;
  const sources = [
    ...GROWTH_SHAPES.map(({ label, shape }) => ({ label, path: cachedGrowth(shape.units) })),
    { label: `${Math.round(dataset.rows.units / 1000)}k`, path: dataset.nationalPath },
  ];
  const dir = scratchDir('grid-pages-cpu');
  const nations: Nation[] = sources.map(({ label, path }) => {
    const copy = join(dir, `${label}.sqlite3`);
    copyFileSync(path, copy);
    const ctx = openBackend({ dbPath: copy, origin: 'cli', fallbackOperator: OPERATOR });
    return { label, ctx, context: lookupContext(ctx.db), second: null };
  });
  const second = (n: Nation) =>
    void grid(
      n,
      n.second === null ? { pageSize: nextSize } : { pageSize: nextSize, after: n.second },
    );
  // "(cold)": after a write, so the sorted walk the later pages share is built in the call.
  const cases: Record<string, { cold: boolean; run: (n: Nation) => void }> = {
    whole: { cold: false, run: (n) => void grid(n, {}) },
    'first page': { cold: false, run: (n) => void grid(n, { pageSize: first }) },
    'second page (cold)': { cold: true, run: second },
    'second page (walk kept)': { cold: false, run: second },
    'all pages (cold)': {
      cold: true,
      run: (n) => {
        let next: string | null | undefined = grid(n, { pageSize: first }).next;
        while (next) next = grid(n, { pageSize: nextSize, after: next }).next;
      },
    },
  };
  try {
    for (const nation of nations) {
      const answer = grid(nation, { pageSize: first });
      nation.second = answer.next ?? null;
      const total = answer.total ?? 0;
      const pages = 1 + Math.ceil(Math.max(total - first, 0) / nextSize);
      process.stdout.write(`${nation.label}: province of ${total} rows, ${pages} pages\n`);
    }
    const samples = new Map<string, number[]>();
    for (let round = -2; round < runs; round++) {
      for (const [name, { cold, run }] of Object.entries(cases)) {
        for (const nation of nations) {
          const cpu = cpuOf(nation, cold, () => run(nation));
          if (round < 0) continue;
          const key = `${name}\u0000${nation.label}`;
          samples.set(key, [...(samples.get(key) ?? []), cpu]);
        }
      }
    }
    process.stdout.write(
      `CPU ms p50 / p95 of ${runs} calls each; pages of ${first}, then ${nextSize} rows\n`,
    );
    for (const name of Object.keys(cases)) {
      const cells = nations.map((n) => {
        const s = samples.get(`${name}\u0000${n.label}`) ?? [];
        return `${n.label} ${percentile(s, 50).toFixed(2)} / ${percentile(s, 95).toFixed(2)}`;
      });
      process.stdout.write(`${name}: ${cells.join(' → ')}\n`);
    }
  } finally {
    for (const nation of nations) nation.ctx.db.close();
    removeScratch();
  }
}

main();
