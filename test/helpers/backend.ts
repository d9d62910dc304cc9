// A real backend on a fresh temporary SQLite file, with typed helpers to call the contract.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/contract';
import type { AppErrorShape, ErrorCode, Result } from '../../shared/errors';
import type { BackendContext, Clock, Emit, Origin } from '../../electron/backend/context';
import type { Answer } from '../../electron/backend/dispatch';
import { dispatch } from '../../electron/backend/dispatch';
import type { Db } from '../../electron/backend/db/open';
import { openDatabase } from '../../electron/backend/db/open';
import { openBackend } from '../../electron/backend/index';

/** Letters only Vietnamese text has: a message carrying one is (at least partly) Vietnamese. */
export const VIETNAMESE_LETTER =
  /[ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]/i;

/** The error a failed `call` throws: it carries the contract's error code. */
export class CallError extends Error {
  readonly code: ErrorCode;
  constructor(method: string, error: AppErrorShape) {
    super(`${method} failed with ${error.code}: ${error.message}`);
    this.code = error.code;
  }
}

const tempDirs: string[] = [];
const openBackends: TestBackend[] = [];

/** A new empty folder in the OS temp dir, removed by `cleanupTemp`. */
export function makeTempDir(prefix = 'tccsd-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

/** A path for a database file that does not exist yet, in a fresh temp folder. */
export function tempDbPath(fileName = 'tccsd.sqlite3'): string {
  return join(makeTempDir(), fileName);
}

/**
 * The file at `path` opened and migrated up to `version` (the steps after its own user_version
 * only), with its backup in a temporary folder; throws unless it is then at `version`.
 */
export function migratedTo(path: string, version: number): Db {
  const { db } = openDatabase(path, { migrateTo: version, backupDir: tempDbPath('backups') });
  const reached = db.pragma('user_version', { simple: true });
  if (reached !== version) {
    db.close();
    throw new Error(`migrated to ${String(reached)}, not ${version}`);
  }
  return db;
}

export interface TestBackend {
  ctx: BackendContext & { backupPath: string | null };
  dbPath: string;
  /** Calls a method through the real dispatcher; throws `CallError` on `ok: false`. */
  call<M extends MethodName>(method: M, input: MethodInput<M>): MethodOutput<M>;
  /** Calls a method through the real dispatcher and returns its Result, whatever the input. */
  attempt<M extends MethodName>(method: M, input: unknown): Result<MethodOutput<M>>;
  /** Like `attempt`, for method names outside the contract. */
  raw(method: unknown, input: unknown): Result<unknown>;
  /** `call` for the methods that answer with a promise (file imports). */
  callAsync<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  /** `attempt` for the methods that answer with a promise, whatever the input. */
  attemptAsync<M extends MethodName>(method: M, input: unknown): Promise<Result<MethodOutput<M>>>;
  /** Every row of every data table, in a stable order, as JSON: compare before and after. */
  snapshot(): string;
  close(): void;
}

export interface BackendSetup {
  /** Operator name set through `settings.setOperator`; null leaves the backend un-set-up. */
  operator?: string | null;
  origin?: Origin;
  dbPath?: string;
  clock?: Clock;
  emit?: Emit;
}

export const DEFAULT_OPERATOR = 'Nguyễn Thị Hương';

/** A synchronous answer; the async methods must go through `callAsync` / `attemptAsync`. */
function now(method: unknown, answer: Answer): Result<unknown> {
  if (answer instanceof Promise) {
    throw new Error(`${String(method)} answers asynchronously: use callAsync / attemptAsync`);
  }
  return answer;
}

/** Opens the backend on a fresh temporary file (or `dbPath`) and sets an operator. */
export function makeBackend(setup: BackendSetup = {}): TestBackend {
  const dbPath = setup.dbPath ?? tempDbPath();
  const ctx = openBackend({
    dbPath,
    origin: setup.origin ?? 'app',
    fallbackOperator: 'Người kiểm thử',
    clock: setup.clock,
    emit: setup.emit,
    outputDir: join(makeTempDir('tccsd-out-'), 'out'),
  });
  let closed = false;
  const backend: TestBackend = {
    ctx,
    dbPath,
    call(method, input) {
      const result = now(method, dispatch(ctx, method, input));
      if (!result.ok) throw new CallError(method, result.error);
      return result.value as never;
    },
    attempt(method, input) {
      return now(method, dispatch(ctx, method, input)) as never;
    },
    raw(method, input) {
      return now(method, dispatch(ctx, method, input));
    },
    async callAsync(method, input) {
      const result = await dispatch(ctx, method, input);
      if (!result.ok) throw new CallError(method, result.error);
      return result.value as never;
    },
    async attemptAsync(method, input) {
      return (await dispatch(ctx, method, input)) as never;
    },
    snapshot() {
      return snapshotDb(ctx.db);
    },
    close() {
      if (closed) return;
      closed = true;
      ctx.db.close();
    },
  };
  openBackends.push(backend);
  const operator = setup.operator === undefined ? DEFAULT_OPERATOR : setup.operator;
  if (operator !== null) backend.call('settings.setOperator', { operatorName: operator });
  return backend;
}

/**
 * Every row of every table (the full-text index's shadow tables included, so a failed write
 * cannot leave stray index entries unnoticed), ordered by all columns, plus user_version. The
 * register's token (migration 24) is left out: a random value that tells kept answers apart, not
 * data (a write undone gets a new one).
 */
export function snapshotDb(db: BackendContext['db']): string {
  const data: Record<string, unknown> = {
    user_version: db.pragma('user_version', { simple: true }),
  };
  const tables = db
    .prepare(
      `SELECT name FROM pragma_table_list
       WHERE schema = 'main' AND type IN ('table', 'shadow') AND name NOT LIKE 'sqlite_%'
         AND name <> 'register_epoch'
       ORDER BY name`,
    )
    .pluck()
    .all() as string[];
  for (const table of tables) {
    const columns = db.prepare('SELECT count(*) FROM pragma_table_info(?)').pluck().get(table);
    const order = Array.from({ length: columns as number }, (_, i) => i + 1).join(', ');
    // The rating tallies' rows fallen to 0 are kept by the triggers (migration 12) and dropped
    // by a bulk recount: the same figures, so a write undone compares equal either way.
    const live = table === 'rating_tallies' || table === 'version_spans' ? 'WHERE n <> 0' : '';
    data[table] = db.prepare(`SELECT * FROM "${table}" ${live} ORDER BY ${order}`).all();
  }
  return JSON.stringify(data);
}

/** Throws when the full-text index disagrees with the unit_versions rows it indexes. */
export function checkSearchIndex(db: BackendContext['db']): void {
  db.prepare("INSERT INTO unit_search(unit_search, rank) VALUES ('integrity-check', 1)").run();
}

/** Closes every backend and removes every temp folder made so far (use in afterEach). */
export function cleanupTemp(): void {
  for (const backend of openBackends.splice(0)) backend.close();
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Asserts a Result failed and returns its error, for expectations on code and message. */
export function errorOf(result: Result<unknown>): AppErrorShape {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result.value)}`);
  return result.error;
}

type CreateInput = MethodInput<'units.create'>;

/** Creates a unit through the contract; a base cell in a commune unless told otherwise. */
export function addUnit(
  backend: TestBackend,
  name: string,
  fromYear: number,
  extra: Partial<CreateInput> = {},
): MethodOutput<'units.create'> {
  return backend.call('units.create', { name, fromYear, kind: 'base_cell', ...extra });
}

/** Names of the units listed in `year` (sorted as the backend sorts them). */
export function namesIn(backend: TestBackend, year: number, filter: object = {}): string[] {
  return backend.call('units.list', { year, ...filter }).rows.map((r) => r.name);
}
