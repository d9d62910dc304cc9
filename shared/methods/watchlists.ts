// Methods of consolidation ("diện củng cố", DOMAIN.md §1, §5): watchlists, their members, the
// measures taken for each member, each year's result, carry-over, and the Tổng quan overview.
import { z } from 'zod';
import type { Tier, NotRatedReason, Rank } from '../domain/scales';
import { RANKS } from '../domain/scales';
import type { UnitKind, UnitSector } from '../domain/units';
import type {
  CarryReason,
  ChangeLevel,
  MeasureKind,
  MeasureStatus,
  MemberStatus,
  WatchComparison,
  WatchReason,
} from '../domain/watchlists';
import {
  CHANGE_LEVELS,
  CHANGE_LEVEL_LABELS,
  MEASURE_KINDS,
  MEASURE_KIND_LABELS,
  MEASURE_STATUSES,
  MEASURE_STATUS_LABELS,
  MEMBER_STATUSES,
  MEMBER_STATUS_LABELS,
  WATCH_REASONS,
  WATCH_REASON_LABELS,
  documentNumberProblem,
  normalizeDocumentNumber,
} from '../domain/watchlists';
import { normalizeName } from '../domain/text';
import { isoDate, labelledEnum, unitId } from '../schemas';
import { method } from './define';
import { ratingYear } from './ratings';

/** A rating as a watchlist shows it (the ratings are the one place it is recorded). */
export interface RatingBrief {
  year: number;
  /** The unit rated: the member's unit, or its successor after a merge. */
  unitId: string;
  scaleId: string;
  levelCode: string | null;
  notRatedReason: NotRatedReason | null;
  exemplary: boolean;
  tier: Tier | null;
  /** As tables show it: "HTTNV", "TSVM tiêu biểu"; empty when not rated (see notRatedReason). */
  text: string;
  rank: Rank | null;
  change: ChangeLevel | null;
}

/** One year of a member on its list. */
export interface MemberYearResult {
  year: number;
  /** The unit whose rating counts that year: the member's unit, or its successor after a merge. */
  unitId: string;
  /** That unit's name that year. */
  unitName: string;
  /** True when the rating is the successor's (see the member's lineage note). */
  followed: boolean;
  rating: RatingBrief | null;
  /** Against the baseline (the year before the list's first year). */
  vsBaseline: WatchComparison;
  /** Against the year before this one (the same as vsBaseline in the list's first year). */
  vsPrevious: WatchComparison;
  /** "Mức độ chuyển biến" and rank within the level, as recorded with that year's rating. */
  change: ChangeLevel | null;
  rank: Rank | null;
  /** The list's own remark on the member that year. */
  remark: string | null;
}

/** What happened to a member's unit after it was put on the list. */
export interface MemberLineage {
  type: 'merged_into' | 'split_into' | 'dissolved';
  year: number;
  /** Merged: the unit followed from the next year on; null otherwise. */
  successorId: string | null;
  successorName: string | null;
  /** The visible note, e.g. "Đã sáp nhập vào … năm 2020; từ năm 2021 theo dõi kết quả của …". */
  note: string;
}

export interface MeasureCounts {
  total: number;
  done: number;
  overdue: number;
}

export interface WatchlistMember {
  id: string;
  watchlistId: string;
  /** STT in the "Biểu 01" order: by group (in the order groups were first added), then as added. */
  position: number;
  unitId: string;
  /** As of the list's year. */
  unitName: string;
  unitCode: string | null;
  kind: UnitKind;
  sector: UnitSector | null;
  parentId: string | null;
  parentName: string | null;
  /** The group the member is counted in ("đảng bộ trực thuộc"). */
  group: string | null;
  /** True when no group was typed: the group is the unit's parent committee that year. */
  groupIsDefault: boolean;
  reasons: WatchReason[];
  reasonOther: string | null;
  /** Đồng chí phụ trách. */
  responsible: string | null;
  /** Tổ công tác. */
  workingGroup: string | null;
  /** The level aimed at (a level code of the list's year), or null. */
  targetLevel: string | null;
  status: MemberStatus;
  statusDate: string | null;
  statusReason: string | null;
  note: string | null;
  lineage: MemberLineage | null;
  /** The rating of the year before the list's first year, read from the ratings. */
  baseline: RatingBrief | null;
  /** One per year the list covers. */
  results: MemberYearResult[];
  /** The latest year of the list that has a rating, else the list's first year. */
  current: MemberYearResult;
  measures: MeasureCounts;
  /** The member of the previous year's list it was carried over from, if any. */
  carriedFromId: string | null;
  updatedAt: string;
}

