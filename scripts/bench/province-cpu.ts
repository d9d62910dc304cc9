// The province-scoped cases (those with growth rows) on the three cached nations, in ONE process,
// the three files interleaved call by call, each call's CPU time (process.cpuUsage) beside its
// wall time. On the shared 2-core machine (load 3–7) wall times swing 2× between runs, which hid
// or invented growth in `npm run bench`; the CPU time of the same call barely moves with the
// load, so the growth read from it is the query's own (docs/performance.md, "Why a province's
// queries grew with the nation").
//
//   tsx scripts/bench/province-cpu.ts [RUNS]      (default 30, after 3 warm-up calls each)
//
// Each nation is read on a scratch copy (opening it may migrate it; the cache stays as built).
// It builds nothing: the nations must be in the cache (`npm run bench` builds them). Two builders
// of the same cached files at once leave a national file and a master list of different builds.
import { copyFileSync, existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { dispatch } from '../../electron/backend/dispatch';
import { openBackend } from '../../electron/backend/index';
import type { BackendContext } from '../../electron/backend/context';
import type { AnyCase, CaseContext } from './cases';
import { CASES, lookupContext } from './cases';
import type { Dataset } from './dataset';
import { GROWTH_SHAPES, OPERATOR, datasetKey } from './dataset';
import { BENCH_DIR, removeScratch, scratchDir } from './paths';
import { percentile } from './stats';

interface Nation {
  label: string;
  ctx: BackendContext;
  context: CaseContext;
}

/** The cached smaller nation of `units` units that ensureGrowth (dataset.ts) finished building. */
function cachedGrowth(units: number): string {
  const prefix = `${datasetKey()}-${units}-g`;
  const name = readdirSync(BENCH_DIR).find(
    (f) =>
      f.startsWith(prefix) && f.endsWith('.sqlite3') && existsSync(join(BENCH_DIR, `${f}.done`)),
  );
  if (name === undefined) throw new Error(`no cached nation of ${units} units: run npm run bench`);
  return join(BENCH_DIR, name);
}

/** One call's CPU and wall time, in ms; throws when the call fails. */
function timed(nation: Nation, c: AnyCase): { cpu: number; wall: number } {
  const started = performance.now();
  const cpu0 = process.cpuUsage();
  const answer = dispatch(nation.ctx, c.method, c.input(nation.context));
  const cpu = process.cpuUsage(cpu0);
  const wall = performance.now() - started;
  if (answer instanceof Promise) throw new Error(`${c.name}: an asynchronous method`);
  if (!answer.ok) throw new Error(`${c.name}: ${answer.error.code} ${answer.error.message}`);
  return { cpu: (cpu.user + cpu.system) / 1000, wall };
}

function main(): void {
  const runs = Number(process.argv[2] ?? 30);
  const manifest = join(BENCH_DIR, `${datasetKey()}.json`);
  if (!existsSync(manifest)) throw new Error(`no cached nation (${manifest}): run npm run bench`);
  const dataset = JSON.parse(readFileSync(manifest, 'utf8')) as Dataset;
  const sources = [
    ...GROWTH_SHAPES.map(({ label, shape }) => ({ label, path: cachedGrowth(shape.units) })),
    { label: `${Math.round(dataset.rows.units / 1000)}k`, path: dataset.nationalPath },
  ];
  const dir = scratchDir('province-cpu');
  const nations: Nation[] = sources.map(({ label, path }) => {
    const copy = join(dir, `${label}.sqlite3`);
    copyFileSync(path, copy);
    const ctx = openBackend({ dbPath: copy, origin: 'cli', fallbackOperator: OPERATOR });
    return { label, ctx, context: lookupContext(ctx.db) };
  });
  try {
    const cases = CASES.filter((c) => c.growth);
    const samples = new Map<string, { cpu: number[]; wall: number[] }>();
    for (let round = -3; round < runs; round++) {
      for (const c of cases) {
        for (const nation of nations) {
          const { cpu, wall } = timed(nation, c);
          if (round < 0) continue;
          const key = `${c.name}\u0000${nation.label}`;
          const kept = samples.get(key) ?? { cpu: [], wall: [] };
          kept.cpu.push(cpu);
          kept.wall.push(wall);
          samples.set(key, kept);
        }
      }
    }
    const ms = (n: number) => n.toFixed(2);
    process.stdout.write(
      `p50 CPU ms (p50 wall ms) of ${runs} calls each; growth = CPU p50 ${nations.at(-1)?.label} ÷ ${nations[0]?.label}\n`,
    );
    for (const c of cases) {
      const cells = nations.map((n) => {
        const s = samples.get(`${c.name}\u0000${n.label}`) ?? { cpu: [], wall: [] };
        return { label: n.label, cpu: percentile(s.cpu, 50), wall: percentile(s.wall, 50) };
      });
      const first = cells[0]?.cpu ?? 0;
      const last = cells.at(-1)?.cpu ?? 0;
      const growth = first > 0 ? (Math.max(last, 0.05) / Math.max(first, 0.05)).toFixed(2) : '-';
      const row = cells.map((x) => `${x.label} ${ms(x.cpu)} (${ms(x.wall)})`).join(' → ');
      process.stdout.write(`${c.name}: ${row}; growth ${growth}×\n`);
    }
  } finally {
    for (const nation of nations) nation.ctx.db.close();
    removeScratch();
  }
}

main();
