// Importing ratings from .xlsx and .csv files made inside the tests (no committed binaries).
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImportPreview } from '../../shared/contract';
import { currentYear } from '../../shared/domain/years';
import type { TestBackend } from '../helpers/backend';
import {
  VIETNAMESE_LETTER,
  addUnit,
  cleanupTemp,
  errorOf,
  makeBackend,
  namesIn,
} from '../helpers/backend';

afterEach(cleanupTemp);

type Cell = string | number | null;
const HEADER = ['Mã', 'Tên tổ chức', 'Cấp trên', 'Loại hình', 'Năm', 'Xếp loại'];

/** An .xlsx written by a real spreadsheet library; a second sheet that must be ignored. */
async function xlsx(rows: Cell[][], header: string[] = HEADER): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Xếp loại');
  sheet.addRow(header);
  for (const row of rows) sheet.addRow(row);
  const other = workbook.addWorksheet('Ghi chú');
  other.addRow(['Mã', 'Tên tổ chức', 'Năm', 'Xếp loại']);
  other.addRow(['BS02', 'Không được đọc', 2019, 'KHTNV']);
  return Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
}

function csv(text: string, bom = true): string {
  return Buffer.from((bom ? '\uFEFF' : '') + text, 'utf8').toString('base64');
}

/** A district committee, a commune committee without a code (written "Hoà"), a cell with one. */
function seed(backend: TestBackend) {
  const district = addUnit(backend, 'Huyện ủy Bắc Sơn', 2008, {
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
    const dataBase64 = await xlsx([
      ['BS02', null, 'HU-BS', null, 2017, 'TSVM'],
      [null, 'Đảng bộ xã Hòa Sơn', 'HU-BS', null, 2019, 'hoan thanh tot nhiem vu'],
      [null, 'ĐẢNG BỘ XÃ HÒA SƠN', 'Huyện ủy Bắc Sơn', null, 2020, 'Hoàn thành xuất sắc nhiệm vụ'],
      ['bs02', null, null, null, 2016, 'TSVM tiêu biểu'],
      [null, 'Chi bộ Thôn Nà Lay', 'Đảng ủy Khối Doanh nghiệp', 'chi bo co so', 2021, 'htnv'],
      [null, 'Chi bộ thôn Nà Lay', 'Đảng ủy khối doanh nghiệp', null, 2019, 'KHTNV'],
      ['BS02', 'Tên cũ không cần khớp', null, null, 2018, 'Hoàn thành tốt nhiệm vụ'],
    ]);
    const input = { fileName: 'xep-loai.xlsx', dataBase64 };

    const before = backend.snapshot();
    const preview = await backend.callAsync('ratings.importPreview', input);
    expect(backend.snapshot()).toBe(before);
    expect(preview).toEqual<ImportPreview>({
      fileName: 'xep-loai.xlsx',
      rows: 7,
      newUnits: [
        { row: 6, name: 'Đảng ủy Khối Doanh nghiệp', parentName: null },
        { row: 6, name: 'Chi bộ Thôn Nà Lay', parentName: 'Đảng ủy Khối Doanh nghiệp' },
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

    const result = await backend.callAsync('ratings.importApply', input);
    expect(result).toEqual({ ...preview, applied: true, skippedRows: 0 });
    expect(levelOf(backend, school.id, 2016)).toBe('TSVM*');
    expect(levelOf(backend, school.id, 2017)).toBe('TSVM');
    expect(levelOf(backend, school.id, 2018)).toBe('HTTNV');
    expect(levelOf(backend, commune.id, 2019)).toBe('HTTNV');
    expect(levelOf(backend, commune.id, 2020)).toBe('HTXSNV');

    // The new cell starts in the earliest year the file rates it, under a parent made for it.
    const [cell] = backend.call('units.list', { year: 2019, search: 'na lay' }).rows;
    expect(cell).toMatchObject({
      name: 'Chi bộ Thôn Nà Lay',
      kind: 'base_cell',
      foundedYear: 2019,
    });
    expect(cell!.parentName).toBe('Đảng ủy Khối Doanh nghiệp');
    const parent = backend.call('units.get', { id: cell!.parentId! });
    expect(parent).toMatchObject({ foundedYear: 2019 });
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
    const again = await backend.callAsync('ratings.importApply', input);
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
    const dataBase64 = await xlsx([
      ['BS02', null, null, null, 2019, 'HTTNV'],
      // "TSVM" again keeps a recorded "tiêu biểu", as a single rating does; another level drops it.
      ['BS02', null, null, null, 2016, 'TSVM'],
      ['BS02', null, null, null, 2015, 'HTTNV'],
    ]);
    const result = await backend.callAsync('ratings.importApply', {
      fileName: 'C:\\Báo cáo\\2019.xlsx',
      dataBase64,
    });
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
  it('reads rich text, numbers, formula results and gaps, from the first sheet only', async () => {
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
    const preview = await backend.callAsync('ratings.importPreview', {
      fileName: 'khac.xlsx',
      dataBase64: file.toString('base64'),
    });
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
    const preview = await backend.callAsync('ratings.importPreview', {
      fileName: 'xep-loai.csv',
      dataBase64: csv(`${text}\r\n`),
    });
    expect(preview.rows).toBe(4);
    expect(preview.newRatings.map((r) => [r.row, r.unitName, r.level])).toEqual([
      [2, 'Chi bộ Trường THCS Vũ Lễ', 'HTTNV'],
      [3, 'Đảng bộ xã Hoà Sơn', 'HTNV'],
      [5, 'Chi bộ Trường THCS Vũ Lễ', 'HTNV'],
    ]);
    expect(preview.errors).toHaveLength(1);
    expect(preview.errors[0]!.row).toBe(4);
    expect(preview.errors[0]!.message).toContain('"Giỏi" không có trong thang xếp loại năm 2019');

    const result = await backend.callAsync('ratings.importApply', {
      fileName: 'xep-loai.csv',
      dataBase64: csv(text),
      skipErrors: true,
    });
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
    const result = await backend.callAsync('ratings.importApply', {
      fileName: 'a.CSV',
      dataBase64: csv(text, false),
    });
    expect(result).toMatchObject({ applied: true, errors: [], newUnits: [] });
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
    const dataBase64 = await badFile();
    const before = backend.snapshot();
    const result = await backend.callAsync('ratings.importApply', {
      fileName: 'loi.xlsx',
      dataBase64,
    });
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
    expect(message(9)).toContain('Loại hình "loại lạ" không hợp lệ');
    // The valid rows are still previewed.
    expect(result.newRatings.map((r) => r.row)).toEqual([10, 11]);
    expect(result.newUnits).toEqual([
      { row: 11, name: 'Chi bộ Thôn Mới', parentName: 'Huyện ủy Bắc Sơn' },
    ]);
  });

  it('imports only the valid rows with skipErrors', async () => {
    const backend = makeBackend();
    const { school } = seed(backend);
    const result = await backend.callAsync('ratings.importApply', {
      fileName: 'loi.xlsx',
      dataBase64: await badFile(),
      skipErrors: true,
    });
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
    const result = await backend.callAsync('ratings.importApply', {
      fileName: 'trung.csv',
      dataBase64: csv(text),
    });
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
    const result = await backend.callAsync('ratings.importPreview', {
      fileName: 'x.csv',
      dataBase64: csv(text),
    });
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

describe('files that are not a ratings sheet', () => {
  it('refuses them whole with BAD_FILE and a Vietnamese message, changing nothing', async () => {
    const backend = makeBackend();
    seed(backend);
    const before = backend.snapshot();
    const random = Buffer.from(
      Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256),
    ).toString('base64');
    const cases: [string, string, RegExp][] = [
      ['bang.xlsx', random, /không phải bảng tính Excel \(\.xlsx\) hợp lệ/],
      ['rong.csv', '', /rỗng/],
      ['rong.xlsx', '', /rỗng/],
      ['ghi-chu.pdf', csv('Mã;Năm;Xếp loại\n'), /chỉ nhận bảng tính Excel \(\.xlsx\) hoặc tệp CSV/],
      ['cu.xls', random, /\.xls/],
      [
        'latin.csv',
        Buffer.from([0x4d, 0xe3, 0x3b, 0x4e, 0xe6, 0x6d, 0x0a]).toString('base64'),
        /UTF-8/,
      ],
      ['chi-tieu-de.csv', csv('Mã;Năm;Xếp loại\n\n;;\n'), /chỉ có dòng tiêu đề/],
      [
        'thieu-cot.xlsx',
        await xlsx([['1', 'Chi bộ A', 'Tốt']], ['STT', 'Đơn vị', 'Ghi chú']),
        /thiếu cột "Mã" hoặc "Tên tổ chức", "Năm", "Xếp loại"\. Các cột tìm thấy ở dòng 1: "STT", "Đơn vị", "Ghi chú"/,
      ],
    ];
    for (const [fileName, dataBase64, message] of cases) {
      for (const method of ['ratings.importPreview', 'ratings.importApply'] as const) {
        const error = errorOf(await backend.attemptAsync(method, { fileName, dataBase64 }));
        expect(error.code, fileName).toBe('BAD_FILE');
        expect(error.message, fileName).toMatch(message);
        expect(error.message).toMatch(VIETNAMESE_LETTER);
      }
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
    const dataBase64 = Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
    const preview = await backend.callAsync('ratings.importPreview', {
      fileName: 'b.xlsx',
      dataBase64,
    });
    expect(preview.newRatings).toEqual([
      { row: 4, unitName: 'Chi bộ Trường THCS Vũ Lễ', year: 2019, level: 'HTTNV' },
    ]);

    const partial = errorOf(
      await backend.attemptAsync('ratings.importPreview', {
        fileName: 'c.csv',
        dataBase64: csv('Tên tổ chức;Xếp loại\nChi bộ A;HTTNV\n'),
      }),
    );
    expect(partial.message).toContain('Tệp thiếu cột "Năm".');
    expect(partial.message).toContain('Các cột tìm thấy ở dòng 1: "Tên tổ chức", "Xếp loại"');
  });
});

describe('long files', () => {
  it('imports 5,000 rows: 1,000 new units under 10 new parents, five years each', async () => {
    const backend = makeBackend();
    const levels = ['HTXSNV', 'HTTNV', 'HTNV', 'KHTNV'];
    const lines = ['Mã;Tên tổ chức;Cấp trên;Năm;Xếp loại'];
    for (let u = 0; u < 1000; u++) {
      for (let y = 2019; y <= 2023; y++) {
        lines.push(`CB${u};Chi bộ số ${u};Đảng ủy Khối ${u % 10};${y};${levels[(u + y) % 4]}`);
      }
    }
    const input = { fileName: 'lon.csv', dataBase64: csv(lines.join('\n')) };
    const result = await backend.callAsync('ratings.importApply', input);
    expect(result).toMatchObject({ applied: true, rows: 5000, unchanged: 0, errors: [] });
    expect(result.newUnits).toHaveLength(1010);
    expect(result.newRatings).toHaveLength(5000);
    expect(backend.call('ratings.counts', { year: 2021 }).total).toBe(1010);
    expect(backend.call('ratings.list', { year: 2021 }).rows).toHaveLength(1000);

    const after = backend.snapshot();
    const again = await backend.callAsync('ratings.importApply', input);
    expect(again).toMatchObject({ applied: true, unchanged: 5000, newUnits: [], newRatings: [] });
    expect(backend.snapshot()).toBe(after);
    expect(auditCount(backend)).toBeGreaterThan(0);
  });
});
