// Issue 11 item 5: spreadsheets and exchange files are parsed inside stated limits (limits/):
// parts, each part's and the total inflated size, cells kept, time; media never inflated; the
// real inflated bytes held to the declared ones. Each refusal names the limit and the value in
// Vietnamese and leaves the data file unchanged. Workbooks of unusual shapes (no shared strings,
// dates and numbers in text columns, hidden or missing parts) are read or refused cleanly.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImportPreview } from '../../shared/contract';
import type { Result } from '../../shared/errors';
import { fixedClock } from '../../electron/backend/context';
import { openExchangeFile } from '../../electron/backend/exchange/format/reader';
import { startDeadline } from '../../electron/backend/limits/deadline';
import { SPREADSHEET_LIMITS } from '../../electron/backend/limits/limits';
import type { TestBackend } from '../helpers/backend';
import {
  VIETNAMESE_LETTER,
  addUnit,
  cleanupTemp,
  makeBackend,
  makeTempDir,
} from '../helpers/backend';
import type { CellXml, WorkbookSheet, ZipPart } from '../helpers/zip-files';
import {
  buildZip,
  deflatedRepeat,
  inlineCell,
  numberCell,
  sharedCell,
  sheetXml,
  workbookParts,
} from '../helpers/zip-files';

afterEach(cleanupTemp);

