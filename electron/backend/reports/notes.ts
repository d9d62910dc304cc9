// What a report lacks or must warn about, said plainly: a year N without any result, a scale
// change between the compared years, a compared year without results, each year of the chart
// with units still missing their rating, and lists cut short.
import type { DistributionYear, ReportGroup } from '../../../shared/contract';
import { scaleForYear } from '../../../shared/domain/scales';
import { formatNumber, inRunningText } from '../../../shared/domain/summary';

export interface NoteFacts {
  year: number;
  compareYear: number | null;
  crossesScale: boolean;
  totals: ReportGroup;
  /** Some unit counted in year N has a rating of the compared year. */
  anyCompared: boolean;
  distribution: readonly DistributionYear[];
  /** Notes only the scope knows (a member followed after a merge, a committee not there in N). */
  scopeNotes: readonly string[];
  trajectoriesCappedFrom: number | null;
  trajectoryLimit: number;
}

function levelsOf(year: number): string {
  const scale = scaleForYear(year);
  return scale
    ? [...scale.levels]
        .sort((a, b) => a.tier - b.tier)
        .map((l) => inRunningText(l.abbreviation))
        .join(', ')
    : '';
}

export function reportNotes(f: NoteFacts): string[] {
  const notes: string[] = [...f.scopeNotes];
  const { totals } = f;
  if (totals.total === 0) {
    notes.push(`Không có tổ chức nào trong phạm vi báo cáo năm ${f.year}.`);
  } else if (totals.rated + sumOf(totals.notRated) === 0) {
    notes.push(
      `Năm ${f.year} chưa có kết quả xếp loại của tổ chức nào trong phạm vi báo cáo ` +
        `(${formatNumber(totals.total)} tổ chức).`,
    );
  }
  if (f.compareYear !== null && f.crossesScale) {
    notes.push(
      `Thang xếp loại năm ${f.year} (${levelsOf(f.year)}) khác năm ${f.compareYear}` +
        `${levelsOf(f.compareYear) ? ` (${levelsOf(f.compareYear)})` : ''}: ` +
        'mức xếp loại của hai năm không so sánh được, nên không tính nâng lên, giữ nguyên, giảm.',
    );
  }
  if (f.compareYear !== null && totals.rated > 0 && !f.anyCompared) {
    notes.push(`Năm ${f.compareYear} chưa có kết quả xếp loại nào để so sánh.`);
  }
  for (const y of f.distribution) {
    // Year N without any result is said above, once.
    if (y.missing === 0 || (y.year === f.year && totals.rated + sumOf(totals.notRated) === 0)) {
      continue;
    }
    notes.push(`Năm ${y.year} chưa có kết quả xếp loại của ${formatNumber(y.missing)} tổ chức.`);
  }
  if (f.trajectoriesCappedFrom !== null) {
    notes.push(
      `Biểu đồ từng tổ chức chỉ vẽ ${formatNumber(f.trajectoryLimit)} trong số ` +
        `${formatNumber(f.trajectoriesCappedFrom)} tổ chức thuộc diện củng cố.`,
    );
  }
  return notes;
}

function sumOf(counts: Partial<Record<string, number>>): number {
  return Object.values(counts).reduce<number>((a, b) => a + (b ?? 0), 0);
}
