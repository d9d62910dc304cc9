// Printing to PDF with a headless Chromium-family browser: which browser, the command line, and
// what is left when the browser fails, writes half a file, or hangs (nothing under the real name).
// Stand-in "browsers" are small shell scripts, so each failure is exact.
import { chmodSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import {
  NO_BROWSER_MESSAGE,
  findBrowser,
  knownBrowserPaths,
  printHtmlFileToPdf,
} from '../../electron/pdf/chromium';
import { cleanupTemp, makeTempDir } from '../helpers/backend';

afterEach(() => cleanupTemp());

const unix = process.platform !== 'win32';

/** A stand-in browser: records its arguments, then runs `body` (the PDF path is in "$out"). */
function fakeBrowser(body: string): { path: string; args: () => string[] } {
  const dir = makeTempDir();
  const argsFile = join(dir, 'args.txt');
  const path = join(dir, 'browser.sh');
  writeFileSync(
    path,
    [
      '#!/bin/sh',
      `for a in "$@"; do printf '%s\\n' "$a" >> '${argsFile}'; done`,
      'for a in "$@"; do case "$a" in --print-to-pdf=*) out="${a#--print-to-pdf=}";; esac; done',
      body,
    ].join('\n'),
  );
  chmodSync(path, 0o755);
  return {
    path,
    args: () => (existsSync(argsFile) ? readFileSync(argsFile, 'utf8').trim().split('\n') : []),
  };
}

const WRITES_PDF = 'printf \'%%PDF-1.4\\n1 0 obj\\n%%%%EOF\\n\' > "$out"';

function page(): { html: string; dir: string } {
  const dir = makeTempDir();
  const html = join(dir, 'Báo cáo 2017.html');
  writeFileSync(html, '<!doctype html><p>Báo cáo</p>');
  return { html, dir: makeTempDir() };
}

async function failure(work: Promise<unknown>): Promise<AppError> {
  const error: unknown = await work.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe('which browser prints', () => {
  it('takes TCCSD_CHROMIUM first, then the first known browser present', () => {
    const exists = (path: string) => ['/opt/edge', '/usr/bin/google-chrome'].includes(path);
    expect(findBrowser({ TCCSD_CHROMIUM: '/opt/edge' }, ['/usr/bin/google-chrome'], exists)).toBe(
      '/opt/edge',
    );
    expect(findBrowser({}, ['/usr/bin/chromium', '/usr/bin/google-chrome'], exists)).toBe(
      '/usr/bin/google-chrome',
    );
  });

  it('looks for Edge, then Chrome, under Program Files on Windows', () => {
    const paths = knownBrowserPaths('win32', {
      'PROGRAMFILES(X86)': 'C:\\Program Files (x86)',
      PROGRAMFILES: 'C:\\Program Files',
    });
    expect(paths[0]).toMatch(/Program Files \(x86\).Microsoft.Edge.Application.msedge\.exe$/);
    expect(paths[1]).toMatch(/Google.Chrome.Application.chrome\.exe$/);
    expect(paths.some((p) => /^C:\\Program Files.Microsoft.Edge/.test(p))).toBe(true);
  });

  it('with no browser, says in Vietnamese to use the Word file', () => {
    const none = () => false;
    for (const attempt of [
      () => findBrowser({}, ['/usr/bin/chromium'], none),
      // A browser named in TCCSD_CHROMIUM that is not there is an error, not a silent fallback.
      () =>
        findBrowser(
          { TCCSD_CHROMIUM: '/khong/co' },
          ['/usr/bin/chromium'],
          (p) => p !== '/khong/co',
        ),
    ]) {
      let error: unknown = null;
      try {
        attempt();
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('PDF_UNAVAILABLE');
      expect((error as AppError).message).toContain(NO_BROWSER_MESSAGE);
      expect((error as AppError).message).toContain('Word (.docx)');
    }
  });
});

describe.runIf(unix)('printing', () => {
  it('runs the browser headless on a throwaway profile and renames the PDF into place', async () => {
    const browser = fakeBrowser(WRITES_PDF);
    const { html, dir } = page();
    const pdf = join(dir, 'Báo cáo 2017.pdf');
    await printHtmlFileToPdf(html, pdf, { browser: browser.path });
    expect(readFileSync(pdf, 'latin1')).toContain('%PDF-1.4');
    expect(readdirSync(dir)).toEqual(['Báo cáo 2017.pdf']);
    const args = browser.args();
    for (const flag of ['--headless', '--no-sandbox', '--disable-gpu', '--no-pdf-header-footer']) {
      expect(args).toContain(flag);
    }
    expect(args.at(-1)).toMatch(/^file:\/\/.*B%C3%A1o%20c%C3%A1o%202017\.html$/);
    // The browser wrote a temporary sibling, never the real name.
    const target = args
      .find((a) => a.startsWith('--print-to-pdf='))!
      .slice('--print-to-pdf='.length);
    expect(target).toMatch(/\.part$/);
    const profile = args.find((a) => a.startsWith('--user-data-dir='))!.slice(16);
    expect(existsSync(profile)).toBe(false);
  });

  it('leaves no file when the browser fails, writes nothing, or writes half a PDF', async () => {
    for (const body of [
      'echo "GPU process crashed" >&2; exit 3',
      'exit 0',
      'printf \'%%PDF-1.4\\n1 0 obj\' > "$out"',
    ]) {
      const browser = fakeBrowser(body);
      const { html, dir } = page();
      const error = await failure(
        printHtmlFileToPdf(html, join(dir, 'bao-cao.pdf'), { browser: browser.path }),
      );
      expect(error.code).toBe('WRITE_FAILED');
      expect(error.message).toContain('Không in được báo cáo ra PDF');
      expect(readdirSync(dir)).toEqual([]);
    }
  });

  it('kills a browser that hangs, and leaves no file', async () => {
    const pidDir = makeTempDir();
    const browser = fakeBrowser(`echo $$ > '${join(pidDir, 'pid')}'; exec sleep 30`);
    const { html, dir } = page();
    const started = Date.now();
    const error = await failure(
      printHtmlFileToPdf(html, join(dir, 'bao-cao.pdf'), { browser: browser.path, timeoutMs: 700 }),
    );
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(error.code).toBe('WRITE_FAILED');
    expect(error.message).toContain('quá lâu');
    expect(readdirSync(dir)).toEqual([]);
    const pid = Number(readFileSync(join(pidDir, 'pid'), 'utf8'));
    expect(() => process.kill(pid, 0)).toThrow();
  });

  it('refuses a folder that cannot be written before starting any browser', async () => {
    const browser = fakeBrowser(WRITES_PDF);
    const { html } = page();
    const missing = join(makeTempDir(), 'khong-co', 'bao-cao.pdf');
    const error = await failure(printHtmlFileToPdf(html, missing, { browser: browser.path }));
    expect(error.code).toBe('WRITE_FAILED');
    expect(error.message).toContain('khong-co');
    expect(browser.args()).toEqual([]);
  });

  it('says to use Word when the named browser cannot be started', async () => {
    const { html, dir } = page();
    const error = await failure(
      printHtmlFileToPdf(html, join(dir, 'bao-cao.pdf'), { browser: join(dir, 'khong-co.exe') }),
    );
    expect(error.code).toBe('PDF_UNAVAILABLE');
    expect(error.message).toContain('Word (.docx)');
    expect(readdirSync(dir)).toEqual([]);
  });
});
