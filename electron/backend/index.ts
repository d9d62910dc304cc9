// Opens the backend on one data file: the one call main, the CLI, the preview host and tests make.
import { dirname } from 'node:path';
import type { BackendContext, Origin } from './context';
import { openDatabase } from './db/open';
import { installationId } from './meta';
import { APP_VERSION } from './version';

export interface BackendOptions {
  dbPath: string;
  origin: Origin;
  fallbackOperator?: string;
}

export function openBackend(
  options: BackendOptions,
): BackendContext & { backupPath: string | null } {
  const { db, backupPath } = openDatabase(options.dbPath);
  installationId(db);
  return {
    db,
    dbPath: options.dbPath,
    dataDir: dirname(options.dbPath),
    appVersion: APP_VERSION,
    origin: options.origin,
    fallbackOperator: options.fallbackOperator ?? 'Không rõ',
    backupPath,
  };
}
