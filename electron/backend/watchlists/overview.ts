// Tổng quan: this year's lists and what needs attention — members improved so far, measures
// past their due date, units still rated at the lowest level, units not rated yet. Set queries
// in SQL (national-size registers), rows capped at OVERVIEW_LIMIT with exact totals.
import type {
  OverdueMeasure,
  Overview,
  OverviewUnit,
  ParsedInput,
  WeakUnit,
} from '../../../shared/contract';
import { OVERVIEW_LIMIT } from '../../../shared/methods/watchlists';
import { RATED_KINDS, ratingText, scaleForYear } from '../../../shared/domain/scales';
import type { MeasureKind } from '../../../shared/domain/watchlists';
import { compareVietnamese } from '../../../shared/domain/text';
import type { Db } from '../db/open';
import { memoized } from '../db/memo';
import { stmt } from '../db/statements';
import { unratedCount } from '../ratings/tallies';
import { VALID_IN_YEAR } from '../units/queries';
import { readLists } from './queries';
import { unitTracker } from './tracking';

const KINDS = RATED_KINDS.map((k) => `'${k}'`).join(', ');

/** Open measures past due on the lists covering :year; walks the index of open measures. */
export const OVERDUE_MEASURES = `SELECT m.id, m.title, m.kind, m.due_on, m.responsible, m.member_id,
    w.unit_id, w.watchlist_id, l.title AS list_title, l.year AS list_year
  FROM measures m
  JOIN watchlist_members w ON w.id = m.member_id AND w.deleted_at IS NULL
  JOIN watchlists l ON l.id = w.watchlist_id AND l.deleted_at IS NULL
  WHERE m.deleted_at IS NULL AND m.done_on IS NULL AND m.due_on IS NOT NULL AND m.due_on < :today
    AND l.year <= :year AND coalesce(l.to_year, l.year) >= :year
  ORDER BY m.due_on, m.rowid`;

const UNIT_COLUMNS = `v.unit_id, v.name, v.code, pv.name AS parent_name`;
/**
 * TCCSĐ rated at one level in :year: the ratings' year index finds them, then each one's version
 * (CROSS JOIN keeps that order: the register's indexes by year would tempt SQLite to start from
 * every version of the year).
 */
export const RATED_AT_LEVEL = `SELECT ${UNIT_COLUMNS}, r.level_code, r.exemplary
  FROM ratings r CROSS JOIN unit_versions v ON v.unit_id = r.unit_id AND v.deleted_at IS NULL
    AND ${VALID_IN_YEAR} AND v.kind IN (${KINDS})
  JOIN units u ON u.id = v.unit_id AND u.deleted_at IS NULL
  LEFT JOIN unit_versions pv ON pv.unit_id = v.parent_id AND pv.deleted_at IS NULL
    AND pv.valid_from <= :year AND (pv.valid_to IS NULL OR pv.valid_to >= :year)
  WHERE r.year = :year AND r.deleted_at IS NULL AND r.level_code = :level`;

// The year's rated units are read once from the ratings' covering year index into a list the
// scan probes (a lookup per unit into the table itself took three times as long nationally).
const UNRATED_WHERE = `WHERE v.deleted_at IS NULL AND ${VALID_IN_YEAR} AND v.kind IN (${KINDS})
  AND v.unit_id NOT IN (SELECT r.unit_id FROM ratings r
    WHERE r.year = :year AND r.deleted_at IS NULL)`;

/**
 * TCCSĐ existing in :year with no rating recorded (first rows by folded name). The walk by name
 * stops at the limit, so here each unit looks its rating up instead of reading the year first;
 * the name index is named because the register's indexes by year would have SQLite read every
 * version of the year and sort them.
 */
export const UNRATED_UNITS = `SELECT ${UNIT_COLUMNS} FROM unit_versions v INDEXED BY unit_versions_by_name
  JOIN units u ON u.id = v.unit_id AND u.deleted_at IS NULL
  LEFT JOIN unit_versions pv ON pv.unit_id = v.parent_id AND pv.deleted_at IS NULL
    AND pv.valid_from <= :year AND (pv.valid_to IS NULL OR pv.valid_to >= :year)
  WHERE v.deleted_at IS NULL AND ${VALID_IN_YEAR} AND v.kind IN (${KINDS})
    AND NOT EXISTS (SELECT 1 FROM ratings r
      WHERE r.unit_id = v.unit_id AND r.year = :year AND r.deleted_at IS NULL)
  ORDER BY v.name_folded LIMIT :limit`;

/**
 * How many TCCSĐ existing in :year have no rating recorded, counted over the year's versions. A
 * version's unit always exists (a foreign key), so "its unit is not removed" is read from the few
 * removed units instead of one lookup per version. Tổng quan reads the same figure from the
 * rating tallies (unratedCount); this direct count is what tests compare it with.
 */
export const UNRATED_COUNT = `SELECT count(*) AS n FROM unit_versions v ${UNRATED_WHERE}
  AND v.unit_id NOT IN (SELECT id FROM units WHERE deleted_at IS NOT NULL)`;

