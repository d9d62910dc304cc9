// Word initials by stretch of the register (issue 10: a search's first keystroke within 10 ms).
//
// A wide search ("d", "Đảng bộ") walks the register in its order (unit_versions_register) and
// tests each entry's words, stopping once its page is full. On a national register its matches
// may begin only after tens of thousands of names ("Chi bộ thôn …" has no word in d), and walking
// those cost ~15–20 ms. This table cuts the register, in its order, into blocks of consecutive sort
// keys (about 64–128 versions each) and keeps, for each block, the set of letters its versions'
// words begin with (`mask`, one bit per letter or digit). The walk visits only the blocks holding
// every letter its words begin with and walks the register index inside them: the same entries in
// the same order, less whole blocks where no entry can match.
//
// Exact by construction: for every version, the block its sort key falls in holds (at least) the
// initials of its folded name's and code's words. A write only ever adds bits (a renamed or
// removed version leaves its old ones, which cost a wasted block walk, never a missed row); when a
// block grows past 128 versions it is split at its 65th key and both halves' bits and sizes are
// counted again from their rows. ~900 rows (~40 KB) for a national register, where a table of
// (initial, sort key, version) would take ~20 MB of a data file near its 350 MB budget.
//
// Kept by triggers, so every path that writes a version (create, edit, import, the exchange,
// undo) keeps it, and nothing else has to remember it.
import type { Database } from 'better-sqlite3';

/** What a word's first character is counted as: bit n for the n-th of these, bit 0 for any other. */
export const INITIALS = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A block past this many versions is split in two. */
const SPLIT_ABOVE = 128;
/** Where a block is split: the key of its version at this offset (the first key of the second half). */
const SPLIT_AT = 64;

/**
 * Bits of the words of a folded name and code (both are foldForSearch output: letters, digits
 * and single spaces). The text becomes a JSON array of its words (json_quote escapes it; a
 * space is never part of an escape); an empty word (no code) counts nothing.
 */
const wordBits = (text: string) => /* sql */ `(
  SELECT coalesce(sum(DISTINCT 1 << instr('${INITIALS}', substr(w.value, 1, 1))), 0)
  FROM json_each('[' || replace(json_quote(${text}), ' ', '","') || ']') w
  WHERE w.value <> '')`;

const versionText = (row: string) =>
  `${row}.name_folded || ' ' || coalesce(${row}.code_folded, '')`;

/** The block a sort key falls in: the last one starting at or before it (the first starts at ''). */
const blockOf = (key: string) =>
  `(SELECT max(s.start) FROM unit_search_blocks s WHERE s.start <= ${key})`;

/** Every block starting within [from, to): its bits and size counted again from its versions. */
const recount = (from: string, to: string) => /* sql */ `
UPDATE unit_search_blocks SET
  mask = (SELECT coalesce(sum(DISTINCT 1 << instr('${INITIALS}', substr(w.value, 1, 1))), 0)
    FROM unit_versions v INDEXED BY unit_versions_register,
      json_each('[' || replace(json_quote(${versionText('v')}), ' ', '","') || ']') w
    WHERE v.sort_key >= unit_search_blocks.start AND v.sort_key < unit_search_blocks.stop
      AND w.value <> ''),
  size = (SELECT count(*) FROM unit_versions v INDEXED BY unit_versions_register
    WHERE v.sort_key >= unit_search_blocks.start AND v.sort_key < unit_search_blocks.stop)
WHERE start >= ${from} AND start < ${to}`;

