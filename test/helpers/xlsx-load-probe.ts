// Run by ratings-import-xlsx-lazy.test.ts in a process of its own: reads a workbook as the
// import does (readSheet) and prints its rows and whether exceljs was loaded to read it.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { readSheet } from '../../electron/backend/ratings/import/sheet';

const [file] = process.argv.slice(2);
if (file === undefined) throw new Error('usage: xlsx-load-probe FILE.xlsx');
const sheet = await readSheet('t.xlsx', readFileSync(file));
const loaded = Object.keys(createRequire(import.meta.url).cache).some((path) =>
  /[\\/]node_modules[\\/]exceljs[\\/]/.test(path),
);
process.stdout.write(JSON.stringify({ rows: sheet.rows, exceljs: loaded }));
