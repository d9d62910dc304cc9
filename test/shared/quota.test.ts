// The HTXSNV quota (DOMAIN.md §3; QĐ 366 Điều 11): per deciding committee and kind of unit, a
// per-scale setting, and always a warning, never a block.
import { describe, expect, test } from 'vitest';
import type { AppliedQuota, QuotaGroup } from '../../shared/domain/quota';
import { appliedQuota, defaultQuotaSetting, quotaWarnings } from '../../shared/domain/quota';
import type { RatingScale } from '../../shared/domain/scales';
import { scaleForYear } from '../../shared/domain/scales';

function scale(year: number): RatingScale {
  const s = scaleForYear(year);
  if (!s) throw new Error(`no scale for ${year}`);
  return s;
}

const s2025 = scale(2025);
const s2019 = scale(2019);

function group(counts: Record<string, number>, name = 'Đảng bộ huyện Bắc Sơn'): QuotaGroup {
  return { committeeId: `id:${name}`, committeeName: name, kind: 'base_committee', counts };
}

const on2025 = appliedQuota(s2025, null);
const warnings = (counts: Record<string, number>, quota: AppliedQuota | null = on2025) =>
  quotaWarnings(quota, s2025, [group(counts)]);

describe('which quota applies', () => {
  test('from 2025 the 20% quota applies by default, with the 25% allowance', () => {
    expect(on2025).toEqual({
      level: 'HTXSNV',
      ofLevel: 'HTTNV',
      base: 'level',
      percent: 20,
      outstandingPercent: 25,
    });
  });

  test('before 2025 it is off unless switched on, then with the base chosen', () => {
    expect(appliedQuota(s2019, null)).toBeNull();
    expect(appliedQuota(s2019, { enabled: true, base: 'level_and_above' })).toEqual({
      level: 'HTXSNV',
      ofLevel: 'HTTNV',
      base: 'level_and_above',
      percent: 20,
      outstandingPercent: null,
    });
    const rule = s2019.quota;
    expect(rule && defaultQuotaSetting(rule)).toEqual({ enabled: false, base: 'level' });
  });

  test('switched off in 2025 it does not apply; the 2008–2017 scale has none to switch on', () => {
    expect(appliedQuota(s2025, { enabled: false, base: 'level' })).toBeNull();
    expect(appliedQuota(scale(2016), { enabled: true, base: 'level' })).toBeNull();
  });

  test('no quota, no warning', () => {
    expect(warnings({ HTXSNV: 9, HTTNV: 1 }, null)).toEqual([]);
  });
});

describe('quota warnings per committee', () => {
  test('3 HTXSNV with 12 HTTNV is over 20% (2) but within 25% (3): a warning naming both', () => {
    const [w, ...rest] = warnings({ HTXSNV: 3, HTTNV: 12, HTNV: 4 });
    expect(rest).toEqual([]);
    expect(w).toMatchObject({
      committeeName: 'Đảng bộ huyện Bắc Sơn',
      kind: 'base_committee',
      level: 'HTXSNV',
      count: 3,
      base: 12,
      limit: 2,
      outstandingLimit: 3,
      severe: false,
    });
    expect(w?.message).toBe(
      'Đảng bộ huyện Bắc Sơn, các đảng bộ cơ sở: 3 tổ chức xếp loại HTXSNV, vượt quá 20% số xếp ' +
        'loại HTTNV (12; tối đa 2). Chỉ được đến 25% (tối đa 3) nếu có thành tích nổi bật. ' +
        'Đây chỉ là cảnh báo.',
    );
  });

  test('over 25% too is severe, and the message says so', () => {
    const [w] = warnings({ HTXSNV: 4, HTTNV: 12 });
    expect(w).toMatchObject({ count: 4, limit: 2, outstandingLimit: 3, severe: true });
    expect(w?.message).toMatch(
      /vượt quá 25% số xếp loại HTTNV \(12; tối đa 3 kể cả khi có thành tích nổi bật\)/,
    );
    expect(w?.message).toMatch(/Đây chỉ là cảnh báo\.$/);
  });

  test('at or under 20% there is no warning; the limit rounds down', () => {
    expect(warnings({ HTXSNV: 2, HTTNV: 10 })).toEqual([]);
    expect(warnings({ HTXSNV: 3, HTTNV: 15 })).toEqual([]);
    expect(warnings({ HTXSNV: 1, HTTNV: 4 })).toHaveLength(1);
    expect(warnings({})).toEqual([]);
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

  test('"HTTNV trở lên" adds the HTXSNV units to the base', () => {
    const above = appliedQuota(s2019, { enabled: true, base: 'level_and_above' });
    const only = appliedQuota(s2019, { enabled: true, base: 'level' });
    const counts = { HTXSNV: 3, HTTNV: 12 };
    // 20% of 12 is 2 (over); 20% of 15 is 3 (within).
    expect(quotaWarnings(only, s2019, [group(counts)])).toHaveLength(1);
    expect(quotaWarnings(above, s2019, [group(counts)])).toEqual([]);
    const [w] = quotaWarnings(above, s2019, [group({ HTXSNV: 4, HTTNV: 12 })]);
    expect(w).toMatchObject({ base: 16, limit: 3, outstandingLimit: null, severe: true });
    expect(w?.message).toMatch(/vượt quá 20% số xếp loại HTTNV trở lên \(16; tối đa 3\)\./);
  });

  test('each committee and kind is judged on its own counts', () => {
    const groups: QuotaGroup[] = [
      group({ HTXSNV: 1, HTTNV: 10 }, 'Đảng bộ huyện Bắc Sơn'),
      group({ HTXSNV: 3, HTTNV: 10 }, 'Đảng bộ huyện Bình Gia'),
      { ...group({ HTXSNV: 1, HTTNV: 0 }, 'Đảng bộ huyện Bắc Sơn'), kind: 'base_cell' },
    ];
    const result = quotaWarnings(on2025, s2025, groups);
    expect(result.map((w) => [w.committeeName, w.kind, w.count])).toEqual([
      ['Đảng bộ huyện Bình Gia', 'base_committee', 3],
      ['Đảng bộ huyện Bắc Sơn', 'base_cell', 1],
    ]);
    expect(result[1]?.message).toMatch(/^Đảng bộ huyện Bắc Sơn, các chi bộ cơ sở: /);
  });

  test('units without a parent are named as such', () => {
    const [w] = quotaWarnings(on2025, s2025, [
      { committeeId: null, committeeName: null, kind: 'base_cell', counts: { HTXSNV: 1 } },
    ]);
    expect(w?.message).toMatch(/^Tổ chức không có cấp trên, các chi bộ cơ sở: 1 tổ chức/);
  });
});
