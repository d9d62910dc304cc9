// `npm run bench` (issue 10; not part of `npm test`): measures the app at national size against
// its budgets on this machine, now, with raw better-sqlite3 as the yardstick of the same run.
// This first part measures the data exchange (issue 9): the nation exported in one file, and that
// file imported into a database holding the same master list. See docs/performance.md.
//
//   npm run bench [-- --json[=FILE]] [--rebuild] [--cpu-prof]
//
// --json        the results as JSON on stdout (the table goes to stderr); --json=FILE to a file
// --rebuild     build the cached national data set under .bench/ again
// --cpu-prof    write a CPU profile of each measured job to .bench/profiles/
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundleChild, runChild } from './child';
import { ensureDataset } from './dataset';
import type { ExportOutcome, ImportOutcome } from './exchange-child';
import { BENCH_DIR, removeScratch, scratchDir } from './paths';
import type { RawRates } from './raw';
import { measureRaw, readRatingRows } from './raw';
import { ratingsDigest } from './verify';
import type { BenchJson, ExportEntry, ImportEntry, Row } from './report';
import {
  IMPORT_MIN_RATIO,
  PEAK_RSS_BUDGET_MB,
  exportRows,
  formatTable,
  importRows,
  machineOf,
  rawRows,
} from './report';

interface Options {
  json: boolean;
  jsonFile: string | null;
  rebuild: boolean;
  cpuProfile: boolean;
}

function parseOptions(args: string[]): Options {
  const options: Options = { json: false, jsonFile: null, rebuild: false, cpuProfile: false };
  for (const arg of args) {
    if (arg === '--json') options.json = true;
    else if (arg.startsWith('--json=')) options.jsonFile = arg.slice('--json='.length);
    else if (arg === '--rebuild') options.rebuild = true;
    else if (arg === '--cpu-prof') options.cpuProfile = true;
    else throw new Error(`unknown option ${arg} (use --json[=FILE], --rebuild, --cpu-prof)`);
  }
  return options;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  // With --json on stdout, everything for people goes to stderr.
  const say = (text: string) => (options.json ? process.stderr : process.stdout).write(`${text}\n`);
  const dataset = ensureDataset(options.rebuild, say);
  const { rows } = dataset;
  say(
    `Nation: ${rows.units.toLocaleString('en-US')} units, ${rows.versions.toLocaleString('en-US')} versions, ` +
      `${rows.ratings.toLocaleString('en-US')} ratings (${rows.liveRatings.toLocaleString('en-US')} live).`,
  );

  if (!options.cpuProfile) await bundleChild();

  // The yardstick before and after the jobs; the faster of the two is used, so a busy moment
  // can only make the import's ratio look worse, never better.
  const ratingRows = readRatingRows(dataset.nationalPath);
  const rawDir = scratchDir('raw');
  say('Raw better-sqlite3 inserts …');
  const rawBefore = measureRaw(dataset.masterPath, rawDir, ratingRows);
  say(`  ${Math.round(rawBefore.insertPerSec).toLocaleString('en-US')} rows/s`);

  say('exchange.export of the nation (child process) …');
  const exportDir = scratchDir('export');
  const exportDb = join(exportDir, 'national.sqlite3');
  copyFileSync(dataset.nationalPath, exportDb);
  const exported = (await runChild(['export', exportDb, exportDir], {
    cpuProfile: options.cpuProfile,
  })) as ExportOutcome;

  say('exchange import of that file into the master list (child process) …');
  const importDir = scratchDir('import');
  const importDb = join(importDir, 'master.sqlite3');
  copyFileSync(dataset.masterPath, importDb);
  const imported = (await runChild(['import', importDb, exported.file], {
    cpuProfile: options.cpuProfile,
  })) as ImportOutcome;

  // Checked here, after the child ended: every live rating arrived with its values.
  const source = ratingsDigest(dataset.nationalPath);
  const arrived = ratingsDigest(importDb);
  const same = source.count === arrived.count && source.sha256 === arrived.sha256;

  say('Raw better-sqlite3 inserts again …');
  const rawAfter = measureRaw(dataset.masterPath, rawDir, ratingRows);
  say(`  ${Math.round(rawAfter.insertPerSec).toLocaleString('en-US')} rows/s`);
  const raw: RawRates = rawAfter.insertPerSec > rawBefore.insertPerSec ? rawAfter : rawBefore;
  removeScratch();

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
  const table: Row[] = [
    ...rawRows(raw),
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
        (arrived.sha256 === source.sha256 ? 'same values' : 'values differ'),
      ratio: '',
      ok: same,
    },
  ];
  const json: BenchJson = {
    machine: machineOf(raw),
    results: [],
    import: [importEntry],
    export: [exportEntry],
    bundle: null,
    browser: [],
  };
  say('');
  say(formatTable(table));
  say(`load average: ${json.machine.loadavg.join(', ')}`);
  if (options.cpuProfile) say(`CPU profiles: ${join(BENCH_DIR, 'profiles')}`);
  if (options.json) process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  if (options.jsonFile) writeFileSync(options.jsonFile, `${JSON.stringify(json, null, 2)}\n`);
  if (!importEntry.ok || !exportEntry.ok) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  removeScratch();
  process.exit(2);
});
