import { describe, expect, test } from 'vitest';
import type { RatingScale } from '../../shared/domain/scales';
import { scaleForYear } from '../../shared/domain/scales';
import type { GroupFigures } from '../../shared/domain/summary';
import {
  formatFileSize,
  formatNumber,
  formatPercent,
  inRunningText,
  namedCaseText,
  summarizeGroup,
} from '../../shared/domain/summary';

function scale(year: number): RatingScale {
  const s = scaleForYear(year);
  if (!s) throw new Error(`no scale for ${year}`);
  return s;
}

/** The 11 district pilot units of Resolution 33-NQ/TU in 2017 (the article, DOMAIN.md §1). */
const DISTRICTS: GroupFigures = {
  year: 2017,
  compareYear: 2016,
  description: 'TCCSĐ chỉ đạo điểm thuộc các đảng bộ huyện',
  scale: scale(2017),
  total: 11,
  levels: { TSVM: 2, HTTNV: 5, HTNV: 4 },
  changes: { up: 5, same: 6 },
};

/** The 5 units under the Khối committee in 2017. */
const KHOI: GroupFigures = {
  year: 2017,
  compareYear: 2016,
  description: 'chi bộ, đảng bộ trực thuộc Đảng bộ Khối',
  scale: scale(2017),
  total: 5,
  levels: { HTNV: 1, TSVM: 1, HTTNV: 3 },
  changes: { up: 1, same: 4 },
};

describe("a scale's levels labelled once", () => {
  test('codes the scale does not know come after its levels, zeros left out, each call alike', () => {
    const figures: GroupFigures = {
      ...DISTRICTS,
      total: 12,
      levels: { LA: 2, HTNV: 4, TSVM: 0, HTTNV: 5, ZZ: 1, YK: 0, NEW: 0 },
    };
    const expected =
      'Kết quả xếp loại năm 2017 của 12 TCCSĐ chỉ đạo điểm thuộc các đảng bộ huyện: ' +
      '5 TCCSĐ đạt HTTNV; 4 HTNV; 2 LA; 1 ZZ; trong đó 5 TCCSĐ mức xếp loại được nâng lên, ' +
      '6 giữ nguyên so với năm 2016.';
    // The second and third calls read the scale's levels as the first sorted and labelled them.
    for (let i = 0; i < 3; i++) expect(summarizeGroup(figures)).toBe(expected);
    expect(summarizeGroup(DISTRICTS)).toContain('2 TCCSĐ đạt TSVM; 5 HTTNV; 4 HTNV;');
    // A scale of another year keeps its own levels and labels ("yếu kém" in running text).
    const later = summarizeGroup({ ...DISTRICTS, levels: { YK: 3, TSVM: 1 }, total: 4 });
    expect(later).toContain('1 TCCSĐ đạt TSVM; 3 xếp loại yếu kém;');
  });
});

describe('the article’s sentences', () => {
  test('the 11 district pilot units, counts style', () => {
    expect(summarizeGroup(DISTRICTS)).toBe(
      'Kết quả xếp loại năm 2017 của 11 TCCSĐ chỉ đạo điểm thuộc các đảng bộ huyện: ' +
        '2 TCCSĐ đạt TSVM; 5 HTTNV; 4 HTNV; trong đó 5 TCCSĐ mức xếp loại được nâng lên, ' +
        '6 giữ nguyên so với năm 2016.',
    );
  });

  test('the 5 Khối units, fractions style, levels in tier order whatever the input order', () => {
    const text = summarizeGroup(KHOI, { style: 'fractions' });
    expect(text).toContain('1/5 đạt TSVM; 3/5 đạt HTTNV; 1/5 đạt HTNV');
    expect(text).toBe(
      'Kết quả xếp loại năm 2017 của 5 chi bộ, đảng bộ trực thuộc Đảng bộ Khối: ' +
        '1/5 đạt TSVM; 3/5 đạt HTTNV; 1/5 đạt HTNV; trong đó 1/5 TCCSĐ mức xếp loại được nâng ' +
        'lên, 4/5 giữ nguyên so với năm 2016.',
    );
  });

  test('the percentages style adds each share in Vietnamese format', () => {
    expect(summarizeGroup(DISTRICTS, { style: 'percentages' })).toBe(
      'Kết quả xếp loại năm 2017 của 11 TCCSĐ chỉ đạo điểm thuộc các đảng bộ huyện: ' +
        '2 TCCSĐ đạt TSVM (18,2%); 5 HTTNV (45,5%); 4 HTNV (36,4%); trong đó 5 TCCSĐ mức xếp ' +
        'loại được nâng lên (45,5%), 6 giữ nguyên (54,5%) so với năm 2016.',
    );
  });
});

