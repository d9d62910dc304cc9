// Helpers for the ratings tests: raw rows and audit rows straight from the file, and the
// Lạng Sơn register of DOMAIN.md §1 (11 district pilot units, 5 units under the Khối committee)
// built through the real contract.
import type { TestBackend } from './backend';
import { addUnit } from './backend';
import { perField } from './audit';

export interface RawRating {
  id: string;
  unit_id: string;
  year: number;
  scale_id: string;
  level_code: string | null;
  not_rated_reason: string | null;
  exemplary: number;
  rank: string | null;
  change: string | null;
  score: number | null;
  decision_number: string | null;
  note: string | null;
  updated_at: string;
  deleted_at: string | null;
}

/** The stored row of a unit's rating in a year, tombstones included. */
export function rawRating(b: TestBackend, unitId: string, year: number): RawRating | undefined {
  return b.ctx.db
    .prepare('SELECT * FROM ratings WHERE unit_id = ? AND year = ?')
    .get(unitId, year) as RawRating | undefined;
}

export function ratingRowCount(b: TestBackend): number {
  return b.ctx.db.prepare('SELECT count(*) FROM ratings').pluck().get() as number;
}

export interface AuditRow {
  field: string;
  old_value: string | null;
  new_value: string | null;
  operator: string;
}

/** Audit rows of one rating as stored (one per change of the record), oldest first. */
export function ratingAuditRows(b: TestBackend, ratingId: string): AuditRow[] {
  return b.ctx.db
    .prepare(
      `SELECT field, old_value, new_value, operator FROM audit_log
       WHERE entity = 'rating' AND entity_id = ? ORDER BY seq`,
    )
    .all(ratingId) as AuditRow[];
}

/** The changes of one rating field by field (old → new as text), oldest first. */
export function ratingAudit(b: TestBackend, ratingId: string): AuditRow[] {
  return perField(ratingAuditRows(b, ratingId));
}

export function auditCount(b: TestBackend): number {
  return b.ctx.db.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;
}

/** One pilot unit of DOMAIN.md §1, with its levels in 2016 and 2017. */
export interface PilotUnit {
  district: string;
  name: string;
  y2016: string;
  y2017: string;
}

/**
 * The 11 district-level pilot units (one per district committee). Đồng Ý and Hòa Sơn are the
 * article's named cases; the other names are test data. 2017: 2 TSVM, 5 HTTNV, 4 HTNV;
 * 5 moved up, 6 unchanged.
 */
export const DISTRICT_PILOTS: readonly PilotUnit[] = [
  { district: 'Đảng bộ huyện Bắc Sơn', name: 'Đảng bộ xã Đồng Ý', y2016: 'YK', y2017: 'TSVM' },
  {
    district: 'Đảng bộ thành phố Lạng Sơn',
    name: 'Đảng bộ xã Mai Pha',
    y2016: 'HTTNV',
    y2017: 'TSVM',
  },
  {
    district: 'Đảng bộ huyện Hữu Lũng',
    name: 'Đảng bộ xã Hòa Sơn',
    y2016: 'HTTNV',
    y2017: 'HTTNV',
  },
  { district: 'Đảng bộ huyện Bình Gia', name: 'Đảng bộ xã Tân Văn', y2016: 'HTNV', y2017: 'HTTNV' },
  {
    district: 'Đảng bộ huyện Cao Lộc',
    name: 'Đảng bộ xã Thụy Hùng',
    y2016: 'HTNV',
    y2017: 'HTTNV',
  },
  { district: 'Đảng bộ huyện Chi Lăng', name: 'Đảng bộ xã Vân An', y2016: 'YK', y2017: 'HTNV' },
  {
    district: 'Đảng bộ huyện Đình Lập',
    name: 'Đảng bộ xã Bắc Xa',
    y2016: 'HTTNV',
    y2017: 'HTTNV',
  },
  {
    district: 'Đảng bộ huyện Lộc Bình',
    name: 'Đảng bộ xã Ái Quốc',
    y2016: 'HTTNV',
    y2017: 'HTTNV',
  },
  {
    district: 'Đảng bộ huyện Tràng Định',
    name: 'Đảng bộ xã Đào Viên',
    y2016: 'HTNV',
    y2017: 'HTNV',
  },
  { district: 'Đảng bộ huyện Văn Lãng', name: 'Đảng bộ xã Tân Mỹ', y2016: 'HTNV', y2017: 'HTNV' },
  {
    district: 'Đảng bộ huyện Văn Quan',
    name: 'Đảng bộ xã Tràng Sơn',
    y2016: 'HTNV',
    y2017: 'HTNV',
  },
];

