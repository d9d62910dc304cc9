// The whole preload: `invoke`, the file dialogs (open one file or several, save), PDF printing
// and one event subscription on `window.tccsd`, nothing else.
// Runs sandboxed, so it is bundled to CommonJS and needs no module but `electron`.
import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRendererEvent } from 'electron';
import type { AppEvents, Bridge, EventName, FileRef } from '../../shared/contract';
import type { Result } from '../../shared/errors';
import type { EventMessage } from '../ipc/channels';
import {
  EVENT_CHANNEL,
  INVOKE_CHANNEL,
  PICK_FILE_CHANNEL,
  PICK_FILES_CHANNEL,
  PRINT_PDF_CHANNEL,
  SAVE_FILE_CHANNEL,
} from '../ipc/channels';

function isEventMessage(message: unknown): message is EventMessage {
  return typeof message === 'object' && message !== null && 'event' in message;
}

const bridge: Bridge = {
  invoke(method: string, input: unknown): Promise<unknown> {
    return ipcRenderer.invoke(INVOKE_CHANNEL, method, input);
  },
  pickFile(request) {
    return ipcRenderer.invoke(PICK_FILE_CHANNEL, request) as Promise<Result<FileRef | null>>;
  },
  pickFiles(request) {
    return ipcRenderer.invoke(PICK_FILES_CHANNEL, request) as Promise<Result<FileRef[]>>;
  },
  saveFile(file, suggestedName) {
    return ipcRenderer.invoke(SAVE_FILE_CHANNEL, file, suggestedName) as Promise<Result<boolean>>;
  },
  printPdf(file) {
    // Only the handle and the name cross: main finds the page's path through the backend.
    return ipcRenderer.invoke(PRINT_PDF_CHANNEL, {
      handle: file.handle,
      name: file.name,
    }) as Promise<Result<FileRef>>;
  },
  on<E extends EventName>(event: E, listener: (payload: AppEvents[E]) => void): () => void {
    if (typeof listener !== 'function') throw new TypeError('listener must be a function');
    // The ipc event object never reaches the page: only the payload does.
    const forward = (_ipcEvent: IpcRendererEvent, message: unknown) => {
      if (isEventMessage(message) && message.event === event)
        listener(message.payload as AppEvents[E]);
    };
    ipcRenderer.on(EVENT_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, forward);
    };
  },
};

contextBridge.exposeInMainWorld('tccsd', bridge);