describe('zero, one, many', () => {
  test('a group with no units gives one explicit sentence, no zeros', () => {
    const text = summarizeGroup({ ...DISTRICTS, total: 0, levels: {}, changes: {} });
    expect(text).toBe(
      'Không có tổ chức nào để tổng hợp kết quả xếp loại năm 2017 ' +
        '(TCCSĐ chỉ đạo điểm thuộc các đảng bộ huyện).',
    );
    expect(text).not.toMatch(/\b0\b/);
  });

  test('units without any result yet say what is missing', () => {
    const text = summarizeGroup({
      ...DISTRICTS,
      year: 2019,
      compareYear: 2018,
      scale: scale(2019),
      total: 12,
      levels: {},
      changes: {},
      description: 'tổ chức',
    });
    expect(text).toBe('Năm 2019 chưa có kết quả xếp loại của 12 tổ chức.');
  });

  test('one unit', () => {
    expect(
      summarizeGroup({ ...DISTRICTS, total: 1, levels: { HTTNV: 1 }, changes: { same: 1 } }),
    ).toBe(
      'Kết quả xếp loại năm 2017 của 1 TCCSĐ chỉ đạo điểm thuộc các đảng bộ huyện: ' +
        '1 TCCSĐ đạt HTTNV; trong đó không có TCCSĐ nào mức xếp loại được nâng lên, ' +
        '1 giữ nguyên so với năm 2016.',
    );
  });

  test('many units: counts and fractions grouped with dots (45.632)', () => {
    const figures: GroupFigures = {
      ...DISTRICTS,
      description: 'TCCSĐ trong toàn quốc',
      total: 45_632,
      levels: { TSVM: 41_234, HTTNV: 4_000, HTNV: 398 },
      changes: { up: 1_234, same: 44_398 },
    };
    expect(summarizeGroup(figures)).toBe(
      'Kết quả xếp loại năm 2017 của 45.632 TCCSĐ trong toàn quốc: 41.234 TCCSĐ đạt TSVM; ' +
        '4.000 HTTNV; 398 HTNV; trong đó 1.234 TCCSĐ mức xếp loại được nâng lên, ' +
        '44.398 giữ nguyên so với năm 2016.',
    );
    expect(summarizeGroup(figures, { style: 'fractions' })).toContain(
      '41.234/45.632 đạt TSVM; 4.000/45.632 đạt HTTNV; 398/45.632 đạt HTNV',
    );
    expect(summarizeGroup(figures, { style: 'percentages' })).toContain(
      '41.234 TCCSĐ đạt TSVM (90,4%); 4.000 HTTNV (8,8%); 398 HTNV (0,9%)',
    );
  });
});