// `stop` is the next block's start, or X'FF' for the last block: a BLOB sorts after every TEXT
// value, so `sort_key < stop` holds for every key of that block. The walk reads the blocks in
// order from unit_search_blocks_walk alone. IF NOT EXISTS throughout: a test of an earlier
// migration rewinds a file that already holds all this (and `fill` then leaves it as it is).
export const sql = /* sql */ `
CREATE TABLE IF NOT EXISTS unit_search_blocks (
  start TEXT NOT NULL PRIMARY KEY,
  stop  ANY NOT NULL,
  mask  INTEGER NOT NULL,
  size  INTEGER NOT NULL
) STRICT;
CREATE UNIQUE INDEX IF NOT EXISTS unit_search_blocks_walk ON unit_search_blocks(start, mask, stop);
INSERT OR IGNORE INTO unit_search_blocks(start, stop, mask, size) VALUES ('', X'FF', 0, 0);

CREATE TRIGGER IF NOT EXISTS unit_versions_search_blocks_insert AFTER INSERT ON unit_versions BEGIN
  UPDATE unit_search_blocks SET mask = mask | ${wordBits(versionText('new'))}, size = size + 1
  WHERE start = ${blockOf('new.sort_key')};
END;
CREATE TRIGGER IF NOT EXISTS unit_versions_search_blocks_update
  AFTER UPDATE OF name_folded, code_folded, sort_key ON unit_versions
BEGIN
  UPDATE unit_search_blocks SET size = size - 1 WHERE start = ${blockOf('old.sort_key')};
  UPDATE unit_search_blocks SET mask = mask | ${wordBits(versionText('new'))}, size = size + 1
  WHERE start = ${blockOf('new.sort_key')};
END;
CREATE TRIGGER IF NOT EXISTS unit_versions_search_blocks_delete AFTER DELETE ON unit_versions BEGIN
  UPDATE unit_search_blocks SET size = size - 1 WHERE start = ${blockOf('old.sort_key')};
END;

-- A block grown past ${SPLIT_ABOVE} versions: a new block from its ${SPLIT_AT + 1}th key on (or from its
-- second distinct key, when that one equals the first; never split inside one key), then both
-- halves counted again. (Not fired again by its own recount: recursive triggers are off.)
CREATE TRIGGER IF NOT EXISTS unit_search_blocks_split AFTER UPDATE OF size ON unit_search_blocks
  WHEN new.size > ${SPLIT_ABOVE}
BEGIN
  INSERT INTO unit_search_blocks(start, stop, mask, size)
  SELECT m, new.stop, 0, 0 FROM (
    SELECT CASE WHEN at > new.start THEN at ELSE (
        SELECT min(v.sort_key) FROM unit_versions v INDEXED BY unit_versions_register
        WHERE v.sort_key > new.start AND v.sort_key < new.stop) END AS m
    FROM (SELECT v.sort_key AS at FROM unit_versions v INDEXED BY unit_versions_register
      WHERE v.sort_key >= new.start AND v.sort_key < new.stop
      ORDER BY v.sort_key LIMIT 1 OFFSET ${SPLIT_AT}))
  WHERE m IS NOT NULL;
  UPDATE unit_search_blocks
  SET stop = (SELECT min(s.start) FROM unit_search_blocks s
    WHERE s.start > new.start AND s.start < new.stop)
  WHERE start = new.start AND EXISTS (SELECT 1 FROM unit_search_blocks s
    WHERE s.start > new.start AND s.start < new.stop);
  ${recount('new.start', 'new.stop')}
    AND EXISTS (SELECT 1 FROM unit_search_blocks s WHERE s.start > new.start AND s.start < new.stop);
END;
`;

/**
 * The blocks of a register already written: a block starts every SPLIT_AT versions (at a new key),
 * then every block's bits and size are counted from its versions by the same SQL as a split's.
 */
export function fill(db: Database): void {
  const made = db
    .prepare('SELECT count(*) AS n, sum(size) AS size FROM unit_search_blocks')
    .get() as {
    n: number;
    size: number;
  };
  if (made.n !== 1 || made.size !== 0) return; // kept by the triggers already
  const keys = db
    .prepare(
      'SELECT sort_key FROM unit_versions INDEXED BY unit_versions_register ORDER BY sort_key',
    )
    .pluck()
    .all() as string[];
  const starts: string[] = [''];
  let since = 0;
  let previous = '';
  for (const key of keys) {
    if (since >= SPLIT_AT && key !== previous) {
      starts.push(key);
      since = 0;
    }
    since++;
    previous = key;
  }
  if (starts.length === 1) return;
  const setStop = db.prepare('UPDATE unit_search_blocks SET stop = ? WHERE start = ?');
  const add = db.prepare(
    "INSERT INTO unit_search_blocks(start, stop, mask, size) VALUES (?, X'FF', 0, 0)",
  );
  starts.slice(1).forEach((start, i) => {
    setStop.run(start, starts[i]);
    add.run(start);
  });
  db.exec(`${recount("''", "X'FF'")};`);
}
