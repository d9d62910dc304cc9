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
