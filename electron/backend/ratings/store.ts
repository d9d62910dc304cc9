// Rating rows: mapping and the one upsert every write path uses (set, grid save, import).
import type { Rating } from '../../../shared/contract';
import { newId } from '../../../shared/domain/ids';
import type { RatingFields } from '../../../shared/domain/rating-merge';
import type {
  NotRatedReason,
  QualitativeChange,
  Rank,
  RatedBy,
} from '../../../shared/domain/scales';
import { tierOf } from '../../../shared/domain/scales';
import { recordChange } from '../changes';
import { auditInsert, auditUpdate } from '../audit';
import type { Actor } from '../context';
import type { Db } from '../db/open';
import { stmt } from '../db/statements';

/**
 * A unit's ratings of two years in one result row, as the grid and the report's statements read
 * them (`c`: the year shown, `p`: the year compared), each column null when that year has none.
 */
export interface TwoYearRatingColumns {
  c_scale: string | null;
  c_level: string | null;
  c_reason: NotRatedReason | null;
  c_exemplary: number | null;
  p_scale: string | null;
  p_level: string | null;
  p_reason: NotRatedReason | null;
  p_exemplary: number | null;
}

export interface RatingRecord {
  id: string;
  unit_id: string;
  year: number;
  scale_id: string;
  level_code: string | null;
  not_rated_reason: NotRatedReason | null;
  exemplary: number;
  rank: Rank | null;
  change: QualitativeChange | null;
  score: number | null;
  member_count: number | null;
  rated_by: RatedBy | null;
  decision_number: string | null;
  decision_date: string | null;
  note: string | null;
  updated_at: string;
  deleted_at: string | null;
}

export const RATING_COLUMNS = `id, unit_id, year, scale_id, level_code, not_rated_reason, exemplary, rank,
  change, score, member_count, rated_by, decision_number, decision_date, note, updated_at, deleted_at`;

export function toRating(r: RatingRecord): Rating {
  return {
    id: r.id,
    unitId: r.unit_id,
    year: r.year,
    scaleId: r.scale_id,
    levelCode: r.level_code,
    tier: tierOf(r.scale_id, r.level_code),
    notRatedReason: r.not_rated_reason,
    exemplary: r.exemplary === 1,
    rank: r.rank,
    change: r.change,
    score: r.score,
    memberCount: r.member_count,
    ratedBy: r.rated_by,
    decisionNumber: r.decision_number,
    decisionDate: r.decision_date,
    note: r.note,
    updatedAt: r.updated_at,
  };
}

/** The stored fields of a rating, as columns. */
export type RatingValues = Omit<
  RatingRecord,
  'id' | 'unit_id' | 'year' | 'updated_at' | 'deleted_at'
>;

export function findRating(db: Db, unitId: string, year: number): RatingRecord | undefined {
  return stmt<[string, number], RatingRecord>(
    db,
    `SELECT ${RATING_COLUMNS} FROM ratings WHERE unit_id = ? AND year = ?`,
  ).get(unitId, year);
}

const FIELDS = [
  'scale_id',
  'level_code',
  'not_rated_reason',
  'exemplary',
  'rank',
  'change',
  'score',
  'member_count',
  'rated_by',
  'decision_number',
  'decision_date',
  'note',
] as const satisfies readonly (keyof RatingValues)[];

export type UpsertOutcome = 'created' | 'changed' | 'unchanged';

const INSERT_RATING = `INSERT INTO ratings(id, unit_id, year, ${FIELDS.join(', ')}, created_at, updated_at, changed_by_installation)
  VALUES (?, ?, ?, ${FIELDS.map(() => '?').join(', ')}, ?, ?, ?)`;
const UPDATE_RATING = `UPDATE ratings SET ${FIELDS.map((f) => `${f} = ?`).join(', ')}, deleted_at = NULL, updated_at = ?,
  changed_by_installation = ? WHERE id = ?`;

