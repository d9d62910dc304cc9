// Registers the contract on ipcMain: refuses callers that are not the app's own page, then hands
// the call to the backend worker, which runs the same dispatch every transport uses (input
// parsing, error envelope). Main itself never runs SQL.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { AppEvents, EventName } from '../../shared/contract';
import type { Result } from '../../shared/errors';
import { log } from '../backend/log';
import type { BackendPort } from '../backend/worker/host';
import type { EventMessage } from './channels';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from './channels';

export type SenderCheck = (url: string) => boolean;
export type IpcSender = Pick<IpcMainInvokeEvent, 'senderFrame'>;

export const FORBIDDEN_MESSAGE =
  'Yêu cầu bị từ chối: chỉ cửa sổ của ứng dụng mới được truy cập dữ liệu.';

/** The url of the frame that sent an ipc message, or null when the frame is gone. */
export function senderUrl(event: IpcSender): string | null {
  try {
    return event.senderFrame?.url ?? null;
  } catch {
    // Accessing a frame that navigated away or was destroyed can throw.
    return null;
  }
}

/** Null when the sender is the app's own page, else the refusal to answer with. */
export function refusal(
  isTrustedSender: SenderCheck,
  event: IpcSender,
  what: string,
): Result<never> | null {
  const url = senderUrl(event);
  if (url !== null && isTrustedSender(url)) return null;
  log.warn(`refused ipc ${what} from ${url ?? '(no frame)'}`);
  return { ok: false, error: { code: 'FORBIDDEN', message: FORBIDDEN_MESSAGE } };
}

export function handleInvoke(
  backend: BackendPort,
  isTrustedSender: SenderCheck,
  event: IpcSender,
  method: unknown,
  input: unknown,
): Promise<Result<unknown>> {
  return Promise.resolve(
    refusal(isTrustedSender, event, `call ${String(method)}`) ?? backend.invoke(method, input),
  );
}

export function registerContract(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  backend: BackendPort,
  isTrustedSender: SenderCheck,
): () => void {
  ipcMain.handle(INVOKE_CHANNEL, (event, method: unknown, input: unknown) =>
    handleInvoke(backend, isTrustedSender, event, method, input),
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
