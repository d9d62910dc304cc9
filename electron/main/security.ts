// Session hardening: the Content-Security-Policy, no permissions, no network.
import type { Session } from 'electron';
import { CONTENT_SECURITY_POLICY } from './content';

export { CONTENT_SECURITY_POLICY };

type Headers = Record<string, string[]>;

/** Response headers with our policy replacing any policy the response carried. */
export function withCsp(headers: Headers | undefined): Headers {
  const result: Headers = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') result[name] = value;
  }
  result['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
  return result;
}

const NETWORK_PROTOCOLS = new Set(['http:', 'https:', 'ws:', 'wss:', 'ftp:', 'file:']);

/** The app makes no network calls and reads no loose files: such requests are cancelled. */
export function isBlockedRequest(url: string): boolean {
  try {
    return NETWORK_PROTOCOLS.has(new URL(url).protocol);
  } catch {
    return true;
  }
}

export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) =>
    callback({ cancel: isBlockedRequest(details.url) }),
  );
  session.webRequest.onHeadersReceived((details, callback) =>
    callback({ responseHeaders: withCsp(details.responseHeaders) }),
  );
}
