// Tổng quan: this year's lists and what needs attention — members improved so far, measures
// past their due date, units still rated at the lowest level, units not rated yet. Set queries
// in SQL (national-size registers), rows capped at OVERVIEW_LIMIT with exact totals.
import type { OverdueMeasure, Overview, ParsedInput } from '../../../shared/contract';
import { OVERVIEW_LIMIT } from '../../../shared/methods/watchlists';
import { RATED_KINDS } from '../../../shared/domain/scales';
import type { MeasureKind } from '../../../shared/domain/watchlists';
import type { Db } from '../db/open';
import { memoized } from '../db/memo';
import { stmt } from '../db/statements';
import { VALID_IN_YEAR } from '../units/queries';
import { registerFigures } from './overview-register';
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

// The year's rated units are read once from the ratings' covering year index into a list the
// scan probes (a lookup per unit into the table itself took three times as long nationally).
const UNRATED_WHERE = `WHERE v.deleted_at IS NULL AND ${VALID_IN_YEAR} AND v.kind IN (${KINDS})
  AND v.unit_id NOT IN (SELECT r.unit_id FROM ratings r
    WHERE r.year = :year AND r.deleted_at IS NULL)`;

/**
 * How many TCCSĐ existing in :year have no rating recorded, counted over the year's versions. A
 * version's unit always exists (a foreign key), so "its unit is not removed" is read from the few
 * removed units instead of one lookup per version. Tổng quan reads the same figure from the
 * rating tallies (unratedCount); this direct count is what tests compare it with.
 */
export const UNRATED_COUNT = `SELECT count(*) AS n FROM unit_versions v ${UNRATED_WHERE}
  AND v.unit_id NOT IN (SELECT id FROM units WHERE deleted_at IS NOT NULL)`;

const DAY_MS = 24 * 60 * 60 * 1000;

function daysBetween(fromIso: string, toIso: string): number {
  return Math.round(
    (Date.parse(`${toIso}T00:00:00Z`) - Date.parse(`${fromIso}T00:00:00Z`)) / DAY_MS,
  );
}

/** Kept until the next write: the register's figures of a year (memo.ts). */
const KEPT_YEARS = 4;

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

  // The lists decide which weak units come first (those on none), so they are part of the key.
  const listed = [...current.keys()].sort();
  const wide = memoized(db, `overview:${ratingYear}:${JSON.stringify(listed)}`, KEPT_YEARS, () =>
    registerFigures(db, ratingYear, listed),
  );

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
    weakest: wide.weakest,
    unrated: wide.unrated,
  };
}