/** The 5 units under the Khối committee: 1 TSVM, 3 HTTNV, 1 HTNV in 2017; 1 up, 4 unchanged. */
export const KHOI_PILOTS: readonly { name: string; y2016: string; y2017: string }[] = [
  { name: 'Chi bộ Cục Thống kê', y2016: 'HTTNV', y2017: 'TSVM' },
  { name: 'Chi bộ Sở Khoa học và Công nghệ', y2016: 'HTTNV', y2017: 'HTTNV' },
  { name: 'Chi bộ Thanh tra tỉnh', y2016: 'HTTNV', y2017: 'HTTNV' },
  { name: 'Chi bộ Liên minh Hợp tác xã', y2016: 'HTTNV', y2017: 'HTTNV' },
  { name: 'Chi bộ Ban Dân tộc', y2016: 'HTNV', y2017: 'HTNV' },
];

export interface LangSon {
  province: string;
  khoi: string;
  /** District committee id by name. */
  districts: Map<string, string>;
  /** Pilot unit id by name (district pilots and Khối units). */
  units: Map<string, string>;
  districtPilotIds: string[];
  khoiIds: string[];
  /** A unit in Bắc Sơn that is not a pilot: scoping must keep it out of the pilot figures. */
  otherInBacSon: string;
}

/**
 * Builds the register and rates 2016 and 2017 through ratings.saveYear, as the grid would.
 * Hòa Sơn is in the bottom of HTTNV in 2016 and leaves it in 2017 with a clear change.
 */
export function buildLangSon(b: TestBackend): LangSon {
  const province = addUnit(b, 'Đảng bộ tỉnh Lạng Sơn', 2008, { kind: 'province' }).id;
  const districts = new Map<string, string>();
  for (const p of DISTRICT_PILOTS) {
    const id = addUnit(b, p.district, 2008, { kind: 'upper_committee', parentId: province }).id;
    districts.set(p.district, id);
  }
  const khoi = addUnit(b, 'Đảng bộ Khối các cơ quan tỉnh', 2008, {
    kind: 'upper_committee',
    parentId: province,
  }).id;
  const units = new Map<string, string>();
  for (const p of DISTRICT_PILOTS) {
    const id = addUnit(b, p.name, 2008, {
      kind: 'base_committee',
      sector: 'commune',
      parentId: districts.get(p.district)!,
    }).id;
    units.set(p.name, id);
  }
  for (const p of KHOI_PILOTS) {
    units.set(p.name, addUnit(b, p.name, 2008, { sector: 'agency', parentId: khoi }).id);
  }
  const otherInBacSon = addUnit(b, 'Đảng bộ thị trấn Bắc Sơn', 2008, {
    kind: 'base_committee',
    sector: 'township',
    parentId: districts.get('Đảng bộ huyện Bắc Sơn')!,
  }).id;
  const all = [...DISTRICT_PILOTS, ...KHOI_PILOTS];
  for (const year of [2016, 2017] as const) {
    const key = year === 2016 ? 'y2016' : 'y2017';
    b.call('ratings.saveYear', {
      year,
      entries: [
        ...all.map((p) => ({ unitId: units.get(p.name)!, levelCode: p[key] })),
        { unitId: otherInBacSon, levelCode: year === 2016 ? 'TSVM' : 'HTNV' },
      ],
    });
  }
  const hoaSon = units.get('Đảng bộ xã Hòa Sơn')!;
  b.call('ratings.set', { unitId: hoaSon, year: 2016, levelCode: 'HTTNV', rank: 'bottom' });
  b.call('ratings.set', {
    unitId: hoaSon,
    year: 2017,
    levelCode: 'HTTNV',
    rank: null,
    change: 'clear',
  });
  return {
    province,
    khoi,
    districts,
    units,
    districtPilotIds: DISTRICT_PILOTS.map((p) => units.get(p.name)!),
    khoiIds: KHOI_PILOTS.map((p) => units.get(p.name)!),
    otherInBacSon,
  };
}
