// Methods of the unit register (DOMAIN.md §4).
import { z } from 'zod';
import type { LineageEventType, UnitKind, UnitSector } from '../domain/units';
import {
  DATE_YEAR_MISMATCH,
  allowDuplicateName,
  basis,
  dateMatchesYear,
  eventFields,
  foundedYear,
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
  /** Null when the founding year is not known ("có từ trước"). */
  foundedYear: number | null;
  endedYear: number | null;
  /** Position in the official order, when one is set; lists sort by it first. */
  officialOrder: number | null;
}

export interface UnitVersion {
  id: string;
  /** For the first version of a unit whose founding year is unknown: the earliest year (MIN_YEAR). */
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
  /** Null when the founding year is not known ("có từ trước"): the unit exists in every earlier year. */
  foundedYear: number | null;
  endedYear: number | null;
  /** The version valid in the requested year, else the latest one. */
  current: UnitRow;
  versions: UnitVersion[];
  events: LineageEvent[];
}

export interface UnitList {
  year: number;
  rows: UnitRow[];
  /**
   * Only when a page was asked for (`pageSize` or `after`): the cursor of the next page (pass it
   * as `after`), null on the last page.
   */
  next?: string | null;
  /** Only on the first page: how many rows the whole list has. */
  total?: number;
}

/** A unit in the tree, with how many units it has directly under it in the year. */
export interface UnitTreeRow extends UnitRow {
  childCount: number;
}

export interface UnitChildren {
  year: number;
  /** The units directly under `parentId`, or the top of the tree when it was not given. */
  rows: UnitTreeRow[];
  /** The cursor of the next page, null on the last page. */
  next: string | null;
}

/** Rows a page holds at most; a page of the register, a level of the tree. */
export const MAX_PAGE_SIZE = 500;

const pageSize = z
  .number({ error: 'Số dòng của một trang phải là số.' })
  .int({ error: 'Số dòng của một trang phải là số nguyên.' })
  .min(1, { error: `Số dòng của một trang phải từ 1 đến ${MAX_PAGE_SIZE}.` })
  .max(MAX_PAGE_SIZE, { error: `Số dòng của một trang phải từ 1 đến ${MAX_PAGE_SIZE}.` });

/** A page's cursor as the backend handed it out (its content is checked there). */
const cursor = z
  .string({ error: 'Vị trí trang không hợp lệ.' })
  .min(1, { error: 'Vị trí trang không hợp lệ.' })
  .max(2000, { error: 'Vị trí trang không hợp lệ.' });

const unitFilter = z.strictObject({
  year,
  search: z.string().max(200).optional(),
  kind: unitKind.optional(),
  sector: z.enum(unitSector.unwrap().options).optional(),
  parentId: unitId.optional(),
  /** With parentId: the whole subtree, not only direct children. */
  descendants: z.boolean().optional(),
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
  /**
   * Paging by key: with `pageSize` (and `after`, the `next` of the previous page) the answer is
   * one page of the list in its order, with `next` and, on the first page, `total`. Without
   * either, the whole list as before.
   */
  pageSize: pageSize.optional(),
  after: cursor.optional(),
});

const unitFields = {
  name: unitName,
  code: unitCode.optional(),
  kind: unitKind,
  sector: unitSector.optional(),
  parentId: unitId.nullable().optional(),
  allowDuplicateName,
};

