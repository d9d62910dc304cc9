// Checks every write of the register passes before anything is written.
import { foldForSearch } from '../../../shared/domain/text';
import type { UnitKind } from '../../../shared/domain/units';
import { UNIT_KIND_LABELS, canHaveSubunits } from '../../../shared/domain/units';
import { MIN_YEAR } from '../../../shared/domain/years';
import { AppError } from '../../../shared/errors';
import type { Db } from '../db/open';
import { stmt } from '../db/statements';
import { loadUnit, nameAt, versionAt, versionsOf } from './queries';
import type { UnitRecord } from './rows';

/** Years a span covers, for SQL: `until` null (open) becomes a year past any stored one. */
const OPEN = Number.MAX_SAFE_INTEGER;

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
 * A parent must exist in `year`, last at least as long as the child's span (`until` = last year
 * of the child's version, null = open), and be a kind that can have units under it.
 * `childFoundingUnknown`: the span starts at the earliest year only because the child's founding
 * year is not known, which the message then says in those words.
 */
export function assertParentUsable(
  db: Db,
  parentId: string,
  year: number,
  until: number | null,
  childFoundingUnknown = false,
): void {
  const parent = loadUnit(db, parentId);
  const name = nameAt(db, parentId, year);
  if (!versionAt(db, parentId, year)) {
    if (childFoundingUnknown) {
      throw new AppError(
        'NOT_FOUND',
        `Tổ chức cấp trên "${name}" có từ năm ${parent.founded_year}, còn tổ chức này có từ trước ` +
          `(không rõ năm thành lập). Hãy ghi năm thành lập của tổ chức này (từ ${parent.founded_year} ` +
          `trở đi), hoặc đính chính năm thành lập của "${name}" thành "có từ trước".`,
      );
    }
    throw new AppError('NOT_FOUND', `Tổ chức cấp trên "${name}" không tồn tại trong năm ${year}.`);
  }
  if (parent.ended_year !== null && (until === null || until > parent.ended_year)) {
    throw new AppError(
      'UNIT_ENDED',
      `Tổ chức cấp trên "${name}" đã kết thúc hoạt động năm ${parent.ended_year}; hãy chọn tổ chức khác.`,
    );
  }
  const leaf = versionsOf(db, parentId).find(
    (v) =>
      !canHaveSubunits(v.kind) && v.valid_from <= (until ?? OPEN) && (v.valid_to ?? OPEN) >= year,
  );
  if (leaf) {
    throw new AppError(
      'INVALID_PARENT',
      `"${leaf.name}" là ${UNIT_KIND_LABELS[leaf.kind].toLowerCase()} (cấp thấp nhất của tổ chức đảng), ` +
        'nên không thể có tổ chức đảng trực thuộc. Hãy chọn tổ chức cấp trên khác.',
    );
  }
}

/**
 * A unit that becomes a kind without subunits (chi bộ trực thuộc) for the years `from`..`until`
 * must have no unit under it in those years.
 */
export function assertKindAllowsChildren(
  db: Db,
  unitId: string,
  name: string,
  kind: UnitKind,
  from: number,
  until: number | null,
): void {
  if (canHaveSubunits(kind)) return;
  const child = stmt<[{ unit: string; from: number; until: number }], { name: string }>(
    db,
    `SELECT v.name FROM unit_versions v JOIN units u ON u.id = v.unit_id AND u.deleted_at IS NULL
     WHERE v.parent_id = :unit AND v.deleted_at IS NULL
       AND v.valid_from <= :until AND (v.valid_to IS NULL OR v.valid_to >= :from)
     LIMIT 1`,
  ).get({ unit: unitId, from, until: until ?? OPEN });
  if (child) {
    throw new AppError(
      'HAS_CHILDREN',
      `"${name}" còn tổ chức đảng trực thuộc (ví dụ "${child.name}"), nên không thể là ` +
        `${UNIT_KIND_LABELS[kind].toLowerCase()}: đó là cấp thấp nhất, không có tổ chức nào ` +
        'trực thuộc. Hãy chuyển các tổ chức đó sang cấp trên khác trước.',
    );
  }
}

/**
 * No other unit under the same parent may have the same name (folded: case, diacritics and
 * tone placement ignored) in an overlapping span of years, unless the user confirmed that
 * these are two different units (`allow`). `except`: units the write itself replaces.
 */
export function assertNameFree(
  db: Db,
  check: {
    name: string;
    parentId: string | null;
    from: number;
    until: number | null;
    except: readonly string[];
    allow?: boolean | undefined;
  },
): void {
  if (check.allow) return;
  const clash = stmt<
    [{ name: string; parent: string | null; from: number; until: number; except: string }],
    { name: string; code: string | null; valid_from: number }
  >(
    db,
    `SELECT v.name, v.code, v.valid_from FROM unit_versions v
     JOIN units u ON u.id = v.unit_id AND u.deleted_at IS NULL
     WHERE v.name_folded = :name AND v.deleted_at IS NULL AND v.parent_id IS :parent
       AND v.unit_id NOT IN (SELECT value FROM json_each(:except))
       AND v.valid_from <= :until AND (v.valid_to IS NULL OR v.valid_to >= :from)
     ORDER BY v.valid_from LIMIT 1`,
  ).get({
    name: foldForSearch(check.name),
    parent: check.parentId,
    from: check.from,
    until: check.until ?? OPEN,
    except: JSON.stringify(check.except),
  });
  if (!clash) return;
  const year = Math.max(check.from, clash.valid_from);
  const where = check.parentId
    ? `trực thuộc "${nameAt(db, check.parentId, year)}"`
    : 'ở cấp cao nhất (không trực thuộc tổ chức nào)';
  throw new AppError(
    'DUPLICATE_NAME',
    `Đã có tổ chức "${clash.name}"${clash.code ? ` (mã ${clash.code})` : ''} ${where} ` +
      `${sharedYears(year)}. Nếu đúng là hai tổ chức khác nhau cùng tên, hãy xác nhận để vẫn lưu.`,
  );
}

/**
 * The first year two units share, in words. From the earliest year both are "có từ trước": they
 * share every year, and 1930 would mean nothing to people.
 */
function sharedYears(year: number): string {
  return year <= MIN_YEAR ? 'trong cùng các năm (cả hai đều có từ trước)' : `trong năm ${year}`;
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
  ).all({ from, until: until ?? OPEN });
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
    to: to ?? OPEN,
    except: exceptUnitId ?? '',
  });
  if (clash) {
    const year = Math.max(from, clash.valid_from);
    throw new AppError(
      'DUPLICATE_CODE',
      `Mã "${code}" đã được dùng cho "${clash.name}" ${sharedYears(year)}. ` +
        'Mỗi mã chỉ dùng cho một tổ chức trong cùng một năm.',
    );
  }
}
