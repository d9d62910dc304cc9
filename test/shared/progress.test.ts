import { describe, expect, test } from 'vitest';
import type { RatingPoint } from '../../shared/domain/progress';
import {
  TREND_LABELS,
  compareRatings,
  quotaWarnings,
  scoreWarning,
  yearsCrossScale,
} from '../../shared/domain/progress';
import type { RatingScale } from '../../shared/domain/scales';
import { scaleForYear } from '../../shared/domain/scales';
import { VIETNAMESE_LETTER } from '../helpers/backend';

function scale(year: number): RatingScale {
  const s = scaleForYear(year);
  if (!s) throw new Error(`no scale for ${year}`);
  return s;
}

/** A rating point as stored: the year's scale and a level (null = not rated). */
const at = (year: number, levelCode: string | null): RatingPoint => ({
  year,
  scaleId: scale(year).id,
  levelCode,
});

describe('compareRatings on one scale', () => {
  test('a better level is up, the same level is same, a worse level is down', () => {
    expect(compareRatings(at(2016, 'YK'), at(2017, 'TSVM'))).toEqual({
      trend: 'up',
      crossesScale: false,
      reason: null,
    });
    expect(compareRatings(at(2016, 'HTTNV'), at(2017, 'TSVM')).trend).toBe('up');
    expect(compareRatings(at(2016, 'HTTNV'), at(2017, 'HTTNV'))).toEqual({
      trend: 'same',
      crossesScale: false,
      reason: null,
    });
    expect(compareRatings(at(2016, 'TSVM'), at(2017, 'HTNV')).trend).toBe('down');
    expect(compareRatings(at(2019, 'KHTNV'), at(2020, 'HTNV')).trend).toBe('up');
    expect(compareRatings(at(2020, 'HTXSNV'), at(2021, 'HTTNV')).trend).toBe('down');
  });

  test('the order of the two years matters (from → to)', () => {
    expect(compareRatings(at(2017, 'TSVM'), at(2016, 'YK')).trend).toBe('down');
  });

  test('a missing rating on either side is not comparable, reason "missing"', () => {
    const missing = { trend: 'not_comparable', crossesScale: false, reason: 'missing' };
    expect(compareRatings(null, at(2017, 'TSVM'))).toEqual(missing);
    expect(compareRatings(at(2016, 'TSVM'), null)).toEqual(missing);
    expect(compareRatings(null, null)).toEqual(missing);
  });

  test('a unit not rated in either year is not comparable, reason "not_rated"', () => {
    expect(compareRatings(at(2016, null), at(2017, 'HTNV'))).toEqual({
      trend: 'not_comparable',
      crossesScale: false,
      reason: 'not_rated',
    });
    expect(compareRatings(at(2016, 'HTNV'), at(2017, null)).reason).toBe('not_rated');
  });

  test('a level that is not on its scale is not comparable, reason "unknown_level"', () => {
    const stray = { year: 2016, scaleId: 'hd20-2008', levelCode: 'HTXSNV' };
    expect(compareRatings(stray, at(2017, 'TSVM'))).toEqual({
      trend: 'not_comparable',
      crossesScale: false,
      reason: 'unknown_level',
    });
    const unknownScale = { year: 2016, scaleId: 'gone', levelCode: 'TSVM' };
    expect(compareRatings(unknownScale, at(2016, 'TSVM'), { crosswalk: true }).reason).toBe(
      'unknown_level',
    );
  });

  test('asking for the crosswalk on one scale changes nothing', () => {
    expect(compareRatings(at(2016, 'YK'), at(2017, 'TSVM'), { crosswalk: true })).toEqual({
      trend: 'up',
      crossesScale: false,
      reason: null,
    });
  });
});