export const unitMethods = {
  'units.list': method<UnitList>()(
    unitFilter.refine((f) => f.limit === undefined || (f.pageSize ?? f.after) === undefined, {
      error: 'Không dùng được cùng lúc số dòng tối đa và phân trang.',
    }),
    ['NOT_FOUND', 'INVALID_INPUT'],
    false,
  ),
  /** One level of the tree in a year, a page at a time (the top when parentId is absent). */
  'units.children': method<UnitChildren>()(
    z.strictObject({
      year,
      parentId: unitId.optional(),
      pageSize: pageSize.optional(),
      after: cursor.optional(),
    }),
    ['INVALID_INPUT'],
    false,
  ),
  'units.get': method<UnitDetail>()(
    z.strictObject({ id: unitId, year: year.optional() }),
    ['NOT_FOUND'],
    false,
  ),
  'units.create': method<UnitDetail>()(
    z.strictObject({
      ...unitFields,
      /** The founding year; null or absent: not known ("có từ trước"), unless foundedOn gives it. */
      fromYear: foundedYear.optional(),
      foundedOn: isoDate.nullable().optional(),
      basis: basis.optional(),
    }),
    [
      'DUPLICATE_CODE',
      'DUPLICATE_NAME',
      'INVALID_PARENT',
      'NOT_FOUND',
      'UNIT_ENDED',
      'BEFORE_FOUNDED',
      'INVALID_INPUT',
    ],
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
      /** A correction of the founding year (null: not known); it moves the first version's start. */
      foundedYear: foundedYear.optional(),
      allowDuplicateName,
      officialOrder: z
        .number({ error: 'Thứ tự phải là số.' })
        .int({ error: 'Thứ tự phải là số nguyên.' })
        .min(1, { error: 'Thứ tự phải từ 1 trở lên.' })
        .max(1_000_000, { error: 'Thứ tự quá lớn.' })
        .nullable()
        .optional(),
    }),
    [
      'NOT_FOUND',
      'DUPLICATE_CODE',
      'DUPLICATE_NAME',
      'INVALID_PARENT',
      'HAS_CHILDREN',
      'CYCLE',
      'BEFORE_FOUNDED',
      'UNIT_ENDED',
      'INVALID_INPUT',
    ],
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
        allowDuplicateName,
      })
      .refine(dateMatchesYear, DATE_YEAR_MISMATCH),
    [
      'NOT_FOUND',
      'DUPLICATE_CODE',
      'DUPLICATE_NAME',
      'INVALID_PARENT',
      'HAS_CHILDREN',
      'CYCLE',
      'BEFORE_FOUNDED',
      'UNIT_ENDED',
    ],
    true,
  ),
  'units.rename': method<UnitDetail>()(
    z
      .strictObject({ id: unitId, ...eventFields, name: unitName, allowDuplicateName })
      .refine(dateMatchesYear, DATE_YEAR_MISMATCH),
    ['NOT_FOUND', 'DUPLICATE_NAME', 'BEFORE_FOUNDED', 'UNIT_ENDED'],
    true,
  ),
  'units.move': method<UnitDetail>()(
    z
      .strictObject({
        id: unitId,
        ...eventFields,
        parentId: unitId.nullable(),
        allowDuplicateName,
      })
      .refine(dateMatchesYear, DATE_YEAR_MISMATCH),
    ['NOT_FOUND', 'DUPLICATE_NAME', 'INVALID_PARENT', 'CYCLE', 'BEFORE_FOUNDED', 'UNIT_ENDED'],
    true,
  ),
  'units.merge': method<UnitDetail>()(
    z
      .strictObject({
        sourceIds: z.array(unitId).min(1, { error: 'Chọn ít nhất một tổ chức để sáp nhập.' }),
        targetId: unitId,
        ...eventFields,
        /** Confirms that units moving under the target may share a name with its own. */
        allowDuplicateName,
      })
      .refine(dateMatchesYear, DATE_YEAR_MISMATCH),
    [
      'NOT_FOUND',
      'INVALID_MERGE',
      'INVALID_PARENT',
      'DUPLICATE_NAME',
      'UNIT_ENDED',
      'BEFORE_FOUNDED',
    ],
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
        allowDuplicateName,
      })
      .refine(dateMatchesYear, DATE_YEAR_MISMATCH),
    [
      'NOT_FOUND',
      'DUPLICATE_CODE',
      'DUPLICATE_NAME',
      'INVALID_PARENT',
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
