// Picks the transport: the Electron preload bridge when present, else the loopback preview host.
import type { AppEvents, Bridge, EventName } from '../../../shared/contract';

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

export function previewBridge(): Bridge {
  const token = previewToken();
  return {
    async invoke(method, input) {
      const response = await fetch('/api/invoke', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-tccsd-token': token },
        body: JSON.stringify({ method, input }),
      });
      if (!response.ok) {
        return {
          ok: false,
          error: {
            code: 'FORBIDDEN',
            message: 'Không kết nối được với máy chủ xem trước (mã truy cập sai hoặc đã hết hạn).',
          },
        };
      }
      return response.json();
    },
    on<E extends EventName>(event: E, listener: (payload: AppEvents[E]) => void) {
      const source = new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
      source.onmessage = (message: MessageEvent<string>) => {
        const data = JSON.parse(message.data) as { event: EventName; payload: unknown };
        if (data.event === event) listener(data.payload as AppEvents[E]);
      };
      return () => source.close();
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
