// The screens' measured jobs, each in its own Node process (bundled like the exchange child):
//   screen-child open DB                  open the data file and ask for Tổng quan, once, cold
//   screen-child queries DB NAMES          the cases of cases.ts named in NAMES (a JSON array),
//                                          each warmed up, then timed RUNS times
//   screen-child growth DBS NAMES          the same cases on each data file of DBS (a JSON array
//                                          of paths), all open at once, the files' calls
//                                          interleaved run by run (growth.ts says why)
// Both go through `dispatch`, as the app's worker does, and run as the app runs them: in a worker
// thread with the backend worker's heap limits (worker-job.ts). In the main thread, with V8's
// default young generation, the nation's cold report had a p95 ~30 % above its p50 that the app's
// worker does not have (docs/performance.md). The last line on stdout is the result as JSON. The
// timing is the call's own (performance.now() around dispatch, the answer awaited).
import { openBackend } from '../../electron/backend/index';
import type { BackendContext } from '../../electron/backend/context';
import type { AnyCase } from './cases';
import { CASES, YEAR, lookupContext, touchBefore } from './cases';
import { callAny as call } from './call';
import { OPERATOR } from './dataset';
import { timeInterleaved } from './growth';
import { anotherRun, anotherWarmUp } from './stats';
import { runChildJob } from './worker-job';

export interface OpenOutcome {
  job: 'open';
  /** openBackend (open, pragmas, migrations check) + overview.get. */
  ms: number;
  openMs: number;
}

export interface CaseSamples {
  name: string;
  samples: number[];
  /** The answer's size as JSON, in KB: what the window receives. */
  answerKb: number;
}

export interface QueriesOutcome {
  job: 'queries';
  cases: CaseSamples[];
}

export interface GrowthOutcome {
  job: 'growth';
  /** Per case, the samples of each data file, in the order of DBS. */
  cases: { name: string; samples: number[][] }[];
}

export type ScreenChildResult = OpenOutcome | QueriesOutcome | GrowthOutcome;

/** Tổng quan of the year after the data set's last: its ratings are that last year's. */
export const OVERVIEW_INPUT = { year: YEAR + 1 };

/**
 * A case's call: one call, or for a case that reads every page, the first page and each
 * following one in turn (the first page's answer is returned, as the screen first shows it).
 */
async function callCase(ctx: BackendContext, c: AnyCase, input: unknown): Promise<unknown> {
  const answer = await call(ctx, c.method, input);
  if (c.pages === null) return answer;
  let next = (answer as { next?: string | null }).next ?? null;
  while (next !== null) {
    const after = { ...(input as object), pageSize: c.pages.nextSize, after: next };
    const page = (await call(ctx, c.method, after)) as { next?: string | null };
    next = page.next ?? null;
  }
  return answer;
}

async function runOpen(dbPath: string): Promise<OpenOutcome> {
  const started = performance.now();
  const ctx = openBackend({ dbPath, origin: 'cli', fallbackOperator: OPERATOR });
  const openMs = performance.now() - started;
  try {
    await call(ctx, 'overview.get', OVERVIEW_INPUT);
    return { job: 'open', ms: performance.now() - started, openMs };
  } finally {
    ctx.db.close();
  }
}

async function timeCase(ctx: BackendContext, c: AnyCase, input: unknown): Promise<CaseSamples> {
  let answer: unknown = null;
  let warmUpCalls = 0;
  let warmUpMs = 0;
  while (anotherWarmUp(warmUpCalls, warmUpMs)) {
    touchBefore(ctx.db, c);
    const started = performance.now();
    answer = await callCase(ctx, c, input);
    warmUpMs += performance.now() - started;
    warmUpCalls++;
  }
  const samples: number[] = [];
  let elapsed = 0;
  while (anotherRun(samples.length, elapsed)) {
    touchBefore(ctx.db, c);
    const started = performance.now();
    await callCase(ctx, c, input);
    const ms = performance.now() - started;
    samples.push(ms);
    elapsed += ms;
  }
  const answerKb = Buffer.byteLength(JSON.stringify(answer)) / 1024;
  return { name: c.name, samples, answerKb: Math.round(answerKb * 10) / 10 };
}

async function runQueries(dbPath: string, names: string[]): Promise<QueriesOutcome> {
  const ctx = openBackend({ dbPath, origin: 'cli', fallbackOperator: OPERATOR });
  try {
    const context = lookupContext(ctx.db);
    const cases = names.map(caseNamed);
    const out: CaseSamples[] = [];
    for (const c of cases) out.push(await timeCase(ctx, c, c.input(context)));
    return { job: 'queries', cases: out };
  } finally {
    ctx.db.close();
  }
}

async function runGrowth(dbPaths: string[], names: string[]): Promise<GrowthOutcome> {
  const nations = dbPaths.map((dbPath) => {
    const ctx = openBackend({ dbPath, origin: 'cli', fallbackOperator: OPERATOR });
    return { ctx, context: lookupContext(ctx.db) };
  });
  try {
    const out: GrowthOutcome['cases'] = [];
    for (const c of names.map(caseNamed)) {
      // A case that writes before each call would write into every nation in turn: no growth row.
      if (c.afterWrite) throw new Error(`${c.name}: a cold case has no growth row`);
      const calls = nations.map(({ ctx, context }) => {
        const input = c.input(context);
        return () => callCase(ctx, c, input);
      });
      out.push({ name: c.name, samples: await timeInterleaved(calls) });
    }
    return { job: 'growth', cases: out };
  } finally {
    for (const { ctx } of nations) ctx.db.close();
  }
}

function caseNamed(name: string): AnyCase {
  const found = CASES.find((c) => c.name === name);
  if (found === undefined) throw new Error(`no bench case named ${name}`);
  return found;
}

/** One job of the command line's: its result (printed by runChildJob). */
async function runJob(args: readonly string[]): Promise<ScreenChildResult> {
  const [job, dbPath, names] = args;
  if (dbPath === undefined) {
    throw new Error('usage: screen-child open DB | queries DB NAMES | growth DBS NAMES');
  }
  const caseNames = JSON.parse(names ?? '[]') as string[];
  if (job === 'open') return runOpen(dbPath);
  if (job === 'queries') return runQueries(dbPath, caseNames);
  if (job === 'growth') return runGrowth(JSON.parse(dbPath) as string[], caseNames);
  throw new Error(`unknown job ${job}`);
}

runChildJob(new URL(import.meta.url), runJob);
