// The ratings import measured alone in its own process (like the exchange child), so its peak
// memory is its own:  ratings-import-child DB FILE
// `ratings.importPreview` + `ratings.importApply` through `dispatch`, as the app's worker runs
// them. The last line on stdout is the result as JSON; the peak RSS is read as soon as the apply
// returns.
import { dispatch } from '../../electron/backend/dispatch';
import { openBackend } from '../../electron/backend/index';
import type { BackendContext } from '../../electron/backend/context';
import type { ImportPreview, ImportResult } from '../../shared/contract';
import { OPERATOR } from './dataset';

export interface RatingsImportOutcome {
  job: 'ratings-import';
  ms: number;
  previewMs: number;
  applyMs: number;
  rows: number;
  newRatings: number;
  errors: number;
  applied: boolean;
  peakRssMb: number;
}

async function call(ctx: BackendContext, method: string, input: unknown): Promise<unknown> {
  const result = await dispatch(ctx, method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

async function main(): Promise<void> {
  const [dbPath, file] = process.argv.slice(2);
  if (dbPath === undefined || file === undefined) {
    throw new Error('usage: ratings-import-child DB FILE');
  }
  const ctx = openBackend({ dbPath, origin: 'cli', fallbackOperator: OPERATOR });
  try {
    const ref = ctx.files.register(file);
    const started = performance.now();
    const preview = (await call(ctx, 'ratings.importPreview', {
      file: ref.handle,
    })) as ImportPreview;
    const previewMs = performance.now() - started;
    if (preview.errors.length > 0) {
      throw new Error(
        `the file has ${preview.errors.length} rows in error: ${JSON.stringify(preview.errors.slice(0, 3))}`,
      );
    }
    const applyStarted = performance.now();
    const result = (await call(ctx, 'ratings.importApply', {
      planId: preview.planId,
    })) as ImportResult;
    const done = performance.now();
    const peakRssMb = process.resourceUsage().maxRSS / 1024;
    const outcome: RatingsImportOutcome = {
      job: 'ratings-import',
      ms: done - started,
      previewMs,
      applyMs: done - applyStarted,
      rows: preview.rows,
      newRatings: result.newRatings.length,
      errors: result.errors.length,
      applied: result.applied,
      peakRssMb,
    };
    process.stdout.write(`\n${JSON.stringify(outcome)}\n`);
  } finally {
    ctx.db.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
