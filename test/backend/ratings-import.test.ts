// Importing ratings from .xlsx and .csv files made inside the tests (no committed binaries),
// handed to the backend by handle as a dialog pick would.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppEvents, ImportPreview, ImportResult, MethodInput } from '../../shared/contract';
import { currentYear } from '../../shared/domain/years';
import { fixedClock } from '../../electron/backend/context';
import { decodeWindows1258 } from '../../electron/backend/ratings/import/encoding';
import { compressedData, zipEntries } from '../../electron/backend/ratings/import/zip';
import type { TestBackend } from '../helpers/backend';
import {
  VIETNAMESE_LETTER,
  addUnit,
  cleanupTemp,
  errorOf,
  makeBackend,
  makeTempDir,
  namesIn,
} from '../helpers/backend';

afterEach(cleanupTemp);

type Cell = string | number | null;
const HEADER = ['Mã', 'Tên tổ chức', 'Cấp trên', 'Loại tổ chức', 'Năm', 'Xếp loại'];

/** An .xlsx written by a real spreadsheet library; a second sheet that must be ignored. */
async function xlsx(rows: Cell[][], header: string[] = HEADER): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Xếp loại');
  sheet.addRow(header);
  for (const row of rows) sheet.addRow(row);
  const other = workbook.addWorksheet('Ghi chú');
  other.addRow(['Mã', 'Tên tổ chức', 'Năm', 'Xếp loại']);
  other.addRow(['BS02', 'Không được đọc', 2019, 'KHTNV']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function csv(text: string, bom = true): Buffer {
  return Buffer.from((bom ? '\uFEFF' : '') + text, 'utf8');
}

/** Writes the bytes under `fileName` in a fresh folder and registers the path, as a pick does. */
function handleOf(backend: TestBackend, fileName: string, bytes: Buffer, folder = 'tep'): string {
  const dir = join(makeTempDir(), folder);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, fileName);
  writeFileSync(path, bytes);
  return backend.ctx.files.register(path).handle;
}

function previewOf(
  backend: TestBackend,
  fileName: string,
  bytes: Buffer,
  sheet?: string,
): Promise<ImportPreview> {
  return backend.callAsync('ratings.importPreview', {
    file: handleOf(backend, fileName, bytes),
    ...(sheet === undefined ? {} : { sheet }),
  });
}

/** Preview, then apply that plan: what the dialog's "Nhập dữ liệu" does. */
async function importFile(
  backend: TestBackend,
  fileName: string,
  bytes: Buffer,
  skipErrors?: boolean,
): Promise<ImportResult> {
  const { planId } = await previewOf(backend, fileName, bytes);
  return backend.call('ratings.importApply', { planId, skipErrors });
}

/** A unit registered without a founding year (có từ trước), as most existing units are. */
function addOldUnit(
  backend: TestBackend,
  name: string,
  extra: Partial<MethodInput<'units.create'>> = {},
) {
  return backend.call('units.create', { name, kind: 'base_cell', ...extra });
}

/**
 * A district committee (có từ trước), a commune committee without a code (written "Hoà"), a cell
 * with one.
 */
function seed(backend: TestBackend) {
  const district = addOldUnit(backend, 'Huyện ủy Bắc Sơn', {
    code: 'HU-BS',
    kind: 'upper_committee',
  });
  const commune = addUnit(backend, 'Đảng bộ xã Hoà Sơn', 2008, {
    kind: 'base_committee',
    parentId: district.id,
  });
  const school = addUnit(backend, 'Chi bộ Trường THCS Vũ Lễ', 2010, {
    code: 'BS02',
    parentId: district.id,
  });
  return { district, commune, school };
}

function levelOf(backend: TestBackend, unitId: string, year: number) {
  const rating = backend.call('ratings.history', { unitId }).ratings.find((r) => r.year === year);
  return rating ? `${rating.levelCode}${rating.exemplary ? '*' : ''}` : null;
}

function origins(backend: TestBackend, entity: string): string[] {
  return backend.ctx.db
    .prepare('SELECT DISTINCT origin FROM audit_log WHERE entity = ? ORDER BY origin')
    .pluck()
    .all(entity) as string[];
}

const auditCount = (backend: TestBackend) =>
  backend.ctx.db.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;

