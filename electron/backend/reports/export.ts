// reports.export: the report computed afresh, written by the chosen writer through the file
// registry (temporary name, renamed when complete), handed back by handle.
import type { ParsedInput, ReportFile } from '../../../shared/contract';
import type { BackendContext } from '../context';
import { reportFileName } from './file-name';
import { progressReport } from './progress';
import { writeReportFile } from './write';
import { asWriteFailure } from '../write-failure';

export async function exportReport(
  ctx: BackendContext,
  input: ParsedInput<'reports.export'>,
): Promise<ReportFile> {
  const { format, document, ...query } = input;
  const report = progressReport(ctx, query);
  const suggestedName = reportFileName(report, format);
  try {
    const file = await ctx.files.writeOutput(suggestedName, (tempPath) =>
      writeReportFile(ctx.db, format, report, document, tempPath),
    );
    return { file, suggestedName };
  } catch (error) {
    // The app's own output folder (a full disk, a temp folder the user cannot write).
    throw asWriteFailure(error, suggestedName);
  }
}
