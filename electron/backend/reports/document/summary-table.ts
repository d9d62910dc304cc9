// The tables appended to the report document (issue 8 item 3): the groups table of the Excel
// "Biểu tổng hợp" and, for a watchlist, its units in Biểu 01 order. One model, drawn by both the
// Word writer and the printable page, so the two outputs cannot disagree on a figure.
import type {
  ProgressReport,
  ReportDocument,
  ReportGroup,
  ReportUnit,
} from '../../../../shared/contract';
import { TREND_LABELS } from '../../../../shared/domain/progress';
import {
  dateInWords,
  documentNumberLine,
  romanNumeral,
} from '../../../../shared/domain/party-document';
import type { RatingLevel, RatingScale } from '../../../../shared/domain/scales';
import { NOT_RATED_LABELS, NOT_RATED_REASONS, scaleById } from '../../../../shared/domain/scales';
import { formatNumber } from '../../../../shared/domain/summary';

export interface Cell {
  text: string;
  /** Heading cells print a size smaller, so narrow columns keep their words whole. */
  heading?: boolean;
  colSpan?: number;
  rowSpan?: number;
  align?: 'left' | 'center' | 'right';
  bold?: boolean;
  italic?: boolean;
}

export interface DocumentTable {
  /** Top right, bold: "Biểu số 01". */
  label: string | null;
  /** Capitals, bold, centred above the table. */
  title: string;
  /** Under the title, bold: what the table covers ("Huyện ủy Bắc Sơn"). */
  scope: string;
  /** Under that, italic: "(Kèm theo Báo cáo số      -BC/BTCTU, ngày 15 tháng 01 năm 2018)". */
  attachedTo: string | null;
  /** Relative column widths (millimetres at the widest; writers scale them to the page). */
  widths: number[];
  /** Repeated on every page; spans are resolved like HTML's (a row-spanned cell is given once). */
  header: Cell[][];
  body: Cell[][];
  /** Sentences under the table (what is missing, a scale change). */
  notes: string[];
}

/** "HTTNV trở lên" is a column of the tables from the 2018 scale on (issue 8 item 3). */
const GOOD_OR_BETTER_FROM = 2018;
/** The level the "… trở lên" column counts from (tier 2). */
const GOOD_TIER = 2;

const GROUP_HEADINGS: Record<ProgressReport['groupBy'], string> = {
  parent: 'Đảng bộ trực thuộc',
  selector: 'Cấp ủy lựa chọn',
  sector: 'Loại hình',
  watchlist_group: 'Nhóm',
};

/** A share of `whole` as the "Tỷ lệ %" columns write it: 45,5 (no sign, one decimal at most). */
const PERCENT_NUMBER = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });
export function percentCell(part: number, whole: number): string {
  return whole > 0 ? PERCENT_NUMBER.format((part / whole) * 100) : '';
}

function count(n: number): Cell {
  return { text: formatNumber(n), align: 'center' };
}

function notRatedTotal(group: ReportGroup): number {
  return NOT_RATED_REASONS.reduce((sum, reason) => sum + (group.notRated[reason] ?? 0), 0);
}

/** What the "Ghi chú" cell says of a group: reasons not rated, missing results, not comparable. */
function remarks(group: ReportGroup, report: ProgressReport): string {
  const parts: string[] = [];
  for (const reason of NOT_RATED_REASONS) {
    const n = group.notRated[reason] ?? 0;
    if (n > 0) parts.push(`${formatNumber(n)} ${NOT_RATED_LABELS[reason].toLocaleLowerCase('vi')}`);
  }
  if (group.missing > 0) parts.push(`${formatNumber(group.missing)} chưa có kết quả`);
  if (!report.crossesScale && report.compareYear !== null && group.notComparable > 0) {
    parts.push(`${formatNumber(group.notComparable)} không so sánh được`);
  }
  return parts.join('; ');
}

interface LevelColumn {
  level: RatingLevel;
  /** The level that may carry "tiêu biểu": it gets a "Trong đó tiêu biểu" column. */
  exemplary: boolean;
}

interface Layout {
  scale: RatingScale;
  levels: LevelColumn[];
  goodOrBetter: boolean;
  compare: boolean;
}

function layoutOf(report: ProgressReport, scale: RatingScale): Layout {
  return {
    scale,
    levels: scale.levels.map((level) => ({
      level,
      exemplary: level.code === scale.exemplaryLevel,
    })),
    goodOrBetter: report.year >= GOOD_OR_BETTER_FROM,
    // Across a scale change nothing is counted as up or down (DOMAIN.md §3): no such columns, as
    // in the Excel table; the note under the table says why.
    compare: report.compareYear !== null && !report.crossesScale,
  };
}

