// exceljs's streaming reader parks every worksheet it meets before the shared strings (which is
// where exceljs itself writes them) in a temporary file, opens it for reading lazily, and deletes
// it as soon as the consumer asks for the next sheet. A sheet the import skipped without reading
// was deleted before its lazy open ran: an uncaught ENOENT that would crash the app's worker
// (it failed the fuzz test now and then under load). The open is delayed here so that the race
// is lost every time, not once in a while.
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { cellBudget } from '../../electron/backend/limits/cells';
import { NO_DEADLINE } from '../../electron/backend/limits/deadline';
import { readXlsxStreaming } from '../../electron/backend/ratings/import/xlsx';

type OpenCallback = (error: NodeJS.ErrnoException | null, fd?: number) => void;

/** Temporary files exceljs read back, and the errors their opens met. */
let parked: string[];
let openErrors: string[];

beforeEach(() => {
  parked = [];
  openErrors = [];
  const open = fs.open.bind(fs) as (...args: unknown[]) => void;
  vi.spyOn(fs, 'open').mockImplementation(((...args: unknown[]) => {
    const path = String(args[0]);
    const readOnly = args[1] === 'r' || typeof args[1] === 'function';
    // Only exceljs's read-back of a parked sheet: tmp's own creation of the file is left alone.
    if (!/[\\/]tmp-\d+-/.test(path) || !readOnly) {
      open(...args);
      return;
    }
    parked.push(path);
    const callback = args[args.length - 1] as OpenCallback;
    setTimeout(() => {
      open(...args.slice(0, -1), (error: NodeJS.ErrnoException | null, fd?: number) => {
        if (error) openErrors.push(`${error.code ?? 'error'} ${path}`);
        callback(error, fd);
      });
    }, 25);
  }) as unknown as typeof fs.open);
});

afterEach(() => vi.restoreAllMocks());

async function threeSheets(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const name of ['Một', 'Hai', 'Ba']) {
    const sheet = workbook.addWorksheet(name);
    for (let i = 1; i <= 40; i += 1) sheet.addRow([`${name} ${i}`, i]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Open descriptors of this process that point at the given files (Linux's /proc). */
function descriptorsOn(paths: readonly string[]): string[] {
  if (!fs.existsSync('/proc/self/fd')) return [];
  const targets: string[] = [];
  for (const fd of fs.readdirSync('/proc/self/fd')) {
    try {
      targets.push(fs.readlinkSync(`/proc/self/fd/${fd}`).replace(/ \(deleted\)$/, ''));
    } catch {
      // The descriptor used to list the folder is gone by now.
    }
  }
  return targets.filter((target) => paths.includes(target));
}

it.each([
  ['the first sheet', undefined, 'Một'],
  ['a later sheet', 'Ba', 'Ba'],
])(
  'reads %s of a workbook whose sheets were parked, every parked file read before it is deleted',
  async (_what, wanted, expected) => {
    const bytes = await threeSheets();
    const read = await readXlsxStreaming(bytes, wanted);
    expect(read?.sheet).toBe(expected);
    expect(read?.rows).toHaveLength(40);
    expect(read?.rows[39]?.cells).toEqual([`${expected} 40`, '40']);
    // The parked path was taken (exceljs writes sheets before the shared strings), for every sheet.
    expect(parked).toHaveLength(3);
    // Deletion is asynchronous (close, then unlink): give it a moment, then nothing is left.
    await vi.waitFor(() => expect(parked.filter((path) => fs.existsSync(path))).toEqual([]));
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(openErrors).toEqual([]);
  },
);

it('a refused sheet leaves no parked file open', async () => {
  const bytes = await threeSheets();
  await expect(readXlsxStreaming(bytes, 'Bốn')).rejects.toThrow(
    'Tệp không có trang tính "Bốn". Các trang tính đang hiện: "Một", "Hai", "Ba".',
  );
  await new Promise((resolve) => setTimeout(resolve, 60));
  expect(parked.length).toBeGreaterThan(0);
  expect(descriptorsOn(parked)).toEqual([]);
  expect(openErrors).toEqual([]);
});

it('a sheet stopped half-way by a limit leaves no parked file open or on disk', async () => {
  const bytes = await threeSheets();
  const limits = { deadline: NO_DEADLINE, cells: cellBudget('ba-trang.xlsx', 30) };
  await expect(readXlsxStreaming(bytes, 'Hai', limits)).rejects.toThrow('ba-trang.xlsx');
  await vi.waitFor(() => expect(parked.filter((path) => fs.existsSync(path))).toEqual([]));
  await new Promise((resolve) => setTimeout(resolve, 60));
  expect(parked).toHaveLength(3);
  expect(descriptorsOn(parked)).toEqual([]);
  expect(openErrors).toEqual([]);
});
