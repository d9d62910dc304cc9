// The records a batch inserted, booked many to a row in `exchange_batch_inserts` (migration 8):
// what was inserted, for the audit trail, and what undo removes and checks. By whom, when and
// from which file is the batch row's. See the migration for the layout of a row.
import type { ExchangeEntity } from '../../../../shared/methods/exchange';
import type { Db } from '../../db/open';
import { stmt } from '../../db/statements';
import type { SqlValue } from '../format/records';

/** Records per row: a national file's 520,000 ratings are about 520 rows of ~110 KB. */
export const CHUNK = 1000;

/** The fixed positions of every booked record: its id, then the revision it was left at. */
export const ID_AT = 0;
export const REV_AT = 1;

interface Pending {
  entity: ExchangeEntity;
  year: number | null;
  /** The audited fields' names as the writer passes them (compared by identity first). */
  fields: readonly string[];
  columns: string[];
  /** The chunk's records so far, as the JSON array the row stores (its closing bracket to come). */
  records: RecordsText;
}

/**
 * A chunk's records as UTF-8 JSON in one reused Buffer, each record's text written as it is
 * booked. Held as arrays of values (each record's id and text fields) until its chunk was
 * written, a national import's 520,000 records outlived the young generation's collections and
 * were promoted, ~330 bytes each, to wait in V8's old space for a full collection: most of the
 * apply's peak memory (issue 10, helper PEAK). The row's text is the same: JSON.stringify of an
 * array of arrays is its members' texts joined by commas in brackets.
 */
class RecordsText {
  private bytes = Buffer.allocUnsafe(64 * 1024);
  private length = 0;
  count = 0;

  add(record: readonly SqlValue[]): void {
    const json = JSON.stringify(record);
    // UTF-8 takes at most three bytes per UTF-16 unit; the separator one more.
    const needed = this.length + 1 + 3 * json.length + 1;
    if (needed > this.bytes.length) {
      const larger = Buffer.allocUnsafe(Math.max(needed, 2 * this.bytes.length));
      this.bytes.copy(larger, 0, 0, this.length);
      this.bytes = larger;
    }
    this.bytes[this.length] = this.count === 0 ? OPEN_BRACKET : COMMA;
    this.length += 1;
    this.length += this.bytes.write(json, this.length, 'utf8');
    this.count += 1;
  }

  /** The JSON array of the records booked since the last call; the buffer is kept for the next. */
  take(): string {
    const text = this.count === 0 ? '[]' : `${this.bytes.toString('utf8', 0, this.length)}]`;
    this.length = 0;
    this.count = 0;
    return text;
  }
}

const OPEN_BRACKET = 0x5b;
const COMMA = 0x2c;

/**
 * Collects one batch's inserted records and writes them a chunk at a time (call `flush` before the
 * batch is finished). Ratings are collected per year, so each chunk holds one year's.
 */
export class InsertBook {
  private readonly pending = new Map<string, Pending>();
  private chunk = 0;
  private total = 0;

  constructor(
    private readonly db: Db,
    private readonly batchId: string,
  ) {}

  /** How many records were booked so far. */
  get count(): number {
    return this.total;
  }

  /**
   * One inserted record: `fields` names its audited fields (the same array for every record of a
   * kind, built once), `values` holds them in that order.
   */
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
      pending = {
        entity,
        year,
        fields,
        columns: ['id', 'rev', ...fields],
        records: new RecordsText(),
      };
      this.pending.set(key, pending);
    }
    const record: SqlValue[] = [id, rev, ...values];
    // Empty trailing fields are left out (a JSON reader gives null past the end): most of a
    // rating's optional fields are empty, and they are the last ones.
    while (record.length > REV_AT + 1 && record[record.length - 1] === null) record.pop();
    pending.records.add(record);
    this.total += 1;
    if (pending.records.count >= CHUNK) this.write(pending);
  }

  /** Writes every chunk still collecting. */
  flush(): void {
    for (const pending of this.pending.values()) this.write(pending);
    this.pending.clear();
  }

  private write(pending: Pending): void {
    const n = pending.records.count;
    if (n === 0) return;
    stmt(
      this.db,
      `INSERT INTO exchange_batch_inserts(batch_id, entity, chunk, year, n, columns, records)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      this.batchId,
      pending.entity,
      ++this.chunk,
      pending.year,
      n,
      JSON.stringify(pending.columns),
      pending.records.take(),
    );
  }
}

function sameColumns(columns: readonly string[], fields: readonly string[]): boolean {
  if (columns.length !== fields.length + 2) return false;
  return fields.every((field, i) => columns[i + 2] === field);
}

/** The records a batch inserted, all kinds. */
export function countInserted(db: Db, batchId: string): number {
  return (
    stmt<[string], { n: number | null }>(
      db,
      'SELECT sum(n) AS n FROM exchange_batch_inserts WHERE batch_id = ?',
    ).get(batchId)?.n ?? 0
  );
}

/**
 * Each chunk of one kind a batch inserted: the ids in it, for undo to remove. Read a chunk at a
 * time by its key (the connection stays free for the caller's writes between chunks).
 */
export function* insertedIdChunks(
  db: Db,
  batchId: string,
  entity: ExchangeEntity,
): Generator<string[]> {
  const next = stmt<[string, string, number], { chunk: number; records: string }>(
    db,
    `SELECT chunk, records FROM exchange_batch_inserts
     WHERE batch_id = ? AND entity = ? AND chunk > ? ORDER BY chunk LIMIT 1`,
  );
  let after = 0;
  for (let row = next.get(batchId, entity, after); row; row = next.get(batchId, entity, after)) {
    after = row.chunk;
    const parsed: unknown = JSON.parse(row.records);
    if (!Array.isArray(parsed)) continue;
    yield parsed.flatMap((record: unknown) => {
      const id: unknown = Array.isArray(record) ? record[ID_AT] : null;
      return typeof id === 'string' ? [id] : [];
    });
  }
}
