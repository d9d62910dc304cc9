// The exchange import's memory (issue 10, helper PEAK): the .jsonl's lines read with one small
// reused buffer (format/reader.ts readLines) and the insert book's chunks collected as UTF-8 text
// in a reused Buffer (merge/inserts.ts) must give exactly what the old reader and book gave
// (test/helpers/reference-exchange-memory.ts), on generated files and records. What they save is
// measured by the bench (docs/performance.md, helper PEAK): V8's heap statistics vary too much
// with the collector's timing for a test here to assert them without being flaky.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import type { ExchangeLine } from '../../electron/backend/exchange/format/reader';
import { readLines } from '../../electron/backend/exchange/format/reader';
import type { SqlValue } from '../../electron/backend/exchange/format/records';
import { CHUNK, InsertBook } from '../../electron/backend/exchange/merge/inserts';
import type { ExchangeEntity } from '../../shared/methods/exchange';
import { cleanupTemp, makeBackend, makeTempDir } from '../helpers/backend';
import { ReferenceInsertBook, referenceReadLines } from '../helpers/reference-exchange-memory';

afterEach(cleanupTemp);

/** A small deterministic generator (mulberry32), so a failure can be run again. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = ['a', 'Đ', 'ảng bộ ', 'xã Hòa ', '"', '\\', '{"t":"rating"}', '😀', '\t', '0', ' '];

function text(next: () => number, length: number): string {
  let out = '';
  while (out.length < length) out += PIECES[Math.floor(next() * PIECES.length)] ?? 'a';
  return out;
}

/** Lines of every kind the reader meets: short, empty, long (past the buffer), CRLF ends. */
function generatedLines(seed: number, count: number): string[] {
  const next = random(seed);
  const lines: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const roll = next();
    const length =
      roll < 0.05
        ? 0
        : roll < 0.08
          ? 20_000 + Math.floor(next() * 180_000)
          : Math.floor(next() * 900);
    const line = text(next, length);
    lines.push(next() < 0.1 ? `${line}\r` : line);
  }
  return lines;
}

function saved(dir: string, name: string, bytes: Buffer | string): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

/** Every line a reader yields, and the message it stopped with (if it did). */
function readAll(read: () => Iterable<ExchangeLine>): { lines: ExchangeLine[]; error: string } {
  const lines: ExchangeLine[] = [];
  try {
    for (const line of read()) lines.push({ line: line.line, text: line.text });
  } catch (error) {
    return { lines, error: error instanceof Error ? error.message : String(error) };
  }
  return { lines, error: '' };
}

describe('exchange import memory: the same lines and rows as before', () => {
  test('the lines of generated files are the old reader’s, line for line', () => {
    const dir = makeTempDir();
    const files: [string, Buffer][] = [];
    for (const seed of [1, 2, 3]) {
      const lines = generatedLines(seed, 1_500);
      files.push([`lines-${seed}.jsonl`, Buffer.from(`${lines.join('\n')}\n`)]);
      // No newline at the end: the unfinished last line is not a line (the reader refused such
      // a file before; lines() leaves it out either way).
      files.push([`open-end-${seed}.jsonl`, Buffer.from(`${lines.join('\n')}\nabc`)]);
    }
    files.push(['empty.jsonl', Buffer.alloc(0)]);
    files.push(['newlines.jsonl', Buffer.from('\n\n\n')]);
    // A line of exactly the buffer's size and lines ending on its boundary.
    files.push([
      'boundary.jsonl',
      Buffer.from(`${'x'.repeat(32 * 1024 - 1)}\n${'y'.repeat(32 * 1024)}\n`),
    ]);
    // A line that is not UTF-8 in the middle: the lines before it, then the error naming it.
    const broken = Buffer.concat([
      Buffer.from(`${generatedLines(9, 300).join('\n')}\n`),
      Buffer.from([0x7b, 0xff, 0xfe, 0x7d, 0x0a]),
      Buffer.from('sau\n'),
    ]);
    files.push(['broken.jsonl', broken]);
    for (const [name, bytes] of files) {
      const path = saved(dir, name, bytes);
      const now = readAll(() => readLines(path, name));
      const before = readAll(() => referenceReadLines(path, name));
      expect(now.error, name).toBe(before.error);
      expect(now.lines.length, name).toBe(before.lines.length);
      expect(now.lines, name).toEqual(before.lines);
    }
    const broke = readAll(() => readLines(join(dir, 'broken.jsonl'), 'broken.jsonl'));
    expect(broke.lines).toHaveLength(300);
    expect(broke.error).toBe(
      'Dòng 302 của tệp "broken.jsonl" không phải là văn bản UTF-8: tệp bị hỏng hoặc không do ' +
        'phần mềm tạo ra.',
    );
  });

  test('the insert book writes the old book’s rows, byte for byte', () => {
    const next = random(42);
    const ratingFields = ['unit_id', 'year', 'level_code', 'reason', 'note'];
    const otherRatingFields = ['unit_id', 'year', 'level_code'];
    const unitFields = ['founded_year', 'ended_year', 'name'];
    const value = (): SqlValue => {
      const roll = next();
      if (roll < 0.3) return null;
      if (roll < 0.5) return Math.floor(next() * 1e6) - 5e5;
      if (roll < 0.55) return next() * 100;
      // A lone surrogate: JSON.stringify writes it escaped.
      if (roll < 0.57) return `x\ud800y`;
      // Now and then a text longer than the book's first buffer.
      return text(next, next() < 0.01 ? 30_000 : Math.floor(next() * 60));
    };
    const adds: [ExchangeEntity, string, number, readonly string[], SqlValue[]][] = [];
    for (let i = 0; i < 3 * CHUNK + 321; i += 1) {
      const roll = next();
      if (roll < 0.8) {
        // The same array for most records of a kind, an equal one or other columns for some.
        const fields =
          roll < 0.7 ? ratingFields : roll < 0.75 ? [...ratingFields] : otherRatingFields;
        const values = fields.map((field) =>
          field === 'year' ? 2020 + Math.floor(next() * 3) : value(),
        );
        adds.push(['rating', `r${i}`, 1 + Math.floor(next() * 4), fields, values]);
      } else {
        adds.push(['unit', `u${i}`, 2, unitFields, unitFields.map(value)]);
      }
    }
    const rowsOf = (book: 'now' | 'before') => {
      const backend = makeBackend();
      const { db } = backend.ctx;
      db.prepare(
        `INSERT INTO exchange_batches(id, sha256, file_name, format_version, sender_installation,
           sender_unit_id, sender_unit_name, sequence, direction, file_created_at, imported_at,
           operator)
         VALUES ('b', 'h', 'f', 1, 'i', NULL, 'x', 1, 'up', 't', 't', 'o')`,
      ).run();
      const writer = book === 'now' ? new InsertBook(db, 'b') : new ReferenceInsertBook(db, 'b');
      for (const [entity, id, rev, fields, values] of adds) {
        writer.add(entity, id, rev, fields, values);
      }
      writer.flush();
      return db
        .prepare(
          `SELECT batch_id, entity, chunk, year, n, columns, records
           FROM exchange_batch_inserts ORDER BY chunk`,
        )
        .all();
    };
    const now = rowsOf('now');
    expect(now.length).toBeGreaterThan(4);
    expect(now).toEqual(rowsOf('before'));
  });
});
