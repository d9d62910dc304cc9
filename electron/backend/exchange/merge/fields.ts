// Field-by-field differences of a record, as people read them: Vietnamese labels, levels through
// `ratingText`, dates dd/mm/yyyy, kinds, sectors and every other choice through its label table,
// and references through the name of what they point to.
import type { ExchangeEntity, FieldChange } from '../../../../shared/methods/exchange';
import {
  CHANGE_LABELS,
  NOT_RATED_LABELS,
  RANK_LABELS,
  RATED_BY_LABELS,
  ratingText,
  scaleById,
} from '../../../../shared/domain/scales';
import {
  LINEAGE_EVENT_LABELS,
  UNIT_KIND_LABELS,
  UNIT_SECTOR_LABELS,
} from '../../../../shared/domain/units';
import {
  MEASURE_KIND_LABELS,
  MEASURE_STATUS_LABELS,
  MEMBER_STATUS_LABELS,
  WATCH_REASON_LABELS,
} from '../../../../shared/domain/watchlists';
import { formatDateVi } from '../../../../shared/domain/years';
import type { DataOf, RecordOf } from '../format/records';
import { dataFields } from '../format/records';

/** How an empty value reads. */
export const EMPTY_TEXT = '(trống)';

/** What a reference field points to, so it can be shown by name. */
export type RefKind = 'unit' | 'watchlist' | 'member';

/** Names of what references point to (a unit's name, a list's title, a member's unit name). */
export type NameOf = (kind: RefKind, id: string) => string | null;

type Display =
  | { kind: 'text' }
  | { kind: 'year' }
  | { kind: 'number' }
  | { kind: 'date' }
  | { kind: 'bool' }
  | { kind: 'founded' }
  | { kind: 'level' }
  | { kind: 'scale' }
  | { kind: 'ref'; ref: RefKind }
  | { kind: 'choice'; labels: Readonly<Record<string, string>> }
  | { kind: 'choices'; labels: Readonly<Record<string, string>> }
  | { kind: 'list' };

interface FieldSpec {
  label: string;
  display: Display;
  /** Shown inside another field's value, not on its own (a level's "tiêu biểu"). */
  shownIn?: string;
}

const text = (label: string): FieldSpec => ({ label, display: { kind: 'text' } });
const yearField = (label: string): FieldSpec => ({ label, display: { kind: 'year' } });
const dateField = (label: string): FieldSpec => ({ label, display: { kind: 'date' } });
const numberField = (label: string): FieldSpec => ({ label, display: { kind: 'number' } });
const ref = (label: string, kind: RefKind): FieldSpec => ({
  label,
  display: { kind: 'ref', ref: kind },
});
const choice = (label: string, labels: Readonly<Record<string, string>>): FieldSpec => ({
  label,
  display: { kind: 'choice', labels },
});

const SPECS: { [E in ExchangeEntity]: { [K in keyof DataOf<E>]-?: FieldSpec } } = {
  unit: {
    foundedYear: { label: 'Năm thành lập', display: { kind: 'founded' } },
    foundedOn: dateField('Ngày thành lập'),
    endedYear: yearField('Năm kết thúc'),
    officialOrder: numberField('Thứ tự chính thức'),
  },
  unit_version: {
    unitId: ref('Tổ chức', 'unit'),
    validFrom: yearField('Từ năm'),
    validTo: yearField('Đến năm'),
    name: text('Tên tổ chức'),
    code: text('Mã'),
    kind: choice('Loại tổ chức', UNIT_KIND_LABELS),
    sector: choice('Loại hình', UNIT_SECTOR_LABELS),
    parentId: ref('Cấp trên trực tiếp', 'unit'),
  },
  lineage_event: {
    unitId: ref('Tổ chức', 'unit'),
    type: choice('Sự kiện', LINEAGE_EVENT_LABELS),
    year: yearField('Năm'),
    eventDate: dateField('Ngày'),
    basis: text('Căn cứ (số, ký hiệu văn bản)'),
    note: text('Ghi chú'),
    relatedUnitId: ref('Tổ chức liên quan', 'unit'),
  },
  rating: {
    unitId: ref('Tổ chức', 'unit'),
    year: yearField('Năm'),
    scaleId: { label: 'Thang xếp loại', display: { kind: 'scale' } },
    levelCode: { label: 'Mức xếp loại', display: { kind: 'level' } },
    notRatedReason: choice('Lý do không xếp loại', NOT_RATED_LABELS),
    // "TSVM" → "TSVM tiêu biểu" reads as one change of the level, as ratingText writes it.
    exemplary: { label: 'Tiêu biểu', display: { kind: 'bool' }, shownIn: 'levelCode' },
    rank: choice('Thứ hạng trong mức', RANK_LABELS),
    change: choice('Mức độ chuyển biến', CHANGE_LABELS),
    score: numberField('Điểm'),
    memberCount: numberField('Số đảng viên'),
    ratedBy: choice('Cấp đánh giá', RATED_BY_LABELS),
    decisionNumber: text('Số quyết định'),
    decisionDate: dateField('Ngày quyết định'),
    note: text('Ghi chú'),
  },
  watchlist: {
    title: text('Tên danh sách'),
    number: text('Số, ký hiệu'),
    decidedOn: dateField('Ngày ban hành'),
    issuerId: ref('Cấp ủy ban hành', 'unit'),
    year: yearField('Năm'),
    toYear: yearField('Đến năm'),
    purpose: text('Mục đích, yêu cầu'),
    note: text('Ghi chú'),
    extendsId: ref('Bổ sung cho danh sách', 'watchlist'),
    previousId: ref('Tiếp nối danh sách', 'watchlist'),
  },
  member: {
    watchlistId: ref('Danh sách', 'watchlist'),
    unitId: ref('Tổ chức', 'unit'),
    position: numberField('Thứ tự trong danh sách'),
    groupName: text('Nhóm'),
    reasons: {
      label: 'Lý do đưa vào diện củng cố',
      display: { kind: 'choices', labels: WATCH_REASON_LABELS },
    },
    reasonOther: text('Lý do khác'),
    responsible: text('Đồng chí phụ trách'),
    workingGroup: text('Tổ công tác'),
    targetLevel: text('Mức phấn đấu'),
    status: choice('Tình trạng', MEMBER_STATUS_LABELS),
    statusDate: dateField('Ngày của tình trạng'),
    statusReason: text('Lý do của tình trạng'),
    note: text('Ghi chú'),
    carriedFromId: ref('Chuyển tiếp từ', 'member'),
  },
  measure: {
    memberId: ref('Tổ chức được củng cố', 'member'),
    kind: choice('Loại biện pháp', MEASURE_KIND_LABELS),
    title: text('Nội dung biện pháp'),
    responsible: text('Người, bộ phận thực hiện'),
    startOn: dateField('Ngày bắt đầu'),
    dueOn: dateField('Hạn hoàn thành'),
    doneOn: dateField('Ngày hoàn thành'),
    status: choice('Tình trạng', MEASURE_STATUS_LABELS),
    resultNote: text('Kết quả'),
    documents: { label: 'Văn bản liên quan', display: { kind: 'list' } },
  },
  result: {
    memberId: ref('Tổ chức được củng cố', 'member'),
    year: yearField('Năm'),
    remark: text('Nhận xét'),
  },
};

