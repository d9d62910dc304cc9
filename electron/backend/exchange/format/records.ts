// The records of a .tccsd file (format version 1, docs/exchange-format.md): the header's schema,
// one schema per record type, and the one mapping between a record and its table row, used in
// both directions (export: row → record; import: record → column values), so a field can never
// travel under one name and come back under another.
//
// The record schemas reuse the app's own field schemas (names, codes, dates, document numbers,
// the enums), so a file can carry nothing the forms would refuse. Year fields follow the
// dispatcher's year rule: parse records inside `withSchemaYear(clockYear(ctx), …)`.
import { z } from 'zod';
import type { ExchangeEntity, ExchangeHeader } from '../../../../shared/methods/exchange';
import {
  EXCHANGE_ENTITIES,
  EXCHANGE_ENTITY_LABELS,
  EXCHANGE_FORMAT,
} from '../../../../shared/methods/exchange';
import { ratingYear } from '../../../../shared/methods/ratings';
import {
  documentNumber,
  lineText,
  measureKind,
  measureStatus,
  memberStatus,
  noteText,
  watchReason,
} from '../../../../shared/methods/watchlists';
import {
  basis,
  isoDate,
  unitCode,
  unitKind,
  unitName,
  unitSector,
  year,
} from '../../../../shared/schemas';
import { UUID_PATTERN } from '../../../../shared/domain/ids';
import { LINEAGE_EVENT_TYPES } from '../../../../shared/domain/units';
import {
  CHANGES,
  NOT_RATED_REASONS,
  RANKS,
  RATED_BY,
  levelOf,
  scaleById,
  scaleForYear,
} from '../../../../shared/domain/scales';
import { MIN_YEAR } from '../../../../shared/domain/years';
import { unitSortKey } from '../../../../shared/domain/sort-key';
import { foldForSearch } from '../../../../shared/domain/text';
import { plainRating } from './fast-rating';

// ---------------------------------------------------------------------------------------------
// Shared pieces

const recordId = z.string().regex(UUID_PATTERN, { error: 'Mã định danh phải là một UUID.' });
const ref = (what: string) =>
  z.string().regex(UUID_PATTERN, { error: `Mã định danh ${what} phải là một UUID.` });
/** An installation id: the app makes UUIDs; other programs may use any short stable text. */
const installation = z
  .string({ error: 'Mã cài đặt phải là chữ.' })
  .min(1, { error: 'Mã cài đặt không được để trống.' })
  .max(100, { error: 'Mã cài đặt dài quá 100 ký tự.' });
/** A timestamp as the app writes it (`Date.toISOString()`); any ISO 8601 date-time with a zone. */
const timestamp = z.iso.datetime({ offset: true, error: 'Thời điểm phải ở dạng ISO 8601.' });
const revision = z
  .number({ error: 'Số phiên bản phải là số.' })
  .int({ error: 'Số phiên bản phải là số nguyên.' })
  .min(1, { error: 'Số phiên bản phải từ 1 trở lên.' })
  .max(Number.MAX_SAFE_INTEGER);
const optionalYear = year.nullable();
const date = isoDate.nullable();

// ---------------------------------------------------------------------------------------------
// The fields of each record type (`d`)

const unitData = z.strictObject({
  /** Null: founded before the register begins ("có từ trước"). */
  foundedYear: optionalYear,
  foundedOn: date,
  endedYear: optionalYear,
  officialOrder: z
    .number({ error: 'Thứ tự phải là số.' })
    .int({ error: 'Thứ tự phải là số nguyên.' })
    .min(1, { error: 'Thứ tự phải từ 1 trở lên.' })
    .max(1_000_000, { error: 'Thứ tự quá lớn.' })
    .nullable(),
});

const unitVersionData = z
  .strictObject({
    unitId: ref('tổ chức'),
    validFrom: year,
    validTo: optionalYear,
    name: unitName,
    code: unitCode,
    kind: unitKind,
    sector: unitSector,
    parentId: ref('tổ chức cấp trên').nullable(),
  })
  .refine((v) => v.validTo === null || v.validTo >= v.validFrom, {
    error: 'Năm kết thúc phải bằng hoặc sau năm bắt đầu.',
    path: ['validTo'],
  })
  .refine((v) => v.parentId !== v.unitId, {
    error: 'Tổ chức không thể trực thuộc chính nó.',
    path: ['parentId'],
  });

