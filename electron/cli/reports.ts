// `tccsd report progress …`: the progress report of a committee's subtree or of a watchlist from
// the command line — the figures and sentences as text or JSON, and the Excel, Word, HTML and
// PDF files, built by the same backend as the app's Báo cáo screen.
import type { ReportFormat, ReportGrouping } from '../../shared/contract';
import { defaultReportDocument } from '../../shared/domain/report-document';
import type { SummaryStyle } from '../../shared/domain/summary';
import { SUMMARY_STYLES } from '../../shared/domain/summary';
import { foldForSearch } from '../../shared/domain/text';
import {
  REPORT_GROUPINGS,
  REPORT_GROUPING_CLI,
  REPORT_GROUPING_LABELS,
} from '../../shared/methods/reports';
import type { BackendContext } from '../backend/context';
import { clockDay } from '../backend/context';
import { phaseProgress } from '../backend/progress';
import { resolveUnitRef } from '../backend/units/queries';
import type { Output, Values } from './common';
import { UsageError, call, parseYear } from './common';
import { checkOutputPath, printReportTo, writeReportTo } from './report-files';
import { reportJson, reportText } from './report-text';

/**
 * The file options, in the order files are written; `--pdf` is the 'html' page printed to PDF
 * by a headless Chromium-family browser.
 */
const FILE_OPTIONS: readonly {
  option: 'xlsx' | 'docx' | 'html' | 'pdf';
  format: ReportFormat | 'pdf';
}[] = [
  { option: 'xlsx', format: 'xlsx' },
  { option: 'docx', format: 'docx' },
  { option: 'html', format: 'html' },
  { option: 'pdf', format: 'pdf' },
];

const STYLE_NAMES = SUMMARY_STYLES.join('|');
const GROUPING_NAMES = REPORT_GROUPINGS.map((g) => REPORT_GROUPING_CLI[g]).join('|');

/** `--group-by parent|selector|sector|watchlist-group`, or the Vietnamese label. */
function parseGrouping(text: string): ReportGrouping {
  const key = foldForSearch(text);
  const found = REPORT_GROUPINGS.find(
    (g) =>
      REPORT_GROUPING_CLI[g] === text.trim() ||
      g === text.trim() ||
      foldForSearch(REPORT_GROUPING_LABELS[g]) === key,
  );
  if (!found) {
    throw new UsageError(`Cách nhóm không hợp lệ: "${text}" (chọn ${GROUPING_NAMES}).`);
  }
  return found;
}

function parseStyle(text: string): SummaryStyle {
  const found = SUMMARY_STYLES.find((s) => s === text.trim());
  if (!found) throw new UsageError(`Cách viết không hợp lệ: "${text}" (chọn ${STYLE_NAMES}).`);
  return found;
}

/** `--compare 2016`, or `--compare none` for no comparison; absent: the year before. */
function parseCompare(text: string | undefined): number | null | undefined {
  if (text === undefined) return undefined;
  return foldForSearch(text) === 'none' || foldForSearch(text) === 'khong' ? null : parseYear(text);
}

export async function runReport(
  ctx: BackendContext,
  command: string,
  args: string[],
  v: Values,
): Promise<Output> {
  if (command !== 'progress') throw new UsageError(`Lệnh không hợp lệ: report ${command}`);
  if (args.length > 0) throw new UsageError(`Thừa tham số: ${args.join(' ')}`);
  if (!v.year) throw new UsageError('Thiếu --year (năm báo cáo).');
  if (v.watchlist && v.scope) {
    throw new UsageError('Chỉ chọn một phạm vi: --watchlist ID hoặc --scope MÃ|ID.');
  }
  if (v['with-extending'] && !v.watchlist) {
    throw new UsageError('--with-extending chỉ dùng cùng --watchlist.');
  }
  const year = parseYear(v.year);
  const compareYear = parseCompare(v.compare);
  const outputs = FILE_OPTIONS.flatMap(({ option, format }) => {
    const path = v[option];
    return path === undefined ? [] : [{ format, path: checkOutputPath(path) }];
  });
  const scope = v.watchlist
    ? {
        type: 'watchlist' as const,
        watchlistId: v.watchlist,
        ...(v['with-extending'] ? { withExtending: true } : {}),
      }
    : {
        type: 'register' as const,
        unitId: v.scope ? resolveUnitRef(ctx.db, v.scope, year) : null,
      };
  const report = await call(ctx, 'reports.progress', {
    year,
    ...(compareYear === undefined ? {} : { compareYear }),
    scope,
    ...(v['group-by'] === undefined ? {} : { groupBy: parseGrouping(v['group-by']) }),
    ...(v.style === undefined ? {} : { summaryStyle: parseStyle(v.style) }),
    ...(v['named-cases'] ? { namedCases: true } : {}),
  });
  const written: string[] = [];
  if (outputs.length > 0) {
    const info = await call(ctx, 'app.info', {});
    const document = defaultReportDocument(report, {
      ownUnitName: info.ownUnitName,
      today: clockDay(ctx),
    });
    const progress = phaseProgress(ctx.emit, 'report', 'file', outputs.length);
    progress(0);
    for (const [i, { format, path }] of outputs.entries()) {
      if (format === 'pdf') await printReportTo(ctx.db, report, document, path);
      else await writeReportTo(ctx.db, format, report, document, path);
      written.push(path);
      progress(i + 1);
    }
  }
  const files = written.map((path) => `Đã ghi tệp ${path}`).join('\n');
  return {
    json: reportJson(report),
    text: [reportText(report), ...(files ? ['', files] : [])].join('\n'),
    // With --json, stdout holds only the JSON: what was written is said on stderr.
    ...(v.json && files ? { err: files } : {}),
  };
}