describe('ratings import from .xlsx', () => {
  it('previews without writing, then applies: codes, names, parents, levels as typed', async () => {
    const backend = makeBackend();
    const { commune, school } = seed(backend);
    backend.call('ratings.set', { unitId: school.id, year: 2018, levelCode: 'HTNV' });
    backend.call('ratings.set', { unitId: commune.id, year: 2019, levelCode: 'HTTNV' });
    const file = await xlsx([
      ['BS02', null, 'HU-BS', null, 2017, 'TSVM'],
      [null, 'Đảng bộ xã Hòa Sơn', 'HU-BS', null, 2019, 'hoan thanh tot nhiem vu'],
      [null, 'ĐẢNG BỘ XÃ HÒA SƠN', 'Huyện ủy Bắc Sơn', null, 2020, 'Hoàn thành xuất sắc nhiệm vụ'],
      ['bs02', null, null, null, 2016, 'TSVM tiêu biểu'],
      [null, 'Chi bộ Thôn Nà Lay', 'Đảng ủy Khối Doanh nghiệp', 'chi bo co so', 2021, 'htnv'],
      [null, 'Chi bộ thôn Nà Lay', 'Đảng ủy khối doanh nghiệp', null, 2019, 'KHTNV'],
      ['BS02', 'Tên cũ không cần khớp', null, null, 2018, 'Hoàn thành tốt nhiệm vụ'],
    ]);

    const before = backend.snapshot();
    const preview = await previewOf(backend, 'xep-loai.xlsx', file);
    expect(backend.snapshot()).toBe(before);
    expect(preview).toEqual<ImportPreview>({
      planId: expect.stringMatching(/^[0-9a-f-]{36}$/) as string,
      fileName: 'xep-loai.xlsx',
      sheet: 'Xếp loại',
      sheets: ['Xếp loại', 'Ghi chú'],
      encoding: null,
      rows: 7,
      newUnits: [
        { row: 6, name: 'Đảng ủy Khối Doanh nghiệp', parentName: null, fromYear: null },
        {
          row: 6,
          name: 'Chi bộ Thôn Nà Lay',
          parentName: 'Đảng ủy Khối Doanh nghiệp',
          fromYear: null,
        },
      ],
      newRatings: [
        { row: 2, unitName: 'Chi bộ Trường THCS Vũ Lễ', year: 2017, level: 'TSVM' },
        { row: 4, unitName: 'Đảng bộ xã Hoà Sơn', year: 2020, level: 'HTXSNV' },
        { row: 5, unitName: 'Chi bộ Trường THCS Vũ Lễ', year: 2016, level: 'TSVM tiêu biểu' },
        { row: 6, unitName: 'Chi bộ Thôn Nà Lay', year: 2021, level: 'HTNV' },
        { row: 7, unitName: 'Chi bộ Thôn Nà Lay', year: 2019, level: 'KHTNV' },
      ],
      changedRatings: [
        { row: 8, unitName: 'Chi bộ Trường THCS Vũ Lễ', year: 2018, from: 'HTNV', to: 'HTTNV' },
      ],
      unchanged: 1,
      errors: [],
    });

    const result = backend.call('ratings.importApply', { planId: preview.planId });
    expect(result).toEqual({ ...preview, applied: true, skippedRows: 0 });
    expect(levelOf(backend, school.id, 2016)).toBe('TSVM*');
    expect(levelOf(backend, school.id, 2017)).toBe('TSVM');
    expect(levelOf(backend, school.id, 2018)).toBe('HTTNV');
    expect(levelOf(backend, commune.id, 2019)).toBe('HTTNV');
    expect(levelOf(backend, commune.id, 2020)).toBe('HTXSNV');

    // The new cell and the parent made for it existed before the file: founding year unknown.
    const [cell] = backend.call('units.list', { year: 2019, search: 'na lay' }).rows;
    expect(cell).toMatchObject({
      name: 'Chi bộ Thôn Nà Lay',
      kind: 'base_cell',
      foundedYear: null,
    });
    expect(cell!.parentName).toBe('Đảng ủy Khối Doanh nghiệp');
    const parent = backend.call('units.get', { id: cell!.parentId! });
    expect(parent).toMatchObject({ foundedYear: null });
    expect(parent.current).toMatchObject({ kind: 'upper_committee', parentId: null, code: null });
    expect(levelOf(backend, cell!.id, 2019)).toBe('KHTNV');
    expect(levelOf(backend, cell!.id, 2021)).toBe('HTNV');

    // Audited as coming from the file; what was set by hand keeps its own origin.
    expect(origins(backend, 'rating')).toEqual(['app', 'import:xep-loai.xlsx']);
    expect(origins(backend, 'unit')).toEqual(['app', 'import:xep-loai.xlsx']);
    const imported = backend.ctx.db
      .prepare(
        `SELECT count(DISTINCT entity_id) FROM audit_log WHERE entity = 'rating' AND origin = ?`,
      )
      .pluck()
      .get('import:xep-loai.xlsx');
    expect(imported).toBe(6);

    // The same file again changes nothing at all: no rating, no unit, no audit row.
    const afterFirst = backend.snapshot();
    const again = await importFile(backend, 'xep-loai.xlsx', file);
    expect(again).toMatchObject({ applied: true, newUnits: [], newRatings: [] });
    expect(again.changedRatings).toEqual([]);
    expect(again.unchanged).toBe(7);
    expect(backend.snapshot()).toBe(afterFirst);
  });

  it('keeps what else was recorded with a rating and sends only the file name to the audit', async () => {
    const backend = makeBackend();
    const { school } = seed(backend);
    backend.call('ratings.set', {
      unitId: school.id,
      year: 2019,
      levelCode: 'HTNV',
      note: 'Tốp cuối huyện',
      decisionNumber: '15-QĐ/HU',
    });
    backend.call('ratings.set', { unitId: school.id, year: 2016, levelCode: 'TSVM tiêu biểu' });
    backend.call('ratings.set', { unitId: school.id, year: 2015, levelCode: 'TSVM tiêu biểu' });
    const file = await xlsx([
      ['BS02', null, null, null, 2019, 'HTTNV'],
      // "TSVM" again keeps a recorded "tiêu biểu", as a single rating does; another level drops it.
      ['BS02', null, null, null, 2016, 'TSVM'],
      ['BS02', null, null, null, 2015, 'HTTNV'],
    ]);
    const { planId } = await backend.callAsync('ratings.importPreview', {
      file: handleOf(backend, '2019.xlsx', file, 'Báo cáo'),
    });
    const result = backend.call('ratings.importApply', { planId });
    expect(result).toMatchObject({ fileName: '2019.xlsx', unchanged: 1 });
    expect(result.changedRatings.map((c) => [c.year, c.from, c.to])).toEqual([
      [2019, 'HTNV', 'HTTNV'],
      [2015, 'TSVM tiêu biểu', 'HTTNV'],
    ]);
    expect(levelOf(backend, school.id, 2016)).toBe('TSVM*');
    expect(levelOf(backend, school.id, 2015)).toBe('HTTNV');
    const rating = backend
      .call('ratings.history', { unitId: school.id })
      .ratings.find((r) => r.year === 2019)!;
    expect(rating).toMatchObject({
      levelCode: 'HTTNV',
      note: 'Tốp cuối huyện',
      decisionNumber: '15-QĐ/HU',
    });
    expect(origins(backend, 'rating')).toEqual(['app', 'import:2019.xlsx']);
  });
});

describe('ratings import from .xlsx as Excel writes it', () => {
  it('reads rich text, numbers, formula results and gaps, from the first visible sheet only', async () => {
    const backend = makeBackend();
    const { commune, school } = seed(backend);
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Dữ liệu');
    sheet.getRow(1).values = [null, 'Năm', 'Tên tổ chức', null, 'Xếp loại', 'Mã'];
    sheet.getRow(3).values = [
      null,
      2019,
      { richText: [{ text: 'Đảng bộ xã ' }, { text: 'Hòa Sơn', font: { bold: true } }] },
      null,
      'HTTNV',
    ];
    sheet.getRow(4).values = [
      null,
      { formula: '2019+1', result: 2020 },
      null,
      null,
      'htnv',
      'BS&02',
    ];
    sheet.getRow(6).values = [null, 2020, null, null, 'HTNV', 'BS02'];
    const other = workbook.addWorksheet('Khác');
    other.addRow(['Mã', 'Năm', 'Xếp loại']);
    other.addRow(['BS02', 2019, 'KHTNV']);
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    const preview = await previewOf(backend, 'khac.xlsx', file);
    expect(preview).toMatchObject({ sheet: 'Dữ liệu', sheets: ['Dữ liệu', 'Khác'] });
    expect(preview.newRatings).toEqual([
      { row: 3, unitName: 'Đảng bộ xã Hoà Sơn', year: 2019, level: 'HTTNV' },
      { row: 6, unitName: school.current.name, year: 2020, level: 'HTNV' },
    ]);
    expect(preview.errors).toEqual([
      {
        row: 4,
        message:
          'Không tìm thấy tổ chức có mã "BS&02". Muốn tạo tổ chức mới, hãy ghi cả tên tổ chức.',
      },
    ]);
    expect(commune.current.name).toBe('Đảng bộ xã Hoà Sơn');
  });
});

describe('ratings import from .csv', () => {
  it('reads UTF-8 with BOM, semicolons and quoted fields, numbering rows as a spreadsheet', async () => {
    const backend = makeBackend();
    const { commune, school } = seed(backend);
    const text = [
      'Năm;Xếp loại;Tên tổ chức;Mã',
      '2019;HTTNV;"Chi bộ; ""Vũ Lễ""";BS02',
      // A quoted line break inside a name: the name's spaces are collapsed, it still matches.
      '2019;Hoàn thành nhiệm vụ;"Đảng bộ xã\nHòa Sơn";',
      '2019;Giỏi;;BS02',
      '2020;HTNV;;bs02',
    ].join('\r\n');
    const preview = await previewOf(backend, 'xep-loai.csv', csv(`${text}\r\n`));
    expect(preview).toMatchObject({ rows: 4, encoding: 'utf-8', sheet: null, sheets: [] });
    expect(preview.newRatings.map((r) => [r.row, r.unitName, r.level])).toEqual([
      [2, 'Chi bộ Trường THCS Vũ Lễ', 'HTTNV'],
      [3, 'Đảng bộ xã Hoà Sơn', 'HTNV'],
      [5, 'Chi bộ Trường THCS Vũ Lễ', 'HTNV'],
    ]);
    expect(preview.errors).toHaveLength(1);
    expect(preview.errors[0]!.row).toBe(4);
    expect(preview.errors[0]!.message).toContain('"Giỏi" không có trong thang xếp loại năm 2019');

    const result = await importFile(backend, 'xep-loai.csv', csv(text), true);
    expect(result).toMatchObject({ applied: true, skippedRows: 1 });
    expect(levelOf(backend, school.id, 2019)).toBe('HTTNV');
    expect(levelOf(backend, commune.id, 2019)).toBe('HTNV');
    expect(levelOf(backend, school.id, 2020)).toBe('HTNV');
  });

  it('reads comma-separated files without BOM and with old tone placement in the file', async () => {
    const backend = makeBackend();
    const district = addUnit(backend, 'Huyện ủy Bắc Sơn', 2008, { kind: 'upper_committee' });
    const commune = addUnit(backend, 'Đảng bộ xã Hòa Sơn', 2008, { parentId: district.id });
    const text =
      'ten to chuc,cap tren,nam,xep loai\n"Đảng bộ xã Hoà Sơn","huyen uy bac son",2017,"Trong sạch, vững mạnh"\n';
    const result = await importFile(backend, 'a.CSV', csv(text, false));
    expect(result).toMatchObject({ applied: true, errors: [], newUnits: [], encoding: 'utf-8' });
    expect(levelOf(backend, commune.id, 2017)).toBe('TSVM');
  });
});

