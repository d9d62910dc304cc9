// A token of the register's shape (issue 10: the nation's report after a write). The report and
// the carry-over list walk the nation's committees, prove that each chart year is one clean tree
// (reports/register-totals.ts) and read the committees' names: ~4 ms of a ~14 ms call that depend
// only on the units, their versions and the version spans, not on the ratings. Every write used to
// drop them with everything else (db/memo.ts: any change of any row). The token is a new random
// value whenever a row of those three tables is written, by a trigger, so every write path and
// every connection (the CLI, another window) moves it without a call of its own; what is kept
// under a token (db/register-memo.ts) is computed again once the register changes. A rating, a
// measure or a list written leaves it as it was. A rolled-back write takes its token back with its
// rows, which is right: the register is back as it was under the old token.
//
// Random, not a counter, so that a file put back from a backup (its own token) or any other file
// never meets a kept answer by an equal number. No bulk path sets these triggers aside
// (db/triggers-aside.ts is given names, and none of these); an update fires them twice when the
// revision trigger of migration 6 updates the row again, which costs a few µs per write.
const bump = 'UPDATE register_epoch SET token = hex(randomblob(8)) WHERE id = 1;';

const triggers = ['units', 'unit_versions', 'version_spans']
  .flatMap((table) =>
    (['insert', 'update', 'delete'] as const).map(
      (event) => `CREATE TRIGGER IF NOT EXISTS register_epoch_${table}_${event}
  AFTER ${event.toUpperCase()} ON ${table}
BEGIN
  ${bump}
END;`,
    ),
  )
  .join('\n');

export const sql = /* sql */ `
CREATE TABLE IF NOT EXISTS register_epoch (
  id     INTEGER PRIMARY KEY CHECK (id = 1),
  token  TEXT NOT NULL
) STRICT;
INSERT OR IGNORE INTO register_epoch (id, token) VALUES (1, hex(randomblob(8)));
${triggers}
`;
