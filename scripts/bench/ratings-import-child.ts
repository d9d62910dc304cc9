// The ratings import measured alone in its own process (like the exchange child), so its peak
// memory is its own:  ratings-import-child DB FILE
// `ratings.importPreview` + `ratings.importApply` through `dispatch`, as the app's worker runs
// them, in a worker thread with the app's backend worker's heap limits (worker-job.ts). The last
// line on stdout is the result as JSON; the peak RSS is read after the apply and its checkpoint.
//
// The file is opened as the app's worker opens it: the worker runs the file's quick_check (the
// damaged-file check, db/access.ts) once it has had nothing to do for a second after opening
// (worker/serve.ts), long before a user has picked a file and read the preview, so the user's
// apply finds it done. The child runs that check after opening, times it on its own (checkMs),
// and then times the import. (Before, the apply was the connection's first write and ran the
// check itself: 0.3–0.7 s of the import's time that a user of the app does not wait for.)
// Likewise the checkpoint after the apply's commit, which the worker runs once idle after it:
// timed on its own (checkpointMs), and the peak RSS read after it.
import { checkOnce } from '../../electron/backend/db/access';
import { payOwedCheckpoint } from '../../electron/backend/db/bulk';
import { openBackend } from '../../electron/backend/index';
import type { ImportPreview, ImportResult } from '../../shared/contract';
import { callAny as call } from './call';
import { OPERATOR } from './dataset';
import { runChildJob } from './worker-job';

export interface RatingsImportOutcome {
  job: 'ratings-import';
  ms: number;
  /** The file's quick_check after opening, as the app's worker runs it (not part of `ms`). */
  checkMs: number;
  previewMs: number;
  applyMs: number;
  /** This process's CPU time (user + system) in each step: less moved by a busy machine. */
  previewCpuMs: number;
  applyCpuMs: number;
  /** The checkpoint the apply left to the worker's idle time (db/bulk.ts): not part of `ms`. */
  checkpointMs: number;
  checkpointCpuMs: number;
  rows: number;
  newRatings: number;
  errors: number;
  applied: boolean;
  peakRssMb: number;
}

function cpuMs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

async function runJob(args: readonly string[]): Promise<RatingsImportOutcome> {
  const [dbPath, file] = args;
  if (dbPath === undefined || file === undefined) {
    throw new Error('usage: ratings-import-child DB FILE');
  }
  const ctx = openBackend({ dbPath, origin: 'cli', fallbackOperator: OPERATOR });
  try {
    const checkStarted = performance.now();
    checkOnce(ctx.db, ctx.dbPath, ctx.access);
    const checkMs = performance.now() - checkStarted;
    if (ctx.access.refusal)
      throw new Error(`the data file refuses writes: ${ctx.access.refusal.message}`);
    const ref = ctx.files.register(file);
    const started = performance.now();
    const previewCpu = process.cpuUsage();
    const preview = (await call(ctx, 'ratings.importPreview', {
      file: ref.handle,
    })) as ImportPreview;
    const previewMs = performance.now() - started;
    const previewCpuMs = cpuMs(previewCpu);
    if (preview.errors.length > 0) {
      throw new Error(
        `the file has ${preview.errors.length} rows in error: ${JSON.stringify(preview.errors.slice(0, 3))}`,
      );
    }
    const applyStarted = performance.now();
    const applyCpu = process.cpuUsage();
    const result = (await call(ctx, 'ratings.importApply', {
      planId: preview.planId,
    })) as ImportResult;
    const done = performance.now();
    const applyCpuMs = cpuMs(applyCpu);
    // The checkpoint the apply leaves owed, run as the app's worker runs it once idle after the
    // import (worker/serve.ts): timed on its own, not in the import's time; its memory counts.
    const checkpointStarted = performance.now();
    const checkpointCpu = process.cpuUsage();
    if (!payOwedCheckpoint(ctx.db)) throw new Error('the apply left no checkpoint owed');
    const checkpointMs = performance.now() - checkpointStarted;
    const checkpointCpuMs = cpuMs(checkpointCpu);
    const peakRssMb = process.resourceUsage().maxRSS / 1024;
    const outcome: RatingsImportOutcome = {
      job: 'ratings-import',
      ms: done - started,
      checkMs,
      previewMs,
      applyMs: done - applyStarted,
      previewCpuMs,
      applyCpuMs,
      checkpointMs,
      checkpointCpuMs,
      rows: preview.rows,
      newRatings: result.newRatings.length,
      errors: result.errors.length,
      applied: result.applied,
      peakRssMb,
    };
    return outcome;
  } finally {
    ctx.db.close();
  }
}

runChildJob(new URL(import.meta.url), runJob);
