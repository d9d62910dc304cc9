// The report's Excel workbook on real temporary files, read back with exceljs: "Biểu tổng hợp"
// (header block, merged header rows, figures as numbers with formats, Times New Roman, A4
// landscape one page wide with repeated header rows and page numbers, the signature), the
// Biểu 01 list of a watchlist or the units of a subtree, and the "Dữ liệu" sheet, which the
// app's own ratings import reads back without a change.
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { fixedClock } from '../../electron/backend/context';
import { findHeader } from '../../electron/backend/ratings/import/columns';
import { DATA_ROWS_SQL } from '../../electron/backend/reports/xlsx/data-rows';
import { writeReportXlsx } from '../../electron/backend/reports/xlsx';
import type { ProgressReport, WatchlistDetail } from '../../shared/contract';
import type { TestBackend } from '../helpers/backend';
import { addUnit, cleanupTemp, makeBackend, makeTempDir } from '../helpers/backend';
import type { HandUnit } from '../helpers/hand-report';
import {
  LANG_SON_DOCUMENT,
  handReport,
  langSonGroups,
  langSonReport,
} from '../helpers/hand-report';
import type { LangSon } from '../helpers/ratings';
import { buildLangSon } from '../helpers/ratings';
import { createList } from '../helpers/watchlists';
import {
  cellWithText,
  mergesOf,
  readWorkbook,
  rowValues,
  sheetOf,
  textsOf,
} from '../helpers/xlsx-read';

afterEach(cleanupTemp);

const CLOCK = fixedClock('2018-01-20T12:00:00Z');

/** The province's list of Resolution 33-NQ/TU: 11 district units and 5 Khối units. */
function article(): { b: TestBackend; ls: LangSon; list: WatchlistDetail } {
  const b = makeBackend({ clock: CLOCK });
  const ls = buildLangSon(b);
  const list = createList(b, ls.province, 2017);
  for (const unitId of ls.districtPilotIds) {
    b.call('watchlists.addMember', {
      watchlistId: list.id,
      unitId,
      group: 'Đảng bộ huyện',
      reasons: ['weak_rating'],
      responsible: 'Đồng chí Ủy viên Ban Thường vụ',
    });
  }
  for (const unitId of ls.khoiIds) {
    b.call('watchlists.addMember', { watchlistId: list.id, unitId, group: 'Đảng bộ Khối' });
  }
  return { b, ls, list };
}

function watchlistReport(ls: LangSon, list: WatchlistDetail): ProgressReport {
  return langSonReport(ls, {
    scope: { type: 'watchlist', id: list.id, title: 'Nghị quyết 33-NQ/TU: củng cố 16 TCCSĐ' },
    watchlist: {
      id: list.id,
      title: list.title,
      number: list.number,
      decidedOn: list.decidedOn,
      issuerName: list.issuerName,
      year: list.year,
    },
  });
}

async function written(b: TestBackend, report: ProgressReport, name = 'bieu.xlsx') {
  const path = join(makeTempDir(), name);
  await writeReportXlsx(b.ctx.db, report, LANG_SON_DOCUMENT, path);
  return { path, workbook: await readWorkbook(path) };
}

/** "Trong sạch, vững mạnh/Số lượng" per column: the two header rows read together. */
function headerPaths(sheet: ExcelJS.Worksheet, top: number): string[] {
  const paths: string[] = [];
  for (let c = 1; c <= sheet.getRow(top).cellCount; c++) {
    const upper = sheet.getCell(top, c).text;
    const lower = sheet.getCell(top + 1, c).text;
    paths.push(upper === lower ? upper : `${upper}/${lower}`);
  }
  return paths;
}

/** Numbers rounded so shares compare exactly (2/11 → 0.181818). */
function rounded(values: unknown[]): unknown[] {
  return values.map((v) => (typeof v === 'number' ? Math.round(v * 1e6) / 1e6 : v));
}

const r = (n: number, d: number) => Math.round((n / d) * 1e6) / 1e6;

