// Progress reports built by hand for the writers' tests: the figures of a group are counted here
// from its units' levels, so a layout test does not depend on the report computation it is not
// testing. `langSonReport` is the article's 2017 report of Resolution 33-NQ/TU (DOMAIN.md §1)
// over the units `buildLangSon` registers, so the ids are real and the "Dữ liệu" sheet has rows.
import type {
  ProgressReport,
  ReportDocument,
  ReportGroup,
  ReportUnit,
} from '../../shared/contract';
import { compareRatings } from '../../shared/domain/progress';
import type { NotRatedReason, RatingScale } from '../../shared/domain/scales';
import { levelOf, ratingText, scaleForYear } from '../../shared/domain/scales';
import type { LangSon } from './ratings';
import { DISTRICT_PILOTS, KHOI_PILOTS } from './ratings';

export interface HandUnit {
  id: string;
  name: string;
  code?: string | null;
  /** Level codes; null: none. */
  from: string | null;
  to: string | null;
  exemplary?: boolean;
  notRatedReason?: NotRatedReason | null;
}

function scaleOf(year: number): RatingScale {
  const scale = scaleForYear(year);
  if (!scale) throw new Error(`no scale for ${year}`);
  return scale;
}

function reportUnit(u: HandUnit, year: number, compareYear: number | null): ReportUnit {
  const scale = scaleOf(year);
  const compared = compareYear === null ? null : scaleOf(compareYear);
  const change =
    compareYear === null || !compared
      ? null
      : compareRatings(
          u.from === null ? null : { year: compareYear, scaleId: compared.id, levelCode: u.from },
          u.to === null ? null : { year, scaleId: scale.id, levelCode: u.to },
        ).trend;
  return {
    id: u.id,
    code: u.code ?? null,
    name: u.name,
    from: compared && u.from ? ratingText(compared, u.from, false) : null,
    to: u.to ? ratingText(scale, u.to, u.exemplary ?? false) : null,
    fromLevel: u.from,
    toLevel: u.to,
    exemplary: u.exemplary ?? false,
    notRatedReason: u.notRatedReason ?? null,
    change,
  };
}

/** A group's figures counted from its units, as the report defines them. */
export function handGroup(
  key: string,
  name: string,
  year: number,
  compareYear: number | null,
  units: readonly HandUnit[],
): ReportGroup {
  const scale = scaleOf(year);
  const rows = units.map((u) => reportUnit(u, year, compareYear));
  const levels = Object.fromEntries(scale.levels.map((l) => [l.code, 0]));
  const notRated: Partial<Record<NotRatedReason, number>> = {};
  let missing = 0;
  for (const u of units) {
    if (u.to) levels[u.to] = (levels[u.to] ?? 0) + 1;
    else if (u.notRatedReason) notRated[u.notRatedReason] = (notRated[u.notRatedReason] ?? 0) + 1;
    else missing++;
  }
  const trend = (t: string) => rows.filter((r) => r.change === t).length;
  return {
    key,
    name,
    description: `TCCSĐ thuộc ${name.toLocaleLowerCase('vi')}`,
    total: units.length,
    rated: units.filter((u) => u.to).length,
    levels,
    exemplary: units.filter((u) => u.to && u.exemplary).length,
    goodOrBetter: units.filter((u) => (levelOf(scale, u.to)?.tier ?? 9) <= 2).length,
    notRated,
    missing,
    up: trend('up'),
    same: trend('same'),
    down: trend('down'),
    notComparable: trend('not_comparable'),
    units: rows,
    summary: `Kết quả xếp loại năm ${year} của ${units.length} TCCSĐ.`,
  };
}

/** The totals: every group's units counted together. */
export function handTotals(
  year: number,
  compareYear: number | null,
  groups: readonly { units: readonly HandUnit[] }[],
): ReportGroup {
  return handGroup(
    'total',
    'Tổng cộng',
    year,
    compareYear,
    groups.flatMap((g) => g.units),
  );
}

export interface HandGroupInput {
  key: string;
  name: string;
  units: readonly HandUnit[];
}

export function handReport(
  year: number,
  compareYear: number | null,
  groups: readonly HandGroupInput[],
  overrides: Partial<ProgressReport> = {},
): ProgressReport {
  const scale = scaleOf(year);
  const compared = compareYear === null ? null : scaleOf(compareYear);
  const crossesScale = !!compared && compared.family !== scale.family;
  const distribution = [compareYear, year]
    .filter((y): y is number => y !== null)
    .map((y) => ({
      year: y,
      scaleId: scaleOf(y).id,
      total: 0,
      levels: {},
      exemplary: 0,
      notRated: 0,
      missing: 0,
    }));
  return {
    year,
    compareYear,
    scaleId: scale.id,
    compareScaleId: compared?.id ?? null,
    crossesScale,
    groupBy: 'parent',
    scope: { type: 'register', id: null, title: 'Đảng bộ tỉnh Lạng Sơn' },
    watchlist: null,
    groups: groups.map((g) => handGroup(g.key, g.name, year, compareYear, g.units)),
    totals: handTotals(year, compareYear, groups),
    distribution,
    transitions: [],
    trajectories: [],
    scaleBreaks: crossesScale ? [year] : [],
    notes: [],
    summary: '',
    namedCases: [],
    carryOver: [],
    ...overrides,
  };
}

/** The article's two groups of pilot units, 2016 → 2017. */
export function langSonGroups(ls: LangSon): HandGroupInput[] {
  const unit = (p: { name: string; y2016: string; y2017: string }): HandUnit => ({
    id: ls.units.get(p.name)!,
    name: p.name,
    from: p.y2016,
    to: p.y2017,
  });
  return [
    { key: 'districts', name: 'Các đảng bộ huyện, thành phố', units: DISTRICT_PILOTS.map(unit) },
    { key: 'khoi', name: 'Đảng bộ Khối các cơ quan tỉnh', units: KHOI_PILOTS.map(unit) },
  ];
}

export function langSonReport(
  ls: LangSon,
  overrides: Partial<ProgressReport> = {},
): ProgressReport {
  return handReport(2017, 2016, langSonGroups(ls), {
    groupBy: 'watchlist_group',
    ...overrides,
  });
}

/** The document's texts as the organisation department would leave them. */
export const LANG_SON_DOCUMENT: ReportDocument = {
  superiorBody: 'Tỉnh ủy Lạng Sơn',
  issuingBody: 'Ban Tổ chức',
  numberSuffix: '-BC/BTCTU',
  place: 'Lạng Sơn',
  date: '2018-01-15',
  subject: 'Kết quả củng cố tổ chức cơ sở đảng yếu kém năm 2017',
  sections: [],
  signature: { onBehalf: 'T/M Ban Thường vụ', role: 'Phó Bí thư', name: 'Nguyễn Văn A' },
  recipients: ['Như trên,', 'Lưu Văn phòng.'],
  tableNumber: '01',
};
