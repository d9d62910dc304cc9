// Checks every write of the register passes before anything is written.
import { foldForSearch } from '../../../shared/domain/text';
import { AppError } from '../../../shared/errors';
import type { Db } from '../db/open';
import { stmt } from '../db/statements';
import { loadUnit, nameAt, versionAt } from './queries';
import type { UnitRecord } from './rows';

/** The year lies within the unit's life (from its founding to its end, if any). */
export function assertInLife(unit: UnitRecord, year: number, name: string | null): void {
  if (year < unit.founded_year) {
    throw new AppError(
      'BEFORE_FOUNDED',
      `Năm ${year} trước năm thành lập (${unit.founded_year}) của ${name ?? 'tổ chức này'}.`,
    );
  }
  if (unit.ended_year !== null && year > unit.ended_year) {
    throw new AppError(
      'UNIT_ENDED',
      `${name ?? 'Tổ chức này'} đã kết thúc hoạt động năm ${unit.ended_year}; không thể thay đổi từ năm ${year}.`,
    );
  }
}

/**
 * A parent must exist in `year` and last at least as long as the child's span
 * (`until` = last year of the child's version, null = open).
 */
export function assertParentUsable(
  db: Db,
  parentId: string,
  year: number,
  until: number | null,
): void {
  const parent = loadUnit(db, parentId);
  const name = nameAt(db, parentId, year);
  if (!versionAt(db, parentId, year)) {
    throw new AppError('NOT_FOUND', `Tổ chức cấp trên "${name}" không tồn tại trong năm ${year}.`);
  }
  if (parent.ended_year !== null && (until === null || until > parent.ended_year)) {
    throw new AppError(
      'UNIT_ENDED',
      `Tổ chức cấp trên "${name}" đã kết thúc hoạt động năm ${parent.ended_year}; hãy chọn tổ chức khác.`,
    );
  }
}

/** Whether `ancestorId` is `unitId` itself or above it in the tree as of `year`. */
export function isSelfOrAncestor(
  db: Db,
  ancestorId: string,
  unitId: string,
  year: number,
): boolean {
  let current: string | null = unitId;
  const seen = new Set<string>();
  while (current && !seen.has(current)) {
    if (current === ancestorId) return true;
    seen.add(current);
    current = versionAt(db, current, year)?.parent_id ?? null;
  }
  return false;
}

/**
 * Putting `unitId` under `parentId` for the years `from`..`until` (null = open) must not make it
 * its own ancestor in any of those years. The tree only changes where a version starts, so it is
 * checked in `from` and in every later year in the span where some version starts.
 */
export function assertNoCycle(
  db: Db,
  unitId: string,
  parentId: string,
  from: number,
  until: number | null,
): void {
  const later = stmt<[{ from: number; until: number }], { year: number }>(
    db,
    `SELECT DISTINCT valid_from AS year FROM unit_versions
     WHERE deleted_at IS NULL AND valid_from > :from AND valid_from <= :until`,
  ).all({ from, until: until ?? Number.MAX_SAFE_INTEGER });
  for (const year of [from, ...later.map((r) => r.year)]) {
    if (isSelfOrAncestor(db, unitId, parentId, year)) {
      throw new AppError(
        'CYCLE',
        'Không thể đặt một tổ chức trực thuộc chính nó hoặc trực thuộc một tổ chức cấp dưới của nó' +
          (year === from ? '.' : ` (năm ${year}).`),
      );
    }
  }
}

/** No other unit may use the same official code in an overlapping span of years. */
export function assertCodeFree(
  db: Db,
  code: string | null,
  from: number,
  to: number | null,
  exceptUnitId: string | null,
): void {
  if (!code) return;
  const clash = stmt<
    [{ code: string; from: number; to: number; except: string }],
    { unit_id: string; name: string; valid_from: number; valid_to: number | null }
  >(
    db,
    `SELECT v.unit_id, v.name, v.valid_from, v.valid_to FROM unit_versions v
     JOIN units u ON u.id = v.unit_id AND u.deleted_at IS NULL
     WHERE v.code_folded = :code AND v.deleted_at IS NULL AND v.unit_id <> :except
       AND v.valid_from <= :to AND (v.valid_to IS NULL OR v.valid_to >= :from)
     LIMIT 1`,
  ).get({
    code: foldForSearch(code),
    from,
    to: to ?? Number.MAX_SAFE_INTEGER,
    except: exceptUnitId ?? '',
  });
  if (clash) {
    const year = Math.max(from, clash.valid_from);
    throw new AppError(
      'DUPLICATE_CODE',
      `Mã "${code}" đã được dùng cho "${clash.name}" trong năm ${year}. Mỗi mã chỉ dùng cho một tổ chức trong cùng một năm.`,
    );
  }
}
