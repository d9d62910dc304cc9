// `npm run bench` (issue 10; not part of `npm test`): measures the app at national size against
// its budgets on this machine, now, with raw better-sqlite3 as the yardstick of the same run:
// opening the file, every screen query and search (cases.ts) and their growth with the nation,
// the data exchange (issue 9) and the ratings import, the data file's size, the CLI, the
// renderer's bundle and Chromium on the preview host. See docs/performance.md.
//
//   npm run bench [-- --json[=FILE]] [--only TEXT] [--rebuild] [--cpu-prof]
//
// --json        the results as JSON on stdout (the table goes to stderr); --json=FILE to a file
// --only TEXT   only the screen cases whose name contains TEXT (and the growth of those that are
//               province-scoped), and the parts whose name contains it: "open the file",
//               "growth", "exchange", "ratings import", "data file", "cli", "bundle", "browser"
// --rebuild     build the cached national data set under .bench/ again
// --cpu-prof    write a CPU profile of each measured exchange job to .bench/profiles/
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildApp, BUNDLE_BUDGET_KB, measureBundle } from './bundle';
import { measureBrowser } from './browser';
import { CASES, YEAR, lookupContext, selectCases } from './cases';
import { bundleChild } from './child';
import { CLI_BUDGET_MS, measureCli } from './cli';
import { GROWTH_SHAPES, datasetKey, ensureDataset, ensureGrowth, ensureScreens } from './dataset';
import { exchangeEntries, exchangeRows, runExchange, sealedRows } from './exchange';
import { openDatabase } from '../../electron/backend/db/open';
import type { Options } from './options';
import { parseOptions, runsPart } from './options';
import { BENCH_DIR, removeScratch, scratchDir } from './paths';
import { ensureRatingsFiles } from './ratings-files';
import type { RatingsImportRun } from './ratings-import';
import { fileMb, ratingsImportEntry, ratingsImportRows, runRatingsImports } from './ratings-import';
import type { RawRates } from './raw';
import { measureRaw, readRatingRows } from './raw';
import type { BenchJson, ExportEntry, ImportEntry, Row } from './report';
import {
  DATA_FILE_BUDGET_MB,
  browserRow,
  bundleRow,
  dataFileRow,
  formatTable,
  machineOf,
  rawRows,
} from './report';
import type { GrowthEntry, ResultEntry } from './screens';
import {
  growthEntries,
  growthRow,
  measureGrowth,
  measureOpen,
  measureQueries,
  openEntry,
  queryEntry,
  resultRow,
} from './screens';

