// A BackendPort over a backend in the same thread: for tests of the transports (ipc, preview
// host) that need a real backend without starting a worker. Calls are cloned as a real
// transport would clone them.
import { dispatch } from '../dispatch';
import type { BackendContext } from '../context';
import type { BackendPort, EventListener } from './host';

export function inProcessPort(ctx: BackendContext): BackendPort {
  const listeners = new Set<EventListener>();
  ctx.emit = (event, payload) => {
    for (const listener of listeners) listener(event, structuredClone(payload));
  };
  return {
    invoke: async (method, input) =>
      structuredClone(await dispatch(ctx, method, structuredClone(input))),
    registerFile: (path, name) => Promise.resolve(ctx.files.register(path, name)),
    filePath: (handle) => Promise.resolve().then(() => ctx.files.pathOf(handle)),
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () => {
      ctx.db.close();
      return Promise.resolve();
    },
  };
}