/** A list as the Diện củng cố screen lists it. */
export interface Watchlist {
  id: string;
  title: string;
  /** Document number (33-NQ/TU); null while the decision is being prepared. */
  number: string | null;
  decidedOn: string | null;
  issuerId: string;
  /** As of the list's year. */
  issuerName: string;
  /** The first (often the only) year the list covers. */
  year: number;
  /** The last year it covers; null = the first year only. */
  toYear: number | null;
  purpose: string | null;
  note: string | null;
  /** The list this one adds to (a lower committee's own extra list), if any. */
  extendsId: string | null;
  extendsTitle: string | null;
  /** The previous year's list this one continues (carry-over), if any. */
  previousId: string | null;
  previousTitle: string | null;
  memberCount: number;
  /** Members still "đang củng cố". */
  activeCount: number;
  /** Members whose current result moved up against the baseline. */
  improved: number;
  measures: MeasureCounts;
  updatedAt: string;
}

/** Per group of members, one year: counts per level and against the baseline. */
export interface GroupSummary {
  group: string | null;
  total: number;
  /** Per level of the year's scale, best first, zero counts included. */
  levels: { levelCode: string; text: string; count: number }[];
  up: number;
  same: number;
  down: number;
  /** Rated, but not comparable with the baseline (scale or kind change, no baseline). */
  notComparable: number;
  /** No rating recorded that year, or not rated. */
  notRated: number;
}

/** The figures the province writes for one year of a list (DOMAIN.md §5). */
export interface YearSummary {
  year: number;
  scaleId: string | null;
  groups: GroupSummary[];
  total: GroupSummary;
}

export interface WatchlistDetail extends Watchlist {
  members: WatchlistMember[];
  summaries: YearSummary[];
  /** Lists that add to this one. */
  extendedBy: { id: string; title: string; issuerName: string; year: number }[];
  /** Lists that continue this one next year. */
  continuedBy: { id: string; title: string; year: number }[];
}

export interface Measure {
  id: string;
  memberId: string;
  watchlistId: string;
  unitId: string;
  kind: MeasureKind;
  title: string;
  responsible: string | null;
  startOn: string | null;
  dueOn: string | null;
  doneOn: string | null;
  status: MeasureStatus;
  /** Not done and its due date passed, by the backend's clock. */
  overdue: boolean;
  resultNote: string | null;
  /** Related document numbers (33-NQ/TU …). */
  documents: string[];
  updatedAt: string;
}

export interface CarriedMember {
  /** The member on the old list. */
  fromMemberId: string;
  /** The member on the new list. */
  memberId: string;
  unitId: string;
  unitName: string;
  reason: CarryReason;
  /** Set when the unit was merged and its successor is carried instead. */
  followedFromUnitId: string | null;
}

export interface CarryOverResult {
  watchlist: WatchlistDetail;
  carried: CarriedMember[];
  /** Members not carried: improved, left, stopped, or their unit no longer exists. */
  notCarried: { memberId: string; unitName: string; why: string }[];
}

/** A unit's places on lists, for its history (years on a list shaded on its chart). */
export interface UnitWatchEntry {
  watchlistId: string;
  title: string;
  number: string | null;
  year: number;
  toYear: number | null;
  memberId: string;
  status: MemberStatus;
}

export interface OverdueMeasure {
  measureId: string;
  title: string;
  kind: MeasureKind;
  dueOn: string;
  daysOverdue: number;
  responsible: string | null;
  memberId: string;
  unitId: string;
  unitName: string;
  watchlistId: string;
  watchlistTitle: string;
}

export interface OverviewUnit {
  unitId: string;
  name: string;
  code: string | null;
  parentName: string | null;
}

export interface WeakUnit extends OverviewUnit {
  levelCode: string;
  text: string;
  /** On a list covering the overview's year. */
  onList: boolean;
}

/** The Tổng quan screen: this year's lists and what needs attention. */
export interface Overview {
  year: number;
  /** The year whose ratings are read for "still rated weakest" and "not rated yet". */
  ratingYear: number;
  today: string;
  lists: Watchlist[];
  /** Over the members of this year's lists, current result against the baseline. */
  members: {
    total: number;
    up: number;
    same: number;
    down: number;
    notComparable: number;
    notRated: number;
  };
  overdue: { total: number; items: OverdueMeasure[] };
  /** TCCSĐ rated at the lowest level (Yếu kém / KHTNV) in ratingYear. */
  weakest: { total: number; items: WeakUnit[] };
  /** TCCSĐ existing in ratingYear with no rating recorded for it. */
  unrated: { total: number; items: OverviewUnit[] };
}

