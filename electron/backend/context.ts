// What every handler gets: the connection, who acts, and where the data lives.
import type { Db } from './db/open';

/** Where a change came from, written into the audit log. */
export type Origin = 'app' | 'cli' | `import:${string}`;

export interface Actor {
  operator: string;
  installationId: string;
  origin: Origin;
}

export interface BackendContext {
  db: Db;
  dbPath: string;
  dataDir: string;
  appVersion: string;
  origin: Origin;
  /** Operator name when no one has been set up yet (CLI: the OS user). */
  fallbackOperator: string;
}

export function nowIso(): string {
  return new Date().toISOString();
}
