// A backend worker like the real one (same serve loop, same dispatch), with two test hooks:
// `units.list` is made slow (a busy loop, as a national report would be), and the
// non-method `test.crash` ends the worker thread abruptly, as a native crash would.
import { parentPort, workerData } from 'node:worker_threads';
import type { WorkerConfig } from '../../electron/backend/worker/protocol';
import { serveBackend } from '../../electron/backend/worker/serve';

export const SLOW_MS = 800;

serveBackend(parentPort!, workerData as WorkerConfig, {
  beforeDispatch(method) {
    if (method === 'units.list') {
      const until = Date.now() + SLOW_MS;
      while (Date.now() < until) {
        // Busy: the worker's thread is blocked, as it would be by a long query.
      }
    }
    if (method === 'test.crash') process.exit(70);
  },
});
