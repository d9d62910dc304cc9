// Backups of the data file (Cài đặt → Sao lưu và khôi phục, `tccsd backup`, `tccsd restore`).
import { z } from 'zod';
import { fileHandle } from '../files';
import { method } from './define';

/**
 * Why a backup was made: daily (the first write of a day), manual ("Sao lưu ngay", `tccsd
 * backup`), before a ratings import, an exchange apply, the sample load, a migration, or a restore.
 */
export const BACKUP_KINDS = [
  'daily',
  'manual',
  'import',
  'exchange',
  'sample',
  'migration',
  'restore',
] as const;
export type BackupKind = (typeof BACKUP_KINDS)[number];

/** One backup in `backups/` beside the data file, with the facts read from the backup itself. */
export interface BackupInfo {
  /** The file's name in the backups folder: what `backups.restore` takes. */
  name: string;
  kind: BackupKind;
  /** When it was made, local time of the PC: `yyyy-mm-ddThh:mm:ss.mmm`. */
  createdAt: string;
  size: number;
  /** Null when the file could not be read (then it cannot be restored either). */
  units: number | null;
  ratings: number | null;
  /** The app that made it; null for a backup whose facts file is missing. */
  appVersion: string | null;
  schemaVersion: number | null;
  /**
   * Made by another installation than the data file's (another PC's data, or this PC's before
   * it took another's): restoring it takes that installation's id. Null when unknown.
   */
  otherInstallation: boolean | null;
}

/** A backup checked before the restore's confirmation (`backups.check`). */
export interface BackupCheck {
  /** The backup's name in the list, or the chosen file's name. */
  name: string;
  units: number;
  ratings: number;
  schemaVersion: number;
  /** Its installation id differs from the data file's: the confirmation says what that means. */
  otherInstallation: boolean;
}

export interface BackupList {
  folder: string;
  backups: BackupInfo[];
}

export interface RestoreResult {
  /** What was restored (a backup's name or the chosen file's name). */
  restored: string;
  /** The backup of the data as it was just before the restore. */
  before: BackupInfo;
  units: number;
  ratings: number;
}

/** A name from the list: only the file's own name, never a path (no folder separators). */
const backupName = z
  .string({ error: 'Hãy chọn một bản sao lưu.' })
  .min(1, { error: 'Hãy chọn một bản sao lưu.' })
  .max(255)
  .regex(/^[^/\\]+$/, { error: 'Tên bản sao lưu không hợp lệ.' });

/**
 * A backup of the list or a chosen file; `fromOtherInstallation`: the user was told the backup
 * comes from another installation and restores it anyway (without it such a restore is refused).
 */
const chosenBackup = z.union(
  [
    z.strictObject({ name: backupName, fromOtherInstallation: z.boolean().optional() }),
    z.strictObject({ file: fileHandle, fromOtherInstallation: z.boolean().optional() }),
  ],
  { error: 'Hãy chọn một bản sao lưu hoặc một tệp sao lưu.' },
);

const RESTORE_REFUSALS = [
  'INVALID_INPUT',
  'NOT_FOUND',
  'FILE_NOT_FOUND',
  'BAD_FILE',
  'NOT_A_DATABASE',
  'NEWER_DATABASE',
  'BACKUP_FOLDER_MISSING',
] as const;

export const backupMethods = {
  /** The backups in `backups/` beside the data file, newest first. */
  'backups.list': method<BackupList>()(z.strictObject({}), [], false),
  /** Backs up the data file now ("Sao lưu ngay"), then prunes old backups. */
  'backups.create': method<BackupInfo>()(
    z.strictObject({}),
    ['WRITE_FAILED', 'DATA_DAMAGED'],
    false,
  ),
  /**
   * Checks a backup of the list or a chosen file as the restore will (whole, ours, not newer)
   * and says whether it comes from another installation, before the confirmation is shown.
   */
  'backups.check': method<BackupCheck>()(
    z.union([z.strictObject({ name: backupName }), z.strictObject({ file: fileHandle })], {
      error: 'Hãy chọn một bản sao lưu hoặc một tệp sao lưu.',
    }),
    [...RESTORE_REFUSALS],
    false,
  ),
  /**
   * Replaces the data with a backup of the list (`name`) or a file the user chose (`file`),
   * after checking it and backing up the current data; nothing changes when anything fails.
   * Not marked as a write: it is the way out for a file that refuses writes (damaged) or is not
   * set up yet, and it announces its own `data.changed` (every entity) when it is done.
   */
  'backups.restore': method<RestoreResult>()(
    chosenBackup,
    [...RESTORE_REFUSALS, 'WRITE_FAILED', 'OTHER_INSTALLATION', 'DATA_READ_ONLY', 'DISK_FULL'],
    false,
  ),
};
