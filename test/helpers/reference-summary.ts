// The group summaries' sentences as shared/domain/summary.ts wrote them before NATREPORT6 wrote
// them with fewer intermediate arrays and strings: summary-reference.test compares the two.
import type { Trend } from '../../shared/domain/progress';
import { yearsCrossScale } from '../../shared/domain/progress';
import type { RatingLevel, RatingScale } from '../../shared/domain/scales';
import { NOT_RATED_LABELS, NOT_RATED_REASONS, scaleForYear } from '../../shared/domain/scales';
import type {
  GroupFigures,
  NamedCase,
  SummaryOptions,
  SummaryStyle,
} from '../../shared/domain/summary';

const NUMBER = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });
const PERCENT = new Intl.NumberFormat('vi-VN', { style: 'percent', maximumFractionDigits: 1 });

/**
 * A count as Vietnamese write it: 45.632. Below a thousand there is no separator, so a whole
 * number there is its digits: a national report writes thousands of small counts into its
 * groups' sentences, and Intl takes ~1 µs each.
 */
export function formatNumber(n: number): string {
  return n > 0 && n < 1000 && Number.isInteger(n) ? String(n) : NUMBER.format(n);
}

/** A share as Vietnamese write it, one decimal at most: 91,2%; null when there is no whole. */
export function formatPercent(part: number, whole: number): string | null {
  return whole > 0 ? PERCENT.format(part / whole) : null;
}

/**
 * A level or rating inside a sentence: abbreviations stay as they are ("TSVM", "HTXSNV (TSVM tiêu
 * biểu)"), words spelled out take lower case ("yếu kém", never "YK": DOMAIN.md §6).
 */
export function inRunningText(text: string): string {
  const firstWord = text.split(' ')[0] ?? '';
  return firstWord === firstWord.toLocaleUpperCase('vi') ? text : lowerFirst(text);
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLocaleLowerCase('vi') + text.slice(1);
}

function upperFirst(text: string): string {
  return text.charAt(0).toLocaleUpperCase('vi') + text.slice(1);
}

/** "Đảng bộ xã Đồng Ý từ yếu kém lên TSVM". */
export function namedCaseText(c: NamedCase): string {
  const from = inRunningText(c.fromLevel);
  const to = inRunningText(c.toLevel);
  const change: Record<Trend, string> = {
    up: `từ ${from} lên ${to}`,
    same: `giữ nguyên ${to}`,
    down: `từ ${from} xuống ${to}`,
    not_comparable: `từ ${from} (thang cũ) sang ${to}`,
  };
  return `${c.name} ${change[c.trend]}${c.note ? `, ${c.note}` : ''}`;
}

/** How one count reads in the chosen style: "5" or "5/11", and its share when percentages are asked. */
interface Counter {
  count(n: number): string;
  percent(n: number): string | null;
}

function counter(style: SummaryStyle, whole: number): Counter {
  return {
    count: (n) =>
      style === 'fractions' ? `${formatNumber(n)}/${formatNumber(whole)}` : formatNumber(n),
    percent: (n) => (style === 'percentages' ? formatPercent(n, whole) : null),
  };
}

/** " (45,5%)" in the percentages style, nothing otherwise. */
function share(c: Counter, n: number): string {
  const percent = c.percent(n);
  return percent ? ` (${percent})` : '';
}

interface LevelCount {
  label: string;
  tier: number;
  count: number;
  level: RatingLevel | null;
}

/** A scale's levels best first with their labels, and its codes. */
interface ScaleLevels {
  known: readonly { label: string; tier: number; level: RatingLevel }[];
  codes: ReadonlySet<string>;
}

/**
 * Each scale's levels sorted and labelled once, not once per group: a national report writes the
 * sentences of ~440 groups of the same scale.
 */
const scaleLevels = new WeakMap<RatingScale, ScaleLevels>();

function levelsOf(scale: RatingScale): ScaleLevels {
  let levels = scaleLevels.get(scale);
  if (!levels) {
    levels = {
      known: [...scale.levels]
        .sort((a, b) => a.tier - b.tier)
        .map((level) => ({ label: inRunningText(level.abbreviation), tier: level.tier, level })),
      codes: new Set(scale.levels.map((l) => l.code)),
    };
    scaleLevels.set(scale, levels);
  }
  return levels;
}

