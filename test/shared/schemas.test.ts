import { describe, expect, test } from 'vitest';
import { contract, isMethodName } from '../../shared/contract';
import { formatDateVi } from '../../shared/domain/years';
import { NAME_MAX_LENGTH, basis, isoDate, unitCode, unitName, year } from '../../shared/schemas';
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
  test('accepts whole years in range only', () => {
    expect(year.safeParse(2025).success).toBe(true);
    expect(messageOf(year.safeParse(2025.5))).toMatch(VIETNAMESE_LETTER);
    expect(messageOf(year.safeParse(1929))).toMatch(/1930/);
    expect(messageOf(year.safeParse(2101))).toMatch(/2101/);
    expect(messageOf(year.safeParse('2025'))).toBe('Năm phải là số.');
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
