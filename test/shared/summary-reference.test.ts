// The group summaries' sentences written with fewer intermediate arrays and strings (NATREPORT6)
// must read exactly as before: the old code (test/helpers/reference-summary.ts) and the new one
// over many generated groups, every style, with and without the exemplary count.
import { describe, expect, test } from 'vitest';
import type { NotRatedReason } from '../../shared/domain/scales';
import { NOT_RATED_REASONS, SCALES } from '../../shared/domain/scales';
import type { GroupFigures, SummaryOptions } from '../../shared/domain/summary';
import { SUMMARY_STYLES, summarizeGroup } from '../../shared/domain/summary';
import { prng, type Prng } from '../helpers/prng';
import { summarizeGroup as referenceSummarizeGroup } from '../helpers/reference-summary';

const DESCRIPTIONS = ['TCCSĐ thuộc Đảng bộ tỉnh', 'đảng bộ xã', 'Đảng bộ Khối', ''];

/** A count, often zero, sometimes large enough for a thousands separator. */
function count(r: Prng): number {
  const roll = r.int(10);
  if (roll < 3) return 0;
  if (roll < 8) return r.int(20);
  return r.int(30_000);
}

function figures(r: Prng): GroupFigures {
  const scale = r.pick(SCALES);
  const levels: Record<string, number> = {};
  // The scale's codes in a random order, now and then one it does not know.
  for (const level of [...scale.levels].sort(() => r.next() - 0.5)) {
    if (r.chance(0.8)) levels[level.code] = count(r);
  }
  if (r.chance(0.15)) levels[r.pick(['XYZ', 'yếu kém cũ', 'TSVM2'])] = count(r);
  const notRated: Partial<Record<NotRatedReason, number>> = {};
  for (const reason of NOT_RATED_REASONS) if (r.chance(0.3)) notRated[reason] = count(r);
  const rated = Object.values(levels).reduce((a, b) => a + b, 0);
  const year = scale.fromYear + r.int(3);
  const g: GroupFigures = {
    year,
    compareYear: r.chance(0.2) ? null : year - 1 - r.int(2),
    description: r.pick(DESCRIPTIONS),
    scale,
    total: r.chance(0.05) ? 0 : rated + r.int(5) + (r.chance(0.5) ? 0 : count(r)),
    levels,
  };
  if (r.chance(0.7)) g.exemplary = count(r);
  if (r.chance(0.7)) g.notRated = notRated;
  if (r.chance(0.85)) {
    g.changes = {};
    if (r.chance(0.8)) g.changes = { ...g.changes, up: count(r) };
    if (r.chance(0.8)) g.changes = { ...g.changes, same: count(r) };
    if (r.chance(0.5)) g.changes = { ...g.changes, down: count(r) };
    if (r.chance(0.3)) g.changes = { ...g.changes, not_comparable: count(r) };
  }
  if (r.chance(0.1)) {
    g.namedCases = [
      { name: 'Đảng bộ xã Đồng Ý', fromLevel: 'Yếu kém', toLevel: 'TSVM', trend: 'up' },
    ];
  }
  return g;
}

describe('summarizeGroup against the code it replaced', () => {
  test('3,000 generated groups read the same in every style, with and without the exemplary count', () => {
    const r = prng(20261130);
    let told = 0;
    for (let i = 0; i < 3000; i += 1) {
      const g = figures(r);
      for (const style of SUMMARY_STYLES) {
        for (const options of [
          { style },
          { style, showExemplary: true },
          { style, showExemplary: true, unitNoun: 'chi bộ' },
        ] satisfies SummaryOptions[]) {
          const text = summarizeGroup(g, options);
          expect(text, `case ${i} ${JSON.stringify(options)}`).toBe(
            referenceSummarizeGroup(g, options),
          );
          if (text.includes('trong đó') && text.includes('tiêu biểu')) told += 1;
        }
      }
      expect(summarizeGroup(g)).toBe(referenceSummarizeGroup(g));
    }
    // The generator reaches the exemplary count, the unknown codes and the empty groups.
    expect(told).toBeGreaterThan(100);
  });
});