/** Non-empty levels best first; a code the scale does not know is kept, after the known ones. */
function levelCounts(figures: GroupFigures): LevelCount[] {
  const { known, codes } = levelsOf(figures.scale);
  const counts: LevelCount[] = [];
  for (const level of known) {
    const count = figures.levels[level.level.code] ?? 0;
    if (count > 0) counts.push({ ...level, count });
  }
  for (const [code, count] of Object.entries(figures.levels)) {
    if (!codes.has(code) && count > 0) {
      counts.push({ label: code, tier: Number.POSITIVE_INFINITY, count, level: null });
    }
  }
  return counts;
}

/** "2 TCCSĐ đạt TSVM; 5 HTTNV; 4 HTNV" or "1/5 đạt TSVM; 3/5 đạt HTTNV; 1/5 đạt HTNV". */
function levelsClause(
  figures: GroupFigures,
  style: SummaryStyle,
  noun: string,
  showExemplary: boolean,
): string {
  const rated = sum(Object.values(figures.levels));
  const c = counter(style, rated);
  return levelCounts(figures)
    .map((l, i) => {
      // The province writes the noun once, then bare counts; a fraction is always "đạt".
      const subject =
        style === 'fractions'
          ? c.count(l.count)
          : `${c.count(l.count)}${i === 0 ? ` ${noun}` : ''}`;
      // Nobody "attains" the worst level: it reads "xếp loại yếu kém".
      const verb = l.tier === 4 ? 'xếp loại ' : style === 'fractions' || i === 0 ? 'đạt ' : '';
      const extras: string[] = [];
      const percent = c.percent(l.count);
      if (percent) extras.push(percent);
      const exemplary = figures.exemplary ?? 0;
      const title = figures.scale.exemplaryTitle;
      if (
        showExemplary &&
        title &&
        exemplary > 0 &&
        l.level?.code === figures.scale.exemplaryLevel
      ) {
        extras.push(`trong đó ${c.count(exemplary)} ${title.label}`);
      }
      return `${subject} ${verb}${l.label}${extras.length > 0 ? ` (${extras.join('; ')})` : ''}`;
    })
    .join('; ');
}

/**
 * "trong đó 5 TCCSĐ mức xếp loại được nâng lên, 6 giữ nguyên so với năm 2016". "Nâng lên" is
 * always said (none moving up is news in a consolidation report); the others only when non-zero.
 */
function changesClause(
  figures: GroupFigures,
  compareYear: number,
  style: SummaryStyle,
  noun: string,
): string | null {
  const changes = figures.changes ?? {};
  const counts: Record<Trend, number> = {
    up: changes.up ?? 0,
    same: changes.same ?? 0,
    down: changes.down ?? 0,
    not_comparable: changes.not_comparable ?? 0,
  };
  const whole = sum(Object.values(counts));
  if (whole === 0) return null;
  const c = counter(style, whole);
  const parts: string[] = [
    counts.up > 0
      ? `${c.count(counts.up)} ${noun} mức xếp loại được nâng lên${share(c, counts.up)}`
      : `không có ${noun} nào mức xếp loại được nâng lên`,
  ];
  if (counts.same > 0) parts.push(`${c.count(counts.same)} giữ nguyên${share(c, counts.same)}`);
  if (counts.down > 0) parts.push(`${c.count(counts.down)} giảm${share(c, counts.down)}`);
  if (counts.not_comparable > 0) {
    parts.push(
      `${c.count(counts.not_comparable)} không so sánh được${share(c, counts.not_comparable)}`,
    );
  }
  return `trong đó ${parts.join(', ')} so với năm ${compareYear}`;
}

/**
 * Across a change of scale family (2017 → 2018) tiers do not compare like for like: TSVM covered
 * most units, HTXSNV is capped, so counting "drops" would mislead (DOMAIN.md §3).
 */
