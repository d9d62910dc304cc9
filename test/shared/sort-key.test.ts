// The stored sort key orders names exactly as compareVietnamese does (shared/domain/sort-key.ts):
// comparing two keys as code points (SQLite's BINARY collation) gives the collator's sign.
import { describe, expect, test } from 'vitest';
import { unitSortKey } from '../../shared/domain/sort-key';
import { compareVietnamese } from '../../shared/domain/text';

const byKey = (a: string, b: string) => {
  const x = unitSortKey(a);
  const y = unitSortKey(b);
  return x < y ? -1 : x > y ? 1 : 0;
};

/** A seeded generator, so a failure names the same pair on every run. */
function xorshift(seed: number) {
  let s = seed >>> 0 || 1;
  return (n: number) => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s % n;
  };
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('unitSortKey', () => {
  test.each([
    ['Chi bộ 2', 'Chi bộ 10', -1],
    ['Chi bộ 02', 'Chi bộ 2', 0],
    ['Chi bộ 9A', 'Chi bộ 10', -1],
    ['Đảng bộ', 'Dân vận', 1],
    ['Đảng bộ', 'Em', -1],
    ['Hòa Bình', 'Hoà Bình', 0],
    ['Hòa', 'Hoa', 0],
    ['hoa', 'HOA', 0],
    ['Ủy ban', 'Uỷ ban', 0],
    ['An', 'Ăn', -1],
    ['Ăn', 'Ân', -1],
    ['Ân', 'Bắc', -1],
    ['Ô', 'Ơ', -1],
    ['Ơn', 'Pa', -1],
    ['Us', 'Ưu', -1],
    ['Ưu', 'Vĩnh', -1],
    ['Chi bộ A', 'Chi bộ-A', -1],
    ['Chi bộ-A', 'Chi bộA', -1],
    ['Chi bộ', 'Chi bộ 1', -1],
    ['Chi bộ 1', 'Chi bộ A', -1],
    ['Chi bộ (cũ)', 'Chi bộ 1', -1],
    ['Thôn “Mới”', 'Thôn "Mới"', 0],
    ['Zô', 'Ô', 1],
  ])('%s vs %s', (a, b, sign) => {
    expect(Math.sign(compareVietnamese(a, b))).toBe(sign);
    expect(byKey(a, b)).toBe(sign);
  });

  test('tone marks typed as separate combining marks give the same key as composed letters', () => {
    expect(unitSortKey('Ho\u0300a')).toBe(unitSortKey('Hòa'));
    expect(unitSortKey('a\u0323\u0302')).toBe(unitSortKey('ậ'));
  });

  test('agrees with the collator on 100,000 random pairs of awkward names', () => {
    const alphabet = [
      ...'aAăĂâÂbdDđĐeêEÊoôơOƠuưUƯhòàáảãạằắẳẵặầấẩẫậiyzZ0123456789  -–,.()/&\'"“”’_;:#%+№ðøæßıñüÇé',
    ];
    const random = xorshift(20261130);
    const name = () => {
      let s = '';
      const n = 1 + random(8);
      for (let i = 0; i < n; i++) s += alphabet[random(alphabet.length)];
      return s;
    };
    const disagreements: string[] = [];
    for (let k = 0; k < 100_000; k++) {
      const a = name();
      // A third of the pairs share a beginning, where the subtle differences are.
      const b = random(3) === 0 ? a.slice(0, random(a.length + 1)) + name() : name();
      if (Math.sign(compareVietnamese(a, b)) !== byKey(a, b)) {
        disagreements.push(`${JSON.stringify(a)} ${JSON.stringify(b)}`);
      }
    }
    expect(disagreements.slice(0, 10)).toEqual([]);
  });

  test('keys are valid text for SQLite (no lone surrogates), even for other scripts', () => {
    for (const s of ['Бакы', '中文', '😀', '\u{10FFFF}', 'ა']) {
      expect(unitSortKey(s)).not.toMatch(LONE_SURROGATE);
    }
  });
});
