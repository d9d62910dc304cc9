// What every handler gets: the connection, who acts, where the data lives, what time it is,
// and where to report progress and changes.
import type { AppEvents, AuditChannel, EventName } from '../../shared/contract';
import type { DataAccess } from './db/access';
import type { Db } from './db/open';
import type { FileRegistry } from './files';
import { isoDay } from '../../shared/domain/watchlists';

/** Where a change came from, written into the audit log. */
export type Origin = 'app' | 'cli' | `import:${string}`;

export interface Actor {
  operator: string;
  installationId: string;
  origin: Origin;
  /** How the write came: the desktop app, the preview in a browser, the CLI. */
  channel: AuditChannel;
  /** The imported file's SHA-256, on every row an import writes. */
  fileSha256?: string;
  /** When the action happened (ISO), read once from the clock: every row of one action agrees. */
  at: string;
}

/** The backend's only source of "now": tests set it, rules never call `new Date()` themselves. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A fixed clock (tests): always the given instant. */
export function fixedClock(iso: string): Clock {
  const at = new Date(iso);
  return { now: () => new Date(at) };
}

export type Emit = <E extends EventName>(event: E, payload: AppEvents[E]) => void;

export interface BackendContext {
  db: Db;
  dbPath: string;
  dataDir: string;
  appVersion: string;
  origin: Origin;
  channel: AuditChannel;
  /** Operator name when no one has been set up yet (CLI: the OS user). */
  fallbackOperator: string;
  /**
   * Who acts, whatever the data file's operator setting (the CLI: TCCSD_OPERATOR, else the OS
   * user; a file's operator is whoever set up the app, not whoever runs a command on it).
   */
  actorOperator: string | null;
  clock: Clock;
  /** Pushes an event to whoever hosts the backend (window, preview page, CLI, test). */
  emit: Emit;
  /** Files handed to the backend by handle (uploads, dialog picks) and files it writes. */
  files: FileRegistry;
  /** Whether writes may reach the data file (db/access.ts): a damaged file is read-only. */
  access: DataAccess;
}

/** The calendar year of the backend's clock. */
export function clockYear(ctx: Pick<BackendContext, 'clock'>): number {
  return ctx.clock.now().getFullYear();
}

/** Today by the backend's clock, as ISO yyyy-mm-dd in the machine's time zone (deadlines). */
export function clockDay(ctx: Pick<BackendContext, 'clock'>): string {
  return isoDay(ctx.clock.now());
}
