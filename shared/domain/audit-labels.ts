// Vietnamese names for what the audit log records (the Nhật ký thay đổi screen, `tccsd audit
// verify`, Cài đặt → Kiểm tra nhật ký): its entities, their fields and the channels writes come by.
import type { AuditBrokenRow, AuditChange, AuditChannel } from '../methods/audit';
import { EXCHANGE_DIRECTION_LABELS } from '../methods/exchange';
import { SCALES } from './scales';
import { LINEAGE_EVENT_LABELS, UNIT_KIND_LABELS, UNIT_SECTOR_LABELS } from './units';
import {
  MEASURE_KIND_LABELS,
  MEASURE_STATUS_LABELS,
  MEMBER_STATUS_LABELS,
  WATCH_REASON_LABELS,
} from './watchlists';

export const AUDIT_ENTITY_LABELS: Readonly<Record<string, string>> = {
  unit: 'Tổ chức đảng',
  unit_version: 'Thông tin tổ chức đảng',
  lineage_event: 'Sự kiện thành lập, sáp nhập, giải thể',
  rating: 'Xếp loại chất lượng',
  watchlist: 'Danh sách theo dõi',
  watchlist_member: 'Tổ chức trong danh sách theo dõi',
  measure: 'Biện pháp khắc phục',
  watchlist_result: 'Kết quả khắc phục',
  exchange_batch: 'Nhập tệp trao đổi dữ liệu',
  settings: 'Cài đặt',
};

export const AUDIT_FIELD_LABELS: Readonly<Record<string, string>> = {
  // Units and their versions.
  founded_year: 'Năm thành lập',
  founded_unknown: 'Có từ trước (không rõ năm thành lập)',
  founded_on: 'Ngày thành lập',
  ended_year: 'Năm kết thúc',
  official_order: 'Thứ tự chính thức',
  unit_id: 'Tổ chức đảng',
  valid_from: 'Hiệu lực từ năm',
  valid_to: 'Hiệu lực đến năm',
  name: 'Tên',
  code: 'Mã',
  kind: 'Loại tổ chức',
  sector: 'Loại hình',
  parent_id: 'Cấp trên trực tiếp',
  deleted_at: 'Thời điểm xóa',
  // Lineage events.
  type: 'Loại sự kiện',
  year: 'Năm',
  event_date: 'Ngày',
  basis: 'Căn cứ',
  note: 'Ghi chú',
  related_unit_id: 'Tổ chức liên quan',
  // Ratings.
  scale_id: 'Thang xếp loại',
  level_code: 'Mức xếp loại',
  not_rated_reason: 'Lý do không xếp loại',
  exemplary: 'Tiêu biểu',
  rank: 'Thứ hạng',
  change: 'Thay đổi',
  score: 'Điểm',
  member_count: 'Số đảng viên',
  rated_by: 'Cấp xếp loại',
  decision_number: 'Số quyết định',
  decision_date: 'Ngày quyết định',
  // Watchlists, members, measures, results.
  title: 'Tiêu đề',
  number: 'Số',
  decided_on: 'Ngày quyết định',
  issuer_id: 'Cấp ban hành',
  to_year: 'Đến năm',
  purpose: 'Mục đích',
  extends_id: 'Tiếp nối danh sách',
  previous_id: 'Danh sách trước',
  watchlist_id: 'Danh sách theo dõi',
  position: 'Thứ tự',
  group_name: 'Nhóm',
  reasons: 'Lý do',
  reason_other: 'Lý do khác',
  responsible: 'Người phụ trách',
  working_group: 'Tổ công tác',
  target_level: 'Mức phấn đấu',
  status: 'Trạng thái',
  status_date: 'Ngày trạng thái',
  status_reason: 'Lý do trạng thái',
  carried_from_id: 'Chuyển từ',
  member_id: 'Tổ chức theo dõi',
  start_on: 'Ngày bắt đầu',
  due_on: 'Hạn hoàn thành',
  done_on: 'Ngày hoàn thành',
  result_note: 'Kết quả',
  documents: 'Tài liệu',
  remark: 'Nhận xét',
  // An exchange batch's own row.
  file_name: 'Tên tệp',
  sha256: 'Mã SHA-256 của tệp',
  sender_installation: 'Máy gửi',
  sender_unit_name: 'Đơn vị gửi',
  sequence: 'Số thứ tự tệp',
  direction: 'Chiều gửi',
  inserted: 'Số bản ghi thêm',
  updated: 'Số bản ghi sửa',
  skipped: 'Số bản ghi bỏ qua',
  conflicts: 'Số xung đột',
  keptLocal: 'Số bản ghi giữ dữ liệu đang có',
  identical: 'Số bản ghi giống hệt',
  undone: 'Đã hoàn tác',
  // Settings.
  value: 'Giá trị',
};

export const AUDIT_SETTING_LABELS: Readonly<Record<string, string>> = {
  operator_name: 'Tên người sử dụng',
  own_unit_id: 'Tổ chức đảng của máy này',
};

export const AUDIT_CHANNEL_LABELS: Readonly<Record<AuditChannel, string>> = {
  app: 'Ứng dụng',
  preview: 'Bản xem trước (trình duyệt)',
  cli: 'Dòng lệnh (tccsd)',
};

