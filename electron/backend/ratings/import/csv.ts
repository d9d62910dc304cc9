// CSV as spreadsheets save it: UTF-8 (with or without BOM), Windows-1258 or UTF-16 (see
// encoding.ts), comma, semicolon or tab separated, fields quoted with "…" where they hold a
// separator, a quote ("") or a line break.
//
// Read as a stream: the bytes are decoded a slice at a time and parsed as they come, each record
// kept as its trimmed NFC cells, so the whole file's text is never held as one string beside its
// rows (a national file is ~55,000 records). Text is normalised per cell rather than as a whole:
// separators, quotes and line breaks are ASCII, which NFC never changes or composes with, so the
// cells are the ones the whole text would give.
import type { CsvEncoding } from '../../../../shared/contract';
import { AppError } from '../../../../shared/errors';
import { PLAIN_NAME } from '../../../../shared/domain/text';
import type { ReadLimits } from '../../limits/read-limits';
import { UNLIMITED } from '../../limits/read-limits';
import { decodedSlices } from './encoding';
import type { SheetRow } from './sheet';

const DELIMITERS = [',', ';', '\t'] as const;

/** Bytes decoded at a time. */
export const CSV_SLICE_BYTES = 1024 * 1024;

const binary = () =>
  new AppError('BAD_FILE', 'Tệp không phải tệp văn bản CSV (có ký tự nhị phân).');

export function readCsv(
  bytes: Uint8Array,
  sliceBytes = CSV_SLICE_BYTES,
  limits: ReadLimits = UNLIMITED,
): { rows: SheetRow[]; encoding: CsvEncoding } {
  const { encoding, slices } = decodedSlices(bytes, sliceBytes);
  const rows: SheetRow[] = [];
  let parser: CsvParser | null = null;
  // Text held until the first line is complete: it decides the separator.
  let head = '';
  // Cells counted a slice at a time (limits/): a slice adds at most a mebibyte of them.
  let counted = 0;
  const count = () => {
    for (; counted < rows.length; counted++) limits.cells.take(rows[counted]?.cells.length ?? 0);
    limits.deadline.check();
  };
  for (const slice of slices) {
    count();
    if (slice.includes('\0')) throw binary();
    if (parser) {
      parser.push(slice, rows);
      continue;
    }
    head += slice;
    const delimiter = firstLineDelimiter(head);
    if (delimiter === null) continue;
    parser = new CsvParser(delimiter);
    parser.push(head, rows);
    head = '';
  }
  parser ??= new CsvParser(firstLineDelimiter(head, true) ?? ',');
  if (head !== '') parser.push(head, rows);
  parser.end(rows);
  count();
  return { rows, encoding };
}

/**
 * The separator that occurs most often in the first line, outside quotes; null while the first
 * line has not ended in `text` (unless `complete`: the text is all there is).
 */
function firstLineDelimiter(text: string, complete = false): string | null {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  let ended = complete;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) {
      ended = true;
      break;
    } else if (!quoted && counts.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  if (!ended) return null;
  let best: string = ',';
  for (const d of DELIMITERS) if ((counts.get(d) ?? 0) > (counts.get(best) ?? 0)) best = d;
  return best;
}

/**
 * The record parser, fed text in pieces: a quote or a CR at the end of one piece is settled by
 * the first character of the next. Records keep their cells NFC-normalised and trimmed.
 */
class CsvParser {
  private cells: string[] = [];
  private field = '';
  private quoted = false;
  /** A quote seen inside a quoted field, waiting for the next character ("" or the end). */
  private quoteInQuoted = false;
  /** A CR just ended a record: a LF right after it belongs to it. */
  private afterCr = false;
  private count = 0;

  /** The characters that end a run outside quotes: the separator, a quote, a line break. */
  private readonly special: RegExp;

  constructor(private readonly delimiter: string) {
    this.special = new RegExp(`[${delimiter === '\t' ? '\\t' : delimiter}"\\r\\n]`, 'g');
  }

  push(text: string, rows: SheetRow[]): void {
    const { delimiter, special } = this;
    let i = 0;
    while (i < text.length) {
      if (this.afterCr) {
        this.afterCr = false;
        if (text[i] === '\n') {
          i++;
          continue;
        }
      }
      if (this.quoteInQuoted) {
        this.quoteInQuoted = false;
        if (text[i] === '"') {
          this.field += '"';
          i++;
          continue;
        }
        // The quote closed the field: this character is read as outside quotes.
        this.quoted = false;
      } else if (this.quoted) {
        // Everything up to the next quote belongs to the field.
        const quote = text.indexOf('"', i);
        if (quote < 0) {
          this.field += text.slice(i);
          return;
        }
        this.field += text.slice(i, quote);
        this.quoteInQuoted = true;
        i = quote + 1;
        continue;
      }
      // Outside quotes: a run of plain characters taken at once, then the one that ends it.
      special.lastIndex = i;
      const found = special.exec(text);
      const at = found ? found.index : text.length;
      if (at > i) this.field += text.slice(i, at);
      if (!found) return;
      const ch = text[at];
      if (ch === '"' && this.field === '') this.quoted = true;
      else if (ch === delimiter) this.endField();
      else if (ch === '\r' || ch === '\n') {
        this.endRow(rows);
        if (ch === '\r') this.afterCr = true;
      } else this.field += ch;
      i = at + 1;
    }
  }

  end(rows: SheetRow[]): void {
    if (this.quoteInQuoted) {
      this.quoteInQuoted = false;
      this.quoted = false;
    }
    if (this.field !== '' || this.cells.length > 0 || this.quoted) this.endRow(rows);
  }

  private endField() {
    this.cells.push(this.field);
    this.field = '';
  }

  private endRow(rows: SheetRow[]) {
    this.endField();
    this.count++;
    // Plain text (PLAIN_NAME) is NFC and trimmed already: most cells skip the normalisation.
    const cells = this.cells.map((c) => (PLAIN_NAME.test(c) ? c : c.normalize('NFC').trim()));
    this.cells = [];
    // Blank records are dropped here, as readSheet drops them: they are never kept.
    if (cells.some((c) => c !== '')) rows.push({ row: this.count, cells });
  }
}