describe('compareRatings across a scale change (2017 → 2018)', () => {
  test('without the crosswalk it is not comparable and says it crosses the scale', () => {
    for (const [a, b] of [
      ['TSVM', 'HTXSNV'],
      ['TSVM', 'HTTNV'],
      ['YK', 'HTNV'],
    ] as const) {
      expect(compareRatings(at(2017, a), at(2018, b))).toEqual({
        trend: 'not_comparable',
        crossesScale: true,
        reason: 'scale_change',
      });
    }
  });

  test('with the crosswalk it compares tiers and still says it crosses the scale', () => {
    const cw = { crosswalk: true };
    expect(compareRatings(at(2017, 'TSVM'), at(2018, 'HTXSNV'), cw)).toEqual({
      trend: 'same',
      crossesScale: true,
      reason: null,
    });
    expect(compareRatings(at(2017, 'TSVM'), at(2018, 'HTTNV'), cw)).toEqual({
      trend: 'down',
      crossesScale: true,
      reason: null,
    });
    expect(compareRatings(at(2017, 'YK'), at(2018, 'HTNV'), cw).trend).toBe('up');
    expect(compareRatings(at(2017, 'YK'), at(2018, 'KHTNV'), cw).trend).toBe('same');
    expect(compareRatings(at(2017, 'HTNV'), at(2018, 'HTNV'), cw).trend).toBe('same');
  });

  test('not rated beats the scale change as a reason, and still reports the crossing', () => {
    expect(compareRatings(at(2017, null), at(2018, 'HTTNV'), { crosswalk: true })).toEqual({
      trend: 'not_comparable',
      crossesScale: true,
      reason: 'not_rated',
    });
  });

  test('yearsCrossScale is true exactly where the family of levels changes (2017 → 2018)', () => {
    expect(yearsCrossScale(2016, 2017)).toBe(false);
    expect(yearsCrossScale(2008, 2017)).toBe(false);
    expect(yearsCrossScale(2017, 2018)).toBe(true);
    expect(yearsCrossScale(2018, 2022)).toBe(false);
    // New regulations with the same four levels (QĐ 124 in 2023, QĐ 366 in 2025) compare directly.
    expect(yearsCrossScale(2022, 2023)).toBe(false);
    expect(yearsCrossScale(2024, 2025)).toBe(false);
    expect(yearsCrossScale(2017, 2025)).toBe(true);
    expect(yearsCrossScale(2025, 2030)).toBe(false);
    expect(yearsCrossScale(2007, 2008)).toBe(true);
  });
});

describe('quota warnings (HTXSNV at most 20% of HTTNV, a warning never a block)', () => {
  const warnings = (counts: Record<string, number>, year = 2019) =>
    quotaWarnings(scale(year), counts);

  test('3 HTXSNV with 10 HTTNV warns, with the numbers and the limit in the message', () => {
    const w = warnings({ HTXSNV: 3, HTTNV: 10, HTNV: 4 });
    expect(w).toHaveLength(1);
    expect(w[0]).toMatchObject({ level: 'HTXSNV', count: 3, limit: 2 });
    expect(w[0]!.message).toMatch(/^3 tổ chức xếp loại HTXSNV, vượt quá 20% /);
    expect(w[0]!.message).toMatch(/HTTNV \(10; tối đa 2\)/);
    expect(w[0]!.message).toMatch(/chỉ là cảnh báo/);
  });

  test('2 HTXSNV with 10 HTTNV is within the quota', () => {
    expect(warnings({ HTXSNV: 2, HTTNV: 10 })).toEqual([]);
  });

  test('1 HTXSNV with no HTTNV at all warns (the limit is 0)', () => {
    expect(warnings({ HTXSNV: 1 })).toEqual([
      expect.objectContaining({ level: 'HTXSNV', count: 1, limit: 0 }),
    ]);
    expect(warnings({ HTXSNV: 1, HTTNV: 0 })).toHaveLength(1);
  });

  test('no HTXSNV never warns', () => {
    expect(warnings({})).toEqual([]);
    expect(warnings({ HTTNV: 0, HTNV: 7 })).toEqual([]);
  });

  test('the limit rounds down: 4 of 20 is fine, 5 of 20 and 1 of 4 are over', () => {
    expect(warnings({ HTXSNV: 4, HTTNV: 20 })).toEqual([]);
    expect(warnings({ HTXSNV: 5, HTTNV: 20 })).toHaveLength(1);
    expect(warnings({ HTXSNV: 1, HTTNV: 4 })).toHaveLength(1);
    expect(warnings({ HTXSNV: 1, HTTNV: 5 })).toEqual([]);
  });

  test('over a range of counts it warns exactly when HTXSNV × 5 > HTTNV', () => {
    for (let base = 0; base <= 300; base++) {
      for (const count of [0, 1, Math.floor(base / 5), Math.floor(base / 5) + 1, base]) {
        const over = count * 5 > base;
        expect(warnings({ HTXSNV: count, HTTNV: base }).length, `${count}/${base}`).toBe(
          over ? 1 : 0,
        );
      }
    }
  });

  test('the quota applies on the 2023 and 2025 scales too, not on the 2008–2017 scale', () => {
    expect(warnings({ HTXSNV: 3, HTTNV: 10 }, 2023)).toHaveLength(1);
    expect(warnings({ HTXSNV: 3, HTTNV: 10 }, 2025)).toHaveLength(1);
    expect(warnings({ TSVM: 30, HTTNV: 1 }, 2016)).toEqual([]);
  });
});

