// Answers of wide reads (the nation's figures for Tổng quan, a province's report) kept until the
// data changes. The data's version is SQLite's own: `total_changes()` counts every row this
// connection has written, `PRAGMA data_version` moves when another connection (the CLI, another
// window) commits. Either moving drops every kept answer of that connection. Reads made inside an
// open transaction are never kept: a rollback would undo rows without moving the counters.
import type { Db } from './open';
import { stmt } from './statements';

interface Kept {
  version: string;
  /** Insertion order is use order: the first key is the least recently used. */
  answers: Map<string, unknown>;
}

const kept: KeptAnswers = new WeakMap();

/** A string that changes whenever any row of the file changes, by this connection or another. */
export function dataVersion(db: Db): string {
  const own = stmt<[], { n: number }>(db, 'SELECT total_changes() AS n').get()?.n ?? 0;
  const others = db.pragma('data_version', { simple: true }) as number;
  return `${others}:${own}`;
}

/**
 * `compute()`'s answer for `key`, computed again only after a write. At most `limit` answers are
 * kept per connection (a national report is tens of megabytes), least recently used dropped.
 * The answer is shared between calls: callers must treat it as read-only.
 */
export function memoized<T>(db: Db, key: string, limit: number, compute: () => T): T {
  return keptUntilChanged(kept, db, () => dataVersion(db), { key, limit }, compute);
}

/** Answers kept per connection while a version of the data stays the same. */
export type KeptAnswers = WeakMap<Db, Kept>;

/**
 * `compute()`'s answer for `key` from `store`, computed again once `versionOf()` moved: the rule
 * of memoized and of db/register-memo.ts. Nothing is kept from inside a transaction (a rollback
 * would undo rows without moving a version), nor when the version moved while it was computed
 * (a write it made, another connection's commit), nor without a version (null).
 */
export function keptUntilChanged<T>(
  store: KeptAnswers,
  db: Db,
  versionOf: () => string | null,
  { key, limit }: { key: string; limit: number },
  compute: () => T,
): T {
  if (db.inTransaction) return compute();
  const version = versionOf();
  if (version === null) return compute();
  let entry = store.get(db);
  if (!entry || entry.version !== version) {
    entry = { version, answers: new Map() };
    store.set(db, entry);
  }
  if (entry.answers.has(key)) {
    const answer = entry.answers.get(key) as T;
    entry.answers.delete(key);
    entry.answers.set(key, answer);
    return answer;
  }
  const answer = compute();
  if (versionOf() === version) {
    entry.answers.set(key, answer);
    while (entry.answers.size > limit) {
      const oldest = entry.answers.keys().next();
      if (oldest.done) break;
      entry.answers.delete(oldest.value);
    }
  }
  return answer;
}