/** How many rows the overview lists per item (the totals count them all). */
export const OVERVIEW_LIMIT = 200;

// Field schemas. Optional fields of an update: absent = keep, null or blank = clear.

export const watchlistId = z.uuid({ error: 'Mã định danh danh sách không hợp lệ.' });
export const memberId = z.uuid({ error: 'Mã định danh thành viên danh sách không hợp lệ.' });
export const measureId = z.uuid({ error: 'Mã định danh biện pháp không hợp lệ.' });

/** One-line text: cleaned like names (no control characters, spaces collapsed); blank = null. */
export function lineText(label: string, max: number) {
  return z
    .string({ error: `${label} phải là chữ.` })
    .transform(normalizeName)
    .pipe(z.string().max(max, { error: `${label} dài quá ${max} ký tự.` }))
    .transform((s) => (s === '' ? null : s))
    .nullable();
}

/** Free text that may span lines; blank = null. */
export function noteText(label: string, max: number) {
  return z
    .string({ error: `${label} phải là chữ.` })
    .transform((s) => s.normalize('NFC').trim())
    .pipe(z.string().max(max, { error: `${label} dài quá ${max} ký tự.` }))
    .transform((s) => (s === '' ? null : s))
    .nullable();
}

const title = (label: string) =>
  z
    .string({ error: `${label} phải là chữ.` })
    .transform(normalizeName)
    .pipe(
      z
        .string()
        .min(1, { error: `${label} không được để trống.` })
        .max(500, { error: `${label} dài quá 500 ký tự.` }),
    );

/** A document number, lightly checked (33-NQ/TU, 1672/NQ-UBTVQH15); blank = null. */
export const documentNumber = z
  .string({ error: 'Số, ký hiệu văn bản phải là chữ.' })
  .transform((text, ctx) => {
    const normalized = normalizeDocumentNumber(text);
    if (normalized === '') return null;
    const problem =
      normalized.length > 100
        ? 'Số, ký hiệu văn bản dài quá 100 ký tự.'
        : documentNumberProblem(normalized);
    if (problem) {
      ctx.addIssue({ code: 'custom', message: problem });
      return z.NEVER;
    }
    return normalized;
  })
  .nullable();

export const watchReason = labelledEnum(
  WATCH_REASONS,
  WATCH_REASON_LABELS,
  'Lý do đưa vào diện củng cố',
);
export const measureKind = labelledEnum(MEASURE_KINDS, MEASURE_KIND_LABELS, 'Loại biện pháp');
export const measureStatus = labelledEnum(
  MEASURE_STATUSES,
  MEASURE_STATUS_LABELS,
  'Tình trạng biện pháp',
);
export const memberStatus = labelledEnum(
  MEMBER_STATUSES,
  MEMBER_STATUS_LABELS,
  'Tình trạng theo dõi',
);
export const changeLevel = labelledEnum(CHANGE_LEVELS, CHANGE_LEVEL_LABELS, 'Mức độ chuyển biến');

const listFields = {
  title: title('Tên danh sách'),
  number: documentNumber.optional(),
  decidedOn: isoDate.nullable().optional(),
  /** The issuing committee: a unit of the register existing in the list's year. */
  issuerId: unitId,
  year: ratingYear,
  toYear: ratingYear.nullable().optional(),
  purpose: noteText('Mục đích, yêu cầu', 4000).optional(),
  note: noteText('Ghi chú', 4000).optional(),
  extendsId: watchlistId.nullable().optional(),
};

const TO_YEAR_ORDER = {
  error: 'Năm kết thúc phải bằng hoặc sau năm bắt đầu của danh sách.',
  path: ['toYear'],
};
const toYearInOrder = (v: { year?: number | undefined; toYear?: number | null | undefined }) =>
  v.year === undefined || v.toYear === undefined || v.toYear === null || v.toYear >= v.year;