describe('rows with errors', () => {
  async function badFile() {
    const next = currentYear() + 2;
    return xlsx([
      ['BS02', null, null, null, 2016, 'HTXSNV'],
      ['BS02', null, null, null, 2019, 'TSVM'],
      ['BS02', null, null, null, 1999, 'HTTNV'],
      ['BS02', null, null, null, next, 'HTTNV'],
      ['BS02', null, null, null, 2009, 'HTTNV'],
      ['BS02', null, null, null, 2019, null],
      [null, null, null, null, 2019, 'HTTNV'],
      ['BS02', null, null, 'loại lạ', 2019, 'HTTNV'],
      ['BS02', null, null, null, 2020, 'HTTNV'],
      [null, 'Chi bộ Thôn Mới', 'HU-BS', null, 2020, 'HTNV'],
    ]);
  }

  it('lists every bad row with its row number and a Vietnamese message, and writes nothing', async () => {
    const backend = makeBackend();
    seed(backend);
    const file = await badFile();
    const before = backend.snapshot();
    const result = await importFile(backend, 'loi.xlsx', file);
    expect(result.applied).toBe(false);
    expect(backend.snapshot()).toBe(before);
    expect(result.errors.map((e) => e.row)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    for (const e of result.errors) expect(e.message).toMatch(VIETNAMESE_LETTER);
    const message = (row: number) => result.errors.find((e) => e.row === row)!.message;
    expect(message(2)).toContain('"HTXSNV" không có trong thang xếp loại năm 2016');
    expect(message(3)).toContain('"TSVM" không có trong thang xếp loại năm 2019');
    expect(message(4)).toContain('Năm 1999 không hợp lệ');
    expect(message(5)).toContain(`Năm ${currentYear() + 2} không hợp lệ`);
    expect(message(6)).toBe(
      '"Chi bộ Trường THCS Vũ Lễ" thành lập năm 2010, nên không có xếp loại năm 2009.',
    );
    expect(message(7)).toBe('Thiếu xếp loại.');
    expect(message(8)).toBe('Thiếu cả mã và tên tổ chức.');
    expect(message(9)).toContain('Loại tổ chức "loại lạ" không hợp lệ');
    // The valid rows are still previewed.
    expect(result.newRatings.map((r) => r.row)).toEqual([10, 11]);
    expect(result.newUnits).toEqual([
      { row: 11, name: 'Chi bộ Thôn Mới', parentName: 'Huyện ủy Bắc Sơn', fromYear: null },
    ]);
  });

  it('takes the year range from the backend clock, not the machine date', async () => {
    const backend = makeBackend({ clock: fixedClock('2019-03-01T08:00:00Z') });
    seed(backend);
    const before = backend.snapshot();
    const preview = await previewOf(
      backend,
      'nam.csv',
      csv('Mã;Năm;Xếp loại\nBS02;2020;HTTNV\nBS02;2021;HTTNV\n'),
    );
    expect(preview.newRatings.map((r) => r.year)).toEqual([2020]);
    expect(preview.errors).toEqual([
      { row: 3, message: 'Năm 2021 không hợp lệ: năm xếp loại phải từ 2000 đến 2020.' },
    ]);
    expect(backend.snapshot()).toBe(before);
  });

  it('imports only the valid rows with skipErrors', async () => {
    const backend = makeBackend();
    const { school } = seed(backend);
    const result = await importFile(backend, 'loi.xlsx', await badFile(), true);
    expect(result).toMatchObject({ applied: true, skippedRows: 8 });
    expect(result.errors).toHaveLength(8);
    expect(levelOf(backend, school.id, 2020)).toBe('HTTNV');
    expect(levelOf(backend, school.id, 2019)).toBe(null);
    expect(namesIn(backend, 2020, { search: 'thon moi' })).toEqual(['Chi bộ Thôn Mới']);
  });

  it('refuses a second, different rating of the same unit and year; an identical one is fine', async () => {
    const backend = makeBackend();
    const { school } = seed(backend);
    const text = 'Mã,Năm,Xếp loại\nBS02,2019,HTTNV\nBS02,2019,httnv\nbs02,2019,HTNV\n';
    const result = await importFile(backend, 'trung.csv', csv(text));
    expect(result.applied).toBe(false);
    expect(result.unchanged).toBe(1);
    expect(result.errors).toEqual([
      {
        row: 4,
        message:
          '"Chi bộ Trường THCS Vũ Lễ" năm 2019 đã có ở dòng 2 với xếp loại khác; dòng này ghi HTNV. Hãy giữ một dòng.',
      },
    ]);
    expect(levelOf(backend, school.id, 2019)).toBe(null);
  });

  it('refuses ambiguous names, a code that names another unit, a parent not there that year', async () => {
    const backend = makeBackend();
    const { district, school } = seed(backend);
    const other = addUnit(backend, 'Huyện ủy Hữu Lũng', 2008, { kind: 'upper_committee' });
    addUnit(backend, 'Chi bộ Thôn 1', 2008, { parentId: district.id });
    addUnit(backend, 'Chi bộ Thôn 1', 2008, { parentId: other.id });
    addUnit(backend, 'Đảng ủy Khối mới', 2020, { kind: 'upper_committee', code: 'DUK' });
    const text = [
      'Mã;Tên tổ chức;Cấp trên;Năm;Xếp loại',
      ';Chi bộ Thôn 1;;2019;HTTNV',
      ';Chi bộ Thôn 1;Huyện ủy Hữu Lũng;2019;HTTNV',
      'XX9;Chi bộ Trường THCS Vũ Lễ;HU-BS;2019;HTTNV',
      ';Chi bộ Thôn 2;DUK;2019;HTTNV',
      'KHONG-CO;;;2019;HTTNV',
    ].join('\n');
    const result = await previewOf(backend, 'x.csv', csv(text));
    expect(result.newRatings.map((r) => r.row)).toEqual([3]);
    expect(result.errors.map((e) => [e.row, e.message])).toEqual([
      [
        2,
        'Có 2 tổ chức tên "Chi bộ Thôn 1" trong năm 2019; hãy ghi thêm mã hoặc cấp trên để phân biệt.',
      ],
      [4, `"${school.current.name}" đã có mã "BS02", khác với mã "XX9" ghi trong tệp.`],
      [5, 'Tổ chức cấp trên "Đảng ủy Khối mới" không tồn tại trong năm 2019 (hoạt động từ 2020).'],
      [6, 'Không tìm thấy tổ chức có mã "KHONG-CO". Muốn tạo tổ chức mới, hãy ghi cả tên tổ chức.'],
    ]);
  });
});

describe('workbooks with several sheets', () => {
  /** Tabs: a hidden "Cũ" (last year's ratings) first, then the visible sheets. */
  async function workbook(...visible: [string, Cell[][]][]): Promise<Buffer> {
    const book = new ExcelJS.Workbook();
    const old = book.addWorksheet('Cũ', { state: 'hidden' });
    old.addRow(['Mã', 'Năm', 'Xếp loại']);
    old.addRow(['BS02', 2016, 'TSVM']);
    old.addRow(['BS01', 2016, 'HTNV']);
    const secret = book.addWorksheet('Tham số', { state: 'veryHidden' });
    secret.addRow(['Mã', 'Năm', 'Xếp loại']);
    secret.addRow(['BS02', 2015, 'HTNV']);
    for (const [name, rows] of visible) {
      const sheet = book.addWorksheet(name);
      sheet.addRow(['Mã', 'Năm', 'Xếp loại']);
      for (const row of rows) sheet.addRow(row);
    }
    return Buffer.from(await book.xlsx.writeBuffer());
  }

  it('reads the first visible sheet, never a hidden one before it, and names it', async () => {
    const backend = makeBackend();
    const { school } = seed(backend);
    const file = await workbook(['Xếp loại 2017', [['BS02', 2017, 'HTTNV']]]);
    const preview = await previewOf(backend, 'hai-trang.xlsx', file);
    expect(preview).toMatchObject({
      sheet: 'Xếp loại 2017',
      sheets: ['Xếp loại 2017'],
      rows: 1,
      errors: [],
      newUnits: [],
    });
    expect(preview.newRatings).toEqual([
      { row: 2, unitName: 'Chi bộ Trường THCS Vũ Lễ', year: 2017, level: 'HTTNV' },
    ]);
    backend.call('ratings.importApply', { planId: preview.planId });
    expect(levelOf(backend, school.id, 2017)).toBe('HTTNV');
    expect(levelOf(backend, school.id, 2016)).toBe(null);
    expect(levelOf(backend, school.id, 2015)).toBe(null);
  });

  it('lists the visible sheets and reads the one chosen, by its name typed loosely', async () => {
    const backend = makeBackend();
    seed(backend);
    const file = await workbook(
      ['Năm 2018', [['BS02', 2018, 'HTNV']]],
      ['Năm 2019', [['BS02', 2019, 'HTXSNV']]],
    );
    const first = await previewOf(backend, 'nhieu-trang.xlsx', file);
    expect(first).toMatchObject({ sheet: 'Năm 2018', sheets: ['Năm 2018', 'Năm 2019'] });
    expect(first.newRatings.map((r) => r.year)).toEqual([2018]);
    for (const typed of ['Năm 2019', 'nam 2019', ' NĂM 2019 ']) {
      const chosen = await previewOf(backend, 'nhieu-trang.xlsx', file, typed);
      expect(chosen.sheet, typed).toBe('Năm 2019');
      expect(chosen.newRatings.map((r) => [r.year, r.level])).toEqual([[2019, 'HTXSNV']]);
    }
  });

  it('refuses a sheet that is not there or is hidden, listing the sheets, and a sheet of a CSV', async () => {
    const backend = makeBackend();
    seed(backend);
    const before = backend.snapshot();
    const file = await workbook(['Năm 2018', []], ['Năm 2019', []]);
    const attempt = async (name: string, bytes: Buffer, sheet: string) =>
      errorOf(
        await backend.attemptAsync('ratings.importPreview', {
          file: handleOf(backend, name, bytes),
          sheet,
        }),
      );
    const missing = await attempt('a.xlsx', file, 'Năm 2020');
    expect(missing).toEqual({
      code: 'INVALID_INPUT',
      message:
        'Tệp không có trang tính "Năm 2020". Các trang tính đang hiện: "Năm 2018", "Năm 2019".',
    });
    for (const hidden of ['Cũ', 'tham so']) {
      const error = await attempt('a.xlsx', file, hidden);
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.message).toMatch(/^Trang tính "(Cũ|Tham số)" đang bị ẩn nên không được đọc\./);
      expect(error.message).toContain('Các trang tính đang hiện: "Năm 2018", "Năm 2019".');
    }
    const onCsv = await attempt('a.csv', csv('Mã;Năm;Xếp loại\nBS02;2019;HTTNV\n'), 'Năm 2019');
    expect(onCsv.code).toBe('INVALID_INPUT');
    expect(onCsv.message).toContain('chỉ có một trang dữ liệu');
    // An empty first visible sheet names itself and the others.
    const empty = errorOf(
      await backend.attemptAsync('ratings.importPreview', {
        file: handleOf(backend, 'b.xlsx', await workbook(['Trống', []], ['Năm 2019', []])),
      }),
    );
    expect(empty.message).toContain('Tệp chỉ có dòng tiêu đề');
    expect(backend.snapshot()).toBe(before);
  });
});

