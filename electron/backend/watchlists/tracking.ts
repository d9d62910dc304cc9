// Following a watched unit through the years: its name and kind each year, its ratings, and,
// after a merge, its successor (DOMAIN.md §4: ratings and list entries belong to the identity;
// a unit merged into another is followed to that unit). Facts are read once per unit and kept
// for one request (a tracker is made per read and dropped after it), so a list of many members
// reads each unit once.
import type { MemberLineage } from '../../../shared/contract';
import type { LineageEventType, UnitKind } from '../../../shared/domain/units';
import type { Db } from '../db/open';
import { stmt } from '../db/statements';
import type { RatingRecord } from '../ratings/store';
import { RATING_COLUMNS } from '../ratings/store';
import { versionsOf } from '../units/queries';
import type { VersionRecord } from '../units/rows';

/** How a unit ended, when it did: the lineage event of its last year. */
interface UnitEnd {
  type: 'merged_into' | 'split_into' | 'dissolved';
  year: number;
  relatedUnitId: string | null;
}

interface UnitFacts {
  foundedYear: number;
  endedYear: number | null;
  end: UnitEnd | null;
  versions: VersionRecord[];
  ratings: Map<number, RatingRecord>;
}

/** A merge chain longer than this is a damaged file, not a real history. */
const MAX_FOLLOW = 50;

const ENDING_EVENTS: readonly LineageEventType[] = ['merged_into', 'split_into', 'dissolved'];

/** What a list's read asks about the units it names; see `unitTracker`. */
export interface UnitTracker {
  /** The unit's version valid in the year, if it existed then. */
  versionAt(unitId: string, year: number): VersionRecord | null;
  latestVersion(unitId: string): VersionRecord | null;
  /** The unit's name in the year, or its latest name when it did not exist then. */
  nameAt(unitId: string, year: number): string;
  kindAt(unitId: string, year: number): UnitKind | null;
  rating(unitId: string, year: number): RatingRecord | null;
  /**
   * The unit whose rating counts for `unitId` in `year`: itself while it exists, then the unit
   * it was merged into (and so on); null after a dissolution or a division, or before founding.
   */
  trackedAt(unitId: string, year: number): string | null;
  /** How the unit ended, when that was in or before `lastYear`, with the note a list shows. */
  lineage(unitId: string, lastYear: number): MemberLineage | null;
}

function endOf(db: Db, unitId: string, year: number): UnitEnd | null {
  const events = stmt<[string, number], { type: LineageEventType; related_unit_id: string | null }>(
    db,
    `SELECT type, related_unit_id FROM lineage_events
     WHERE unit_id = ? AND year = ? AND deleted_at IS NULL ORDER BY created_at, rowid`,
  ).all(unitId, year);
  // A merge names the unit to follow; it wins over a split recorded the same year.
  const ending =
    events.find((e) => e.type === 'merged_into') ??
    events.find((e) => ENDING_EVENTS.includes(e.type));
  if (!ending) return null;
  return {
    type: ending.type as UnitEnd['type'],
    year,
    relatedUnitId: ending.type === 'merged_into' ? ending.related_unit_id : null,
  };
}

function readFacts(db: Db, unitId: string): UnitFacts | null {
  const unit = stmt<[string], { founded_year: number; ended_year: number | null }>(
    db,
    'SELECT founded_year, ended_year FROM units WHERE id = ? AND deleted_at IS NULL',
  ).get(unitId);
  if (!unit) return null;
  const ratings = stmt<[string], RatingRecord>(
    db,
    `SELECT ${RATING_COLUMNS} FROM ratings WHERE unit_id = ? AND deleted_at IS NULL`,
  ).all(unitId);
  return {
    foundedYear: unit.founded_year,
    endedYear: unit.ended_year,
    end: unit.ended_year === null ? null : endOf(db, unitId, unit.ended_year),
    versions: versionsOf(db, unitId),
    ratings: new Map(ratings.map((r) => [r.year, r])),
  };
}

/** A tracker for one read: each unit's facts are read from the file the first time asked. */
export function unitTracker(db: Db): UnitTracker {
  const known = new Map<string, UnitFacts | null>();
  const load = (unitId: string): UnitFacts | null => {
    if (!known.has(unitId)) known.set(unitId, readFacts(db, unitId));
    return known.get(unitId) ?? null;
  };
  const versionAt = (unitId: string, year: number): VersionRecord | null =>
    load(unitId)?.versions.find(
      (v) => v.valid_from <= year && (v.valid_to === null || v.valid_to >= year),
    ) ?? null;
  const latestVersion = (unitId: string) => load(unitId)?.versions.at(-1) ?? null;
  const nameAt = (unitId: string, year: number) =>
    versionAt(unitId, year)?.name ?? latestVersion(unitId)?.name ?? 'Tổ chức';
  const trackedAt = (unitId: string, year: number): string | null => {
    let current = unitId;
    for (let step = 0; step < MAX_FOLLOW; step++) {
      const facts = load(current);
      if (!facts || year < facts.foundedYear) return null;
      if (facts.endedYear === null || year <= facts.endedYear) return current;
      const next = facts.end?.relatedUnitId;
      if (!next) return null;
      current = next;
    }
    return null;
  };
  const lineage = (unitId: string, lastYear: number): MemberLineage | null => {
    const end = load(unitId)?.end;
    if (!end || end.year > lastYear) return null;
    const name = nameAt(unitId, end.year);
    if (end.type === 'merged_into' && end.relatedUnitId) {
      const successor = trackedAt(end.relatedUnitId, end.year + 1) ?? end.relatedUnitId;
      const successorName = nameAt(successor, end.year + 1);
      return {
        type: end.type,
        year: end.year,
        successorId: successor,
        successorName,
        note:
          `"${name}" đã sáp nhập vào "${successorName}" năm ${end.year}; ` +
          `từ năm ${end.year + 1} theo dõi kết quả của "${successorName}".`,
      };
    }
    const what = end.type === 'dissolved' ? 'đã giải thể' : 'đã chia tách';
    return {
      type: end.type,
      year: end.year,
      successorId: null,
      successorName: null,
      note: `"${name}" ${what} năm ${end.year}; không còn kết quả xếp loại từ năm ${end.year + 1}.`,
    };
  };
  return {
    versionAt,
    latestVersion,
    nameAt,
    kindAt: (unitId, year) => versionAt(unitId, year)?.kind ?? null,
    rating: (unitId, year) => load(unitId)?.ratings.get(year) ?? null,
    trackedAt,
    lineage,
  };
}
