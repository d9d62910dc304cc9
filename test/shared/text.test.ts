import { describe, expect, test } from 'vitest';
import { compareVietnamese, foldForSearch, normalizeName } from '../../shared/domain/text';

describe('foldForSearch', () => {
  test('drops every diacritic and lower-cases', () => {
    expect(foldForSearch('Đảng bộ xã Đồng Ý')).toBe('dang bo xa dong y');
    expect(foldForSearch('CHI BỘ ỦY BAN NHÂN DÂN')).toBe('chi bo uy ban nhan dan');
  });

  test('maps đ and Đ to d, which NFD alone would miss', () => {
    expect('đ'.normalize('NFD')).toBe('đ');
    expect(foldForSearch('đ')).toBe('d');
    expect(foldForSearch('Đ')).toBe('d');
    expect(foldForSearch('Đình Lập')).toBe('dinh lap');
  });

  test('treats old and new tone placement as equal (hoà = hòa, uỷ = ủy)', () => {
    expect(foldForSearch('Hoà Sơn')).toBe(foldForSearch('Hòa Sơn'));
    expect(foldForSearch('hoà')).toBe('hoa');
    expect(foldForSearch('Uỷ ban')).toBe(foldForSearch('Ủy ban'));
    expect(foldForSearch('thuỷ')).toBe(foldForSearch('thủy'));
  });

  test('gives the same key for NFC and NFD input', () => {
    const nfc = 'Lộc Bình'.normalize('NFC');
    const nfd = 'Lộc Bình'.normalize('NFD');
    expect(nfc).not.toBe(nfd);
    expect(foldForSearch(nfd)).toBe(foldForSearch(nfc));
    expect(foldForSearch(nfd)).toBe('loc binh');
  });

  test('turns punctuation and runs of spaces into single spaces and trims', () => {
    expect(foldForSearch('  Chi bộ   Thôn 1 - Bản Lìm ')).toBe('chi bo thon 1 ban lim');
    expect(foldForSearch('33-NQ/TU')).toBe('33 nq tu');
    expect(foldForSearch('"Đồng*')).toBe('dong');
  });

  test('folds all letters with base vowels ă â ê ô ơ ư to their plain vowel', () => {
    expect(foldForSearch('ăâêôơư ĂÂÊÔƠƯ')).toBe('aaeoou aaeoou');
  });
});

describe('invisible characters', () => {
  test('fold away, so a pasted zero-width space or soft hyphen cannot split a word', () => {
    expect(foldForSearch('Hò\u200Ba Sơn')).toBe('hoa son');
    expect(foldForSearch('Đồng\u00AD Ý')).toBe('dong y');
    expect(foldForSearch('\uFEFFĐồng Ý\u202E')).toBe('dong y');
  });

  test('are removed by normalizeName, with control characters, before NFC', () => {
    expect(normalizeName('Hò\u200Ba\u0000 Sơn\u001B')).toBe('Hòa Sơn');
  });
});

describe('normalizeName', () => {
  test('stores text in NFC', () => {
    const nfd = 'Đảng bộ xã Hữu Lũng'.normalize('NFD');
    const result = normalizeName(nfd);
    expect(result).toBe('Đảng bộ xã Hữu Lũng'.normalize('NFC'));
    expect(result.normalize('NFC')).toBe(result);
    expect(result.length).toBeLessThan(nfd.length);
  });

  test('collapses inner whitespace (tabs, newlines, no-break spaces) and trims', () => {
    expect(normalizeName('  Chi bộ\t\tThôn  Nà\u00a0Rang \n')).toBe('Chi bộ Thôn Nà Rang');
  });

  test('leaves case and tone placement as typed', () => {
    expect(normalizeName('Đảng bộ xã Hoà Sơn')).toBe('Đảng bộ xã Hoà Sơn');
    expect(normalizeName('Đảng bộ xã Hòa Sơn')).toBe('Đảng bộ xã Hòa Sơn');
  });

  test('turns a whitespace-only name into the empty string', () => {
    expect(normalizeName(' \t\n\u00a0 ')).toBe('');
  });
});

describe('compareVietnamese', () => {
  const sorted = (words: string[]) => [...words].sort(compareVietnamese);

  test('orders a < ă < â < b', () => {
    expect(sorted(['b', 'â', 'ă', 'a'])).toEqual(['a', 'ă', 'â', 'b']);
    expect(compareVietnamese('an', 'ăn')).toBeLessThan(0);
    expect(compareVietnamese('ăn', 'ân')).toBeLessThan(0);
  });

  test('orders d < đ < e', () => {
    expect(sorted(['e', 'đ', 'd'])).toEqual(['d', 'đ', 'e']);
    // đ is its own letter: every "Đ…" word comes after every "D…" word.
    expect(compareVietnamese('Dương', 'Đa')).toBeLessThan(0);
  });

  test('orders e < ê, o < ô < ơ < p and u < ư', () => {
    expect(sorted(['ê', 'e'])).toEqual(['e', 'ê']);
    expect(sorted(['p', 'ơ', 'ô', 'o'])).toEqual(['o', 'ô', 'ơ', 'p']);
    expect(sorted(['ư', 'v', 'u'])).toEqual(['u', 'ư', 'v']);
  });

  test('ignores case', () => {
    expect(compareVietnamese('đảng bộ', 'ĐẢNG BỘ')).toBe(0);
  });

  test('sorts the former district committees of Lạng Sơn alphabetically', () => {
    const districts = [
      'Văn Quan',
      'Đình Lập',
      'Tràng Định',
      'Bình Gia',
      'Lộc Bình',
      'Chi Lăng',
      'Văn Lãng',
      'Bắc Sơn',
      'Hữu Lũng',
      'Cao Lộc',
      'Dương Xá',
    ];
    expect(sorted(districts)).toEqual([
      'Bắc Sơn',
      'Bình Gia',
      'Cao Lộc',
      'Chi Lăng',
      'Dương Xá',
      'Đình Lập',
      'Hữu Lũng',
      'Lộc Bình',
      'Tràng Định',
      'Văn Lãng',
      'Văn Quan',
    ]);
  });

  test('orders numbers inside names by value (Thôn 2 before Thôn 10)', () => {
    expect(sorted(['Chi bộ thôn 10', 'Chi bộ thôn 2', 'Chi bộ thôn 1'])).toEqual([
      'Chi bộ thôn 1',
      'Chi bộ thôn 2',
      'Chi bộ thôn 10',
    ]);
  });
});
