// The .tccsd format (docs/exchange-format.md) read and written by the app's own reader and writer:
// what a written file holds, the one row ↔ record mapping in both directions, the record rules,
// and every way a file is refused before anything is imported, each with its Vietnamese message.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, test } from 'vitest';
import type { ExchangeHeader } from '../../shared/contract';
import { EXCHANGE_ENTITIES } from '../../shared/methods/exchange';
import { withSchemaYear } from '../../shared/domain/years';
import { AppError } from '../../shared/errors';
import type { ExchangeRecord, SqlRow } from '../../electron/backend/exchange/format/records';
import {
  EXCHANGE_TABLES,
  exchangeRecord,
  mapUnitIds,
  parseRecordLine,
  recordColumns,
  recordFromRow,
  rowFromRecord,
} from '../../electron/backend/exchange/format/records';
import type { ReadOptions } from '../../electron/backend/exchange/format/reader';
import { openExchangeFile } from '../../electron/backend/exchange/format/reader';
import { ExchangeFileWriter } from '../../electron/backend/exchange/format/writer';
import { VIETNAMESE_LETTER, cleanupTemp, makeTempDir } from '../helpers/backend';
import { contentSha256, readParts, writeParts } from '../helpers/exchange-files';
import { makeRichProvince } from '../helpers/exchange-export-fixture';
import { prng } from '../helpers/prng';

afterEach(cleanupTemp);

const INSTALLATION = '6f1c0a52-3d0e-4a8f-9b1e-0c2d7a4b5e61';
const UNIT = '0b7e2f5c-1a9d-4c3e-8f60-2d4b6a8c0e12';
const MEMBER = 'a3c5e7f9-1b2d-4f6a-8c0e-2a4c6e8a0b13';
const AT = '2018-01-20T02:30:00.000Z';

function result(i: number): ExchangeRecord {
  const hex = i.toString(16).padStart(12, '0');
  return {
    t: 'result',
    id: `5d2a9c4e-7b1f-4e3a-9c6d-${hex}`,
    rev: 1 + (i % 3),
    by: INSTALLATION,
    at: AT,
    del: null,
    d: { memberId: MEMBER, year: 2017, remark: `Nhận xét số ${i}: có chuyển biến tích cực` },
  };
}

function header(content: Pick<ExchangeHeader, 'contentSha256' | 'counts'>): ExchangeHeader {
  return {
    format: 'tccsd-exchange',
    formatVersion: 1,
    appVersion: '0.1.0',
    installationId: INSTALLATION,
    installationName: 'Đảng bộ huyện Bắc Sơn',
    senderUnitId: UNIT,
    senderUnitName: 'Đảng bộ huyện Bắc Sơn',
    scope: { unitId: UNIT, unitName: 'Đảng bộ huyện Bắc Sơn' },
    years: { from: 2016, to: 2017 },
    sinceLast: false,
    createdAt: AT,
    sequence: 4,
    ...content,
  };
}

/** A file of `n` records written by the app's writer: deterministic bytes for a given n. */
function writeFile(n: number, name = 'Bac-Son.tccsd') {
  const path = join(makeTempDir('tccsd-format-'), name);
  const writer = new ExchangeFileWriter(path);
  for (let i = 0; i < n; i += 1) writer.add(result(i));
  const written = writer.finish(header);
  return { path, written, bytes: readFileSync(path) };
}

function save(bytes: Buffer | string, name = 'tep-gui-len.tccsd'): string {
  const path = join(makeTempDir('tccsd-format-'), name);
  writeFileSync(path, bytes);
  return path;
}

/** The reader's refusal: its code and message (the test fails if the file is accepted). */
async function refusal(path: string, options: ReadOptions = {}) {
  const tempDir = makeTempDir('tccsd-reader-');
  try {
    const file = await openExchangeFile(path, { ...options, tempDir });
    file.dispose();
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    // Nothing of a refused file is left behind.
    expect(readdirSync(tempDir)).toEqual([]);
    return { code: error.code, message: error.message };
  }
  throw new Error('the file was accepted');
}