describe('damaged .xlsx files', () => {
  /**
   * A valid workbook with bits flipped inside the compressed shared strings, chosen so that the
   * data still inflates to well-formed XML with one cell's text changed: exactly what a bad copy
   * does, and what exceljs alone reads without complaint.
   */
  async function corrupted(): Promise<{ good: Buffer; bad: Buffer }> {
    const good = await xlsx([
      ['BS02', null, null, null, 2019, 'HTTNV'],
      [null, 'Đảng bộ xã Hòa Sơn', null, null, 2019, 'HTNV'],
    ]);
    const entry = zipEntries(good).find((e) => e.name === 'xl/sharedStrings.xml')!;
    const data = compressedData(good, entry);
    const start = data.byteOffset - good.byteOffset;
    const original = inflateRawSync(data).toString('latin1');
    const inText = new Set<number>();
    for (const m of original.matchAll(/<t>([^<]*)<\/t>/g)) {
      for (let j = m.index + 3; j < m.index + 3 + m[1]!.length; j++) inText.add(j);
    }
    for (let at = 0; at < data.length; at++) {
      for (let bit = 0; bit < 8; bit++) {
        const bad = Buffer.from(good);
        bad[start + at]! ^= 1 << bit;
        let text: string;
        try {
          text = inflateRawSync(bad.subarray(start, start + data.length)).toString('latin1');
        } catch {
          continue;
        }
        if (text === original || text.length !== original.length) continue;
        const changed = [...text].flatMap((ch, j) => (ch === original[j] ? [] : [j]));
        if (changed.every((j) => inText.has(j) && /[A-Za-z0-9]/.test(text[j]!)))
          return { good, bad };
      }
    }
    throw new Error('no flip keeps the shared strings readable');
  }

  it('refuses a file whose CRC does not match (bits flipped in a copy), changing nothing', async () => {
    const backend = makeBackend();
    seed(backend);
    const { good, bad } = await corrupted();
    // The library alone accepts the damaged file and reads other text from it.
    const read = async (bytes: Buffer) => {
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(bytes as unknown as ExcelJS.Buffer);
      return JSON.stringify(book.worksheets[0]!.getSheetValues());
    };
    expect(await read(bad)).not.toBe(await read(good));

    const before = backend.snapshot();
    const error = errorOf(
      await backend.attemptAsync('ratings.importPreview', {
        file: handleOf(backend, 'hong.xlsx', bad),
      }),
    );
    expect(error.code).toBe('BAD_FILE');
    expect(error.message).toMatch(
      /^Tệp "hong\.xlsx" bị hỏng \(kiểm tra CRC không khớp ở phần "xl\/sharedStrings\.xml"\)/,
    );
    expect(error.message).toContain('Hãy lấy lại tệp gốc');
    expect(backend.snapshot()).toBe(before);
    // The intact file imports.
    expect((await previewOf(backend, 'tot.xlsx', good)).newRatings).toHaveLength(2);
  });

  it('refuses a truncated file and a file cut short inside its data', async () => {
    const backend = makeBackend();
    seed(backend);
    const good = await xlsx([['BS02', null, null, null, 2019, 'HTTNV']]);
    const before = backend.snapshot();
    for (const [name, bytes] of [
      ['cut.xlsx', good.subarray(0, Math.floor(good.length * 0.6))],
      ['tail.xlsx', good.subarray(0, good.length - 10)],
    ] as const) {
      const error = errorOf(
        await backend.attemptAsync('ratings.importPreview', {
          file: handleOf(backend, name, bytes),
        }),
      );
      expect(error.code, name).toBe('BAD_FILE');
      expect(error.message, name).toContain(`Tệp "${name}" bị hỏng`);
    }
    expect(backend.snapshot()).toBe(before);
  });
});