const lineageEventData = z
  .strictObject({
    unitId: ref('tổ chức'),
    type: z.enum(LINEAGE_EVENT_TYPES, { error: 'Loại sự kiện không hợp lệ.' }),
    year,
    eventDate: date,
    basis,
    note: noteText('Ghi chú', 4000),
    relatedUnitId: ref('tổ chức liên quan').nullable(),
  })
  .refine((v) => !v.eventDate || Number(v.eventDate.slice(0, 4)) === v.year, {
    error: 'Ngày quyết định phải nằm trong năm áp dụng.',
    path: ['eventDate'],
  });

const ratingData = z
  .strictObject({
    unitId: ref('tổ chức'),
    year: ratingYear,
    scaleId: z.string({ error: 'Thang xếp loại phải là chữ.' }).max(50),
    levelCode: z.string({ error: 'Mức xếp loại phải là chữ.' }).max(30).nullable(),
    notRatedReason: z
      .enum(NOT_RATED_REASONS, { error: 'Lý do không xếp loại không hợp lệ.' })
      .nullable(),
    exemplary: z.boolean({ error: '"Tiêu biểu" phải là true hoặc false.' }),
    rank: z.enum(RANKS, { error: 'Thứ hạng trong mức không hợp lệ.' }).nullable(),
    change: z.enum(CHANGES, { error: 'Mức độ chuyển biến không hợp lệ.' }).nullable(),
    score: z
      .number({ error: 'Điểm phải là số.' })
      .min(0, { error: 'Điểm phải từ 0 đến 100.' })
      .max(100, { error: 'Điểm phải từ 0 đến 100.' })
      .nullable(),
    memberCount: z
      .number({ error: 'Số đảng viên phải là số.' })
      .int({ error: 'Số đảng viên phải là số nguyên.' })
      .min(0, { error: 'Số đảng viên không được âm.' })
      .nullable(),
    ratedBy: z.enum(RATED_BY, { error: 'Cấp đánh giá không hợp lệ.' }).nullable(),
    decisionNumber: basis,
    decisionDate: date,
    note: z.string().trim().max(2000, { error: 'Ghi chú dài quá 2000 ký tự.' }).nullable(),
  })
  .check((ctx) => {
    const problem = ratingProblem(ctx.value);
    if (problem)
      ctx.issues.push({
        code: 'custom',
        message: problem.message,
        path: [problem.path],
        input: ctx.value,
      });
  });

/** The rating rules a record must keep: the year's own scale, a level of it, "tiêu biểu" only on its level. */
function ratingProblem(v: {
  year: number;
  scaleId: string;
  levelCode: string | null;
  notRatedReason: string | null;
  exemplary: boolean;
}): { path: string; message: string } | null {
  const scale = scaleForYear(v.year);
  if (!scale) return { path: 'year', message: `Chưa có thang xếp loại cho năm ${v.year}.` };
  if (scaleById(v.scaleId)?.id !== scale.id) {
    return {
      path: 'scaleId',
      message: `Thang xếp loại "${v.scaleId}" không phải thang của năm ${v.year} (${scale.id}).`,
    };
  }
  if ((v.levelCode === null) === (v.notRatedReason === null)) {
    return {
      path: 'levelCode',
      message: 'Cần đúng một trong hai: mức xếp loại hoặc lý do không xếp loại.',
    };
  }
  if (v.levelCode !== null && !levelOf(scale, v.levelCode)) {
    return {
      path: 'levelCode',
      message: `Mức "${v.levelCode}" không có trong thang xếp loại năm ${v.year}.`,
    };
  }
  if (v.exemplary && v.levelCode !== scale.exemplaryLevel) {
    return {
      path: 'exemplary',
      message: scale.exemplaryLevel
        ? `Chỉ mức ${scale.exemplaryLevel} mới được ghi là "tiêu biểu".`
        : `Thang xếp loại năm ${v.year} không có danh hiệu "tiêu biểu".`,
    };
  }
  return null;
}

