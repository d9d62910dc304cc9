// Opens the backend on one data file: the one call the worker, the CLI and tests make.
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { AuditChannel } from '../../shared/contract';
import type { BackendContext, Clock, Emit, Origin } from './context';
import { systemClock } from './context';
import { openDatabase } from './db/open';
import { createFileRegistry } from './files';
import { installationId } from './meta';
import { APP_VERSION } from './version';

export interface BackendOptions {
  dbPath: string;
  origin: Origin;
  /** Default: 'cli' for the CLI's origin, else 'app'. */
  channel?: AuditChannel;
  fallbackOperator?: string;
  /** Who acts whatever the file's operator setting (the CLI); default none. */
  actorOperator?: string;
  clock?: Clock;
  /** Where events go; default: nowhere (the CLI needs none). */
  emit?: Emit;
  /** Where files the backend writes wait to be saved; default a folder in the OS temp dir. */
  outputDir?: string;
  busyTimeoutMs?: number;
}

export function openBackend(
  options: BackendOptions,
): BackendContext & { backupPath: string | null } {
  const { db, backupPath, access } = openDatabase(options.dbPath, {
    busyTimeoutMs: options.busyTimeoutMs,
  });
  installationId(db);
  return {
    db,
    dbPath: options.dbPath,
    dataDir: dirname(options.dbPath),
    appVersion: APP_VERSION,
    origin: options.origin,
    channel: options.channel ?? (options.origin === 'cli' ? 'cli' : 'app'),
    actorOperator: options.actorOperator ?? null,
    fallbackOperator: options.fallbackOperator ?? 'Không rõ',
    clock: options.clock ?? systemClock,
    emit: options.emit ?? (() => undefined),
    files: createFileRegistry(options.outputDir ?? join(tmpdir(), `tccsd-out-${process.pid}`)),
    access,
    backupPath,
  };
}
