// The "sides" of a kept pair of ratings (rating_transitions, migration 18): each year's rating as
// (state, scale, level) numbered from the scale catalog, so SQLite can hand over a group's pairs
// as small integers and JavaScript works each distinct pair's trend out once, not once per row.
//
// Why: the nation's transitions read ~7,400 (group, pair) rows; handing them to JavaScript as
// objects with six strings each and building a string key per row cost more than SQLite's
// reading (docs/performance.md, "The nation's transitions summed per group"). A side is numbered
// by a CASE over the catalog's scales and levels (a constant: the SQL text never changes); a
// rating no scale knows gets no number, and the caller then reads the pairs as stored.
import type { Trend } from '../../../shared/domain/progress';
import { compareRatings } from '../../../shared/domain/progress';
import { SCALES } from '../../../shared/domain/scales';

/** One year's rating of a pair: state 0 no rating, 1 a level, 2 rated without a level. */
export interface Side {
  state: 0 | 1 | 2;
  scale: string;
  level: string;
}

/** Every side the catalog knows: no rating first, then each scale without a level and its levels. */
export const SIDES: readonly Side[] = [
  { state: 0, scale: '', level: '' },
  ...SCALES.flatMap((scale) => [
    { state: 2 as const, scale: scale.id, level: '' },
    ...scale.levels.map((level) => ({ state: 1 as const, scale: scale.id, level: level.code })),
  ]),
];

/** A pair's number: from-side × SIDES.length + to-side. */
export const pairCode = (from: number, to: number) => from * SIDES.length + to;

const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;

/**
 * Each side's place in the order rating_transitions' key sorts sides: state, then scale and level
 * as SQLite's BINARY collation compares text (their UTF-8 bytes).
 */
const SIDE_RANKS: readonly number[] = (() => {
  const bytes = (text: string) => Buffer.from(text, 'utf8');
  const order = SIDES.map((side, index) => ({ side, index })).sort(
    (a, b) =>
      a.side.state - b.side.state ||
      Buffer.compare(bytes(a.side.scale), bytes(b.side.scale)) ||
      Buffer.compare(bytes(a.side.level), bytes(b.side.level)),
  );
  const ranks = new Array<number>(SIDES.length).fill(0);
  order.forEach(({ index }, rank) => {
    ranks[index] = rank;
  });
  return ranks;
})();

/**
 * The side number of the stored columns `<prefix>_state`, `_scale`, `_level` of row `t` (bare
 * columns for null), NULL for a side the catalog does not know. `ranked`: the side's place in
 * the key's order (SIDE_RANKS) instead of its index in SIDES.
 */
export function sideSql(t: string | null, prefix: 'from' | 'to', ranked = false): string {
  const col = (name: string) => (t === null ? `${prefix}_${name}` : `${t}.${prefix}_${name}`);
  const number = (index: number) => (ranked ? (SIDE_RANKS[index] ?? -1) : index);
  const byScale = (state: 1 | 2) => {
    // The newest scale first: most pairs asked for are of recent years.
    const branches = [...SCALES].reverse().map((scale) => {
      if (state === 2) {
        const index = SIDES.findIndex((s) => s.state === 2 && s.scale === scale.id);
        return `WHEN ${quote(scale.id)} THEN ${number(index)}`;
      }
      const levels = scale.levels.map((level) => {
        const index = SIDES.findIndex(
          (s) => s.state === 1 && s.scale === scale.id && s.level === level.code,
        );
        return `WHEN ${quote(level.code)} THEN ${number(index)}`;
      });
      return `WHEN ${quote(scale.id)} THEN CASE ${col('level')} ${levels.join(' ')} END`;
    });
    return `CASE ${col('scale')} ${branches.join(' ')} END`;
  };
  // A level first: most pairs have one.
  return `CASE ${col('state')} WHEN 1 THEN ${byScale(1)} WHEN 0 THEN ${number(0)} WHEN 2 THEN ${byScale(2)} END`;
}

/** The pair number of a side the catalog does not know (no number: read as stored). */
export const UNKNOWN_PAIR = -1;

/**
 * The ranked pair number of row `t` of rating_transitions (bare columns for null: migration 23's
 * index holds it): from-side's rank × SIDES.length + to-side's rank (SIDE_RANKS), UNKNOWN_PAIR
 * when a side has none. Ranked, so that the index lists a (year, parent, kind)'s pairs in the
 * order of the table's key, as the statement read them before the index: the report's table
 * cells are made in the order their pairs come. The statement and the index must write the same
 * expression for SQLite to read the index's value instead of working the CASE out per row.
 */
export function rankedPairSql(t: string | null): string {
  return `coalesce((${sideSql(t, 'from', true)}) * ${SIDES.length} + (${sideSql(t, 'to', true)}), ${UNKNOWN_PAIR})`;
}

/** The pair number (pairCode) of each ranked pair number (rankedPairSql). */
export const PAIR_OF_RANKED: readonly number[] = (() => {
  const sideOfRank = new Array<number>(SIDES.length).fill(0);
  SIDE_RANKS.forEach((rank, index) => {
    sideOfRank[rank] = index;
  });
  return Array.from({ length: SIDES.length * SIDES.length }, (_, ranked) =>
    pairCode(
      sideOfRank[Math.floor(ranked / SIDES.length)] ?? 0,
      sideOfRank[ranked % SIDES.length] ?? 0,
    ),
  );
})();

/** The trend of every pair of sides between two years, by pair number (worked out once each). */
const trendTables = new Map<string, readonly Trend[]>();

export function pairTrends(fromYear: number, toYear: number, crosswalk: boolean): readonly Trend[] {
  const key = `${fromYear}:${toYear}:${crosswalk}`;
  let table = trendTables.get(key);
  if (!table) {
    const point = (side: Side, year: number) =>
      side.state === 0
        ? null
        : { year, scaleId: side.scale, levelCode: side.state === 1 ? side.level : null };
    table = SIDES.flatMap((a) =>
      SIDES.map((b) => compareRatings(point(a, fromYear), point(b, toYear), { crosswalk }).trend),
    );
    trendTables.set(key, table);
  }
  return table;
}

/** The level a side shows in the matrix: its level code, or none. */
export const matrixLevel = (side: Side): string | null => (side.state === 1 ? side.level : null);