const watchlistData = z
  .strictObject({
    title: lineText('Tên danh sách', 500).pipe(
      z.string({ error: 'Tên danh sách không được để trống.' }),
    ),
    number: documentNumber,
    decidedOn: date,
    issuerId: ref('cấp ủy ban hành'),
    year: ratingYear,
    toYear: ratingYear.nullable(),
    purpose: noteText('Mục đích, yêu cầu', 4000),
    note: noteText('Ghi chú', 4000),
    extendsId: ref('danh sách cấp trên').nullable(),
    previousId: ref('danh sách năm trước').nullable(),
  })
  .refine((v) => v.toYear === null || v.toYear >= v.year, {
    error: 'Năm kết thúc phải bằng hoặc sau năm bắt đầu của danh sách.',
    path: ['toYear'],
  });

const memberData = z
  .strictObject({
    watchlistId: ref('danh sách'),
    unitId: ref('tổ chức'),
    position: z
      .number({ error: 'Thứ tự phải là số.' })
      .int({ error: 'Thứ tự phải là số nguyên.' })
      .min(0, { error: 'Thứ tự không được âm.' }),
    groupName: lineText('Nhóm (đảng bộ trực thuộc)', 200),
    reasons: z
      .array(watchReason)
      .refine((r) => new Set(r).size === r.length, { error: 'Một lý do được ghi hai lần.' }),
    reasonOther: lineText('Lý do khác', 500),
    responsible: lineText('Đồng chí phụ trách', 200),
    workingGroup: lineText('Tổ công tác', 500),
    targetLevel: lineText('Mức phấn đấu', 50),
    status: memberStatus,
    statusDate: date,
    statusReason: noteText('Lý do', 2000),
    note: noteText('Ghi chú', 4000),
    carriedFromId: ref('thành viên năm trước').nullable(),
  })
  .refine((v) => v.status === 'active' || v.statusDate !== null, {
    error: 'Tình trạng khác "đang theo dõi" cần có ngày.',
    path: ['statusDate'],
  });

const measureData = z
  .strictObject({
    memberId: ref('thành viên danh sách'),
    kind: measureKind,
    title: lineText('Nội dung biện pháp', 500).pipe(
      z.string({ error: 'Nội dung biện pháp không được để trống.' }),
    ),
    responsible: lineText('Người, bộ phận thực hiện', 200),
    startOn: date,
    dueOn: date,
    doneOn: date,
    status: measureStatus,
    resultNote: noteText('Kết quả', 4000),
    documents: z
      .array(documentNumber.unwrap().pipe(z.string({ error: 'Số văn bản không được để trống.' })))
      .max(20, { error: 'Tối đa 20 văn bản liên quan.' }),
  })
  .refine((v) => (v.status === 'done') === (v.doneOn !== null), {
    error: 'Biện pháp "đã xong" phải có ngày hoàn thành, và chỉ khi đó.',
    path: ['doneOn'],
  })
  .refine((v) => !v.startOn || !v.dueOn || v.dueOn >= v.startOn, {
    error: 'Hạn hoàn thành không được trước ngày bắt đầu.',
    path: ['dueOn'],
  });

const resultData = z.strictObject({
  memberId: ref('thành viên danh sách'),
  year: ratingYear,
  remark: noteText('Nhận xét', 4000),
});

// ---------------------------------------------------------------------------------------------
// Records

function recordOf<const T extends ExchangeEntity, D extends z.ZodType>(t: T, d: D) {
  return z.strictObject({
    t: z.literal(t),
    id: recordId,
    rev: revision,
    by: installation,
    at: timestamp,
    del: timestamp.nullable(),
    d,
  });
}

export const exchangeRecord = z.discriminatedUnion('t', [
  recordOf('unit', unitData),
  recordOf('unit_version', unitVersionData),
  recordOf('lineage_event', lineageEventData),
  recordOf('rating', ratingData),
  recordOf('watchlist', watchlistData),
  recordOf('member', memberData),
  recordOf('measure', measureData),
  recordOf('result', resultData),
]);

