// A member's standing on its list, derived on every read: its unit as of the list's year, the
// baseline (the rating of the year before, read from the ratings), each year's rating and its
// comparisons, the lineage note; and the province's figures per group and year (DOMAIN.md §5).
import type {
  GroupSummary,
  MeasureCounts,
  MemberYearResult,
  RatingBrief,
  WatchlistMember,
  YearSummary,
} from '../../../shared/contract';
import { ratingText, scaleById, scaleForYear, tierOf } from '../../../shared/domain/scales';
import type { WatchPoint } from '../../../shared/domain/watchlists';
import { compareWatchYears } from '../../../shared/domain/watchlists';
import type { RatingRecord } from '../ratings/store';
import type { MemberRecord, WatchlistRecord } from './rows';
import { lastYearOf, reasonsOf, yearsOf } from './rows';
import type { UnitTracker } from './tracking';

export const NO_MEASURES: MeasureCounts = { total: 0, done: 0, overdue: 0 };

/** What a list's read gathers once for all its members. */
export interface ListFacts {
  tracker: UnitTracker;
  measures: Map<string, MeasureCounts>;
  /** Member id → year → remark. */
  remarks: Map<string, Map<number, string | null>>;
}

function brief(r: RatingRecord): RatingBrief {
  return {
    year: r.year,
    unitId: r.unit_id,
    scaleId: r.scale_id,
    levelCode: r.level_code,
    notRatedReason: r.not_rated_reason,
    exemplary: r.exemplary === 1,
    tier: tierOf(r.scale_id, r.level_code),
    text: ratingText(scaleById(r.scale_id), r.level_code, r.exemplary === 1),
    rank: r.rank,
    change: r.change,
  };
}

function pointOf(tracker: UnitTracker, unitId: string | null, year: number): WatchPoint | null {
  if (!unitId) return null;
  const r = tracker.rating(unitId, year);
  if (!r) return null;
  return { year, scaleId: r.scale_id, levelCode: r.level_code, kind: tracker.kindAt(unitId, year) };
}

/** A member as its list shows it; `position` is set by `inListOrder`. */
export function evaluateMember(
  member: MemberRecord,
  list: WatchlistRecord,
  facts: ListFacts,
): WatchlistMember {
  const { tracker } = facts;
  // The unit exists in the list's year (adding and changing the year check it); a unit corrected
  // since shows its latest version rather than nothing.
  const version =
    tracker.versionAt(member.unit_id, list.year) ?? tracker.latestVersion(member.unit_id);
  const parentName = version?.parent_id ? tracker.nameAt(version.parent_id, list.year) : null;
  const baselineYear = list.year - 1;
  const baselineRecord = tracker.rating(member.unit_id, baselineYear);
  const baseline = pointOf(tracker, member.unit_id, baselineYear);
  const remarks = facts.remarks.get(member.id);
  const results: MemberYearResult[] = yearsOf(list).map((year) => {
    const tracked = tracker.trackedAt(member.unit_id, year);
    const record = tracked ? tracker.rating(tracked, year) : null;
    const point = pointOf(tracker, tracked, year);
    const previous =
      year === list.year
        ? baseline
        : pointOf(tracker, tracker.trackedAt(member.unit_id, year - 1), year - 1);
    const unitId = tracked ?? member.unit_id;
    return {
      year,
      unitId,
      unitName: tracker.nameAt(unitId, year),
      followed: tracked !== null && tracked !== member.unit_id,
      rating: record ? brief(record) : null,
      vsBaseline: compareWatchYears(baseline, point),
      vsPrevious: compareWatchYears(previous, point),
      change: record?.change ?? null,
      rank: record?.rank ?? null,
      remark: remarks?.get(year) ?? null,
    };
  });
  const current = [...results].reverse().find((r) => r.rating !== null) ?? results[0];
  if (!current) throw new Error('a list covers at least one year');
  return {
    id: member.id,
    watchlistId: member.watchlist_id,
    position: member.position,
    unitId: member.unit_id,
    unitName: version?.name ?? tracker.nameAt(member.unit_id, list.year),
    unitCode: version?.code ?? null,
    kind: version?.kind ?? 'base_cell',
    sector: version?.sector ?? null,
    parentId: version?.parent_id ?? null,
    parentName,
    group: member.group_name ?? parentName,
    groupIsDefault: member.group_name === null,
    reasons: reasonsOf(member),
    reasonOther: member.reason_other,
    responsible: member.responsible,
    workingGroup: member.working_group,
    targetLevel: member.target_level,
    status: member.status,
    statusDate: member.status_date,
    statusReason: member.status_reason,
    note: member.note,
    lineage: tracker.lineage(member.unit_id, lastYearOf(list)),
    baseline: baselineRecord ? brief(baselineRecord) : null,
    results,
    current,
    measures: facts.measures.get(member.id) ?? NO_MEASURES,
    carriedFromId: member.carried_from_id,
    updatedAt: member.updated_at,
  };
}

/**
 * The "Biểu 01" order: members by group, groups in the order they were first added, and within
 * a group as added; STT numbered 1…n in that order.
 */
export function inListOrder(members: WatchlistMember[]): WatchlistMember[] {
  const groupRank = new Map<string | null, number>();
  for (const m of [...members].sort((a, b) => a.position - b.position)) {
    if (!groupRank.has(m.group)) groupRank.set(m.group, groupRank.size);
  }
  return [...members]
    .sort(
      (a, b) =>
        (groupRank.get(a.group) ?? 0) - (groupRank.get(b.group) ?? 0) || a.position - b.position,
    )
    .map((m, i) => ({ ...m, position: i + 1 }));
}

function emptySummary(group: string | null, year: number): GroupSummary {
  const scale = scaleForYear(year);
  return {
    group,
    total: 0,
    levels: (scale?.levels ?? []).map((l) => ({
      levelCode: l.code,
      text: l.abbreviation,
      count: 0,
    })),
    up: 0,
    same: 0,
    down: 0,
    notComparable: 0,
    notRated: 0,
  };
}

function count(summary: GroupSummary, result: MemberYearResult): void {
  summary.total++;
  const level = result.rating?.levelCode ?? null;
  const cell = summary.levels.find((l) => l.levelCode === level);
  if (!level || !cell) {
    summary.notRated++;
    return;
  }
  cell.count++;
  const { trend } = result.vsBaseline;
  if (trend === 'up') summary.up++;
  else if (trend === 'same') summary.same++;
  else if (trend === 'down') summary.down++;
  else summary.notComparable++;
}

/** Per year of the list: counts per level and against the baseline, per group and in all. */
export function summarize(list: WatchlistRecord, members: WatchlistMember[]): YearSummary[] {
  return yearsOf(list).map((year) => {
    const groups = new Map<string | null, GroupSummary>();
    const total = emptySummary(null, year);
    for (const member of members) {
      const result = member.results.find((r) => r.year === year);
      if (!result) continue;
      let group = groups.get(member.group);
      if (!group) {
        group = emptySummary(member.group, year);
        groups.set(member.group, group);
      }
      count(group, result);
      count(total, result);
    }
    return { year, scaleId: scaleForYear(year)?.id ?? null, groups: [...groups.values()], total };
  });
}
