// CSV as spreadsheets save it: UTF-8 with or without BOM, comma or semicolon (or tab) separated,
// fields quoted with "…" where they hold a separator, a quote ("") or a line break.
import { AppError } from '../../../../shared/errors';
import type { SheetRow } from './sheet';

const DELIMITERS = [',', ';', '\t'] as const;

export function readCsv(bytes: Buffer): SheetRow[] {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new AppError(
      'BAD_FILE',
      'Tệp CSV không đọc được dưới dạng UTF-8. Hãy lưu lại bằng Excel với kiểu ' +
        '"CSV UTF-8 (Comma delimited)", hoặc dùng tệp .xlsx.',
    );
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.includes('\0')) {
    throw new AppError('BAD_FILE', 'Tệp không phải tệp văn bản CSV (có ký tự nhị phân).');
  }
  return parseCsv(text, detectDelimiter(text));
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