function scaleChangeClause(figures: GroupFigures, compareYear: number): string {
  const before = scaleForYear(compareYear);
  const levels = (s: RatingScale): string =>
    [...s.levels]
      .sort((a, b) => a.tier - b.tier)
      .map((l) => inRunningText(l.abbreviation))
      .join(', ');
  const detail = before ? ` (${levels(figures.scale)} thay cho ${levels(before)})` : '';
  return (
    `thang xếp loại năm ${figures.year} khác năm ${compareYear}${detail} ` +
    `nên không so sánh mức xếp loại giữa hai năm`
  );
}

/** "1 TCCSĐ không xếp loại (mới thành lập)", "3 TCCSĐ không xếp loại (2 mới thành lập, 1 lý do khác)". */
function notRatedSentence(figures: GroupFigures, noun: string): string | null {
  const reasons = NOT_RATED_REASONS.map((r) => ({ r, n: figures.notRated?.[r] ?? 0 })).filter(
    (x) => x.n > 0,
  );
  const count = sum(reasons.map((x) => x.n));
  if (count === 0) return null;
  const first = reasons[0];
  const why =
    reasons.length === 1 && first
      ? lowerFirst(NOT_RATED_LABELS[first.r])
      : reasons.map((x) => `${formatNumber(x.n)} ${lowerFirst(NOT_RATED_LABELS[x.r])}`).join(', ');
  // "Không xếp loại" is itself a reason label: do not repeat it in the brackets.
  const bracket = why === 'không xếp loại' ? '' : ` (${why})`;
  return `${formatNumber(count)} ${noun} không xếp loại${bracket}.`;
}

/**
 * The summary of one group (or of all groups, given their totals) in the province's style, e.g.
 * "Kết quả xếp loại năm 2017 của 11 TCCSĐ chỉ đạo điểm thuộc các đảng bộ huyện: 2 TCCSĐ đạt TSVM;
 * 5 HTTNV; 4 HTNV; trong đó 5 TCCSĐ mức xếp loại được nâng lên, 6 giữ nguyên so với năm 2016."
 * A group with nothing to report gets one explicit sentence, never a row of zeros.
 */
export function summarizeGroup(figures: GroupFigures, options: SummaryOptions = {}): string {
  const style = options.style ?? 'counts';
  const noun = options.unitNoun ?? 'TCCSĐ';
  const { year, compareYear, description, total } = figures;
  if (total <= 0) {
    return `Không có tổ chức nào để tổng hợp kết quả xếp loại năm ${year} (${description}).`;
  }
  const rated = sum(Object.values(figures.levels));
  const notRated = sum(Object.values(figures.notRated ?? {}));
  const missing = Math.max(0, total - rated - notRated);
  const sentences: string[] = [];
  if (rated === 0) {
    sentences.push(
      notRated === 0
        ? `Năm ${year} chưa có kết quả xếp loại của ${formatNumber(total)} ${description}.`
        : `Năm ${year} không có ${noun} nào được xếp loại trong số ${formatNumber(total)} ${description}.`,
    );
  } else {
    const clauses = [levelsClause(figures, style, noun, options.showExemplary ?? false)];
    if (compareYear !== null) {
      const comparison = yearsCrossScale(compareYear, year)
        ? scaleChangeClause(figures, compareYear)
        : changesClause(figures, compareYear, style, noun);
      if (comparison) clauses.push(comparison);
    }
    sentences.push(
      `Kết quả xếp loại năm ${year} của ${formatNumber(total)} ${description}: ${clauses.join('; ')}.`,
    );
  }
  const notRatedText = notRatedSentence(figures, noun);
  if (notRatedText) sentences.push(notRatedText);
  if (missing > 0 && rated + notRated > 0) {
    sentences.push(`${formatNumber(missing)} ${noun} chưa có kết quả xếp loại năm ${year}.`);
  }
  const cases = figures.namedCases ?? [];
  if (cases.length > 0) {
    sentences.push(`Điển hình như ${cases.map(namedCaseText).join('; ')}.`);
  }
  return sentences.map(upperFirst).join(' ');
}

function sum(values: readonly (number | undefined)[]): number {
  return values.reduce<number>((a, b) => a + (b ?? 0), 0);
}
