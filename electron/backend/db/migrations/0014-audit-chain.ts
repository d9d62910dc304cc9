// The audit log made trustworthy (issue 11 item 4).
// - `channel`: how the write came (app, preview, cli); `origin` keeps saying what caused it
//   (app / cli typed, `import:<file>` a ratings import, `import:exchange` an exchange file).
//   Older rows: 'app' and 'cli' rows take that channel, import rows none (not recorded then).
// - `file_sha256`: the imported file's SHA-256 on the rows an import wrote.
// - `unit_id`: the unit the record belongs to, for the screen's unit filter (filled for older
//   rows from the record's unit, or the unit_id of its JSON values).
// - `book_hash`: on an exchange batch's row, the SHA-256 of its insert book (audit/chain.ts).
// - `prev_hash` / `hash`: the chain. `fill` chains the existing rows once, in seq order, then
//   the triggers make the table append-only: from here on UPDATE and DELETE are refused.
// Indexes serve the screen's filters newest first (unit, person, channel; time alone by `at`).
import type { Database } from 'better-sqlite3';
import type { ChainedRow } from '../../audit/chain';
import { BOOKED_ENTITY, bookHash, GENESIS, rowHash } from '../../audit/chain';

export const sql = /* sql */ `
ALTER TABLE audit_log ADD COLUMN channel TEXT;
ALTER TABLE audit_log ADD COLUMN file_sha256 TEXT;
ALTER TABLE audit_log ADD COLUMN unit_id TEXT;
ALTER TABLE audit_log ADD COLUMN book_hash TEXT;
ALTER TABLE audit_log ADD COLUMN prev_hash TEXT;
ALTER TABLE audit_log ADD COLUMN hash TEXT;

UPDATE audit_log SET channel = CASE origin WHEN 'app' THEN 'app' WHEN 'cli' THEN 'cli' END;
UPDATE audit_log SET unit_id = coalesce(
  CASE entity
    WHEN 'unit' THEN entity_id
    WHEN 'unit_version' THEN (SELECT v.unit_id FROM unit_versions v WHERE v.id = entity_id)
    WHEN 'lineage_event' THEN (SELECT e.unit_id FROM lineage_events e WHERE e.id = entity_id)
    WHEN 'rating' THEN (SELECT r.unit_id FROM ratings r WHERE r.id = entity_id)
    WHEN 'watchlist_member' THEN (SELECT m.unit_id FROM watchlist_members m WHERE m.id = entity_id)
  END,
  CASE WHEN field = '*' THEN coalesce(new_value ->> '$.unit_id', old_value ->> '$.unit_id') END);

CREATE INDEX audit_log_by_at ON audit_log(at);
CREATE INDEX audit_log_by_unit ON audit_log(unit_id, at) WHERE unit_id IS NOT NULL;
CREATE INDEX audit_log_by_operator ON audit_log(operator, at);
CREATE INDEX audit_log_by_channel ON audit_log(channel, at);
`;

/** Refuses every UPDATE and DELETE of the audit log, whoever asks. */
export const APPEND_ONLY = /* sql */ `
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: rows cannot be changed'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: rows cannot be removed'); END;
`;

const PAGE = 10_000;

/** Chains the rows already there, oldest first, then makes the table append-only. */
export function fill(db: Database): void {
  const page = db.prepare<[number], ChainedRow>(
    `SELECT seq, entity, entity_id, field, old_value, new_value, at, operator, installation,
       origin, channel, file_sha256, unit_id, book_hash
     FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ${PAGE}`,
  );
  const update = db.prepare<[string | null, string, string, number]>(
    'UPDATE audit_log SET book_hash = ?, prev_hash = ?, hash = ? WHERE seq = ?',
  );
  let previous = GENESIS;
  let last = 0;
  for (;;) {
    const rows = page.all(last);
    if (rows.length === 0) break;
    for (const row of rows) {
      // A batch's book is sealed as it is now: later edits of it are what verify detects.
      const book =
        row.entity === BOOKED_ENTITY && row.old_value === null ? bookHash(db, row.entity_id) : null;
      const hash = rowHash({ ...row, book_hash: book }, previous);
      update.run(book, previous, hash, row.seq);
      previous = hash;
      last = row.seq;
    }
  }
  db.exec(APPEND_ONLY);
}
