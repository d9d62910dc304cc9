// Registers the contract on ipcMain: refuses callers that are not the app's own page, then hands
// the call to the same dispatch every transport uses (input parsing, error envelope).
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { AppEvents, EventName } from '../../shared/contract';
import type { Result } from '../../shared/errors';
import type { BackendContext } from '../backend/context';
import { dispatch } from '../backend/dispatch';
import { log } from '../backend/log';
import type { EventMessage } from './channels';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from './channels';

export type SenderCheck = (url: string) => boolean;

export const FORBIDDEN_MESSAGE =
  'Yêu cầu bị từ chối: chỉ cửa sổ của ứng dụng mới được truy cập dữ liệu.';

/** The url of the frame that sent an ipc message, or null when the frame is gone. */
export function senderUrl(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): string | null {
  try {
    return event.senderFrame?.url ?? null;
  } catch {
    // Accessing a frame that navigated away or was destroyed can throw.
    return null;
  }
}

export function handleInvoke(
  ctx: BackendContext,
  isTrustedSender: SenderCheck,
  event: Pick<IpcMainInvokeEvent, 'senderFrame'>,
  method: unknown,
  input: unknown,
): Result<unknown> | Promise<Result<unknown>> {
  const url = senderUrl(event);
  if (url === null || !isTrustedSender(url)) {
    log.warn(`refused ipc call ${String(method)} from ${url ?? '(no frame)'}`);
    return { ok: false, error: { code: 'FORBIDDEN', message: FORBIDDEN_MESSAGE } };
  }
  return dispatch(ctx, method, input);
}

export function registerContract(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  ctx: BackendContext,
  isTrustedSender: SenderCheck,
): () => void {
  ipcMain.handle(INVOKE_CHANNEL, (event, method: unknown, input: unknown) =>
    handleInvoke(ctx, isTrustedSender, event, method, input),
  );
  return () => ipcMain.removeHandler(INVOKE_CHANNEL);
}

/** Pushes one event to a window's page; a closed window is skipped. */
export function broadcast<E extends EventName>(
  webContents: Pick<WebContents, 'send' | 'isDestroyed'>,
  event: E,
  payload: AppEvents[E],
): void {
  if (webContents.isDestroyed()) return;
  const message: EventMessage = { event, payload };
  webContents.send(EVENT_CHANNEL, message);
}
