import { describe, expect, test } from 'vitest';
import {
  bodyParagraphs,
  dateInWords,
  documentDateLine,
  documentNumberLine,
  romanNumeral,
  sectionHeading,
} from '../../shared/domain/party-document';

describe('the date line under "ĐẢNG CỘNG SẢN VIỆT NAM"', () => {
  test('days 01–09 and months 01–09 take a leading zero', () => {
    expect(documentDateLine('Lạng Sơn', '2018-01-05')).toBe('Lạng Sơn, ngày 05 tháng 01 năm 2018');
    expect(documentDateLine('Lạng Sơn', '2018-01-15')).toBe('Lạng Sơn, ngày 15 tháng 01 năm 2018');
    expect(documentDateLine('Bắc Sơn', '2017-12-31')).toBe('Bắc Sơn, ngày 31 tháng 12 năm 2017');
    expect(dateInWords('2017-02-17')).toBe('ngày 17 tháng 02 năm 2017');
  });

  test('without a date the clerk gets blanks to write in, never a made-up date', () => {
    expect(documentDateLine('Lạng Sơn', null)).toBe('Lạng Sơn, ngày     tháng     năm     ');
    expect(dateInWords(null)).not.toMatch(/\d/);
  });

  test('without a place the line starts at "Ngày", with no stray comma', () => {
    expect(documentDateLine('  ', '2018-01-05')).toBe('Ngày 05 tháng 01 năm 2018');
  });

  test('a value that is not an ISO date is a programming error', () => {
    expect(() => dateInWords('05/01/2018')).toThrow(RangeError);
  });
});

describe('the number line', () => {
  test('the number itself is always left blank for the clerk', () => {
    expect(documentNumberLine('-BC/BTCTU')).toBe('Số     -BC/BTCTU');
    expect(documentNumberLine('BC/BTCHU')).toBe('Số     -BC/BTCHU');
    expect(documentNumberLine('')).toBe('Số     ');
    expect(documentNumberLine('-BC/BTCTU')).not.toMatch(/\d/);
  });
});

describe('sections', () => {
  test('headings are numbered I, II … unless the user numbered them', () => {
    expect(romanNumeral(1)).toBe('I');
    expect(romanNumeral(4)).toBe('IV');
    expect(romanNumeral(9)).toBe('IX');
    expect(romanNumeral(14)).toBe('XIV');
    expect(romanNumeral(20)).toBe('XX');
    expect(sectionHeading(0, 'Căn cứ')).toBe('I. Căn cứ');
    expect(sectionHeading(5, 'KIẾN NGHỊ')).toBe('VI. KIẾN NGHỊ');
    expect(sectionHeading(2, 'III. KẾT QUẢ')).toBe('III. KẾT QUẢ');
    // A heading that merely starts with a capital I is not a numeral.
    expect(sectionHeading(0, 'Ít nhất')).toBe('I. Ít nhất');
  });

  test('a body becomes one paragraph per line, blank lines and spaces dropped', () => {
    expect(bodyParagraphs('Một.\n\n  Hai;\r\nBa.\n\n\n')).toEqual(['Một.', 'Hai;', 'Ba.']);
    expect(bodyParagraphs('   \n\n')).toEqual([]);
  });
});
