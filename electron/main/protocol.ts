// The `app` scheme: the built renderer is served from inside the package, never from file:// or
// a network, with our Content-Security-Policy on every response.
import type { Protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import nodePath from 'node:path';
import { APP_HOST, APP_SCHEME } from './app-url';
import { contentHeaders, isScreenPath, resolveInside } from './content';

export { mimeType } from './content';

/** Must run before the app's `ready` event. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      // standard: real origin and relative urls; secure: a secure context like https;
      // corsEnabled: Vite's module scripts are fetched in cors mode (same origin only, as we
      // send no Access-Control-Allow-Origin header).
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true },
    },
  ]);
}

/**
 * The file under `rootDir` an app:// url names, or null when the url is not ours or would
 * leave `rootDir` (`..`, encoded slashes or backslashes, NUL, absolute paths).
 */
export function resolveAppFile(
  rootDir: string,
  requestUrl: string,
  path: nodePath.PlatformPath = nodePath,
): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  return resolveInside(rootDir, url.pathname, path);
}

type ReadFile = (file: string) => Promise<Uint8Array>;

function respond(status: number, body: Uint8Array | null, file: string): Response {
  return new Response(body === null ? null : new Uint8Array(body), {
    status,
    headers: contentHeaders(file),
  });
}

/** The request handler of the `app` scheme over the folder of the built renderer. */
export function appRequestHandler(
  rootDir: string,
  read: ReadFile = readFile,
): (request: Request) => Promise<Response> {
  const notFound = () => respond(404, null, '.txt');
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return respond(405, null, '.txt');
    }
    const file = resolveAppFile(rootDir, request.url);
    if (file === null) return notFound();
    try {
      return respond(200, await read(file), file);
    } catch {
      // A path without an extension is a screen of the single-page app, not a file.
      if (!isScreenPath(file)) return notFound();
      const index = resolveAppFile(rootDir, `app://${APP_HOST}/index.html`)!;
      try {
        return respond(200, await read(index), index);
      } catch {
        return notFound();
      }
    }
  };
}

export function serveApp(protocol: Pick<Protocol, 'handle'>, rootDir: string): void {
  protocol.handle(APP_SCHEME, appRequestHandler(rootDir));
}