describe('Biểu tổng hợp', () => {
  test('the article’s 2017 figures under the party header, in merged header rows', async () => {
    const { b, ls, list } = article();
    const { workbook } = await written(b, watchlistReport(ls, list));
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      'Biểu tổng hợp',
      'Danh sách diện củng cố',
      'Dữ liệu',
    ]);
    const sheet = sheetOf(workbook, 'Biểu tổng hợp');
    // Header block: left the bodies and "*", right the party's name and the table's number.
    expect(sheet.getCell('A1').text).toBe('TỈNH ỦY LẠNG SƠN');
    expect(sheet.getCell('A2').text).toBe('BAN TỔ CHỨC');
    expect(sheet.getCell('A2').font.bold).toBe(true);
    expect(sheet.getCell('A3').text).toBe('*');
    const party = cellWithText(sheet, 'ĐẢNG CỘNG SẢN VIỆT NAM');
    expect(Number(party.row)).toBe(1);
    expect(party.font.bold).toBe(true);
    expect(Number(cellWithText(sheet, 'Biểu số 01').row)).toBe(2);
    const title = cellWithText(
      sheet,
      'BIỂU TỔNG HỢP KẾT QUẢ XẾP LOẠI CHẤT LƯỢNG TỔ CHỨC CƠ SỞ ĐẢNG NĂM 2017',
    );
    expect(title.font.bold).toBe(true);
    cellWithText(sheet, 'Nghị quyết 33-NQ/TU: củng cố 16 TCCSĐ');
    // The number is the clerk's to write: blank before the suffix.
    const attached = textsOf(sheet).find((t) => t.startsWith('(Kèm theo'));
    expect(attached).toMatch(/^\(Kèm theo Báo cáo số {3,}-BC\/BTCTU ngày 15 tháng 01 năm 2018\)$/);
    expect(cellWithText(sheet, attached!).font.italic).toBe(true);

    const top = Number(cellWithText(sheet, 'STT').row);
    expect(headerPaths(sheet, top)).toEqual([
      'STT',
      'Đảng bộ trực thuộc',
      'Tổng số TCCSĐ',
      'Số được đánh giá, xếp loại',
      'Trong sạch, vững mạnh/Số lượng',
      'Trong sạch, vững mạnh/Tỷ lệ %',
      'Trong đó: TSVM tiêu biểu/Số lượng',
      'Trong đó: TSVM tiêu biểu/Tỷ lệ %',
      'Hoàn thành tốt nhiệm vụ/Số lượng',
      'Hoàn thành tốt nhiệm vụ/Tỷ lệ %',
      'Hoàn thành nhiệm vụ/Số lượng',
      'Hoàn thành nhiệm vụ/Tỷ lệ %',
      'Yếu kém/Số lượng',
      'Yếu kém/Tỷ lệ %',
      'Không xếp loại/Số lượng',
      'Không xếp loại/Lý do',
      'So với năm 2016/Nâng lên',
      'So với năm 2016/Giữ nguyên',
      'So với năm 2016/Giảm',
      'Ghi chú',
    ]);
    const merges = mergesOf(sheet);
    expect(merges).toContain(`A${top}:A${top + 1}`);
    expect(merges).toContain(`E${top}:F${top}`);
    expect(merges).toContain(`Q${top}:S${top}`);
    expect(merges).toContain(`T${top}:T${top + 1}`);
    expect(rowValues(sheet, top + 2, 20)).toEqual(
      Array.from({ length: 20 }, (_v, i) => `(${i + 1})`),
    );

    const z = 0;
    expect(rounded(rowValues(sheet, top + 3, 20))).toEqual([
      1,
      'Các đảng bộ huyện, thành phố',
      11,
      11,
      2,
      r(2, 11),
      z,
      z,
      5,
      r(5, 11),
      4,
      r(4, 11),
      z,
      z,
      z,
      null,
      5,
      6,
      z,
      null,
    ]);
    expect(rounded(rowValues(sheet, top + 4, 20))).toEqual([
      2,
      'Đảng bộ Khối các cơ quan tỉnh',
      5,
      5,
      1,
      0.2,
      z,
      z,
      3,
      0.6,
      1,
      0.2,
      z,
      z,
      z,
      null,
      1,
      4,
      z,
      null,
    ]);
    expect(rounded(rowValues(sheet, top + 5, 20))).toEqual([
      null,
      'Tổng cộng',
      16,
      16,
      3,
      r(3, 16),
      z,
      z,
      8,
      0.5,
      5,
      r(5, 16),
      z,
      z,
      z,
      null,
      6,
      10,
      z,
      null,
    ]);
    expect(sheet.getCell(top + 5, 2).font.bold).toBe(true);
    // Numbers are numbers, shares with a percent format.
    const share = sheet.getCell(top + 3, 6);
    expect(share.type).toBe(ExcelJS.ValueType.Number);
    expect(share.numFmt).toBe('0.0%');
    expect(sheet.getCell(top + 3, 3).type).toBe(ExcelJS.ValueType.Number);
    expect(sheet.getCell(top + 3, 3).numFmt).toBe('#,##0');
    cellWithText(sheet, 'Ghi chú: Tỷ lệ % tính trên số TCCSĐ được đánh giá, xếp loại.');

    // Signature block under the table, room left to sign.
    const onBehalf = Number(cellWithText(sheet, 'T/M BAN THƯỜNG VỤ').row);
    expect(Number(cellWithText(sheet, 'PHÓ BÍ THƯ').row)).toBe(onBehalf + 1);
    expect(Number(cellWithText(sheet, 'Nguyễn Văn A').row)).toBeGreaterThan(onBehalf + 3);
    expect(onBehalf).toBeGreaterThan(top + 5);

    // Printing: A4 landscape, one page wide, the header rows on every page, page numbers.
    expect(sheet.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${top}:${top + 2}`,
    });
    expect(sheet.headerFooter.oddFooter).toContain('Trang &P/&N');
  });

  test('every written cell of every sheet is in Times New Roman', async () => {
    const { b, ls, list } = article();
    const { workbook } = await written(b, watchlistReport(ls, list));
    const others: string[] = [];
    for (const sheet of workbook.worksheets) {
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          if (cell.font?.name !== 'Times New Roman') others.push(`${sheet.name}!${cell.address}`);
        }),
      );
    }
    expect(others).toEqual([]);
  });

  test('from 2018: "trở lên" and "tiêu biểu" columns; across the scale change no comparison columns, the report’s note under the table', async () => {
    const b = makeBackend({ clock: CLOCK });
    const units: HandUnit[] = [
      { id: 'u1', name: 'Đảng bộ xã A', from: 'TSVM', to: 'HTXSNV', exemplary: true },
      { id: 'u2', name: 'Đảng bộ xã B', from: 'TSVM', to: 'HTTNV' },
      { id: 'u3', name: 'Đảng bộ xã C', from: 'HTTNV', to: 'HTNV' },
      { id: 'u4', name: 'Đảng bộ xã D', from: 'YK', to: 'KHTNV' },
      { id: 'u5', name: 'Chi bộ E', from: null, to: null, notRatedReason: 'new' },
      { id: 'u6', name: 'Chi bộ G', from: 'HTNV', to: null },
    ];
    const scaleNote =
      'Thang xếp loại năm 2018 khác năm 2017: không tính nâng lên, giữ nguyên, giảm.';
    const report = handReport(2018, 2017, [{ key: 'a', name: 'Huyện ủy Bắc Sơn', units }], {
      notes: [scaleNote],
    });
    expect(report.crossesScale).toBe(true);
    const sheet = sheetOf((await written(b, report)).workbook, 'Biểu tổng hợp');
    const top = Number(cellWithText(sheet, 'STT').row);
    const paths = headerPaths(sheet, top);
    expect(paths).toEqual([
      'STT',
      'Đảng bộ trực thuộc',
      'Tổng số TCCSĐ',
      'Số được đánh giá, xếp loại',
      'Hoàn thành xuất sắc nhiệm vụ/Số lượng',
      'Hoàn thành xuất sắc nhiệm vụ/Tỷ lệ %',
      'Trong đó: TSVM tiêu biểu/Số lượng',
      'Trong đó: TSVM tiêu biểu/Tỷ lệ %',
      'Hoàn thành tốt nhiệm vụ/Số lượng',
      'Hoàn thành tốt nhiệm vụ/Tỷ lệ %',
      'Hoàn thành tốt nhiệm vụ trở lên/Số lượng',
      'Hoàn thành tốt nhiệm vụ trở lên/Tỷ lệ %',
      'Hoàn thành nhiệm vụ/Số lượng',
      'Hoàn thành nhiệm vụ/Tỷ lệ %',
      'Không hoàn thành nhiệm vụ/Số lượng',
      'Không hoàn thành nhiệm vụ/Tỷ lệ %',
      'Không xếp loại/Số lượng',
      'Không xếp loại/Lý do',
      'Ghi chú',
    ]);
    expect(rounded(rowValues(sheet, top + 3, 19))).toEqual([
      1,
      'Huyện ủy Bắc Sơn',
      6,
      4,
      1,
      0.25,
      1,
      0.25,
      1,
      0.25,
      2,
      0.5,
      1,
      0.25,
      1,
      0.25,
      1,
      '1 mới thành lập',
      '1 TCCSĐ chưa có kết quả',
    ]);
    cellWithText(sheet, scaleNote);
  });

  test('a year with no ratings gives the table with zero rows and the note, and no groups no crash', async () => {
    const b = makeBackend({ clock: CLOCK });
    const units: HandUnit[] = [
      { id: 'u1', name: 'Đảng bộ xã A', from: 'HTTNV', to: null },
      { id: 'u2', name: 'Đảng bộ xã B', from: 'HTNV', to: null },
    ];
    const note = 'Năm 2019 chưa có kết quả xếp loại của 2 tổ chức.';
    const report = handReport(2019, 2018, [{ key: 'a', name: 'Huyện ủy Bắc Sơn', units }], {
      notes: [note],
    });
    const sheet = sheetOf((await written(b, report)).workbook, 'Biểu tổng hợp');
    const top = Number(cellWithText(sheet, 'STT').row);
    const row = rowValues(sheet, top + 3, 5);
    expect(row).toEqual([1, 'Huyện ủy Bắc Sơn', 2, 0, 0]);
    // No share of nothing: the percent cells stay empty rather than 0% or an error.
    expect(sheet.getCell(top + 3, 6).value).toBeNull();
    expect(sheet.getCell(top + 4, 2).text).toBe('Tổng cộng');
    cellWithText(sheet, note);

    const empty = handReport(2019, 2018, [], { notes: [note] });
    const emptySheet = sheetOf((await written(b, empty)).workbook, 'Biểu tổng hợp');
    const emptyTop = Number(cellWithText(emptySheet, 'STT').row);
    expect(rowValues(emptySheet, emptyTop + 3, 4)).toEqual([null, 'Tổng cộng', 0, 0]);
    cellWithText(emptySheet, note);
  });
});

describe('Danh sách diện củng cố', () => {
  test('a watchlist’s members in Biểu 01 order under its groups, a lower committee’s additions after them', async () => {
    const { b, ls, list } = article();
    const dongY = ls.units.get('Đảng bộ xã Đồng Ý')!;
    const member = b
      .call('watchlists.get', { id: list.id })
      .members.find((m) => m.unitId === dongY)!;
    const measure = b.call('measures.add', {
      memberId: member.id,
      kind: 'inspection',
      title: 'Kiểm tra việc thực hiện quy chế làm việc',
    });
    b.call('measures.complete', { id: measure.id, doneOn: '2017-10-10' });
    b.call('measures.add', { memberId: member.id, kind: 'meetings', title: 'Dự sinh hoạt chi bộ' });
    // Bắc Sơn's own list adds a unit to the province's.
    const extra = createList(b, ls.districts.get('Đảng bộ huyện Bắc Sơn')!, 2017, {
      title: 'Danh sách bổ sung của Huyện ủy Bắc Sơn',
      number: '05-NQ/HU',
      extendsId: list.id,
    });
    b.call('watchlists.addMember', { watchlistId: extra.id, unitId: ls.otherInBacSon });
    const groups = langSonGroups(ls);
    const report = handReport(
      2017,
      2016,
      [
        ...groups,
        {
          key: 'extra',
          name: 'Huyện ủy Bắc Sơn bổ sung',
          units: [
            { id: ls.otherInBacSon, name: 'Đảng bộ thị trấn Bắc Sơn', from: 'TSVM', to: 'HTNV' },
          ],
        },
      ],
      { watchlist: watchlistReport(ls, list).watchlist, scope: watchlistReport(ls, list).scope },
    );
    const sheet = sheetOf((await written(b, report)).workbook, 'Danh sách diện củng cố');
    cellWithText(sheet, 'DANH SÁCH TỔ CHỨC CƠ SỞ ĐẢNG DIỆN CỦNG CỐ NĂM 2017');
    cellWithText(
      sheet,
      '(Kèm theo Nghị quyết số 33-NQ/TU ngày 17/02/2017 của Đảng bộ tỉnh Lạng Sơn)',
    );
    const top = Number(cellWithText(sheet, 'STT').row);
    expect(rowValues(sheet, top, 12)).toEqual([
      'STT',
      'Tên TCCSĐ',
      'Đảng bộ trực thuộc',
      'Loại hình',
      'Lý do đưa vào diện củng cố',
      'Đồng chí phụ trách',
      'Xếp loại năm 2016',
      'Xếp loại năm 2017',
      'So sánh',
      'Mức độ chuyển biến',
      'Biện pháp (xong/tổng)',
      'Ghi chú',
    ]);
    expect(sheet.getCell(top + 1, 1).text).toBe('I. Đảng bộ huyện');
    expect(mergesOf(sheet)).toContain(`A${top + 1}:L${top + 1}`);
    expect(rowValues(sheet, top + 2, 12)).toEqual([
      1,
      'Đảng bộ xã Đồng Ý',
      'Đảng bộ huyện Bắc Sơn',
      'Xã',
      'Xếp loại yếu kém, không hoàn thành nhiệm vụ',
      'Đồng chí Ủy viên Ban Thường vụ',
      'Yếu kém',
      'TSVM',
      'Nâng lên',
      null,
      '1/2',
      null,
    ]);
    const hoaSon = Number(cellWithText(sheet, 'Đảng bộ xã Hòa Sơn').row);
    expect(rowValues(sheet, hoaSon, 10).slice(6)).toEqual([
      'HTTNV (tốp cuối)',
      'HTTNV',
      'Giữ nguyên',
      'Chuyển biến tích cực, rõ nét',
    ]);
    expect(sheet.getCell(top + 13, 1).text).toBe('II. Đảng bộ Khối');
    expect(rowValues(sheet, top + 14, 3)).toEqual([
      12,
      'Chi bộ Cục Thống kê',
      'Đảng bộ Khối các cơ quan tỉnh',
    ]);
    expect(sheet.getCell(top + 19, 1).text).toBe(
      'III. Danh sách bổ sung của Huyện ủy Bắc Sơn (Đảng bộ huyện Bắc Sơn)',
    );
    expect(rowValues(sheet, top + 20, 2)).toEqual([17, 'Đảng bộ thị trấn Bắc Sơn']);
    expect(sheet.pageSetup).toMatchObject({
      orientation: 'landscape',
      fitToWidth: 1,
      printTitlesRow: `${top}:${top}`,
    });
  });

  test('a subtree report lists its units with both years and the change instead, and says so', async () => {
    const b = makeBackend({ clock: CLOCK });
    const ls = buildLangSon(b);
    const { workbook } = await written(b, langSonReport(ls));
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      'Biểu tổng hợp',
      'Danh sách TCCSĐ',
      'Dữ liệu',
    ]);
    const sheet = sheetOf(workbook, 'Danh sách TCCSĐ');
    cellWithText(
      sheet,
      'DANH SÁCH TỔ CHỨC CƠ SỞ ĐẢNG VÀ KẾT QUẢ XẾP LOẠI NĂM 2017 SO VỚI NĂM 2016',
    );
    const top = Number(cellWithText(sheet, 'STT').row);
    expect(rowValues(sheet, top, 7)).toEqual([
      'STT',
      'Tên TCCSĐ',
      'Mã',
      'Xếp loại năm 2016',
      'Xếp loại năm 2017',
      'So với năm 2016',
      'Ghi chú',
    ]);
    expect(sheet.getCell(top + 1, 1).text).toBe('I. Các đảng bộ huyện, thành phố');
    expect(rowValues(sheet, top + 2, 7)).toEqual([
      1,
      'Đảng bộ xã Đồng Ý',
      null,
      'Yếu kém',
      'TSVM',
      'Nâng lên',
      null,
    ]);
    expect(textsOf(sheet)).toContain('II. Đảng bộ Khối các cơ quan tỉnh');
  });
});

/**
 * Units whose rows are easy to get wrong: a code and a parent with a code, names a spreadsheet
 * could take for formulas, a rename between the two years, a unit founded in the later year and
 * not rated, "tiêu biểu" in both scales' wording, a decision with its number and date.
 */
function trickyUnits(b: TestBackend, ls: LangSon) {
  const parent = addUnit(b, 'Đảng bộ Khối doanh nghiệp tỉnh', 2008, {
    kind: 'upper_committee',
    code: 'DUKDN',
    parentId: ls.province,
  }).id;
  const under = (name: string, extra: object = {}) =>
    addUnit(b, name, 2008, { parentId: parent, sector: 'enterprise', ...extra }).id;
  const fuel = under('Chi bộ Công ty Xăng dầu', { code: 'KDN-01' });
  const formula = under('=1+1');
  const at = under('@SUM(A1)', { code: '+84' });
  const dash = under('-Chi bộ Điện lực');
  const bank = under('Chi bộ Ngân hàng');
  b.call('units.rename', { id: bank, year: 2017, name: 'Chi bộ Ngân hàng Chính sách xã hội' });
  const school = addUnit(b, 'Chi bộ Trường Chính trị', 2017, { parentId: parent }).id;
  const years = [2016, 2017, 2018, 2019] as const;
  for (const year of years) {
    const tsvm = year < 2018 ? 'TSVM' : 'HTXSNV';
    b.call('ratings.saveYear', {
      year,
      entries: [
        { unitId: formula, levelCode: 'HTTNV' },
        { unitId: at, levelCode: 'HTNV' },
        { unitId: dash, levelCode: tsvm },
        { unitId: bank, levelCode: 'HTTNV' },
        ...(year >= 2017 ? [{ unitId: school, levelCode: year === 2017 ? null : 'HTTNV' }] : []),
      ].filter((e) => e.levelCode !== null),
    });
    b.call('ratings.set', {
      unitId: fuel,
      year,
      levelCode: tsvm,
      exemplary: true,
      decisionNumber: `125-QĐ/ĐU`,
      decisionDate: `${year}-12-28`,
    });
  }
  b.call('ratings.set', { unitId: school, year: 2017, notRatedReason: 'new' });
  const units: HandUnit[] = [
    { id: fuel, name: 'Chi bộ Công ty Xăng dầu', from: null, to: null },
    { id: formula, name: '=1+1', from: null, to: null },
    { id: at, name: '@SUM(A1)', from: null, to: null },
    { id: dash, name: '-Chi bộ Điện lực', from: null, to: null },
    { id: bank, name: 'Chi bộ Ngân hàng Chính sách xã hội', from: null, to: null },
    { id: school, name: 'Chi bộ Trường Chính trị', from: null, to: null },
  ];
  return { parent, fuel, formula, at, units };
}

/** Writes the report, then previews and applies its "Dữ liệu" sheet through the real import. */
async function reimport(b: TestBackend, report: ProgressReport) {
  const { path } = await written(b, report);
  return reimportFile(b, path);
}

async function reimportFile(b: TestBackend, path: string) {
  const workbook = await readWorkbook(path);
  const before = b.snapshot();
  const preview = await b.callAsync('ratings.importPreview', {
    file: b.ctx.files.register(path).handle,
    sheet: 'Dữ liệu',
  });
  const applied = b.call('ratings.importApply', { planId: preview.planId });
  return { preview, applied, workbook, before, after: b.snapshot() };
}

describe('Dữ liệu', () => {
  test('its headers are exactly the columns the ratings import reads', async () => {
    const b = makeBackend({ clock: CLOCK });
    const ls = buildLangSon(b);
    const sheet = sheetOf((await written(b, langSonReport(ls))).workbook, 'Dữ liệu');
    const cells = rowValues(sheet, 1, 12).map(String);
    expect(cells).toEqual([
      'Mã',
      'Tên tổ chức',
      'Cấp trên',
      'Loại tổ chức',
      'Loại hình',
      'Năm',
      'Xếp loại',
      'Tiêu biểu',
      'Lý do không xếp loại',
      'Điểm',
      'Số quyết định',
      'Ngày quyết định',
    ]);
    const header = findHeader({
      rows: [{ row: 1, cells }],
      sheet: 'Dữ liệu',
      sheets: [],
      encoding: null,
    });
    // The columns for people (tiêu biểu, lý do, điểm, quyết định) are not taken for the import's own.
    expect(header.columns).toEqual({
      code: 0,
      name: 1,
      parent: 2,
      kind: 3,
      sector: 4,
      year: 5,
      level: 6,
    });
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });

  test('one row per unit and year, as the units were named that year, read back by the import with no change', async () => {
    const { b, ls, list } = article();
    const tricky = trickyUnits(b, ls);
    const report = watchlistReport(ls, list);
    report.groups.push(
      handReport(2017, 2016, [
        { key: 'kdn', name: 'Đảng bộ Khối doanh nghiệp', units: tricky.units },
      ]).groups[0]!,
    );
    const { preview, applied, workbook, before, after } = await reimport(b, report);
    const sheet = sheetOf(workbook, 'Dữ liệu');
    // 16 pilot units × 2 years, 5 tricky units × 2 years, the school in 2017 only.
    expect(sheet.actualRowCount).toBe(1 + 32 + 10 + 1);
    expect(rowValues(sheet, 2, 9)).toEqual([
      null,
      'Đảng bộ xã Đồng Ý',
      'Đảng bộ huyện Bắc Sơn',
      'Đảng bộ cơ sở',
      'Xã',
      2016,
      'Yếu kém',
      null,
      null,
    ]);
    const texts = textsOf(sheet);
    expect(texts).toContain('Chi bộ Ngân hàng');
    expect(texts).toContain('Chi bộ Ngân hàng Chính sách xã hội');
    const fuel2017 = Number(cellWithText(sheet, 'KDN-01').row) + 1;
    expect(rowValues(sheet, fuel2017, 12)).toEqual([
      'KDN-01',
      'Chi bộ Công ty Xăng dầu',
      'DUKDN',
      'Chi bộ cơ sở',
      'Doanh nghiệp',
      2017,
      'TSVM tiêu biểu',
      'x',
      null,
      null,
      '125-QĐ/ĐU',
      new Date(Date.UTC(2017, 11, 28)),
    ]);
    expect(sheet.getCell(fuel2017, 12).numFmt).toBe('dd/mm/yyyy');
    const school = Number(cellWithText(sheet, 'Chi bộ Trường Chính trị').row);
    expect(rowValues(sheet, school, 9).slice(5)).toEqual([
      2017,
      'Mới thành lập',
      null,
      'Mới thành lập',
    ]);

    expect(preview.sheet).toBe('Dữ liệu');
    expect(preview.errors).toEqual([]);
    expect(preview.newUnits).toEqual([]);
    expect(preview.newRatings).toEqual([]);
    expect(preview.changedRatings).toEqual([]);
    expect(preview.unchanged).toBe(43);
    expect(applied.applied).toBe(true);
    expect(after).toBe(before);
  });

  test('its rows are one statement that walks the ids and finds each unit’s ratings by index', () => {
    const b = makeBackend();
    const plan = b.ctx.db
      .prepare(`EXPLAIN QUERY PLAN ${DATA_ROWS_SQL}`)
      .all({ units: '["a"]', years: '[2017]' })
      .map((row) => (row as { detail: string }).detail);
    expect(plan[0]).toMatch(/^SCAN u\b/);
    // The unit's ratings by (unit, year), before or after its version (the planner's order
    // moved when migration 15 made ratings_by_year cover the lookups of live ratings).
    expect(plan.find((d) => /^SEARCH r\b/.test(d))).toMatch(
      /^SEARCH r USING INDEX ratings_by_unit_year \(unit_id=\? AND year=\?\)/,
    );
    // Never every rating of the years with the ids scanned for each.
    expect(plan.join('\n')).not.toMatch(/ratings_by_year|SCAN r\b/);
  });

  test('the 2018–2024 wording of "tiêu biểu" reads back too', async () => {
    const b = makeBackend({ clock: CLOCK });
    const ls = buildLangSon(b);
    const tricky = trickyUnits(b, ls);
    const report = handReport(2019, 2018, [
      { key: 'kdn', name: 'Khối doanh nghiệp', units: tricky.units },
    ]);
    const { preview, workbook, before, after } = await reimport(b, report);
    const sheet = sheetOf(workbook, 'Dữ liệu');
    const fuel2019 = Number(cellWithText(sheet, 'KDN-01').row) + 1;
    expect(rowValues(sheet, fuel2019, 8).slice(5)).toEqual([2019, 'HTXSNV (TSVM tiêu biểu)', 'x']);
    expect(preview.errors).toEqual([]);
    expect(preview.newUnits).toEqual([]);
    expect(preview.changedRatings).toEqual([]);
    expect(preview.unchanged).toBe(12);
    expect(after).toBe(before);
  });

  test('names a spreadsheet could run ("=1+1", "@SUM(A1)", "-…") are stored as text behind an apostrophe', async () => {
    const b = makeBackend({ clock: CLOCK });
    const ls = buildLangSon(b);
    const tricky = trickyUnits(b, ls);
    const report = handReport(2017, 2016, [{ key: '=2+2', name: '=2+2', units: tricky.units }]);
    const { workbook } = await written(b, report);
    const cells = [
      cellWithText(sheetOf(workbook, 'Dữ liệu'), "'=1+1"),
      cellWithText(sheetOf(workbook, 'Dữ liệu'), "'@SUM(A1)"),
      cellWithText(sheetOf(workbook, 'Dữ liệu'), "'+84"),
      cellWithText(sheetOf(workbook, 'Dữ liệu'), "'-Chi bộ Điện lực"),
      cellWithText(sheetOf(workbook, 'Danh sách TCCSĐ'), "'=1+1"),
      cellWithText(sheetOf(workbook, 'Biểu tổng hợp'), "'=2+2"),
    ];
    for (const cell of cells) {
      expect(cell.type, cell.address).toBe(ExcelJS.ValueType.String);
      expect(cell.formula, cell.address).toBeUndefined();
    }
  });
});

describe('reports.export as xlsx', () => {
  test('the article’s figures from the real report, and its Dữ liệu sheet re-imported with no change', async () => {
    const { b, ls, list } = article();
    const tricky = trickyUnits(b, ls);
    b.call('watchlists.addMember', { watchlistId: list.id, unitId: tricky.formula, group: 'Khác' });
    const before = b.snapshot();
    const exported = await b.callAsync('reports.export', {
      year: 2017,
      scope: { type: 'watchlist', watchlistId: list.id },
      format: 'xlsx',
      document: LANG_SON_DOCUMENT,
    });
    expect(b.snapshot()).toBe(before);
    expect(exported.suggestedName).toMatch(/^Bieu-tong-hop-2017-[A-Za-z0-9-]+\.xlsx$/);
    const path = b.ctx.files.pathOf(exported.file.handle);
    const { preview, applied, workbook, before: beforeImport, after } = await reimportFile(b, path);
    const sheet = sheetOf(workbook, 'Biểu tổng hợp');
    const top = Number(cellWithText(sheet, 'STT').row);
    const rows = [top + 3, top + 4, top + 5].map((row) =>
      rowValues(sheet, row, 19).filter((_v, i) => [1, 2, 4, 8, 10, 16, 17].includes(i)),
    );
    // Name, total, TSVM, HTTNV, HTNV, up, same: the article's two groups, then the list's third.
    expect(rows).toEqual([
      ['Đảng bộ huyện', 11, 2, 5, 4, 5, 6],
      ['Đảng bộ Khối', 5, 1, 3, 1, 1, 4],
      ['Khác', 1, 0, 1, 0, 0, 1],
    ]);
    cellWithText(sheetOf(workbook, 'Danh sách diện củng cố'), "'=1+1");
    expect(preview.errors).toEqual([]);
    expect(preview.newUnits).toEqual([]);
    expect(preview.newRatings).toEqual([]);
    expect(preview.changedRatings).toEqual([]);
    expect(preview.unchanged).toBe(34);
    expect(applied.applied).toBe(true);
    expect(after).toBe(beforeImport);
  });
});
