// The words a report puts around its figures, in the province's style: the scope's title, each
// group's name and what its sentence counts ("TCCSĐ chỉ đạo điểm thuộc các đảng bộ huyện",
// "TCCSĐ trực thuộc Đảng bộ huyện Bắc Sơn"), and the totals' ("TCCSĐ thuộc diện củng cố theo
// Nghị quyết 33-NQ/TU"). Pure text; the figures are counted elsewhere.
import { inRunningText } from '../../../shared/domain/summary';
import type { UnitSector } from '../../../shared/domain/units';
import { UNIT_SECTOR_LABELS } from '../../../shared/domain/units';
import type { ReportGrouping } from '../../../shared/methods/reports';

export const NO_LIST_GROUP = 'Không thuộc diện củng cố';
export const NO_SECTOR_GROUP = 'Chưa xác định loại hình';
export const NO_PARENT_GROUP = 'Không có cấp ủy cấp trên trực tiếp';
export const NO_WATCH_GROUP = 'Chưa phân nhóm';
export const WHOLE_REGISTER_TITLE = 'Toàn đảng bộ';

/** Party document types by the code of their number ("33-NQ/TU" → NQ). */
const DOCUMENT_TYPES: Record<string, string> = {
  NQ: 'Nghị quyết',
  // A list of units is a decision; party rules (Quy định) share the code but select no units.
  QĐ: 'Quyết định',
  KH: 'Kế hoạch',
  KL: 'Kết luận',
  CT: 'Chỉ thị',
  HD: 'Hướng dẫn',
  TB: 'Thông báo',
  BC: 'Báo cáo',
};

/**
 * How a decision is named by its number: "Nghị quyết 33-NQ/TU" (party: number-type/issuer),
 * "Nghị quyết 1672/NQ-UBTVQH15" (state: number/type-issuer), "văn bản số 12-CV/TU" when the
 * type is not one a list is decided by. `start` capitalises that last form at a sentence start.
 */
export function documentReference(number: string, start = false): string {
  const code = /^[^-/]+[-/]([^-/]+)/u.exec(number)?.[1] ?? '';
  const type = DOCUMENT_TYPES[code];
  if (type) return `${type} ${number}`;
  return `${start ? 'Văn bản' : 'văn bản'} số ${number}`;
}

/** "Nghị quyết 33-NQ/TU: củng cố tổ chức cơ sở đảng yếu kém năm 2017"; the title alone without a number. */
export function watchlistTitle(list: { title: string; number: string | null }): string {
  return list.number
    ? `${documentReference(list.number, true)}: ${inRunningText(list.title)}`
    : list.title;
}

/** What the totals of a watchlist count. */
export function watchlistTotalDescription(
  list: { title: string; number: string | null },
  withLowerLists: boolean,
): string {
  const basis = list.number ? documentReference(list.number) : `danh sách "${list.title}"`;
  const lower = withLowerLists ? ' (kể cả danh sách bổ sung của cấp ủy cấp dưới)' : '';
  return `TCCSĐ thuộc diện củng cố theo ${basis}${lower}`;
}

/** What the totals of a committee's subtree (or of the whole register) count. */
export function registerTotalDescription(committeeName: string | null): string {
  return committeeName ? `TCCSĐ trực thuộc ${committeeName}` : 'TCCSĐ toàn đảng bộ';
}

export function sectorName(sector: UnitSector | null): string {
  return sector ? UNIT_SECTOR_LABELS[sector] : NO_SECTOR_GROUP;
}

/**
 * What one group's sentence counts. Units of a watchlist are the pilot units ("TCCSĐ chỉ đạo
 * điểm"); `name` is null for the group of units without one (no parent, no list, no sector).
 */
export function groupDescription(
  scope: 'register' | 'watchlist',
  grouping: ReportGrouping,
  name: string | null,
  sector: UnitSector | null = null,
): string {
  const noun = scope === 'watchlist' ? 'TCCSĐ chỉ đạo điểm' : 'TCCSĐ';
  switch (grouping) {
    case 'parent':
      return name ? `${noun} trực thuộc ${name}` : `${noun} không có cấp ủy cấp trên trực tiếp`;
    case 'selector':
      if (!name) return 'TCCSĐ không thuộc diện củng cố';
      return scope === 'watchlist'
        ? `${noun} do ${name} lựa chọn`
        : `TCCSĐ thuộc diện củng cố do ${name} lựa chọn`;
    case 'sector':
      return sector
        ? `${noun} loại hình ${UNIT_SECTOR_LABELS[sector].toLocaleLowerCase('vi')}`
        : `${noun} chưa xác định loại hình`;
    case 'watchlist_group':
      return name ? `${noun} thuộc ${name}` : `${noun} chưa phân nhóm`;
  }
}
