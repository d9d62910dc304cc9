import { describe, expect, test } from 'vitest';
import { contract, isMethodName } from '../../shared/contract';
import { formatDateVi, withSchemaYear } from '../../shared/domain/years';
import { z } from 'zod';
import {
  NAME_MAX_LENGTH,
  basis,
  isoDate,
  operatorName,
  unitCode,
  unitKind,
  unitName,
  unitSector,
  year,
} from '../../shared/schemas';
import { VIETNAMESE_LETTER } from '../helpers/backend';

function messageOf(result: { success: boolean; error?: { issues: { message: string }[] } }) {
  expect(result.success).toBe(false);
  return result.error!.issues.map((i) => i.message).join(' ');
}

describe('unitName', () => {
  test('normalises to NFC with collapsed whitespace', () => {
    expect(unitName.parse('  Chi bộ   Thôn Bản\tLìm '.normalize('NFD'))).toBe(
      'Chi bộ Thôn Bản Lìm'.normalize('NFC'),
    );
  });

  test('refuses empty and whitespace-only names in Vietnamese', () => {
    expect(messageOf(unitName.safeParse(''))).toBe('Tên tổ chức không được để trống.');
    expect(messageOf(unitName.safeParse(' \t '))).toBe('Tên tổ chức không được để trống.');
  });

  test(`accepts ${NAME_MAX_LENGTH} characters and refuses one more`, () => {
    expect(unitName.safeParse('a'.repeat(NAME_MAX_LENGTH)).success).toBe(true);
    expect(messageOf(unitName.safeParse('a'.repeat(NAME_MAX_LENGTH + 1)))).toMatch(/dài quá/);
  });

  test('counts length after trimming', () => {
    expect(unitName.safeParse(`  ${'a'.repeat(NAME_MAX_LENGTH)}  `).success).toBe(true);
  });
});

describe('invisible and control characters', () => {
  // Each one pasted into "Hòa Sơn" (from Word, a web page, a PDF, a terminal) would make a second,
  // identical-looking unit; after cleaning they are all the same name.
  const INVISIBLE = {
    'zero-width space': '\u200B',
    'zero-width non-joiner': '\u200C',
    'zero-width joiner': '\u200D',
    'word joiner': '\u2060',
    'byte order mark': '\uFEFF',
    'soft hyphen': '\u00AD',
    'left-to-right mark': '\u200E',
    'right-to-left mark': '\u200F',
    'left-to-right embedding': '\u202A',
    'right-to-left override': '\u202E',
    'left-to-right isolate': '\u2066',
    'pop directional isolate': '\u2069',
    NUL: '\u0000',
    ESC: '\u001B',
    DEL: '\u007F',
    'C1 control (CSI)': '\u009B',
  };

  test.each(Object.entries(INVISIBLE))(
    'a %s is removed from names, codes and the operator',
    (_, ch) => {
      expect(unitName.parse(`Đảng bộ xã Hò${ch}a Sơn`)).toBe('Đảng bộ xã Hòa Sơn');
      expect(unitName.parse(`${ch}Đảng bộ xã Hòa Sơn${ch}`)).toBe('Đảng bộ xã Hòa Sơn');
      expect(unitCode.parse(`HL${ch}-01`)).toBe('HL-01');
      expect(operatorName.parse(`Dương Minh${ch} Phong`)).toBe('Dương Minh Phong');
    },
  );

  test('a tone mark split from its letter by a zero-width space still composes (NFC)', () => {
    const split = 'Đảng bộ xã Ho\u200B\u0300a Sơn';
    expect(unitName.parse(split)).toBe('Đảng bộ xã Hòa Sơn'.normalize('NFC'));
  });

  test('line breaks and tabs between words become one space', () => {
    expect(unitName.parse('Chi bộ\r\nThôn\u0085Nà\tRang')).toBe('Chi bộ Thôn Nà Rang');
  });

  test('a name or code that is only invisible characters is blank', () => {
    expect(messageOf(unitName.safeParse('\u200B\u00AD\uFEFF'))).toBe(
      'Tên tổ chức không được để trống.',
    );
    expect(unitCode.parse('\u200B')).toBeNull();
    expect(messageOf(operatorName.safeParse('\u0000\u001B'))).toBe(
      'Tên người sử dụng không được để trống.',
    );
  });

  test('a name or code that folds to nothing (punctuation only) is refused in Vietnamese', () => {
    expect(messageOf(unitName.safeParse('- - -'))).toBe(
      'Tên tổ chức phải có ít nhất một chữ cái hoặc chữ số.',
    );
    expect(messageOf(unitName.safeParse('“…”'))).toBe(
      'Tên tổ chức phải có ít nhất một chữ cái hoặc chữ số.',
    );
    expect(messageOf(unitCode.safeParse('./-'))).toBe(
      'Mã tổ chức phải có ít nhất một chữ cái hoặc chữ số.',
    );
    expect(unitName.parse('Chi bộ thôn 1')).toBe('Chi bộ thôn 1');
    expect(unitCode.parse('01')).toBe('01');
  });
});