interface UnitListRecord {
  unit_id: string;
  name: string;
  code: string | null;
  parent_name: string | null;
}

function toOverviewUnit(r: UnitListRecord): OverviewUnit {
  return { unitId: r.unit_id, name: r.name, code: r.code, parentName: r.parent_name };
}

const DAY_MS = 24 * 60 * 60 * 1000;

function daysBetween(fromIso: string, toIso: string): number {
  return Math.round(
    (Date.parse(`${toIso}T00:00:00Z`) - Date.parse(`${fromIso}T00:00:00Z`)) / DAY_MS,
  );
}

/** What Tổng quan tells of the whole register for the rating year, whatever the lists are. */
interface RegisterFigures {
  /** Units rated at the lowest level, by Vietnamese name (before the lists are considered). */
  weakest: Omit<WeakUnit, 'onList'>[];
  unratedTotal: number;
  unrated: OverviewUnit[];
}

/** Kept until the next write: these read the whole nation's year (memo.ts). */
const KEPT_YEARS = 4;

function registerFigures(db: Db, ratingYear: number): RegisterFigures {
  return memoized(db, `overview:${ratingYear}`, KEPT_YEARS, () => {
    const scale = scaleForYear(ratingYear);
    const lowest = scale?.levels.find((l) => l.tier === 4) ?? null;
    const weakRows = lowest
      ? stmt<
          [{ year: number; level: string }],
          UnitListRecord & { level_code: string; exemplary: number }
        >(db, RATED_AT_LEVEL).all({ year: ratingYear, level: lowest.code })
      : [];
    const weakest = weakRows
      .map((r) => ({
        ...toOverviewUnit(r),
        levelCode: r.level_code,
        text: ratingText(scale, r.level_code, r.exemplary === 1),
      }))
      .sort((a, b) => compareVietnamese(a.name, b.name));
    // From the tallies kept by the writes: the direct count read the whole year (~0.1-0.3 s).
    const unratedTotal = unratedCount(db, ratingYear, RATED_KINDS);
    // None unrated: the walk by name would read every version of the register to find none.
    const unrated =
      unratedTotal === 0
        ? []
        : stmt<[{ year: number; limit: number }], UnitListRecord>(db, UNRATED_UNITS)
            .all({ year: ratingYear, limit: OVERVIEW_LIMIT })
            .map(toOverviewUnit)
            .sort((a, b) => compareVietnamese(a.name, b.name));
    return { weakest, unratedTotal, unrated };
  });
}

export function overview(db: Db, input: ParsedInput<'overview.get'>, today: string): Overview {
  const year = input.year;
  const ratingYear = input.ratingYear ?? year - 1;
  const tracker = unitTracker(db);
  const lists = readLists(db, year, today, tracker);

  // Each unit counted once, even when nested lists both name it.
  const current = new Map<string, string>();
  for (const { members } of lists) {
    for (const m of members) {
      if (current.has(m.unitId)) continue;
      const r = m.current;
      current.set(m.unitId, r.rating?.levelCode ? r.vsBaseline.trend : 'not_rated');
    }
  }
  const trends = [...current.values()];
  const counted = (t: string) => trends.filter((x) => x === t).length;

  const overdueRows = stmt<
    [{ today: string; year: number }],
    {
      id: string;
      title: string;
      kind: MeasureKind;
      due_on: string;
      responsible: string | null;
      member_id: string;
      unit_id: string;
      watchlist_id: string;
      list_title: string;
      list_year: number;
    }
  >(db, OVERDUE_MEASURES).all({ today, year });
  const overdue: OverdueMeasure[] = overdueRows.slice(0, OVERVIEW_LIMIT).map((r) => ({
    measureId: r.id,
    title: r.title,
    kind: r.kind,
    dueOn: r.due_on,
    daysOverdue: daysBetween(r.due_on, today),
    responsible: r.responsible,
    memberId: r.member_id,
    unitId: r.unit_id,
    unitName: tracker.nameAt(r.unit_id, r.list_year),
    watchlistId: r.watchlist_id,
    watchlistTitle: r.list_title,
  }));

  const wide = registerFigures(db, ratingYear);
  const listed = new Set(current.keys());
  // Stable: units of equal names keep the register's order, as before the split.
  const weakest: WeakUnit[] = wide.weakest
    .map((u) => ({ ...u, onList: listed.has(u.unitId) }))
    .sort((a, b) => Number(a.onList) - Number(b.onList));

  return {
    year,
    ratingYear,
    today,
    lists: lists.map((l) => l.summary),
    members: {
      total: trends.length,
      up: counted('up'),
      same: counted('same'),
      down: counted('down'),
      notComparable: counted('not_comparable'),
      notRated: counted('not_rated'),
    },
    overdue: { total: overdueRows.length, items: overdue },
    weakest: { total: weakest.length, items: weakest.slice(0, OVERVIEW_LIMIT) },
    unrated: { total: wide.unratedTotal, items: wide.unrated },
  };
}
