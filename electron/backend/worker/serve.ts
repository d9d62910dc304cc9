// The worker side: opens the backend on the data file and answers the host's messages through
// the same `dispatch` every transport uses. Runs inside a worker thread (see entry.ts), so no
// query, import or report ever blocks the thread that draws the window or routes requests.
import type { MessagePort } from 'node:worker_threads';
import { AppError } from '../../../shared/errors';
import type { Result } from '../../../shared/errors';
import type { BackendContext } from '../context';
import { checkOnce } from '../db/access';
import { checkpointOwed, payOwedCheckpoint } from '../db/bulk';
import { dispatch, toErrorShape } from '../dispatch';
import { enableAutoBackup } from '../backup/index';
import { openBackend } from '../index';
import { log } from '../log';
import type { HostMessage, WorkerConfig, WorkerMessage } from './protocol';

type Port = Pick<MessagePort, 'postMessage' | 'on'>;

export interface ServeHooks {
  /** Called before each contract call (tests use it to make a request slow or crash). */
  beforeDispatch?: (method: unknown) => void;
  /** How long the worker waits with nothing to do before it checks the file (default 1 s). */
  idleCheckMs?: number;
}

/**
 * The file's quick_check (db/access.ts) runs once the worker has had nothing to do for this
 * long after opening: not before the first screen's reads (it would double the time to Tổng
 * quan), and usually long before the user's first write, which would otherwise wait for it.
 * A bulk write's owed checkpoint (db/bulk.ts) runs likewise once the worker is idle after it:
 * after the screens' reads that follow an import.
 */
const IDLE_CHECK_MS = 1000;

const REFUSAL_EVENT: WorkerMessage = {
  type: 'event',
  event: 'data.changed',
  payload: { entities: ['settings'], ids: [] },
};

export function serveBackend(port: Port, config: WorkerConfig, hooks: ServeHooks = {}): void {
  const post = (message: WorkerMessage) => port.postMessage(message);
  let ctx: BackendContext;
  try {
    ctx = openBackend({
      ...config,
      emit: (event, payload) => post({ type: 'event', event, payload }),
    });
  } catch (error) {
    post({ type: 'open-failed', error: toErrorShape(error, 'open') });
    return;
  }
  // The app's backend backs up on the day's first write and before every import.
  enableAutoBackup(ctx);
  const idleMs = hooks.idleCheckMs ?? IDLE_CHECK_MS;
  let idle: NodeJS.Timeout | undefined;
  let running = 0;
  const checkWhenIdle = () => {
    clearTimeout(idle);
    if ((ctx.access.checked && !checkpointOwed(ctx.db)) || running > 0) return;
    idle = setTimeout(() => {
      if (!ctx.access.checked) {
        try {
          checkOnce(ctx.db, ctx.dbPath, ctx.access);
          // The window shows why writes are refused: app.info is read again on 'settings'.
          if (ctx.access.refusal) post(REFUSAL_EVENT);
        } catch (error) {
          log.error('data file check failed', error);
        }
      }
      // A bulk write's checkpoint, left out of the user's wait (db/bulk.ts).
      try {
        payOwedCheckpoint(ctx.db);
      } catch (error) {
        log.error('checkpoint after a bulk write failed', error);
      }
    }, idleMs);
    idle.unref();
  };
  port.on('message', (message: HostMessage) => {
    switch (message.type) {
      case 'invoke':
        clearTimeout(idle);
        void answer(message.id, message.method, message.input);
        break;
      case 'register-file':
        post({
          type: 'file',
          id: message.id,
          result: attempt(() => ctx.files.register(message.path, message.name)),
        });
        break;
      case 'file-path':
        post({
          type: 'path',
          id: message.id,
          result: attempt(() => ctx.files.pathOf(message.handle)),
        });
        break;
      case 'close':
        clearTimeout(idle);
        ctx.db.close();
        post({ type: 'closed', id: message.id });
        break;
    }
  });
  post({ type: 'ready' });
  checkWhenIdle();

  async function answer(id: number, method: unknown, input: unknown) {
    running++;
    try {
      hooks.beforeDispatch?.(method);
      const result = await dispatch(ctx, method, input);
      post({ type: 'result', id, result });
    } finally {
      running--;
      checkWhenIdle();
    }
  }
}

function attempt<T>(work: () => T): Result<T> {
  try {
    return { ok: true, value: work() };
  } catch (error) {
    if (!(error instanceof AppError)) log.error('worker request failed', error);
    return { ok: false, error: toErrorShape(error, 'file') };
  }
}
