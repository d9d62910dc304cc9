// `npm run bench` (issue 10; not part of `npm test`): measures the app at national size against
// its budgets on this machine, now, with raw better-sqlite3 as the yardstick of the same run:
// opening the file, every screen query and search (cases.ts), their growth with the nation, the
// data exchange (issue 9), the data file's size. See docs/performance.md.
//
//   npm run bench [-- --json[=FILE]] [--only TEXT] [--rebuild] [--cpu-prof]
//
// --json        the results as JSON on stdout (the table goes to stderr); --json=FILE to a file
// --only TEXT   only the screen cases whose name contains TEXT (and their growth); the other
//               parts (open, growth, exchange, import, data file, cli, bundle, browser) only
//               when TEXT names them
// --rebuild     build the cached national data set under .bench/ again
// --cpu-prof    write a CPU profile of each measured exchange job to .bench/profiles/
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundleChild } from './child';
import { CASES, selectCases } from './cases';
import { GROWTH_SHAPES, ensureDataset, ensureGrowth, ensureScreens } from './dataset';
import { exchangeEntries, exchangeRows, runExchange } from './exchange';
import { BENCH_DIR, removeScratch, scratchDir } from './paths';
import type { RawRates } from './raw';
import { measureRaw, readRatingRows } from './raw';
import type { BenchJson, ExportEntry, ImportEntry, Row } from './report';
import { DATA_FILE_BUDGET_MB, dataFileRow, formatTable, machineOf, rawRows } from './report';
import type { GrowthEntry, QueryRun, ResultEntry } from './screens';
import {
  growthEntries,
  growthRow,
  measureOpen,
  measureQueries,
  openEntry,
  queryEntry,
  resultRow,
} from './screens';

interface Options {
  json: boolean;
  jsonFile: string | null;
  only: string | null;
  rebuild: boolean;
  cpuProfile: boolean;
}

const USAGE = 'use --json[=FILE], --only TEXT, --rebuild, --cpu-prof';

export function parseOptions(args: string[]): Options {
  const options: Options = {
    json: false,
    jsonFile: null,
    only: null,
    rebuild: false,
    cpuProfile: false,
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--json') options.json = true;
    else if (arg.startsWith('--json=')) options.jsonFile = arg.slice('--json='.length);
    else if (arg === '--only') {
      const text = args[++i];
      if (text === undefined || text === '') throw new Error(`--only needs a text (${USAGE})`);
      options.only = text;
    } else if (arg.startsWith('--only=')) options.only = arg.slice('--only='.length);
    else if (arg === '--rebuild') options.rebuild = true;
    else if (arg === '--cpu-prof') options.cpuProfile = true;
    else throw new Error(`unknown option ${arg} (${USAGE})`);
  }
  return options;
}

/** Whether a part of the bench runs: always without --only, else when the text names it. */
const runsPart = (options: Options, part: string) =>
  options.only === null || part.toLowerCase().includes(options.only.toLowerCase());

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
  const screensPath = ensureScreens(dataset, say);
  const cases = selectCases(CASES, options.only);
  const growthCases = cases.filter((c) => c.growth);

  await bundleChild('screen-child');
  if (!options.cpuProfile) await bundleChild('exchange-child');

  // The yardstick before and after the jobs; the faster of the two is used, so a busy moment
  // can only make an import's ratio look worse, never better.
  const ratingRows = readRatingRows(dataset.nationalPath);
  const rawDir = scratchDir('raw');
  say('Raw better-sqlite3 inserts …');
  const rawBefore = measureRaw(dataset.masterPath, rawDir, ratingRows);
  say(`  ${Math.round(rawBefore.insertPerSec).toLocaleString('en-US')} rows/s`);

  const table: Row[] = [];
  const results: ResultEntry[] = [];
  const growth: GrowthEntry[] = [];
  const imports: ImportEntry[] = [];
  const exports: ExportEntry[] = [];
  let dataFile: BenchJson['dataFile'] = null;
  let failed = false;

  if (runsPart(options, 'open the file')) {
    say(`Opening the file and Tổng quan, cold (a fresh process each time) …`);
    const entry = openEntry(await measureOpen(screensPath, scratchDir('open')));
    results.push(entry);
    table.push(resultRow(entry));
  }

  if (cases.length > 0) {
    say(`Screen queries and searches (${cases.length} cases) …`);
    const national = await measureQueries(screensPath, options.only, false);
    for (const run of national) {
      const entry = queryEntry(run);
      results.push(entry);
      table.push(resultRow(entry, `${run.answerKb} KB`));
    }
    if (growthCases.length > 0 && (options.only === null || runsGrowth(national))) {
      const sets: { label: string; units: number; runs: QueryRun[] }[] = [];
      for (const { label, shape } of GROWTH_SHAPES) {
        say(`Province-scoped queries on ${label} units …`);
        const path = ensureGrowth(shape, say);
        sets.push({
          label,
          units: shape.units,
          runs: await measureQueries(path, options.only, true),
        });
      }
      sets.push({
        label: `${Math.round(rows.units / 1000)}k`,
        units: rows.units,
        runs: national.filter((r) => r.case.growth),
      });
      for (const g of growthEntries(sets)) {
        growth.push(g);
        table.push(growthRow(g));
      }
    }
  }

  let raw: RawRates = rawBefore;
  if (runsPart(options, 'exchange') || runsPart(options, 'data file')) {
    const run = await runExchange(dataset, options.cpuProfile, say);
    say('Raw better-sqlite3 inserts again …');
    const rawAfter = measureRaw(dataset.masterPath, rawDir, ratingRows);
    say(`  ${Math.round(rawAfter.insertPerSec).toLocaleString('en-US')} rows/s`);
    raw = rawAfter.insertPerSec > rawBefore.insertPerSec ? rawAfter : rawBefore;
    const { exportEntry, importEntry } = exchangeEntries(run, raw);
    exports.push(exportEntry);
    imports.push(importEntry);
    table.push(...exchangeRows(run, raw, exportEntry, importEntry));
    failed ||= !exportEntry.ok || !importEntry.ok;
    const mb = fileMb(run.importDb);
    dataFile = {
      name: 'data file, nation after the exchange import',
      mb,
      ok: mb <= DATA_FILE_BUDGET_MB,
    };
    table.push(dataFileRow(dataFile));
  }
  removeScratch();

  const json: BenchJson = {
    machine: machineOf(raw),
    results,
    growth,
    import: imports,
    export: exports,
    dataFile,
    bundle: null,
    browser: [],
  };
  failed ||= results.some((r) => !r.ok) || growth.some((g) => !g.flat);
  failed ||= dataFile !== null && !dataFile.ok;
  say('');
  say(formatTable([...rawRows(raw), ...table]));
  say(`load average: ${json.machine.loadavg.join(', ')}`);
  if (options.cpuProfile) say(`CPU profiles: ${join(BENCH_DIR, 'profiles')}`);
  if (options.json) process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  if (options.jsonFile) writeFileSync(options.jsonFile, `${JSON.stringify(json, null, 2)}\n`);
  if (failed) process.exitCode = 1;
}

/** With --only, the growth rows come with the province-scoped cases the text selected. */
const runsGrowth = (national: QueryRun[]) => national.some((r) => r.case.growth);

/** The data file's size on disk, its write-ahead log included. */
function fileMb(path: string): number {
  let bytes = statSync(path).size;
  if (existsSync(`${path}-wal`)) bytes += statSync(`${path}-wal`).size;
  return Math.round(bytes / 1024 / 1024);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  removeScratch();
  process.exit(2);
});
