// The bench's arithmetic, kept apart so a test can check it: percentiles of timed runs, the
// verdict against a budget, and the growth of a province's query from a small nation to the
// national one.

/** Runs timed per case after warm-up (issue 10: at least 30). */
export const RUNS = 30;
/** Calls made before timing: the first ones compile statements and fill SQLite's cache. */
export const WARM_UP = 3;
/** A slow case stops warming up once its warm-up calls took this long (at least one call). */
export const WARM_UP_CAP_MS = 2_000;
/**
 * A case far over its budget stops after this much timing (with at least MIN_RUNS runs), so one
 * slow query cannot hold the whole bench for minutes; its row says how many runs it had. A query
 * within budget always has its RUNS runs: 30 × 20 ms is far below the cap.
 */
export const CASE_TIME_CAP_MS = 8_000;
export const MIN_RUNS = 5;

/** Whether to make another warm-up call after `calls` calls that took `elapsedMs` together. */
export const anotherWarmUp = (calls: number, elapsedMs: number) =>
  calls < WARM_UP && (calls === 0 || elapsedMs < WARM_UP_CAP_MS);

/** Whether to time another run after `runs` runs that took `elapsedMs` together. */
export const anotherRun = (runs: number, elapsedMs: number) =>
  runs < RUNS && (runs < MIN_RUNS || elapsedMs < CASE_TIME_CAP_MS);
/** A province's query "does not grow with the nation" when 55k ÷ 5k stays at or under this. */
export const FLAT_GROWTH = 1.5;

export interface Summary {
  runs: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

/**
 * The p-th percentile (0–100) of `samples` by the nearest-rank method: the smallest sample with
 * at least p% of the samples at or below it. With 30 runs, p95 is the 29th fastest: one slow run
 * in 30 does not count, two do.
 */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new Error('percentile of no samples');
  if (p < 0 || p > 100) throw new Error(`percentile ${p} is not between 0 and 100`);
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] as number;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

export function summarize(samples: readonly number[]): Summary {
  return {
    runs: samples.length,
    p50Ms: round2(percentile(samples, 50)),
    p95Ms: round2(percentile(samples, 95)),
    maxMs: round2(Math.max(...samples)),
  };
}

/** A time budget is met when the p95 is at or under it. */
export const withinBudget = (p95Ms: number, budgetMs: number) => p95Ms <= budgetMs;

export type GrowthVerdict = 'flat' | 'GROWS';

/** The national p50 over the smallest nation's; "flat" at or under FLAT_GROWTH. */
export function growthOf(
  smallMs: number,
  nationalMs: number,
): { ratio: number; verdict: GrowthVerdict } {
  // A query under 0.05 ms is below what one call's timer can tell apart: counted as that.
  const floor = 0.05;
  const ratio = Math.max(nationalMs, floor) / Math.max(smallMs, floor);
  return { ratio: round2(ratio), verdict: ratio <= FLAT_GROWTH ? 'flat' : 'GROWS' };
}
