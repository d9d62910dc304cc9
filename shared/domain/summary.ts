// The generated summary of a group's ratings in the province's own wording (DOMAIN.md §1, §5, §6;
// issue 8 item 2). Pure: the report screen, the documents and the CLI all write the same sentences.
import type { Trend } from './progress';
import { yearsCrossScale } from './progress';
import type { NotRatedReason, RatingLevel, RatingScale } from './scales';
import { NOT_RATED_LABELS, NOT_RATED_REASONS, scaleForYear } from './scales';

/** Counts ("5 HTTNV"), fractions of the group ("3/5 đạt HTTNV") or counts with a share ("5 HTTNV (45,5%)"). */
export const SUMMARY_STYLES = ['counts', 'fractions', 'percentages'] as const;
export type SummaryStyle = (typeof SUMMARY_STYLES)[number];

/** A unit the report names: "Đảng bộ xã Đồng Ý từ yếu kém lên TSVM". */
export interface NamedCase {
  name: string;
  /** The ratings as they read ("Yếu kém", "TSVM tiêu biểu"); written in running-text case. */
  fromLevel: string;
  toLevel: string;
  /** Given, not guessed from the texts: they may carry "tiêu biểu" or cross a scale change. */
  trend: Trend;
  /** An optional remark after the change ("có chuyển biến tích cực, rõ nét"). */
  note?: string;
}

export interface GroupFigures {
  year: number;
  /** The year compared against (usually year − 1); null leaves the comparison out. */
  compareYear: number | null;
  /** Written after the total: "11 TCCSĐ chỉ đạo điểm thuộc các đảng bộ huyện". */
  description: string;
  /** The scale of `year`; levels are written in its tier order. */
  scale: RatingScale;
  /** Units in the group, rated or not; those neither rated nor marked not rated have no result yet. */
  total: number;
  /** Units per level code of `scale`. */
  levels: Readonly<Record<string, number>>;
  /** Units of the exemplary level flagged "tiêu biểu"; shown only when the options ask for it. */
  exemplary?: number;
  /** Units not rated, per reason. */
  notRated?: Readonly<Partial<Record<NotRatedReason, number>>>;
  /** Units per trend against compareYear (see compareRatings); ignored across a scale change. */
  changes?: Readonly<Partial<Record<Trend, number>>>;
  namedCases?: readonly NamedCase[];
}

export interface SummaryOptions {
  style?: SummaryStyle;
  showExemplary?: boolean;
  /** The noun the sentences count in; the province writes "TCCSĐ". */
  unitNoun?: string;
}

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

const MEGABYTES = new Intl.NumberFormat('vi-VN', {
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});

