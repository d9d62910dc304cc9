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
 * The side number of the stored columns `<prefix>_state`, `_scale`, `_level` of row `t`, NULL for a
 * side the catalog does not know.
 */
export function sideSql(t: string, prefix: 'from' | 'to'): string {
  const col = (name: string) => `${t}.${prefix}_${name}`;
  const byScale = (state: 1 | 2) => {
    // The newest scale first: most pairs asked for are of recent years.
    const branches = [...SCALES].reverse().map((scale) => {
      if (state === 2) {
        const index = SIDES.findIndex((s) => s.state === 2 && s.scale === scale.id);
        return `WHEN ${quote(scale.id)} THEN ${index}`;
      }
      const levels = scale.levels.map((level) => {
        const index = SIDES.findIndex(
          (s) => s.state === 1 && s.scale === scale.id && s.level === level.code,
        );
        return `WHEN ${quote(level.code)} THEN ${index}`;
      });
      return `WHEN ${quote(scale.id)} THEN CASE ${col('level')} ${levels.join(' ')} END`;
    });
    return `CASE ${col('scale')} ${branches.join(' ')} END`;
  };
  // A level first: most pairs have one.
  return `CASE ${col('state')} WHEN 1 THEN ${byScale(1)} WHEN 0 THEN 0 WHEN 2 THEN ${byScale(2)} END`;
}

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
