// The backend worker's entry point: built as its own file next to Electron main
// (out/main/backend-worker.js); run from source (with tsx) by the preview host and the tests.
import { parentPort, workerData } from 'node:worker_threads';
import type { WorkerConfig } from './protocol';
import { serveBackend } from './serve';

if (!parentPort) throw new Error('backend-worker must run in a worker thread');
serveBackend(parentPort, workerData as WorkerConfig);
