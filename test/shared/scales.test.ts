import { describe, expect, test } from 'vitest';
import type { RatingScale } from '../../shared/domain/scales';
import {
  CHANGES,
  CHANGE_LABELS,
  NOT_RATED_LABELS,
  NOT_RATED_REASONS,
  RANKS,
  RANK_LABELS,
  RATED_BY,
  RATED_BY_LABELS,
  RATEABLE_KINDS,
  RATED_KINDS,
  SCALES,
  levelNames,
  levelOf,
  levelsByPrefix,
  parseLevel,
  ratingText,
  scaleById,
  scaleForYear,
  tierOf,
} from '../../shared/domain/scales';
import { VIETNAMESE_LETTER } from '../helpers/backend';

function scale(year: number): RatingScale {
  const s = scaleForYear(year);
  if (!s) throw new Error(`no scale for ${year}`);
  return s;
}

const codes = (s: RatingScale) => s.levels.map((l) => l.code);

describe('the scale of each year', () => {
  test('years before 2008 have no scale', () => {
    for (const year of [1990, 2000, 2005, 2007]) expect(scaleForYear(year)).toBeNull();
  });

  test('2008 to 2017 use TSVM, HTTNV, HTNV, Yếu kém with "tiêu biểu" on TSVM, unscored, no quota', () => {
    for (let year = 2008; year <= 2017; year++) {
      const s = scale(year);
      expect(s.id).toBe('hd20-2008');
      expect(codes(s)).toEqual(['TSVM', 'HTTNV', 'HTNV', 'YK']);
      expect(s.exemplaryLevel).toBe('TSVM');
      expect(s.exemplaryTitle?.label).toBe('TSVM tiêu biểu');
      expect(s.scored).toBe(false);
      expect(s.quota).toBeNull();
    }
  });

  test('2018 to 2022 use the four QĐ 132 levels; HTXSNV units may be "TSVM tiêu biểu"', () => {
    for (let year = 2018; year <= 2022; year++) {
      const s = scale(year);
      expect(s.id).toBe('qd132-2018');
      expect(codes(s)).toEqual(['HTXSNV', 'HTTNV', 'HTNV', 'KHTNV']);
      expect(s.exemplaryLevel).toBe('HTXSNV');
      expect(s.exemplaryTitle).toMatchObject({
        label: 'TSVM tiêu biểu',
        name: 'Trong sạch, vững mạnh tiêu biểu',
      });
      expect(s.exemplaryTitle?.basis).toMatch(/HD 21-HD\/BTCTW/);
      expect(s.scored).toBe(false);
    }
  });

  test('2023 and 2024 use QĐ 124 with the same four levels', () => {
    for (const year of [2023, 2024]) {
      const s = scale(year);
      expect(s.id).toBe('qd124-2023');
      expect(s.basis).toMatch(/124-QĐ\/TW/);
      expect(codes(s)).toEqual(['HTXSNV', 'HTTNV', 'HTNV', 'KHTNV']);
      expect(s.exemplaryLevel).toBe('HTXSNV');
      expect(s.exemplaryTitle?.label).toBe('TSVM tiêu biểu');
      expect(s.scored).toBe(false);
    }
  });

  test('from 2025 on the QĐ 366 scale is scored, with bands 90+, 70–<90, 50–<70, <50', () => {
    for (const year of [2025, 2026, 2040, 2100]) {
      const s = scale(year);
      expect(s.id).toBe('qd366-2025');
      expect(s.toYear).toBeNull();
      expect(s.scored).toBe(true);
      expect(s.basis).toMatch(/366-QĐ\/TW/);
      expect(s.exemplaryLevel).toBe('HTXSNV');
      expect(s.exemplaryTitle).toMatchObject({
        label: 'HTXSNV tiêu biểu',
        basis: 'HD 06-HD/TW (9/6/2025)',
      });
    }
    const bands = scale(2025).levels.map((l) => [l.code, l.scoreMin, l.scoreMax]);
    expect(bands).toEqual([
      ['HTXSNV', 90, 101],
      ['HTTNV', 70, 90],
      ['HTNV', 50, 70],
      ['KHTNV', 0, 50],
    ]);
  });

  test('every year from 2008 falls in exactly one scale, and the scales do not overlap', () => {
    for (let year = 2008; year <= 2100; year++) {
      const matching = SCALES.filter(
        (s) => s.fromYear <= year && (s.toYear === null || year <= s.toYear),
      );
      expect(matching, `year ${year}`).toHaveLength(1);
    }
    expect(new Set(SCALES.map((s) => s.id)).size).toBe(SCALES.length);
  });

  test('each scale lists its levels best first, tiers 1 to 4', () => {
    for (const s of SCALES) {
      expect(s.levels.map((l) => l.tier)).toEqual([1, 2, 3, 4]);
      expect(new Set(codes(s)).size).toBe(4);
    }
  });

  test('"tiêu biểu" exists in every period: each scale names its level and its label', () => {
    for (const s of SCALES) {
      expect(s.exemplaryLevel, s.id).not.toBeNull();
      expect(levelOf(s, s.exemplaryLevel)?.tier, s.id).toBe(1);
      expect(s.exemplaryTitle?.label, s.id).toMatch(/ tiêu biểu$/);
      expect(s.exemplaryTitle?.name, s.id).toMatch(/ tiêu biểu$/);
    }
  });

  test('from 2025 HTXSNV is capped at 20% of HTTNV (25% for outstanding cases), on by default', () => {
    expect(scale(2025).quota).toMatchObject({
      level: 'HTXSNV',
      ofLevel: 'HTTNV',
      percent: 20,
      outstandingPercent: 25,
      enabledByDefault: true,
      defaultBase: 'level',
    });
  });

  test('2018–2024 offer the 20% cap switched off (none found for organisations); 2008–2017 none', () => {
    for (const year of [2018, 2022, 2023, 2024]) {
      expect(scale(year).quota).toMatchObject({
        level: 'HTXSNV',
        ofLevel: 'HTTNV',
        percent: 20,
        outstandingPercent: null,
        enabledByDefault: false,
      });
    }
    expect(scale(2017).quota).toBeNull();
  });

  test('the grid rates the TCCSĐ; units below them may be asked for; upper committees never', () => {
    expect(RATED_KINDS).toEqual(['base_committee', 'base_cell']);
    expect(RATEABLE_KINDS).not.toContain('province');
    expect(RATEABLE_KINDS).not.toContain('upper_committee');
    expect(RATEABLE_KINDS).toContain('subordinate_cell');
  });

  test('scaleForYear and scaleById accept another table of scales (scales are data)', () => {
    const custom: RatingScale[] = [{ ...scale(2016), id: 'x', fromYear: 1990, toYear: 1999 }];
    expect(scaleForYear(1995, custom)?.id).toBe('x');
    expect(scaleForYear(2016, custom)).toBeNull();
    expect(scaleById('x', custom)?.fromYear).toBe(1990);
    expect(scaleById('hd20-2008')?.toYear).toBe(2017);
    expect(scaleById('nope')).toBeNull();
  });
});