/**
 * Writes the rating of a unit in a year: inserts it, revives a tombstone, or changes only the
 * fields that differ. The changed record is audited (one row).
 */
export function upsertRating(
  db: Db,
  actor: Actor,
  unitId: string,
  year: number,
  values: RatingValues,
): UpsertOutcome {
  return writeRating(db, actor, unitId, year, values, findRating(db, unitId, year));
}

/**
 * `upsertRating` with the unit's row for the year already read (`existing`: what `findRating`
 * returns, inside the same transaction): a bulk write (the ratings import) reads a year's rows
 * with one query instead of one per rating.
 */
export function writeRating(
  db: Db,
  actor: Actor,
  unitId: string,
  year: number,
  values: RatingValues,
  existing: RatingRecord | undefined,
): UpsertOutcome {
  const now = actor.at;
  if (!existing) {
    const id = newId();
    stmt(db, INSERT_RATING).run(
      id,
      unitId,
      year,
      ...FIELDS.map((f) => values[f]),
      now,
      now,
      actor.installationId,
    );
    auditInsert(db, actor, 'rating', id, { unit_id: unitId, year, ...values });
    return 'created';
  }
  const revived = existing.deleted_at !== null;
  const changed = FIELDS.some((f) => existing[f] !== values[f]);
  if (!changed && !revived) return 'unchanged';
  stmt(db, UPDATE_RATING).run(
    ...FIELDS.map((f) => values[f]),
    now,
    actor.installationId,
    existing.id,
  );
  const before: Record<string, string | number | null> = { deleted_at: existing.deleted_at };
  const after: Record<string, string | number | null> = { deleted_at: null };
  for (const f of FIELDS) {
    before[f] = existing[f];
    after[f] = values[f];
  }
  recordChange(db, 'rating', unitId);
  auditUpdate(db, actor, 'rating', existing.id, before, after);
  return revived ? 'created' : 'changed';
}

/** Tombstones a rating; returns whether there was one to remove. */
export function tombstoneRating(db: Db, actor: Actor, unitId: string, year: number): boolean {
  const existing = findRating(db, unitId, year);
  if (!existing || existing.deleted_at !== null) return false;
  const now = actor.at;
  stmt(
    db,
    'UPDATE ratings SET deleted_at = ?, updated_at = ?, changed_by_installation = ? WHERE id = ?',
  ).run(now, now, actor.installationId, existing.id);
  recordChange(db, 'rating', unitId);
  auditUpdate(db, actor, 'rating', existing.id, { deleted_at: null }, { deleted_at: now });
  return true;
}

export function valuesOf(r: RatingRecord): RatingValues {
  const values = {} as Record<(typeof FIELDS)[number], unknown>;
  for (const f of FIELDS) values[f] = r[f];
  return values as RatingValues;
}

/** A stored row as the shared merge rule sees it (shared/domain/rating-merge.ts). */
export function fieldsOf(r: RatingRecord): RatingFields & { scaleId: string } {
  return {
    scaleId: r.scale_id,
    levelCode: r.level_code,
    notRatedReason: r.not_rated_reason,
    exemplary: r.exemplary === 1,
    rank: r.rank,
    change: r.change,
    score: r.score,
    memberCount: r.member_count,
    ratedBy: r.rated_by,
    decisionNumber: r.decision_number,
    decisionDate: r.decision_date,
    note: r.note,
  };
}

/** Merged fields back to the columns `upsertRating` writes. */
export function valuesFromFields(scaleId: string, f: RatingFields): RatingValues {
  return {
    scale_id: scaleId,
    level_code: f.levelCode,
    not_rated_reason: f.notRatedReason,
    exemplary: f.exemplary ? 1 : 0,
    rank: f.rank,
    change: f.change,
    score: f.score,
    member_count: f.memberCount,
    rated_by: f.ratedBy,
    decision_number: f.decisionNumber,
    decision_date: f.decisionDate,
    note: f.note,
  };
}
