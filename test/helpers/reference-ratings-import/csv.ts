// Frozen copy of electron/backend/ratings/import/csv.ts as it was before issue 10's bulk path (commit
// dbbe2f3), kept so that a test compares the old answers with the new ones. Do not edit.
// CSV as spreadsheets save it: UTF-8 (with or without BOM), Windows-1258 or UTF-16 (see
// encoding.ts), comma, semicolon or tab separated, fields quoted with "…" where they hold a
// separator, a quote ("") or a line break.
import type { CsvEncoding } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { decodeCsvText } from './encoding';
import type { SheetRow } from './sheet';

const DELIMITERS = [',', ';', '\t'] as const;

export function readCsv(bytes: Uint8Array): { rows: SheetRow[]; encoding: CsvEncoding } {
  const { text, encoding } = decodeCsvText(bytes);
  if (text.includes('\0')) {
    throw new AppError('BAD_FILE', 'Tệp không phải tệp văn bản CSV (có ký tự nhị phân).');
  }
  return { rows: parseCsv(text, detectDelimiter(text)), encoding };
}

/** The separator that occurs most often in the first line, outside quotes. */
export function detectDelimiter(text: string): string {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best: string = ',';
  for (const d of DELIMITERS) if (counts.get(d)! > counts.get(best)!) best = d;
  return best;
}

/** Records numbered from 1, as a spreadsheet shows them (a quoted line break stays in its cell). */
export function parseCsv(text: string, delimiter: string): SheetRow[] {
  const rows: SheetRow[] = [];
  let cells: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const endField = () => {
    cells.push(field);
    field = '';
  };
  const endRow = () => {
    endField();
    rows.push({ row: rows.length + 1, cells });
    cells = [];
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        field += ch;
      }
      i++;
      continue;
    }
    if (ch === '"' && field === '') quoted = true;
    else if (ch === delimiter) endField();
    else if (ch === '\r' || ch === '\n') {
      endRow();
      if (ch === '\r' && text[i + 1] === '\n') i++;
    } else field += ch;
    i++;
  }
  if (field !== '' || cells.length > 0 || quoted) endRow();
  return rows;
}
