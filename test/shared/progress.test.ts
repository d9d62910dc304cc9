import { describe, expect, test } from 'vitest';
import type { RatingPoint } from '../../shared/domain/progress';
import {
  TREND_LABELS,
  compareRatings,
  exemplaryStreak,
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

describe('scoreWarning on the 2025 scored scale: necessary, not sufficient', () => {
  const s2025 = scale(2025);

  test('a score at or above the minimum of its level gives no warning', () => {
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

  test('a score above the band is never a warning (other conditions decide the level)', () => {
    expect(scoreWarning(s2025, 'HTTNV', 90)).toBeNull();
    expect(scoreWarning(s2025, 'HTTNV', 100)).toBeNull();
    expect(scoreWarning(s2025, 'HTNV', 95)).toBeNull();
    // KHTNV follows from listed cases (disunity, a leader disciplined …) at any score.
    expect(scoreWarning(s2025, 'KHTNV', 98)).toBeNull();
  });

  test('a score below the minimum warns with the message of QĐ 366 Điều 11', () => {
    expect(scoreWarning(s2025, 'HTXSNV', 85)).toBe(
      'Điểm 85 chưa đạt khung điểm của mức HTXSNV (từ 90 điểm trở lên)',
    );
    expect(scoreWarning(s2025, 'HTTNV', 69)).toBe(
      'Điểm 69 chưa đạt khung điểm của mức HTTNV (từ 70 điểm trở lên)',
    );
    expect(scoreWarning(s2025, 'HTNV', 49)).toBe(
      'Điểm 49 chưa đạt khung điểm của mức HTNV (từ 50 điểm trở lên)',
    );
  });

  test('decimals are written the Vietnamese way', () => {
    expect(scoreWarning(s2025, 'HTXSNV', 89.5)).toBe(
      'Điểm 89,5 chưa đạt khung điểm của mức HTXSNV (từ 90 điểm trở lên)',
    );
  });

  test('no score, no level, an unknown level or an unscored scale gives no warning', () => {
    expect(scoreWarning(s2025, 'HTTNV', null)).toBeNull();
    expect(scoreWarning(s2025, null, 10)).toBeNull();
    expect(scoreWarning(s2025, 'TSVM', 10)).toBeNull();
    expect(scoreWarning(scale(2019), 'HTXSNV', 10)).toBeNull();
    expect(scoreWarning(scale(2016), 'TSVM', 10)).toBeNull();
  });
});

describe('exemplaryStreak: the current run of "tiêu biểu" years', () => {
  /** Exemplary years, and years rated without the flag. */
  const history = (exemplary: number[], plain: number[] = []) =>
    [
      ...exemplary.map((year) => ({ year, exemplary: true })),
      ...plain.map((year) => ({ year, exemplary: false })),
    ].sort((a, b) => a.year - b.year);

  test('five exemplary years ending with the latest rating reach "5 năm liền"', () => {
    expect(exemplaryStreak(history([2020, 2021, 2022, 2023, 2024], [2019]))).toEqual({
      from: 2020,
      to: 2024,
      years: 5,
      reachedFive: true,
    });
  });

  test('four years are counted but do not reach five', () => {
    expect(exemplaryStreak(history([2021, 2022, 2023, 2024]))).toEqual({
      from: 2021,
      to: 2024,
      years: 4,
      reachedFive: false,
    });
  });

  test('the run carries across the scale changes (2017 → 2018, 2024 → 2025)', () => {
    expect(exemplaryStreak(history([2016, 2017, 2018, 2019, 2020, 2021]))).toEqual({
      from: 2016,
      to: 2021,
      years: 6,
      reachedFive: true,
    });
    expect(exemplaryStreak(history([2022, 2023, 2024, 2025, 2026]))).toMatchObject({
      from: 2022,
      years: 5,
      reachedFive: true,
    });
  });

  test('a year without the flag, or a year with no rating, ends the run', () => {
    expect(exemplaryStreak(history([2018, 2019, 2021, 2022], [2020]))).toEqual({
      from: 2021,
      to: 2022,
      years: 2,
      reachedFive: false,
    });
    expect(exemplaryStreak(history([2016, 2017, 2018, 2020, 2021]))).toEqual({
      from: 2020,
      to: 2021,
      years: 2,
      reachedFive: false,
    });
  });

  test('no run when the latest rating is not exemplary, or there is no rating', () => {
    expect(exemplaryStreak(history([2019, 2020, 2021, 2022, 2023], [2024]))).toBeNull();
    expect(exemplaryStreak([])).toBeNull();
  });

  test('the order of the input does not matter', () => {
    const shuffled = history([2020, 2021, 2022, 2023, 2024]).reverse();
    expect(exemplaryStreak(shuffled)).toEqual({
      from: 2020,
      to: 2024,
      years: 5,
      reachedFive: true,
    });
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
