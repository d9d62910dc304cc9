// The plain .xlsx reader (electron/backend/ratings/import/xlsx-plain.ts) reads a workbook of text
// and numbers without exceljs, and must give what the import read before: the old whole-workbook
// reader, frozen in test/helpers/reference-ratings-import/xlsx.ts. A workbook with anything else
// (a formula, rich text, a date, a number format) is left to exceljs. And a letter cut by the
// end of one of exceljs's streamed chunks no longer comes out as U+FFFD.
//
// Compared at two levels: the worksheet as read (the plain reader against exceljs's streaming
// reader, which it replaces: both keep rows without cells), and the sheet the import plans from
// (readSheet against the old one, which dropped those rows in either case).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { readSheet } from '../../electron/backend/ratings/import/sheet';
import type { XlsxSheet } from '../../electron/backend/ratings/import/xlsx';
import { readXlsx, readXlsxStreaming } from '../../electron/backend/ratings/import/xlsx';
import { readXlsxPlain } from '../../electron/backend/ratings/import/xlsx-plain';
import type { TestBackend } from '../helpers/backend';
import { cleanupTemp, errorOf, makeBackend, makeTempDir } from '../helpers/backend';
import { readSheet as referenceSheet } from '../helpers/reference-ratings-import/sheet';
import { readXlsx as referenceXlsx } from '../helpers/reference-ratings-import/xlsx';

afterEach(cleanupTemp);

/** A small deterministic generator (the same workbook every run). */
function seeded(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

const WORDS = [
  'Đảng bộ',
  'xã',
  'Đồng Ý',
  'Chi bộ',
  'thôn Nà Pàn',
  'Hòa Sơn',
  'Trường THCS',
  'A & B',
  '<1>',
  '"trích"',
  "O'Neil",
  '  cách  ',
  'dòng\nhai',
  'tab\there',
  '😀',
  'Hoàn thành xuất sắc nhiệm vụ',
];
const NUMBERS = [2019, 2025, 0, -3, 1.5, 0.1 + 0.2, 1e21, 123456789012, -0.000001];

/** Rows of text (Vietnamese, XML's special characters, spaces, breaks) and plain numbers. */
function plainRows(count: number, seed: number): ExcelJS.CellValue[][] {
  const random = seeded(seed);
  const rows: ExcelJS.CellValue[][] = [];
  for (let i = 0; i < count; i++) {
    const row: ExcelJS.CellValue[] = [];
    const width = 1 + Math.floor(random() * 6);
    for (let c = 0; c < width; c++) {
      const pick = random();
      if (pick < 0.15) row.push(null);
      else if (pick < 0.35) row.push(NUMBERS[Math.floor(random() * NUMBERS.length)] ?? 0);
      else if (pick < 0.4) row.push('');
      else {
        const words = 1 + Math.floor(random() * 4);
        row.push(
          Array.from({ length: words }, () => WORDS[Math.floor(random() * WORDS.length)]).join(
            ' ',
          ) + ` ${i}`,
        );
      }
    }
    rows.push(row);
  }
  return rows;
}

async function workbook(build: (book: ExcelJS.Workbook) => void): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  build(book);
  return Buffer.from(await book.xlsx.writeBuffer());
}

function addSheet(
  book: ExcelJS.Workbook,
  name: string,
  rows: ExcelJS.CellValue[][],
  state?: ExcelJS.WorksheetState,
): ExcelJS.Worksheet {
  const sheet = book.addWorksheet(name, state ? { state } : {});
  for (const row of rows) sheet.addRow(row);
  return sheet;
}

/** Names made of Vietnamese letters (two or three UTF-8 bytes each), enough for many chunks. */
function vietnameseRows(count: number): ExcelJS.CellValue[][] {
  return Array.from({ length: count }, (_, i) => [
    `Đảng bộ xã Tân Lập Ứng Hòa Ế Ở ${i}`,
    `Chi bộ thôn Nà Pàn Ỷ Ễ ${i}`,
    2025,
    'Hoàn thành xuất sắc nhiệm vụ',
  ]);
}

/**
 * The plain reader's worksheet is exceljs's streamed one, rows without cells included, except
 * where exceljs garbled a letter at a chunk's end (each such cell compared without its U+FFFD
 * and the letter's bytes around it: the rest of the text must match).
 */