describe('scoreWarning on the 2025 scored scale', () => {
  const s2025 = scale(2025);

  test('a score inside the band of its level gives no warning, bounds included', () => {
    for (const [level, score] of [
      ['HTXSNV', 90],
      ['HTXSNV', 100],
      ['HTTNV', 70],
      ['HTTNV', 89.5],
      ['HTNV', 50],
      ['HTNV', 69.9],
      ['KHTNV', 0],
      ['KHTNV', 49.5],
    ] as const) {
      expect(scoreWarning(s2025, level, score), `${level} ${score}`).toBeNull();
    }
  });

  test('a score outside the band warns and names the band', () => {
    expect(scoreWarning(s2025, 'HTXSNV', 89.5)).toBe(
      'Điểm 89.5 không nằm trong khung của mức HTXSNV (từ 90 đến 100).',
    );
    expect(scoreWarning(s2025, 'HTTNV', 90)).toBe(
      'Điểm 90 không nằm trong khung của mức HTTNV (từ 70 đến dưới 90).',
    );
    expect(scoreWarning(s2025, 'HTNV', 49)).toMatch(/HTNV \(từ 50 đến dưới 70\)/);
    expect(scoreWarning(s2025, 'KHTNV', 50)).toMatch(/KHTNV \(từ 0 đến dưới 50\)/);
  });

  test('no score, no level, an unknown level or an unscored scale gives no warning', () => {
    expect(scoreWarning(s2025, 'HTTNV', null)).toBeNull();
    expect(scoreWarning(s2025, null, 95)).toBeNull();
    expect(scoreWarning(s2025, 'TSVM', 10)).toBeNull();
    expect(scoreWarning(scale(2019), 'HTXSNV', 10)).toBeNull();
    expect(scoreWarning(scale(2016), 'TSVM', 10)).toBeNull();
  });
});

test('every trend has a Vietnamese label', () => {
  expect(TREND_LABELS).toEqual({
    up: 'Nâng lên',
    same: 'Giữ nguyên',
    down: 'Giảm',
    not_comparable: 'Không so sánh được',
  });
  for (const label of Object.values(TREND_LABELS)) expect(label).toMatch(VIETNAMESE_LETTER);
});

describe('compareRatings between regulations with the same levels', () => {
  test('2022 HTNV → 2023 HTTNV is up, with no scale change to label', () => {
    const result = compareRatings(
      { year: 2022, scaleId: 'qd132-2018', levelCode: 'HTNV' },
      { year: 2023, scaleId: 'qd124-2023', levelCode: 'HTTNV' },
    );
    expect(result).toEqual({ trend: 'up', crossesScale: false, reason: null });
  });
});
