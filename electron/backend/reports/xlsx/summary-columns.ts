// The columns of "Biểu tổng hợp": which there are depends on the year's scale (its levels in tier
// order, the exemplary level's "trong đó tiêu biểu", "HTTNV trở lên" from 2018) and on the
// comparison (left out across a scale change). Each column knows its headers and how to read its
// value from a group's figures, so the table rows and the total row are written the same way.
import type { ProgressReport, ReportGroup, ReportGrouping } from '../../../../shared/contract';
import type { NotRatedReason, RatingScale } from '../../../../shared/domain/scales';
import { NOT_RATED_LABELS, NOT_RATED_REASONS } from '../../../../shared/domain/scales';
import { formatNumber } from '../../../../shared/domain/summary';

export type ColumnKind = 'text' | 'count' | 'percent';

export interface SummaryColumn {
  /** First header row, merged over the consecutive columns that share it; null: one header over both rows. */
  group: string | null;
  header: string;
  /** Width in characters. */
  width: number;
  kind: ColumnKind;
  value(group: ReportGroup, position: number | null): string | number | null;
}

/** The tables show "HTTNV trở lên" from the 2018 scale on (QĐ 132-QĐ/TW). */
export const GOOD_OR_BETTER_FROM = 2018;

const GROUP_HEADERS: Record<ReportGrouping, string> = {
  parent: 'Đảng bộ trực thuộc',
  selector: 'Cấp ủy lựa chọn',
  sector: 'Loại hình',
  watchlist_group: 'Đảng bộ trực thuộc',
};

const COUNT_WIDTH = 8;
const PERCENT_WIDTH = 8;

/** part / whole as a number (0.455), or null when nothing was rated: no share of nothing. */
export function share(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

function notRatedCount(g: ReportGroup): number {
  return NOT_RATED_REASONS.reduce((sum, r) => sum + (g.notRated[r] ?? 0), 0);
}

/** "1 mới thành lập; 2 giải thể trong năm". */
export function notRatedText(notRated: Partial<Record<NotRatedReason, number>>): string {
  return NOT_RATED_REASONS.filter((r) => (notRated[r] ?? 0) > 0)
    .map((r) => `${formatNumber(notRated[r] ?? 0)} ${NOT_RATED_LABELS[r].toLocaleLowerCase('vi')}`)
    .join('; ');
}

/** What the "Ghi chú" column says of a group: units with no result recorded at all. */
function groupNote(g: ReportGroup): string {
  return g.missing > 0 ? `${formatNumber(g.missing)} TCCSĐ chưa có kết quả` : '';
}

/** A level's pair of columns, "Số lượng" and "Tỷ lệ %" under one heading. */
function pair(heading: string, count: (g: ReportGroup) => number): SummaryColumn[] {
  return [
    { group: heading, header: 'Số lượng', width: COUNT_WIDTH, kind: 'count', value: count },
    {
      group: heading,
      header: 'Tỷ lệ %',
      width: PERCENT_WIDTH,
      kind: 'percent',
      value: (g) => share(count(g), g.rated),
    },
  ];
}

function levelColumns(report: ProgressReport, scale: RatingScale | null): SummaryColumn[] {
  if (!scale) return [];
  const columns: SummaryColumn[] = [];
  const levels = [...scale.levels].sort((a, b) => a.tier - b.tier);
  for (const level of levels) {
    columns.push(...pair(level.name, (g) => g.levels[level.code] ?? 0));
    if (level.code === scale.exemplaryLevel && scale.exemplaryTitle) {
      columns.push(...pair(`Trong đó: ${scale.exemplaryTitle.label}`, (g) => g.exemplary));
    }
    if (level.tier === 2 && report.year >= GOOD_OR_BETTER_FROM) {
      columns.push(...pair(`${level.name} trở lên`, (g) => g.goodOrBetter));
    }
  }
  return columns;
}

/** The comparison's columns: none without a compared year or across a scale change. */
function comparisonColumns(report: ProgressReport): SummaryColumn[] {
  if (report.compareYear === null || report.crossesScale) return [];
  const heading = `So với năm ${report.compareYear}`;
  const column = (header: string, count: (g: ReportGroup) => number): SummaryColumn => ({
    group: heading,
    header,
    width: COUNT_WIDTH + 1,
    kind: 'count',
    value: count,
  });
  const columns = [
    column('Nâng lên', (g) => g.up),
    column('Giữ nguyên', (g) => g.same),
    column('Giảm', (g) => g.down),
  ];
  // Shown only when some unit could not be compared, as the summary sentences do.
  if (report.totals.notComparable > 0) {
    columns.push(column('Không so sánh được', (g) => g.notComparable));
  }
  return columns;
}

export function summaryColumns(report: ProgressReport, scale: RatingScale | null): SummaryColumn[] {
  return [
    { group: null, header: 'STT', width: 5, kind: 'count', value: (_g, position) => position },
    {
      group: null,
      header: GROUP_HEADERS[report.groupBy],
      width: 30,
      kind: 'text',
      value: (g, position) => (position === null ? 'Tổng cộng' : g.name),
    },
    { group: null, header: 'Tổng số TCCSĐ', width: 9, kind: 'count', value: (g) => g.total },
    {
      group: null,
      header: 'Số được đánh giá, xếp loại',
      width: 10,
      kind: 'count',
      value: (g) => g.rated,
    },
    ...levelColumns(report, scale),
    {
      group: 'Không xếp loại',
      header: 'Số lượng',
      width: COUNT_WIDTH,
      kind: 'count',
      value: notRatedCount,
    },
    {
      group: 'Không xếp loại',
      header: 'Lý do',
      width: 16,
      kind: 'text',
      value: (g) => notRatedText(g.notRated),
    },
    ...comparisonColumns(report),
    { group: null, header: 'Ghi chú', width: 18, kind: 'text', value: groupNote },
  ];
}
