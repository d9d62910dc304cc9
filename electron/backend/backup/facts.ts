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
  /** The installation that made the file (meta's installation id); null when it has none. */
  installationId: string | null;
}

const sidecarSchema = z.object({
  units: z.number().int().nonnegative().nullable(),
  ratings: z.number().int().nonnegative().nullable(),
  schemaVersion: z.number().int().nonnegative(),
  /** Absent from facts files written before it was recorded: then read from the backup. */
  installationId: z.string().max(100).nullable().optional(),
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

/** The installation id a data file carries, or null (no meta table, or no id in it). */
export function installationOf(db: Database.Database): string | null {
  if (!hasTable(db, 'meta')) return null;
  const id: unknown = db
    .prepare("SELECT value FROM meta WHERE key = 'installation_id'")
    .pluck()
    .get();
  return typeof id === 'string' ? id : null;
}

/**
 * Live (not removed) units and ratings of an open data file, its schema version and the
 * installation that made it.
 */
export function factsOf(db: Database.Database): {
  units: number;
  ratings: number;
  schemaVersion: number;
  installationId: string | null;
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
    installationId: installationOf(db),
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

/** A backup's installation id read from the file; null when it cannot be read. */
function readInstallation(path: string): string | null {
  try {
    return readOnly(path, installationOf);
  } catch {
    return null;
  }
}

/**
 * Whether a file made by installation `made` comes from another installation than `current`
 * (the data file's): null when either is unknown.
 */
export function fromOtherInstallation(
  made: string | null | undefined,
  current: string | null,
): boolean | null {
  return made == null || current === null ? null : made !== current;
}

/**
 * A backup as the list shows it, compared with the data file's installation `current`; null
 * when the file vanished while the folder was read.
 */
export function backupInfo(
  path: string,
  name: BackupName,
  current: string | null,
): BackupInfo | null {
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
    // A facts file older than the installation id: the id is read from the backup itself.
    const made =
      sidecar.installationId !== undefined ? sidecar.installationId : readInstallation(path);
    const otherInstallation = fromOtherInstallation(made, current);
    return { ...base, units, ratings, schemaVersion, appVersion, otherInstallation };
  }
  try {
    const { installationId, ...facts } = readOnly(path, factsOf);
    const otherInstallation = fromOtherInstallation(installationId, current);
    return { ...base, ...facts, appVersion: null, otherInstallation };
  } catch {
    return {
      ...base,
      units: null,
      ratings: null,
      appVersion: null,
      schemaVersion: null,
      otherInstallation: null,
    };
  }
}
