// The wording of a party document's header lines (Hướng dẫn 36-HD/VPTW, 2018; DOMAIN.md §6):
// the place and date line and the number line. Pure, so the Word file, the printable page and the
// report screen's preview write exactly the same text.

/** Spaces left for the clerk to write a day, a month or a year by hand. */
const BLANK = '     ';

/** Days 01–09 and months 01–09 are written with a leading zero ("ngày 05 tháng 01 năm 2018"). */
function twoDigits(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * "ngày 05 tháng 01 năm 2018" from an ISO date (YYYY-MM-DD); null leaves the three blanks for the
 * clerk ("ngày      tháng      năm      "). Anything else is a programming error.
 */
export function dateInWords(isoDate: string | null): string {
  if (isoDate === null) return `ngày${BLANK}tháng${BLANK}năm${BLANK}`;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) throw new RangeError(`not an ISO date: ${isoDate}`);
  const [, year, month, day] = match;
  return `ngày ${twoDigits(Number(day))} tháng ${twoDigits(Number(month))} năm ${Number(year)}`;
}

/**
 * The italic line under "ĐẢNG CỘNG SẢN VIỆT NAM": "Lạng Sơn, ngày 15 tháng 01 năm 2018". Without
 * a place the line starts at "ngày" (capitalised), so it never begins with a stray comma.
 */
export function documentDateLine(place: string, isoDate: string | null): string {
  const date = dateInWords(isoDate);
  const where = place.trim();
  return where ? `${where}, ${date}` : date.charAt(0).toLocaleUpperCase('vi') + date.slice(1);
}

/**
 * "Số      -BC/BTCTU": the number itself is the clerk's to give, never the app's, so it is always
 * blank. A suffix typed without its dash ("BC/BTCTU") gets one.
 */
export function documentNumberLine(numberSuffix: string): string {
  const suffix = numberSuffix.trim();
  const dashed = suffix === '' || suffix.startsWith('-') ? suffix : `-${suffix}`;
  return `Số${BLANK}${dashed}`;
}

const ROMAN: readonly [number, string][] = [
  [10, 'X'],
  [9, 'IX'],
  [5, 'V'],
  [4, 'IV'],
  [1, 'I'],
];

/** 1 → "I", 4 → "IV", 14 → "XIV" (sections are at most 20). */
export function romanNumeral(n: number): string {
  let rest = n;
  let text = '';
  for (const [value, letters] of ROMAN) {
    while (rest >= value) {
      text += letters;
      rest -= value;
    }
  }
  return text;
}

/**
 * A section heading as printed: "I. Căn cứ …". A heading the user already numbered ("II. Kết
 * quả") keeps its own numeral, so the document never reads "II. II. Kết quả".
 */
export function sectionHeading(index: number, heading: string): string {
  const text = heading.trim();
  if (/^[IVXL]+\.\s/.test(text)) return text;
  return `${romanNumeral(index + 1)}. ${text}`;
}

/**
 * A section's body as paragraphs: every non-empty line is one. A single line break starts a new
 * paragraph too (a list typed line by line), because Word stretches a justified line that ends in
 * a manual break across the whole width.
 */
export function bodyParagraphs(body: string): string[] {
  return body
    .split(/\r\n?|\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}
