// exceljs takes ~0.3-0.5 s of CPU to load: a plain workbook (text and numbers), read without it
// (xlsx-plain.ts), must not load it; a workbook the plain reader leaves to exceljs still reads
// through it. Each read runs in a process of its own, where nothing else has loaded exceljs.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanupTemp, makeTempDir } from '../helpers/backend';

afterEach(cleanupTemp);

async function workbook(path: string, withFormula: boolean): Promise<void> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Xếp loại');
  sheet.addRow(['Mã', 'Tên tổ chức', 'Năm', 'Xếp loại']);
  sheet.addRow(['X-1', 'Đảng bộ xã Đồng Ý', 2025, 'Hoàn thành tốt nhiệm vụ']);
  sheet.addRow([
    'X-2',
    'Chi bộ thôn Nà Pàn',
    withFormula ? { formula: '2024+1', result: 2025 } : 2025,
    'Hoàn thành nhiệm vụ',
  ]);
  await book.xlsx.writeFile(path);
}

function probe(file: string): { rows: { row: number; cells: string[] }[]; exceljs: boolean } {
  const out = execFileSync(
    'node_modules/.bin/tsx',
    [join('test', 'helpers', 'xlsx-load-probe.ts'), file],
    { encoding: 'utf8' },
  );
  return JSON.parse(out) as { rows: { row: number; cells: string[] }[]; exceljs: boolean };
}

const ROWS = [
  { row: 1, cells: ['Mã', 'Tên tổ chức', 'Năm', 'Xếp loại'] },
  { row: 2, cells: ['X-1', 'Đảng bộ xã Đồng Ý', '2025', 'Hoàn thành tốt nhiệm vụ'] },
  { row: 3, cells: ['X-2', 'Chi bộ thôn Nà Pàn', '2025', 'Hoàn thành nhiệm vụ'] },
];

describe('reading a workbook for the import', () => {
  it('reads a plain workbook without loading exceljs', async () => {
    const file = join(makeTempDir(), 'plain.xlsx');
    await workbook(file, false);
    expect(probe(file)).toEqual({ rows: ROWS, exceljs: false });
  }, 60_000);

  it('reads a workbook with a formula through exceljs, with the same rows', async () => {
    const file = join(makeTempDir(), 'formula.xlsx');
    await workbook(file, true);
    expect(probe(file)).toEqual({ rows: ROWS, exceljs: true });
  }, 60_000);
});
