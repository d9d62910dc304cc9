// Looking inside the documents the app writes, with the tools an office has: an entry of a .docx
// (a zip), LibreOffice's conversion to PDF, and poppler's text and images of a PDF.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { inflateRawSync } from 'node:zlib';
import { compressedData, zipEntries } from '../../electron/backend/ratings/import/zip';

/** The text of one entry of a zip file ("word/document.xml" of a .docx). */
export function zipEntryText(path: string, name: string): string {
  const bytes = readFileSync(path);
  const entry = zipEntries(bytes).find((e) => e.name === name);
  if (!entry) throw new Error(`${name} is not in ${path}`);
  const data = compressedData(bytes, entry);
  return (entry.method === 8 ? inflateRawSync(data) : data).toString('utf8');
}

function installed(command: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export const hasLibreOffice = installed('soffice');
export const hasPoppler = installed('pdftotext') && installed('pdftoppm');
export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

/**
 * Whether a test needing `tool` runs: always in CI (where a missing tool is a failure), and
 * elsewhere only when the tool is installed.
 */
export function canRun(available: boolean): boolean {
  return available || !!process.env.CI;
}

/** Converts `file` to PDF in `outDir` with LibreOffice headless, a profile of its own per run. */
export function convertToPdf(file: string, outDir: string): string {
  const profile = join(tmpdir(), `lo-${randomBytes(6).toString('hex')}`);
  try {
    execFileSync(
      'soffice',
      [
        `-env:UserInstallation=${pathToFileURL(profile).href}`,
        '--headless',
        '--convert-to',
        'pdf',
        '--outdir',
        outDir,
        file,
      ],
      { stdio: 'ignore', timeout: 120_000 },
    );
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
  const pdf = join(outDir, basename(file).replace(/\.[^.]+$/, '.pdf'));
  if (!existsSync(pdf)) throw new Error(`LibreOffice wrote no PDF for ${file}`);
  return pdf;
}

/** The text of a PDF, or of one page of it (1-based). */
export function pdfText(pdf: string, page?: number): string {
  const pages = page === undefined ? [] : ['-f', String(page), '-l', String(page)];
  return execFileSync('pdftotext', ['-layout', ...pages, pdf, '-'], { encoding: 'utf8' });
}

export function pdfPageCount(pdf: string): number {
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? 0);
}

/** Page images at 60 dpi, `<prefix>-1.png` …, for a person to look at; returns their paths. */
export function pdfImages(pdf: string, outDir: string, prefix: string): string[] {
  execFileSync('pdftoppm', ['-png', '-r', '60', pdf, join(outDir, prefix)]);
  return readdirSync(outDir)
    .filter((name) => name.startsWith(`${prefix}-`) && name.endsWith('.png'))
    .sort()
    .map((name) => join(outDir, name));
}

/**
 * Text without any whitespace: a PDF's text extraction may split a word where the glyphs come
 * from two fonts ("nh ư" when a fallback font draws "ư"), so texts are compared squashed.
 */
export function squash(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, '');
}
