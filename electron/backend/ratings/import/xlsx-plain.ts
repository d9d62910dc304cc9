// A plain worksheet read straight from the archive, without exceljs: the parts a plain workbook
// has (the list of sheets, shared strings, cell styles, the sheet) inflated whole, decoded once
// and scanned. A 55,000-row sheet reads in a fraction of exceljs's time and garbage (its SAX
// events, a Row and a Cell object per cell, temporary files for parts that come before the
// shared strings).
//
// "Plain" is what spreadsheet programs write for a table of text and numbers: cells of shared
// strings (one text run each) and numbers (no date format). Anything else — a formula, rich or
// inline text, a date or other number format, a row style, XML this scanner does not expect, a
// workbook the streaming reader would map differently — answers null, and the caller reads the
// file with exceljs as before. Where it answers, it gives what exceljs's streaming reader gives
// (xlsx.ts, `readXlsxStreaming`): the same sheet chosen by the same rules, the same rows and
// cells, each the text exceljs's `cell.text` shows; except that each part is decoded as a whole,
// where exceljs decodes the UTF-8 of each inflated chunk on its own and turns a letter cut by a
// chunk's end into U+FFFD (14 names of the bench's national file).
import { inflateRawSync } from 'node:zlib';
import type { CellBudget } from '../../limits/cells';
import { NO_CELL_LIMIT } from '../../limits/cells';
import type { SheetRow } from './sheet';
import type { XlsxSheet } from './xlsx';
import { chooseSheet, isVisible } from './xlsx';
import type { ZipEntry } from './zip';
import { compressedData, zipEntries } from './zip';

/** Gives up on the plain read (the caller then reads with exceljs). */
class NotPlain extends Error {}

