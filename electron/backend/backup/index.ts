// Backups of the data file: when they are made (before what), listing, restoring.
// handlers.ts wraps every handler with `withBackups`, which asks `backupBefore` first; the
// backups.* handlers call the rest.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../../shared/errors';
import type {
  BackupCheck,
  BackupKind,
  BackupList,
  RestoreResult,
} from '../../../shared/methods/backups';
import { startCollecting } from '../changes';
import type { BackendContext } from '../context';
import type { Db } from '../db/open';
import { backupFolderMissing } from '../db/storage-errors';
import { log } from '../log';
import { getMeta } from '../meta';
import { createBackup, ownBackups } from './create';
import { backupInfo } from './facts';
import { backupDir, localDay, parseBackupName } from './names';
import { checkBackup, restoreFrom } from './restore';

export { createBackup } from './create';

/** Methods that replace or add much data at once: a backup is made first, every time. */
const BACKUP_BEFORE: Readonly<Record<string, BackupKind>> = {
  'ratings.importApply': 'import',
  'exchange.apply': 'exchange',
  'sample.load': 'sample',
};

/** Methods that make their own backup (or none): no daily backup before them. */
const OWN_BACKUP = new Set(['backups.create', 'backups.restore']);

/**
 * Backends that back up on their own (the app's worker, the CLI): tests and the bench open the
 * backend without it, so their timings and folders are theirs alone.
 */
const automatic = new WeakSet<BackendContext>();

export function enableAutoBackup(ctx: BackendContext): void {
  automatic.add(ctx);
}

/** The day whose daily backup exists (or was tried), per connection: one folder read a day. */
const dailyDone = new WeakMap<Db, string>();

/**
 * Whether the data file holds no unit and no rating, not even a removed one: a file just made
 * (its setup is the day's first write). Its backup would be an empty entry in the list, so none
 * is made until something is written into it ("Sao lưu ngay" and `tccsd backup` still copy it).
 */
function holdsNothing(ctx: BackendContext): boolean {
  return (
    ctx.db
      .prepare('SELECT NOT EXISTS (SELECT 1 FROM units) AND NOT EXISTS (SELECT 1 FROM ratings)')
      .pluck()
      .get() === 1
  );
}

function dailyDue(ctx: BackendContext): boolean {
  const today = localDay(ctx.clock.now());
  if (dailyDone.get(ctx.db) === today) return false;
  // Not marked as done: the day's first write that leaves something in the file is backed up.
  if (holdsNothing(ctx)) return false;
  dailyDone.set(ctx.db, today);
  return !ownBackups(ctx.dbPath).some((b) => b.day === today);
}

/**
 * The backup to make before `method` runs, or null. Before an import, exchange apply or sample
 * load a failed backup refuses the method (nothing has been written); the day's first write
 * goes on without it when the daily backup fails (logged), as refusing every write for a day
 * would stop the user's work for a copy they did not ask for.
 */
export function backupBefore(
  ctx: BackendContext,
  method: string,
  writes: boolean,
): Promise<void> | null {
  if (!automatic.has(ctx) || OWN_BACKUP.has(method)) return null;
  const kind = BACKUP_BEFORE[method];
  if (kind) {
    dailyDone.set(ctx.db, localDay(ctx.clock.now()));
    return createBackup(ctx, kind).then(
      () => undefined,
      (error: unknown) => {
        throw error instanceof AppError
          ? new AppError(
              error.code,
              `Chưa thực hiện vì không sao lưu được dữ liệu trước (dữ liệu không bị thay đổi). ${error.message}`,
            )
          : error;
      },
    );
  }
  if (!writes || !dailyDue(ctx)) return null;
  return createBackup(ctx, 'daily').then(
    () => undefined,
    (error: unknown) => log.warn(`daily backup failed: ${String(error)}`),
  );
}

type Handler = (ctx: BackendContext, input: never) => unknown;

/**
 * Each handler of `table` preceded by the backup `backupBefore` asks for; a handler then answers
 * with a promise (the dispatcher awaits it) only on the day's first write and before imports.
 */
export function withBackups<T extends Record<string, Handler>>(
  table: T,
  writes: (method: string) => boolean,
): T {
  const wrapped: Record<string, Handler> = {};
  for (const [method, handler] of Object.entries(table)) {
    wrapped[method] = (ctx, input) => {
      const before = backupBefore(ctx, method, writes(method));
      if (!before) return handler(ctx, input);
      return before.then(() => {
        // Another request may have run and taken this connection's collected changes while
        // the backup was copied: collect again, so this write is still announced.
        startCollecting(ctx.db);
        return handler(ctx, input);
      });
    };
  }
  return wrapped as T;
}

export function listBackups(ctx: BackendContext): BackupList {
  const folder = backupDir(ctx.dbPath);
  const current = getMeta(ctx.db, 'installation_id');
  const backups = ownBackups(ctx.dbPath)
    .sort((a, b) => b.stamp.localeCompare(a.stamp))
    .flatMap((name) => backupInfo(join(folder, name.name), name, current) ?? []);
  return { folder, backups };
}

/** A backup of the list (`name`) or a file the user chose (`file`, a handle). */
export type ChosenBackup = { name: string } | { file: string };

/** The path of the chosen backup and the name the user knows it by. */
function located(ctx: BackendContext, chosen: ChosenBackup): { path: string; name: string } {
  if ('file' in chosen) {
    return { path: ctx.files.pathOf(chosen.file), name: ctx.files.refOf(chosen.file).name };
  }
  const { name } = chosen;
  if (!parseBackupName(ctx.dbPath, name)) {
    throw new AppError(
      'NOT_FOUND',
      `Không có bản sao lưu "${name}" trong thư mục sao lưu. Hãy chọn lại trong danh sách.`,
    );
  }
  const folder = backupDir(ctx.dbPath);
  if (!existsSync(folder)) throw backupFolderMissing(folder);
  return { path: join(folder, name), name };
}

/** Checks a backup before the restore's confirmation: whole, ours, which installation's. */
export function checkChosen(ctx: BackendContext, chosen: ChosenBackup): BackupCheck {
  const { path, name } = located(ctx, chosen);
  return checkBackup(ctx, path, name);
}

/**
 * Restores a backup of the list or a chosen file (a dialog pick, an upload, the CLI's
 * argument); one of another installation only with `fromOtherInstallation`.
 */
export function restoreChosen(
  ctx: BackendContext,
  chosen: ChosenBackup & { fromOtherInstallation?: boolean | undefined },
): Promise<RestoreResult> {
  const { path, name } = located(ctx, chosen);
  return restoreFrom(ctx, path, name, chosen.fromOtherInstallation === true);
}
