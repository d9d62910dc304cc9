// exceljs's streaming reader fed part by part from the archive in memory, instead of through its
// own zip loop (unzipper). That loop had two faults, both seen under load:
// - unzipper's Parse announces its end as soon as it has read the last byte, while parts it has
//   already unpacked are still waiting to be handed out; exceljs then stops early, and the
//   sheets after it were lost (the read gave up and the workbook was loaded whole).
// - every sheet met before the shared strings (where exceljs itself writes them) was parked in a
//   temporary file, opened lazily and deleted when the next sheet was asked for; a sheet nobody
//   read was deleted before its open ran, an uncaught ENOENT (a crash of the worker).
// Here the workbook's own parts (relations, list of sheets, shared strings, styles) are parsed
// first, whatever their place in the archive, then each sheet is inflated as it is read, in
// chunks cut between letters, never inside one (exceljs decodes each chunk on its own: a letter
// cut in two came out as U+FFFD). The parsers are exceljs's own, so cells read as before.
import { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import ExcelJS from 'exceljs';
import type { ZipEntry } from './zip';
import { compressedData, zipEntries } from './zip';

type WorksheetReader = ExcelJS.stream.xlsx.WorksheetReader;

/** The part parsers of exceljs's WorkbookReader (4.4) that its own zip loop calls. */
interface PartParsers {
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncIterable<unknown>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseWorksheet(
    chunks: AsyncIterable<Buffer>,
    sheetNo: string,
  ): Iterable<{ eventType: string; value: WorksheetReader }>;
}

const WORKSHEET = /^xl\/worksheets\/sheet(\d+)[.]xml$/;

/** The workbook's own parts, parsed before any sheet as exceljs needs them. */
const WORKBOOK_PARTS = [
  'xl/_rels/workbook.xml.rels',
  'xl/workbook.xml',
  'xl/sharedStrings.xml',
  'xl/styles.xml',
] as const;

export interface PartsReader {
  /** The reader whose `model` lists the sheets once the workbook's parts were parsed. */
  reader: ExcelJS.stream.xlsx.WorkbookReader;
  /** Each sheet part in archive order, ready to be read row by row (or not read at all). */
  worksheets(): AsyncGenerator<WorksheetReader>;
}

/** Throws (not a zip, a part that does not inflate) where exceljs's own loop would. */
export async function readParts(
  bytes: Buffer,
  options: Partial<ExcelJS.stream.xlsx.WorkbookStreamReaderOptions>,
): Promise<PartsReader> {
  const entries = zipEntries(bytes);
  const byName = new Map<string, ZipEntry>();
  for (const entry of entries) if (!byName.has(entry.name)) byName.set(entry.name, entry);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([]), options);
  const parsers = reader as unknown as PartParsers;
  for (const name of WORKBOOK_PARTS) {
    const entry = byName.get(name);
    if (!entry) continue;
    const part = Readable.from(letterChunks(bytes, entry));
    if (name === 'xl/_rels/workbook.xml.rels') await parsers._parseRels(part);
    else if (name === 'xl/workbook.xml') await parsers._parseWorkbook(part);
    else if (name === 'xl/styles.xml') await parsers._parseStyles(part);
    else for await (const _event of parsers._parseSharedStrings(part));
  }
  const sheets = [...entries]
    .sort((a, b) => a.localHeaderOffset - b.localHeaderOffset)
    .flatMap((entry) => {
      const match = WORKSHEET.exec(entry.name);
      return match && byName.get(entry.name) === entry ? [{ entry, sheetNo: match[1] ?? '' }] : [];
    });
  async function* worksheets(): AsyncGenerator<WorksheetReader> {
    for (const { entry, sheetNo } of sheets) {
      for (const { eventType, value } of parsers._parseWorksheet(
        letterChunks(bytes, entry),
        sheetNo,
      )) {
        if (eventType === 'worksheet') yield value;
      }
    }
  }
  return { reader, worksheets };
}

/**
 * A part's bytes inflated a chunk at a time, each chunk ending after a whole UTF-8 character.
 * Inflation starts only when the part is read: a sheet passed over costs nothing.
 */
async function* letterChunks(bytes: Buffer, entry: ZipEntry): AsyncGenerator<Buffer> {
  const data = compressedData(bytes, entry);
  const source =
    entry.method === 0 ? Readable.from([data]) : Readable.from([data]).pipe(createInflateRaw());
  let carry: Buffer = Buffer.alloc(0);
  for await (const chunk of source as AsyncIterable<Buffer>) {
    const joined = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
    const cut = wholeLettersEnd(joined);
    if (cut > 0) yield joined.subarray(0, cut);
    carry = joined.subarray(cut);
  }
  if (carry.length > 0) yield carry;
}

/** Where the last whole UTF-8 character of `bytes` ends (a broken sequence counts as whole). */
export function wholeLettersEnd(bytes: Buffer): number {
  // The lead byte of the last character: at most 3 continuation bytes (10xxxxxx) after it.
  let lead = bytes.length - 1;
  while (lead >= 0 && bytes.length - lead <= 4 && ((bytes[lead] ?? 0) & 0xc0) === 0x80) lead -= 1;
  if (lead < 0 || bytes.length - lead > 4) return bytes.length;
  const first = bytes[lead] ?? 0;
  const length = first >= 0xf0 ? 4 : first >= 0xe0 ? 3 : first >= 0xc0 ? 2 : 1;
  return lead + length <= bytes.length ? bytes.length : lead;
}