function expectAsStreamed(plain: XlsxSheet | null, streamed: XlsxSheet | null) {
  expect(plain).not.toBeNull();
  expect(streamed).not.toBeNull();
  const strip = (text: string) => text.replace(/[^\t\n\x20-\x7e]/g, '');
  const garbled = (sheet: XlsxSheet | null) =>
    (sheet?.rows ?? []).map((r) => ({ row: r.row, cells: r.cells.map(strip) }));
  expect({ ...plain, rows: garbled(plain) }).toEqual({ ...streamed, rows: garbled(streamed) });
  const exact = (sheet: XlsxSheet | null) =>
    (sheet?.rows ?? []).filter((r) => !r.cells.some((c) => c.includes('\uFFFD')));
  const kept = exact(streamed);
  expect(exact(plain).filter((r) => kept.some((k) => k.row === r.row))).toEqual(kept);
}

/** The import reads the same sheet as before (its rows, sheet and sheets). */
async function expectSameAsBefore(bytes: Buffer, wanted?: string) {
  expect(await readSheet('t.xlsx', bytes, wanted), String(wanted)).toEqual(
    await referenceSheet('t.xlsx', bytes, wanted),
  );
}

const hasReplacement = (sheet: { rows: { cells: string[] }[] } | null) =>
  (sheet?.rows ?? []).some((r) => r.cells.some((c) => c.includes('\uFFFD')));

describe('a plain workbook is read without exceljs, as exceljs read it', () => {
  it('text and numbers of every shape: the rows, the sheet and the sheets are the old ones', async () => {
    const bytes = await workbook((book) => {
      addSheet(book, 'Cũ', [['BS01', 2016, 'TSVM']], 'hidden');
      addSheet(book, 'Xếp loại & "năm" <2019>', plainRows(3000, 5));
      addSheet(book, 'Tham số', [['x']], 'veryHidden');
      addSheet(book, 'Năm 2020', plainRows(200, 9));
    });
    for (const wanted of [undefined, 'Năm 2020', 'nam 2020', 'Xếp loại & "năm" <2019>']) {
      const plain = readXlsxPlain(bytes, wanted);
      expect(plain, String(wanted)).not.toBeNull();
      expectAsStreamed(plain, await readXlsxStreaming(bytes, wanted));
      expect(await readXlsx('t.xlsx', bytes, wanted)).toEqual(plain);
      await expectSameAsBefore(bytes, wanted);
    }
    expect(readXlsxPlain(bytes, undefined)?.sheet).toBe('Xếp loại & "năm" <2019>');
    expect(readXlsxPlain(bytes, undefined)?.sheets).toEqual([
      'Xếp loại & "năm" <2019>',
      'Năm 2020',
    ]);
  });

  it('rows with gaps, empty cells, styled cells and numbers in the General format', async () => {
    const bytes = await workbook((book) => {
      const sheet = book.addWorksheet('Trang 1');
      sheet.getCell('A1').value = 'Mã';
      sheet.getCell('E1').value = 'Xếp loại';
      sheet.getCell('C4').value = 2019;
      sheet.getCell('C4').font = { bold: true };
      sheet.getCell('B4').value = 'Chi bộ';
      sheet.getCell('B4').fill = {
        type: 'pattern',
        pattern: 'solid',
        fgColor: { argb: 'FFFF0000' },
      };
      sheet.getCell('D4').border = { top: { style: 'thin' } };
      sheet.getCell('AB7').value = 'xa';
      sheet.getCell('A9').value = '';
    });
    const plain = readXlsxPlain(bytes, undefined);
    expect(plain).not.toBeNull();
    expectAsStreamed(plain, await readXlsxStreaming(bytes, undefined));
    expect(plain).toEqual(await referenceXlsx('t.xlsx', bytes, undefined));
    expect(plain?.rows.map((r) => r.row)).toEqual([1, 4, 7, 9]);
    await expectSameAsBefore(bytes);
  });

  it('refuses a hidden or missing sheet with the same message, changing nothing', async () => {
    const backend = makeBackend();
    const before = backend.snapshot();
    const bytes = await workbook((book) => {
      addSheet(book, 'Cũ', [['Mã', 'Năm', 'Xếp loại']], 'hidden');
      addSheet(book, 'Năm 2019', [['Mã', 'Năm', 'Xếp loại']]);
    });
    expect(readXlsxPlain(bytes, undefined)).not.toBeNull();
    const attempt = async (sheet: string) =>
      errorOf(
        await backend.attemptAsync('ratings.importPreview', {
          file: handleOf(backend, 'a.xlsx', bytes),
          sheet,
        }),
      );
    expect(await attempt('Cũ')).toEqual({
      code: 'INVALID_INPUT',
      message:
        'Trang tính "Cũ" đang bị ẩn nên không được đọc. Các trang tính đang hiện: "Năm 2019".',
    });
    expect(await attempt('Năm 2020')).toEqual({
      code: 'INVALID_INPUT',
      message: 'Tệp không có trang tính "Năm 2020". Các trang tính đang hiện: "Năm 2019".',
    });
    expect(backend.snapshot()).toBe(before);
  });
});