/** One record line, as parsed (the app's field schemas applied). */
export type ExchangeRecord = z.output<typeof exchangeRecord>;
export type RecordOf<E extends ExchangeEntity> = Extract<ExchangeRecord, { t: E }>;
export type DataOf<E extends ExchangeEntity> = RecordOf<E>['d'];

// ---------------------------------------------------------------------------------------------
// The header

const count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const countFields = Object.fromEntries(EXCHANGE_ENTITIES.map((e) => [e, count])) as Record<
  ExchangeEntity,
  typeof count
>;

export const exchangeHeader = z.strictObject({
  format: z.literal(EXCHANGE_FORMAT),
  formatVersion: z.number().int().min(1),
  appVersion: z.string().min(1).max(50),
  installationId: installation,
  installationName: z.string().max(1000),
  senderUnitId: recordId.nullable(),
  senderUnitName: z.string().max(1000),
  scope: z.strictObject({ unitId: recordId.nullable(), unitName: z.string().max(1000) }),
  years: z
    .strictObject({ from: z.number().int(), to: z.number().int() })
    .refine((y) => y.to >= y.from)
    .nullable(),
  sinceLast: z.boolean(),
  createdAt: timestamp,
  sequence: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  counts: z.strictObject(countFields),
  contentSha256: z.string().regex(/^[0-9a-f]{64}$/),
}) satisfies z.ZodType<ExchangeHeader>;

// ---------------------------------------------------------------------------------------------
// Parsing one line

export type ParsedLine = { ok: true; record: ExchangeRecord } | { ok: false; message: string };

/**
 * One record line → the record, or a Vietnamese sentence saying what is wrong (the caller adds
 * the line number). Years follow the caller's `withSchemaYear`.
 */
export function parseRecordLine(text: string): ParsedLine {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, message: 'Bản ghi không phải là JSON hợp lệ.' };
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    return { ok: false, message: 'Bản ghi phải là một đối tượng JSON.' };
  }
  const t = (json as { t?: unknown }).t;
  if (typeof t !== 'string' || !(EXCHANGE_ENTITIES as readonly string[]).includes(t)) {
    return {
      ok: false,
      message: `Loại bản ghi ${JSON.stringify(t ?? null)} không có trong định dạng (các loại: ${EXCHANGE_ENTITIES.join(', ')}).`,
    };
  }
  if (t === 'rating') {
    // Most of a national file: a plain rating is taken as parsed (fast-rating.ts).
    const plain = plainRating(json as Record<string, unknown>, ratingProblem);
    if (plain) return { ok: true, record: plain };
  }
  const parsed = exchangeRecord.safeParse(json);
  if (parsed.success) return { ok: true, record: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` (trường ${issue.path.join('.')})` : '';
  const label = EXCHANGE_ENTITY_LABELS[t as ExchangeEntity];
  const problem = (issue?.message ?? 'dữ liệu không hợp lệ').replace(/\.$/, '');
  return { ok: false, message: `${label}: ${problem}${where}.` };
}

// ---------------------------------------------------------------------------------------------
// Record ↔ row: the one mapping

/** A value as SQLite stores it in these tables. */
export type SqlValue = string | number | null;
export type SqlRow = Readonly<Record<string, unknown>>;

/**
 * How a field is kept: `plain` as it is, `bool` as 0/1, `json` as a JSON array text, `founded`
 * as the founding year plus the "có từ trước" flag (null ↔ MIN_YEAR with founded_unknown = 1).
 */
type Codec = 'plain' | 'bool' | 'json' | 'founded';
interface FieldColumn {
  column: string;
  codec: Codec;
}
type FieldMap<E extends ExchangeEntity> = { [K in keyof DataOf<E>]-?: FieldColumn };

const plain = (column: string): FieldColumn => ({ column, codec: 'plain' });

