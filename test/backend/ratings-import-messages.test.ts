// Issue 11 item 3, the ratings import's messages: a date in a year or level cell is said as the
// user saw it (dd/mm/yyyy), not as JavaScript's English date text; a long cell is repeated cut
// to about 80 characters; the data file is unchanged after each refused row.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImportPreview } from '../../shared/contract';
import { fixedClock } from '../../electron/backend/context';
import type { TestBackend } from '../helpers/backend';
import {
  VIETNAMESE_LETTER,
  addUnit,
  cleanupTemp,
  makeBackend,
  makeTempDir,
} from '../helpers/backend';

afterEach(cleanupTemp);

const HEADER = ['Mã', 'Tên tổ chức', 'Cấp trên', 'Loại tổ chức', 'Năm', 'Xếp loại'];
type Cell = string | number | Date | null;

async function xlsx(rows: Cell[][], dateColumns: number[] = []): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Xếp loại');
  sheet.addRow(HEADER);
  for (const row of rows) sheet.addRow(row);
  // A column Excel shows as dates: a year typed there is stored as a date too.
  for (const column of dateColumns) sheet.getColumn(column).numFmt = 'dd/mm/yyyy';
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function preview(backend: TestBackend, name: string, bytes: Buffer): Promise<ImportPreview> {
  const dir = join(makeTempDir(), 'tep');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  writeFileSync(path, bytes);
  const file = backend.ctx.files.register(path).handle;
  return backend.callAsync('ratings.importPreview', { file });
}

function setUp(): TestBackend {
  const backend = makeBackend({ clock: fixedClock('2025-03-01T08:00:00+07:00') });
  addUnit(backend, 'Chi bộ thôn Bản Chang', 2010, { code: 'CB01' });
  return backend;
}

/** The row's messages, checked for Vietnamese and for no English date text. */
function messagesOf(result: ImportPreview, row: number): string {
  const text = result.errors
    .filter((e) => e.row === row)
    .map((e) => e.message)
    .join(' ');
  expect(text).toMatch(VIETNAMESE_LETTER);
  expect(text).not.toMatch(/GMT|Mon |Tue |Wed |Thu |Fri |Sat |Sun |Invalid Date/);
  return text;
}

describe('ratings import messages', () => {
  it('a date in the year or the level cell is said as dd/mm/yyyy; nothing is written', async () => {
    const backend = setUp();
    const before = backend.snapshot();
    const result = await preview(
      backend,
      'ngay.xlsx',
      await xlsx([
        ['CB01', 'Chi bộ thôn Bản Chang', null, null, new Date(Date.UTC(2019, 1, 17)), 'HTTNV'],
        ['CB01', 'Chi bộ thôn Bản Chang', null, null, 2019, new Date(Date.UTC(2020, 11, 5))],
      ]),
    );
    expect(messagesOf(result, 2)).toMatch(/Năm "17\/02\/2019" là một ngày, không phải năm/);
    expect(messagesOf(result, 3)).toContain('Mức "05/12/2020" không có trong thang xếp loại');
    // Every row has an error: applying the plan writes nothing.
    const applied = backend.call('ratings.importApply', { planId: result.planId });
    expect(applied.applied).toBe(false);
    expect(backend.snapshot()).toBe(before);
  });

  it('a year typed into a date-formatted column (2019 shown as 11/07/1905) says what to do', async () => {
    const backend = setUp();
    const before = backend.snapshot();
    const bytes = await xlsx([['CB01', 'Chi bộ thôn Bản Chang', null, null, 2019, 'HTTNV']], [5]);
    const result = await preview(backend, 'dinh-dang.xlsx', bytes);
    const message = messagesOf(result, 2);
    expect(message).toMatch(/Năm "11\/07\/1905" là một ngày/);
    expect(message).toMatch(/định dạng Số hoặc Văn bản/);
    expect(backend.snapshot()).toBe(before);
  });

  it('a date typed as text in a CSV year cell is said the same way', async () => {
    const backend = setUp();
    const before = backend.snapshot();
    const csv = `\uFEFF${HEADER.join(',')}\nCB01,Chi bộ thôn Bản Chang,,,17/02/2019,HTTNV\n`;
    const result = await preview(backend, 'ngay.csv', Buffer.from(csv, 'utf8'));
    expect(messagesOf(result, 2)).toMatch(/Năm "17\/02\/2019" là một ngày/);
    expect(backend.snapshot()).toBe(before);
  });

  it('a long cell is repeated cut to about 80 characters', async () => {
    const backend = setUp();
    const before = backend.snapshot();
    const long = `Hoàn thành tốt nhiệm vụ ${'và còn rất nhiều chữ nữa '.repeat(20)}KẾT THÚC`;
    const longKind = `Chi bộ ${'rất dài '.repeat(40)}CUỐI`;
    const longYear = `năm ${'hai nghìn '.repeat(30)}CUỐI`;
    const result = await preview(
      backend,
      'dai.xlsx',
      await xlsx([
        ['CB01', 'Chi bộ thôn Bản Chang', null, null, 2019, long],
        ['CB02', 'Chi bộ thôn Nà Pàn', null, longKind, 2019, 'HTTNV'],
        ['CB01', 'Chi bộ thôn Bản Chang', null, null, longYear, 'HTTNV'],
      ]),
    );
    for (const row of [2, 3, 4]) {
      const message = messagesOf(result, row);
      expect(message).toContain('…"');
      expect(message).not.toContain('CUỐI');
      expect(message).not.toContain('KẾT THÚC');
      // The quoted text is at most 80 characters, ellipsis included.
      const quoted = /"([^"]*…)"/.exec(message)?.[1] ?? '';
      expect(Array.from(quoted).length).toBe(80);
    }
    expect(backend.snapshot()).toBe(before);
  });
});
