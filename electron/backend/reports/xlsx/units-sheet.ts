// The list sheet of a report over a committee's subtree (no watchlist): the report's units under
// their groups with the compared year's rating, year N's and the change, so the figures of
// "Biểu tổng hợp" can be checked unit by unit. Its tab and title say it is not a watchlist.
import type ExcelJS from 'exceljs';
import type { ProgressReport, ReportDocument, ReportUnit } from '../../../../shared/contract';
import { TREND_LABELS } from '../../../../shared/domain/progress';
import { NOT_RATED_LABELS } from '../../../../shared/domain/scales';
import { writeDocumentHeader } from './document-header';
import type { ListColumn } from './list-table';
import { writeListTable } from './list-table';
import { PAGE_FOOTER, printSetup } from './style';

export const UNITS_SHEET = 'Danh sách TCCSĐ';

const SCALE_CHANGE = 'Không so sánh được (thay đổi thang xếp loại)';

interface NumberedUnit {
  position: number;
  unit: ReportUnit;
}

/** Year N's rating, the reason a unit was not rated, or nothing recorded. */
function toCell(u: ReportUnit): string {
  return u.to ?? (u.notRatedReason ? NOT_RATED_LABELS[u.notRatedReason] : '');
}

function columns(report: ProgressReport): ListColumn<NumberedUnit>[] {
  const compareYear = report.compareYear;
  const list: ListColumn<NumberedUnit>[] = [
    { header: 'STT', width: 6, align: 'center', value: (n) => n.position },
    { header: 'Tên TCCSĐ', width: 40, align: 'left', value: (n) => n.unit.name },
    { header: 'Mã', width: 12, align: 'center', value: (n) => n.unit.code },
  ];
  if (compareYear !== null) {
    list.push({
      header: `Xếp loại năm ${compareYear}`,
      width: 14,
      align: 'center',
      value: (n) => n.unit.from,
    });
  }
  list.push({
    header: `Xếp loại năm ${report.year}`,
    width: 14,
    align: 'center',
    value: (n) => toCell(n.unit),
  });
  if (compareYear !== null) {
    list.push({
      header: `So với năm ${compareYear}`,
      width: 20,
      align: 'center',
      value: (n) =>
        report.crossesScale ? SCALE_CHANGE : n.unit.change ? TREND_LABELS[n.unit.change] : null,
    });
  }
  list.push({
    header: 'Ghi chú',
    width: 24,
    align: 'left',
    value: (n) => (toCell(n.unit) === '' ? 'Chưa có kết quả xếp loại' : null),
  });
  return list;
}

export function unitsTitle(report: ProgressReport): string {
  const compared = report.compareYear !== null ? ` SO VỚI NĂM ${report.compareYear}` : '';
  return `DANH SÁCH TỔ CHỨC CƠ SỞ ĐẢNG VÀ KẾT QUẢ XẾP LOẠI NĂM ${report.year}${compared}`;
}

export function writeUnitsSheet(
  workbook: ExcelJS.Workbook,
  report: ProgressReport,
  document: ReportDocument,
): void {
  const cols = columns(report);
  const widths = cols.map((c) => c.width);
  const sheet = workbook.addWorksheet(UNITS_SHEET, {
    pageSetup: printSetup('portrait', null),
    headerFooter: PAGE_FOOTER,
    views: [{ showGridLines: false }],
  });
  sheet.columns = widths.map((width) => ({ width }));
  const top = writeDocumentHeader(sheet, widths, document, null, [
    { text: unitsTitle(report), bold: true, size: 14 },
    ...(report.scope.title ? [{ text: report.scope.title, bold: true }] : []),
  ]);
  sheet.pageSetup.printTitlesRow = `${top}:${top}`;
  let position = 0;
  const sections = report.groups.map((g) => ({
    heading: g.name,
    items: g.units.map((unit) => ({ position: ++position, unit })),
  }));
  writeListTable(sheet, cols, top, sections);
  sheet.commit();
}
