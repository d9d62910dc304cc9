// normalizeName as it was before its shortcut for plain text (shared/domain/text.ts): the test
// of the shortcut compares the two on generated texts.

export function referenceNormalizeName(raw: string): string {
  return raw
    .replace(/[\t\n\v\f\r\u0085]/g, ' ')
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .replace(/\s+/g, ' ')
    .normalize('NFC')
    .trim();
}

/** foldNormalized as it was before its character-by-character fold of plain text. */
export function referenceFoldNormalized(normal: string): string {
  return normal
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
