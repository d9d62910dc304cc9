// Jobs that stream a whole data file through the connection (an exchange export, a national
// exchange import) read most pages once. Through the memory map (db/open.ts maps up to 256 MB
// for the screens' national queries) every page such a job touches stays counted in the process's
// resident memory until the job ends; through SQLite's own page cache only its 64 MB are.
// Measured with `npm run bench` (docs/performance.md): the national export's peak RSS
// 479 → 329 MB and faster (8.7 → 7.3 s), the national import's 485 → 456 MB, no slower.
import type { Db } from './open';

/** Runs `work` with the memory map off, and puts back the size it had (synchronous work only). */
export function withoutMemoryMap<T>(db: Db, work: () => T): T {
  const size = db.pragma('mmap_size', { simple: true }) as number;
  if (size === 0) return work();
  db.pragma('mmap_size = 0');
  try {
    return work();
  } finally {
    db.pragma(`mmap_size = ${Math.trunc(size)}`);
  }
}

// A bulk write's commit is followed by SQLite's automatic checkpoint (the WAL past 1,000 pages):
// a national ratings import's ~24,000 pages copied from the WAL into the file and synced, 0.2–0.5
// s of wall time the user waits for after the data is already safe (the commit synced the WAL).
// The import owes that checkpoint instead, and the backend worker pays it once it has had nothing
// to do for a moment (worker/serve.ts), as it runs the file's quick_check. Until then readers
// find the pages in the WAL; the next commit's own automatic checkpoint, or closing the
// connection, pays it if the worker does not (docs/performance.md, helper IMPORT3).
const owed = new WeakSet<Db>();

/** Runs `work` with the automatic checkpoint off, put back after; the checkpoint is then owed. */
export function withCheckpointOwed<T>(db: Db, work: () => T): T {
  const pages = db.pragma('wal_autocheckpoint', { simple: true }) as number;
  db.pragma('wal_autocheckpoint = 0');
  try {
    return work();
  } finally {
    owed.add(db);
    db.pragma(`wal_autocheckpoint = ${Math.trunc(pages)}`);
  }
}

/** Whether a bulk write left its checkpoint owed. */
export const checkpointOwed = (db: Db): boolean => owed.has(db);

/** Runs the checkpoint a bulk write left owed, if any (through the page cache); true when it ran. */
export function payOwedCheckpoint(db: Db): boolean {
  if (!owed.delete(db)) return false;
  withoutMemoryMap(db, () => db.pragma('wal_checkpoint(PASSIVE)'));
  return true;
}
