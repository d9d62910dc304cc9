// Picks the transport: the Electron preload bridge when present, else the loopback preview host.
import type {
  AppEvents,
  Bridge,
  EventName,
  FileRef,
  PickFileRequest,
} from '../../../shared/contract';
import { MAX_UPLOAD_BYTES } from '../../../shared/upload-limit';
import type { Result } from '../../../shared/errors';

declare global {
  interface Window {
    tccsd?: Bridge;
  }
}

const TOKEN_KEY = 'tccsd.previewToken';

function previewToken(): string {
  const fromUrl = new URLSearchParams(window.location.search).get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

const LOST_HOST = 'Không kết nối được với máy chủ xem trước (mã truy cập sai hoặc đã hết hạn).';

/** Opens the browser's file chooser; resolves with the files chosen, none when cancelled. */
function chooseFiles(request: PickFileRequest, several: boolean): Promise<File[]> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.multiple = several;
    input.accept = request.extensions.map((e) => `.${e}`).join(',');
    input.addEventListener('change', () => resolve([...(input.files ?? [])]), { once: true });
    input.addEventListener('cancel', () => resolve([]), { once: true });
    input.click();
  });
}

/** One EventSource for the page, shared by every subscription. */
let source: EventSource | null = null;
const listeners = new Map<EventName, Set<(payload: unknown) => void>>();

function subscribe(token: string, event: EventName, listener: (payload: unknown) => void) {
  if (!source) {
    source = new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
    source.onmessage = (message: MessageEvent<string>) => {
      const data = JSON.parse(message.data) as { event: EventName; payload: unknown };
      for (const each of listeners.get(data.event) ?? []) each(data.payload);
    };
  }
  const set = listeners.get(event) ?? new Set();
  listeners.set(event, set);
  set.add(listener);
  return () => {
    set.delete(listener);
  };
}

export function previewBridge(): Bridge {
  const token = previewToken();
  /** Streams one chosen file to the host, which registers it with the backend. */
  const upload = async (file: File): Promise<Result<FileRef>> => {
    if (file.size > MAX_UPLOAD_BYTES) {
      return {
        ok: false,
        error: {
          code: 'BAD_FILE',
          message: `Tệp "${file.name}" quá lớn (giới hạn ${MAX_UPLOAD_BYTES / 1024 / 1024} MB).`,
        },
      };
    }
    // The body is the file itself, streamed by the browser: never base64 inside JSON.
    const response = await fetch(`/api/upload?name=${encodeURIComponent(file.name)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', 'x-tccsd-token': token },
      body: file,
    });
    if (response.status === 403) {
      return { ok: false, error: { code: 'FORBIDDEN', message: LOST_HOST } };
    }
    return (await response.json()) as Result<FileRef>;
  };
  return {
    async invoke(method, input) {
      const response = await fetch('/api/invoke', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-tccsd-token': token },
        body: JSON.stringify({ method, input }),
      });
      if (!response.ok) return { ok: false, error: { code: 'FORBIDDEN', message: LOST_HOST } };
      return response.json();
    },
    async pickFile(request) {
      const [file] = await chooseFiles(request, false);
      return file ? upload(file) : { ok: true, value: null };
    },
    async pickFiles(request) {
      const files: FileRef[] = [];
      // One at a time: the first refusal (too large, lost host) is the answer, said plainly.
      for (const file of await chooseFiles(request, true)) {
        const uploaded = await upload(file);
        if (!uploaded.ok) return uploaded;
        files.push(uploaded.value);
      }
      return { ok: true, value: files };
    },
    saveFile(file, suggestedName) {
      const link = document.createElement('a');
      link.href =
        `/api/download/${encodeURIComponent(file.handle)}` +
        `?token=${encodeURIComponent(token)}&name=${encodeURIComponent(suggestedName)}`;
      link.download = suggestedName;
      document.body.append(link);
      link.click();
      link.remove();
      return Promise.resolve({ ok: true, value: true });
    },
    async printPdf(file) {
      const response = await fetch('/api/print-pdf', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-tccsd-token': token },
        body: JSON.stringify({ handle: file.handle, name: file.name }),
      });
      if (response.status === 403) {
        return { ok: false, error: { code: 'FORBIDDEN', message: LOST_HOST } };
      }
      return (await response.json()) as Result<FileRef>;
    },
    on<E extends EventName>(event: E, listener: (payload: AppEvents[E]) => void) {
      return subscribe(token, event, listener as (payload: unknown) => void);
    },
  };
}

let current: Bridge | null = null;

export function getBridge(): Bridge {
  current ??= window.tccsd ?? previewBridge();
  return current;
}

/** Tests plug in a bridge to the real backend running in the same process. */
export function setBridge(bridge: Bridge): void {
  current = bridge;
}