describe('the writer and the reader', () => {
  test('a written file reads back: its header, hash and record lines numbered from 2', async () => {
    const { path, written, bytes } = writeFile(3);
    expect(written.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(written.header.counts).toEqual({
      unit: 0,
      unit_version: 0,
      lineage_event: 0,
      rating: 0,
      watchlist: 0,
      member: 0,
      measure: 0,
      result: 3,
    });
    // Any gzip reader reads it: the header line, then one JSON record per line.
    const text = gunzipSync(bytes).toString('utf8');
    const lines = text.split('\n');
    expect(lines.at(-1)).toBe('');
    expect(JSON.parse(lines[0] ?? '')).toEqual(written.header);
    expect(lines.slice(1, -1).map((l) => JSON.parse(l) as unknown)).toEqual([0, 1, 2].map(result));
    // The hash is of the record lines, each with its newline.
    expect(written.header.contentSha256).toBe(contentSha256(lines.slice(1, -1)));

    const file = await openExchangeFile(path);
    expect(file.header).toEqual(written.header);
    expect(file.sha256).toBe(written.sha256);
    expect(file.bytes).toBe(bytes.length);
    expect(file.recordLines).toBe(3);
    const read = [...file.lines()];
    expect(read.map((l) => l.line)).toEqual([2, 3, 4]);
    expect(read.map((l) => JSON.parse(l.text) as unknown)).toEqual([0, 1, 2].map(result));
    // The lines may be read again (preview, then apply).
    expect([...file.lines()]).toHaveLength(3);
    file.dispose();
    expect(existsSync(file.jsonlPath)).toBe(false);
    file.dispose();
  });

  test('a large file is several gzip members and still reads as one stream', async () => {
    const { path, bytes } = writeFile(30_000);
    // A gzip member starts with 1f 8b 08: the header's member, then one per ~1 MiB of records.
    let members = 0;
    for (
      let i = bytes.indexOf('1f8b08', 0, 'hex');
      i >= 0;
      i = bytes.indexOf('1f8b08', i + 1, 'hex')
    ) {
      members += 1;
    }
    expect(members).toBeGreaterThan(2);
    const file = await openExchangeFile(path);
    let count = 0;
    let last = '';
    for (const line of file.lines()) {
      count += 1;
      last = line.text;
    }
    file.dispose();
    expect(count).toBe(30_000);
    expect(JSON.parse(last)).toEqual(result(29_999));
  });

  test('a file without records is valid: its header alone', async () => {
    const { path, written } = writeFile(0);
    expect(written.header.contentSha256).toBe(createHash('sha256').digest('hex'));
    const file = await openExchangeFile(path);
    expect(file.recordLines).toBe(0);
    expect([...file.lines()]).toEqual([]);
    file.dispose();
  });

  test('progress reports the bytes read of the file, up to its size', async () => {
    const { path, bytes } = writeFile(5000);
    const seen: [number, number][] = [];
    const file = await openExchangeFile(path, {}, (done, total) => seen.push([done, total]));
    file.dispose();
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.at(-1)).toEqual([bytes.length, bytes.length]);
  });

  test('a file another program wrote as one gzip, with CRLF line ends, reads the same', async () => {
    const lines = [0, 1].map((i) => JSON.stringify(result(i)));
    const crlf = lines.map((l) => `${l}\r\n`).join('');
    const head = header({
      contentSha256: createHash('sha256').update(crlf).digest('hex'),
      counts: { ...zeroCounts(), result: 2 },
    });
    const path = save(gzipSync(Buffer.from(`${JSON.stringify(head)}\r\n${crlf}`)));
    const file = await openExchangeFile(path);
    expect([...file.lines()].map((l) => l.text)).toEqual(lines);
    file.dispose();
  });
});

function zeroCounts() {
  return Object.fromEntries(EXCHANGE_ENTITIES.map((e) => [e, 0])) as ExchangeHeader['counts'];
}