/** Where the "HTTNV trở lên" pair goes: right after the tier-2 level. */
function goodAfter(layout: Layout, column: LevelColumn): boolean {
  return layout.goodOrBetter && column.level.tier === GOOD_TIER;
}

function goodLabel(layout: Layout): string {
  const good = layout.scale.levels.find((l) => l.tier === GOOD_TIER);
  return `${good?.abbreviation ?? 'HTTNV'} trở lên`;
}

function header(report: ProgressReport, layout: Layout): { rows: Cell[][]; widths: number[] } {
  const top: Cell[] = [
    { text: 'STT', rowSpan: 2 },
    { text: GROUP_HEADINGS[report.groupBy], rowSpan: 2 },
    { text: 'Tổng số TCCSĐ', rowSpan: 2 },
    { text: 'Số được đánh giá, xếp loại', rowSpan: 2 },
  ];
  const sub: Cell[] = [];
  const widths = [10, 40, 16, 16];
  for (const column of layout.levels) {
    top.push({ text: column.level.name, colSpan: column.exemplary ? 3 : 2 });
    sub.push({ text: 'Số lượng' });
    widths.push(13);
    if (column.exemplary) {
      sub.push({ text: 'Trong đó tiêu biểu' });
      widths.push(13);
    }
    sub.push({ text: 'Tỷ lệ %' });
    widths.push(13);
    if (goodAfter(layout, column)) {
      top.push({ text: goodLabel(layout), colSpan: 2 });
      sub.push({ text: 'Số lượng' }, { text: 'Tỷ lệ %' });
      widths.push(13, 13);
    }
  }
  top.push({ text: 'Không xếp loại', rowSpan: 2 });
  widths.push(14);
  if (layout.compare) {
    top.push({ text: `So với năm ${report.compareYear}`, colSpan: 3 });
    sub.push({ text: 'Nâng lên' }, { text: 'Giữ nguyên' }, { text: 'Giảm' });
    widths.push(14, 14, 14);
  }
  top.push({ text: 'Ghi chú', rowSpan: 2 });
  widths.push(18);
  const bold = (cells: Cell[]) =>
    cells.map((c) => ({ ...c, bold: true, align: 'center' as const }));
  // The row of column numbers under the headings, as the province's tables have.
  const numbers: Cell[] = widths.map((_, i) => ({
    text: String(i + 1),
    align: 'center',
    heading: true,
    italic: true,
  }));
  return { rows: [bold(top), bold(sub), numbers], widths };
}

function figures(group: ReportGroup, report: ProgressReport, layout: Layout): Cell[] {
  const cells: Cell[] = [count(group.total), count(group.rated)];
  for (const column of layout.levels) {
    const n = group.levels[column.level.code] ?? 0;
    cells.push(count(n));
    if (column.exemplary) cells.push(count(group.exemplary));
    cells.push({ text: percentCell(n, group.rated), align: 'center' });
    if (goodAfter(layout, column)) {
      cells.push(count(group.goodOrBetter), {
        text: percentCell(group.goodOrBetter, group.rated),
        align: 'center',
      });
    }
  }
  cells.push(count(notRatedTotal(group)));
  if (layout.compare) cells.push(count(group.up), count(group.same), count(group.down));
  cells.push({ text: remarks(group, report), align: 'left' });
  return cells;
}

function mentionsYear(note: string, year: number | null): boolean {
  return year !== null && new RegExp(`\\b${year}\\b`).test(note);
}

/**
 * The report's notes that concern the document: those of year N and of the compared year (the
 * chart's earlier years are the screen's business, not the filed table's).
 */
export function documentNotes(report: ProgressReport): string[] {
  const notes = report.notes.filter(
    (note) => mentionsYear(note, report.year) || mentionsYear(note, report.compareYear),
  );
  const saysScaleChange = notes.some(
    (note) => mentionsYear(note, report.year) && mentionsYear(note, report.compareYear),
  );
  if (report.crossesScale && report.compareYear !== null && !saysScaleChange) {
    notes.unshift(
      `Năm ${report.year} và năm ${report.compareYear} áp dụng hai thang xếp loại khác nhau, ` +
        'nên không so sánh mức xếp loại (không tính nâng lên, giữ nguyên, giảm).',
    );
  }
  return notes;
}

/** A group's name as a table's row starts it ("các đảng bộ huyện" → "Các đảng bộ huyện"). */
function rowName(name: string): string {
  return name.charAt(0).toLocaleUpperCase('vi') + name.slice(1);
}

/** True when the year has nothing to table: the document says so instead of printing zeros. */
export function isEmptyReport(report: ProgressReport): boolean {
  return report.scaleId === null || report.totals.total === 0 || report.totals.rated === 0;
}

