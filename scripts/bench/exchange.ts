// The exchange's part of the bench (issue 9): the nation exported in one file by a child, that
// file imported into a copy of the master list by another, and the ratings that arrived checked
// here against the source's, row for row.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { runChild } from './child';
import type { Dataset } from './dataset';
import type { ExportOutcome, ImportOutcome } from './exchange-child';
import { scratchDir } from './paths';
import type { RawRates } from './raw';
import type { ExportEntry, ImportEntry, Row } from './report';
import { IMPORT_MIN_RATIO, PEAK_RSS_BUDGET_MB, exportRows, importRows } from './report';
import { ratingsDigest } from './verify';

export interface ExchangeRun {
  exported: ExportOutcome;
  imported: ImportOutcome;
  /** The data file the import wrote (a scratch copy of the master list). */
  importDb: string;
  same: boolean;
  source: { count: number };
  arrived: { count: number; sha256: string };
  sourceSha: string;
}

export async function runExchange(
  dataset: Dataset,
  cpuProfile: boolean,
  say: (line: string) => void,
): Promise<ExchangeRun> {
  say('exchange.export of the nation (child process) …');
  const exportDir = scratchDir('export');
  const exportDb = join(exportDir, 'national.sqlite3');
  copyFileSync(dataset.nationalPath, exportDb);
  const exported = (await runChild(['export', exportDb, exportDir], {
    cpuProfile,
  })) as ExportOutcome;

  say('exchange import of that file into the master list (child process) …');
  const importDir = scratchDir('import');
  const importDb = join(importDir, 'master.sqlite3');
  copyFileSync(dataset.masterPath, importDb);
  const imported = (await runChild(['import', importDb, exported.file], {
    cpuProfile,
  })) as ImportOutcome;

  // Checked here, after the child ended: every live rating arrived with its values.
  const source = ratingsDigest(dataset.nationalPath);
  const arrived = ratingsDigest(importDb);
  const same = source.count === arrived.count && source.sha256 === arrived.sha256;
  return { exported, imported, importDb, same, source, arrived, sourceSha: source.sha256 };
}

export function exchangeEntries(run: ExchangeRun, raw: RawRates) {
  const { exported, imported, same } = run;
  const exportEntry: ExportEntry = {
    name: 'exchange.export, nation',
    ms: Math.round(exported.ms),
    records: exported.records,
    fileMb: Number((exported.bytes / 1024 / 1024).toFixed(1)),
    peakRssMb: Math.round(exported.peakRssMb),
    ok: exported.peakRssMb < PEAK_RSS_BUDGET_MB,
  };
  const rowsPerSec = imported.records / (imported.ms / 1000);
  const ratioToRaw = rowsPerSec / raw.insertPerSec;
  const importEntry: ImportEntry = {
    name: 'exchange import, national file',
    rowsPerSec: Math.round(rowsPerSec),
    ratioToRaw: Number(ratioToRaw.toFixed(3)),
    peakRssMb: Math.round(imported.peakRssMb),
    ok: same && ratioToRaw >= IMPORT_MIN_RATIO && imported.peakRssMb < PEAK_RSS_BUDGET_MB,
  };
  return { exportEntry, importEntry };
}

export function exchangeRows(
  run: ExchangeRun,
  raw: RawRates,
  exportEntry: ExportEntry,
  importEntry: ImportEntry,
): Row[] {
  const { imported, source, arrived, same } = run;
  return [
    ...exportRows(exportEntry),
    ...importRows(importEntry, raw),
    {
      what: `${importEntry.name}: time (preview + apply)`,
      budget: '',
      measured:
        `${(imported.ms / 1000).toFixed(1)} s (${(imported.previewMs / 1000).toFixed(1)} + ` +
        `${(imported.applyMs / 1000).toFixed(1)}), ${imported.records.toLocaleString('en-US')} records`,
      ratio: '',
      ok: null,
    },
    {
      what: `${importEntry.name}: ratings arrived`,
      budget: `= source (${source.count.toLocaleString('en-US')}, same values)`,
      measured:
        `${arrived.count.toLocaleString('en-US')}, ` +
        (arrived.sha256 === run.sourceSha ? 'same values' : 'values differ'),
      ratio: '',
      ok: same,
    },
  ];
}