/** Fields whose name depends on the record: a measure's kind is not a unit's kind. */
const ENTITY_FIELD_LABELS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  measure: { kind: 'Loại biện pháp', title: 'Nội dung' },
};

/** A field's Vietnamese name (for the record's entity); an unknown field keeps its stored name. */
export function auditFieldLabel(field: string, entity?: string): string {
  const own = entity === undefined ? undefined : ENTITY_FIELD_LABELS[entity]?.[field];
  return own ?? AUDIT_FIELD_LABELS[field] ?? field;
}

export function auditEntityLabel(entity: string): string {
  return AUDIT_ENTITY_LABELS[entity] ?? entity;
}

/**
 * Stored codes shown by their Vietnamese names (kinds, sectors, event types, statuses). A unit's
 * and a measure's `kind`, a measure's and a list member's `status`, share a field name; their
 * codes do not overlap, so one table per field serves both.
 */
const VALUE_LABELS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  kind: { ...UNIT_KIND_LABELS, ...MEASURE_KIND_LABELS },
  sector: UNIT_SECTOR_LABELS,
  type: LINEAGE_EVENT_LABELS,
  status: { ...MEASURE_STATUS_LABELS, ...MEMBER_STATUS_LABELS },
  // An exchange batch's row: where its file came from.
  direction: EXCHANGE_DIRECTION_LABELS,
};

/** A list member's reasons, stored as a JSON array of codes, by their names; null: not such. */
function reasonsLabel(text: string): string | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (!Array.isArray(parsed)) return null;
  const labels: Readonly<Record<string, string>> = WATCH_REASON_LABELS;
  return parsed.map((code) => labels[String(code)] ?? String(code)).join('; ');
}

/** Fields stored as 0/1 that mean no/yes. */
const FLAGS = new Set(['exemplary', 'undone', 'founded_unknown']);

/** A stored value as the screen shows it; null (no value) stays null. */
export function auditValueLabel(field: string, value: AuditChange['old']): string | null {
  if (value === null || value === '') return null;
  if (typeof value === 'boolean' || FLAGS.has(field)) return value ? 'có' : 'không';
  const text = String(value);
  // An empty list (a measure's documents) is no value.
  if (text === '[]') return null;
  // A day as every date of the app is written (17/02/2017), not as stored.
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (day) return `${day[3]}/${day[2]}/${day[1]}`;
  // A rating's scale by its name (Thang xếp loại 2008–2017), not its id.
  if (field === 'scale_id') return SCALES.find((scale) => scale.id === text)?.name ?? text;
  if (field === 'reasons') return reasonsLabel(text) ?? text;
  return VALUE_LABELS[field]?.[text] ?? text;
}

/** An ISO instant as dd/mm/yyyy hh:mm:ss in the machine's time zone. */
export function auditTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const two = (n: number) => String(n).padStart(2, '0');
  return (
    `${two(d.getDate())}/${two(d.getMonth() + 1)}/${d.getFullYear()} ` +
    `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`
  );
}

const PROBLEMS: Readonly<Record<AuditBrokenRow['problem'], string>> = {
  changed: 'nội dung của dòng này đã bị sửa',
  missing:
    'liên kết với dòng trước bị đứt (một dòng trước nó đã bị xóa, hoặc chính dòng này được thêm từ bên ngoài)',
  book: 'danh sách bản ghi mà lần nhập tệp này đã thêm đã bị sửa',
  truncated: 'những dòng ghi sau dòng này đã bị xóa',
};

/** What the verification found, in one Vietnamese paragraph. */
export function describeAuditVerification(result: {
  ok: boolean;
  rows: number;
  broken: AuditBrokenRow | null;
}): string {
  const count = result.rows.toLocaleString('vi-VN');
  if (!result.broken) {
    return `Nhật ký thay đổi toàn vẹn: đã kiểm tra ${count} dòng, không dòng nào bị sửa, xóa hay thêm từ bên ngoài ứng dụng.`;
  }
  const b = result.broken;
  if (b.problem === 'truncated') {
    const lost = (b.lostUpTo ?? 0).toLocaleString('vi-VN');
    return (
      'Nhật ký thay đổi đã bị can thiệp từ bên ngoài ứng dụng: những dòng mới nhất đã bị xóa ' +
      `(nhật ký từng có đến dòng số ${lost}). ` +
      (result.rows === 0
        ? 'Không còn dòng nào.'
        : `Dòng mới nhất hiện có: số ${b.seq}, ghi lúc ${auditTime(b.at)} bởi ${b.operator}.`)
    );
  }
  return (
    `Nhật ký thay đổi đã bị can thiệp từ bên ngoài ứng dụng. Dòng hỏng đầu tiên: số ${b.seq}, ` +
    `ghi lúc ${auditTime(b.at)} bởi ${b.operator}, về ${auditEntityLabel(b.entity).toLowerCase()} ` +
    `${b.unitName ? `(${b.unitName})` : b.entityId}: ${PROBLEMS[b.problem]}.`
  );
}
