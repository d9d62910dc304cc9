// The audit log's hash chain (issue 11 item 4). Every row stores the previous row's hash
// (`prev_hash`) and its own (`hash`): SHA-256 over a canonical encoding of its fields and the
// previous hash. Editing a row's value, removing a row or slipping one in between breaks the
// chain at that row or the next one, which `verifyAuditChain` finds and names.
//
// An exchange batch's insert book (`exchange_batch_inserts`: the records it inserted, many to a
// row) is covered through the batch's audit row: its `book_hash` is a SHA-256 of the whole book,
// taken once the book is written, and is itself one of the chained fields.
//
// What a chain cannot do: anyone who knows this scheme (it is open) can recompute every hash
// after an edit, and removing the newest rows leaves a shorter chain that is still whole. It
// catches an edit made with another SQLite tool by someone who does not recompute the chain.
import { createHash, hash } from 'node:crypto';
import type { Db } from '../db/open';
import { stmt } from '../db/statements';

/** The fields of an audit row that its hash covers, as stored. */
export interface ChainedRow {
  seq: number;
  entity: string;
  entity_id: string;
  field: string;
  old_value: string | null;
  new_value: string | null;
  at: string;
  operator: string;
  installation: string;
  origin: string;
  channel: string | null;
  file_sha256: string | null;
  unit_id: string | null;
  book_hash: string | null;
}

/** The audit entity whose insert rows seal an insert book (exchange/merge/batches.ts). */
export const BOOKED_ENTITY = 'exchange_batch';

/** The previous hash of the first row of the chain. */
export const GENESIS = '';

/**
 * The row's chained fields in their fixed order: the order the hash encodes them in and the
 * order of the audit writer's INSERT columns (audit.ts), so the two cannot drift apart.
 */
export function chainedValues(row: ChainedRow): (string | number | null)[] {
  return [
    row.seq,
    row.entity,
    row.entity_id,
    row.field,
    row.old_value,
    row.new_value,
    row.at,
    row.operator,
    row.installation,
    row.origin,
    row.channel,
    row.file_sha256,
    row.unit_id,
    row.book_hash,
  ];
}

/**
 * The row's hash: SHA-256 (hex) of a JSON array of its fields in a fixed order followed by the
 * previous hash. JSON keeps NULL apart from the text 'null' and every string's boundaries.
 */
export function rowHash(row: ChainedRow, prevHash: string): string {
  return chainedHash(chainedValues(row), prevHash);
}

/** `rowHash` of a row's `chainedValues` already made (the writer binds the same array). */
export function chainedHash(values: readonly (string | number | null)[], prevHash: string): string {
  const canonical = JSON.stringify([...values, prevHash]);
  // The one-shot hash: half the cost of a Hash object for a row's few hundred bytes.
  return hash('sha256', canonical, 'hex');
}

interface BookRow {
  entity: string;
  chunk: number;
  year: number | null;
  n: number;
  columns: string;
  records: string;
}

/** SHA-256 of an exchange batch's insert book, every chunk in key order. */
export function bookHash(db: Db, batchId: string): string {
  const hash = createHash('sha256');
  const rows = stmt<[string], BookRow>(
    db,
    `SELECT entity, chunk, year, n, columns, records FROM exchange_batch_inserts
     WHERE batch_id = ? ORDER BY entity, chunk`,
  ).iterate(batchId);
  for (const row of rows) {
    hash.update(JSON.stringify([row.entity, row.chunk, row.year, row.n, row.columns, row.records]));
    hash.update('\n');
  }
  return hash.digest('hex');
}

/** The newest row's seq and hash: what the next row links to. */
export function chainHead(db: Db): { seq: number; hash: string } {
  const last = stmt<[], { seq: number; hash: string | null }>(
    db,
    'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1',
  ).get();
  return last ? { seq: last.seq, hash: last.hash ?? GENESIS } : { seq: 0, hash: GENESIS };
}
