// A stored sort key for unit names: comparing two keys as plain strings (SQLite's BINARY
// collation, which compares UTF-8 bytes, i.e. code points) gives the order of compareVietnamese,
// the `vi` collator at base strength with numeric order. SQLite has no Vietnamese collation, and
// running the collator over 55,000 names on every page of the register is what made it slow.
//
// At base strength the collator looks only at primary weights: case and tone marks are ignored
// (hòa = hoa = HOA), the Vietnamese letters ă â đ ê ô ơ ư are letters of their own (a < ă < â < b),
// runs of digits compare by their value ("Chi bộ 2" < "Chi bộ 10", 01 = 1), and spaces and
// punctuation are not ignored: they weigh less than digits, which weigh less than letters.
//
// The key is a string of weights, one code point each:
//   0x21…      spaces and punctuation, in the collator's order (equal ones share a weight);
//   0x100+n    a run of n digits (leading zeros dropped), followed by the digits themselves;
//   0x200…     the letters a ă â b c d đ e ê f … o ô ơ … u ư v w x y z;
//   0x1000+cp  anything else (other scripts, rare symbols), after the letters by code point.
// The test compares it with the collator over the awkward cases and thousands of random names.

/** Spaces and punctuation from lightest to heaviest; an inner array holds equal characters. */
const SEPARATORS: readonly (string | readonly string[])[] = [
  [' ', '\u00a0'],
  '_',
  '-',
  '–',
  '—',
  ',',
  ';',
  ':',
  '!',
  '?',
  '.',
  '…',
  '·',
  ["'", '‘', '’'],
  ['"', '“', '”'],
  '«',
  '»',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  '@',
  '*',
  '/',
  '\\',
  '&',
  '#',
  '%',
  '•',
  '`',
  '^',
  '°',
  '+',
  '×',
  '<',
  '=',
  '>',
  '|',
  '~',
  '$',
];

const LETTERS = 'aăâbcdđeêfghiıjklmnoôơpqrstuưvwxyz';

/** Letters the collator reads as one or more others at base strength. */
const EXPANSIONS: Readonly<Record<string, string>> = {
  ð: 'd',
  ø: 'o',
  ł: 'l',
  æ: 'ae',
  œ: 'oe',
  ß: 'ss',
  ſ: 's',
  ĳ: 'ij',
  ﬁ: 'fi',
  ﬂ: 'fl',
  '№': 'no',
};

const SEPARATOR_BASE = 0x21;
const DIGIT_RUN_BASE = 0x100;
const MAX_DIGIT_RUN = 0xff;
const LETTER_BASE = 0x200;
const OTHER_BASE = 0x1000;

const WEIGHTS = new Map<string, string>();
SEPARATORS.forEach((group, rank) => {
  for (const ch of typeof group === 'string' ? [group] : group) {
    WEIGHTS.set(ch, String.fromCharCode(SEPARATOR_BASE + rank));
  }
});
[...LETTERS].forEach((ch, i) => WEIGHTS.set(ch, String.fromCharCode(LETTER_BASE + i)));

/** Combining marks that make a Vietnamese letter of their own on a given base letter. */
const LETTER_MARKS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  a: { '\u0306': 'ă', '\u0302': 'â' },
  e: { '\u0302': 'ê' },
  o: { '\u0302': 'ô', '\u031b': 'ơ' },
  u: { '\u031b': 'ư' },
};

const COMBINING_MARK = /\p{M}/u;

function otherWeight(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  // Skip the surrogate range, which cannot be stored as UTF-8, and stay within Unicode.
  let w = OTHER_BASE + cp;
  if (w >= 0xd800) w += 0x800;
  return String.fromCodePoint(Math.min(w, 0x10ffff));
}

function digitRun(digits: string): string {
  const value = digits.replace(/^0+(?=\d)/, '');
  return String.fromCharCode(DIGIT_RUN_BASE + Math.min(value.length, MAX_DIGIT_RUN)) + value;
}

/** The sort key of a name (see the top of this file). */
export function unitSortKey(name: string): string {
  const chars = [...name.normalize('NFD')];
  let key = '';
  // The base letter the marks now being read sit on (a, e, o, u), to turn a + ̆ into ă.
  let base: string | null = null;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] ?? '';
    if (ch >= '0' && ch <= '9') {
      let j = i;
      while (j < chars.length && (chars[j] ?? '') >= '0' && (chars[j] ?? '') <= '9') j++;
      key += digitRun(chars.slice(i, j).join(''));
      i = j - 1;
      base = null;
      continue;
    }
    if (COMBINING_MARK.test(ch)) {
      const letter = base === null ? undefined : LETTER_MARKS[base]?.[ch];
      if (letter !== undefined) {
        key = key.slice(0, -1) + (WEIGHTS.get(letter) ?? '');
        base = null;
      }
      continue;
    }
    const lower = ch.toLowerCase();
    base = lower in LETTER_MARKS ? lower : null;
    for (const c of EXPANSIONS[lower] ?? lower) {
      if (!COMBINING_MARK.test(c)) key += WEIGHTS.get(c) ?? otherWeight(c);
    }
  }
  return key;
}