const HEADER = ['Mã', 'Tên tổ chức', 'Cấp trên', 'Loại tổ chức', 'Năm', 'Xếp loại'];
const COLUMNS = 'ABCDEF';
/** Words of code, not of people: a stack, an exception's or a parser's own words. */
const NOT_FOR_PEOPLE =
  /undefined|NaN|\[object|TypeError|RangeError|Error\b|Unexpected|Cannot read|is not|ENOENT|\bat \S+ \(/;

function setUp(): TestBackend {
  const backend = makeBackend({ clock: fixedClock('2025-03-01T08:00:00+07:00') });
  addUnit(backend, 'Chi bộ thôn Bản Chang', 2010, { code: 'CB01' });
  return backend;
}

function register(backend: TestBackend, name: string, bytes: Buffer): string {
  const dir = join(makeTempDir(), 'tep');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return backend.ctx.files.register(path).handle;
}

function preview(
  backend: TestBackend,
  name: string,
  bytes: Buffer,
): Promise<Result<ImportPreview>> {
  return backend.attemptAsync('ratings.importPreview', { file: register(backend, name, bytes) });
}

/** The refusal's message, checked: BAD_FILE (or INVALID_INPUT), Vietnamese, no code's words. */
async function refusal(backend: TestBackend, name: string, bytes: Buffer): Promise<string> {
  const before = backend.snapshot();
  const result = await preview(backend, name, bytes);
  if (result.ok) throw new Error(`expected a refusal, got ${result.value.rows} rows`);
  expect(['BAD_FILE', 'INVALID_INPUT']).toContain(result.error.code);
  expect(result.error.message).toMatch(VIETNAMESE_LETTER);
  expect(result.error.message).not.toMatch(NOT_FOR_PEOPLE);
  expect(backend.snapshot()).toBe(before);
  return result.error.message;
}

/** The header row and one rating row as inline text cells (no shared strings). */
function ratingRows(): CellXml[][] {
  const row = (values: string[], r: number) =>
    values.map((v, i) => inlineCell(`${COLUMNS[i]}${r}`, v));
  return [row(HEADER, 1), row(['CB01', 'Chi bộ thôn Bản Chang', '', '', '2024', 'HTTNV'], 2)];
}

function workbook(sheets: WorkbookSheet[], extra: ZipPart[] = [], shared?: string[]): Buffer {
  return buildZip([...workbookParts(sheets, shared), ...extra]);
}

const SHEET = (xml: string): WorkbookSheet => ({ name: 'Xếp loại', xml });

describe('spreadsheet limits', () => {
  it('a part that would inflate beyond 64 MB is refused by its size, before it is inflated', async () => {
    const backend = setUp();
    const bomb: ZipPart = {
      name: 'xl/worksheets/sheet1.xml',
      data: '',
      deflated: deflatedRepeat(129 * 1024 ** 2),
    };
    const parts = workbookParts([SHEET('')]).filter((p) => p.name !== 'xl/worksheets/sheet1.xml');
    const message = await refusal(backend, 'bom.xlsx', buildZip([...parts, bomb]));
    expect(message).toContain('Phần "xl/worksheets/sheet1.xml" của tệp "bom.xlsx"');
    expect(message).toContain('lớn 129 MB, vượt giới hạn 64 MB');
  });

  it('parts that together inflate beyond 128 MB are refused with the total', async () => {
    const backend = setUp();
    const big = deflatedRepeat(50 * 1024 ** 2);
    const extra = [1, 2, 3].map((i) => ({ name: `xl/extra${i}.xml`, data: '', deflated: big }));
    const message = await refusal(
      backend,
      'ba-phan.xlsx',
      workbook([SHEET(sheetXml(ratingRows()))], extra),
    );
    expect(message).toMatch(/Tệp "ba-phan.xlsx" khi giải nén lớn 150 MB, vượt giới hạn 128 MB/);
  });

  it('a part that inflates past the size its directory declares is refused as damaged', async () => {
    const backend = setUp();
    // Declares 2 KB, holds 64 MB: inflating stops one chunk past 2 KB.
    const liar: ZipPart = {
      name: 'xl/worksheets/sheet1.xml',
      data: '',
      deflated: deflatedRepeat(64 * 1024 ** 2),
      declaredSize: 2048,
    };
    const parts = workbookParts([SHEET('')]).filter((p) => p.name !== 'xl/worksheets/sheet1.xml');
    const message = await refusal(backend, 'noi-doi.xlsx', buildZip([...parts, liar]));
    expect(message).toContain(
      'bị hỏng (kiểm tra CRC không khớp ở phần "xl/worksheets/sheet1.xml")',
    );
  });

  it('more than 2,000 parts are refused with their number', async () => {
    const backend = setUp();
    const extra = Array.from({ length: 2001 }, (_, i) => ({ name: `xl/x/${i}.xml`, data: '<a/>' }));
    const message = await refusal(
      backend,
      'nhieu.xlsx',
      workbook([SHEET(sheetXml(ratingRows()))], extra),
    );
    expect(message).toContain('có 2.007 phần nén bên trong, vượt giới hạn 2.000 phần');
  });

  it('bytes that no part of the directory covers (a hidden part) are refused as damaged', async () => {
    const backend = setUp();
    const parts = workbookParts([SHEET(sheetXml(ratingRows()))]);
    const first = parts[0];
    if (!first) throw new Error('no parts');
    parts[0] = { ...first, gapAfter: Buffer.alloc(64, 0x41) };
    const message = await refusal(backend, 'an.xlsx', buildZip(parts));
    expect(message).toBe(
      'Tệp "an.xlsx" bị hỏng hoặc không đầy đủ. Hãy lấy lại tệp gốc (sao chép hoặc tải về lại), ' +
        'hoặc mở bằng Excel và lưu lại.',
    );
  });

  const FAR = 'XFD';
  it.each([
    ['plain (shared strings and numbers)', true],
    ['read by exceljs (inline text)', false],
  ])('a cell in column XFD on 400 rows is refused by the cell limit: %s', async (_, plain) => {
    const backend = setUp();
    const rows: CellXml[][] = [];
    for (let r = 1; r <= 400; r++) {
      rows.push(
        plain
          ? [sharedCell(`A${r}`, 0), numberCell(`${FAR}${r}`, r)]
          : [inlineCell(`A${r}`, 'x'), inlineCell(`${FAR}${r}`, 'y')],
      );
    }
    const bytes = workbook([SHEET(sheetXml(rows))], [], plain ? ['Mã'] : undefined);
    const message = await refusal(backend, 'rong.xlsx', bytes);
    expect(message).toContain(`có hơn ${SPREADSHEET_LIMITS.maxCells.toLocaleString('vi-VN')} ô`);
  });

  it('a CSV of 5.1 million empty cells is refused by the cell limit', async () => {
    const backend = setUp();
    const csv = Buffer.from(`${HEADER.join(',')}\n${','.repeat(5_100_000)}x\n`, 'utf8');
    const message = await refusal(backend, 'phay.csv', csv);
    expect(message).toContain('Trang tính của tệp "phay.csv" có hơn 5.000.000 ô');
  });

  it('a picture is neither inflated nor read: a lying one does not stop the import', async () => {
    const backend = setUp();
    // Inflating it would fail the CRC check (it declares 10 bytes and holds 32 MB).
    const picture: ZipPart = {
      name: 'xl/media/image1.png',
      data: '',
      deflated: deflatedRepeat(32 * 1024 ** 2),
      declaredSize: 10,
    };
    const result = await preview(
      backend,
      'anh.xlsx',
      workbook([SHEET(sheetXml(ratingRows()))], [picture]),
    );
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.rows).toBe(1);
    expect(result.value.changedRatings.length + result.value.newRatings.length).toBe(1);
  });
});

describe('workbooks of unusual shapes', () => {
  it('without shared strings (inline text only): read', async () => {
    const backend = setUp();
    const result = await preview(backend, 'inline.xlsx', workbook([SHEET(sheetXml(ratingRows()))]));
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.newRatings).toEqual([
      expect.objectContaining({ unitName: 'Chi bộ thôn Bản Chang', year: 2024, level: 'HTTNV' }),
    ]);
  });

  it('dates and numbers in text columns: read, each row refused or taken with a Vietnamese message', async () => {
    const backend = setUp();
    const rows = ratingRows();
    rows.push([
      numberCell('A3', 45000, 1),
      numberCell('B3', 12345),
      inlineCell('E3', '2024'),
      numberCell('F3', 3),
    ]);
    rows.push([
      inlineCell('A4', 'CB01'),
      numberCell('B4', 44000.5, 1),
      numberCell('E4', 45292, 1),
      inlineCell('F4', 'HTTNV'),
    ]);
    const result = await preview(backend, 'kieu.xlsx', workbook([SHEET(sheetXml(rows))]));
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.rows).toBe(3);
    for (const issue of result.value.errors) {
      expect(issue.message).toMatch(VIETNAMESE_LETTER);
      expect(issue.message).not.toMatch(NOT_FOR_PEOPLE);
      expect(issue.message).not.toMatch(/GMT|Invalid Date/);
    }
    expect(result.value.errors.map((e) => e.row)).toEqual(expect.arrayContaining([3, 4]));
  });

  it.each([
    ['shared strings (the plain reader)', ['Mã'] as string[] | undefined],
    ['inline text (exceljs)', undefined],
  ])('a number cell holding no number is read as empty, never "NaN": %s', async (_, shared) => {
    const backend = setUp();
    const rows = ratingRows();
    rows[1] = [
      shared ? sharedCell('A2', 0) : inlineCell('A2', 'CB01'),
      '<c r="E2" t="n"><v>abc</v></c>',
      inlineCell('F2', 'HTTNV'),
    ];
    const result = await preview(
      backend,
      'nan.xlsx',
      workbook([SHEET(sheetXml(rows))], [], shared),
    );
    if (!result.ok) throw new Error(result.error.message);
    const text = result.value.errors.map((e) => e.message).join(' ');
    expect(text).not.toContain('NaN');
    expect(result.value.errors.map((e) => e.row)).toEqual([2]);
  });

  it('text cells without their shared strings part are refused, never "[object Object]"', async () => {
    const backend = setUp();
    const rows = [HEADER.map((h, i) => sharedCell(`${COLUMNS[i]}1`, i))];
    const parts = workbookParts([SHEET(sheetXml(rows))], HEADER).filter(
      (p) => p.name !== 'xl/sharedStrings.xml',
    );
    const message = await refusal(backend, 'thieu-chuoi.xlsx', buildZip(parts));
    expect(message).toContain('chuỗi dùng chung (xl/sharedStrings.xml) mà tệp không có');
  });

  it('a hidden first sheet is passed over; only hidden sheets are refused', async () => {
    const backend = setUp();
    const hidden: WorkbookSheet = { name: 'Cũ', xml: sheetXml(ratingRows()), state: 'hidden' };
    const read = await preview(
      backend,
      'an-trang.xlsx',
      workbook([hidden, SHEET(sheetXml(ratingRows()))]),
    );
    if (!read.ok) throw new Error(read.error.message);
    expect(read.value.sheet).toBe('Xếp loại');
    const message = await refusal(backend, 'an-het.xlsx', workbook([hidden]));
    expect(message).toContain('không có trang tính nào đang hiện');
  });

  it.each([
    ['the sheet part', 'xl/worksheets/sheet1.xml'],
    ['the list of sheets', 'xl/workbook.xml'],
    ['the relations', 'xl/_rels/workbook.xml.rels'],
    ['the styles', 'xl/styles.xml'],
  ])('a workbook missing %s is read or refused cleanly', async (_, part) => {
    const backend = setUp();
    const parts = workbookParts([SHEET(sheetXml(ratingRows()))]).filter((p) => p.name !== part);
    const before = backend.snapshot();
    const result = await preview(backend, 'thieu.xlsx', buildZip(parts));
    if (result.ok) {
      expect(result.value.rows).toBeLessThanOrEqual(1);
    } else {
      expect(result.error.code).toBe('BAD_FILE');
      expect(result.error.message).toMatch(VIETNAMESE_LETTER);
      expect(result.error.message).not.toMatch(NOT_FOR_PEOPLE);
    }
    expect(backend.snapshot()).toBe(before);
  });
});

