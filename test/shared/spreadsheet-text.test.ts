// The guard of spreadsheet text cells (OWASP CSV injection) and its inverse, the app's import.
import { describe, expect, test } from 'vitest';
import { guardCellText, unguardCellText } from '../../shared/domain/spreadsheet-text';
import { prng } from '../helpers/prng';

describe('guardCellText', () => {
  test('puts an apostrophe before text led by = + - @, a tab or a carriage return', () => {
    expect(guardCellText('=HYPERLINK("http://example.com","x")')).toBe(
      '\'=HYPERLINK("http://example.com","x")',
    );
    expect(guardCellText('+1')).toBe("'+1");
    expect(guardCellText('-x')).toBe("'-x");
    expect(guardCellText('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(guardCellText('\t=1+1')).toBe("'\t=1+1");
    expect(guardCellText('\r=1+1')).toBe("'\r=1+1");
  });

  test('leaves other text as it is, a formula character later in the text included', () => {
    for (const text of ['', 'Đảng bộ xã Đồng Ý', 'Chi bộ 1=2', ' =1', "'abc", '33-NQ/TU', '١']) {
      expect(guardCellText(text)).toBe(text);
    }
  });

  test('text already behind apostrophes gets one more, so the import gives it back', () => {
    expect(guardCellText("'=x")).toBe("''=x");
    expect(guardCellText("''@x")).toBe("'''@x");
  });
});

describe('unguardCellText', () => {
  test('takes one apostrophe off a guarded text and leaves any other text alone', () => {
    expect(unguardCellText("'=1+1")).toBe('=1+1');
    expect(unguardCellText("''=1+1")).toBe("'=1+1");
    expect(unguardCellText("'abc")).toBe("'abc");
    expect(unguardCellText("'")).toBe("'");
    expect(unguardCellText('=1+1')).toBe('=1+1');
  });

  test('undoes the guard for every text (5,000 random texts over the characters that matter)', () => {
    const random = prng(11);
    const alphabet = ["'", '=', '+', '-', '@', '\t', '\r', 'a', 'Đ', ' '];
    for (let i = 0; i < 5000; i++) {
      const text = Array.from({ length: random.int(6) }, () => random.pick(alphabet)).join('');
      const guarded = guardCellText(text);
      expect(guarded, JSON.stringify(text)).not.toMatch(/^[=+\-@\t\r]/);
      expect(unguardCellText(guarded), JSON.stringify(text)).toBe(text);
    }
  });
});
