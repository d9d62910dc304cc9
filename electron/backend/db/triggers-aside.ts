// Triggers of the main schema set aside for one bulk write inside its transaction: dropped, the
// work done, and each created again from its own stored text (sqlite_schema). SQLite cannot
// switch one trigger off, and a trigger whose WHEN reads a switch still runs its program for
// every row (a frame set up and the switch read: several µs a row, docs/performance.md). For a
// trigger that does nothing while a switch is off (the rating tallies' and pairs' triggers of
// migrations 12 and 18 while `rating_tally_state.deferred` = 1), dropping it for that time
// changes nothing the write leaves behind.
//
// A rollback (an error, a crash) restores the triggers with everything else; a caller that
// catches an error inside the transaction still finds them back (the `finally`).
import type { Db } from './open';
import { stmt } from './statements';

/** Runs `work` inside the caller's write transaction with the named main triggers dropped. */
export function withTriggersAside<T>(db: Db, names: readonly string[], work: () => T): T {
  if (!db.inTransaction) throw new Error('withTriggersAside needs a write transaction');
  const read = stmt<[string], string | null>(
    db,
    "SELECT sql FROM main.sqlite_schema WHERE type = 'trigger' AND name = ?",
  ).pluck();
  // A trigger removed with another tool stays removed: nothing to set aside or bring back.
  const kept = names.flatMap((name) => {
    const sql = read.get(name);
    return typeof sql === 'string' ? [{ name, sql }] : [];
  });
  for (const { name } of kept) db.exec(`DROP TRIGGER main."${name}"`);
  try {
    return work();
  } finally {
    for (const { sql } of kept) db.exec(sql);
  }
}
