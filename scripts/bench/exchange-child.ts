// One measured exchange job, run alone in its own process so its peak memory is its own:
//   exchange-child export DB OUT_DIR      exchange.export of the installation's whole scope
//   exchange-child import DB FILE [PASSWORD_FILE]
//                                         exchange.preview + exchange.apply of one file (sealed
//                                         with the password in PASSWORD_FILE, if given)
// Both go through `dispatch`, as the CLI does. The last line on stdout is the result as JSON
// (`ChildResult`); the peak RSS is the process's own (`resourceUsage().maxRSS`), read as soon as
// the job returns: whatever checks its outcome runs in the parent, so it cannot add to the peak.
// The job runs in a worker thread started with the app's backend worker's heap limits, as the
// app runs it (worker-job.ts).
import { copyFileSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { openBackend } from '../../electron/backend/index';
import { callMethod as call } from './call';
import { OPERATOR } from './dataset';
import { runChildJob } from './worker-job';

export interface ExportOutcome {
  job: 'export';
  ms: number;
  file: string;
  bytes: number;
  records: number;
  peakRssMb: number;
}

export interface ImportOutcome {
  job: 'import';
  ms: number;
  previewMs: number;
  applyMs: number;
  records: number;
  counts: Record<string, number>;
  peakRssMb: number;
}

export type ChildResult = ExportOutcome | ImportOutcome;

const peakRssMb = () => process.resourceUsage().maxRSS / 1024;

async function runExport(dbPath: string, outDir: string): Promise<ExportOutcome> {
  const ctx = openBackend({ dbPath, origin: 'cli', fallbackOperator: OPERATOR, outputDir: outDir });
  try {
    const started = performance.now();
    const result = await call(ctx, 'exchange.export', {});
    const ms = performance.now() - started;
    const peak = peakRssMb();
    const file = join(outDir, 'nation.tccsd');
    copyFileSync(ctx.files.pathOf(result.file.handle), file);
    const records = Object.values(result.header.counts).reduce((a, b) => a + b, 0);
    return { job: 'export', ms, file, bytes: statSync(file).size, records, peakRssMb: peak };
  } finally {
    ctx.db.close();
  }
}

async function runImport(
  dbPath: string,
  file: string,
  passwordFile: string | undefined,
): Promise<ImportOutcome> {
  const ctx = openBackend({ dbPath, origin: 'cli', fallbackOperator: OPERATOR });
  try {
    const ref = ctx.files.register(file);
    const passwords =
      passwordFile === undefined ? {} : { [ref.handle]: readFileSync(passwordFile, 'utf8') };
    const started = performance.now();
    const preview = await call(ctx, 'exchange.preview', { files: [ref.handle], passwords });
    const previewMs = performance.now() - started;
    if (!preview.canApply) {
      throw new Error(`the national file cannot be applied: ${JSON.stringify(preview.files)}`);
    }
    const sameUnits = Object.fromEntries(
      preview.sameUnits.map((c) => [c.incomingUnitId, 'same' as const]),
    );
    await call(ctx, 'exchange.apply', {
      planId: preview.planId,
      conflicts: { all: 'take_incoming' },
      sameUnits,
    });
    const ms = performance.now() - started;
    const peak = peakRssMb();
    const header = preview.files[0]?.header;
    const records = header ? Object.values(header.counts).reduce((a, b) => a + b, 0) : 0;
    return {
      job: 'import',
      ms,
      previewMs,
      applyMs: ms - previewMs,
      records,
      counts: { ...preview.totals },
      peakRssMb: peak,
    };
  } finally {
    ctx.db.close();
  }
}

async function runJob(args: readonly string[]): Promise<ChildResult> {
  const [job, dbPath, target, passwordFile] = args;
  if (!dbPath || !target) throw new Error('usage: exchange-child export|import DB TARGET');
  const result =
    job === 'export'
      ? await runExport(dbPath, target)
      : job === 'import'
        ? await runImport(dbPath, target, passwordFile)
        : null;
  if (result === null) throw new Error(`unknown job ${job}`);
  return result;
}

runChildJob(new URL(import.meta.url), runJob);
