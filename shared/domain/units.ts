// Kinds and sectors of party units (DOMAIN.md §2, §4). Identifiers are English, labels Vietnamese.

/** What the kind is called in the UI, the CLI and messages ("loại hình" is the sector). */
export const UNIT_KIND_TERM = 'Loại tổ chức';
/** What the sector is called: party documents say "loại hình" (xã, phường, cơ quan …). */
export const UNIT_SECTOR_TERM = 'Loại hình';

export const UNIT_KINDS = [
  'province',
  'upper_committee',
  'base_committee',
  'base_cell',
  'sub_committee',
  'subordinate_cell',
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  province: 'Đảng bộ tỉnh',
  upper_committee: 'Đảng bộ cấp trên cơ sở',
  base_committee: 'Đảng bộ cơ sở',
  base_cell: 'Chi bộ cơ sở',
  sub_committee: 'Đảng bộ bộ phận',
  subordinate_cell: 'Chi bộ trực thuộc',
};

/** The two kinds that are grassroots organisations (TCCSĐ). */
export const BASE_UNIT_KINDS: readonly UnitKind[] = ['base_committee', 'base_cell'];

/** A chi bộ trực thuộc is the lowest level of the party: no unit can sit under it. */
export function canHaveSubunits(kind: UnitKind): boolean {
  return kind !== 'subordinate_cell';
}

export const UNIT_SECTORS = [
  'commune',
  'ward',
  'township',
  'agency',
  'enterprise',
  'public_service',
  'armed_forces',
  'other',
] as const;
export type UnitSector = (typeof UNIT_SECTORS)[number];

export const UNIT_SECTOR_LABELS: Record<UnitSector, string> = {
  commune: 'Xã',
  ward: 'Phường',
  township: 'Thị trấn',
  agency: 'Cơ quan',
  enterprise: 'Doanh nghiệp',
  public_service: 'Đơn vị sự nghiệp',
  armed_forces: 'Lực lượng vũ trang',
  other: 'Khác',
};

/**
 * Display order of units: an explicit official order first (where set), then Vietnamese
 * alphabetical order of the name.
 */
export function compareUnits(
  a: { name: string; officialOrder: number | null },
  b: { name: string; officialOrder: number | null },
  compareNames: (x: string, y: string) => number,
): number {
  if (a.officialOrder !== null || b.officialOrder !== null) {
    if (a.officialOrder === null) return 1;
    if (b.officialOrder === null) return -1;
    if (a.officialOrder !== b.officialOrder) return a.officialOrder - b.officialOrder;
  }
  return compareNames(a.name, b.name);
}

export const LINEAGE_EVENT_TYPES = [
  'founded',
  'renamed',
  'moved',
  'changed',
  'merged_into',
  'absorbed',
  'split_from',
  'split_into',
  'dissolved',
] as const;
export type LineageEventType = (typeof LINEAGE_EVENT_TYPES)[number];

export const LINEAGE_EVENT_LABELS: Record<LineageEventType, string> = {
  founded: 'Thành lập',
  renamed: 'Đổi tên',
  moved: 'Chuyển trực thuộc',
  changed: 'Thay đổi thông tin',
  merged_into: 'Sáp nhập vào',
  absorbed: 'Tiếp nhận sáp nhập',
  split_from: 'Chia tách từ',
  split_into: 'Chia tách thành',
  dissolved: 'Giải thể',
};
