// The one contract: every method the renderer, the CLI and the preview host may call.
// Each domain declares its methods in shared/methods/; this file joins them into one table.
// Adding a method = one entry there + one handler in electron/backend/handlers.ts + its test.
import type { z } from 'zod';
import type { ChangedEntity } from './changed-entities';
import type { Result } from './errors';
import type { FileRef, PickFileRequest } from './files';
import { appMethods } from './methods/app';
import { auditMethods } from './methods/audit';
import { backupMethods } from './methods/backups';
import { exchangeMethods } from './methods/exchange';
import { ratingMethods } from './methods/ratings';
import { reportMethods } from './methods/reports';
import { unitMethods } from './methods/units';
import { watchlistMethods } from './methods/watchlists';

export type * from './methods/app';
export type * from './methods/audit';
export type * from './methods/backups';
export type * from './methods/exchange';
export type * from './methods/ratings';
export type * from './methods/reports';
export type * from './methods/units';
export type * from './methods/watchlists';
export type * from './files';

export const contract = {
  ...appMethods,
  ...unitMethods,
  ...ratingMethods,
  ...watchlistMethods,
  ...reportMethods,
  ...exchangeMethods,
  ...backupMethods,
  ...auditMethods,
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type ParsedInput<M extends MethodName> = z.output<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = Contract[M]['output'];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}

// Kept apart from the method table so the renderer's first screen does not load every
// method's schemas (and zod) just to follow data.changed.
export { CHANGED_ENTITIES } from './changed-entities';
export type { ChangedEntity } from './changed-entities';

/**
 * Events the backend pushes to the renderer, whatever the transport: after every committed
 * write (`data.changed`), during long work (`progress`), and when the backend worker had to be
 * restarted (`backend.restarted`).
 */
export interface AppEvents {
  'data.changed': { entities: ChangedEntity[]; ids: string[] };
  progress: { job: string; phase: string; done: number; total: number };
  'backend.restarted': { message: string };
}
export type EventName = keyof AppEvents;
export const EVENT_NAMES = [
  'data.changed',
  'progress',
  'backend.restarted',
] as const satisfies readonly EventName[];

/** The one shape every transport offers the renderer. */
export interface Bridge {
  invoke(method: string, input: unknown): Promise<unknown>;
  /**
   * Asks the user for a file to read and hands it to the backend (Electron: main's open dialog;
   * browser: a file chooser and a streamed upload to the preview host). Null when cancelled.
   */
  pickFile(request: PickFileRequest): Promise<Result<FileRef | null>>;
  /**
   * Like pickFile, letting the user choose several files at once (the exchange's data files);
   * an empty list when cancelled. Each file is handed to the backend on its own.
   */
  pickFiles(request: PickFileRequest): Promise<Result<FileRef[]>>;
  /**
   * Offers a file the backend wrote to the user (Electron: main's save dialog, then a copy under
   * a temporary name renamed when complete; browser: a download). False when cancelled.
   */
  saveFile(file: FileRef, suggestedName: string): Promise<Result<boolean>>;
  /**
   * Prints the report page the backend wrote (an .html file handle) to PDF and hands the PDF back
   * by handle (Electron: printToPDF in a hidden window; browser: the preview host's headless
   * Chromium). Save it with saveFile.
   */
  printPdf(file: FileRef): Promise<Result<FileRef>>;
  on<E extends EventName>(event: E, listener: (payload: AppEvents[E]) => void): () => void;
}
