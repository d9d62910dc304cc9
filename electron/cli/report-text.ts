// How `tccsd report progress` prints a report: the JSON for programs (a fixed, small shape) and
// a readable Vietnamese text (the summary, then a table per group) for people.
import type { ProgressReport, ReportGroup, ReportUnit } from '../../shared/contract';
import { TREND_LABELS } from '../../shared/domain/progress';
import { NOT_RATED_LABELS, scaleById } from '../../shared/domain/scales';
import { formatNumber, inRunningText } from '../../shared/domain/summary';
import { REPORT_GROUPING_LABELS } from '../../shared/methods/reports';

const ARROWS = { up: '↑', same: '→', down: '↓', not_comparable: '≠' } as const;

function groupJson(g: ReportGroup) {
  return {
    name: g.name,
    total: g.total,
    rated: g.rated,
    levels: g.levels,
    up: g.up,
    same: g.same,
    down: g.down,
    notComparable: g.notComparable,
    units: g.units.map((u) => ({
      id: u.id,
      code: u.code,
      name: u.name,
      from: u.from,
      to: u.to,
      change: u.change,
    })),
  };
}

/** `--json`: `{ year, compareYear, groups, totals, summary }`, nothing more. */
export function reportJson(r: ProgressReport) {
  return {
    year: r.year,
    compareYear: r.compareYear,
    groups: r.groups.map(groupJson),
    totals: groupJson(r.totals),
    summary: r.summary,
  };
}

function resultText(u: ReportUnit): string {
  if (u.to) return u.to;
  if (!u.notRatedReason) return 'chưa có';
  return u.notRatedReason === 'exempt'
    ? 'Không xếp loại'
    : `Không xếp loại (${inRunningText(NOT_RATED_LABELS[u.notRatedReason])})`;
}

function changeText(u: ReportUnit): string {
  return u.change ? `${ARROWS[u.change]} ${TREND_LABELS[u.change]}` : '';
}

/** Columns padded to their widest cell; the last column is not padded. */
function table(rows: string[][]): string[] {
  const widths = (rows[0] ?? []).map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) =>
    r
      .map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd(),
  );
}

function figuresLine(r: ProgressReport, g: ReportGroup): string {
  const scale = r.scaleId ? scaleById(r.scaleId) : null;
  const levels = (scale?.levels ?? []).map(
    (l) => `${l.abbreviation} ${formatNumber(g.levels[l.code] ?? 0)}`,
  );
  const parts = [
    `${formatNumber(g.total)} tổ chức`,
    `đã xếp loại ${formatNumber(g.rated)}`,
    levels.join(', '),
  ];
  if (g.missing > 0) parts.push(`chưa có kết quả ${formatNumber(g.missing)}`);
  if (r.compareYear !== null) {
    parts.push(
      `nâng lên ${formatNumber(g.up)}, giữ nguyên ${formatNumber(g.same)}, giảm ${formatNumber(g.down)}` +
        (g.notComparable > 0 ? `, không so sánh được ${formatNumber(g.notComparable)}` : ''),
    );
  }
  return parts.join('; ');
}

function groupTable(r: ProgressReport, g: ReportGroup): string[] {
  const compared = r.compareYear !== null;
  const header = [
    'STT',
    'Tên tổ chức',
    ...(compared ? [`Năm ${r.compareYear}`] : []),
    `Năm ${r.year}`,
    ...(compared ? ['So sánh'] : []),
  ];
  const rows = g.units.map((u, i) => [
    String(i + 1).padStart(3),
    u.code ? `${u.name} [${u.code}]` : u.name,
    ...(compared ? [u.from ?? 'chưa có'] : []),
    resultText(u),
    ...(compared ? [changeText(u)] : []),
  ]);
  return table([header, ...rows]).map((line) => `  ${line}`);
}

export function reportText(r: ProgressReport): string {
  const lines: string[] = [
    `Kết quả xếp loại năm ${r.year}: ${r.scope.title}`,
    (r.compareYear === null
      ? 'Không so sánh với năm trước.'
      : `So sánh với năm ${r.compareYear}` +
        (r.crossesScale ? ' (khác thang xếp loại: không tính nâng lên, giảm).' : '.')) +
      ` Nhóm theo: ${inRunningText(REPORT_GROUPING_LABELS[r.groupBy])}.`,
    '',
    ...r.summary.split('\n'),
  ];
  r.groups.forEach((g, i) => {
    lines.push('', `${i + 1}. ${g.name}: ${figuresLine(r, g)}.`, ...groupTable(r, g));
  });
  if (r.groups.length > 1) lines.push('', `Cộng: ${figuresLine(r, r.totals)}.`);
  if (r.notes.length > 0) lines.push('', 'Ghi chú:', ...r.notes.map((n) => `  - ${n}`));
  if (r.carryOver.length > 0) {
    lines.push(
      '',
      `Tổ chức chuyển biến chậm, đề nghị tiếp tục theo dõi năm ${r.year + 1}:`,
      ...r.carryOver.map((c) => `  - ${c.name}: ${c.why}.`),
    );
  }
  return lines.join('\n');
}