function need(condition: boolean): asserts condition {
  if (!condition) throw new NotPlain();
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * XML text or an attribute's value as an XML parser gives it: the five named entities and
 * character references decoded. Anything a parser would refuse or change (another entity, a
 * control character, a carriage return it would turn into a line feed) is not plain.
 */
function xmlText(raw: string): string {
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  need(!/[\0-\x08\x0B\x0C\x0D\x0E-\x1F]/.test(raw));
  if (!raw.includes('&')) return raw;
  const decoded = raw.replace(
    /&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g,
    (_, name: string) => {
      if (!name.startsWith('#')) return ENTITIES[name] ?? '';
      const code = name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      need(code === 0x9 || code === 0xa || (code >= 0x20 && code <= 0x10ffff && code !== 0xd));
      return String.fromCodePoint(code);
    },
  );
  // A bare "&" (or an entity of its own) is an error to an XML parser.
  need(!/&(?!(?:#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);)/.test(raw));
  return decoded;
}

/** exceljs decodes a sheet's name a second time (utils.xmlDecode): "&amp;amp;" names "&". */
function exceljsDecode(text: string): string {
  return text.replace(/&([a-z]*);/g, (entity: string, name: string) => ENTITIES[name] ?? entity);
}

/** An element's attributes (double-quoted, as spreadsheet programs write them). */
function attributes(text: string): Map<string, string> {
  const found = new Map<string, string>();
  const pattern = /\s*([\w:.-]+)\s*=\s*"([^"]*)"/y;
  let at = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    const [, name = '', value = ''] = m;
    need(!found.has(name));
    // An XML parser turns a tab or line break in an attribute into a space.
    found.set(name, xmlText(value.replace(/[\t\n]/g, ' ')));
    at = pattern.lastIndex;
  }
  need(text.slice(at).trim() === '' || text.slice(at).trim() === '/');
  return found;
}

/** The elements named `tag` anywhere in `xml`, as attribute maps. */
function elements(xml: string, tag: string): Map<string, string>[] {
  const found: Map<string, string>[] = [];
  for (const m of xml.matchAll(new RegExp(`<${tag}\\b([^>]*)>`, 'g'))) {
    found.push(attributes((m[1] ?? '').replace(/\/$/, '')));
  }
  return found;
}

const utf8 = new TextDecoder('utf-8');

/** A part inflated whole and decoded as UTF-8 (a byte order mark dropped, as exceljs does). */
function partText(bytes: Buffer, entry: ZipEntry): string {
  const data = compressedData(bytes, entry);
  const raw = entry.method === 0 ? data : inflateRawSync(data);
  // A part in UTF-16 (its own byte order mark) is not one exceljs reads as text either.
  need(!(raw[0] === 0xfe && raw[1] === 0xff) && !(raw[0] === 0xff && raw[1] === 0xfe));
  const text = utf8.decode(raw);
  need(text.startsWith('<'));
  return text;
}

const WORKSHEET = /xl\/worksheets\/sheet(\d+)[.]xml/;

interface Parts {
  bytes: Buffer;
  byName: Map<string, ZipEntry>;
  /** The worksheets in the order exceljs's streaming reader hands them out. */
  worksheets: { entry: ZipEntry; number: string }[];
}

/**
 * The archive's parts, and the worksheets in exceljs's order: its streaming reader parses a
 * worksheet as it passes once the shared strings and the workbook's relations were read, and
 * keeps the others for after the last part. Orders in which it would fail or map sheets from a
 * part it has not read yet are not plain.
 */
function partsOf(bytes: Buffer): Parts {
  let entries: ZipEntry[];
  try {
    entries = zipEntries(bytes);
  } catch {
    throw new NotPlain();
  }
  const byName = new Map<string, ZipEntry>();
  for (const entry of entries) {
    need(!byName.has(entry.name) && (entry.method === 0 || entry.method === 8));
    byName.set(entry.name, entry);
  }
  const inFileOrder = [...entries].sort((a, b) => a.localHeaderOffset - b.localHeaderOffset);
  const seen = new Set<string>();
  const now: Parts['worksheets'] = [];
  const later: Parts['worksheets'] = [];
  for (const entry of inFileOrder) {
    const special = [
      '_rels/.rels',
      'xl/_rels/workbook.xml.rels',
      'xl/workbook.xml',
      'xl/sharedStrings.xml',
      'xl/styles.xml',
    ].includes(entry.name);
    const match = special ? null : WORKSHEET.exec(entry.name);
    if (match) {
      const sheet = { entry, number: match[1] ?? '' };
      if (seen.has('xl/sharedStrings.xml') && seen.has('xl/_rels/workbook.xml.rels')) {
        // Parsed as it passes: the list of sheets and the styles must be known by then.
        need(seen.has('xl/workbook.xml') && seen.has('xl/styles.xml'));
        now.push(sheet);
      } else later.push(sheet);
    }
    seen.add(entry.name);
  }
  for (const part of [
    'xl/workbook.xml',
    'xl/_rels/workbook.xml.rels',
    'xl/sharedStrings.xml',
    'xl/styles.xml',
  ]) {
    need(byName.has(part));
  }
  return { bytes, byName, worksheets: [...now, ...later] };
}

function part(parts: Parts, name: string): string {
  const entry = parts.byName.get(name);
  need(entry !== undefined);
  return partText(parts.bytes, entry);
}

/** The shared strings, each one plain run of text (exceljs gives '' for an empty one). */
function sharedStrings(xml: string): string[] {
  const start = /^<\?xml[^>]*\?>\s*<sst\b[^>]*>/.exec(xml);
  need(start !== null);
  const strings: string[] = [];
  const item =
    /\s*(?:<si><t(?: xml:space="preserve")?>([^<]*)<\/t><\/si>|<si><t(?: xml:space="preserve")?\/><\/si>)/y;
  item.lastIndex = start[0].length;
  let at = item.lastIndex;
  for (let m = item.exec(xml); m; m = item.exec(xml)) {
    strings.push(xmlText(m[1] ?? ''));
    at = item.lastIndex;
  }
  need(/^\s*<\/sst>\s*$/.test(xml.slice(at)));
  return strings;
}

/** Per cell style (cellXfs, in order): whether numbers in it read as plain numbers. */
function plainNumberStyles(xml: string): boolean[] {
  const xfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(xml);
  if (!xfs) return [];
  // A number format other than General (0) may be a date, which exceljs shows as one.
  return elements(xfs[1] ?? '', 'xf').map((xf) => !(parseInt(xf.get('numFmtId') ?? '0', 10) > 0));
}

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a;
/** Letters, digits, ':', '.', '-', '_' (an attribute's name). */
const isNameChar = (c: number) =>
  (c >= 0x61 && c <= 0x7a) ||
  (c >= 0x41 && c <= 0x5a) ||
  (c >= 0x30 && c <= 0x3a) ||
  c === 0x2e ||
  c === 0x2d ||
  c === 0x5f;

/** The column of a cell reference ("B12" → 2). */
function columnOf(ref: string): number {
  let column = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 0x41 || c > 0x5a) break;
    column = column * 26 + (c - 0x40);
  }
  need(i >= 1 && i <= 3 && i < ref.length && isDigits(ref.slice(i)));
  return column;
}