describe('CSV files as Vietnamese Excel saves them', () => {
  /** Bytes as given: strings are ASCII, numbers are single Windows-1258 bytes. */
  const bytes1258 = (...parts: (string | number)[]) =>
    Buffer.from(parts.flatMap((p) => (typeof p === 'number' ? [p] : [...Buffer.from(p, 'ascii')])));

  it('reads "CSV (Comma delimited)" in Windows-1258 with combining tone marks, as NFC', async () => {
    const backend = makeBackend();
    const district = addOldUnit(backend, 'Huyện ủy Bắc Sơn', {
      code: 'HU-BS',
      kind: 'upper_committee',
    });
    const dongY = addUnit(backend, 'Đảng bộ xã Đồng Ý', 2008, {
      kind: 'base_committee',
      parentId: district.id,
    });
    // Windows writes "ả" as "a" + U+0309 (0xD2), "ộ" as "ô" (0xF4) + U+0323 (0xF2), and so on.
    const file = bytes1258(
      // Mã,Tên tổ chức,Cấp trên,Năm,Xếp loại
      'M',
      'a',
      0xde,
      ',T',
      0xea,
      'n t',
      0xf4,
      0xd2,
      ' ch',
      0xfd,
      0xec,
      'c,C',
      0xe2,
      0xf2,
      'p tr',
      0xea,
      'n,N',
      0xe3,
      'm,X',
      0xea,
      0xec,
      'p lo',
      'a',
      0xf2,
      'i\r\n',
      // ,Đảng bộ xã Đồng Ý,HU-BS,2017,"Trong sạch, vững mạnh"
      ',',
      0xd0,
      'a',
      0xd2,
      'ng b',
      0xf4,
      0xf2,
      ' xa',
      0xde,
      ' ',
      0xd0,
      0xf4,
      0xcc,
      'ng Y',
      0xec,
      ',HU-BS,2017,"Trong sa',
      0xf2,
      'ch, v',
      0xfd,
      0xde,
      'ng ma',
      0xf2,
      'nh"\r\n',
      // ,Chi bộ Thôn Khuổi Lù,HU-BS,2017,HTTNV
      ',Chi b',
      0xf4,
      0xf2,
      ' Th',
      0xf4,
      'n Khu',
      0xf4,
      0xd2,
      'i L',
      0xf9,
      ',HU-BS,2017,HTTNV\r\n',
      // BS09,,,2018,Khá (not a level: the message quotes it as typed, in NFC)
      'BS09,,,2018,Kha',
      0xec,
      '\r\n',
    );
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(file)).toThrow();

    const preview = await previewOf(backend, 'xep-loai-2017.csv', file);
    expect(preview).toMatchObject({ encoding: 'windows-1258', sheet: null });
    expect(preview.errors).toHaveLength(1);
    expect(preview.errors[0]!.message).toContain(
      'Mức "Khá" không có trong thang xếp loại năm 2018',
    );
    expect(preview.newRatings).toEqual([
      { row: 2, unitName: 'Đảng bộ xã Đồng Ý', year: 2017, level: 'TSVM' },
      { row: 3, unitName: 'Chi bộ Thôn Khuổi Lù', year: 2017, level: 'HTTNV' },
    ]);
    const [created] = preview.newUnits;
    expect(created).toEqual({
      row: 3,
      name: 'Chi bộ Thôn Khuổi Lù',
      parentName: 'Huyện ủy Bắc Sơn',
      fromYear: null,
    });
    expect(created!.name).toBe(created!.name.normalize('NFC'));
    expect(created!.name).toHaveLength(20);

    backend.call('ratings.importApply', { planId: preview.planId, skipErrors: true });
    expect(levelOf(backend, dongY.id, 2017)).toBe('TSVM');
    expect(namesIn(backend, 2017, { search: 'khuoi lu' })).toEqual(['Chi bộ Thôn Khuổi Lù']);
  });

  it('reads "Unicode Text" (UTF-16 LE or BE with BOM, tab-separated)', async () => {
    const backend = makeBackend();
    const { commune, school } = seed(backend);
    const text =
      'Mã\tTên tổ chức\tNăm\tXếp loại\r\nBS02\t\t2019\tHTTNV\r\n\tĐảng bộ xã Hòa Sơn\t2019\tHTNV\r\n';
    const le = Buffer.from(`\uFEFF${text}`, 'utf16le');
    const be = Buffer.from(le).swap16();
    expect([...be.subarray(0, 2)]).toEqual([0xfe, 0xff]);
    for (const [encoding, file] of [
      ['utf-16le', le],
      ['utf-16be', be],
    ] as const) {
      const preview = await previewOf(backend, 'unicode.txt', file);
      expect(preview.encoding).toBe(encoding);
      expect(preview.errors).toEqual([]);
      expect(preview.newRatings.map((r) => [r.unitName, r.level])).toEqual([
        [school.current.name, 'HTTNV'],
        [commune.current.name, 'HTNV'],
      ]);
    }
  });

  it('decodes every Windows-1258 byte as the WHATWG table (Node with full ICU) does', () => {
    const all = Uint8Array.from({ length: 256 }, (_, b) => b);
    expect(decodeWindows1258(all)).toBe(new TextDecoder('windows-1258').decode(all));
  });
});

