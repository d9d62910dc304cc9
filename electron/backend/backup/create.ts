// Making a backup: SQLite's online backup API (better-sqlite3's `db.backup`) copies a consistent
// snapshot of the open connection, pages a step at a time so reads go on meanwhile — never a copy
// of the file and its WAL, which can be caught half-written. The copy is written under a
// temporary name, turned into one self-contained file (rollback journal, no WAL), its facts
// read, then renamed; old backups are pruned after each new one.
import Database from 'better-sqlite3';
import { mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { BackupInfo, BackupKind } from '../../../shared/methods/backups';
import { AppError } from '../../../shared/errors';
import type { BackendContext, Emit } from '../context';
import { checkOnce } from '../db/access';
import type { Db } from '../db/open';
import { partPath } from '../files';
import { log } from '../log';
import { getMeta } from '../meta';
import { phaseProgress } from '../progress';
import { systemReason, writeFailed } from '../write-failure';
import type { DataFacts } from './facts';
import { backupInfo, factsOf, writeSidecar } from './facts';
import type { BackupName } from './names';
import { SIDECAR_SUFFIX, backupDir, backupFileName, parseBackupName } from './names';
import { backupsToPrune } from './retention';

/** Pages copied per step (4 MB at 4 KB pages): other requests run between steps. */
const STEP_PAGES = 1024;

export const BACKUP_JOB = 'backup';

function reason(error: unknown, path: string): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'SQLITE_FULL') return 'ổ đĩa đã đầy';
  if (typeof code === 'string' && /^SQLITE_(CANTOPEN|READONLY|PERM|AUTH)/.test(code)) {
    return 'không có quyền ghi vào thư mục sao lưu';
  }
  if (error instanceof TypeError && /directory does not exist/.test(error.message)) {
    return 'thư mục sao lưu không tồn tại';
  }
  return systemReason(error, path);
}

/** The copy's facts; a damaged data file is still backed up (before a restore), uncounted. */
function countedOrNot(copy: Database.Database): DataFacts {
  try {
    return factsOf(copy);
  } catch (error) {
    log.warn(`backup: the copy could not be counted: ${String(error)}`);
    return {
      units: null,
      ratings: null,
      schemaVersion: copy.pragma('user_version', { simple: true }) as number,
      installationId: null,
    };
  }
}

/**
 * Copies `db` into `finalPath` (complete or not at all) and returns what the copy holds, read
 * from the copy itself. Progress goes out as `progress` events of the `backup` job.
 */
export async function backupTo(db: Db, finalPath: string, emit: Emit): Promise<DataFacts> {
  const temp = partPath(finalPath);
  try {
    const bar: { report?: (done: number) => void } = {};
    const { totalPages } = await db.backup(temp, {
      progress: ({ totalPages: total, remainingPages }) => {
        bar.report ??= phaseProgress(emit, BACKUP_JOB, 'backup', total);
        bar.report(total - remainingPages);
        return STEP_PAGES;
      },
    });
    // A copy of no page is no copy (better-sqlite3's reading of a first step refused as busy).
    if (totalPages === 0) throw new Error('backup copied no page');
    // The last step calls no progress callback: the bar still ends at 100%.
    bar.report?.(totalPages);
    const copy = new Database(temp);
    let facts: DataFacts;
    try {
      // The source's WAL mode is carried in the copied header: make the copy one plain file.
      copy.pragma('journal_mode = DELETE');
      facts = countedOrNot(copy);
    } finally {
      copy.close();
    }
    renameSync(temp, finalPath);
    return facts;
  } catch (error) {
    rmSync(temp, { force: true });
    rmSync(`${temp}-journal`, { force: true });
    throw writeFailed(finalPath, reason(error, finalPath));
  }
}

/** Our backups in the folder beside the data file (other files there are left alone). */
export function ownBackups(dbPath: string, dir = backupDir(dbPath)): BackupName[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.flatMap((name) => parseBackupName(dbPath, name) ?? []);
}

/** Deletes the backups the retention rule no longer keeps (and their facts files). */
export function pruneBackups(dbPath: string, now: Date, dir = backupDir(dbPath)): string[] {
  const gone = backupsToPrune(ownBackups(dbPath, dir), now);
  for (const backup of gone) {
    try {
      rmSync(join(dir, backup.name), { force: true });
      rmSync(join(dir, `${backup.name}${SIDECAR_SUFFIX}`), { force: true });
    } catch (error) {
      log.warn(`backup prune: ${backup.name} not removed: ${String(error)}`);
    }
  }
  return gone.map((b) => b.name);
}

/**
 * A damaged data file is not copied into `backups/` on request: its copy is damaged too, and
 * being the newest it would push good backups out of the kept set (a nightly `tccsd backup`
 * would leave none of this month's after ten nights).
 */
function damagedNotBackedUp(refusal: AppError): AppError {
  return new AppError(
    'DATA_DAMAGED',
    'Không sao lưu: bản sao của tệp hỏng cũng hỏng, và sẽ thế chỗ các bản sao lưu tốt được giữ ' +
      `lại trong thư mục backups. ${refusal.message}`,
  );
}

/**
 * Backs up the open data file into `backups/` as `kind`, then prunes. A damaged file is checked
 * first (once per connection, as the first write does): backed up only before a restore (the
 * data it replaces, kept for a technician), and then nothing is pruned.
 */
export async function createBackup(ctx: BackendContext, kind: BackupKind): Promise<BackupInfo> {
  checkOnce(ctx.db, ctx.dbPath, ctx.access);
  const damaged = ctx.access.refusal?.code === 'DATA_DAMAGED' ? ctx.access.refusal : null;
  if (damaged && kind !== 'restore') throw damagedNotBackedUp(damaged);
  const dir = backupDir(ctx.dbPath);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw writeFailed(dir, reason(error, join(dir, 'x')));
  }
  // Two backups in one millisecond (a fixed clock in tests, a restore's own backup right after
  // another) get distinct times, so the list's newest-first order is never a tie.
  const taken = new Set(ownBackups(ctx.dbPath).map((b) => b.stamp));
  let at = ctx.clock.now();
  let name = backupFileName(ctx.dbPath, at, kind);
  while (taken.has(parseBackupName(ctx.dbPath, name)?.stamp ?? '')) {
    at = new Date(at.getTime() + 1);
    name = backupFileName(ctx.dbPath, at, kind);
  }
  const path = join(dir, name);
  const facts = await backupTo(ctx.db, path, ctx.emit);
  try {
    writeSidecar(path, facts, ctx.appVersion);
  } catch (error) {
    // The backup is whole without its facts file: the list reads the facts from the file.
    log.warn(`backup facts of ${name} not written: ${String(error)}`);
  }
  if (!damaged) pruneBackups(ctx.dbPath, ctx.clock.now());
  const parsed = parseBackupName(ctx.dbPath, name);
  const info = parsed ? backupInfo(path, parsed, getMeta(ctx.db, 'installation_id')) : null;
  if (!info) throw writeFailed(path, 'tệp sao lưu vừa ghi đã biến mất');
  return info;
}
