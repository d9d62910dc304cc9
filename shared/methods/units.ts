// Methods of the unit register (DOMAIN.md §4).
import { z } from 'zod';
import type { LineageEventType, UnitKind, UnitSector } from '../domain/units';
import {
  DATE_YEAR_MISMATCH,
  basis,
  dateMatchesYear,
  eventFields,
  isoDate,
  unitCode,
  unitId,
  unitKind,
  unitName,
  unitSector,
  year,
} from '../schemas';
import { method } from './define';

/** A unit as it stood in one year. */
export interface UnitRow {
  id: string;
  versionId: string;
  name: string;
  code: string | null;
  kind: UnitKind;
  sector: UnitSector | null;
  parentId: string | null;
  parentName: string | null;
  validFrom: number;
  validTo: number | null;
  foundedYear: number;
  endedYear: number | null;
  /** Position in the official order, when one is set; lists sort by it first. */
  officialOrder: number | null;
}

export interface UnitVersion {
  id: string;
  validFrom: number;
  validTo: number | null;
  name: string;
  code: string | null;
  kind: UnitKind;
  sector: UnitSector | null;
  parentId: string | null;
  parentName: string | null;
}

export interface LineageEvent {
  id: string;
  type: LineageEventType;
  year: number;
  eventDate: string | null;
  basis: string | null;
  note: string | null;
  relatedUnitId: string | null;
  relatedUnitName: string | null;
}

export interface UnitDetail {
  id: string;
  foundedYear: number;
  endedYear: number | null;
  /** The version valid in the requested year, else the latest one. */
  current: UnitRow;
  versions: UnitVersion[];
  events: LineageEvent[];
}

export interface UnitList {
  year: number;
  rows: UnitRow[];
}

const unitFilter = z.strictObject({
  year,
  search: z.string().max(200).optional(),
  kind: unitKind.optional(),
  sector: z.enum(unitSector.unwrap().options).optional(),
  parentId: unitId.optional(),
  /** With parentId: the whole subtree, not only direct children. */
  descendants: z.boolean().optional(),
});

const unitFields = {
  name: unitName,
  code: unitCode.optional(),
  /**
   * At most this many rows, for pickers that must not load the whole register; an exact code
   * match (then an exact name match) comes first, so typing a full code always finds its unit.
   */
  limit: z
    .number({ error: 'Số dòng tối đa phải là số.' })
    .int({ error: 'Số dòng tối đa phải là số nguyên.' })
    .min(1, { error: 'Số dòng tối đa phải từ 1 đến 500.' })
    .max(500, { error: 'Số dòng tối đa phải từ 1 đến 500.' })
    .optional(),
  kind: unitKind,
  sector: unitSector.optional(),
  parentId: unitId.nullable().optional(),
};

export const unitMethods = {
  'units.list': method<UnitList>()(unitFilter, ['NOT_FOUND'], false),
  'units.get': method<UnitDetail>()(
    z.strictObject({ id: unitId, year: year.optional() }),
    ['NOT_FOUND'],
    false,
  ),
  'units.create': method<UnitDetail>()(
    z.strictObject({
      ...unitFields,
      fromYear: year,
      foundedOn: isoDate.nullable().optional(),
      basis: basis.optional(),
    }),
    ['DUPLICATE_CODE', 'NOT_FOUND', 'UNIT_ENDED', 'BEFORE_FOUNDED'],
    true,
  ),
  'units.correct': method<UnitDetail>()(
    z.strictObject({
      id: unitId,
      versionId: unitId,
      name: unitName.optional(),
      code: unitCode.optional(),
      kind: unitKind.optional(),
      sector: unitSector.optional(),
      parentId: unitId.nullable().optional(),
      officialOrder: z
        .number({ error: 'Thứ tự phải là số.' })
        .int({ error: 'Thứ tự phải là số nguyên.' })
        .min(1, { error: 'Thứ tự phải từ 1 trở lên.' })
        .max(1_000_000, { error: 'Thứ tự quá lớn.' })
        .nullable()
        .optional(),
    }),
    ['NOT_FOUND', 'DUPLICATE_CODE', 'CYCLE'],
    true,
  ),
  'units.changeFrom': method<UnitDetail>()(
    z
      .strictObject({
        id: unitId,
        ...eventFields,
        name: unitName.optional(),
        code: unitCode.optional(),
        kind: unitKind.optional(),
        sector: unitSector.optional(),
        parentId: unitId.nullable().optional(),
      })
      .refine(dateMatchesYear, DATE_YEAR_MISMATCH),
    ['NOT_FOUND', 'DUPLICATE_CODE', 'CYCLE', 'BEFORE_FOUNDED', 'UNIT_ENDED'],
    true,
  ),
  'units.rename': method<UnitDetail>()(
    z
      .strictObject({ id: unitId, ...eventFields, name: unitName })
      .refine(dateMatchesYear, DATE_YEAR_MISMATCH),
    ['NOT_FOUND', 'BEFORE_FOUNDED', 'UNIT_ENDED'],
    true,
  ),
  'units.move': method<UnitDetail>()(
    z
      .strictObject({ id: unitId, ...eventFields, parentId: unitId.nullable() })
      .refine(dateMatchesYear, DATE_YEAR_MISMATCH),
    ['NOT_FOUND', 'CYCLE', 'BEFORE_FOUNDED', 'UNIT_ENDED'],
    true,
  ),
  'units.merge': method<UnitDetail>()(
    z
      .strictObject({
        sourceIds: z.array(unitId).min(1, { error: 'Chọn ít nhất một tổ chức để sáp nhập.' }),
        targetId: unitId,
        ...eventFields,
      })
      .refine(dateMatchesYear, DATE_YEAR_MISMATCH),
    ['NOT_FOUND', 'INVALID_MERGE', 'UNIT_ENDED', 'BEFORE_FOUNDED'],
    true,
  ),
  'units.split': method<{ source: UnitDetail; created: UnitDetail[] }>()(
    z
      .strictObject({
        id: unitId,
        ...eventFields,
        parts: z
          .array(
            z.strictObject({
              name: unitName,
              code: unitCode.optional(),
              kind: unitKind.optional(),
              sector: unitSector.optional(),
            }),
          )
          .min(1, { error: 'Cần ít nhất một tổ chức mới khi chia tách.' }),
        /** Whether the source ends with the split (divided up) or goes on (a part split off). */
        endSource: z.boolean(),
      })
      .refine(dateMatchesYear, DATE_YEAR_MISMATCH),
    [
      'NOT_FOUND',
      'DUPLICATE_CODE',
      'INVALID_SPLIT',
      'UNIT_ENDED',
      'BEFORE_FOUNDED',
      'HAS_CHILDREN',
    ],
    true,
  ),
  'units.dissolve': method<UnitDetail>()(
    z.strictObject({ id: unitId, ...eventFields }).refine(dateMatchesYear, DATE_YEAR_MISMATCH),
    ['NOT_FOUND', 'UNIT_ENDED', 'BEFORE_FOUNDED', 'HAS_CHILDREN'],
    true,
  ),
  'units.remove': method<{ id: string }>()(
    z.strictObject({ id: unitId }),
    ['NOT_FOUND', 'HAS_CHILDREN'],
    true,
  ),
};