/** The pseudo-field of a tombstone: a record removed on one side travels as a change too. */
const DELETED_LABEL = 'Tình trạng bản ghi';
const LIVE_TEXT = 'Đang dùng';
const DELETED_TEXT = 'Đã xóa';

const numberFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });

function show(
  display: Display,
  value: unknown,
  data: Readonly<Record<string, unknown>>,
  nameOf: NameOf,
): string {
  if (display.kind === 'founded') return value === null ? 'Có từ trước' : String(value);
  if (display.kind === 'bool') return value === true ? 'Có' : 'Không';
  if (value === null || value === undefined || value === '') return EMPTY_TEXT;
  switch (display.kind) {
    case 'text':
    case 'year':
      return String(value);
    case 'number':
      return typeof value === 'number' ? numberFormat.format(value) : String(value);
    case 'date':
      return formatDateVi(String(value));
    case 'level': {
      const scaleId = typeof data.scaleId === 'string' ? data.scaleId : '';
      return ratingText(scaleById(scaleId), String(value), data.exemplary === true);
    }
    case 'scale':
      return scaleById(String(value))?.name ?? String(value);
    case 'ref':
      return nameOf(display.ref, String(value)) ?? String(value);
    case 'choice':
      return display.labels[String(value)] ?? String(value);
    case 'choices':
    case 'list': {
      const items = Array.isArray(value) ? value.map(String) : [];
      if (items.length === 0) return EMPTY_TEXT;
      const labels = display.kind === 'choices' ? display.labels : {};
      return items.map((item) => labels[item] ?? item).join('; ');
    }
  }
}

/** Equal as stored: arrays compare by their items, everything else by value. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b)) return JSON.stringify(a) === JSON.stringify(b);
  return (a ?? null) === (b ?? null);
}

/** Whether two records of one kind hold the same values (tombstone state included). */
export function sameRecord<E extends ExchangeEntity>(a: RecordOf<E>, b: RecordOf<E>): boolean {
  if ((a.del === null) !== (b.del === null)) return false;
  const x: Readonly<Record<string, unknown>> = a.d;
  const y: Readonly<Record<string, unknown>> = b.d;
  return dataFields(a.t).every((field) => sameValue(x[field], y[field]));
}

/** The fields that differ between the local record and the incoming one, old → new. */
export function fieldChanges<E extends ExchangeEntity>(
  local: RecordOf<E>,
  incoming: RecordOf<E>,
  nameOf: NameOf,
): FieldChange[] {
  const specs: Readonly<Record<string, FieldSpec>> = SPECS[local.t];
  const x: Readonly<Record<string, unknown>> = local.d;
  const y: Readonly<Record<string, unknown>> = incoming.d;
  const fields = dataFields(local.t);
  const differs = (field: string) => !sameValue(x[field], y[field]);
  const changes: FieldChange[] = [];
  for (const field of fields) {
    const spec = specs[field];
    if (!spec || spec.shownIn !== undefined) continue;
    const within = fields.filter((f) => specs[f]?.shownIn === field);
    if (!differs(field) && !within.some(differs)) continue;
    changes.push({
      field,
      label: spec.label,
      local: show(spec.display, x[field], x, nameOf),
      incoming: show(spec.display, y[field], y, nameOf),
    });
  }
  if ((local.del === null) !== (incoming.del === null)) {
    changes.push({
      field: 'deleted',
      label: DELETED_LABEL,
      local: local.del === null ? LIVE_TEXT : DELETED_TEXT,
      incoming: incoming.del === null ? LIVE_TEXT : DELETED_TEXT,
    });
  }
  return changes;
}