describe('plans: apply writes exactly what was previewed', () => {
  const FILE = 'Mã;Năm;Xếp loại\nBS02;2019;HTTNV\nBS02;2020;HTNV\n';

  it('refuses with PLAN_STALE when the data changed after the preview, here or in another program', async () => {
    const backend = makeBackend();
    const { school, commune } = seed(backend);
    const stale = 'Dữ liệu đã thay đổi kể từ lúc xem trước; hãy xem trước lại tệp.';

    const first = await previewOf(backend, 'a.csv', csv(FILE));
    backend.call('ratings.set', { unitId: commune.id, year: 2019, levelCode: 'HTNV' });
    let before = backend.snapshot();
    expect(errorOf(backend.attempt('ratings.importApply', { planId: first.planId }))).toEqual({
      code: 'PLAN_STALE',
      message: stale,
    });
    expect(backend.snapshot()).toBe(before);

    // Another connection to the same file (the CLI while the app is open) writes a rating.
    const second = await previewOf(backend, 'a.csv', csv(FILE));
    const other = makeBackend({ dbPath: backend.dbPath });
    other.call('ratings.set', { unitId: commune.id, year: 2020, levelCode: 'HTNV' });
    before = backend.snapshot();
    expect(errorOf(backend.attempt('ratings.importApply', { planId: second.planId }))).toEqual({
      code: 'PLAN_STALE',
      message: stale,
    });
    expect(backend.snapshot()).toBe(before);

    // A fresh preview applies.
    const third = await previewOf(backend, 'a.csv', csv(FILE));
    expect(backend.call('ratings.importApply', { planId: third.planId }).applied).toBe(true);
    expect(levelOf(backend, school.id, 2019)).toBe('HTTNV');
  });

  it('applies a plan once; an unknown plan or one of another connection is NOT_FOUND', async () => {
    const backend = makeBackend();
    seed(backend);
    const preview = await previewOf(backend, 'a.csv', csv(FILE));
    const other = makeBackend({ dbPath: backend.dbPath });
    const gone = errorOf(other.attempt('ratings.importApply', { planId: preview.planId }));
    expect(gone.code).toBe('NOT_FOUND');
    expect(gone.message).toContain('hãy xem trước lại tệp');

    expect(backend.call('ratings.importApply', { planId: preview.planId }).applied).toBe(true);
    const after = backend.snapshot();
    const again = errorOf(backend.attempt('ratings.importApply', { planId: preview.planId }));
    expect(again.code).toBe('NOT_FOUND');
    const unknown = errorOf(
      backend.attempt('ratings.importApply', { planId: '00000000-0000-4000-8000-000000000000' }),
    );
    expect(unknown.code).toBe('NOT_FOUND');
    const malformed = errorOf(backend.attempt('ratings.importApply', { planId: 'abc' }));
    expect(malformed).toEqual({
      code: 'INVALID_INPUT',
      message: 'Mã bản xem trước không hợp lệ; hãy xem trước lại tệp.',
    });
    expect(backend.snapshot()).toBe(after);
  });

  it('refuses "only the valid rows" when no row is valid, and imports nothing without it', async () => {
    const backend = makeBackend();
    seed(backend);
    const before = backend.snapshot();
    const bad = csv('Mã;Năm;Xếp loại\nBS02;2016;HTXSNV\nKHONG-CO;2019;HTTNV\n');
    const skip = await previewOf(backend, 'loi.csv', bad);
    expect(skip.errors).toHaveLength(2);
    expect(
      errorOf(backend.attempt('ratings.importApply', { planId: skip.planId, skipErrors: true })),
    ).toEqual({
      code: 'INVALID_INPUT',
      message:
        'Không có dòng hợp lệ nào để nhập: cả 2 dòng dữ liệu đều có lỗi. Hãy sửa tệp rồi xem trước lại.',
    });
    const plain = await previewOf(backend, 'loi.csv', bad);
    expect(backend.call('ratings.importApply', { planId: plain.planId })).toMatchObject({
      applied: false,
      skippedRows: 0,
    });
    expect(backend.snapshot()).toBe(before);
  });

  it('reads files by handle only: an unknown handle or a file gone since the pick is refused', async () => {
    const backend = makeBackend();
    seed(backend);
    const before = backend.snapshot();
    const unknown = errorOf(
      await backend.attemptAsync('ratings.importPreview', { file: `f_${'0'.repeat(32)}` }),
    );
    expect(unknown.code).toBe('FILE_NOT_FOUND');
    expect(unknown.message).toContain('Hãy chọn lại tệp');
    const old = errorOf(
      await backend.attemptAsync('ratings.importPreview', {
        fileName: 'a.csv',
        dataBase64: csv(FILE).toString('base64'),
      }),
    );
    // The old contract (the file's bytes as base64 inside JSON) is gone.
    expect(old.code).toBe('INVALID_INPUT');
    expect(old.message).toContain('Thiếu tệp: hãy chọn lại tệp.');

    const file = handleOf(backend, 'a.csv', csv(FILE));
    rmSync(backend.ctx.files.pathOf(file));
    const gone = errorOf(await backend.attemptAsync('ratings.importPreview', { file }));
    expect(gone).toEqual({
      code: 'FILE_NOT_FOUND',
      message: 'Tệp "a.csv" không còn ở chỗ cũ (đã bị xóa hoặc di chuyển). Hãy chọn lại tệp.',
    });
    expect(backend.snapshot()).toBe(before);
  });
});

describe('files that are not a ratings sheet', () => {
  it('refuses them whole with BAD_FILE and a Vietnamese message, changing nothing', async () => {
    const backend = makeBackend();
    seed(backend);
    const before = backend.snapshot();
    const random = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256));
    const ole = Buffer.concat([
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      random,
    ]);
    const cases: [string, Buffer, RegExp][] = [
      ['bang.xlsx', random, /không phải bảng tính Excel \(\.xlsx\) hợp lệ/],
      ['rong.csv', Buffer.alloc(0), /rỗng/],
      ['rong.xlsx', Buffer.alloc(0), /rỗng/],
      ['ghi-chu.pdf', csv('Mã;Năm;Xếp loại\n'), /chỉ nhận bảng tính Excel \(\.xlsx\) hoặc tệp CSV/],
      ['cu.xls', random, /\.xls/],
      ['mat-khau.xlsx', ole, /được đặt mật khẩu/],
      ['nhi-phan.csv', Buffer.from('Mã;Năm\0;Xếp loại\n'), /có ký tự nhị phân/],
      ['chi-tieu-de.csv', csv('Mã;Năm;Xếp loại\n\n;;\n'), /chỉ có dòng tiêu đề/],
      [
        'thieu-cot.xlsx',
        await xlsx([['1', 'Chi bộ A', 'Tốt']], ['STT', 'Đơn vị', 'Ghi chú']),
        /thiếu cột "Mã" hoặc "Tên tổ chức", "Năm", "Xếp loại"\. Các cột tìm thấy ở dòng 1: "STT", "Đơn vị", "Ghi chú"/,
      ],
    ];
    for (const [fileName, bytes, message] of cases) {
      const file = handleOf(backend, fileName, bytes);
      const error = errorOf(await backend.attemptAsync('ratings.importPreview', { file }));
      expect(error.code, fileName).toBe('BAD_FILE');
      expect(error.message, fileName).toMatch(message);
      expect(error.message).toMatch(VIETNAMESE_LETTER);
    }
    expect(backend.snapshot()).toBe(before);
  });

  it('finds the header below a title row and reports columns missing from a partial header', async () => {
    const backend = makeBackend();
    seed(backend);
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Sheet1');
    sheet.addRow(['KẾT QUẢ XẾP LOẠI NĂM 2019']);
    sheet.addRow([]);
    sheet.addRow(['  MÃ ', 'xếp loại', 'NĂM']);
    sheet.addRow(['BS02', { richText: [{ text: 'HT' }, { text: 'TNV' }] }, 2019]);
    const preview = await previewOf(
      backend,
      'b.xlsx',
      Buffer.from(await workbook.xlsx.writeBuffer()),
    );
    expect(preview.newRatings).toEqual([
      { row: 4, unitName: 'Chi bộ Trường THCS Vũ Lễ', year: 2019, level: 'HTTNV' },
    ]);

    const partial = errorOf(
      await backend.attemptAsync('ratings.importPreview', {
        file: handleOf(backend, 'c.csv', csv('Tên tổ chức;Xếp loại\nChi bộ A;HTTNV\n')),
      }),
    );
    expect(partial.message).toContain('Tệp thiếu cột "Năm".');
    expect(partial.message).toContain('Các cột tìm thấy ở dòng 1: "Tên tổ chức", "Xếp loại"');
  });
});

