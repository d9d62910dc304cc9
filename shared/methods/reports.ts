// Methods of the progress report (issue 8): the figures and sentences of a committee's subtree or
// of a watchlist for year N against a compared year, and the files built from them (Excel
// tables, an editable Word report, the HTML page the host prints to PDF).
import { z } from 'zod';
import type { Trend } from '../domain/progress';
import type { NotRatedReason, Tier } from '../domain/scales';
import type { SummaryStyle } from '../domain/summary';
import { SUMMARY_STYLES } from '../domain/summary';
import type { FileRef } from '../files';
import { labelledEnum, unitId } from '../schemas';
import { method } from './define';
import { reportDocument } from './report-document';
import { ratingYear } from './ratings';
import { watchlistId } from './watchlists';

/** How units are grouped: the rows of the tables and one summary sentence each. */
export const REPORT_GROUPINGS = ['parent', 'selector', 'sector', 'watchlist_group'] as const;
export type ReportGrouping = (typeof REPORT_GROUPINGS)[number];
export const REPORT_GROUPING_LABELS: Record<ReportGrouping, string> = {
  parent: 'Cấp ủy cấp trên trực tiếp',
  selector: 'Cấp ủy lựa chọn',
  sector: 'Loại hình',
  watchlist_group: 'Nhóm trong danh sách',
};
/** The CLI's spelling of each grouping (`--group-by watchlist-group`). */
export const REPORT_GROUPING_CLI: Record<ReportGrouping, string> = {
  parent: 'parent',
  selector: 'selector',
  sector: 'sector',
  watchlist_group: 'watchlist-group',
};

