// What `npm run bench` prints (one table: budget, measured, ratio, verdict) and writes with
// --json (the shape issue 10 gives; `growth`, `export` and `dataFile` are added beside it).
import { loadavg } from 'node:os';
import type { RawRates } from './raw';

/** Issue 10's budgets for an import at national size. */
export const IMPORT_MIN_RATIO = 1 / 3;
export const PEAK_RSS_BUDGET_MB = 500;
/** Issue 10: the data file at national size, audit included. */
export const DATA_FILE_BUDGET_MB = 350;

export interface ImportEntry {
  name: string;
  rowsPerSec: number;
  ratioToRaw: number;
  peakRssMb: number;
  ok: boolean;
}

export interface ExportEntry {
  name: string;
  ms: number;
  records: number;
  fileMb: number;
  peakRssMb: number;
  ok: boolean;
}

export interface BenchJson {
  /** The yardstick; null in a run with --only that measures no import. */
  machine: { rawInsertPerSec: number | null; rawPointReadUs: number | null; loadavg: number[] };
  /** Opening the file, the screen queries, the searches, the CLI: p50 and p95 of timed runs. */
  results: { name: string; p50Ms: number; p95Ms: number; budgetMs: number; ok: boolean }[];
  /** Province-scoped queries on smaller nations: p50 per data set, the nation's ÷ the smallest's. */
  growth: {
    name: string;
    p50Ms: { label: string; units: number; ms: number }[];
    ratio: number;
    flat: boolean;
  }[];
  import: ImportEntry[];
  export: ExportEntry[];
  /** The national data file after the exchange import, audit included. */
  dataFile: { name: string; mb: number; ok: boolean } | null;
  /** The renderer's JavaScript that the first screen loads, gzip. */
  bundle: { gzipKb: number; ok: boolean } | null;
  /** Chromium against the preview host. */
  browser: { name: string; ms: number; budgetMs: number; ok: boolean }[];
}

export interface Row {
  what: string;
  budget: string;
  measured: string;
  ratio: string;
  /** null: a figure with no budget of its own (the yardstick, a time). */
  ok: boolean | null;
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const mb = (n: number) => `${n.toFixed(0)} MB`;

export function machineOf(raw: RawRates | null): BenchJson['machine'] {
  return {
    rawInsertPerSec: raw === null ? null : Math.round(raw.insertPerSec),
    rawPointReadUs: raw === null ? null : Number(raw.pointReadUs.toFixed(2)),
    loadavg: loadavg().map((n) => Number(n.toFixed(2))),
  };
}

export function rawRows(raw: RawRates | null): Row[] {
  if (raw === null) {
    return [
      {
        what: 'raw insert and point read (yardstick)',
        budget: '',
        measured: 'not measured (--only)',
        ratio: '',
        ok: null,
      },
    ];
  }
  return [
    {
      what: `raw insert, ${int(raw.rows)} rating rows (yardstick)`,
      budget: '',
      measured: `${int(raw.insertPerSec)} rows/s`,
      ratio: '',
      ok: null,
    },
    {
      what: 'raw point read of a rating',
      budget: '',
      measured: `${raw.pointReadUs.toFixed(1)} µs`,
      ratio: '',
      ok: null,
    },
  ];
}

export function exportRows(entry: ExportEntry): Row[] {
  return [
    {
      what: `${entry.name}: time`,
      budget: '',
      measured: `${(entry.ms / 1000).toFixed(1)} s, ${int(entry.records)} records, ${entry.fileMb.toFixed(1)} MB`,
      ratio: '',
      ok: null,
    },
    memoryRow(`${entry.name}: peak RSS`, entry.peakRssMb),
  ];
}

export function importRows(entry: ImportEntry, raw: RawRates): Row[] {
  return [
    {
      what: `${entry.name}: rate`,
      budget: `≥ 1/3 of raw = ${int(raw.insertPerSec * IMPORT_MIN_RATIO)} rows/s`,
      measured: `${int(entry.rowsPerSec)} rows/s`,
      ratio: `${entry.ratioToRaw.toFixed(2)} of raw`,
      ok: entry.ratioToRaw >= IMPORT_MIN_RATIO,
    },
    memoryRow(`${entry.name}: peak RSS`, entry.peakRssMb),
  ];
}

export function memoryRow(what: string, peakMb: number): Row {
  return {
    what,
    budget: `< ${mb(PEAK_RSS_BUDGET_MB)}`,
    measured: mb(peakMb),
    ratio: (peakMb / PEAK_RSS_BUDGET_MB).toFixed(2),
    ok: peakMb < PEAK_RSS_BUDGET_MB,
  };
}

export function dataFileRow(entry: { name: string; mb: number; ok: boolean }): Row {
  return {
    what: entry.name,
    budget: `≤ ${mb(DATA_FILE_BUDGET_MB)}`,
    measured: mb(entry.mb),
    ratio: (entry.mb / DATA_FILE_BUDGET_MB).toFixed(2),
    ok: entry.ok,
  };
}

export function bundleRow(b: {
  files: unknown[];
  kb: number;
  gzipKb: number;
  allGzipKb: number;
}): Row {
  return {
    what: `renderer JavaScript of the first screen (${b.files.length} files)`,
    budget: '≤ 300 KB gzip',
    measured: `${b.gzipKb.toFixed(0)} KB gzip (${b.kb.toFixed(0)} KB; every chunk ${b.allGzipKb.toFixed(0)} KB gzip)`,
    ratio: (b.gzipKb / 300).toFixed(2),
    ok: b.gzipKb <= 300,
  };
}

export function browserRow(b: { name: string; ms: number; budgetMs: number; ok: boolean }): Row {
  const longTask = b.name.includes('longest task');
  return {
    what: b.name,
    budget: longTask ? `no task over ${b.budgetMs} ms` : `≤ ${b.budgetMs} ms`,
    measured: longTask && b.ms === 0 ? 'none over 50 ms' : `${b.ms} ms`,
    ratio: (b.ms / b.budgetMs).toFixed(2),
    ok: b.ok,
  };
}

/** The rows as a plain-text table, columns padded. */
export function formatTable(rows: Row[]): string {
  const header = ['what', 'budget', 'measured', 'ratio', 'verdict'];
  const cells = rows.map((r) => [
    r.what,
    r.budget,
    r.measured,
    r.ratio,
    r.ok === null ? '' : r.ok ? 'ok' : 'OVER',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => `| ${c.map((text, i) => text.padEnd(widths[i]!)).join(' | ')} |`;
  const rule = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
  return [line(header), rule, ...cells.map(line)].join('\n');
}