/** "(Kèm theo Báo cáo số      -BC/BTCTU, ngày 15 tháng 01 năm 2018)": the number stays blank. */
export function attachedToLine(document: ReportDocument): string {
  const number = documentNumberLine(document.numberSuffix);
  return `(Kèm theo Báo cáo s${number.slice(1)}, ${dateInWords(document.date)})`;
}

/** The "Biểu tổng hợp" of the report's groups, or null for an empty report (see `notes`). */
export function groupsTable(
  report: ProgressReport,
  document: ReportDocument,
): DocumentTable | null {
  const scale = report.scaleId ? scaleById(report.scaleId) : null;
  if (!scale || isEmptyReport(report)) return null;
  const layout = layoutOf(report, scale);
  const { rows, widths } = header(report, layout);
  const body: Cell[][] = report.groups.map((group, index) => [
    { text: String(index + 1), align: 'center' },
    { text: rowName(group.name), align: 'left' },
    ...figures(group, report, layout),
  ]);
  const totalRow: Cell[] = [
    { text: 'Tổng cộng', colSpan: 2, align: 'center' },
    ...figures(report.totals, report, layout),
  ];
  body.push(totalRow.map((cell) => ({ ...cell, bold: true })));
  const number = document.tableNumber.trim();
  return {
    label: number ? `Biểu số ${number}` : null,
    title: `TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI TỔ CHỨC CƠ SỞ ĐẢNG NĂM ${report.year}`,
    scope: report.scope.title,
    attachedTo: attachedToLine(document),
    widths,
    header: rows,
    body,
    notes: documentNotes(report),
  };
}

function changeText(unit: ReportUnit, report: ProgressReport): string {
  if (unit.change === null) return '';
  if (report.crossesScale) return 'Khác thang xếp loại';
  return TREND_LABELS[unit.change];
}

/** A rating as the list shows it; a unit not rated shows its reason. */
function ratingText(text: string | null, reason: ReportUnit['notRatedReason']): string {
  if (text) return text;
  if (!reason) return 'Chưa có kết quả';
  // "exempt" is labelled "Không xếp loại" itself: no "Không xếp loại (không xếp loại)".
  if (reason === 'exempt') return NOT_RATED_LABELS.exempt;
  return `Không xếp loại (${NOT_RATED_LABELS[reason].toLocaleLowerCase('vi')})`;
}

/**
 * A watchlist's units in Biểu 01 order: a heading row per group (I, II …), then its units with the
 * compared year's rating, this year's and the change. Null for a register scope, whose units may
 * be hundreds: the groups table is what such a report files.
 */
export function unitsTable(report: ProgressReport, document: ReportDocument): DocumentTable | null {
  if (report.scope.type !== 'watchlist' || isEmptyReport(report)) return null;
  const compare = report.compareYear !== null;
  // Fits a portrait page's 160 mm; the Word file's user may widen it.
  const widths = compare ? [12, 70, 26, 26, 26] : [12, 100, 48];
  const top: Cell[] = [
    { text: 'STT' },
    { text: 'Tên tổ chức cơ sở đảng' },
    ...(compare ? [{ text: `Xếp loại năm ${report.compareYear}` }] : []),
    { text: `Xếp loại năm ${report.year}` },
    ...(compare ? [{ text: 'So sánh' }] : []),
  ].map((cell) => ({ ...cell, heading: true, bold: true, align: 'center' as const }));
  const body: Cell[][] = [];
  let number = 0;
  report.groups.forEach((group, index) => {
    body.push([
      { text: romanNumeral(index + 1), align: 'center', bold: true },
      { text: rowName(group.name), colSpan: widths.length - 1, align: 'left', bold: true },
    ]);
    for (const unit of group.units) {
      number += 1;
      body.push([
        { text: String(number), align: 'center' },
        { text: unit.name, align: 'left' },
        ...(compare ? [{ text: unit.from ?? '', align: 'center' as const }] : []),
        { text: ratingText(unit.to, unit.notRatedReason), align: 'center' },
        ...(compare ? [{ text: changeText(unit, report), align: 'center' as const }] : []),
      ]);
    }
  });
  return {
    label: null,
    title: `DANH SÁCH TỔ CHỨC CƠ SỞ ĐẢNG DIỆN CỦNG CỐ NĂM ${report.year}`,
    scope: report.scope.title,
    attachedTo: attachedToLine(document),
    widths,
    header: [top],
    body,
    notes: [],
  };
}

/** The appendix of the document: the groups table, then a watchlist's units. */
export function appendixTables(report: ProgressReport, document: ReportDocument): DocumentTable[] {
  return [groupsTable(report, document), unitsTable(report, document)].filter(
    (table): table is DocumentTable => table !== null,
  );
}

/** Whether a table of these widths (mm) fits a portrait page's text width. */
export function fitsPortrait(table: DocumentTable, textWidthMm: number): boolean {
  return table.widths.reduce((a, b) => a + b, 0) <= textWidthMm;
}