const memberFields = {
  /** Blank or null: the unit's parent committee as of the list's year. */
  group: lineText('Nhóm (đảng bộ trực thuộc)', 200).optional(),
  reasons: z
    .array(watchReason)
    .max(WATCH_REASONS.length)
    .refine((r) => new Set(r).size === r.length, { error: 'Một lý do được chọn hai lần.' })
    .optional(),
  /** The text of the reason "Khác". */
  reasonOther: lineText('Lý do khác', 500).optional(),
  responsible: lineText('Đồng chí phụ trách', 200).optional(),
  workingGroup: lineText('Tổ công tác', 500).optional(),
  /** A level of the list's year, typed as its abbreviation or name (HTTNV, "Hoàn thành tốt…"). */
  targetLevel: lineText('Mức phấn đấu', 50).optional(),
  note: noteText('Ghi chú', 4000).optional(),
};

const OTHER_NEEDS_TEXT = {
  error: 'Lý do "Khác" cần ghi rõ nội dung.',
  path: ['reasonOther'],
};
const otherHasText = (v: {
  reasons?: WatchReason[] | undefined;
  reasonOther?: string | null | undefined;
}) => !v.reasons?.includes('other') || v.reasonOther === undefined || !!v.reasonOther;

const measureFields = {
  kind: measureKind,
  title: title('Nội dung biện pháp'),
  responsible: lineText('Người, bộ phận thực hiện', 200).optional(),
  startOn: isoDate.nullable().optional(),
  dueOn: isoDate.nullable().optional(),
  resultNote: noteText('Kết quả', 4000).optional(),
  documents: z
    .array(documentNumber.unwrap())
    .max(20, { error: 'Tối đa 20 văn bản liên quan.' })
    .transform((list) => [...new Set(list.filter((d): d is string => d !== null))])
    .optional(),
};

const DUE_AFTER_START = {
  error: 'Hạn hoàn thành không được trước ngày bắt đầu.',
  path: ['dueOn'],
};
const dueAfterStart = (v: {
  startOn?: string | null | undefined;
  dueOn?: string | null | undefined;
}) => !v.startOn || !v.dueOn || v.dueOn >= v.startOn;

