// The host side of the backend worker: starts it, routes requests by id, passes events on, and
// restarts it when it crashes. Electron main and the preview host own one each; they never run
// SQL themselves. Committed data survives a crash (SQLite's journal); only the request that was
// running is lost, and its caller is told so.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { EventName } from '../../../shared/contract';
import type { AppErrorShape, Result } from '../../../shared/errors';
import { AppError } from '../../../shared/errors';
import type { FileRef } from '../../../shared/files';
import { log } from '../log';
import { BACKEND_WORKER_LIMITS } from './heap';
import type { HostMessage, WorkerConfig, WorkerMessage } from './protocol';

export type EventListener = (event: EventName, payload: unknown) => void;

/** What a host needs of the backend, whether it runs in a worker or (tests) in-process. */
export interface BackendPort {
  invoke(method: unknown, input: unknown): Promise<Result<unknown>>;
  registerFile(path: string, name?: string): Promise<FileRef>;
  filePath(handle: string): Promise<string>;
  onEvent(listener: EventListener): () => void;
  close(): Promise<void>;
}

export interface WorkerHostOptions extends WorkerConfig {
  /** The worker script; default: the built one beside this bundle, else entry.ts through tsx. */
  script?: string;
  /** How many crashes in a row (within a minute) are restarted before giving up. */
  maxRestarts?: number;
}

export const CRASH_MESSAGE =
  'Phần xử lý dữ liệu vừa gặp sự cố và đã được khởi động lại. Thao tác đang làm dở có thể chưa ' +
  'được thực hiện: hãy kiểm tra rồi thử lại. Dữ liệu đã lưu trước đó không bị mất.';
const GAVE_UP_MESSAGE =
  'Phần xử lý dữ liệu gặp sự cố nhiều lần liên tiếp. Hãy đóng và mở lại ứng dụng; dữ liệu đã lưu ' +
  'không bị mất. Chi tiết đã được ghi vào nhật ký.';

const START_FAILED_MESSAGE =
  'Không khởi động được phần xử lý dữ liệu; tệp dữ liệu không bị thay đổi. Hãy cài lại ứng dụng ' +
  'nếu lỗi lặp lại. Chi tiết đã được ghi vào nhật ký.';
const CLOSED_MESSAGE = 'Ứng dụng đang đóng; thao tác không được thực hiện.';

const here = dirname(fileURLToPath(import.meta.url));

/** The script and the Node options to run it with (source files need the tsx loader). */
function workerScript(script?: string): { file: string; execArgv: string[] } {
  const built = join(here, 'backend-worker.js');
  const file = script ?? (existsSync(built) ? built : join(here, 'entry.ts'));
  if (!file.endsWith('.ts')) return { file, execArgv: [] };
  const loader = createRequire(import.meta.url).resolve('tsx');
  return { file, execArgv: ['--import', pathToFileURL(loader).href] };
}

type Pending = { resolve: (message: WorkerMessage) => void };
type Request = HostMessage extends infer T ? (T extends unknown ? Omit<T, 'id'> : never) : never;

export async function startBackendWorker(options: WorkerHostOptions): Promise<BackendPort> {
  const { script, maxRestarts = 5, ...config } = options;
  const { file, execArgv } = workerScript(script);
  const listeners = new Set<EventListener>();
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let worker: Worker;
  let ready: Promise<void>;
  let closing = false;
  let closed = false;
  let unavailable: AppErrorShape | null = null;
  const crashes: number[] = [];

  const emit: EventListener = (event, payload) => {
    for (const listener of listeners) listener(event, payload);
  };

  const spawn = (): Promise<void> => {
    const current = new Worker(file, {
      workerData: config,
      execArgv,
      resourceLimits: BACKEND_WORKER_LIMITS,
    });
    worker = current;
    return new Promise<void>((resolve, reject) => {
      let started = false;
      current.on('message', (message: WorkerMessage) => {
        if (message.type === 'ready') {
          started = true;
          resolve();
        } else if (message.type === 'open-failed') {
          started = true;
          reject(new AppError(message.error.code, message.error.message));
          void current.terminate();
        } else if (message.type === 'event') {
          emit(message.event, message.payload);
        } else {
          pending.get(message.id)?.resolve(message);
          pending.delete(message.id);
        }
      });
      current.on('error', (error) => log.error('backend worker failed', error));
      current.on('exit', (code) => {
        if (!started) {
          reject(new AppError('BACKEND_UNAVAILABLE', START_FAILED_MESSAGE));
          return;
        }
        if (closing || current !== worker) return;
        log.error(`backend worker exited (${code}); restarting`);
        crashed();
      });
    });
  };

  const crashed = () => {
    for (const [id, request] of pending) {
      request.resolve({
        type: 'result',
        id,
        result: { ok: false, error: { code: 'BACKEND_UNAVAILABLE', message: CRASH_MESSAGE } },
      });
    }
    pending.clear();
    const now = Date.now();
    crashes.push(now);
    while (crashes.length > 0 && now - crashes[0]! > 60_000) crashes.shift();
    if (crashes.length > maxRestarts) {
      unavailable = { code: 'BACKEND_UNAVAILABLE', message: GAVE_UP_MESSAGE };
      emit('backend.restarted', { message: GAVE_UP_MESSAGE });
      return;
    }
    ready = spawn().then(
      () => emit('backend.restarted', { message: CRASH_MESSAGE }),
      (error: unknown) => {
        log.error('backend worker could not restart', error);
        unavailable =
          error instanceof AppError
            ? error.toJSON()
            : { code: 'BACKEND_UNAVAILABLE', message: GAVE_UP_MESSAGE };
        emit('backend.restarted', { message: unavailable.message });
      },
    );
  };

  const request = async (message: Request): Promise<WorkerMessage> => {
    if (closed) throw new AppError('BACKEND_UNAVAILABLE', CLOSED_MESSAGE);
    await ready;
    if (unavailable) throw new AppError(unavailable.code, unavailable.message);
    const id = nextId++;
    return new Promise<WorkerMessage>((resolve) => {
      pending.set(id, { resolve });
      worker.postMessage({ ...message, id } as HostMessage);
    });
  };

  const unwrap = <T>(answer: WorkerMessage): T => {
    if (!('result' in answer)) throw new Error(`unexpected worker answer ${answer.type}`);
    const result = answer.result as Result<T>;
    if (!result.ok) throw new AppError(result.error.code, result.error.message);
    return result.value;
  };

  ready = spawn();
  await ready;

  return {
    async invoke(method, input) {
      try {
        const answer = await request({ type: 'invoke', method, input });
        return answer.type === 'result'
          ? answer.result
          : { ok: false, error: { code: 'INTERNAL', message: CRASH_MESSAGE } };
      } catch (error) {
        if (error instanceof AppError) return { ok: false, error: error.toJSON() };
        throw error;
      }
    },
    async registerFile(path, name) {
      return unwrap<FileRef>(await request({ type: 'register-file', path, name }));
    },
    async filePath(handle) {
      return unwrap<string>(await request({ type: 'file-path', handle }));
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      if (closing) return;
      closing = true;
      try {
        await ready;
        if (!unavailable) await request({ type: 'close' });
      } catch {
        // A worker that cannot even close is ended below all the same.
      }
      closed = true;
      await worker.terminate();
    },
  };
}
