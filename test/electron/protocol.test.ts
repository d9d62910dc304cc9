import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { isAppUrl } from '../../electron/main/app-url';
import {
  appRequestHandler,
  mimeType,
  registerAppScheme,
  resolveAppFile,
} from '../../electron/main/protocol';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/security';

describe('isAppUrl', () => {
  it.each(['app://tccsd/index.html', 'app://tccsd/', 'app://tccsd/index.html#/units?year=2024'])(
    'trusts %s',
    (url) => expect(isAppUrl(url)).toBe(true),
  );

  it.each([
    'https://evil.example/',
    'http://tccsd/index.html',
    'file:///C:/tccsd/index.html',
    'app://evil/index.html',
    'app://tccsd.evil.example/index.html',
    'app://user@tccsd/index.html',
    'devtools://devtools/bundled/inspector.html',
    'about:blank',
    '',
    'not a url',
  ])('does not trust %j', (url) => expect(isAppUrl(url)).toBe(false));
});

/** Either refused or a file inside `root`: never anything outside it. */
function staysInside(root: string, file: string | null, api: path.PlatformPath = path): boolean {
  return file === null || file.startsWith(root + api.sep);
}

describe('resolveAppFile', () => {
  const root = path.resolve('/srv/app/renderer');

  it('maps app urls to files under the renderer folder', () => {
    expect(resolveAppFile(root, 'app://tccsd/index.html')).toBe(path.join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://tccsd/')).toBe(path.join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://tccsd/assets/index-abc.js?v=1#x')).toBe(
      path.join(root, 'assets', 'index-abc.js'),
    );
    expect(resolveAppFile(root, 'app://tccsd/fonts/Noto%20Sans.woff2')).toBe(
      path.join(root, 'fonts', 'Noto Sans.woff2'),
    );
  });

  it.each([
    'app://tccsd/../../etc/passwd',
    'app://tccsd/%2e%2e/%2e%2e/etc/passwd',
    'app://tccsd/%2fetc%2fpasswd',
  ])('keeps %s inside the renderer folder', (url) => {
    const file = resolveAppFile(root, url);
    expect(staysInside(root, file)).toBe(true);
    expect(file).not.toBe('/etc/passwd');
  });

  it.each([
    'app://tccsd/..%2f..%2fetc%2fpasswd',
    'app://tccsd/assets/..%2f..%2f..%2fsecret.txt',
    'app://tccsd/index.html%00.png',
    'app://tccsd/%E0%A4%A',
    'app://other/index.html',
    'https://tccsd/index.html',
  ])('refuses %s', (url) => {
    expect(resolveAppFile(root, url)).toBeNull();
  });

  it('refuses Windows escapes: backslashes and drive letters', () => {
    const winRoot = 'C:\\Program Files\\tccsd\\resources\\app.asar\\out\\renderer';
    const resolve = (url: string) => resolveAppFile(winRoot, url, path.win32);
    expect(resolve('app://tccsd/assets/app.js')).toBe(`${winRoot}\\assets\\app.js`);
    expect(resolve('app://tccsd/..%5c..%5c..%5cWindows%5cwin.ini')).toBeNull();
    expect(resolve('app://tccsd/assets%5c..%5c..%5c..%5csecret')).toBeNull();
    expect(staysInside(winRoot, resolve('app://tccsd/C:%5cWindows%5cwin.ini'), path.win32)).toBe(
      true,
    );
    expect(staysInside(winRoot, resolve('app://tccsd/%5c%5cserver%5cshare%5cx'), path.win32)).toBe(
      true,
    );
  });
});

describe('appRequestHandler', () => {
  const base = mkdtempSync(path.join(tmpdir(), 'tccsd-protocol-'));
  const root = path.join(base, 'renderer');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>tccsd</title>');
  writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(path.join(base, 'secret.txt'), 'do not serve');
  const handle = appRequestHandler(root);
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it('serves the page with the Content-Security-Policy and a correct type', async () => {
    const response = await handle(new Request('app://tccsd/index.html'));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>tccsd</title>');
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves scripts as JavaScript', async () => {
    const response = await handle(new Request('app://tccsd/assets/app.js'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/javascript/);
  });

  it('never serves a file outside the renderer folder', async () => {
    for (const url of ['app://tccsd/../secret.txt', 'app://tccsd/..%2fsecret.txt']) {
      const response = await handle(new Request(url));
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain('do not serve');
    }
  });

  it('answers 404 for a missing file and the page for a screen path', async () => {
    expect((await handle(new Request('app://tccsd/assets/missing.js'))).status).toBe(404);
    const screen = await handle(new Request('app://tccsd/units'));
    expect(screen.status).toBe(200);
    expect(await screen.text()).toContain('<title>tccsd</title>');
  });

  it('accepts only reads', async () => {
    const response = await handle(new Request('app://tccsd/index.html', { method: 'POST' }));
    expect(response.status).toBe(405);
  });

  it('knows the types Vite emits', () => {
    expect(mimeType('a.css')).toMatch(/^text\/css/);
    expect(mimeType('a.woff2')).toBe('font/woff2');
    expect(mimeType('a.svg')).toBe('image/svg+xml');
    expect(mimeType('a.unknown')).toBe('application/octet-stream');
  });
});

describe('registerAppScheme', () => {
  it('registers app:// as a standard secure scheme that does not bypass the CSP', () => {
    const protocol = { registerSchemesAsPrivileged: vi.fn() };
    registerAppScheme(protocol);
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledOnce();
    const [schemes] = protocol.registerSchemesAsPrivileged.mock.calls[0]!;
    expect(schemes).toHaveLength(1);
    expect(schemes[0].scheme).toBe('app');
    expect(schemes[0].privileges).toMatchObject({ standard: true, secure: true });
    expect(schemes[0].privileges.bypassCSP).toBeFalsy();
    expect(schemes[0].privileges.allowServiceWorkers).toBeFalsy();
  });
});
