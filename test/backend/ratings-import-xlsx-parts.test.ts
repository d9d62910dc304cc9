// The .xlsx streaming reader (xlsx-parts.ts) feeds exceljs's parsers from the archive in memory.
// exceljs's own zip loop lost sheets when its unzipper announced the end early (a read that gave
// up now and then under load), and parked every sheet met before the shared strings in a
// temporary file whose late open crashed the worker with an uncaught ENOENT. Opens of the
// process are watched here: the reader must make no file at all, however slow the disk.
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cellBudget } from '../../electron/backend/limits/cells';
import { NO_DEADLINE } from '../../electron/backend/limits/deadline';
import { readXlsxStreaming } from '../../electron/backend/ratings/import/xlsx';
import { wholeLettersEnd } from '../../electron/backend/ratings/import/xlsx-parts';
import { readXlsx as referenceXlsx } from '../helpers/reference-ratings-import/xlsx';

let opened: string[];

beforeEach(() => {
  opened = [];
  const open = fs.open.bind(fs) as (...args: unknown[]) => void;
  vi.spyOn(fs, 'open').mockImplementation(((...args: unknown[]) => {
    opened.push(String(args[0]));
    // A slow disk: exceljs's temporary files lost their race against deletion on one.
    setTimeout(() => open(...args), 25);
  }) as unknown as typeof fs.open);
});

afterEach(() => vi.restoreAllMocks());

/** Three sheets written by exceljs: its sheets come before the shared strings in the archive. */
async function threeSheets(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const name of ['Một', 'Hai', 'Ba']) {
    const sheet = workbook.addWorksheet(name);
    for (let i = 1; i <= 40; i += 1) sheet.addRow([`${name} ${i}`, i]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function partOrder(bytes: Buffer): string[] {
  const names: string[] = [];
  for (let at = bytes.indexOf('PK\x03\x04'); at >= 0; at = bytes.indexOf('PK\x03\x04', at + 4)) {
    names.push(bytes.subarray(at + 30, at + 30 + bytes.readUInt16LE(at + 26)).toString());
  }
  return names;
}

describe('a workbook whose sheets come before its shared strings', () => {
  it('is laid out as exceljs writes it (the case this reader is for)', async () => {
    const order = partOrder(await threeSheets());
    expect(order.indexOf('xl/worksheets/sheet3.xml')).toBeLessThan(
      order.indexOf('xl/sharedStrings.xml'),
    );
  });

  it.each([
    ['the first sheet', undefined, 'Một'],
    ['a later sheet', 'Ba', 'Ba'],
  ])('reads %s as the whole-workbook reader does, opening no file', async (_what, wanted, name) => {
    const bytes = await threeSheets();
    // Fifty reads one after another: the old loop gave up on about one in a hundred under load.
    for (let run = 0; run < 50; run += 1) {
      const read = await readXlsxStreaming(bytes, wanted);
      expect(read?.sheet).toBe(name);
      expect(read?.rows).toHaveLength(40);
      expect(read?.rows[39]?.cells).toEqual([`${name} 40`, '40']);
    }
    expect(await readXlsxStreaming(bytes, wanted)).toEqual(
      await referenceXlsx('ba-trang.xlsx', bytes, wanted),
    );
    expect(opened).toEqual([]);
  });

  it('a refused sheet and a limit say so, opening no file', async () => {
    const bytes = await threeSheets();
    await expect(readXlsxStreaming(bytes, 'Bốn')).rejects.toThrow(
      'Tệp không có trang tính "Bốn". Các trang tính đang hiện: "Một", "Hai", "Ba".',
    );
    const limits = { deadline: NO_DEADLINE, cells: cellBudget('ba-trang.xlsx', 30) };
    await expect(readXlsxStreaming(bytes, 'Hai', limits)).rejects.toThrow('ba-trang.xlsx');
    expect(opened).toEqual([]);
  });
});

describe('chunks cut between letters', () => {
  const text = Buffer.from('Đảng bộ xã Đồng Ý 𝔸');
  it.each([...Array(text.length + 1).keys()])('a chunk ending at byte %i', (end) => {
    const chunk = text.subarray(0, end);
    const cut = wholeLettersEnd(chunk);
    expect(cut).toBeLessThanOrEqual(end);
    // What is kept decodes without a broken letter, and at most one letter waits for the next.
    expect(chunk.subarray(0, cut).toString()).not.toContain('\uFFFD');
    expect(end - cut).toBeLessThan(4);
    expect(text.toString().startsWith(chunk.subarray(0, cut).toString())).toBe(true);
  });

  it('a broken sequence is passed on as it is, never held back for ever', () => {
    expect(wholeLettersEnd(Buffer.from([0x41, 0x80, 0x80, 0x80, 0x80]))).toBe(5);
    expect(wholeLettersEnd(Buffer.from([0x80, 0x80]))).toBe(2);
    expect(wholeLettersEnd(Buffer.alloc(0))).toBe(0);
  });
});