describe('"Loại tổ chức" (kind) and "Loại hình" (sector) of the units the file creates', () => {
  const SECTORS =
    'Xã, Phường, Thị trấn, Cơ quan, Doanh nghiệp, Đơn vị sự nghiệp, Lực lượng vũ trang, Khác';
  const KINDS =
    'Đảng bộ tỉnh, Đảng bộ cấp trên cơ sở, Đảng bộ cơ sở, Chi bộ cơ sở, Đảng bộ bộ phận, ' +
    'Chi bộ trực thuộc';

  /** Kind and sector of the unit named so in 2019 (the only one of that name). */
  function kindAndSector(backend: TestBackend, search: string) {
    const rows = backend.call('units.list', { year: 2019, search }).rows;
    expect(rows).toHaveLength(1);
    const unit = backend.call('units.get', { id: rows[0]!.id, year: 2019 });
    return [unit.current.kind, unit.current.sector];
  }

  it('reads the sector from "Loại hình" typed loosely, with the kind, for new units only', async () => {
    const backend = makeBackend();
    const { school } = seed(backend);
    const text = [
      'Mã;Tên tổ chức;Cấp trên;Loại tổ chức;Loại hình;Năm;Xếp loại',
      ';Đảng bộ xã Tân Lập;HU-BS;Đảng bộ cơ sở;xã;2019;HTTNV',
      ';Đảng bộ phường Hoàng Văn Thụ;HU-BS;dang bo co so;Phường;2019;HTTNV',
      ';Chi bộ Chi cục Thuế;HU-BS;CHI BỘ CƠ SỞ;co quan;2019;HTNV',
      ';Chi bộ Công ty Cổ phần Than;HU-BS;chi bo co so;  DOANH NGHIEP ;2019;HTXSNV',
      ';Đảng bộ thị trấn Bắc Sơn;HU-BS;;Thị Trấn;2019;HTTNV',
      ';Chi bộ Thôn Mỏ Ba;HU-BS;Chi bộ cơ sở;;2019;HTTNV',
      // An existing unit: the columns describe new units only, so its record stays as it is.
      'BS02;;;Đảng bộ cơ sở;Phường;2019;HTTNV',
    ].join('\n');
    const result = await importFile(backend, 'loai-hinh.csv', csv(text));
    expect(result.errors).toEqual([]);
    expect(result).toMatchObject({ applied: true });
    expect(result.newUnits).toHaveLength(6);
    expect(kindAndSector(backend, 'tan lap')).toEqual(['base_committee', 'commune']);
    expect(kindAndSector(backend, 'hoang van thu')).toEqual(['base_committee', 'ward']);
    expect(kindAndSector(backend, 'chi cuc thue')).toEqual(['base_cell', 'agency']);
    expect(kindAndSector(backend, 'cong ty')).toEqual(['base_cell', 'enterprise']);
    // Kind left empty: a base committee, as before.
    expect(kindAndSector(backend, 'thi tran bac son')).toEqual(['base_committee', 'township']);
    expect(kindAndSector(backend, 'mo ba')).toEqual(['base_cell', null]);
    const kept = backend.call('units.get', { id: school.id, year: 2019 }).current;
    expect([kept.kind, kept.sector]).toEqual(['base_cell', null]);
    expect(levelOf(backend, school.id, 2019)).toBe('HTTNV');
  });

  it('accepts the columns under other names: without diacritics, "kind", "sector"', async () => {
    const backend = makeBackend();
    seed(backend);
    const text = [
      'Ten to chuc;Cap tren;KIND;loai hinh to chuc;Nam;Xep loai',
      'Chi bộ Trường Tiểu học Vũ Lăng;HU-BS;chi bo co so;don vi su nghiep;2019;HTTNV',
    ].join('\n');
    const result = await importFile(backend, 'a.csv', csv(text));
    expect(result).toMatchObject({ applied: true, errors: [] });
    expect(kindAndSector(backend, 'vu lang')).toEqual(['base_cell', 'public_service']);

    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Xếp loại');
    sheet.addRow(['name', 'parent', 'LOẠI TỔ CHỨC', 'Sector', 'year', 'level']);
    sheet.addRow([
      'Chi bộ Đồn Biên phòng',
      'HU-BS',
      'Chi bộ cơ sở',
      'lực lượng vũ trang',
      2019,
      'HTNV',
    ]);
    sheet.addRow(['Chi bộ Quân sự xã', 'HU-BS', 'base_cell', 'armed_forces', 2019, 'HTNV']);
    const second = await importFile(
      backend,
      'b.xlsx',
      Buffer.from(await workbook.xlsx.writeBuffer()),
    );
    expect(second).toMatchObject({ applied: true, errors: [] });
    expect(kindAndSector(backend, 'don bien phong')).toEqual(['base_cell', 'armed_forces']);
    expect(kindAndSector(backend, 'quan su xa')).toEqual(['base_cell', 'armed_forces']);
  });

  it('refuses a sector or kind it does not know, listing the allowed values, writing nothing', async () => {
    const backend = makeBackend();
    seed(backend);
    const text = [
      'Tên tổ chức;Cấp trên;Loại tổ chức;Loại hình;Năm;Xếp loại',
      'Đảng bộ xã Mới;HU-BS;Đảng bộ cơ sở;nông thôn;2019;HTTNV',
      'Chi bộ Lạ;HU-BS;loại lạ;;2019;HTTNV',
      'Đảng bộ xã Khác;HU-BS;Xã;;2019;HTTNV',
      'Chi bộ Trường THCS Vũ Lễ;HU-BS;;thành phố;2019;HTTNV',
    ].join('\n');
    const before = backend.snapshot();
    const result = await importFile(backend, 'sai.csv', csv(text));
    expect(result.applied).toBe(false);
    expect(result.errors).toEqual([
      { row: 2, message: `Loại hình "nông thôn" không hợp lệ. Các loại hình: ${SECTORS}.` },
      { row: 3, message: `Loại tổ chức "loại lạ" không hợp lệ. Các loại tổ chức: ${KINDS}.` },
      {
        row: 4,
        message:
          '"Xã" là loại hình, không phải loại tổ chức: hãy ghi vào cột "Loại hình". ' +
          `Cột "Loại tổ chức" ghi một trong: ${KINDS}.`,
      },
      // Checked on an existing unit too: a typing error is one whichever unit the row names.
      { row: 5, message: `Loại hình "thành phố" không hợp lệ. Các loại hình: ${SECTORS}.` },
    ]);
    expect(backend.snapshot()).toBe(before);
    // "Only the valid rows" has none to write here.
    const refused = errorOf(
      backend.attempt('ratings.importApply', {
        planId: (await previewOf(backend, 'sai.csv', csv(text))).planId,
        skipErrors: true,
      }),
    );
    expect(refused.message).toContain('Không có dòng hợp lệ nào để nhập');
    expect(backend.snapshot()).toBe(before);
  });

  it('refuses a file of the old template, whose "Loại hình" column held the kind', async () => {
    const backend = makeBackend();
    seed(backend);
    const oldHeader = ['Mã', 'Tên tổ chức', 'Cấp trên', 'Loại hình', 'Năm', 'Xếp loại'];
    const file = await xlsx(
      [
        [null, 'Chi bộ Thôn Nà Lay', 'HU-BS', 'Chi bộ cơ sở', 2019, 'HTTNV'],
        [null, 'Đảng bộ xã Tân Lập', 'HU-BS', 'dang bo co so', 2019, 'HTTNV'],
        [null, 'Chi bộ Thôn Khuổi Lù', 'HU-BS', 'base_cell', 2019, 'HTNV'],
        // Rows that left the column empty name no kind and are fine.
        ['BS02', null, null, null, 2019, 'HTTNV'],
      ],
      oldHeader,
    );
    const before = backend.snapshot();
    const result = await importFile(backend, 'mau-cu.xlsx', file);
    expect(result.applied).toBe(false);
    const oldTemplate = (value: string) =>
      `Cột "Loại hình" nay ghi loại hình (${SECTORS}); "${value}" là loại tổ chức, hãy ghi vào ` +
      'cột "Loại tổ chức". Tệp theo mẫu cũ: đổi tên cột "Loại hình" thành "Loại tổ chức".';
    expect(result.errors).toEqual([
      { row: 2, message: oldTemplate('Chi bộ cơ sở') },
      { row: 3, message: oldTemplate('dang bo co so') },
      { row: 4, message: oldTemplate('base_cell') },
    ]);
    expect(result.newUnits).toEqual([]);
    expect(result.newRatings.map((r) => r.row)).toEqual([5]);
    expect(backend.snapshot()).toBe(before);
  });
});

