// Many audit rows in one transaction (a national ratings import: 54,000 of them), each still its
// own row of the chain. Two costs of the row-by-row writer are left out while `work` runs:
//
// - Reading the chain's head for every row: the first row links to the head read once, every
//   later row to the hash the writer has just computed (audit.ts asks `bulkChainHead`).
// - migration 17's `audit_head_follows` trigger, which updates audit_head once per row. SQLite
//   has no way to switch one trigger off, and a WHEN that reads a switch costs nearly as much as
//   the trigger itself (54,000 rows, CPU: ~10 µs a row with the trigger, most of that still with
//   a WHEN reading a switch row; docs/performance.md). So the trigger is dropped inside the
//   transaction, the head is set once as the trigger would have left it, and the trigger is
//   created again from its own stored text before the transaction goes on. A rollback (a crash,
//   an error) restores the trigger with everything else; a caller that catches an error inside
//   the transaction still finds the head set and the trigger back (the `finally`).
import type { Db } from '../db/open';
import { stmt } from '../db/statements';
import { chainHead } from './chain';

/** The trigger of migration 17 that keeps audit_head. */
const HEAD_TRIGGER = 'audit_head_follows';

/** From this many audit rows a write goes through `writingAuditInBulk` (the DDL costs ~1 ms). */
export const BULK_AUDIT_MINIMUM = 1000;

/**
 * The minimum in force; tests lower it to run a small import's audit rows through the bulk
 * writer and compare them with the row-by-row writer's (ratings-import-apply.test.ts).
 */
export const BULK_AUDIT_THRESHOLDS = { minimum: BULK_AUDIT_MINIMUM };

interface BulkChain {
  /** The newest row written so far (the head read at the start, then each row written). */
  seq: number;
  hash: string;
  /** The first row's link (the head it found), null while no row is written. */
  firstPrev: string | null;
}

const chains = new WeakMap<Db, BulkChain>();

/** The head the next audit row links to while a bulk write runs; undefined otherwise. */
export function bulkChainHead(db: Db): { seq: number; hash: string } | undefined {
  return chains.get(db);
}

/** Notes the row just written as the newest of the bulk write (`prevHash`: its link). */
export function bulkChainAdvance(db: Db, seq: number, prevHash: string, hash: string): void {
  const chain = chains.get(db);
  if (!chain) return;
  chain.firstPrev ??= prevHash;
  chain.seq = seq;
  chain.hash = hash;
}

/**
 * Runs `work` (inside a write transaction) with the head read once and the head trigger off;
 * `rows`: how many audit rows it is expected to write, below BULK_AUDIT_THRESHOLDS' minimum
 * (BULK_AUDIT_MINIMUM) it simply runs.
 */
export function writingAuditInBulk<T>(db: Db, rows: number, work: () => T): T {
  if (rows < BULK_AUDIT_THRESHOLDS.minimum || chains.has(db)) return work();
  if (!db.inTransaction) throw new Error('writingAuditInBulk needs a write transaction');
  const trigger = stmt<[string], string | null>(
    db,
    "SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = ?",
  )
    .pluck()
    .get(HEAD_TRIGGER);
  const head = chainHead(db);
  const chain: BulkChain = { seq: head.seq, hash: head.hash, firstPrev: null };
  // No trigger (removed with another tool): the head is left as the row-by-row writes leave it.
  if (trigger) db.exec(`DROP TRIGGER ${HEAD_TRIGGER}`);
  chains.set(db, chain);
  try {
    return work();
  } finally {
    chains.delete(db);
    if (trigger) {
      if (chain.firstPrev !== null) setHead(db, chain.firstPrev, chain.seq, chain.hash);
      db.exec(trigger);
    }
  }
}

/**
 * audit_head as the trigger leaves it after the rows: only the first row can find the head
 * skipped (each later row links to the row before it, the head the trigger had just set), so
 * `lost_after` is decided by the first row's link; seq and hash are the last row's.
 */
function setHead(db: Db, firstPrev: string, seq: number, hash: string): void {
  stmt<[string, number, string]>(
    db,
    `UPDATE audit_head SET
       lost_after = coalesce(lost_after, CASE WHEN ? IS NOT hash THEN seq END),
       seq = ?,
       hash = ?
     WHERE id = 1`,
  ).run(firstPrev, seq, hash);
}