describe('levels', () => {
  test('empty levels are left out, the first one carries the noun', () => {
    const text = summarizeGroup({
      ...DISTRICTS,
      total: 7,
      levels: { TSVM: 0, HTTNV: 3, HTNV: 0, YK: 4 },
      changes: {},
    });
    expect(text).toBe(
      'Kết quả xếp loại năm 2017 của 7 TCCSĐ chỉ đạo điểm thuộc các đảng bộ huyện: ' +
        '3 TCCSĐ đạt HTTNV; 4 xếp loại yếu kém.',
    );
    expect(text).not.toContain('TSVM');
    expect(text).not.toContain('HTNV;');
  });

  test('"Yếu kém" is written out in lower case, never YK, and nobody "đạt" it', () => {
    const counts = summarizeGroup({ ...DISTRICTS, total: 2, levels: { YK: 2 }, changes: {} });
    expect(counts).toContain(': 2 TCCSĐ xếp loại yếu kém.');
    const fractions = summarizeGroup(
      { ...KHOI, levels: { TSVM: 4, YK: 1 }, changes: {} },
      { style: 'fractions' },
    );
    expect(fractions).toContain('4/5 đạt TSVM; 1/5 xếp loại yếu kém.');
    expect(`${counts} ${fractions}`).not.toMatch(/\bYK\b|đạt yếu kém/);
  });

  test('the 2018 scale lists HTXSNV … KHTNV in tier order', () => {
    const text = summarizeGroup({
      ...DISTRICTS,
      year: 2019,
      compareYear: 2018,
      scale: scale(2019),
      total: 10,
      levels: { KHTNV: 1, HTNV: 2, HTXSNV: 3, HTTNV: 4 },
      changes: {},
    });
    expect(text).toContain(': 3 TCCSĐ đạt HTXSNV; 4 HTTNV; 2 HTNV; 1 xếp loại KHTNV.');
  });

  test('"tiêu biểu" only when asked, in the period’s words', () => {
    const figures: GroupFigures = { ...DISTRICTS, exemplary: 1 };
    expect(summarizeGroup(figures)).not.toContain('tiêu biểu');
    expect(summarizeGroup(figures, { showExemplary: true })).toContain(
      '2 TCCSĐ đạt TSVM (trong đó 1 TSVM tiêu biểu); 5 HTTNV',
    );
    const y2025: GroupFigures = {
      ...figures,
      year: 2025,
      compareYear: 2024,
      scale: scale(2025),
      total: 4,
      levels: { HTXSNV: 2, HTTNV: 2 },
      changes: {},
    };
    expect(summarizeGroup(y2025, { showExemplary: true, style: 'percentages' })).toContain(
      '2 TCCSĐ đạt HTXSNV (50%; trong đó 1 HTXSNV tiêu biểu); 2 HTTNV (50%)',
    );
    expect(summarizeGroup({ ...figures, exemplary: 0 }, { showExemplary: true })).not.toContain(
      'tiêu biểu',
    );
  });
});

