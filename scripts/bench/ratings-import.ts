// The ratings import at national size (issue 10): a 55,000-row CSV and the same rows in an .xlsx
// (ratings-files.ts), each imported into its own copy of the national file by a child process
// (ratings-import-child.ts): rows per second against the raw insert rate of the same run, the
// child's peak RSS, and the data file's size after it.
import { copyFileSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { runBundled } from './child';
import type { RatingsImportOutcome } from './ratings-import-child';
import type { RatingsFiles } from './ratings-files';
import type { RawRates } from './raw';
import type { ImportEntry, Row } from './report';
import { IMPORT_MIN_RATIO, PEAK_RSS_BUDGET_MB, importRows } from './report';

export interface RatingsImportRun {
  format: 'CSV' | '.xlsx';
  outcome: RatingsImportOutcome;
  fileMbAfter: number;
}

/** The data file's size on disk, its write-ahead log included. */
export function fileMb(path: string): number {
  let bytes = statSync(path).size;
  if (existsSync(`${path}-wal`)) bytes += statSync(`${path}-wal`).size;
  return Math.round(bytes / 1024 / 1024);
}

export async function runRatingsImports(
  nationalPath: string,
  files: RatingsFiles,
  dir: string,
  say: (line: string) => void,
): Promise<RatingsImportRun[]> {
  const runs: RatingsImportRun[] = [];
  for (const [format, file] of [
    ['CSV', files.csv],
    ['.xlsx', files.xlsx],
  ] as const) {
    say(
      `ratings import of ${files.rows.toLocaleString('en-US')} rows, ${format} (child process) …`,
    );
    const dbPath = join(dir, `ratings-${format.replace('.', '')}.sqlite3`);
    copyFileSync(nationalPath, dbPath);
    const outcome = (await runBundled('ratings-import-child', [
      dbPath,
      file,
    ])) as RatingsImportOutcome;
    if (!outcome.applied || outcome.newRatings !== files.rows) {
      throw new Error(
        `the ${format} import wrote ${outcome.newRatings} new ratings of ${files.rows} rows (applied: ${outcome.applied})`,
      );
    }
    runs.push({ format, outcome, fileMbAfter: fileMb(dbPath) });
  }
  return runs;
}

export function ratingsImportEntry(run: RatingsImportRun, raw: RawRates): ImportEntry {
  const rowsPerSec = run.outcome.rows / (run.outcome.ms / 1000);
  const ratioToRaw = rowsPerSec / raw.insertPerSec;
  return {
    name: `ratings import, ${run.outcome.rows.toLocaleString('en-US')} rows ${run.format}`,
    rowsPerSec: Math.round(rowsPerSec),
    ratioToRaw: Number(ratioToRaw.toFixed(3)),
    peakRssMb: Math.round(run.outcome.peakRssMb),
    ok: ratioToRaw >= IMPORT_MIN_RATIO && run.outcome.peakRssMb < PEAK_RSS_BUDGET_MB,
  };
}

export function ratingsImportRows(run: RatingsImportRun, entry: ImportEntry, raw: RawRates): Row[] {
  const { outcome } = run;
  return [
    ...importRows(entry, raw),
    {
      what: `${entry.name}: time (preview + apply), file after`,
      budget: '',
      measured:
        `${(outcome.ms / 1000).toFixed(1)} s (${(outcome.previewMs / 1000).toFixed(1)} + ` +
        `${(outcome.applyMs / 1000).toFixed(1)}; CPU ${(outcome.previewCpuMs / 1000).toFixed(1)} + ` +
        `${(outcome.applyCpuMs / 1000).toFixed(1)}), data file ${run.fileMbAfter} MB`,
      ratio: '',
      ok: null,
    },
    {
      // Run after opening, before the import, as the app's worker runs it once idle for 1 s.
      what: `${entry.name}: the file's quick_check before it (not in its time)`,
      budget: '',
      measured: `${(outcome.checkMs / 1000).toFixed(2)} s`,
      ratio: '',
      ok: null,
    },
    {
      // Owed by the apply's commit, run as the app's worker runs it once idle after the import.
      what: `${entry.name}: the checkpoint after it (not in its time)`,
      budget: '',
      measured:
        `${(outcome.checkpointMs / 1000).toFixed(2)} s ` +
        `(CPU ${(outcome.checkpointCpuMs / 1000).toFixed(2)})`,
      ratio: '',
      ok: null,
    },
  ];
}
