// Writing a report's files where the command line was told to: through a temporary sibling
// renamed when complete (never a half file under the real name), and a folder that cannot be
// written said plainly in Vietnamese (WRITE_FAILED), with nothing left behind.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { ProgressReport, ReportDocument, ReportFormat } from '../../shared/contract';
import type { Db } from '../backend/db/open';
import { writeAtomically } from '../backend/files';
import { writeReportFile } from '../backend/reports/write';
import { asWriteFailure, writeFailed } from '../backend/write-failure';
import { printHtmlFileToPdf } from '../pdf/chromium';

/** The folder's problem, or null when it looks writable (the write itself still decides). */
function folderProblem(path: string): string | null {
  const folder = dirname(path);
  let isFolder: boolean;
  try {
    isFolder = statSync(folder).isDirectory();
  } catch {
    return `thư mục "${folder}" không tồn tại`;
  }
  if (!isFolder) return `"${folder}" không phải là một thư mục`;
  try {
    if (statSync(path).isDirectory()) return `"${path}" là một thư mục`;
  } catch {
    // No file of that name yet: it will be created.
  }
  return null;
}

/** Checks every output path before any work, so a wrong folder costs nothing. */
export function checkOutputPath(path: string): string {
  const full = resolve(path);
  const problem = folderProblem(full);
  if (problem) throw writeFailed(full, problem);
  return full;
}

export async function writeReportTo(
  db: Db,
  format: ReportFormat,
  report: ProgressReport,
  document: ReportDocument,
  path: string,
): Promise<void> {
  try {
    await writeAtomically(path, (temp) => writeReportFile(db, format, report, document, temp));
  } catch (error) {
    throw asWriteFailure(error, path);
  }
}

/**
 * The report's printable page printed to PDF at `path` by a headless Edge, Chrome or Chromium
 * (TCCSD_CHROMIUM names another); the printer writes a temporary sibling and renames it. No
 * browser: PDF_UNAVAILABLE, whose message says to use --docx.
 */
export async function printReportTo(
  db: Db,
  report: ProgressReport,
  document: ReportDocument,
  path: string,
): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'tccsd-report-'));
  try {
    const page = join(folder, 'Bao-cao.html');
    await writeReportFile(db, 'html', report, document, page);
    await printHtmlFileToPdf(page, path);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
