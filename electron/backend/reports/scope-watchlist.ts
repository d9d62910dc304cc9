// A report over a watchlist: its members (and, when asked, the members of the lower committees'
// lists that add to it), read as `watchlists.get` reads them — each member as of its list's year,
// in "Biểu 01" order — and followed through the years by one tracker, so a unit merged into
// another is counted with the unit it went into.
import type { WatchlistMember } from '../../../shared/contract';
import { compareWatchYears } from '../../../shared/domain/watchlists';
import type { Db } from '../db/open';
import { stmt } from '../db/statements';
import type { ListFacts } from '../watchlists/evaluate';
import { evaluateMember, inListOrder } from '../watchlists/evaluate';
import { MEMBERS_OF_LIST } from '../watchlists/queries';
import type { MemberRecord, WatchlistRecord } from '../watchlists/rows';
import { WATCHLIST_COLUMNS } from '../watchlists/rows';
import { loadWatchlist } from '../watchlists/rules';
import type { UnitTracker } from '../watchlists/tracking';
import { unitTracker } from '../watchlists/tracking';
import { watchlistTitle, watchlistTotalDescription } from './descriptions';
import { tallyFacts } from './distribution';
import type { RatingFact, ReportQuery, ScopeData, ScopedUnit } from './scope-units';
import { fromRecord, watchPoint } from './scope-units';

/** The lists that add to a list, and the lists that add to those, in the order they were decided. */
const LOWER_LISTS = `WITH RECURSIVE lower(id) AS (
    SELECT id FROM watchlists WHERE extends_id = :list AND deleted_at IS NULL
    UNION SELECT w.id FROM watchlists w JOIN lower ON w.extends_id = lower.id
    WHERE w.deleted_at IS NULL)
  SELECT ${WATCHLIST_COLUMNS} FROM watchlists WHERE id IN (SELECT id FROM lower)
  ORDER BY year, coalesce(decided_on, '9999'), title, id`;

/** The unit whose rating counts for a member in a year and that rating (followed after a merge). */
function trackedRating(
  tracker: UnitTracker,
  unitId: string,
  year: number,
): { unitId: string | null; fact: RatingFact | null } {
  const tracked = tracker.trackedAt(unitId, year);
  const record = tracked ? tracker.rating(tracked, year) : null;
  return { unitId: tracked, fact: record ? fromRecord(record) : null };
}

function scopedMember(
  tracker: UnitTracker,
  member: WatchlistMember,
  list: WatchlistRecord,
  q: ReportQuery,
): ScopedUnit {
  const now = trackedRating(tracker, member.unitId, q.year);
  const then = q.compareYear === null ? null : trackedRating(tracker, member.unitId, q.compareYear);
  // Parent and sector as of year N, of the unit followed; as of the list's year when it is gone.
  const version = now.unitId ? tracker.versionAt(now.unitId, q.year) : null;
  const parent = version
    ? {
        id: version.parent_id,
        name: version.parent_id ? tracker.nameAt(version.parent_id, q.year) : null,
      }
    : { id: member.parentId, name: member.parentName };
  return {
    id: member.unitId,
    code: member.unitCode,
    name: member.unitName,
    parentId: parent.id,
    parentName: parent.name,
    sector: version ? version.sector : member.sector,
    selector: {
      listId: list.id,
      issuerId: list.issuer_id,
      issuerName: tracker.nameAt(list.issuer_id, list.year),
    },
    watchGroup: member.group,
    status: member.status,
    exists: now.unitId !== null,
    current: now.fact,
    compared: then?.fact ?? null,
    comparison:
      then === null || q.compareYear === null
        ? null
        : compareWatchYears(
            watchPoint(then.fact, then.unitId ? tracker.kindAt(then.unitId, q.compareYear) : null),
            watchPoint(now.fact, now.unitId ? tracker.kindAt(now.unitId, q.year) : null),
          ),
  };
}

export function watchlistScope(
  db: Db,
  watchlistId: string,
  withExtending: boolean,
  q: ReportQuery,
): ScopeData {
  const list = loadWatchlist(db, watchlistId);
  const lower = withExtending
    ? stmt<[{ list: string }], WatchlistRecord>(db, LOWER_LISTS).all({ list: list.id })
    : [];
  const tracker = unitTracker(db);
  // Measures and remarks are not part of a report: the member's facts need only the tracker.
  const facts: ListFacts = { tracker, measures: new Map(), remarks: new Map() };
  const units: ScopedUnit[] = [];
  const groupOrder: string[] = [];
  const notes: string[] = [];
  const seen = new Set<string>();
  for (const l of [list, ...lower]) {
    const records = stmt<[string], MemberRecord>(db, MEMBERS_OF_LIST).all(l.id);
    const members = inListOrder(records.map((m) => evaluateMember(m, l, facts)));
    for (const member of members) {
      // A unit on the province's list and on a lower committee's list is counted once.
      if (seen.has(member.unitId)) continue;
      seen.add(member.unitId);
      if (member.group !== null && !groupOrder.includes(member.group)) {
        groupOrder.push(member.group);
      }
      units.push(scopedMember(tracker, member, l, q));
      const lineage = tracker.lineage(member.unitId, q.year);
      if (lineage) notes.push(lineage.note);
    }
  }
  const issuerName = tracker.nameAt(list.issuer_id, list.year);
  return {
    type: 'watchlist',
    scope: { type: 'watchlist', id: list.id, title: watchlistTitle(list) },
    watchlist: {
      id: list.id,
      title: list.title,
      number: list.number,
      decidedOn: list.decided_on,
      issuerName,
      year: list.year,
    },
    totalDescription: watchlistTotalDescription(list, lower.length > 0),
    units,
    watchGroupOrder: groupOrder,
    mainIssuerId: list.issuer_id,
    notes,
    talliesOfYears(years) {
      return new Map(
        years.map((year) => {
          const facts: (RatingFact | null)[] = [];
          for (const unit of units) {
            const { unitId, fact } = trackedRating(tracker, unit.id, year);
            if (unitId !== null) facts.push(fact);
          }
          return [year, tallyFacts(facts)];
        }),
      );
    },
    histories(shown, years) {
      return new Map(
        shown.map((unit) => [
          unit.id,
          years.flatMap((year) => {
            const { fact } = trackedRating(tracker, unit.id, year);
            return fact ? [fact] : [];
          }),
        ]),
      );
    },
  };
}