describe('records', () => {
  test('every row of every travelling table makes a record that gives the same row back', () => {
    const { backend } = makeRichProvince();
    const db = backend.ctx.db;
    const seen = new Set<string>();
    for (const entity of EXCHANGE_ENTITIES) {
      const { table } = EXCHANGE_TABLES[entity];
      const rows = db
        .prepare(`SELECT ${recordColumns(entity).join(', ')} FROM ${table}`)
        .all() as SqlRow[];
      expect(rows.length, table).toBeGreaterThan(0);
      for (const row of rows) {
        const record = recordFromRow(entity, row);
        // Through the file's text and the record schema, as an import reads it.
        const parsed = withSchemaYear(2018, () =>
          exchangeRecord.parse(JSON.parse(JSON.stringify(record))),
        );
        expect(parsed).toEqual(record);
        const back = rowFromRecord(parsed);
        const {
          name_folded: nameFolded,
          code_folded: codeFolded,
          sort_key: sortKey,
          ...columns
        } = back;
        expect(columns).toEqual(row);
        if (entity === 'unit_version') {
          // Computed from the name and code, never carried: as the app stored them.
          const stored = db
            .prepare('SELECT name_folded, code_folded, sort_key FROM unit_versions WHERE id = ?')
            .get(record.id);
          expect({ name_folded: nameFolded, code_folded: codeFolded, sort_key: sortKey }).toEqual(
            stored,
          );
        }
        seen.add(`${entity}:${record.del === null ? 'live' : 'tombstone'}`);
      }
    }
    // The fixture exercised tombstones and every kind of field conversion.
    expect(seen).toContain('rating:tombstone');
    const unitRows = db
      .prepare(`SELECT ${recordColumns('unit').join(', ')} FROM units`)
      .all() as SqlRow[];
    const founded = unitRows.map((row) => recordFromRow('unit', row).d.foundedYear);
    expect(founded).toContain(null);
    expect(founded).toContain(2012);
  });

  test('a unit founded before the register ("có từ trước") travels as foundedYear null', () => {
    const row = {
      id: UNIT,
      founded_year: 1930,
      founded_unknown: 1,
      founded_on: null,
      ended_year: 2019,
      official_order: 7,
      rev: 3,
      updated_at: AT,
      changed_by_installation: INSTALLATION,
      deleted_at: null,
    };
    const record = recordFromRow('unit', row);
    expect(record).toEqual({
      t: 'unit',
      id: UNIT,
      rev: 3,
      by: INSTALLATION,
      at: AT,
      del: null,
      d: { foundedYear: null, foundedOn: null, endedYear: 2019, officialOrder: 7 },
    });
    expect(rowFromRecord(record)).toEqual(row);
  });

  test('unit ids are mapped in the record id of a unit and in every field naming a unit', () => {
    const other = '9e8d7c6b-5a49-4382-9170-6f5e4d3c2b1a';
    const map = (id: string) => (id === UNIT ? other : id);
    const version = withSchemaYear(2018, () =>
      exchangeRecord.parse({
        t: 'unit_version',
        id: '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
        rev: 1,
        by: INSTALLATION,
        at: AT,
        del: null,
        d: {
          unitId: '2c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
          validFrom: 2010,
          validTo: null,
          name: 'Đảng bộ xã Đồng Ý',
          code: 'BS01',
          kind: 'base_committee',
          sector: 'commune',
          parentId: UNIT,
        },
      }),
    );
    const mapped = mapUnitIds(version, map);
    expect(mapped.t === 'unit_version' && mapped.d.parentId).toBe(other);
    expect(mapped.id).toBe(version.id);
    // Nothing to map: the very same record.
    const remark = result(1);
    expect(mapUnitIds(remark, map)).toBe(remark);
    const unit = recordFromRow('unit', {
      id: UNIT,
      founded_year: 2000,
      founded_unknown: 0,
      rev: 1,
      updated_at: AT,
      changed_by_installation: INSTALLATION,
    });
    expect(mapUnitIds(unit, map).id).toBe(other);
  });

  const rating = (d: Record<string, unknown>) =>
    JSON.stringify({
      t: 'rating',
      id: '7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
      rev: 1,
      by: INSTALLATION,
      at: AT,
      del: null,
      d: {
        unitId: UNIT,
        year: 2017,
        scaleId: 'hd20-2008',
        levelCode: 'TSVM',
        notRatedReason: null,
        exemplary: false,
        rank: null,
        change: null,
        score: null,
        memberCount: null,
        ratedBy: null,
        decisionNumber: null,
        decisionDate: null,
        note: null,
        ...d,
      },
    });

  test.each([
    [
      'a level of another scale',
      { levelCode: 'HTXSNV' },
      'Mức "HTXSNV" không có trong thang xếp loại năm 2017',
    ],
    [
      'the scale of another year',
      { year: 2018, levelCode: 'HTXSNV' },
      'không phải thang của năm 2018',
    ],
    ['a level and a reason', { notRatedReason: 'new' }, 'Cần đúng một trong hai'],
    ['"tiêu biểu" on another level', { levelCode: 'HTTNV', exemplary: true }, 'Chỉ mức TSVM'],
    ['a score above 100', { score: 120 }, 'Điểm phải từ 0 đến 100'],
    ['an unknown field', { colour: 'đỏ' }, 'Kết quả xếp loại'],
  ])('a rating with %s is refused in Vietnamese', (_case, d, message) => {
    const parsed = withSchemaYear(2018, () => parseRecordLine(rating(d)));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.message).toContain(message);
    expect(parsed.message).toMatch(VIETNAMESE_LETTER);
  });

  test('a valid rating line parses', () => {
    const parsed = withSchemaYear(2018, () => parseRecordLine(rating({})));
    expect(parsed.ok).toBe(true);
  });

  test.each([
    ['text that is not JSON', '{"t":"rating",', 'không phải là JSON'],
    ['an array', '[1,2]', 'phải là một đối tượng JSON'],
    ['an unknown record type', '{"t":"budget","id":"x"}', 'Loại bản ghi "budget" không có'],
    [
      'an id that is not a UUID',
      rating({}).replace('7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', '42'),
      'UUID',
    ],
    [
      'a year too far ahead',
      rating({ year: 2030 }),
      'Kết quả xếp loại: Năm phải từ 1930 đến 2019 (trường d.year).',
    ],
  ])('%s is refused in Vietnamese', (_case, line, message) => {
    const parsed = withSchemaYear(2018, () => parseRecordLine(line));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toContain(message);
  });
});

