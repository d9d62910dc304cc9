// The exchange's line reader and insert book as they were before issue 10's helper PEAK cut the
// import's peak memory (exchange/format/reader.ts readLines, exchange/merge/inserts.ts): kept to
// prove the new ones give exactly the same lines and write exactly the same rows.
import { closeSync, openSync, readSync } from 'node:fs';
import type { ExchangeEntity } from '../../shared/methods/exchange';
import type { Db } from '../../electron/backend/db/open';
import { stmt } from '../../electron/backend/db/statements';
import type { ExchangeLine } from '../../electron/backend/exchange/format/reader';
import { readerMessages } from '../../electron/backend/exchange/format/reader';
import type { SqlValue } from '../../electron/backend/exchange/format/records';
import { AppError } from '../../shared/errors';

const NEWLINE = 0x0a;
const READ_CHUNK = 1024 ** 2;
const utf8 = new TextDecoder('utf-8', { fatal: true });

export function* referenceReadLines(jsonlPath: string, name: string): Generator<ExchangeLine> {
  const fd = openSync(jsonlPath, 'r');
  try {
    const chunk = Buffer.allocUnsafe(READ_CHUNK);
    let carry: Buffer = Buffer.alloc(0);
    let line = 2;
    let position = 0;
    for (;;) {
      const read = readSync(fd, chunk, 0, READ_CHUNK, position);
      if (read === 0) break;
      position += read;
      const data =
        carry.length > 0
          ? Buffer.concat([carry, chunk.subarray(0, read)])
          : chunk.subarray(0, read);
      const last = data.lastIndexOf(NEWLINE);
      if (last >= 0) {
        const lines = data.subarray(0, last + 1);
        const text = decodeOrNull(lines);
        if (text === null) {
          for (const bytes of splitLines(lines)) {
            yield { line, text: decodeLine(bytes, name, line) };
            line += 1;
          }
        } else {
          let from = 0;
          for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', from)) {
            yield { line, text: withoutCr(text.slice(from, end)) };
            line += 1;
            from = end + 1;
          }
        }
      }
      carry = Buffer.from(data.subarray(last + 1));
    }
  } finally {
    closeSync(fd);
  }
}

function decodeOrNull(bytes: Buffer): string | null {
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

function* splitLines(bytes: Buffer): Generator<Buffer> {
  let from = 0;
  for (let end = bytes.indexOf(NEWLINE); end >= 0; end = bytes.indexOf(NEWLINE, from)) {
    yield bytes.subarray(from, end);
    from = end + 1;
  }
}

function withoutCr(text: string): string {
  return text.endsWith('\r') ? text.slice(0, -1) : text;
}

function decodeLine(bytes: Uint8Array, name: string, line: number): string {
  try {
    return withoutCr(utf8.decode(bytes));
  } catch {
    throw new AppError('BAD_FILE', readerMessages.notUtf8(name, line));
  }
}

const CHUNK = 1000;
const REV_AT = 1;

interface Pending {
  entity: ExchangeEntity;
  year: number | null;
  fields: readonly string[];
  columns: string[];
  records: SqlValue[][];
}

export class ReferenceInsertBook {
  private readonly pending = new Map<string, Pending>();
  private chunk = 0;

  constructor(
    private readonly db: Db,
    private readonly batchId: string,
  ) {}

  add(
    entity: ExchangeEntity,
    id: string,
    rev: number,
    fields: readonly string[],
    values: readonly SqlValue[],
  ): void {
    const yearValue = entity === 'rating' ? values[fields.indexOf('year')] : null;
    const year = typeof yearValue === 'number' ? yearValue : null;
    const key = year === null ? entity : `${entity} ${year}`;
    let pending = this.pending.get(key);
    if (pending && pending.fields !== fields && !sameColumns(pending.columns, fields)) {
      this.write(pending);
      pending = undefined;
    }
    if (!pending) {
      pending = { entity, year, fields, columns: ['id', 'rev', ...fields], records: [] };
      this.pending.set(key, pending);
    }
    const record: SqlValue[] = [id, rev, ...values];
    while (record.length > REV_AT + 1 && record[record.length - 1] === null) record.pop();
    pending.records.push(record);
    if (pending.records.length >= CHUNK) this.write(pending);
  }

  flush(): void {
    for (const pending of this.pending.values()) this.write(pending);
    this.pending.clear();
  }

  private write(pending: Pending): void {
    if (pending.records.length === 0) return;
    stmt(
      this.db,
      `INSERT INTO exchange_batch_inserts(batch_id, entity, chunk, year, n, columns, records)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      this.batchId,
      pending.entity,
      ++this.chunk,
      pending.year,
      pending.records.length,
      JSON.stringify(pending.columns),
      JSON.stringify(pending.records),
    );
    pending.records = [];
  }
}

function sameColumns(columns: readonly string[], fields: readonly string[]): boolean {
  if (columns.length !== fields.length + 2) return false;
  return fields.every((field, i) => columns[i + 2] === field);
}