const FIELDS: { [E in ExchangeEntity]: FieldMap<E> } = {
  unit: {
    foundedYear: { column: 'founded_year', codec: 'founded' },
    foundedOn: plain('founded_on'),
    endedYear: plain('ended_year'),
    officialOrder: plain('official_order'),
  },
  unit_version: {
    unitId: plain('unit_id'),
    validFrom: plain('valid_from'),
    validTo: plain('valid_to'),
    name: plain('name'),
    code: plain('code'),
    kind: plain('kind'),
    sector: plain('sector'),
    parentId: plain('parent_id'),
  },
  lineage_event: {
    unitId: plain('unit_id'),
    type: plain('type'),
    year: plain('year'),
    eventDate: plain('event_date'),
    basis: plain('basis'),
    note: plain('note'),
    relatedUnitId: plain('related_unit_id'),
  },
  rating: {
    unitId: plain('unit_id'),
    year: plain('year'),
    scaleId: plain('scale_id'),
    levelCode: plain('level_code'),
    notRatedReason: plain('not_rated_reason'),
    exemplary: { column: 'exemplary', codec: 'bool' },
    rank: plain('rank'),
    change: plain('change'),
    score: plain('score'),
    memberCount: plain('member_count'),
    ratedBy: plain('rated_by'),
    decisionNumber: plain('decision_number'),
    decisionDate: plain('decision_date'),
    note: plain('note'),
  },
  watchlist: {
    title: plain('title'),
    number: plain('number'),
    decidedOn: plain('decided_on'),
    issuerId: plain('issuer_id'),
    year: plain('year'),
    toYear: plain('to_year'),
    purpose: plain('purpose'),
    note: plain('note'),
    extendsId: plain('extends_id'),
    previousId: plain('previous_id'),
  },
  member: {
    watchlistId: plain('watchlist_id'),
    unitId: plain('unit_id'),
    position: plain('position'),
    groupName: plain('group_name'),
    reasons: { column: 'reasons', codec: 'json' },
    reasonOther: plain('reason_other'),
    responsible: plain('responsible'),
    workingGroup: plain('working_group'),
    targetLevel: plain('target_level'),
    status: plain('status'),
    statusDate: plain('status_date'),
    statusReason: plain('status_reason'),
    note: plain('note'),
    carriedFromId: plain('carried_from_id'),
  },
  measure: {
    memberId: plain('member_id'),
    kind: plain('kind'),
    title: plain('title'),
    responsible: plain('responsible'),
    startOn: plain('start_on'),
    dueOn: plain('due_on'),
    doneOn: plain('done_on'),
    status: plain('status'),
    resultNote: plain('result_note'),
    documents: { column: 'documents', codec: 'json' },
  },
  result: {
    memberId: plain('member_id'),
    year: plain('year'),
    remark: plain('remark'),
  },
};

/** The table of each record type, and the entity name its changes carry in the audit log. */
export const EXCHANGE_TABLES: Record<ExchangeEntity, { table: string; audit: string }> = {
  unit: { table: 'units', audit: 'unit' },
  unit_version: { table: 'unit_versions', audit: 'unit_version' },
  lineage_event: { table: 'lineage_events', audit: 'lineage_event' },
  rating: { table: 'ratings', audit: 'rating' },
  watchlist: { table: 'watchlists', audit: 'watchlist' },
  member: { table: 'watchlist_members', audit: 'watchlist_member' },
  measure: { table: 'measures', audit: 'measure' },
  result: { table: 'watchlist_results', audit: 'watchlist_result' },
};

/** The fields of `d` in the order the format lists them. */
export function dataFields<E extends ExchangeEntity>(entity: E): (keyof DataOf<E> & string)[] {
  return Object.keys(FIELDS[entity]) as (keyof DataOf<E> & string)[];
}

/** The field → column map of one record type (for labels and messages). */
export function fieldColumn<E extends ExchangeEntity>(entity: E, field: keyof DataOf<E>): string {
  return FIELDS[entity][field].column;
}

/**
 * The columns a row must be read with to make its record: the fields' columns plus id, rev,
 * updated_at, changed_by_installation, deleted_at.
 */
export function recordColumns(entity: ExchangeEntity): string[] {
  const columns = ['id'];
  for (const spec of Object.values<FieldColumn>(FIELDS[entity])) {
    columns.push(spec.column);
    if (spec.codec === 'founded') columns.push('founded_unknown');
  }
  columns.push('rev', 'updated_at', 'changed_by_installation', 'deleted_at');
  return columns;
}