describe('files the reader refuses, each said in Vietnamese', () => {
  test('a truncated file', async () => {
    const { bytes } = writeFile(2000);
    const answer = await refusal(save(bytes.subarray(0, Math.floor(bytes.length / 2))));
    expect(answer.code).toBe('BAD_FILE');
    expect(answer.message).toBe(
      'Tệp "tep-gui-len.tccsd" không đầy đủ (bị cắt cụt): có thể tệp chưa được chép hoặc tải về xong. Hãy chép lại hoặc xin lại tệp từ nơi gửi.',
    );
  });

  test('a file cut just before its last gzip trailer', async () => {
    const { bytes } = writeFile(10);
    const answer = await refusal(save(bytes.subarray(0, bytes.length - 4)));
    expect(answer.message).toContain('không đầy đủ (bị cắt cụt)');
  });

  test('a corrupted byte in the compressed data', async () => {
    const { bytes } = writeFile(2000);
    const damaged = Buffer.from(bytes);
    const at = Math.floor(bytes.length / 2);
    damaged[at] = (damaged[at] ?? 0) ^ 0xff;
    const answer = await refusal(save(damaged));
    expect(answer.code).toBe('BAD_FILE');
    expect(answer.message).toBe(
      'Tệp "tep-gui-len.tccsd" bị hỏng: dữ liệu nén không đọc được. Hãy chép lại hoặc xin lại tệp từ nơi gửi.',
    );
  });

  test("a corrupted byte in a member's checksum", async () => {
    const { bytes } = writeFile(10);
    const damaged = Buffer.from(bytes);
    // The last member ends with its CRC-32 and size: damage the CRC.
    const at = bytes.length - 8;
    damaged[at] = (damaged[at] ?? 0) ^ 0x01;
    const answer = await refusal(save(damaged));
    expect(answer.message).toContain('bị hỏng: dữ liệu nén không đọc được');
  });

  const wrongHash =
    'Nội dung tệp "tep-gui-len.tccsd" không khớp với mã kiểm tra (SHA-256) ghi ở phần đầu tệp: tệp đã bị sửa hoặc bị hỏng sau khi xuất. Hãy xin lại tệp gốc từ nơi gửi.';

  test('a wrong hash in the header', async () => {
    const parts = readParts(writeFile(5).bytes);
    parts.header.contentSha256 = createHash('sha256').update('khác').digest('hex');
    const answer = await refusal(save(writeParts(parts, 'keep')));
    expect(answer).toEqual({ code: 'BAD_FILE', message: wrongHash });
  });

  test('a record edited after export (the hash left as it was)', async () => {
    const parts = readParts(writeFile(5).bytes);
    parts.lines[2] = (parts.lines[2] ?? '').replace('có chuyển biến tích cực', 'chưa chuyển biến');
    const answer = await refusal(save(writeParts(parts, 'keep')));
    expect(answer).toEqual({ code: 'BAD_FILE', message: wrongHash });
  });

  test('a record removed after export', async () => {
    const parts = readParts(writeFile(5).bytes);
    parts.lines.splice(1, 1);
    const answer = await refusal(save(writeParts(parts, 'keep')));
    expect(answer.message).toBe(wrongHash);
  });

  const notOurs =
    'Tệp "tep-gui-len.tccsd" không phải là tệp dữ liệu trao đổi của phần mềm (tệp .tccsd do chức năng "Xuất dữ liệu" tạo ra). Hãy chọn đúng tệp.';

  test('another format name', async () => {
    const parts = readParts(writeFile(2).bytes);
    parts.header.format = 'dhis2-data-values';
    const answer = await refusal(save(writeParts(parts)));
    expect(answer).toEqual({ code: 'BAD_FILE', message: notOurs });
  });

  test('a header that is not JSON, and a gzip of something else', async () => {
    expect((await refusal(save(gzipSync('Báo cáo năm 2017\nkhông phải dữ liệu\n')))).message).toBe(
      notOurs,
    );
    expect((await refusal(save(gzipSync('[1,2,3]\n')))).message).toBe(notOurs);
  });

  test('a newer format version says to update the app', async () => {
    const parts = readParts(writeFile(2).bytes);
    parts.header.formatVersion = 2;
    parts.header.appVersion = '3.0.0';
    const answer = await refusal(save(writeParts(parts)));
    expect(answer).toEqual({
      code: 'BAD_FILE',
      message:
        'Tệp "tep-gui-len.tccsd" theo định dạng phiên bản 2 (tạo bằng phần mềm phiên bản 3.0.0), mới hơn phiên bản 1 mà phần mềm này đọc được. Hãy cập nhật phần mềm lên phiên bản mới rồi nhập lại tệp.',
    });
  });

  test('a header missing a field names the field', async () => {
    const parts = readParts(writeFile(2).bytes);
    delete parts.header.sequence;
    const answer = await refusal(save(writeParts(parts)));
    expect(answer.message).toBe(
      'Phần đầu của tệp "tep-gui-len.tccsd" không hợp lệ (trường sequence): tệp đã bị sửa hoặc bị hỏng. Hãy xin lại tệp gốc từ nơi gửi.',
    );
  });

  test('an empty file, and a gzip of nothing', async () => {
    const empty = 'Tệp "tep-gui-len.tccsd" rỗng, không có dữ liệu. Hãy xin lại tệp từ nơi gửi.';
    expect(await refusal(save(Buffer.alloc(0)))).toEqual({ code: 'BAD_FILE', message: empty });
    expect(await refusal(save(gzipSync(Buffer.alloc(0))))).toEqual({
      code: 'BAD_FILE',
      message: empty,
    });
  });

  test('5 MB of random bytes', async () => {
    const random = prng(20180117);
    const bytes = Buffer.alloc(5 * 1024 * 1024);
    for (let i = 0; i < bytes.length; i += 4) bytes.writeUInt32LE(random.int(2 ** 32), i);
    expect(await refusal(save(bytes))).toEqual({ code: 'BAD_FILE', message: notOurs });
    // The same bytes behind a gzip signature: the compressed data cannot be read.
    bytes[0] = 0x1f;
    bytes[1] = 0x8b;
    bytes[2] = 0x08;
    bytes[3] = 0;
    const answer = await refusal(save(bytes));
    expect(answer.code).toBe('BAD_FILE');
    expect(answer.message).toContain('bị hỏng: dữ liệu nén không đọc được');
  });

  test('the JSON lines without their gzip', async () => {
    const { bytes } = writeFile(3);
    expect((await refusal(save(gunzipSync(bytes)))).message).toBe(notOurs);
  });

  test('a file that inflates beyond the limit (a gzip bomb) is stopped early', async () => {
    const { path } = writeFile(20_000);
    const answer = await refusal(path, { maxInflatedBytes: 1024 * 1024 });
    expect(answer.message).toBe(
      'Tệp "Bac-Son.tccsd" khi giải nén lớn hơn 1 MB: không phải là tệp dữ liệu hợp lệ hoặc đã bị làm hỏng. Tệp không được nhập.',
    );
  });

  test('a line longer than the limit', async () => {
    const parts = readParts(writeFile(3).bytes);
    parts.lines[1] = JSON.stringify({ ...result(1), d: { remark: 'x'.repeat(5000) } });
    const answer = await refusal(save(writeParts(parts)), { maxLineBytes: 4096 });
    expect(answer.message).toContain('có dòng 3 dài hơn');
  });

  test('a last line without its newline', async () => {
    const parts = readParts(writeFile(3).bytes);
    const body = `${JSON.stringify(parts.header)}\n${parts.lines.join('\n')}`;
    const answer = await refusal(save(gzipSync(body)));
    expect(answer.message).toBe(
      'Tệp "tep-gui-len.tccsd" không đầy đủ: dòng 4 không có ký tự xuống dòng ở cuối (tệp bị cắt cụt). Hãy xin lại tệp từ nơi gửi.',
    );
  });

  test('a record line that is not UTF-8 is refused when read', async () => {
    const good = JSON.stringify(result(0));
    const bad = Buffer.concat([
      Buffer.from('{"t":"result","x":"'),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('"}'),
    ]);
    const content = Buffer.concat([Buffer.from(`${good}\n`), bad, Buffer.from('\n')]);
    const head = header({
      contentSha256: createHash('sha256').update(content).digest('hex'),
      counts: { ...zeroCounts(), result: 2 },
    });
    const path = save(gzipSync(Buffer.concat([Buffer.from(`${JSON.stringify(head)}\n`), content])));
    const file = await openExchangeFile(path);
    try {
      const lines = file.lines()[Symbol.iterator]();
      expect(lines.next().value?.text).toBe(good);
      expect(() => lines.next()).toThrow(
        'Dòng 3 của tệp "tep-gui-len.tccsd" không phải là văn bản UTF-8: tệp bị hỏng hoặc không do phần mềm tạo ra.',
      );
    } finally {
      file.dispose();
    }
  });

  test('a file that is gone', async () => {
    const path = join(makeTempDir(), 'da-xoa.tccsd');
    await expect(openExchangeFile(path)).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
  });
});

