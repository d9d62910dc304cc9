// Sheet "Danh sách diện củng cố" of a watchlist report: the list's members in the province's
// "Biểu 01" order and columns (issue 7) — STT, tên TCCSĐ, đảng bộ trực thuộc, loại hình, lý do,
// đồng chí phụ trách, xếp loại năm trước and năm nay, so sánh, mức độ chuyển biến, biện pháp,
// ghi chú — under the list's group headings, read through the watchlists' own getWatchlist so
// the sheet shows exactly what the list's page shows. Lower committees' lists that add to it
// follow, when the report counts their units.
import type ExcelJS from 'exceljs';
import type {
  ProgressReport,
  RatingBrief,
  ReportDocument,
  WatchlistDetail,
  WatchlistMember,
} from '../../../../shared/contract';
import { documentReference } from '../../../../shared/domain/report-document';
import { NOT_RATED_LABELS, RANK_LABELS } from '../../../../shared/domain/scales';
import { TREND_LABELS } from '../../../../shared/domain/progress';
import { UNIT_SECTOR_LABELS } from '../../../../shared/domain/units';
import type { WatchComparison } from '../../../../shared/domain/watchlists';
import {
  CHANGE_LEVEL_LABELS,
  MEMBER_STATUS_LABELS,
  NOT_COMPARABLE_LABELS,
  WATCH_REASON_LABELS,
} from '../../../../shared/domain/watchlists';
import { formatDateVi } from '../../../../shared/domain/years';
import type { Db } from '../../db/open';
import { getWatchlist } from '../../watchlists/queries';
import { reportUnitIds } from './data-sheet';
import { writeDocumentHeader } from './document-header';
import type { ListColumn, ListSection } from './list-table';
import { writeListTable } from './list-table';
import { PAGE_FOOTER, printSetup } from './style';

export const WATCHLIST_SHEET = 'Danh sách diện củng cố';

/** A rating as Biểu 01 writes it: "HTTNV", "TSVM tiêu biểu", "HTTNV (tốp cuối)", "Mới thành lập". */
export function ratingCell(rating: RatingBrief | null): string {
  if (!rating) return '';
  const text =
    rating.text || (rating.notRatedReason ? NOT_RATED_LABELS[rating.notRatedReason] : '');
  return rating.rank === 'bottom' && text
    ? `${text} (${RANK_LABELS.bottom.toLocaleLowerCase('vi')})`
    : text;
}

/** "Nâng lên", or why not: "Không so sánh được (khác thang xếp loại (từ năm 2018))". */
export function comparisonCell(comparison: WatchComparison): string {
  if (comparison.trend !== 'not_comparable' || !comparison.reason) {
    return TREND_LABELS[comparison.trend];
  }
  const reason = NOT_COMPARABLE_LABELS[comparison.reason];
  return `${TREND_LABELS.not_comparable}: ${reason.charAt(0).toLocaleLowerCase('vi')}${reason.slice(1)}`;
}

function reasonsCell(m: WatchlistMember): string {
  return m.reasons
    .map((r) => (r === 'other' && m.reasonOther ? m.reasonOther : WATCH_REASON_LABELS[r]))
    .join('; ');
}

/** The member's status when no longer under way, what happened to its unit, its notes. */
function noteCell(m: WatchlistMember, year: number): string {
  const status =
    m.status === 'active'
      ? null
      : `${MEMBER_STATUS_LABELS[m.status]}${m.statusDate ? ` (${formatDateVi(m.statusDate)})` : ''}`;
  const remark = m.results.find((r) => r.year === year)?.remark ?? null;
  return [status, m.lineage?.note, m.note, remark].filter(Boolean).join('. ');
}