describe('choices (enums)', () => {
  test('an invalid kind names the kinds in Vietnamese, never their identifiers', () => {
    const message = messageOf(unitKind.safeParse('village'));
    expect(message).toBe(
      'Loại tổ chức không hợp lệ; chọn một trong: Đảng bộ tỉnh, Đảng bộ cấp trên cơ sở, ' +
        'Đảng bộ cơ sở, Chi bộ cơ sở, Đảng bộ bộ phận, Chi bộ trực thuộc.',
    );
    expect(message).not.toMatch(/base_cell|subordinate_cell|_/);
  });

  test('an invalid sector ("loại hình") names the sectors in Vietnamese', () => {
    const message = messageOf(unitSector.safeParse('space'));
    expect(message).toMatch(
      /^Loại hình không hợp lệ; chọn một trong: Xã, Phường, Thị trấn, Cơ quan/,
    );
    expect(message).not.toMatch(/commune|_/);
  });

  test('any other enum says so in Vietnamese without listing identifiers', () => {
    const other = z.enum(['tsvm', 'httnv']).safeParse('xyz');
    expect(messageOf(other)).toBe('Giá trị không nằm trong các lựa chọn cho phép.');
  });

  test('through the contract: an invalid kind in units.create', () => {
    const result = contract['units.create'].input.safeParse({ name: 'Chi bộ A', kind: 'cell' });
    expect(messageOf(result)).toMatch(/^Loại tổ chức không hợp lệ; chọn một trong: Đảng bộ tỉnh/);
  });
});

describe('unitCode and basis', () => {
  test('a blank code means no code', () => {
    expect(unitCode.parse('   ')).toBeNull();
    expect(unitCode.parse(null)).toBeNull();
    expect(unitCode.parse(' ĐU-01 ')).toBe('ĐU-01');
  });

  test('a blank basis means none', () => {
    expect(basis.parse('  ')).toBeNull();
    expect(basis.parse(' 33-NQ/TU ')).toBe('33-NQ/TU');
  });
});