describe('anything but plain is left to exceljs', () => {
  const cases: [string, (sheet: ExcelJS.Worksheet) => void][] = [
    ['a formula', (s) => (s.getCell('B2').value = { formula: '"TS"&"VM"', result: 'TSVM' })],
    [
      'rich text',
      (s) =>
        (s.getCell('B2').value = {
          richText: [{ text: 'Chi bộ ' }, { font: { bold: true }, text: 'Mới' }],
        }),
    ],
    [
      'a number format',
      (s) => {
        s.getCell('B2').value = 2019.5;
        s.getCell('B2').numFmt = '0.00';
      },
    ],
    ['a boolean', (s) => (s.getCell('B2').value = true)],
  ];
  for (const [what, change] of cases) {
    it(`${what}: read by exceljs, as before`, async () => {
      const bytes = await workbook((book) => {
        const sheet = addSheet(book, 'Trang 1', plainRows(50, 3));
        change(sheet);
      });
      expect(readXlsxPlain(bytes, undefined)).toBeNull();
      await expectSameAsBefore(bytes);
    });
  }
});

it('a date is left to exceljs (xlsx.ts says how a date cell reads)', async () => {
  const bytes = await workbook((book) => {
    const sheet = addSheet(book, 'Trang 1', plainRows(50, 3));
    sheet.getCell('B2').value = new Date(Date.UTC(2019, 0, 15));
  });
  expect(readXlsxPlain(bytes, undefined)).toBeNull();
  expect((await readXlsx('t.xlsx', bytes, undefined)).rows).toEqual(
    (await readXlsxStreaming(bytes, undefined))?.rows,
  );
});

describe('letters cut by the end of a streamed chunk', () => {
  it('come out whole: plain, and through exceljs when the workbook is not plain', async () => {
    const rows = vietnameseRows(6000);
    const plainBook = await workbook((book) => addSheet(book, 'Năm 2025', rows));
    // exceljs's own zip loop garbled some of these names (each inflated chunk decoded alone);
    // fed chunks cut between letters (xlsx-parts.ts), the streamed sheet is the whole one.
    const reference = await referenceXlsx('t.xlsx', plainBook, undefined);
    expect(hasReplacement(reference)).toBe(false);
    expect(await readXlsxStreaming(plainBook, undefined)).toEqual(reference);
    expect(await readXlsx('t.xlsx', plainBook, undefined)).toEqual(reference);
    await expectSameAsBefore(plainBook);

    const withFormula = await workbook((book) => {
      const sheet = addSheet(book, 'Năm 2025', rows);
      sheet.getCell('E1').value = { formula: '1+1', result: 2 };
    });
    expect(readXlsxPlain(withFormula, undefined)).toBeNull();
    const streamed = await readXlsxStreaming(withFormula, undefined);
    expect(hasReplacement(streamed)).toBe(false);
    const read = await readXlsx('t.xlsx', withFormula, undefined);
    expect(read).toEqual(streamed);
    expect(hasReplacement(read)).toBe(false);
    expect(read).toEqual(await referenceXlsx('t.xlsx', withFormula, undefined));
    await expectSameAsBefore(withFormula);
  }, 60_000);
});

function handleOf(b: TestBackend, fileName: string, bytes: Buffer): string {
  const dir = join(makeTempDir(), 'tep');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, fileName), bytes);
  return b.ctx.files.register(join(dir, fileName)).handle;
}
