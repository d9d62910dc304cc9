// The colours and names the report's charts share: one colour per tier (the same as the rating
// counts above the grid), one per trend, and the legend's words for a tier across the scales a
// chart spans ("TSVM / HTXSNV" when it crosses 2017 → 2018).
import type { Tier } from '../../../shared/domain/scales';
import { scaleById } from '../../../shared/domain/scales';

export const TIERS: readonly Tier[] = [1, 2, 3, 4];

export const TIER_COLORS: Record<Tier, string> = {
  1: '#1b7f3b',
  2: '#2f6fb0',
  3: '#c78a00',
  4: '#b00020',
};
export const NOT_RATED_COLOR = '#7b8794';
export const MISSING_COLOR = '#d5d9df';

export const TREND_COLORS = {
  up: '#1b7f3b',
  same: '#7b8794',
  down: '#b00020',
  notComparable: '#c78a00',
} as const;

/** The colour that marks a change of rating scale on every chart. */
export const SCALE_BREAK_COLOR = '#b3261e';

/** The level of each tier as the given scales write it: "TSVM / HTXSNV", "HTTNV". */
export function tierNames(scaleIds: readonly (string | null)[]): Record<Tier, string> {
  const names: Record<Tier, string[]> = { 1: [], 2: [], 3: [], 4: [] };
  for (const id of scaleIds) {
    const scale = id ? scaleById(id) : null;
    for (const level of scale?.levels ?? []) {
      if (!names[level.tier].includes(level.abbreviation))
        names[level.tier].push(level.abbreviation);
    }
  }
  return {
    1: names[1].join(' / '),
    2: names[2].join(' / '),
    3: names[3].join(' / '),
    4: names[4].join(' / '),
  };
}

/** The tier of a level code on a scale (null: the scale does not know it). */
export function tierIn(scaleId: string | null, levelCode: string): Tier | null {
  const scale = scaleId ? scaleById(scaleId) : null;
  return scale?.levels.find((l) => l.code === levelCode)?.tier ?? null;
}