export const watchlistMethods = {
  /** The lists covering a year (all lists without one), newest first. */
  'watchlists.list': method<Watchlist[]>()(
    z.strictObject({ year: ratingYear.optional() }),
    [],
    false,
  ),
  'watchlists.get': method<WatchlistDetail>()(
    z.strictObject({ id: watchlistId }),
    ['NOT_FOUND'],
    false,
  ),
  'watchlists.create': method<WatchlistDetail>()(
    z.strictObject(listFields).refine(toYearInOrder, TO_YEAR_ORDER),
    ['NOT_FOUND', 'UNIT_NOT_IN_YEAR', 'INVALID_INPUT'],
    true,
  ),
  /** Changes a list's decision; a year that some member's unit does not exist in is refused. */
  'watchlists.update': method<WatchlistDetail>()(
    z
      .strictObject({
        id: watchlistId,
        title: listFields.title.optional(),
        number: listFields.number,
        decidedOn: listFields.decidedOn,
        issuerId: unitId.optional(),
        year: ratingYear.optional(),
        toYear: listFields.toYear,
        purpose: listFields.purpose,
        note: listFields.note,
        extendsId: listFields.extendsId,
      })
      .refine(toYearInOrder, TO_YEAR_ORDER),
    ['NOT_FOUND', 'UNIT_NOT_IN_YEAR', 'CYCLE', 'INVALID_INPUT'],
    true,
  ),
  /** Tombstones a list and its members; refused while another list adds to or continues it. */
  'watchlists.remove': method<{ id: string }>()(
    z.strictObject({ id: watchlistId }),
    ['NOT_FOUND', 'HAS_CHILDREN'],
    true,
  ),
  'watchlists.addMember': method<WatchlistMember>()(
    z.strictObject({ watchlistId, unitId, ...memberFields }).refine(otherHasText, OTHER_NEEDS_TEXT),
    [
      'NOT_FOUND',
      'DUPLICATE_MEMBER',
      'UNIT_NOT_IN_YEAR',
      'UNIT_ENDED',
      'INVALID_LEVEL',
      'INVALID_INPUT',
    ],
    true,
  ),
  'watchlists.updateMember': method<WatchlistMember>()(
    z.strictObject({ id: memberId, ...memberFields }).refine(otherHasText, OTHER_NEEDS_TEXT),
    ['NOT_FOUND', 'INVALID_LEVEL', 'INVALID_INPUT'],
    true,
  ),
  /** Tombstones a member and its measures. */
  'watchlists.removeMember': method<{ id: string }>()(
    z.strictObject({ id: memberId }),
    ['NOT_FOUND'],
    true,
  ),
  /** Every status but "đang củng cố" needs its date; back to "đang củng cố" clears it. */
  'watchlists.setMemberStatus': method<WatchlistMember>()(
    z
      .strictObject({
        id: memberId,
        status: memberStatus,
        date: isoDate.nullable().optional(),
        reason: noteText('Lý do', 2000).optional(),
      })
      .refine((v) => v.status === 'active' || !!v.date, {
        error: 'Hãy ghi ngày thay đổi tình trạng theo dõi.',
        path: ['date'],
      }),
    ['NOT_FOUND', 'INVALID_INPUT'],
    true,
  ),
  /**
   * A member's result in one year of its list. The level, "mức độ chuyển biến" and rank are the
   * year's rating (written to the ratings by their one merge rule, so they are never typed
   * twice; the followed successor's rating after a merge); the remark is the list's own. Change
   * or rank without a rating recorded that year, and without a level given, is refused.
   */
  'watchlists.setResult': method<WatchlistMember>()(
    z.strictObject({
      memberId,
      year: ratingYear,
      levelCode: z.string().trim().min(1).max(40).optional(),
      change: changeLevel.nullable().optional(),
      rank: z
        .enum(RANKS, { error: 'Vị trí trong mức xếp loại không hợp lệ.' })
        .nullable()
        .optional(),
      remark: noteText('Nhận xét', 4000).optional(),
    }),
    ['NOT_FOUND', 'NO_RATING', 'INVALID_LEVEL', 'NO_SCALE', 'UNIT_NOT_IN_YEAR', 'INVALID_INPUT'],
    true,
  ),
  /**
   * "Lập danh sách năm sau": a new list for the year after this one's last year (or `year`),
   * same issuer, continuing this one, pre-filled with the members that did not improve or
   * changed slowly (shared/domain/watchlists.ts `carryReason`); they are marked "chuyển sang
   * năm sau" here. A merged unit is carried as its successor.
   */
  'watchlists.carryOver': method<CarryOverResult>()(
    z.strictObject({
      id: watchlistId,
      year: ratingYear.optional(),
      title: listFields.title.optional(),
      number: listFields.number,
      decidedOn: listFields.decidedOn,
    }),
    ['NOT_FOUND', 'UNIT_NOT_IN_YEAR', 'INVALID_INPUT'],
    true,
  ),
  'watchlists.ofUnit': method<UnitWatchEntry[]>()(z.strictObject({ unitId }), ['NOT_FOUND'], false),
  'measures.list': method<Measure[]>()(z.strictObject({ memberId }), ['NOT_FOUND'], false),
  'measures.add': method<Measure>()(
    z
      .strictObject({
        memberId,
        ...measureFields,
        status: z.enum(['planned', 'in_progress'] as const).optional(),
      })
      .refine(dueAfterStart, DUE_AFTER_START),
    ['NOT_FOUND', 'INVALID_INPUT'],
    true,
  ),
  /** Changes a measure; status planned / in progress reopens a done one (its done date cleared). */
  'measures.update': method<Measure>()(
    z
      .strictObject({
        id: measureId,
        kind: measureFields.kind.optional(),
        title: measureFields.title.optional(),
        responsible: measureFields.responsible,
        startOn: measureFields.startOn,
        dueOn: measureFields.dueOn,
        status: z.enum(['planned', 'in_progress'] as const).optional(),
        resultNote: measureFields.resultNote,
        documents: measureFields.documents,
      })
      .refine(dueAfterStart, DUE_AFTER_START),
    ['NOT_FOUND', 'INVALID_INPUT'],
    true,
  ),
  /** Marks a measure done on a date not after today (by the backend's clock). */
  'measures.complete': method<Measure>()(
    z.strictObject({
      id: measureId,
      doneOn: isoDate,
      resultNote: measureFields.resultNote,
    }),
    ['NOT_FOUND', 'INVALID_INPUT'],
    true,
  ),
  'measures.remove': method<{ id: string }>()(
    z.strictObject({ id: measureId }),
    ['NOT_FOUND'],
    true,
  ),
  /** Tổng quan: the lists covering `year`, and ratings of `ratingYear` (default: year − 1). */
  'overview.get': method<Overview>()(
    z.strictObject({ year: ratingYear, ratingYear: ratingYear.optional() }),
    [],
    false,
  ),
} as const;
