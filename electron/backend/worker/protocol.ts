// The messages between the backend worker and its host (Electron main or the preview host).
// Every request carries an id; the worker answers with the same id. Events have none.
import type { AuditChannel, EventName } from '../../../shared/contract';
import type { AppErrorShape, Result } from '../../../shared/errors';
import type { FileRef } from '../../../shared/files';
import type { Origin } from '../context';

/** What the worker needs to open the backend (sent as workerData). */
export interface WorkerConfig {
  dbPath: string;
  origin: Origin;
  channel?: AuditChannel;
  fallbackOperator?: string;
  outputDir?: string;
  busyTimeoutMs?: number;
}

export type HostMessage =
  | { type: 'invoke'; id: number; method: unknown; input: unknown }
  | { type: 'register-file'; id: number; path: string; name?: string }
  | { type: 'file-path'; id: number; handle: string }
  | { type: 'close'; id: number };

export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'open-failed'; error: AppErrorShape }
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'file'; id: number; result: Result<FileRef> }
  | { type: 'path'; id: number; result: Result<string> }
  | { type: 'closed'; id: number }
  | { type: 'event'; event: EventName; payload: unknown };