describe('exchange file limits and the time limit', () => {
  it('a file larger than the stated limit is refused naming both sizes, before it is read', async () => {
    const dir = makeTempDir();
    const path = join(dir, 'lon.tccsd');
    writeFileSync(path, gzipSync(Buffer.alloc(3 * 1024 * 1024, 0x20)));
    await expect(openExchangeFile(path, { maxFileBytes: 1024 })).rejects.toMatchObject({
      code: 'BAD_FILE',
      message: expect.stringMatching(/^Tệp "lon.tccsd" lớn \d+(,\d)? KB, vượt giới hạn 1 KB\./),
    });
  });

  it('a file still being read past its time limit is refused with the limit', async () => {
    const dir = makeTempDir();
    const path = join(dir, 'cham.tccsd');
    writeFileSync(path, gzipSync(Buffer.alloc(1024 * 1024, 0x20)));
    await expect(openExchangeFile(path, { maxMs: 0 })).rejects.toMatchObject({
      code: 'BAD_FILE',
      message: expect.stringContaining('Đọc tệp "cham.tccsd" quá 0 giây'),
    });
  });

  it('the deadline refuses only once its time is up', async () => {
    const deadline = startDeadline('a.xlsx', 30);
    expect(() => deadline.check()).not.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(() => deadline.check()).toThrow(/Đọc tệp "a.xlsx" quá 0,03 giây/);
  });
});