describe('year and isoDate', () => {
  test('accepts whole years from 1930 to next year only, with one message naming the range', () => {
    withSchemaYear(2026, () => {
      expect(year.safeParse(2025).success).toBe(true);
      expect(year.safeParse(1930).success).toBe(true);
      expect(year.safeParse(2027).success).toBe(true);
      expect(messageOf(year.safeParse(2025.5))).toMatch(VIETNAMESE_LETTER);
      expect(messageOf(year.safeParse(1929))).toBe('Năm phải từ 1930 đến 2027.');
      expect(messageOf(year.safeParse(2028))).toBe('Năm phải từ 1930 đến 2027.');
      expect(messageOf(year.safeParse(2099))).toBe('Năm phải từ 1930 đến 2027.');
      expect(messageOf(year.safeParse('2025'))).toBe('Năm phải là số.');
    });
  });

  test('"next year" follows the year the parse is told (the backend clock), not a constant', () => {
    expect(withSchemaYear(2030, () => year.safeParse(2031).success)).toBe(true);
    expect(messageOf(withSchemaYear(2019, () => year.safeParse(2021)))).toBe(
      'Năm phải từ 1930 đến 2020.',
    );
    // Nested parses restore the outer year.
    withSchemaYear(2019, () => {
      withSchemaYear(2030, () => undefined);
      expect(year.safeParse(2021).success).toBe(false);
    });
  });

  test("a date's year follows the same rule", () => {
    withSchemaYear(2026, () => {
      expect(isoDate.parse('31/12/2027')).toBe('2027-12-31');
      expect(messageOf(isoDate.safeParse('01/01/2099'))).toBe(
        'Ngày không hợp lệ: năm phải từ 1930 đến 2027.',
      );
      expect(messageOf(isoDate.safeParse('1929-12-31'))).toBe(
        'Ngày không hợp lệ: năm phải từ 1930 đến 2027.',
      );
    });
  });

  test('accepts dd/mm/yyyy as people write it and ISO yyyy-mm-dd, giving ISO; refuses other forms', () => {
    expect(isoDate.parse('2025-07-01')).toBe('2025-07-01');
    expect(isoDate.parse('01/07/2025')).toBe('2025-07-01');
    expect(isoDate.parse(' 1/7/2025 ')).toBe('2025-07-01');
    expect(isoDate.parse('17/02/2017')).toBe('2017-02-17');
    expect(messageOf(isoDate.safeParse('2025.07.01'))).toMatch(/dd\/mm\/yyyy/);
    expect(messageOf(isoDate.safeParse('07/2025'))).toMatch(/dd\/mm\/yyyy/);
    expect(messageOf(isoDate.safeParse('30/02/2025'))).toBe('Ngày không hợp lệ.');
    expect(isoDate.safeParse('2025-13-45').success).toBe(false);
  });

  test('refuses days a month does not have (30 February, 31 April)', () => {
    expect(messageOf(isoDate.safeParse('2025-02-30'))).toBe('Ngày không hợp lệ.');
    expect(isoDate.safeParse('2025-04-31').success).toBe(false);
    expect(isoDate.safeParse('2023-02-29').success).toBe(false);
    expect(isoDate.safeParse('2024-02-29').success).toBe(true);
  });

  test('formats dates the Vietnamese way', () => {
    expect(formatDateVi('2017-02-17')).toBe('17/02/2017');
    expect(formatDateVi(null)).toBe('');
  });
});

describe('contract', () => {
  test('knows its own method names and nothing inherited', () => {
    expect(isMethodName('units.list')).toBe(true);
    expect(isMethodName('units.nope')).toBe(false);
    expect(isMethodName('toString')).toBe(false);
    expect(isMethodName('__proto__')).toBe(false);
    expect(isMethodName(42)).toBe(false);
  });

  test('refuses an event date outside the event year', () => {
    const result = contract['units.rename'].input.safeParse({
      id: crypto.randomUUID(),
      name: 'Chi bộ A',
      year: 2020,
      eventDate: '2019-12-31',
    });
    expect(messageOf(result)).toBe('Ngày quyết định phải nằm trong năm áp dụng.');
  });

  test("zod's own messages (unknown key, wrong type) are Vietnamese", () => {
    const unknownKey = contract['units.list'].input.safeParse({ year: 2020, colour: 'đỏ' });
    expect(messageOf(unknownKey)).toMatch(VIETNAMESE_LETTER);
    const notObject = contract['units.list'].input.safeParse('2020');
    expect(messageOf(notObject)).toMatch(VIETNAMESE_LETTER);
  });
});