function fromColumn(spec: FieldColumn, row: SqlRow): unknown {
  const value = row[spec.column] ?? null;
  switch (spec.codec) {
    case 'plain':
      return value;
    case 'bool':
      return value === 1;
    case 'json':
      return typeof value === 'string' ? (JSON.parse(value) as unknown) : [];
    case 'founded':
      return row.founded_unknown === 1 ? null : value;
  }
}

function toColumns(spec: FieldColumn, value: unknown, into: Record<string, SqlValue>): void {
  switch (spec.codec) {
    case 'plain':
      into[spec.column] = value === undefined ? null : (value as SqlValue);
      return;
    case 'bool':
      into[spec.column] = value === true ? 1 : 0;
      return;
    case 'json':
      into[spec.column] = JSON.stringify(value ?? []);
      return;
    case 'founded':
      into[spec.column] = value === null || value === undefined ? MIN_YEAR : (value as number);
      into.founded_unknown = value === null || value === undefined ? 1 : 0;
      return;
  }
}

/** A row read with `recordColumns(entity)` → its record, exactly as stored. */
export function recordFromRow<E extends ExchangeEntity>(entity: E, row: SqlRow): RecordOf<E> {
  const d: Record<string, unknown> = {};
  for (const [field, spec] of Object.entries<FieldColumn>(FIELDS[entity])) {
    d[field] = fromColumn(spec, row);
  }
  // The field map is typed against the record schema (FieldMap), so `d` has exactly its keys.
  return {
    t: entity,
    id: row.id,
    rev: row.rev,
    by: row.changed_by_installation,
    at: row.updated_at,
    del: row.deleted_at ?? null,
    d,
  } as RecordOf<E>;
}

/**
 * A record → the column values of its row: id, every field's column, rev, updated_at,
 * changed_by_installation, deleted_at, and for a unit version the folded name and code and the sort key (always
 * recomputed here, never taken from a file). created_at and synced_rev are the importer's.
 */
export function rowFromRecord(record: ExchangeRecord): Record<string, SqlValue> {
  const row: Record<string, SqlValue> = { id: record.id };
  const data: Record<string, unknown> = record.d;
  for (const [field, spec] of Object.entries<FieldColumn>(FIELDS[record.t])) {
    toColumns(spec, data[field], row);
  }
  if (record.t === 'unit_version') {
    row.name_folded = foldForSearch(record.d.name);
    row.sort_key = unitSortKey(record.d.name);
    row.code_folded = record.d.code ? foldForSearch(record.d.code) : null;
  }
  row.rev = record.rev;
  row.updated_at = record.at;
  row.changed_by_installation = record.by;
  row.deleted_at = record.del;
  return row;
}

/** The fields of each record type that name a unit (the record's own id too, for a unit). */
export const UNIT_REFERENCES: { [E in ExchangeEntity]: readonly (keyof DataOf<E>)[] } = {
  unit: [],
  unit_version: ['unitId', 'parentId'],
  lineage_event: ['unitId', 'relatedUnitId'],
  rating: ['unitId'],
  watchlist: ['issuerId'],
  member: ['unitId'],
  measure: [],
  result: [],
};

/**
 * The record with every unit id passed through `map` (aliases: remote → local on import, local →
 * remote on export); the record itself when nothing changes.
 */
export function mapUnitIds<R extends ExchangeRecord>(record: R, map: (id: string) => string): R {
  const fields = UNIT_REFERENCES[record.t] as readonly string[];
  const id = record.t === 'unit' ? map(record.id) : record.id;
  let d: Record<string, unknown> | null = null;
  for (const field of fields) {
    const value: unknown = (record.d as Record<string, unknown>)[field];
    if (typeof value !== 'string') continue;
    const mapped = map(value);
    if (mapped === value) continue;
    d ??= { ...record.d };
    d[field] = mapped;
  }
  if (id === record.id && d === null) return record;
  return { ...record, id, d: d ?? record.d };
}