describe('comparison', () => {
  test('"giảm" and "không so sánh được" appear when non-zero', () => {
    const text = summarizeGroup({
      ...DISTRICTS,
      changes: { up: 5, same: 3, down: 2, not_comparable: 1 },
    });
    expect(text).toContain(
      'trong đó 5 TCCSĐ mức xếp loại được nâng lên, 3 giữ nguyên, 2 giảm, ' +
        '1 không so sánh được so với năm 2016.',
    );
    expect(
      summarizeGroup(
        { ...DISTRICTS, changes: { up: 5, same: 3, down: 2, not_comparable: 1 } },
        { style: 'fractions' },
      ),
    ).toContain('5/11 TCCSĐ mức xếp loại được nâng lên, 3/11 giữ nguyên, 2/11 giảm, 1/11 không');
  });

  test('"giảm" and "không so sánh được" are absent when zero', () => {
    const text = summarizeGroup({
      ...DISTRICTS,
      changes: { up: 5, same: 6, down: 0, not_comparable: 0 },
    });
    expect(text).not.toContain('giảm');
    expect(text).not.toContain('không so sánh được');
  });

  test('no comparison year or no comparison figures leaves the clause out', () => {
    expect(summarizeGroup({ ...DISTRICTS, compareYear: null })).toBe(
      'Kết quả xếp loại năm 2017 của 11 TCCSĐ chỉ đạo điểm thuộc các đảng bộ huyện: ' +
        '2 TCCSĐ đạt TSVM; 5 HTTNV; 4 HTNV.',
    );
    expect(summarizeGroup({ ...DISTRICTS, changes: {} })).not.toContain('so với');
  });

  test('2017 → 2018 says the scales differ instead of counting drops', () => {
    const text = summarizeGroup({
      ...DISTRICTS,
      year: 2018,
      compareYear: 2017,
      scale: scale(2018),
      levels: { HTXSNV: 1, HTTNV: 6, HTNV: 4 },
      // As a tier crosswalk would count them: most TSVM units "fall" to HTTNV on paper.
      changes: { up: 0, same: 4, down: 7 },
    });
    expect(text).toBe(
      'Kết quả xếp loại năm 2018 của 11 TCCSĐ chỉ đạo điểm thuộc các đảng bộ huyện: ' +
        '1 TCCSĐ đạt HTXSNV; 6 HTTNV; 4 HTNV; thang xếp loại năm 2018 khác năm 2017 ' +
        '(HTXSNV, HTTNV, HTNV, KHTNV thay cho TSVM, HTTNV, HTNV, yếu kém) nên không so sánh ' +
        'mức xếp loại giữa hai năm.',
    );
    expect(text).not.toContain('giảm');
  });

  test('within one scale family (2018 → 2019, 2024 → 2025) the counts are written', () => {
    const text = summarizeGroup({
      ...DISTRICTS,
      year: 2025,
      compareYear: 2024,
      scale: scale(2025),
      levels: { HTXSNV: 1, HTTNV: 10 },
      changes: { up: 1, same: 9, down: 1 },
    });
    expect(text).toContain('trong đó 1 TCCSĐ mức xếp loại được nâng lên, 9 giữ nguyên, 1 giảm');
    expect(text).not.toContain('thang xếp loại');
  });
});

describe('not rated and missing units', () => {
  test('one reason is written in brackets after the count', () => {
    const text = summarizeGroup({ ...DISTRICTS, total: 12, notRated: { new: 1 } });
    expect(text).toMatch(/^Kết quả xếp loại năm 2017 của 12 TCCSĐ/);
    expect(text).toMatch(/so với năm 2016\. 1 TCCSĐ không xếp loại \(mới thành lập\)\.$/);
  });

  test('several reasons are counted each, in a fixed order', () => {
    const text = summarizeGroup({
      ...DISTRICTS,
      total: 14,
      notRated: { other: 1, new: 2 },
    });
    expect(text).toContain('. 3 TCCSĐ không xếp loại (2 mới thành lập, 1 lý do khác).');
  });

  test('none rated at all, and units with no result yet', () => {
    expect(
      summarizeGroup({ ...DISTRICTS, total: 2, levels: {}, changes: {}, notRated: { exempt: 2 } }),
    ).toBe(
      'Năm 2017 không có TCCSĐ nào được xếp loại trong số 2 TCCSĐ chỉ đạo điểm thuộc các ' +
        'đảng bộ huyện. 2 TCCSĐ không xếp loại.',
    );
    expect(summarizeGroup({ ...DISTRICTS, total: 14 })).toMatch(
      /so với năm 2016\. 3 TCCSĐ chưa có kết quả xếp loại năm 2017\.$/,
    );
  });
});