/** The screen cases to time on the national file, and the province-scoped ones to grow. */
function chosenCases(options: Options) {
  const cases = selectCases(CASES, options.only);
  const growth = runsPart(options, 'growth')
    ? CASES.filter((c) => c.growth)
    : cases.filter((c) => c.growth);
  return { cases, growth };
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  // With --json on stdout, everything for people goes to stderr.
  const say = (text: string) => (options.json ? process.stderr : process.stdout).write(`${text}\n`);
  const started = performance.now();
  const dataset = ensureDataset(options.rebuild, say);
  const { rows } = dataset;
  say(
    `Nation: ${rows.units.toLocaleString('en-US')} units, ${rows.versions.toLocaleString('en-US')} versions, ` +
      `${rows.ratings.toLocaleString('en-US')} ratings (${rows.liveRatings.toLocaleString('en-US')} live).`,
  );
  const screensPath = ensureScreens(dataset, say);
  const chosen = chosenCases(options);

  await bundleChild('screen-child');
  await bundleChild('ratings-import-child');
  if (!options.cpuProfile) await bundleChild('exchange-child');

  // The yardstick before and after the imports; the faster of the two is used, so a busy moment
  // can only make an import's ratio look worse, never better. A run with --only measures it only
  // when it measures an import.
  const withImports = ['exchange', 'ratings import', 'data file'] as const;
  const measuresRaw = options.only === null || withImports.some((p) => runsPart(options, p));
  const ratingRows = measuresRaw ? readRatingRows(dataset.nationalPath) : [];
  const rawDir = scratchDir('raw');
  const rawBefore = measuresRaw
    ? measureRawSaying(dataset.masterPath, rawDir, ratingRows, say)
    : null;

  const table: Row[] = [];
  const results: ResultEntry[] = [];
  const growth: GrowthEntry[] = [];
  const imports: ImportEntry[] = [];
  const exports: ExportEntry[] = [];
  const json: Omit<BenchJson, 'machine'> = {
    results,
    growth,
    import: imports,
    export: exports,
    dataFile: null,
    bundle: null,
    browser: [],
  };

  if (runsPart(options, 'open the file')) {
    say('Opening the file and Tổng quan, cold (a fresh process each time) …');
    const summary = await measureOpen(screensPath, scratchDir('open'));
    const entry = openEntry(summary);
    results.push(entry);
    table.push(resultRow(entry, summary.runs));
  }

  if (chosen.cases.length > 0) {
    say(`Screen queries and searches (${chosen.cases.length} cases) …`);
    const national = await measureQueries(screensPath, chosen.cases, scratchDir('queries'));
    for (const run of national) {
      const entry = queryEntry(run);
      results.push(entry);
      table.push(resultRow(entry, run.summary.runs, `${run.answerKb} KB`));
    }
  }
  if (chosen.growth.length > 0) {
    const nations = GROWTH_SHAPES.map(({ label, shape }) => ({
      label,
      units: shape.units,
      path: ensureGrowth(shape, say),
    }));
    nations.push({
      label: `${Math.round(rows.units / 1000)}k`,
      units: rows.units,
      path: screensPath,
    });
    say(
      `Province-scoped queries on ${nations.map((n) => n.label).join(', ')} units, interleaved …`,
    );
    for (const g of growthEntries(
      await measureGrowth(nations, chosen.growth, scratchDir('growth')),
    )) {
      growth.push(g);
      table.push(growthRow(g));
    }
  }

  const exchange =
    runsPart(options, 'exchange') || runsPart(options, 'data file')
      ? await runExchange(dataset, options.cpuProfile, say)
      : null;
  let ratingsRuns: RatingsImportRun[] = [];
  if (runsPart(options, 'ratings import')) {
    const files = await ensureRatingsFiles(dataset.nationalPath, datasetKey());
    ratingsRuns = await runRatingsImports(dataset.nationalPath, files, scratchDir('ratings'), say);
  }
  let raw: RawRates | null = rawBefore;
  if (rawBefore !== null && (exchange !== null || ratingsRuns.length > 0)) {
    const rawAfter = measureRawSaying(dataset.masterPath, rawDir, ratingRows, say);
    raw = rawAfter.insertPerSec > rawBefore.insertPerSec ? rawAfter : rawBefore;
  }
  if (exchange !== null && raw !== null) {
    const { exportEntry, importEntry, sealedEntry } = exchangeEntries(exchange, raw);
    exports.push(exportEntry);
    imports.push(importEntry, sealedEntry);
    table.push(...exchangeRows(exchange, raw, exportEntry, importEntry));
    table.push(...sealedRows(exchange, raw, sealedEntry));
    const mb = fileMb(exchange.importDb);
    json.dataFile = {
      name: 'data file, nation after the exchange import (audit included)',
      mb,
      ok: mb <= DATA_FILE_BUDGET_MB,
    };
    table.push(dataFileRow(json.dataFile));
  }
  for (const run of ratingsRuns) {
    if (raw === null) break;
    const entry = ratingsImportEntry(run, raw);
    imports.push(entry);
    table.push(...ratingsImportRows(run, entry, raw));
  }

  if (runsPart(options, 'cli')) {
    say('The CLI, end to end (a new process each time) …');
    const { db } = openDatabase(screensPath);
    const { code } = (() => {
      try {
        return lookupContext(db, YEAR);
      } finally {
        db.close();
      }
    })();
    const summary = await measureCli(dataset.nationalPath, scratchDir('cli'), code);
    const entry: ResultEntry = {
      name: `CLI: tccsd ratings list --year ${YEAR} --scope ${code} --json`,
      p50Ms: summary.p50Ms,
      p95Ms: summary.p95Ms,
      budgetMs: CLI_BUDGET_MS,
      ok: summary.p95Ms <= CLI_BUDGET_MS,
    };
    results.push(entry);
    table.push(resultRow(entry, summary.runs));
  }

  if (runsPart(options, 'bundle') || runsPart(options, 'browser')) {
    say('Building the app (electron-vite, production) …');
    const rendererDir = buildApp(scratchDir('build'));
    if (runsPart(options, 'bundle')) {
      const bundle = measureBundle(rendererDir);
      json.bundle = {
        gzipKb: Number(bundle.gzipKb.toFixed(1)),
        ok: bundle.gzipKb <= BUNDLE_BUDGET_KB,
      };
      table.push(bundleRow(bundle));
    }
    if (runsPart(options, 'browser')) {
      say('Chromium on the preview host …');
      const entries = await measureBrowser(screensPath, rendererDir, scratchDir('browser'), YEAR);
      json.browser.push(...entries);
      table.push(...entries.map(browserRow));
    }
  }
  removeScratch();

  const full: BenchJson = { machine: machineOf(raw), ...json };
  const failed =
    results.some((r) => !r.ok) ||
    growth.some((g) => !g.flat) ||
    imports.some((i) => !i.ok) ||
    exports.some((e) => !e.ok) ||
    (full.dataFile !== null && !full.dataFile.ok) ||
    (full.bundle !== null && !full.bundle.ok) ||
    full.browser.some((b) => !b.ok);
  say('');
  say(formatTable([...rawRows(raw), ...table]));
  say(
    `load average: ${full.machine.loadavg.join(', ')}; ` +
      `the bench took ${((performance.now() - started) / 60_000).toFixed(1)} min`,
  );
  if (options.cpuProfile) say(`CPU profiles: ${join(BENCH_DIR, 'profiles')}`);
  if (options.json) process.stdout.write(`${JSON.stringify(full, null, 2)}\n`);
  if (options.jsonFile) writeFileSync(options.jsonFile, `${JSON.stringify(full, null, 2)}\n`);
  if (failed) process.exitCode = 1;
}

function measureRawSaying(
  masterPath: string,
  dir: string,
  ratingRows: unknown[][],
  say: (line: string) => void,
): RawRates {
  say('Raw better-sqlite3 inserts …');
  const raw = measureRaw(masterPath, dir, ratingRows);
  say(`  ${Math.round(raw.insertPerSec).toLocaleString('en-US')} rows/s`);
  return raw;
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  removeScratch();
  process.exit(2);
});