describe('level names', () => {
  test('each level has its full Vietnamese name', () => {
    const names = (year: number) => scale(year).levels.map((l) => [l.abbreviation, l.name]);
    expect(names(2016)).toEqual([
      ['TSVM', 'Trong sạch, vững mạnh'],
      ['HTTNV', 'Hoàn thành tốt nhiệm vụ'],
      ['HTNV', 'Hoàn thành nhiệm vụ'],
      ['Yếu kém', 'Yếu kém'],
    ]);
    const four = [
      ['HTXSNV', 'Hoàn thành xuất sắc nhiệm vụ'],
      ['HTTNV', 'Hoàn thành tốt nhiệm vụ'],
      ['HTNV', 'Hoàn thành nhiệm vụ'],
      ['KHTNV', 'Không hoàn thành nhiệm vụ'],
    ];
    for (const year of [2018, 2023, 2025]) expect(names(year)).toEqual(four);
  });

  test('names are stored in Unicode NFC', () => {
    for (const s of SCALES) {
      for (const l of s.levels) expect(l.name).toBe(l.name.normalize('NFC'));
    }
  });

  test('levelNames lists the abbreviations of a scale in order', () => {
    expect(levelNames(scale(2016))).toBe('TSVM, HTTNV, HTNV, Yếu kém');
    expect(levelNames(scale(2019))).toBe('HTXSNV, HTTNV, HTNV, KHTNV');
  });
});

describe('tiers (the crosswalk between scales)', () => {
  test('TSVM and HTXSNV are tier 1, HTTNV 2, HTNV 3, Yếu kém and KHTNV 4', () => {
    expect(tierOf('hd20-2008', 'TSVM')).toBe(1);
    expect(tierOf('hd20-2008', 'HTTNV')).toBe(2);
    expect(tierOf('hd20-2008', 'HTNV')).toBe(3);
    expect(tierOf('hd20-2008', 'YK')).toBe(4);
    for (const id of ['qd132-2018', 'qd124-2023', 'qd366-2025']) {
      expect(tierOf(id, 'HTXSNV')).toBe(1);
      expect(tierOf(id, 'HTTNV')).toBe(2);
      expect(tierOf(id, 'HTNV')).toBe(3);
      expect(tierOf(id, 'KHTNV')).toBe(4);
    }
  });

  test('a level of another scale, no level, or an unknown scale has no tier', () => {
    expect(tierOf('hd20-2008', 'HTXSNV')).toBeNull();
    expect(tierOf('qd132-2018', 'TSVM')).toBeNull();
    expect(tierOf('qd132-2018', 'YK')).toBeNull();
    expect(tierOf('hd20-2008', null)).toBeNull();
    expect(tierOf('hd20-2008', undefined)).toBeNull();
    expect(tierOf('no-such-scale', 'HTTNV')).toBeNull();
    expect(levelOf(scale(2016), 'KHTNV')).toBeNull();
  });
});

