// The exchange's part of the bench (issue 9): the nation exported in one file by a child, that
// file imported into a copy of the master list by another, and the ratings that arrived checked
// here against the source's, row for row. The same file sealed with a password (issue 11 item 7:
// sealed here exactly as an export with a password seals it) is imported by a third child into
// another copy, so the two imports' rates are compared within one run.
import { copyFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runChild } from './child';
import type { Dataset } from './dataset';
import type { ExportOutcome, ImportOutcome } from './exchange-child';
import { scratchDir } from './paths';
import type { RawRates } from './raw';
import type { ExportEntry, ImportEntry, Row } from './report';
import { IMPORT_MIN_RATIO, PEAK_RSS_BUDGET_MB, exportRows, importRows } from './report';
import { ratingsDigest } from './verify';
import { newSeal, sealFile } from '../../electron/backend/exchange/format/sealed';

/** The bench's password: a fixed one, handed to the child in a file, never as an argument. */
const BENCH_PASSWORD = 'mật khẩu của bench 2017';

export interface SealedRun {
  /** scrypt and the sealing of the national file, as an export with a password adds them. */
  sealMs: number;
  bytes: number;
  imported: ImportOutcome;
  same: boolean;
}

export interface ExchangeRun {
  exported: ExportOutcome;
  imported: ImportOutcome;
  /** The data file the import wrote (a scratch copy of the master list). */
  importDb: string;
  same: boolean;
  source: { count: number };
  arrived: { count: number; sha256: string };
  sourceSha: string;
  sealed: SealedRun;
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

  say('the same file sealed with a password, imported into another copy (child process) …');
  const sealStarted = performance.now();
  const sealedFile = join(exportDir, 'nation-sealed.tccsd');
  sealFile(exported.file, sealedFile, await newSeal(BENCH_PASSWORD));
  const sealMs = performance.now() - sealStarted;
  const passwordFile = join(exportDir, 'password.txt');
  writeFileSync(passwordFile, BENCH_PASSWORD, { mode: 0o600 });
  const sealedDb = join(importDir, 'master-sealed.sqlite3');
  copyFileSync(dataset.masterPath, sealedDb);
  const sealedImport = (await runChild(['import', sealedDb, sealedFile, passwordFile], {
    cpuProfile,
  })) as ImportOutcome;

  // Checked here, after the child ended: every live rating arrived with its values.
  const source = ratingsDigest(dataset.nationalPath);
  const arrived = ratingsDigest(importDb);
  const same = source.count === arrived.count && source.sha256 === arrived.sha256;
  const arrivedSealed = ratingsDigest(sealedDb);
  const sealed: SealedRun = {
    sealMs,
    bytes: statSync(sealedFile).size,
    imported: sealedImport,
    same: arrivedSealed.count === source.count && arrivedSealed.sha256 === source.sha256,
  };
  return { exported, imported, importDb, same, source, arrived, sourceSha: source.sha256, sealed };
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
  const importEntry = importEntryOf('exchange import, national file', imported, same, raw);
  const sealedEntry = importEntryOf(
    'exchange import, national file with a password',
    run.sealed.imported,
    run.sealed.same,
    raw,
  );
  return { exportEntry, importEntry, sealedEntry };
}

function importEntryOf(
  name: string,
  imported: ImportOutcome,
  same: boolean,
  raw: RawRates,
): ImportEntry {
  const rowsPerSec = imported.records / (imported.ms / 1000);
  const ratioToRaw = rowsPerSec / raw.insertPerSec;
  return {
    name,
    rowsPerSec: Math.round(rowsPerSec),
    ratioToRaw: Number(ratioToRaw.toFixed(3)),
    peakRssMb: Math.round(imported.peakRssMb),
    ok: same && ratioToRaw >= IMPORT_MIN_RATIO && imported.peakRssMb < PEAK_RSS_BUDGET_MB,
  };
}

/** The sealed file's import beside the plain one's: rate, memory, time, what arrived. */
export function sealedRows(run: ExchangeRun, raw: RawRates, entry: ImportEntry): Row[] {
  const { sealed, imported } = run;
  return [
    ...importRows(entry, raw),
    {
      what: `${entry.name}: time (preview + apply)`,
      budget: '',
      measured:
        `${(sealed.imported.ms / 1000).toFixed(1)} s (${(sealed.imported.previewMs / 1000).toFixed(1)} + ` +
        `${(sealed.imported.applyMs / 1000).toFixed(1)}); plain ${(imported.ms / 1000).toFixed(1)} s`,
      ratio: `${(sealed.imported.ms / imported.ms).toFixed(2)} of plain`,
      ok: null,
    },
    {
      what: 'sealing the national file (scrypt + AES-256-GCM), added to an export with a password',
      budget: '',
      measured: `${(sealed.sealMs / 1000).toFixed(2)} s, ${(sealed.bytes / 1024 / 1024).toFixed(1)} MB`,
      ratio: '',
      ok: null,
    },
    {
      what: `${entry.name}: ratings arrived`,
      budget: '= source',
      measured: sealed.same ? 'same values' : 'values differ',
      ratio: '',
      ok: sealed.same,
    },
  ];
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
