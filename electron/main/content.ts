// What the app's pages are served with, wherever they are served: the app:// protocol in
// Electron and the loopback preview host use this one module, so their policy, types and path
// checks cannot drift apart. Imports nothing from Electron.
import nodePath from 'node:path';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

export function mimeType(file: string): string {
  return MIME_TYPES[nodePath.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Headers every served page or asset carries. */
export function contentHeaders(file: string): Record<string, string> {
  return {
    'Content-Type': mimeType(file),
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-cache',
  };
}

/**
 * The file under `rootDir` that an url's (still encoded) pathname names, or null when it cannot
 * be decoded or would leave `rootDir` (`..`, encoded slashes or backslashes, NUL, absolute
 * paths). `/` is the index page.
 */
export function resolveInside(
  rootDir: string,
  encodedPathname: string,
  path: nodePath.PlatformPath = nodePath,
): string | null {
  let pathname: string;
  try {
    pathname = decodeURIComponent(encodedPathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  if (pathname === '' || pathname === '/') pathname = '/index.html';
  const root = path.resolve(rootDir);
  const file = path.resolve(root, `.${pathname}`);
  const relative = path.relative(root, file);
  if (
    relative === '' ||
    relative === '..' ||
    relative.startsWith(`..${path.sep}`) ||
    path.isAbsolute(relative)
  ) {
    return null;
  }
  return file;
}

/** A path without an extension is a screen of the single-page app, answered with the index. */
export function isScreenPath(file: string): boolean {
  return nodePath.extname(file) === '';
}