describe('named cases', () => {
  test('the article’s cases, up and unchanged with a note', () => {
    expect(
      namedCaseText({
        name: 'Đảng bộ xã Đồng Ý',
        fromLevel: 'Yếu kém',
        toLevel: 'TSVM',
        trend: 'up',
      }),
    ).toBe('Đảng bộ xã Đồng Ý từ yếu kém lên TSVM');
    expect(
      namedCaseText({
        name: 'Đảng bộ xã Hòa Sơn',
        fromLevel: 'HTTNV',
        toLevel: 'HTTNV',
        trend: 'same',
        note: 'có chuyển biến tích cực, rõ nét',
      }),
    ).toBe('Đảng bộ xã Hòa Sơn giữ nguyên HTTNV, có chuyển biến tích cực, rõ nét');
    expect(
      namedCaseText({ name: 'Chi bộ A', fromLevel: 'HTTNV', toLevel: 'HTNV', trend: 'down' }),
    ).toBe('Chi bộ A từ HTTNV xuống HTNV');
    expect(
      namedCaseText({
        name: 'Chi bộ B',
        fromLevel: 'TSVM',
        toLevel: 'HTTNV',
        trend: 'not_comparable',
      }),
    ).toBe('Chi bộ B từ TSVM (thang cũ) sang HTTNV');
  });

  test('named cases follow the summary when given', () => {
    const text = summarizeGroup({
      ...DISTRICTS,
      namedCases: [
        { name: 'Đảng bộ xã Đồng Ý', fromLevel: 'Yếu kém', toLevel: 'TSVM', trend: 'up' },
        { name: 'Chi bộ Cục Thống kê', fromLevel: 'HTTNV', toLevel: 'TSVM', trend: 'up' },
      ],
    });
    expect(text).toMatch(
      /so với năm 2016\. Điển hình như Đảng bộ xã Đồng Ý từ yếu kém lên TSVM; Chi bộ Cục Thống kê từ HTTNV lên TSVM\.$/,
    );
    expect(summarizeGroup(DISTRICTS)).not.toContain('Điển hình');
  });
});

describe('Vietnamese numbers', () => {
  test('thousands with dots, decimals with a comma', () => {
    expect(formatNumber(1234)).toBe('1.234');
    expect(formatNumber(45632)).toBe('45.632');
    expect(formatNumber(7)).toBe('7');
    expect(formatPercent(912, 1000)).toBe('91,2%');
    expect(formatPercent(1, 3)).toBe('33,3%');
    expect(formatPercent(5, 5)).toBe('100%');
    expect(formatPercent(0, 5)).toBe('0%');
    expect(formatPercent(1, 0)).toBeNull();
  });

  test('small whole counts written without Intl read exactly as Intl writes them', () => {
    const intl = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });
    const samples = [-0, -1, -999, 0.4, 0.5, 1.5, 999.4, 999.5, 999.6, 1000, 1001, 123456.7];
    for (let n = 0; n <= 2000; n++) samples.push(n);
    for (const n of samples) expect(formatNumber(n), String(n)).toBe(intl.format(n));
  });

  test('years are never grouped', () => {
    expect(summarizeGroup(DISTRICTS)).toContain('năm 2017');
    expect(summarizeGroup(DISTRICTS)).not.toContain('2.017');
  });

  test('levels in running text: abbreviations kept, words in lower case', () => {
    expect(inRunningText('Yếu kém')).toBe('yếu kém');
    expect(inRunningText('TSVM tiêu biểu')).toBe('TSVM tiêu biểu');
    expect(inRunningText('HTXSNV (TSVM tiêu biểu)')).toBe('HTXSNV (TSVM tiêu biểu)');
    expect(inRunningText('Hoàn thành tốt nhiệm vụ')).toBe('hoàn thành tốt nhiệm vụ');
  });
});

describe('file sizes', () => {
  test.each([
    [0, '0 KB'],
    [1004, '1 KB'],
    [1024, '1 KB'],
    [1025, '2 KB'],
    [350 * 1024, '350 KB'],
    [1024 * 1024 - 1, '1.024 KB'],
    [1024 * 1024, '1,0 MB'],
    [27.5 * 1024 * 1024, '27,5 MB'],
    [1536 * 1024 * 1024, '1.536,0 MB'],
  ])('%i bytes read as %s, as Windows shows them', (bytes, text) => {
    expect(formatFileSize(bytes)).toBe(text);
  });
});
