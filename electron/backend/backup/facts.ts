// What a backup holds (units, ratings, schema version), read from the backup file itself, opened
// read-only: the file is the truth, whatever the data file became since. It is read once, when
// the backup is made, and kept in a small JSON file beside it with the app's version (which the
// data file does not record), so listing twenty national-size backups opens none of them; a
// backup without its facts file (copied in by hand) is read when listed, its app version unknown.
import Database from 'better-sqlite3';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import type { BackupInfo } from '../../../shared/methods/backups';
import type { BackupName } from './names';
import { SIDECAR_SUFFIX } from './names';

export interface DataFacts {
  /** Null when the copy could not be counted (a backup of a damaged file, kept as it is). */
  units: number | null;
  ratings: number | null;
  schemaVersion: number;
}

const sidecarSchema = z.object({
  units: z.number().int().nonnegative().nullable(),
  ratings: z.number().int().nonnegative().nullable(),
  schemaVersion: z.number().int().nonnegative(),
  appVersion: z.string().max(100),
  /** The backup's size when its facts were read: another file put under its name differs. */
  size: z.number().int().nonnegative(),
});
type Sidecar = z.infer<typeof sidecarSchema>;

function hasTable(db: Database.Database, name: string): boolean {
  return (
    db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(name) !==
    undefined
  );
}

/** Live (not removed) units and ratings of an open data file, and its schema version. */
export function factsOf(db: Database.Database): {
  units: number;
  ratings: number;
  schemaVersion: number;
} {
  const count = (table: string) =>
    hasTable(db, table)
      ? (db
          .prepare(`SELECT count(*) FROM ${table} WHERE deleted_at IS NULL`)
          .pluck()
          .get() as number)
      : 0;
  return {
    units: count('units'),
    ratings: count('ratings'),
    schemaVersion: db.pragma('user_version', { simple: true }) as number,
  };
}

/** Opens a file read-only for as long as `read` runs. */
export function readOnly<T>(path: string, read: (db: Database.Database) => T): T {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

export function writeSidecar(backupPath: string, facts: DataFacts, appVersion: string): void {
  const sidecar: Sidecar = { ...facts, appVersion, size: statSync(backupPath).size };
  writeFileSync(`${backupPath}${SIDECAR_SUFFIX}`, `${JSON.stringify(sidecar, null, 2)}\n`);
}

function readSidecar(backupPath: string): Sidecar | null {
  try {
    const parsed = sidecarSchema.safeParse(
      JSON.parse(readFileSync(`${backupPath}${SIDECAR_SUFFIX}`, 'utf8')),
    );
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** A backup as the list shows it; null when the file vanished while the folder was read. */
export function backupInfo(path: string, name: BackupName): BackupInfo | null {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    return null;
  }
  const base = { name: name.name, kind: name.kind, createdAt: name.stamp, size };
  const sidecar = readSidecar(path);
  if (sidecar && sidecar.size === size) {
    const { units, ratings, schemaVersion, appVersion } = sidecar;
    return { ...base, units, ratings, schemaVersion, appVersion };
  }
  try {
    return { ...base, ...readOnly(path, factsOf), appVersion: null };
  } catch {
    return { ...base, units: null, ratings: null, appVersion: null, schemaVersion: null };
  }
}
