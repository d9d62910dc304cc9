// foldNormalized folds a name already normalised without normalising it again (the ratings
// import folds 55,000 names it has just normalised). It gives foldForSearch's key only because
// normalizeName leaves its own output as it is: checked here on texts full of what it changes.
import { describe, expect, it } from 'vitest';
import { foldForSearch, foldNormalized, normalizeName } from '../../shared/domain/text';

/** A small deterministic generator (the same texts every run). */
function seeded(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

const PIECES = [
  'Đảng bộ',
  'xã',
  'Hoà',
  'Hòa',
  'uỷ',
  'a\u0309',
  '\u0300',
  'o\u031b\u0301',
  ' ',
  '  ',
  '\t',
  '\n',
  '\r\n',
  '\u00a0',
  '\u2003',
  '\u200b',
  '\u200d',
  '\ufeff',
  '\u00ad',
  '\u202e',
  '\u0000',
  '\u001b',
  '\u0085',
  '\u2028',
  'Đ',
  'đ',
  '-',
  '(',
  '1',
  '😀',
];

describe('foldNormalized', () => {
  it('is foldForSearch for any text once normalised, as normalizeName is idempotent', () => {
    const random = seeded(17);
    for (let n = 0; n < 5000; n++) {
      const length = Math.floor(random() * 12);
      let text = '';
      for (let i = 0; i < length; i++) text += PIECES[Math.floor(random() * PIECES.length)];
      const normal = normalizeName(text);
      expect(normalizeName(normal), JSON.stringify(text)).toBe(normal);
      expect(foldNormalized(normal), JSON.stringify(text)).toBe(foldForSearch(text));
    }
  });
});
