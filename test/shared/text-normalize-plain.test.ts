// normalizeName returns text already in its form as it is (PLAIN_NAME), without its five passes:
// the answer must be the one the passes give, for plain names and for everything else.
import { describe, expect, it } from 'vitest';
import { PLAIN_NAME, foldNormalized, normalizeName } from '../../shared/domain/text';
import { referenceFoldNormalized, referenceNormalizeName } from '../helpers/reference-text';

/** A small deterministic generator (the same texts every run). */
function seeded(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

/** Every character PLAIN_NAME takes inside a word. */
const PLAIN_CHARS: string[] = [];
for (const [from, to] of [
  [0x21, 0x7e],
  [0xc0, 0x24f],
  [0x1e00, 0x1eff],
]) {
  for (let c = from ?? 0; c <= (to ?? 0); c++) PLAIN_CHARS.push(String.fromCharCode(c));
}

const PIECES = [
  'Đảng bộ',
  'xã Tân Lập 435',
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
  '\ufeff',
  '\u00ad',
  '\u0000',
  '\u0085',
  '\u2028',
  '\u00bf',
  '\u0250',
  '\u1dff',
  '\u1f00',
  'İ',
  'ẞ',
  'Σ',
  '😀',
];

describe('normalizeName of plain text', () => {
  it('takes characters that are NFC, alone and beside each other, and no space or control', () => {
    for (const a of PLAIN_CHARS) {
      expect(a.normalize('NFC'), a).toBe(a);
      expect(/[\s\p{Cc}\p{Cf}]/u.test(a), a).toBe(false);
    }
    // NFC composes a character only with the one before it: every pair covers every text.
    let composed = 0;
    for (const a of PLAIN_CHARS) {
      for (const b of PLAIN_CHARS) if ((a + b).normalize('NFC') !== a + b) composed++;
    }
    expect(composed).toBe(0);
  });

  it('gives what the five passes give, for plain names and any other text', () => {
    const random = seeded(29);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
    let plain = 0;
    for (let n = 0; n < 20_000; n++) {
      let text = '';
      const length = Math.floor(random() * 10);
      for (let i = 0; i < length; i++) {
        // Mostly plain characters and single spaces, so both ways are taken often.
        const r = random();
        text += r < 0.55 ? pick(PLAIN_CHARS) : r < 0.8 ? ' ' : pick(PIECES);
      }
      if (PLAIN_NAME.test(text)) plain++;
      const normal = normalizeName(text);
      expect(normal, JSON.stringify(text)).toBe(referenceNormalizeName(text));
      expect(foldNormalized(normal), JSON.stringify(text)).toBe(referenceFoldNormalized(normal));
    }
    expect(plain).toBeGreaterThan(3_000);
    expect(plain).toBeLessThan(17_000);
  });

  it('returns a plain name as it is and still normalises the rest', () => {
    expect(PLAIN_NAME.test('Đảng bộ xã Tân Lập 435')).toBe(true);
    expect(normalizeName('Đảng bộ xã Tân Lập 435')).toBe('Đảng bộ xã Tân Lập 435');
    for (const text of [' Xã A', 'Xã A ', 'Xã  A', 'Xã\u00a0A', 'Ho\u0300a', 'Xã\u200bA', '']) {
      expect(PLAIN_NAME.test(text), JSON.stringify(text)).toBe(false);
      expect(normalizeName(text)).toBe(referenceNormalizeName(text));
    }
  });
});

describe('foldNormalized of plain text', () => {
  it('folds every plain character, alone and between letters and separators, as the passes do', () => {
    for (const a of PLAIN_CHARS) {
      for (const text of [a, `x${a}y`, `${a} ${a}`, `-${a}-`, `Ơ${a}1`, `${a}${a}.`]) {
        expect(foldNormalized(text), JSON.stringify(text)).toBe(referenceFoldNormalized(text));
      }
    }
  });

  it('folds national-size names and their separators as the passes do', () => {
    for (const text of [
      'Đảng bộ xã Tân Lập 435',
      'ĐẢNG BỘ PHƯỜNG HÒA BÌNH',
      'Chi bộ Khu phố 3 - Phường Ỷ La',
      'Chi bộ (cơ quan) Ủy ban/nhân dân',
      '-- a -- b --',
      '×÷',
      'ǅǈǋ ǲ',
      'Ĳĳ ŉ ſ ẛ ẞ',
    ]) {
      expect(foldNormalized(text), text).toBe(referenceFoldNormalized(text));
    }
  });
});