/** Whether a `python3` runs here (the documented example is Python). */
function hasPython(): boolean {
  try {
    execFileSync('python3', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('docs/exchange-format.md', () => {
  test.skipIf(!hasPython())(
    "the documented Python example writes a file the app's reader takes, every record valid",
    async () => {
      const doc = readFileSync(join(__dirname, '../../docs/exchange-format.md'), 'utf8');
      const code = /```python\n([\s\S]*?)```/.exec(doc)?.[1];
      expect(code).toBeDefined();
      const dir = makeTempDir('tccsd-doc-');
      execFileSync('python3', ['-c', code ?? ''], { cwd: dir });
      const [name] = readdirSync(dir);
      expect(name).toBe('TCCSD-Dang-bo-xa-Dong-Y-2017-so-1.tccsd');
      const file = await openExchangeFile(join(dir, name ?? ''));
      try {
        expect(file.header.counts).toMatchObject({ unit: 1, unit_version: 1, rating: 1 });
        const parsed = [...file.lines()].map((l) =>
          withSchemaYear(new Date().getFullYear(), () => parseRecordLine(l.text)),
        );
        expect(parsed.map((p) => (p.ok ? p.record.t : p.message))).toEqual([
          'unit',
          'unit_version',
          'rating',
        ]);
      } finally {
        file.dispose();
      }
    },
  );
});
