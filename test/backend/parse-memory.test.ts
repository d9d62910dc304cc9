// Issue 11 item 5: the bombs among untrusted files are read, each in a process of its own, with
// a peak resident memory under 500 MB and a Vietnamese refusal. The child reads the file as the
// app does (readSheet for spreadsheets, openExchangeFile for exchange files).
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDeflateRaw, createGzip, crc32 } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { VIETNAMESE_LETTER, cleanupTemp, makeTempDir } from '../helpers/backend';
import type { ZipPart } from '../helpers/zip-files';
import { buildZip, deflatedRepeat, sheetXml, workbookParts } from '../helpers/zip-files';

afterAll(cleanupTemp);

const LIMIT_MB = 500;
const CHILD = join(__dirname, '..', 'helpers', 'parse-memory-child.ts');
const TSX = join(__dirname, '..', '..', 'node_modules', '.bin', 'tsx');

/** `pieces` deflated as one stream, a piece at a time (the whole is never in memory). */
async function deflateStream(
  pieces: Iterable<Buffer>,
  gzip = false,
): Promise<{ bytes: Buffer; size: number; crc: number }> {
  const stream = gzip ? createGzip() : createDeflateRaw();
  const out: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => out.push(chunk));
  let size = 0;
  let crc = 0;
  for (const piece of pieces) {
    size += piece.length;
    crc = crc32(piece, crc);
    if (!stream.write(piece)) await once(stream, 'drain');
  }
  stream.end();
  await once(stream, 'end');
  return { bytes: Buffer.concat(out), size, crc };
}

function* repeat(piece: Buffer, times: number): Generator<Buffer> {
  for (let i = 0; i < times; i++) yield piece;
}

function withSheet(sheet: ZipPart, shared?: string[]): Buffer {
  const parts = workbookParts([{ name: 'Xếp loại', xml: '' }], shared).filter(
    (p) => p.name !== 'xl/worksheets/sheet1.xml',
  );
  return buildZip([...parts, sheet]);
}

/** Rows of one cell in column XFD: each costs 16,384 cells, text inline or shared. */
function* farRows(rows: number, shared: boolean): Generator<Buffer> {
  const head = sheetXml([]).replace('<sheetData></sheetData></worksheet>', '<sheetData>');
  yield Buffer.from(head);
  const batch: string[] = [];
  for (let r = 1; r <= rows; r++) {
    batch.push(
      shared
        ? `<row r="${r}"><c r="XFD${r}" t="s"><v>0</v></c></row>`
        : `<row r="${r}"><c r="XFD${r}" t="inlineStr"><is><t>x</t></is></c></row>`,
    );
    if (batch.length === 10_000) yield Buffer.from(batch.splice(0).join(''));
  }
  yield Buffer.from(`${batch.join('')}</sheetData></worksheet>`);
}

function peakOf(kind: 'sheet' | 'exchange', path: string) {
  const out = execFileSync(TSX, [CHILD, kind, path], { encoding: 'utf8', maxBuffer: 1 << 20 });
  const last = out.trim().split('\n').pop() ?? '';
  return JSON.parse(last) as { peakRssMb: number; code: string | null; message: string };
}

describe('bombs read in a child process', () => {
  it('each is refused in Vietnamese with a peak resident memory under 500 MB', async () => {
    const dir = makeTempDir();
    const lying = await deflateStream(repeat(Buffer.alloc(1024 ** 2), 512));
    const far = async (shared: boolean) => {
      const data = await deflateStream(farRows(800_000, shared));
      return { name: 'xl/worksheets/sheet1.xml', data: '', deflated: data };
    };
    const exchangeBomb = await deflateStream(
      [Buffer.from('{"format":"tccsd-exchange"'), ...repeat(Buffer.alloc(1024 ** 2, 0x20), 1024)],
      true,
    );
    const files: [string, 'sheet' | 'exchange', Buffer, RegExp][] = [
      [
        'honest.xlsx',
        'sheet',
        withSheet({
          name: 'xl/worksheets/sheet1.xml',
          data: '',
          deflated: deflatedRepeat(130 * 1024 ** 2),
        }),
        /vượt giới hạn 64 MB/,
      ],
      [
        'lying.xlsx',
        'sheet',
        withSheet({
          name: 'xl/worksheets/sheet1.xml',
          data: '',
          deflated: lying,
          declaredSize: 4096,
        }),
        /kiểm tra CRC không khớp/,
      ],
      ['far-inline.xlsx', 'sheet', withSheet(await far(false)), /có hơn 5\.000\.000 ô/],
      ['far-shared.xlsx', 'sheet', withSheet(await far(true), ['x']), /có hơn 5\.000\.000 ô/],
      [
        'gzip-bomb.tccsd',
        'exchange',
        exchangeBomb.bytes,
        /dài hơn 1 MB|không phải là tệp dữ liệu trao đổi/,
      ],
    ];
    const peaks: Record<string, number> = {};
    for (const [name, kind, bytes, expected] of files) {
      const path = join(dir, name);
      writeFileSync(path, bytes);
      const answer = peakOf(kind, path);
      peaks[`${name} (${(bytes.length / 1024 ** 2).toFixed(1)} MB)`] = Math.round(answer.peakRssMb);
      expect(answer.code, `${name}: ${answer.message}`).toBe('BAD_FILE');
      expect(answer.message, name).toMatch(VIETNAMESE_LETTER);
      expect(answer.message, name).toMatch(expected);
      expect(answer.peakRssMb, `${name}: ${JSON.stringify(peaks)}`).toBeLessThan(LIMIT_MB);
    }
    console.log(`peak RSS per bomb (MB): ${JSON.stringify(peaks)}`);
  }, 300_000);
});
