// The worker side: opens the backend on the data file and answers the host's messages through
// the same `dispatch` every transport uses. Runs inside a worker thread (see entry.ts), so no
// query, import or report ever blocks the thread that draws the window or routes requests.
import type { MessagePort } from 'node:worker_threads';
import { AppError } from '../../../shared/errors';
import type { Result } from '../../../shared/errors';
import type { BackendContext } from '../context';
import { dispatch, toErrorShape } from '../dispatch';
import { enableAutoBackup } from '../backup/index';
import { openBackend } from '../index';
import { log } from '../log';
import type { HostMessage, WorkerConfig, WorkerMessage } from './protocol';

type Port = Pick<MessagePort, 'postMessage' | 'on'>;

export interface ServeHooks {
  /** Called before each contract call (tests use it to make a request slow or crash). */
  beforeDispatch?: (method: unknown) => void;
}

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
  port.on('message', (message: HostMessage) => {
    switch (message.type) {
      case 'invoke':
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
        ctx.db.close();
        post({ type: 'closed', id: message.id });
        break;
    }
  });
  post({ type: 'ready' });

  async function answer(id: number, method: unknown, input: unknown) {
    hooks.beforeDispatch?.(method);
    const result = await dispatch(ctx, method, input);
    post({ type: 'result', id, result });
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