/** Files a report is written as; a PDF is the 'html' page printed by the host (bridge.printPdf). */
export const REPORT_FORMATS = ['xlsx', 'docx', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/**
 * What a report covers: a committee's subtree as of the report's year (unitId null = the whole
 * register), or a watchlist's members (with the lower committees' lists that add to it when
 * `withExtending`).
 */
export const reportScope = z.discriminatedUnion(
  'type',
  [
    z.strictObject({ type: z.literal('register'), unitId: unitId.nullable() }),
    z.strictObject({
      type: z.literal('watchlist'),
      watchlistId,
      withExtending: z.boolean().optional(),
    }),
  ],
  { error: 'Hãy chọn phạm vi báo cáo: một cấp ủy hoặc một danh sách diện củng cố.' },
);
export type ReportScope = z.output<typeof reportScope>;

export const progressReportInput = {
  year: ratingYear,
  /** Absent: year − 1; null: no comparison. */
  compareYear: ratingYear.nullable().optional(),
  scope: reportScope,
  /** Absent: the watchlist's groups for a watchlist, the parent committee otherwise. */
  groupBy: labelledEnum(REPORT_GROUPINGS, REPORT_GROUPING_LABELS, 'Cách nhóm').optional(),
  /** First year of the distribution chart; absent: year − 4 (never before the first rating). */
  fromYear: ratingYear.optional(),
  /** Wording of the generated sentences; absent: counts ("5 HTTNV"). */
  summaryStyle: z.enum(SUMMARY_STYLES).optional(),
  /** Name the units whose change is worth telling ("Đảng bộ xã Đồng Ý từ yếu kém lên TSVM"). */
  namedCases: z.boolean().optional(),
};

/**
 * How many of a group's units (and of the totals') the answer lists: the screen shows the
 * figures only and asks for none, so a nation's report is a few kilobytes instead of the 55,000
 * units' rows (24 MB). Absent: every unit, as the files and the CLI's JSON list them.
 */
export const unitsPerGroup = z
  .number({ error: 'Số tổ chức liệt kê trong mỗi nhóm phải là số.' })
  .int({ error: 'Số tổ chức liệt kê trong mỗi nhóm phải là số nguyên.' })
  .min(0, { error: 'Số tổ chức liệt kê trong mỗi nhóm không được âm.' });

/**
 * false: the answer leaves out the carry-over list (`carryOver` empty). The screen asks for it
 * apart (reports.carryOver), so its first answer after a write does not wait for the nation's
 * ~2,700 units at the lowest level read one by one with their names. Absent: the list is in.
 */
export const withCarryOver = z.boolean({
  error: 'Lựa chọn danh sách chuyển năm sau không hợp lệ.',
});

/** One unit in a report group, year N against the compared year. */
export interface ReportUnit {
  id: string;
  code: string | null;
  /** As of year N (a watchlist member's unit: as of the list's year). */
  name: string;
  /** The rating compared (as tables show it: "HTTNV", "Yếu kém"), null when none. */
  from: string | null;
  to: string | null;
  fromLevel: string | null;
  toLevel: string | null;
  exemplary: boolean;
  notRatedReason: NotRatedReason | null;
  /** Null when the report compares with no year. */
  change: Trend | null;
}

/** The figures of one group (or of all groups: `totals`). */
export interface ReportGroup {
  /** Stable within one report ('total' for the totals). */
  key: string;
  name: string;
  /** What the group's sentence counts: "TCCSĐ chỉ đạo điểm thuộc các đảng bộ huyện". */
  description: string;
  /** Units in the group existing in year N, rated or not. */
  total: number;
  /** With a level in year N. */
  rated: number;
  /** Per level code of year N's scale; every level of the scale is present, zero included. */
  levels: Record<string, number>;
  /** Units of the exemplary level flagged "tiêu biểu". */
  exemplary: number;
  /** "HTTNV trở lên" (tiers 1 and 2), which the tables show from 2018. */
  goodOrBetter: number;
  notRated: Partial<Record<NotRatedReason, number>>;
  /** No rating recorded for year N at all. */
  missing: number;
  up: number;
  same: number;
  down: number;
  notComparable: number;
  /**
   * The group's units in display order: all of them, or the first `unitsPerGroup` when the
   * call asked for fewer (`total` still counts every unit).
   */
  units: ReportUnit[];
  /** The generated sentence(s) of this group. */
  summary: string;
}

/** One year of the distribution chart (stacked bars over the years). */
export interface DistributionYear {
  year: number;
  scaleId: string | null;
  /** Units of the scope existing that year. */
  total: number;
  levels: Record<string, number>;
  exemplary: number;
  notRated: number;
  missing: number;
}

/** One watched unit's ratings over the years, for the small multiples. */
export interface Trajectory {
  unitId: string;
  name: string;
  groupKey: string;
  points: {
    year: number;
    scaleId: string;
    levelCode: string | null;
    tier: Tier | null;
    /** "TSVM", "HTTNV", "Không xếp loại (mới thành lập)". */
    text: string;
  }[];
}

export interface ProgressReport {
  year: number;
  compareYear: number | null;
  scaleId: string | null;
  compareScaleId: string | null;
  /** Year N and the compared year lie on different scales (2017 → 2018): no up/down is counted. */
  crossesScale: boolean;
  groupBy: ReportGrouping;
  scope: {
    type: 'register' | 'watchlist';
    /** The committee or the watchlist; null for the whole register. */
    id: string | null;
    /** "Huyện ủy Bắc Sơn", "Nghị quyết 33-NQ/TU: củng cố 16 TCCSĐ năm 2017". */
    title: string;
  };
  /** Set for a watchlist scope: what the document's basis and headers need. */
  watchlist: {
    id: string;
    title: string;
    number: string | null;
    decidedOn: string | null;
    issuerName: string;
    year: number;
  } | null;
  groups: ReportGroup[];
  totals: ReportGroup;
  /** fromYear … year. */
  distribution: DistributionYear[];
  /** Level codes compared year → year N; null = no level (not rated or no rating). */
  transitions: { from: string | null; to: string | null; count: number }[];
  /** Every watched unit of the scope (a watchlist's members; in a subtree, units on a list). */
  trajectories: Trajectory[];
  /** Years Y of the distribution where the scale differs from Y − 1's (2018, 2025). */
  scaleBreaks: number[];
  /** What is missing, said plainly: "Năm 2019 chưa có kết quả xếp loại của 12 tổ chức." */
  notes: string[];
  /** The overall sentence(s): totals, then each group's, in the chosen style. */
  summary: string;
  /** Named cases, when asked. */
  namedCases: { unitId: string; text: string }[];
  /** Units to keep under watch next year (slow change), for the document's direction section. */
  carryOver: CarryOverUnit[];
}

/** A unit to keep under watch next year and why, for the document's direction section. */
export interface CarryOverUnit {
  unitId: string;
  name: string;
  why: string;
}

export { reportDocument } from './report-document';
export type { ReportDocument } from './report-document';

export interface ReportFile {
  file: FileRef;
  /** ASCII-safe: "Bao-cao-2017-Huyen-Bac-Son.docx". */
  suggestedName: string;
}

export interface SampleLoadResult {
  units: number;
  ratings: number;
  watchlists: number;
  members: number;
  measures: number;
}

export type { SummaryStyle };

export const reportMethods = {
  /** The figures, charts' data and sentences of a report; writes nothing. */
  'reports.progress': method<ProgressReport>()(
    z.strictObject({
      ...progressReportInput,
      unitsPerGroup: unitsPerGroup.optional(),
      carryOver: withCarryOver.optional(),
    }),
    ['NOT_FOUND', 'INVALID_INPUT', 'NO_SCALE'],
    false,
  ),
  /**
   * The carry-over list of the report reports.progress answers for the same input (the units to
   * keep under watch next year), asked apart by the screen; writes nothing.
   */
  'reports.carryOver': method<CarryOverUnit[]>()(
    z.strictObject(progressReportInput),
    ['NOT_FOUND', 'INVALID_INPUT', 'NO_SCALE'],
    false,
  ),
  /** Writes the report as a file (handle); the document's texts as the user edited them. */
  'reports.export': method<ReportFile>()(
    z.strictObject({
      ...progressReportInput,
      format: z.enum(REPORT_FORMATS),
      document: reportDocument,
    }),
    ['NOT_FOUND', 'INVALID_INPUT', 'NO_SCALE', 'WRITE_FAILED'],
    false,
  ),
  /** Loads the illustrative Lạng Sơn 2016–2018 data into an empty data file. */
  'sample.load': method<SampleLoadResult>()(
    z.strictObject({
      /** Who is recorded as loading it when the installation is not set up yet. */
      operatorName: z
        .string()
        .trim()
        .max(200, { error: 'Tên người sử dụng dài quá 200 ký tự.' })
        .optional(),
    }),
    ['NOT_EMPTY'],
    true,
  ),
};
