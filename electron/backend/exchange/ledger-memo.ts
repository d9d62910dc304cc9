// The ledger's answers that cost a pass over many records (whether a big batch can still be
// undone: one lookup per record it wrote; who has not reported), kept per connection until any
// row of the data file changes. A national batch holds half a million records: the screen reads
// the ledger again on every tab, year and refresh, and must not redo that while nothing moved.
//
// "Nothing moved" is exact and cheap: `total_changes()` counts every row this connection has
// inserted, updated or deleted (triggers included), and `PRAGMA data_version` moves when another
// connection (the CLI, a second window) commits. Undo itself never uses this memo: it checks
// under the write lock (undo-check.ts).
import type { Db } from '../db/open';
import { stmt } from '../db/statements';

function stamp(db: Db): string {
  const changes = stmt<[], { n: number }>(db, 'SELECT total_changes() AS n').get()?.n ?? 0;
  return `${db.pragma('data_version', { simple: true }) as number}:${changes}`;
}

/**
 * A memo of one kind of answer: `remember(db, key, compute)` gives compute()'s answer for `key`,
 * reused while no row of the data file has changed since it was computed.
 */
export function ledgerMemo<T>(): (db: Db, key: string, compute: () => T) => T {
  const memos = new WeakMap<Db, { stamp: string; values: Map<string, T> }>();
  return (db, key, compute) => {
    const now = stamp(db);
    let memo = memos.get(db);
    if (!memo || memo.stamp !== now) {
      memo = { stamp: now, values: new Map() };
      memos.set(db, memo);
    }
    const known = memo.values.get(key);
    if (known !== undefined) return known;
    const value = compute();
    memo.values.set(key, value);
    return value;
  };
}