function isDigits(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/** A `<row>` or `<c>` start tag as read: the attributes the sheet's reading depends on. */
interface Tag {
  r: string | null;
  s: string | null;
  t: string | null;
  /** Any other attribute (a row's spans or height; nothing a plain cell has). */
  others: boolean;
  /** Just after the tag. */
  end: number;
  selfClosing: boolean;
}

/**
 * Reads a start tag's attributes from `at` (just after its name) into `tag`. Hand-written, as it
 * runs once per cell: a regular expression per cell took most of the read's time.
 */
function readTag(xml: string, from: number, tag: Tag): void {
  tag.r = tag.s = tag.t = null;
  tag.others = false;
  let at = from;
  for (;;) {
    const c = xml.charCodeAt(at);
    if (c === GT || c === SLASH) {
      need(c === GT || xml.charCodeAt(at + 1) === GT);
      tag.selfClosing = c === SLASH;
      tag.end = at + (c === SLASH ? 2 : 1);
      return;
    }
    need(isSpace(c));
    while (isSpace(xml.charCodeAt(at))) at++;
    const next = xml.charCodeAt(at);
    if (next === GT || next === SLASH) continue;
    let eq = at;
    for (let c2 = xml.charCodeAt(eq); isNameChar(c2); c2 = xml.charCodeAt(++eq));
    need(eq > at && xml.charCodeAt(eq) === 0x3d && xml.charCodeAt(eq + 1) === 0x22);
    const close = xml.indexOf('"', eq + 2);
    need(close > eq);
    const name = xml.slice(at, eq);
    const value = xml.slice(eq + 2, close);
    need(!value.includes('<') && !value.includes('&'));
    if (name === 'r' || name === 's' || name === 't') {
      need(tag[name] === null);
      tag[name] = value;
    } else tag.others = true;
    at = close + 1;
  }
}

/** The rows of a worksheet's sheetData: row numbers, and each cell's text as exceljs shows it. */
function sheetRows(
  xml: string,
  strings: readonly string[],
  plainStyle: readonly boolean[],
  budget: CellBudget,
) {
  need(xml.trimEnd().endsWith('</worksheet>'));
  const open = xml.indexOf('<sheetData');
  need(open >= 0 && xml.indexOf('<sheetData', open + 1) < 0);
  const rows: SheetRow[] = [];
  if (xml.startsWith('<sheetData/>', open)) return rows;
  need(xml.startsWith('<sheetData>', open));
  const end = xml.indexOf('</sheetData>', open);
  need(end > open);
  const tag: Tag = { r: null, s: null, t: null, others: false, end: 0, selfClosing: false };
  let number = 0;
  let cells: (string | undefined)[] | null = null;
  const closeRow = () => {
    need(cells !== null);
    // Counted before the row's array is filled up to its last cell (limits/cells.ts).
    budget.take(cells.length);
    rows.push({ row: number, cells: Array.from(cells, (c) => c ?? '') });
    cells = null;
  };
  const startsTag = (at: number, name: string) => {
    if (!xml.startsWith(name, at)) return false;
    const c = xml.charCodeAt(at + name.length);
    return c === GT || c === SLASH || isSpace(c);
  };
  let at = open + '<sheetData>'.length;
  for (;;) {
    while (isSpace(xml.charCodeAt(at))) at++;
    need(at <= end && xml.charCodeAt(at) === LT);
    if (at === end) break;
    if (startsTag(at, '<c')) {
      readTag(xml, at + 2, tag);
      const row: (string | undefined)[] | null = cells;
      need(row !== null && tag.r !== null && !tag.others);
      const index = columnOf(tag.r) - 1;
      at = tag.end;
      if (tag.selfClosing || xml.startsWith('</c>', at)) {
        if (!tag.selfClosing) at += 4;
        // An empty cell: '' unless an earlier cell of the same column gave a value.
        row[index] ??= '';
        continue;
      }
      need(xml.startsWith('<v>', at));
      const valueEnd = xml.indexOf('<', at + 3);
      need(valueEnd > at && xml.startsWith('</v></c>', valueEnd));
      const value = xml.slice(at + 3, valueEnd);
      need(!value.includes('&'));
      at = valueEnd + '</v></c>'.length;
      if (tag.t === 's') {
        need(isDigits(value));
        row[index] = strings[parseInt(value, 10)] ?? '';
      } else {
        need(tag.t === null || tag.t === 'n');
        const style = tag.s === null ? 0 : parseInt(tag.s, 10);
        // Style 0 (or none, or one the styles do not list) leaves a number as a number.
        need(!(style > 0) || (plainStyle[style] ?? true));
        const number = parseFloat(value);
        // Not a number: left to exceljs's reading (xlsx.ts reads it as an empty cell).
        need(!Number.isNaN(number));
        row[index] = String(number);
      }
    } else if (startsTag(at, '<row')) {
      need(cells === null);
      readTag(xml, at + 4, tag);
      // A row's style would give its cells a number format.
      need(tag.s === null && tag.r !== null && isDigits(tag.r));
      number = parseInt(tag.r, 10);
      cells = [];
      at = tag.end;
      if (tag.selfClosing) closeRow();
    } else {
      need(xml.startsWith('</row>', at));
      closeRow();
      at += '</row>'.length;
    }
  }
  need(cells === null);
  return rows;
}

/** Which sheet part each worksheet of the workbook is, by name, as exceljs maps them. */
function nameOf(
  sheet: { number: string },
  rels: Map<string, string>[],
  listed: Map<string, string>[],
): string | undefined {
  const rel = rels.find((r) => r.get('Target') === `worksheets/sheet${sheet.number}.xml`);
  const id = rel?.get('Id');
  const found = id === undefined ? undefined : listed.find((s) => s.get('r:id') === id);
  const name = found?.get('name');
  return name === undefined ? undefined : exceljsDecode(name);
}

/**
 * The chosen (or first visible) worksheet of a plain workbook, or null when the workbook is not
 * plain (see the top of this file). A refusal of the sheet asked for is thrown as exceljs's
 * path throws it.
 */
export function readXlsxPlain(
  bytes: Buffer,
  wanted: string | undefined,
  budget: CellBudget = NO_CELL_LIMIT,
): XlsxSheet | null {
  let parts: Parts;
  let sheets: { name: string; state: string | undefined }[];
  let listed: Map<string, string>[];
  let rels: Map<string, string>[];
  try {
    parts = partsOf(bytes);
    const workbook = part(parts, 'xl/workbook.xml');
    const list = /<sheets>([\s\S]*?)<\/sheets>/.exec(workbook);
    need(list !== null);
    listed = elements(list[1] ?? '', 'sheet');
    sheets = listed.map((s) => {
      const name = s.get('name');
      need(name !== undefined);
      return { name: exceljsDecode(name), state: s.get('state') };
    });
    need(sheets.length > 0 && parts.worksheets.length > 0);
    rels = elements(part(parts, 'xl/_rels/workbook.xml.rels'), 'Relationship');
  } catch (error) {
    if (error instanceof NotPlain) return null;
    throw error;
  }
  // As the streaming reader does at its first worksheet: the choice, or its refusal.
  const chosen = chooseSheet(sheets, wanted);
  try {
    const sheet = parts.worksheets.find((w) => nameOf(w, rels, listed) === chosen.name);
    need(sheet !== undefined);
    const strings = sharedStrings(part(parts, 'xl/sharedStrings.xml'));
    const styles = plainNumberStyles(part(parts, 'xl/styles.xml'));
    const rows = sheetRows(partText(bytes, sheet.entry), strings, styles, budget);
    return { rows, sheet: chosen.name, sheets: sheets.filter(isVisible).map((s) => s.name) };
  } catch (error) {
    if (error instanceof NotPlain) return null;
    throw error;
  }
}
