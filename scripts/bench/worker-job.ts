// A bench child's job run as the app runs it: in a worker thread started with the backend
// worker's heap limits (electron/backend/worker/heap.ts), so the child's peak memory is what the
// app's worker would reach. Under --cpu-prof, which profiles the main thread only, the job runs
// in the main thread (its memory is then not the app's). The child's file starts itself again
// as the worker (`moduleUrl`: its own import.meta.url, the bundle's once bundled). The last line
// on stdout is the job's result as JSON.
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { BACKEND_WORKER_LIMITS } from '../../electron/backend/worker/heap';

type Job<R> = (args: readonly string[]) => Promise<R>;

/** The job in a worker thread with the app's heap limits; its result comes back as a message. */
function runInWorker<R>(moduleUrl: URL, args: readonly string[]): Promise<R> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(moduleUrl, {
      workerData: args,
      resourceLimits: BACKEND_WORKER_LIMITS,
    });
    worker.once('message', (result: R) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the job's worker exited (${code})`)));
  });
}

const failed = (error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
};

/** Runs `job` with the command line's arguments: in a worker, or in the main thread when profiled. */
export function runChildJob<R>(moduleUrl: URL, job: Job<R>): void {
  if (isMainThread) {
    const args = process.argv.slice(2);
    const profiling = process.execArgv.some((arg) => arg.startsWith('--cpu-prof'));
    (profiling ? job(args) : runInWorker<R>(moduleUrl, args))
      .then((result) => process.stdout.write(`\n${JSON.stringify(result)}\n`))
      .catch(failed);
  } else {
    // A failure is thrown in the worker: the main thread gets it as the worker's 'error'.
    void job(workerData as string[]).then((result) => parentPort?.postMessage(result));
  }
}
