// Prints the report's HTML page to PDF with a Chromium-family browser run headless, for hosts
// without Electron (the preview host, the command line). Microsoft Edge is on every Windows 10/11
// office PC, Chromium or Chrome on Linux. The PDF is written under a temporary name and renamed
// when complete, so a failed or killed print leaves no partial file. Plain Node: no Electron.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { open, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AppError } from '../../shared/errors';
import { partPath } from '../backend/files';

/** Where to look when TCCSD_CHROMIUM does not name a browser, in order. */
export function knownBrowserPaths(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): string[] {
  if (platform === 'win32') {
    const roots = [env['PROGRAMFILES(X86)'], env.PROGRAMFILES, env.LOCALAPPDATA].filter(
      (root): root is string => !!root,
    );
    return roots.flatMap((root) => [
      join(root, 'Microsoft', 'Edge', 'Application', 'msedge.exe'),
      join(root, 'Google', 'Chrome', 'Application', 'chrome.exe'),
    ]);
  }
  if (platform === 'darwin') {
    return [
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
    ];
  }
  return [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/usr/bin/microsoft-edge',
    '/snap/bin/chromium',
  ];
}

export const NO_BROWSER_MESSAGE =
  'Không tìm thấy trình duyệt Microsoft Edge, Google Chrome hoặc Chromium trên máy để in báo cáo ' +
  'ra PDF. Hãy dùng tệp Word (.docx): mở bằng Word rồi chọn Lưu thành PDF (Save as PDF).';

const PRINT_FAILED_MESSAGE =
  'Không in được báo cáo ra PDF (trình duyệt dùng để in gặp lỗi). Hãy thử lại, hoặc dùng tệp ' +
  'Word (.docx) rồi lưu thành PDF từ Word.';

const TIMEOUT_MESSAGE =
  'In báo cáo ra PDF quá lâu nên đã dừng. Hãy thử lại, hoặc dùng tệp Word (.docx) rồi lưu ' +
  'thành PDF từ Word.';

/** The browser to print with: TCCSD_CHROMIUM when set (and present), else the first known one. */
export function findBrowser(
  env: NodeJS.ProcessEnv = process.env,
  candidates: readonly string[] = knownBrowserPaths(process.platform, env),
  exists: (path: string) => boolean = existsSync,
): string {
  const chosen = env.TCCSD_CHROMIUM?.trim();
  if (chosen) {
    if (exists(chosen)) return chosen;
    throw new AppError(
      'PDF_UNAVAILABLE',
      `Không tìm thấy trình duyệt đã chỉ định trong TCCSD_CHROMIUM ("${chosen}"). ${NO_BROWSER_MESSAGE}`,
    );
  }
  const found = candidates.find((path) => exists(path));
  if (!found) throw new AppError('PDF_UNAVAILABLE', NO_BROWSER_MESSAGE);
  return found;
}

export interface PrintOptions {
  /** The browser; default: findBrowser(). */
  browser?: string;
  /** Milliseconds before the browser is killed; default 60 s. */
  timeoutMs?: number;
}

/** The command line: headless, a throwaway profile (a running Edge never takes the job over). */
export function printArguments(htmlPath: string, pdfPath: string, profileDir: string): string[] {
  return [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-extensions',
    '--disable-background-networking',
    '--disable-sync',
    '--no-pdf-header-footer',
    `--user-data-dir=${profileDir}`,
    `--print-to-pdf=${pdfPath}`,
    pathToFileURL(htmlPath).href,
  ];
}

/** Runs the browser to completion; rejects on a non-zero exit, a spawn error or the timeout. */
function run(browser: string, args: string[], timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(browser, args, { stdio: ['ignore', 'ignore', 'pipe'], windowsHide: true });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 4000) stderr += chunk.toString();
    });
    let timedOut = false;
    // A hung browser is killed; the print fails once it is gone (so its profile can go too).
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(
        new AppError(
          'PDF_UNAVAILABLE',
          `Không chạy được trình duyệt "${browser}" (${error.message}). ${NO_BROWSER_MESSAGE}`,
        ),
      );
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (timedOut) reject(new AppError('WRITE_FAILED', TIMEOUT_MESSAGE));
      else if (code === 0) resolve();
      else {
        reject(
          new AppError(
            'WRITE_FAILED',
            `${PRINT_FAILED_MESSAGE} (mã ${code ?? signal}${stderr ? `: ${stderr.trim().slice(0, 300)}` : ''})`,
          ),
        );
      }
    });
  });
}

/** Whether `path` holds a complete PDF: it starts with %PDF- and ends with its %%EOF marker. */
async function isCompletePdf(path: string): Promise<boolean> {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    return false;
  }
  if (size < 16) return false;
  const file = await open(path, 'r');
  try {
    const head = Buffer.alloc(5);
    const tail = Buffer.alloc(Math.min(64, size));
    await file.read(head, 0, 5, 0);
    await file.read(tail, 0, tail.length, size - tail.length);
    return head.toString('latin1') === '%PDF-' && tail.toString('latin1').includes('%%EOF');
  } finally {
    await file.close();
  }
}

/**
 * Prints `htmlPath` to `pdfPath`: the browser writes a temporary sibling, which is renamed into
 * place only when it is a complete PDF. Errors are AppErrors with a Vietnamese message
 * (PDF_UNAVAILABLE: no browser, use the Word file; WRITE_FAILED: the print failed).
 */
export async function printHtmlFileToPdf(
  htmlPath: string,
  pdfPath: string,
  options: PrintOptions = {},
): Promise<void> {
  const browser = options.browser ?? findBrowser();
  const temp = partPath(pdfPath);
  try {
    // The folder is checked before a browser starts: a browser that cannot write says nothing.
    await writeFile(temp, '');
  } catch {
    throw new AppError(
      'WRITE_FAILED',
      `Không ghi được tệp PDF vào thư mục "${dirname(pdfPath)}" (thư mục không tồn tại hoặc ` +
        'không có quyền ghi). Hãy chọn thư mục khác.',
    );
  }
  const profile = mkdtempSync(join(tmpdir(), 'tccsd-print-'));
  try {
    await run(browser, printArguments(htmlPath, temp, profile), options.timeoutMs ?? 60_000);
    if (!(await isCompletePdf(temp))) throw new AppError('WRITE_FAILED', PRINT_FAILED_MESSAGE);
    await rename(temp, pdfPath);
  } catch (error) {
    await rm(temp, { force: true });
    if (error instanceof AppError) throw error;
    throw new AppError(
      'WRITE_FAILED',
      `Không ghi được tệp PDF "${pdfPath}" (có thể ổ đĩa đầy hoặc không có quyền ghi).`,
    );
  } finally {
    // A killed browser may still hold its profile for a moment: removal is best effort.
    rmSync(profile, { recursive: true, force: true, maxRetries: 3 });
  }
}
