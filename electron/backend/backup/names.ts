// Backup file names: `<data file stem>.<yyyy-mm-dd_hhmmss-mmm>.<kind>.sqlite3` in `backups/`
// beside the data file. The name carries when (the backend clock's local time) and why, so the
// list, the "first write of the day" test and the retention read them without opening a file;
// and only names of exactly this shape are ever pruned: other files in the folder are not ours.
import { basename, dirname, extname, join } from 'node:path';
import type { BackupKind } from '../../../shared/methods/backups';
import { BACKUP_KINDS } from '../../../shared/methods/backups';

export const BACKUP_FOLDER = 'backups';
const EXTENSION = '.sqlite3';
/** The facts of a backup, written beside it when it is made (see facts.ts). */
export const SIDECAR_SUFFIX = '.json';

export interface BackupName {
  name: string;
  kind: BackupKind;
  /** Local time from the name, `yyyy-mm-ddThh:mm:ss.mmm` (no zone: the PC's own clock). */
  stamp: string;
  /** `yyyy-mm-dd`, the local day. */
  day: string;
  /** `yyyy-mm`, the local month. */
  month: string;
}

export function backupDir(dbPath: string): string {
  return join(dirname(dbPath), BACKUP_FOLDER);
}

function stemOf(dbPath: string): string {
  const file = basename(dbPath);
  const ext = extname(file);
  return ext ? file.slice(0, -ext.length) : file;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export function backupFileName(dbPath: string, at: Date, kind: BackupKind): string {
  const date = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
  const time = `${pad(at.getHours())}${pad(at.getMinutes())}${pad(at.getSeconds())}`;
  return `${stemOf(dbPath)}.${date}_${time}-${pad(at.getMilliseconds(), 3)}.${kind}${EXTENSION}`;
}

/** `yyyy-mm-dd` of a date in local time, as backup names carry it. */
export function localDay(at: Date): string {
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Reads a file name as one of this data file's backups; null for anything else. */
export function parseBackupName(dbPath: string, name: string): BackupName | null {
  const pattern = new RegExp(
    `^${escapeRegExp(stemOf(dbPath))}\\.(\\d{4})-(\\d{2})-(\\d{2})_(\\d{2})(\\d{2})(\\d{2})-(\\d{3})` +
      `\\.(${BACKUP_KINDS.join('|')})${escapeRegExp(EXTENSION)}$`,
  );
  const m = pattern.exec(name);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, ms, kind] = m;
  return {
    name,
    kind: kind as BackupKind,
    stamp: `${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}`,
    day: `${y}-${mo}-${d}`,
    month: `${y}-${mo}`,
  };
}
