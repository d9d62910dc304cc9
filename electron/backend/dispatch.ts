// The one entry every transport uses (ipc, preview host, CLI, renderer tests):
// look up the method, parse its input with the contract's schema, run it, wrap the result.
// The answer is synchronous for synchronous handlers and a promise for the few that read a
// file first; transports simply `await` it. After a successful write, the entities and ids it
// changed are announced once as `data.changed`.
import type { z } from 'zod';
import { contract, isMethodName } from '../../shared/contract';
import type { Result } from '../../shared/errors';
import { AppError } from '../../shared/errors';
import { withSchemaYear } from '../../shared/domain/years';
import type { BackendContext } from './context';
import { clockYear } from './context';
import { discardChanges, startCollecting, takeChanges } from './changes';
import { assertWritable, storageFailure } from './db/access';
import { BUSY_MESSAGE, isBusyError } from './db/write';
import { handlers } from './handlers';
import { log } from './log';
import { assertSetUp } from './setup';

const SLOW_MS = 50;

/** Writes allowed before setup: they record the operator themselves (the sample: first run). */
const SETS_UP: ReadonlySet<string> = new Set([
  'setup.complete',
  'settings.setOperator',
  'sample.load',
]);

export type Answer = Result<unknown> | Promise<Result<unknown>>;

export function dispatch(ctx: BackendContext, method: unknown, rawInput: unknown): Answer {
  const started = performance.now();
  const done = (value: unknown): Result<unknown> => {
    const changes = takeChanges(ctx.db);
    if (changes) ctx.emit('data.changed', changes);
    const ms = performance.now() - started;
    if (ms > SLOW_MS) log.warn(`slow: ${String(method)} took ${ms.toFixed(1)} ms`);
    return { ok: true, value };
  };
  const refusedBefore = ctx.access.refusal;
  const failed = (error: unknown): Result<unknown> => {
    discardChanges(ctx.db);
    // A full disk, a lock, a damaged page: said by its cause, not as an unexpected error.
    const storage =
      error instanceof AppError || isBusyError(error)
        ? null
        : storageFailure(ctx.db, ctx.dbPath, ctx.access, error);
    // Found damaged just now: the window reads app.info again and shows why writes are refused.
    if (ctx.access.refusal && !refusedBefore) {
      ctx.emit('data.changed', { entities: ['settings'], ids: [] });
    }
    return { ok: false, error: toErrorShape(storage ?? error, String(method)) };
  };
  try {
    if (!isMethodName(method)) {
      throw new AppError('UNKNOWN_METHOD', 'Thao tác không được hỗ trợ.');
    }
    const spec = contract[method];
    // Before the input is read: no write of any shape reaches a damaged or read-only file.
    if (spec.writes) assertWritable(ctx.db, ctx.dbPath, ctx.access);
    // Year fields accept up to next year by this backend's clock (one rule for every method).
    const parsed = withSchemaYear(clockYear(ctx), () => spec.input.safeParse(rawInput ?? {}));
    if (!parsed.success) throw invalidInput(parsed.error);
    if (spec.writes && !SETS_UP.has(method)) assertSetUp(ctx);
    if (spec.writes) startCollecting(ctx.db);
    const handler = handlers[method] as (c: BackendContext, i: unknown) => unknown;
    const value = handler(ctx, parsed.data);
    return value instanceof Promise ? value.then(done, failed) : done(value);
  } catch (error) {
    return failed(error);
  }
}

function invalidInput(error: z.ZodError): AppError {
  const messages = error.issues.map((issue) => issue.message);
  return new AppError('INVALID_INPUT', [...new Set(messages)].join(' '));
}

export function toErrorShape(error: unknown, method: string) {
  if (error instanceof AppError) return error.toJSON();
  if (isBusyError(error)) return { code: 'DATA_BUSY' as const, message: BUSY_MESSAGE };
  log.error(`${method} failed`, error);
  return {
    code: 'INTERNAL' as const,
    message:
      'Đã xảy ra lỗi ngoài dự kiến; dữ liệu không bị thay đổi. Chi tiết đã được ghi vào nhật ký.',
  };
}
