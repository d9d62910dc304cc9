// What depends on the register's shape alone (the units, their versions, the version spans),
// kept while the register is unchanged: the nation's walk of a year, the proof that the chart's
// years are clean trees, the committees' names. db/memo.ts keeps whole answers until any row
// changes; this keeps their register part across the writes that leave the register alone (a
// rating, a measure, a list), so the report after such a write reads only what changed. The
// register's token (migration 24) is moved by a trigger on every write to those tables, whatever
// the path or the connection.
import type { KeptAnswers } from './memo';
import { keptUntilChanged } from './memo';
import type { Db } from './open';
import { stmt } from './statements';

/** Enough for a few years' walks, proofs and names of the nation and some provinces. */
const KEPT_ANSWERS = 64;

const kept: KeptAnswers = new WeakMap();

/**
 * The register's token: a new value after every write to the units, versions or spans. Null when
 * its row is gone (removed behind the app's back): then nothing is kept.
 */
export function registerToken(db: Db): string | null {
  const token = stmt<[], string>(db, 'SELECT token FROM register_epoch WHERE id = 1').pluck().get();
  return typeof token === 'string' ? token : null;
}

/**
 * `compute()`'s answer for `key`, computed again only after the register changed. `compute`
 * must read nothing but the units, their versions and the version spans (and constants), and its
 * answer is shared between calls: callers must treat it as read-only. Inside an open transaction
 * nothing is kept (a rollback would undo rows and take the token back; the answer might be of
 * the rows undone), and an answer is kept only when the token did not move while it was computed
 * (another connection's commit between the statements).
 */
export function keptWhileRegisterUnchanged<T>(db: Db, key: string, compute: () => T): T {
  return keptUntilChanged(kept, db, () => registerToken(db), { key, limit: KEPT_ANSWERS }, compute);
}
