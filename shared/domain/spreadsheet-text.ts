// Text cells of the spreadsheets the app writes, guarded against formula injection (OWASP "CSV
// injection"): a cell whose text starts with = + - @, a tab or a carriage return is one a
// spreadsheet may run as a formula when the file is opened, saved as CSV and opened again, or
// pasted elsewhere. Such text is written with an apostrophe in front, as OWASP advises; numbers
// and dates are never text and are never touched.
//
// The app's own import takes the apostrophe off again, so export → import gives back the same
// names. To make that exact for every text, a text that already starts with apostrophes before
// one of those characters ("'=x") gets one more, and the import removes exactly one: the guard
// and its inverse are a bijection, whatever the text.

/** Apostrophes (any number, even none) followed by a character a spreadsheet may take for a formula. */
const FORMULA_LEAD = /^'*[=+\-@\t\r]/;
/** What the guard writes: at least one apostrophe, then such a character. */
const GUARDED = /^'+[=+\-@\t\r]/;

/** The text as a spreadsheet cell may safely hold it: an apostrophe in front when needed. */
export function guardCellText(text: string): string {
  return FORMULA_LEAD.test(text) ? `'${text}` : text;
}

/** The inverse of `guardCellText`, for cells read back by the app's import. */
export function unguardCellText(text: string): string {
  return GUARDED.test(text) ? text.slice(1) : text;
}
