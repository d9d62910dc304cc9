// Vietnamese text rules (DOMAIN.md §6). Pure functions shared by backend and renderer.

/** Control characters that are line or column breaks: they separate words, so become spaces. */
const BREAKING_CONTROLS = /[\t\n\v\f\r\u0085]/g;

/**
 * Characters that show nothing but make two identical-looking names differ: controls (C0/C1,
 * NUL, ESC) and format characters (zero-width space/joiner/non-joiner, word joiner, BOM, soft
 * hyphen, bidi marks, embeddings, overrides and isolates). Pasted from Word, web pages or PDFs.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}]/gu;

/**
 * Text already in normalizeName's form, returned as it is without its five passes (a national
 * import normalises 55,000 names): words of printable ASCII and precomposed Latin letters
 * (U+00C0–U+024F, U+1E00–U+1EFF: every Vietnamese letter) separated by single spaces. None of
 * those characters is a control, a format character or a space, each is NFC and none composes
 * with its neighbour (a test checks every character and every pair against NFC).
 */
export const PLAIN_NAME =
  /^[!-~\u00c0-\u024f\u1e00-\u1eff]+(?: [!-~\u00c0-\u024f\u1e00-\u1eff]+)*$/;

/**
 * The form every stored name, code and operator name takes: invisible characters removed,
 * whitespace collapsed to single spaces, trimmed, Unicode NFC. Removal comes before NFC so that
 * a base letter and its tone mark split by a zero-width character still compose.
 */
export function normalizeName(raw: string): string {
  if (PLAIN_NAME.test(raw)) return raw;
  return raw
    .replace(BREAKING_CONTROLS, ' ')
    .replace(INVISIBLE, '')
    .replace(/\s+/g, ' ')
    .normalize('NFC')
    .trim();
}

/**
 * Search key: lower case, no diacritics, đ→d. Old and new tone placement
 * (hoà/hòa, uỷ/ủy) fold to the same key because every combining mark is dropped; invisible
 * characters are dropped too, so a pasted zero-width space cannot split a word.
 */
export function foldForSearch(text: string): string {
  return foldNormalized(normalizeName(text));
}

/**
 * `foldForSearch` of a text already in `normalizeName`'s form, which normalizeName leaves as it
 * is: a bulk job that has normalised a name once folds it without normalising it again.
 */
export function foldNormalized(normal: string): string {
  return (PLAIN_NAME.test(normal) && foldPlain(normal)) || foldPasses(normal);
}

/** The fold's passes over a whole text. */
function foldPasses(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** A plain character's fold: its letters and digits ('' for none), or SEPARATOR. */
const SEPARATOR = 0;
/** A character whose fold mixes letters and separators: the passes fold its text. */
const MIXED = 1;
/** By character code (PLAIN_NAME's characters are all below U+1F00), filled as they are met. */
const plainFolds = Array.from(
  { length: 0x1f00 },
  (): string | typeof SEPARATOR | typeof MIXED | undefined => undefined,
);

/**
 * Each of PLAIN_NAME's characters folded alone, by the passes themselves. A plain text folds
 * character by character: each decomposes to a starter and marks the passes drop (nothing
 * reorders across characters), lower case is per character outside Greek, and runs of
 * separators become one space, none at the ends (a test compares it with the passes).
 */
function plainFoldOf(code: number): string | typeof SEPARATOR | typeof MIXED {
  let fold = plainFolds[code];
  if (fold === undefined) {
    const passes = String.fromCharCode(code)
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[đĐ]/g, 'd')
      .toLowerCase();
    fold = /^[\p{L}\p{N}]*$/u.test(passes)
      ? passes
      : /^[^\p{L}\p{N}]+$/u.test(passes)
        ? SEPARATOR
        : MIXED;
    plainFolds[code] = fold;
  }
  return fold;
}

/** The fold of a plain text character by character, or '' to leave it to the passes. */
function foldPlain(text: string): string {
  let folded = '';
  let gap = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // ASCII letters and digits, most of a name, without the table.
    if ((code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39)) {
      if (gap && folded !== '') folded += ' ';
      gap = false;
      folded += text[i];
      continue;
    }
    const fold = code === 0x20 ? SEPARATOR : plainFoldOf(code);
    if (fold === MIXED) return '';
    if (fold === SEPARATOR) gap = true;
    else if (fold !== '') {
      if (gap && folded !== '') folded += ' ';
      gap = false;
      folded += fold;
    }
  }
  return folded;
}

const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });

/** Vietnamese alphabetical order (a < ă < â, d < đ …). */
export function compareVietnamese(a: string, b: string): number {
  return collator.compare(a, b);
}

/** How much of a typed or imported text a message repeats back. */
export const ECHO_MAX = 80;

/**
 * Text repeated in a message ("Năm "…" không hợp lệ"), cut to about 80 characters with an
 * ellipsis: a whole paragraph pasted into a cell would otherwise bury the message itself.
 */
export function echoText(text: string, max = ECHO_MAX): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
