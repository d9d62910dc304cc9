// Vietnamese text rules (DOMAIN.md §6). Pure functions shared by backend and renderer.

/** Unicode NFC with inner whitespace collapsed: the form every stored name takes. */
export function normalizeName(raw: string): string {
  return raw.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/**
 * Search key: lower case, no diacritics, đ→d. Old and new tone placement
 * (hoà/hòa, uỷ/ủy) fold to the same key because every combining mark is dropped.
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });

/** Vietnamese alphabetical order (a < ă < â, d < đ …). */
export function compareVietnamese(a: string, b: string): number {
  return collator.compare(a, b);
}