describe('parseLevel reads a level as people write it', () => {
  const parsed = (year: number, text: string) => {
    const p = parseLevel(scale(year), text);
    return p ? { code: p.level.code, exemplary: p.exemplary } : null;
  };

  test.each([
    [2016, 'TSVM', 'TSVM'],
    [2016, 'tsvm', 'TSVM'],
    [2016, '  httnv ', 'HTTNV'],
    [2016, 'YK', 'YK'],
    [2016, 'Yếu kém', 'YK'],
    [2016, 'YẾU KÉM', 'YK'],
    [2016, 'yeu kem', 'YK'],
    [2016, 'Trong sạch, vững mạnh', 'TSVM'],
    [2016, 'trong sach vung manh', 'TSVM'],
    [2016, 'Hoàn thành tốt nhiệm vụ', 'HTTNV'],
    [2019, 'HTXSNV', 'HTXSNV'],
    [2019, 'hoàn thành xuất sắc nhiệm vụ', 'HTXSNV'],
    [2019, 'HOAN THANH XUAT SAC NHIEM VU', 'HTXSNV'],
    [2019, 'Hoàn thành nhiệm vụ', 'HTNV'],
    [2019, 'không hoàn thành nhiệm vụ', 'KHTNV'],
    [2019, 'Khong hoan thanh nhiem vu', 'KHTNV'],
    [2025, 'khtnv', 'KHTNV'],
  ])('%i: "%s" is %s', (year, text, code) => {
    expect(parsed(year, text)).toEqual({ code, exemplary: false });
  });

  test('decomposed (NFD) input reads the same as NFC', () => {
    expect(parsed(2016, 'Yếu kém'.normalize('NFD'))).toEqual({ code: 'YK', exemplary: false });
  });

  test('"TSVM tiêu biểu" is TSVM with the exemplary flag, in any spelling', () => {
    for (const text of [
      'TSVM tiêu biểu',
      'tsvm tieu bieu',
      'TSVM TIÊU BIỂU',
      'Trong sạch, vững mạnh tiêu biểu',
    ]) {
      expect(parsed(2016, text), text).toEqual({ code: 'TSVM', exemplary: true });
    }
  });

  test('2018–2024: "TSVM tiêu biểu" (the commendation) and "HTXSNV tiêu biểu" are HTXSNV flagged', () => {
    for (const year of [2018, 2019, 2022, 2023, 2024]) {
      for (const text of [
        'TSVM tiêu biểu',
        'tsvm tieu bieu',
        'Trong sạch, vững mạnh tiêu biểu',
        'HTXSNV tiêu biểu',
        'htxsnv tieu bieu',
        'HTXSNV (TSVM tiêu biểu)',
        'Hoàn thành xuất sắc nhiệm vụ tiêu biểu',
      ]) {
        expect(parsed(year, text), `${year} ${text}`).toEqual({ code: 'HTXSNV', exemplary: true });
      }
    }
  });

  test('from 2025: "HTXSNV tiêu biểu" in any spelling is HTXSNV flagged', () => {
    for (const text of [
      'HTXSNV tiêu biểu',
      'HTXSNV TIÊU BIỂU',
      'htxsnv tieu bieu',
      'Hoàn thành xuất sắc nhiệm vụ tiêu biểu',
      'hoan thanh xuat sac nhiem vu tieu bieu',
    ]) {
      expect(parsed(2025, text), text).toEqual({ code: 'HTXSNV', exemplary: true });
    }
  });

  test('"tiêu biểu" on another level, or in the words of another period, is refused', () => {
    expect(parsed(2016, 'HTTNV tiêu biểu')).toBeNull();
    expect(parsed(2016, 'Yếu kém tiêu biểu')).toBeNull();
    expect(parsed(2016, 'HTXSNV tiêu biểu')).toBeNull();
    expect(parsed(2019, 'HTTNV tiêu biểu')).toBeNull();
    expect(parsed(2025, 'TSVM tiêu biểu')).toBeNull();
    expect(parsed(2025, 'HTTNV tiêu biểu')).toBeNull();
    expect(parsed(2025, 'tiêu biểu')).toBeNull();
  });

  test('a level of another year is refused: HTXSNV in 2016, TSVM and Yếu kém in 2019', () => {
    expect(parsed(2016, 'HTXSNV')).toBeNull();
    expect(parsed(2016, 'Hoàn thành xuất sắc nhiệm vụ')).toBeNull();
    expect(parsed(2016, 'KHTNV')).toBeNull();
    expect(parsed(2019, 'TSVM')).toBeNull();
    expect(parsed(2019, 'Trong sạch, vững mạnh')).toBeNull();
    expect(parsed(2019, 'YK')).toBeNull();
  });

  test('empty text, a part of a name or a made-up level is refused', () => {
    for (const text of ['', '   ', 'HT', 'Hoàn thành', 'Xuất sắc', 'tốt', 'TSVM tieu']) {
      expect(parsed(2019, text), text).toBeNull();
    }
  });
});

