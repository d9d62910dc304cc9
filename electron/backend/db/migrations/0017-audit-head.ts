// The audit log's head kept apart from the log (issue 11 item 4). The hash chain (migration 14)
// finds a row edited, removed or slipped in between, but removing the newest rows leaves a
// shorter chain that is still whole: exactly what hides one's own last changes. audit_head holds
// the seq and hash of the newest row ever written, set by a trigger on every insert, so
// audit/verify.ts finds a log that ends before its head. The next write after such a removal
// links to the row left last; the trigger then notes, once, the head it found skipped
// (`lost_after`), so the evidence survives later writes. Someone who knows this table can edit
// it too: like the chain, it catches an edit made with another SQLite tool by someone who does
// not know the scheme.

export const sql = /* sql */ `
CREATE TABLE audit_head (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  seq        INTEGER NOT NULL,
  hash       TEXT NOT NULL,
  lost_after INTEGER
) STRICT;

INSERT INTO audit_head (id, seq, hash)
SELECT 1, coalesce(max(seq), 0),
  coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '')
FROM audit_log;

-- SQLite reads every right-hand side from the row before the update: lost_after compares the
-- new row's link with the head as it was.
CREATE TRIGGER audit_head_follows AFTER INSERT ON audit_log
BEGIN
  UPDATE audit_head SET
    lost_after = coalesce(lost_after, CASE WHEN NEW.prev_hash IS NOT hash THEN seq END),
    seq = NEW.seq,
    hash = coalesce(NEW.hash, '')
  WHERE id = 1;
END;
`;