function columns(baselineYear: number, year: number): ListColumn<WatchlistMember>[] {
  const result = (m: WatchlistMember) => m.results.find((r) => r.year === year) ?? null;
  return [
    { header: 'STT', width: 5, align: 'center', value: (m) => m.position },
    { header: 'Tên TCCSĐ', width: 28, align: 'left', value: (m) => m.unitName },
    { header: 'Đảng bộ trực thuộc', width: 26, align: 'left', value: (m) => m.parentName },
    {
      header: 'Loại hình',
      width: 11,
      align: 'center',
      value: (m) => (m.sector ? UNIT_SECTOR_LABELS[m.sector] : null),
    },
    { header: 'Lý do đưa vào diện củng cố', width: 26, align: 'left', value: reasonsCell },
    { header: 'Đồng chí phụ trách', width: 18, align: 'left', value: (m) => m.responsible },
    {
      header: `Xếp loại năm ${baselineYear}`,
      width: 11,
      align: 'center',
      value: (m) => ratingCell(m.baseline),
    },
    {
      header: `Xếp loại năm ${year}`,
      width: 11,
      align: 'center',
      value: (m) => ratingCell(result(m)?.rating ?? null),
    },
    {
      header: 'So sánh',
      width: 14,
      align: 'center',
      value: (m) => {
        const r = result(m);
        return r ? comparisonCell(r.vsBaseline) : null;
      },
    },
    {
      header: 'Mức độ chuyển biến',
      width: 14,
      align: 'center',
      value: (m) => {
        const change = result(m)?.change;
        return change ? CHANGE_LEVEL_LABELS[change] : null;
      },
    },
    {
      header: 'Biện pháp (xong/tổng)',
      width: 10,
      align: 'center',
      value: (m) => (m.measures.total > 0 ? `${m.measures.done}/${m.measures.total}` : null),
    },
    { header: 'Ghi chú', width: 22, align: 'left', value: (m) => noteCell(m, year) },
  ];
}

/** Members under their group headings; one group of parent committees needs no heading. */
function sectionsOf(members: readonly WatchlistMember[]): ListSection<WatchlistMember>[] {
  const groups = [...new Set(members.map((m) => m.group))];
  const headed = groups.length > 1 || members.some((m) => !m.groupIsDefault);
  if (!headed) return [{ heading: null, items: members }];
  return groups.map((group) => ({
    heading: group ?? 'Chưa xếp nhóm',
    items: members.filter((m) => m.group === group),
  }));
}

/** "(Kèm theo Nghị quyết số 33-NQ/TU ngày 17/02/2017 của Ban Thường vụ Tỉnh ủy)". */
function decisionLine(list: WatchlistDetail): string | null {
  if (!list.number) return null;
  const date = list.decidedOn ? ` ngày ${formatDateVi(list.decidedOn)}` : '';
  return `(Kèm theo ${documentReference(list.number)}${date} của ${list.issuerName})`;
}

/**
 * The year whose result the sheet shows: the report's year when the list covers it, else the
 * list's last year.
 */
function resultYear(list: WatchlistDetail, year: number): number {
  const last = list.toYear ?? list.year;
  return year >= list.year && year <= last ? year : last;
}

export function writeWatchlistSheet(
  workbook: ExcelJS.Workbook,
  db: Db,
  report: ProgressReport,
  document: ReportDocument,
): void {
  const watchlist = report.watchlist;
  if (!watchlist) throw new RangeError('writeWatchlistSheet needs a watchlist report');
  // Only the overdue count of measures depends on the day, and the sheet does not print it (on
  // paper it would go stale); the last day of the report's year stands in for "today".
  const today = `${report.year}-12-31`;
  const list = getWatchlist(db, watchlist.id, today);
  const year = resultYear(list, report.year);
  const inReport = new Set(reportUnitIds(report));
  const sections = sectionsOf(list.members);
  let count = list.members.length;
  for (const extending of list.extendedBy) {
    // Numbered on from the main list's last STT, as one table.
    const members = getWatchlist(db, extending.id, today)
      .members.filter((m) => inReport.has(m.unitId))
      .map((m, i) => ({ ...m, position: count + i + 1 }));
    count += members.length;
    if (members.length > 0) {
      sections.push({ heading: `${extending.title} (${extending.issuerName})`, items: members });
    }
  }
  const cols = columns(list.year - 1, year);
  const widths = cols.map((c) => c.width);
  const sheet = workbook.addWorksheet(WATCHLIST_SHEET, {
    pageSetup: printSetup('landscape', null),
    headerFooter: PAGE_FOOTER,
    views: [{ showGridLines: false }],
  });
  sheet.columns = widths.map((width) => ({ width }));
  const years =
    list.toYear && list.toYear !== list.year ? `${list.year}–${list.toYear}` : list.year;
  const decision = decisionLine(list);
  const top = writeDocumentHeader(sheet, widths, document, null, [
    { text: `DANH SÁCH TỔ CHỨC CƠ SỞ ĐẢNG DIỆN CỦNG CỐ NĂM ${years}`, bold: true, size: 14 },
    { text: list.title, bold: true },
    ...(decision ? [{ text: decision, italic: true }] : []),
  ]);
  sheet.pageSetup.printTitlesRow = `${top}:${top}`;
  writeListTable(sheet, cols, top, sections);
  sheet.commit();
}
