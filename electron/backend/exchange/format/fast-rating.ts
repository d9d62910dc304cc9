// The common rating line read without the record schema: a national file holds half a million
// ratings, and running each through zod was the largest part of a preview's first pass.
//
// Only a line that the schema would take unchanged is taken here: the record and its fields in
// the schema's own order, every field of a plain type and range, no text the schema would clean,
// the optional fields empty (but the member count), no tombstone, and the rating rules
// (`ratingProblem`) kept. For such a line the schema returns exactly the parsed JSON, so that is
// the record. Anything else — a value out of range, an unknown or missing key, a cleaned text, a
// tombstone — returns null and goes through the schema, which takes it or says what is wrong.
// test/backend/exchange-fast-rating.test.ts compares both on generated and mutated lines.
import { UUID_PATTERN } from '../../../../shared/domain/ids';
import { FIRST_RATING_YEAR } from '../../../../shared/domain/scales';
import { schemaCurrentYear, yearProblem } from '../../../../shared/domain/years';
import type { RecordOf } from './records';

/** The record's keys and its fields' keys, in the schema's order (records.ts). */
const RECORD_KEYS = ['t', 'id', 'rev', 'by', 'at', 'del', 'd'] as const;
const DATA_KEYS = [
  'unitId',
  'year',
  'scaleId',
  'levelCode',
  'notRatedReason',
  'exemplary',
  'rank',
  'change',
  'score',
  'memberCount',
  'ratedBy',
  'decisionNumber',
  'decisionDate',
  'note',
] as const;
/** Fields that must be empty here (the schema checks them otherwise). */
const EMPTY_KEYS = [
  'notRatedReason',
  'rank',
  'change',
  'score',
  'ratedBy',
  'decisionNumber',
  'decisionDate',
  'note',
] as const;

/** The app's own timestamps (`Date.toISOString()`), which the schema's ISO 8601 rule takes. */
const APP_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
/** Timestamps seen valid: a file's records share few of them. Bounded, cleared when full. */
const validTimestamps = new Set<string>();
const TIMESTAMPS_KEPT = 10_000;

function isTimestamp(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  if (validTimestamps.has(value)) return true;
  if (!APP_TIMESTAMP.test(value)) return false;
  // A real moment written back the same (no 30 February, no hour 24).
  const time = Date.parse(value);
  if (Number.isNaN(time) || new Date(time).toISOString() !== value) return false;
  if (validTimestamps.size >= TIMESTAMPS_KEPT) validTimestamps.clear();
  validTimestamps.add(value);
  return true;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Exactly these keys, in this order. */
function hasKeys(value: Record<string, unknown>, keys: readonly string[]): boolean {
  const own = Object.keys(value);
  if (own.length !== keys.length) return false;
  for (let i = 0; i < keys.length; i++) if (own[i] !== keys[i]) return false;
  return true;
}

function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID_PATTERN.test(value);
}

function isShortText(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.length <= max;
}

/** The rules of the rating a record must keep (records.ts `ratingProblem`). */
export type RatingRules = (d: {
  year: number;
  scaleId: string;
  levelCode: string | null;
  notRatedReason: string | null;
  exemplary: boolean;
}) => unknown;

/**
 * The parsed JSON of a rating line when the record schema would return it unchanged, else null
 * (then the schema decides). `rules`: the rating rules, null when kept. Years follow the
 * caller's `withSchemaYear`, as the schema's do.
 */
export function plainRating(
  json: Record<string, unknown>,
  rules: RatingRules,
): RecordOf<'rating'> | null {
  if (json.t !== 'rating' || !hasKeys(json, RECORD_KEYS)) return null;
  const { id, rev, by, at, del, d } = json;
  if (!isUuid(id)) return null;
  if (typeof rev !== 'number' || !Number.isSafeInteger(rev) || rev < 1) return null;
  if (typeof by !== 'string' || by.length < 1 || by.length > 100) return null;
  if (del !== null || !isTimestamp(at)) return null;
  if (!isPlainObject(d) || !hasKeys(d, DATA_KEYS)) return null;
  if (!isUuid(d.unitId)) return null;
  const year = d.year;
  if (typeof year !== 'number' || !Number.isSafeInteger(year)) return null;
  if (year < FIRST_RATING_YEAR || yearProblem(year, schemaCurrentYear()) !== null) return null;
  if (!isShortText(d.scaleId, 50) || !isShortText(d.levelCode, 30)) return null;
  if (typeof d.exemplary !== 'boolean') return null;
  const members = d.memberCount;
  if (
    members !== null &&
    (typeof members !== 'number' || !Number.isSafeInteger(members) || members < 0)
  ) {
    return null;
  }
  for (const key of EMPTY_KEYS) if (d[key] !== null) return null;
  const rating = {
    year,
    scaleId: d.scaleId,
    levelCode: d.levelCode,
    notRatedReason: null,
    exemplary: d.exemplary,
  };
  if (rules(rating) !== null) return null;
  return json as RecordOf<'rating'>;
}
