// The backup taken before a migration, named and described like every other backup (so the
// Sao lưu và khôi phục page lists it and the retention prunes it). It is made while the file
// opens, which is synchronous, and better-sqlite3's backup API is asynchronous: VACUUM INTO is
// SQLite's own consistent copy of the open connection (never the file and its WAL), made
// synchronously, under a temporary name renamed when complete; old backups are pruned after it.
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../db/open';
import { partPath } from '../files';
import { log } from '../log';
import { APP_VERSION } from '../version';
import { pruneBackups } from './create';
import { factsOf, readOnly, writeSidecar } from './facts';
import { backupFileName } from './names';

export function backupBeforeMigration(db: Db, dbPath: string, dir: string, at: Date): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, backupFileName(dbPath, at, 'migration'));
  const temp = partPath(path);
  try {
    db.prepare('VACUUM INTO ?').run(temp);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  try {
    writeSidecar(path, readOnly(path, factsOf), APP_VERSION);
  } catch (error) {
    log.warn(`migration backup facts of ${path} not written: ${String(error)}`);
  }
  pruneBackups(dbPath, at, dir);
  return path;
}