describe('ratingText writes a rating in the words of its period', () => {
  test('a plain level is its abbreviation; no level is empty', () => {
    expect(ratingText(scale(2016), 'HTTNV', false)).toBe('HTTNV');
    expect(ratingText(scale(2025), 'KHTNV', false)).toBe('KHTNV');
    expect(ratingText(scale(2016), null, false)).toBe('');
  });

  test('exemplary: "TSVM tiêu biểu" to 2017, "HTXSNV (TSVM tiêu biểu)" 2018–2024, "HTXSNV tiêu biểu" from 2025', () => {
    expect(ratingText(scale(2017), 'TSVM', true)).toBe('TSVM tiêu biểu');
    expect(ratingText(scale(2018), 'HTXSNV', true)).toBe('HTXSNV (TSVM tiêu biểu)');
    expect(ratingText(scale(2024), 'HTXSNV', true)).toBe('HTXSNV (TSVM tiêu biểu)');
    expect(ratingText(scale(2025), 'HTXSNV', true)).toBe('HTXSNV tiêu biểu');
  });

  test('what ratingText writes reads back as the same rating', () => {
    for (const s of SCALES) {
      for (const level of s.levels) {
        const exemplary = level.code === s.exemplaryLevel;
        const text = ratingText(s, level.code, exemplary);
        const back = parseLevel(s, text);
        expect(back && [back.level.code, back.exemplary], `${s.id} ${text}`).toEqual([
          level.code,
          exemplary,
        ]);
      }
    }
  });

  test('an unknown scale or level shows the stored code', () => {
    expect(ratingText(null, 'TSVM', true)).toBe('TSVM');
    expect(ratingText(scale(2016), 'XYZ', false)).toBe('XYZ');
  });
});

describe('levelsByPrefix offers the levels whose abbreviation starts with what was typed', () => {
  const offered = (year: number, typed: string) =>
    levelsByPrefix(scale(year), typed).map((l) => l.code);

  test('"HTX" → HTXSNV, "HTN" → HTNV only, "K" → KHTNV, "HT" → three levels', () => {
    expect(offered(2019, 'HTX')).toEqual(['HTXSNV']);
    expect(offered(2019, 'HTN')).toEqual(['HTNV']);
    expect(offered(2019, 'K')).toEqual(['KHTNV']);
    expect(offered(2019, 'HT')).toEqual(['HTXSNV', 'HTTNV', 'HTNV']);
    expect(offered(2019, 'htt')).toEqual(['HTTNV']);
  });

  test('"T" in 2016 → TSVM, "Y" → Yếu kém; "T" in 2019 offers nothing', () => {
    expect(offered(2016, 'T')).toEqual(['TSVM']);
    expect(offered(2016, 'y')).toEqual(['YK']);
    expect(offered(2019, 'T')).toEqual([]);
  });

  test('nothing typed, or no match, offers nothing', () => {
    expect(offered(2019, '')).toEqual([]);
    expect(offered(2019, '  ')).toEqual([]);
    expect(offered(2019, 'X')).toEqual([]);
    expect(offered(2016, 'HTX')).toEqual([]);
  });
});

describe('labels', () => {
  test('every reason, rank, change and "rated by" has a Vietnamese label', () => {
    const groups: [readonly string[], Record<string, string>][] = [
      [NOT_RATED_REASONS, NOT_RATED_LABELS],
      [RANKS, RANK_LABELS],
      [CHANGES, CHANGE_LABELS],
      [RATED_BY, RATED_BY_LABELS],
    ];
    for (const [keys, labels] of groups) {
      expect(Object.keys(labels).sort()).toEqual([...keys].sort());
      for (const key of keys) expect(labels[key], key).toMatch(VIETNAMESE_LETTER);
    }
  });

  test('the report wording of DOMAIN.md §3 is used', () => {
    expect(RANK_LABELS.bottom).toBe('Tốp cuối');
    expect(CHANGE_LABELS).toEqual({
      clear: 'Chuyển biến tích cực, rõ nét',
      some: 'Có chuyển biến',
      slow: 'Chuyển biến chậm',
      none: 'Chưa chuyển biến',
    });
    expect(NOT_RATED_LABELS.new).toBe('Mới thành lập');
  });
});
