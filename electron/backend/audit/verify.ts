// `tccsd audit verify` and Cài đặt → Kiểm tra nhật ký: walks the audit log's hash chain
// (chain.ts) from its first row and names the first row that does not hold.
import type { AuditBrokenRow, AuditVerification } from '../../../shared/methods/audit';
import { describeAuditVerification } from '../../../shared/domain/audit-labels';
import type { Db } from '../db/open';
import { stmt } from '../db/statements';
import { nameAt } from '../units/queries';
import type { ChainedRow } from './chain';
import { BOOKED_ENTITY, bookHash, GENESIS, rowHash } from './chain';

interface StoredRow extends ChainedRow {
  prev_hash: string | null;
  hash: string | null;
}

/** Rows read at a time: a national log is read page by page, never held whole. */
const PAGE = 5000;

function broken(db: Db, row: StoredRow, problem: AuditBrokenRow['problem']): AuditBrokenRow {
  return {
    seq: row.seq,
    at: row.at,
    entity: row.entity,
    entityId: row.entity_id,
    // The officer looks the row up by its unit, not by a record's id.
    unitName: row.unit_id ? nameAt(db, row.unit_id, null) : null,
    operator: row.operator,
    problem,
    lostUpTo: null,
  };
}

interface Head {
  seq: number;
  hash: string;
  lost_after: number | null;
}

/**
 * The chain is whole: whether it still reaches the newest row ever written (audit_head,
 * migration 17). `last` is the newest row left (null: none).
 */
function checkHead(db: Db, last: StoredRow | null): AuditBrokenRow | null {
  const head = stmt<[], Head>(
    db,
    'SELECT seq, hash, lost_after FROM audit_head WHERE id = 1',
  ).get();
  if (!head) return null;
  const lostUpTo =
    head.lost_after ??
    (last === null
      ? head.seq > 0
        ? head.seq
        : null
      : last.seq !== head.seq || (last.hash ?? '') !== head.hash
        ? head.seq
        : null);
  if (lostUpTo === null) return null;
  if (last === null) {
    return {
      seq: 0,
      at: '',
      entity: '',
      entityId: '',
      unitName: null,
      operator: '',
      problem: 'truncated',
      lostUpTo,
    };
  }
  return { ...broken(db, last, 'truncated'), lostUpTo };
}

/** What is wrong with one row given the row before it (null: nothing). */
function check(db: Db, row: StoredRow, previous: StoredRow | null): AuditBrokenRow | null {
  const expectedPrev = previous ? (previous.hash ?? '') : GENESIS;
  // A gap in seq or a link to another hash: rows before this one were removed, or this one was
  // added outside the app.
  if (previous && row.seq !== previous.seq + 1) return broken(db, row, 'missing');
  if (row.prev_hash !== expectedPrev) return broken(db, row, 'missing');
  if (row.hash === null || rowHash(row, row.prev_hash) !== row.hash) {
    return broken(db, row, 'changed');
  }
  if (row.entity === BOOKED_ENTITY && row.book_hash !== null) {
    if (bookHash(db, row.entity_id) !== row.book_hash) return broken(db, row, 'book');
  }
  return null;
}

/** Walks the whole chain; `ok` false with the first broken row when anything was edited. */
export function verifyAuditChain(db: Db): AuditVerification {
  const page = stmt<[number], StoredRow>(
    db,
    `SELECT seq, entity, entity_id, field, old_value, new_value, at, operator, installation,
       origin, channel, file_sha256, unit_id, book_hash, prev_hash, hash
     FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ${PAGE}`,
  );
  let previous: StoredRow | null = null;
  let rows = 0;
  let first: AuditBrokenRow | null = null;
  for (let rowsRead = PAGE; rowsRead === PAGE && !first;) {
    const batch = page.all(previous?.seq ?? -1);
    rowsRead = batch.length;
    for (const row of batch) {
      rows += 1;
      first = check(db, row, previous);
      if (first) break;
      previous = row;
    }
  }
  // Nothing broken inside: whether rows were cut off the end.
  if (!first) first = checkHead(db, previous);
  const result = { ok: first === null, rows, broken: first };
  return { ...result, summary: describeAuditVerification(result) };
}
