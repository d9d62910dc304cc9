// One rule for merging what a write gives into the rating already stored, used by every write
// path: a single rating (ratings.set), the grid's save (ratings.saveYear), the grid's paste and
// its keyboard entry (renderer draft), and the spreadsheet import.
//
// - A field not given (undefined) keeps its stored value; null clears it.
// - The level and the reason for not rating are one outcome: giving either replaces both.
// - "Tiêu biểu" not given is kept while the level stays the same (typing "TSVM" again over
//   "TSVM tiêu biểu" keeps the flag), and dropped when the level changes (no other level may
//   carry it).
// - Nothing left (no level and no reason) means the rating is cleared.
import type { NotRatedReason, QualitativeChange, Rank, RatedBy, RatingScale } from './scales';
import { NOT_RATED_LABELS, NOT_RATED_REASONS, parseLevel } from './scales';
import { foldForSearch } from './text';

/** The outcome of a rating: a level (maybe "tiêu biểu"), or a reason it has none. */
export interface RatingCell {
  levelCode: string | null;
  exemplary: boolean;
  notRatedReason: NotRatedReason | null;
}

/** Every field of a rating a user can write. */
export interface RatingFields extends RatingCell {
  rank: Rank | null;
  change: QualitativeChange | null;
  score: number | null;
  memberCount: number | null;
  ratedBy: RatedBy | null;
  decisionNumber: string | null;
  decisionDate: string | null;
  note: string | null;
}

/** What a write gives: undefined = not given (keep the stored value), null = clear it. */
export type RatingChange = Partial<RatingFields>;
export type CellChange = Partial<RatingCell>;

/** A stored outcome; `scaleId` (when known) must match for "tiêu biểu" to be kept. */
export type StoredCell = RatingCell & { scaleId?: string };

/** The merged outcome, or null when nothing is left (the rating is cleared). */
export function mergeCell(
  scale: RatingScale,
  stored: StoredCell | null,
  change: CellChange,
): RatingCell | null {
  const outcomeGiven = change.levelCode !== undefined || change.notRatedReason !== undefined;
  const levelCode = outcomeGiven ? (change.levelCode ?? null) : (stored?.levelCode ?? null);
  const notRatedReason = levelCode
    ? null
    : outcomeGiven
      ? (change.notRatedReason ?? null)
      : (stored?.notRatedReason ?? null);
  if (!levelCode && !notRatedReason) return null;
  const sameLevel =
    stored !== null &&
    levelCode !== null &&
    stored.levelCode === levelCode &&
    (stored.scaleId === undefined || stored.scaleId === scale.id);
  const exemplary = change.exemplary ?? (sameLevel && stored.exemplary);
  return { levelCode, exemplary, notRatedReason };
}

/**
 * The merged rating, or null when nothing is left. A "tiêu biểu" given on a level that cannot
 * carry it is returned as given: the caller refuses it with its own message.
 */
export function mergeRating(
  scale: RatingScale,
  stored: (RatingFields & { scaleId?: string }) | null,
  change: RatingChange,
): RatingFields | null {
  const cell = mergeCell(scale, stored, change);
  if (!cell) return null;
  const keep = <T>(given: T | undefined, kept: T): T => (given === undefined ? kept : given);
  return {
    ...cell,
    rank: keep(change.rank, stored?.rank ?? null),
    change: keep(change.change, stored?.change ?? null),
    score: keep(change.score, stored?.score ?? null),
    memberCount: keep(change.memberCount, stored?.memberCount ?? null),
    ratedBy: keep(change.ratedBy, stored?.ratedBy ?? null),
    decisionNumber: keep(change.decisionNumber, stored?.decisionNumber ?? null),
    decisionDate: keep(change.decisionDate, stored?.decisionDate ?? null),
    note: keep(change.note, stored?.note ?? null),
  };
}

/** Whether the level may carry "tiêu biểu" on the scale. */
export function canBeExemplary(scale: RatingScale, levelCode: string | null): boolean {
  return levelCode !== null && levelCode === scale.exemplaryLevel;
}

const NOT_RATED_BY_KEY = new Map(
  NOT_RATED_REASONS.map((r) => [foldForSearch(NOT_RATED_LABELS[r]), r] as const),
);

/**
 * One cell as typed or pasted: 'empty' when there is nothing in it, the change it asks for
 * (a level, "TSVM tiêu biểu", or a reason such as "Mới thành lập"), or null when it is none of
 * these. A plain level leaves "tiêu biểu" not given, so the merge keeps a recorded flag.
 */
export function parseRatingCell(scale: RatingScale, text: string): CellChange | 'empty' | null {
  if (text.trim() === '') return 'empty';
  const reason = NOT_RATED_BY_KEY.get(foldForSearch(text));
  if (reason) return { levelCode: null, notRatedReason: reason };
  const parsed = parseLevel(scale, text);
  if (!parsed) return null;
  return parsed.exemplary
    ? { levelCode: parsed.level.code, exemplary: true }
    : { levelCode: parsed.level.code };
}