/**
 * A file's size as Windows Explorer shows it, in KB rounded up below 1 MB ("1 KB" for a few
 * hundred bytes, never "1004 B"), else MB with one decimal: 27,5 MB.
 */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${formatNumber(Math.ceil(bytes / 1024))} KB`;
  return `${MEGABYTES.format(bytes / 1024 / 1024)} MB`;
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
  // A digit or an ASCII capital is its own upper case: the sentences start so, and the locale's
  // upper case costs a call per sentence.
  const first = text.charCodeAt(0);
  if ((first >= 48 && first <= 57) || (first >= 65 && first <= 90)) return text;
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

/** How one count reads in the chosen style: "5" or "5/11". */
function countText(style: SummaryStyle, n: number, whole: number): string {
  return style === 'fractions' ? `${formatNumber(n)}/${formatNumber(whole)}` : formatNumber(n);
}

/** " (45,5%)" in the percentages style, nothing otherwise. */
function share(style: SummaryStyle, n: number, whole: number): string {
  const percent = style === 'percentages' ? formatPercent(n, whole) : null;
  return percent ? ` (${percent})` : '';
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

/**
 * "2 TCCSĐ đạt TSVM; 5 HTTNV; 4 HTNV" or "1/5 đạt TSVM; 3/5 đạt HTTNV; 1/5 đạt HTNV": the non-empty
 * levels best first, then a code the scale does not know. Written straight into one string (a
 * national report writes ~440 of these per call: no list of levels, no parts joined).
 */
function levelsClause(
  figures: GroupFigures,
  style: SummaryStyle,
  noun: string,
  showExemplary: boolean,
  rated: number,
): string {
  const { known, codes } = levelsOf(figures.scale);
  const exemplary = figures.exemplary ?? 0;
  const title = figures.scale.exemplaryTitle;
  // The exemplary level's code when its count is to be told, else null.
  const exemplaryCode =
    showExemplary && title && exemplary > 0 ? figures.scale.exemplaryLevel : null;
  let text = '';
  let i = 0;
  const add = (label: string, tier: number, count: number, code: string | null): void => {
    // The province writes the noun once, then bare counts; a fraction is always "đạt".
    const subject =
      style === 'fractions'
        ? countText(style, count, rated)
        : i === 0
          ? `${countText(style, count, rated)} ${noun}`
          : countText(style, count, rated);
    // Nobody "attains" the worst level: it reads "xếp loại yếu kém".
    const verb = tier === 4 ? 'xếp loại ' : style === 'fractions' || i === 0 ? 'đạt ' : '';
    const percent = style === 'percentages' ? formatPercent(count, rated) : null;
    const told = title && code !== null && code === exemplaryCode;
    const extras = told
      ? `${percent ? `${percent}; ` : ''}trong đó ${countText(style, exemplary, rated)} ${title.label}`
      : percent;
    text += `${i === 0 ? '' : '; '}${subject} ${verb}${label}${extras ? ` (${extras})` : ''}`;
    i += 1;
  };
  for (const level of known) {
    const count = figures.levels[level.level.code] ?? 0;
    if (count > 0) add(level.label, level.tier, count, level.level.code);
  }
  for (const code in figures.levels) {
    const count = figures.levels[code] ?? 0;
    if (!codes.has(code) && count > 0) add(code, Number.POSITIVE_INFINITY, count, null);
  }
  return text;
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
  const changes = figures.changes;
  const up = changes?.up ?? 0;
  const same = changes?.same ?? 0;
  const down = changes?.down ?? 0;
  const notComparable = changes?.not_comparable ?? 0;
  const whole = up + same + down + notComparable;
  if (whole === 0) return null;
  let text =
    up > 0
      ? `trong đó ${countText(style, up, whole)} ${noun} mức xếp loại được nâng lên${share(style, up, whole)}`
      : `trong đó không có ${noun} nào mức xếp loại được nâng lên`;
  if (same > 0) text += `, ${countText(style, same, whole)} giữ nguyên${share(style, same, whole)}`;
  if (down > 0) text += `, ${countText(style, down, whole)} giảm${share(style, down, whole)}`;
  if (notComparable > 0) {
    text += `, ${countText(style, notComparable, whole)} không so sánh được${share(style, notComparable, whole)}`;
  }
  return `${text} so với năm ${compareYear}`;
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
  const notRated = figures.notRated;
  if (!notRated) return null;
  // The reasons in their order, counted and listed in one pass (no list of reasons made).
  let count = 0;
  let reasons = 0;
  let first: NotRatedReason = 'new';
  let listed = '';
  for (const r of NOT_RATED_REASONS) {
    const n = notRated[r] ?? 0;
    if (!(n > 0)) continue;
    count += n;
    if (reasons === 0) first = r;
    listed += `${reasons === 0 ? '' : ', '}${formatNumber(n)} ${lowerFirst(NOT_RATED_LABELS[r])}`;
    reasons += 1;
  }
  if (count === 0) return null;
  const why = reasons === 1 ? lowerFirst(NOT_RATED_LABELS[first]) : listed;
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
  const rated = sumOf(figures.levels);
  const notRated = figures.notRated ? sumOf(figures.notRated) : 0;
  const missing = Math.max(0, total - rated - notRated);
  const sentences: string[] = [];
  if (rated === 0) {
    sentences.push(
      notRated === 0
        ? `Năm ${year} chưa có kết quả xếp loại của ${formatNumber(total)} ${description}.`
        : `Năm ${year} không có ${noun} nào được xếp loại trong số ${formatNumber(total)} ${description}.`,
    );
  } else {
    let clauses = levelsClause(figures, style, noun, options.showExemplary ?? false, rated);
    if (compareYear !== null) {
      const comparison = yearsCrossScale(compareYear, year)
        ? scaleChangeClause(figures, compareYear)
        : changesClause(figures, compareYear, style, noun);
      if (comparison) clauses += `; ${comparison}`;
    }
    sentences.push(
      `Kết quả xếp loại năm ${year} của ${formatNumber(total)} ${description}: ${clauses}.`,
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
  let text = upperFirst(sentences[0] ?? '');
  for (let i = 1; i < sentences.length; i += 1) text += ` ${upperFirst(sentences[i] ?? '')}`;
  return text;
}

/** The sum of an object's counts, without the list Object.values makes. */
function sumOf(counts: Readonly<Partial<Record<string, number>>>): number {
  let total = 0;
  for (const key in counts) total += counts[key] ?? 0;
  return total;
}