describe('units the file creates exist already: founding year unknown (có từ trước)', () => {
  it('creates them and the parents made for them without a founding year', async () => {
    const backend = makeBackend();
    const { district } = seed(backend);
    const text = [
      'Tên tổ chức;Cấp trên;Năm;Xếp loại',
      'Chi bộ Thôn Bó Luông;Huyện ủy Bắc Sơn;2016;TSVM',
      'Chi bộ Công ty Điện lực;Đảng ủy Khối Doanh nghiệp;2016;HTTNV',
    ].join('\n');
    const result = await importFile(backend, '2016.csv', csv(text));
    expect(result).toMatchObject({ applied: true, errors: [] });
    const idOf = (search: string) => backend.call('units.list', { year: 2016, search }).rows[0]!;
    const cell = idOf('bo luong');
    const company = idOf('dien luc');
    expect(cell.parentId).toBe(district.id);
    for (const id of [cell.id, company.id, company.parentId!]) {
      const unit = backend.call('units.get', { id });
      expect(unit.foundedYear).toBeNull();
      // Nothing is known about a founding, so no "thành lập" event either.
      expect(unit.events).toEqual([]);
    }

    // Earlier history can be entered, by hand or by the CLI's ratings set.
    const earlier = backend.call('ratings.set', {
      unitId: cell.id,
      year: 2012,
      levelCode: 'HTTNV',
    });
    expect(earlier).toMatchObject({ year: 2012, levelCode: 'HTTNV' });
    backend.call('ratings.set', { unitId: company.id, year: 2008, levelCode: 'TSVM' });
    expect(levelOf(backend, cell.id, 2012)).toBe('HTTNV');
    expect(levelOf(backend, company.id, 2008)).toBe('TSVM');
    expect(levelOf(backend, cell.id, 2016)).toBe('TSVM');
  });

  it('refuses a new unit under a chi bộ trực thuộc, writing nothing', async () => {
    const backend = makeBackend();
    seed(backend);
    addUnit(backend, 'Đảng ủy Khối Cơ quan', 2010, { code: 'DUK-CQ', kind: 'upper_committee' });
    addOldUnit(backend, 'Chi bộ Phòng Nội vụ', { code: 'NV', kind: 'subordinate_cell' });
    const text = [
      'Tên tổ chức;Cấp trên;Loại tổ chức;Năm;Xếp loại',
      'Chi bộ Văn phòng;DUK-CQ;;2019;HTTNV',
      'Tổ đảng Văn thư;NV;;2019;HTTNV',
      // A chi bộ trực thuộc the file itself creates cannot have units under it either.
      'Chi bộ Kho bạc;HU-BS;Chi bộ trực thuộc;2019;HTTNV',
      'Tổ đảng Kho quỹ;Chi bộ Kho bạc;;2019;HTTNV',
    ].join('\n');
    const before = backend.snapshot();
    const result = await importFile(backend, 'x.csv', csv(text));
    expect(result.applied).toBe(false);
    expect(result.errors).toEqual([
      {
        row: 3,
        message:
          '"Chi bộ Phòng Nội vụ" là chi bộ trực thuộc (cấp thấp nhất của tổ chức đảng), nên không ' +
          'thể có tổ chức đảng trực thuộc. Hãy chọn tổ chức cấp trên khác.',
      },
      {
        row: 5,
        message:
          '"Chi bộ Kho bạc" là chi bộ trực thuộc (cấp thấp nhất của tổ chức đảng), nên không thể ' +
          'có tổ chức đảng trực thuộc.',
      },
    ]);
    expect(result.newUnits.map((u) => u.name)).toEqual(['Chi bộ Văn phòng', 'Chi bộ Kho bạc']);
    expect(backend.snapshot()).toBe(before);
  });

  it('starts a new unit with its parent when the founding year of the parent is known, and says so', async () => {
    const backend = makeBackend();
    seed(backend);
    addUnit(backend, 'Đảng ủy Khối Cơ quan', 2010, { code: 'DUK-CQ', kind: 'upper_committee' });
    const text = [
      'Tên tổ chức;Cấp trên;Năm;Xếp loại',
      'Chi bộ Văn phòng;DUK-CQ;2019;HTTNV',
      'Tổ đảng Lưu trữ;Chi bộ Văn phòng;2019;HTTNV',
    ].join('\n');
    const result = await importFile(backend, 'khoi.csv', csv(text));
    expect(result).toMatchObject({ applied: true, errors: [] });
    // It cannot predate the committee it belongs to: it starts in 2010 with it, and so does the
    // new unit under it; the preview named the year.
    expect(result.newUnits.map((u) => [u.name, u.fromYear])).toEqual([
      ['Chi bộ Văn phòng', 2010],
      ['Tổ đảng Lưu trữ', 2010],
    ]);
    const office = backend.call('units.list', { year: 2019, search: 'van phong' }).rows[0]!;
    expect(backend.call('units.get', { id: office.id }).foundedYear).toBe(2010);
    expect(
      backend.call('ratings.set', { unitId: office.id, year: 2012, levelCode: 'HTTNV' }).year,
    ).toBe(2012);
    expect(
      errorOf(backend.attempt('ratings.set', { unitId: office.id, year: 2009, levelCode: 'HTTNV' }))
        .code,
    ).toBe('UNIT_NOT_IN_YEAR');
  });
});

describe('long files', () => {
  it('imports 5,000 rows with real, throttled progress: 1,000 new units under 10 new parents', async () => {
    const events: AppEvents['progress'][] = [];
    const backend = makeBackend({
      emit: (event, payload) => {
        if (event === 'progress') events.push(payload as AppEvents['progress']);
      },
    });
    const levels = ['HTXSNV', 'HTTNV', 'HTNV', 'KHTNV'];
    const lines = ['Mã;Tên tổ chức;Cấp trên;Năm;Xếp loại'];
    for (let u = 0; u < 1000; u++) {
      for (let y = 2019; y <= 2023; y++) {
        lines.push(`CB${u};Chi bộ số ${u};Đảng ủy Khối ${u % 10};${y};${levels[(u + y) % 4]}`);
      }
    }
    const file = csv(lines.join('\n'));
    const result = await importFile(backend, 'lon.csv', file);
    expect(result).toMatchObject({ applied: true, rows: 5000, unchanged: 0, errors: [] });
    expect(result.newUnits).toHaveLength(1010);
    expect(result.newRatings).toHaveLength(5000);
    // The 1,000 cells are counted; the 10 Khối committees above them are not units to rate.
    expect(backend.call('ratings.counts', { year: 2021 }).total).toBe(1000);
    expect(backend.call('ratings.list', { year: 2021 }).rows).toHaveLength(1000);

    // One job for the preview and its apply; each phase climbs from 0 to its total in at most
    // ~50 steps, whatever the number of rows.
    expect(new Set(events.map((e) => e.job))).toEqual(new Set([`ratings.import:${result.planId}`]));
    const phases = new Map<string, AppEvents['progress'][]>();
    for (const e of events) phases.set(e.phase, [...(phases.get(e.phase) ?? []), e]);
    expect([...phases.keys()]).toEqual(['read', 'check', 'write']);
    const totals = { read: file.length, check: 5000, write: 1010 + 5000 };
    for (const [phase, list] of phases) {
      const total = totals[phase as keyof typeof totals];
      expect(
        list.every((e) => e.total === total),
        phase,
      ).toBe(true);
      expect(list[0]!.done, phase).toBe(0);
      expect(list.at(-1)!.done, phase).toBe(total);
      const done = list.map((e) => e.done);
      expect(done, phase).toEqual([...done].sort((a, b) => a - b));
      expect(new Set(done).size, phase).toBe(done.length);
      expect(list.length, phase).toBeLessThanOrEqual(52);
    }
    expect(phases.get('check')!.length).toBeGreaterThan(10);
    expect(phases.get('write')!.length).toBeGreaterThan(10);

    const after = backend.snapshot();
    const again = await importFile(backend, 'lon.csv', file);
    expect(again).toMatchObject({ applied: true, unchanged: 5000, newUnits: [], newRatings: [] });
    expect(backend.snapshot()).toBe(after);
    expect(auditCount(backend)).toBeGreaterThan(0);
  });
});
