// Zip archives and .xlsx workbooks written by hand for the parse-limits and fuzz tests: parts of
// any content (malformed XML, inline strings, no shared strings), stored or deflated, with the
// sizes the directory declares free to lie, so bombs and damaged archives can be built exactly.
import { crc32, deflateRawSync } from 'node:zlib';

export interface ZipPart {
  name: string;
  data: Buffer | string;
  /** Stored instead of deflated. */
  stored?: boolean;
  /** Already deflated bytes (then `data` is ignored and sizes/CRC come from these fields). */
  deflated?: { bytes: Buffer; size: number; crc: number };
  /** The uncompressed size written in the headers, instead of the real one (a lie). */
  declaredSize?: number;
  /** Bytes put after the part's data that no directory record covers (a hidden part). */
  gapAfter?: Buffer;
}

/** A zip archive of the parts, in order: local headers, data, then the central directory. */
export function buildZip(parts: readonly ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name, 'utf8');
    let data: Buffer;
    let size: number;
    let crc: number;
    let method: number;
    if (part.deflated) {
      ({ bytes: data, size, crc } = part.deflated);
      method = 8;
    } else {
      const raw = typeof part.data === 'string' ? Buffer.from(part.data, 'utf8') : part.data;
      size = raw.length;
      crc = crc32(raw);
      method = part.stored ? 0 : 8;
      data = part.stored ? raw : deflateRawSync(raw);
    }
    const declared = part.declaredSize ?? size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, data, part.gapAfter ?? Buffer.alloc(0));
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc >>> 0, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(declared, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + data.length + (part.gapAfter?.length ?? 0);
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** `size` bytes of one repeated byte, deflated (a bomb's part: ~1,000 times smaller). */
export function deflatedRepeat(size: number, byte = 0x20): NonNullable<ZipPart['deflated']> {
  const raw = Buffer.alloc(size, byte);
  return { bytes: deflateRawSync(raw), size, crc: crc32(raw) };
}

export type CellXml = string;

const escape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A cell of inline text (no shared strings needed). */
export const inlineCell = (ref: string, text: string): CellXml =>
  `<c r="${ref}" t="inlineStr"><is><t>${escape(text)}</t></is></c>`;
/** A number cell, with an optional style index (1 = a date format in `workbookParts`). */
export const numberCell = (ref: string, value: number, style?: number): CellXml =>
  `<c r="${ref}"${style === undefined ? '' : ` s="${style}"`}><v>${value}</v></c>`;
/** A cell of the shared string at `index`. */
export const sharedCell = (ref: string, index: number): CellXml =>
  `<c r="${ref}" t="s"><v>${index}</v></c>`;

export function sheetXml(rows: readonly (readonly CellXml[])[], firstRow = 1): string {
  const body = rows.map((cells, i) => `<row r="${firstRow + i}">${cells.join('')}</row>`).join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    `<sheetData>${body}</sheetData></worksheet>`
  );
}

export interface WorkbookSheet {
  name: string;
  xml: string;
  state?: 'hidden' | 'veryHidden';
}

/** The parts of a workbook: its sheets, styles (style 1 is a date), shared strings if given. */
export function workbookParts(
  sheets: readonly WorkbookSheet[],
  sharedStrings?: readonly string[],
): ZipPart[] {
  const ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const parts: ZipPart[] = [
    {
      name: '[Content_Types].xml',
      data:
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/></Types>',
    },
    {
      name: '_rels/.rels',
      data:
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        `<Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    },
    {
      name: 'xl/workbook.xml',
      data:
        `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${ns}" xmlns:r="${rel}"><sheets>` +
        sheets
          .map(
            (s, i) =>
              `<sheet name="${escape(s.name)}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ''} r:id="rId${i + 1}"/>`,
          )
          .join('') +
        '</sheets></workbook>',
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data:
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        sheets
          .map(
            (_, i) =>
              `<Relationship Id="rId${i + 1}" Type="${rel}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
          )
          .join('') +
        `<Relationship Id="rId${sheets.length + 1}" Type="${rel}/styles" Target="styles.xml"/>` +
        (sharedStrings
          ? `<Relationship Id="rId${sheets.length + 2}" Type="${rel}/sharedStrings" Target="sharedStrings.xml"/>`
          : '') +
        '</Relationships>',
    },
    {
      name: 'xl/styles.xml',
      data:
        `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="${ns}">` +
        '<numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>' +
        '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>' +
        '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>' +
        '<borders count="1"><border/></borders>' +
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
        '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
        '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>' +
        '</styleSheet>',
    },
  ];
  if (sharedStrings) {
    parts.push({
      name: 'xl/sharedStrings.xml',
      data:
        `<?xml version="1.0" encoding="UTF-8"?>\n<sst xmlns="${ns}" count="${sharedStrings.length}" uniqueCount="${sharedStrings.length}">` +
        sharedStrings.map((s) => `<si><t>${escape(s)}</t></si>`).join('') +
        '</sst>',
    });
  }
  sheets.forEach((s, i) => parts.push({ name: `xl/worksheets/sheet${i + 1}.xml`, data: s.xml }));
  return parts;
}
