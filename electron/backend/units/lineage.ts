// Lineage operations that end or create units: merge, split, dissolve, and removal of a mistake.
import type { ParsedInput, UnitDetail } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { Actor } from '../context';
import type { Db } from '../db/open';
import { applyChange } from './operations';
import { childrenContinuingAfter, getUnit, loadUnit, versionAt, versionsOf } from './queries';
import type { UnitRecord, VersionRecord } from './rows';
import { foldForSearch } from '../../../shared/domain/text';
import {
  assertCodeFree,
  assertInLife,
  assertNameFree,
  assertParentUsable,
  isSelfOrAncestor,
} from './rules';
import {
  insertEvent,
  insertUnit,
  insertVersion,
  setUnitEnd,
  tombstoneUnit,
  updateVersion,
} from './store';
import { writeTransaction } from '../db/write';
import { assertNotInWatchlists } from '../watchlists/rules';

interface EventMeta {
  year: number;
  eventDate?: string | null | undefined;
  basis?: string | null | undefined;
}

/** A unit still active in `year` and not yet ended: its version then, checked to be its last. */
function activeVersion(db: Db, unit: UnitRecord, year: number): VersionRecord {
  const version = versionAt(db, unit.id, year);
  assertInLife(unit, year, version?.name ?? null);
  if (!version) throw new AppError('NOT_FOUND', `Tổ chức không có thông tin trong năm ${year}.`);
  // A unit ends once: not merged twice, not dissolved after a merge in the same year.
  if (unit.ended_year !== null) {
    throw new AppError(
      'UNIT_ENDED',
      `"${version.name}" đã kết thúc hoạt động năm ${unit.ended_year}; không thể kết thúc thêm lần nữa.`,
    );
  }
  if (versionsOf(db, unit.id).some((v) => v.valid_from > year)) {
    throw new AppError(
      'UNIT_ENDED',
      `"${version.name}" đã có thông tin ghi cho các năm sau ${year}; hãy kiểm tra lại năm áp dụng.`,
    );
  }
  return version;
}

/** Ends a unit in `year`: it is still listed that year (e.g. "giải thể trong năm"), not after. */
function endUnit(db: Db, actor: Actor, unit: UnitRecord, version: VersionRecord, year: number) {
  updateVersion(db, actor, version, { validTo: year });
  setUnitEnd(db, actor, unit, year);
}

function assertNoContinuingChildren(db: Db, unitId: string, name: string, year: number) {
  const children = childrenContinuingAfter(db, unitId, year);
  if (children.length > 0) {
    throw new AppError(
      'HAS_CHILDREN',
      `"${name}" còn ${children.length} tổ chức đảng trực thuộc sau năm ${year} ` +
        `(ví dụ "${children[0]!.name}"); hãy chuyển hoặc giải thể các tổ chức đó trước.`,
    );
  }
}

export function dissolveUnit(
  db: Db,
  actor: Actor,
  input: ParsedInput<'units.dissolve'>,
): UnitDetail {
  writeTransaction(db, () => {
    const unit = loadUnit(db, input.id);
    const version = activeVersion(db, unit, input.year);
    assertNoContinuingChildren(db, unit.id, version.name, input.year);
    endUnit(db, actor, unit, version, input.year);
    insertEvent(db, actor, { unitId: unit.id, type: 'dissolved', ...meta(input) });
  });
  return getUnit(db, input.id);
}

/**
 * Merges sources into a target in `year`: each source ends that year, its subordinate units
 * move under the target from that year, and both sides record the event.
 */
export function mergeUnits(db: Db, actor: Actor, input: ParsedInput<'units.merge'>): UnitDetail {
  writeTransaction(db, () => {
    const target = loadUnit(db, input.targetId);
    const targetVersion = versionAt(db, target.id, input.year);
    if (!targetVersion || (target.ended_year !== null && target.ended_year <= input.year)) {
      throw new AppError(
        'INVALID_MERGE',
        `Không thể sáp nhập vào một tổ chức đã giải thể hoặc không tồn tại trong năm ${input.year}.`,
      );
    }
    const sourceIds = [...new Set(input.sourceIds)];
    for (const sourceId of sourceIds) {
      if (sourceId === target.id) {
        throw new AppError('INVALID_MERGE', 'Không thể sáp nhập một tổ chức vào chính nó.');
      }
      const source = loadUnit(db, sourceId);
      const version = activeVersion(db, source, input.year);
      if (isSelfOrAncestor(db, sourceId, target.id, input.year)) {
        throw new AppError(
          'INVALID_MERGE',
          `Không thể sáp nhập "${version.name}" vào một tổ chức trực thuộc chính nó.`,
        );
      }
      const children = childrenContinuingAfter(db, sourceId, input.year);
      // The target takes the source's subordinate units: it must be able to have any.
      if (children.length > 0) assertParentUsable(db, target.id, input.year, null);
      for (const child of children) {
        if (child.valid_from > input.year) {
          assertNameFree(db, {
            name: child.name,
            parentId: target.id,
            from: child.valid_from,
            until: child.valid_to,
            except: [child.unit_id],
            allow: input.allowDuplicateName,
          });
          updateVersion(db, actor, child, { parentId: target.id });
        } else {
          applyChange(
            db,
            actor,
            {
              id: child.unit_id,
              ...meta(input),
              parentId: target.id,
              allowDuplicateName: input.allowDuplicateName,
            },
            'moved',
          );
        }
      }
      endUnit(db, actor, source, version, input.year);
      insertEvent(db, actor, {
        unitId: sourceId,
        type: 'merged_into',
        ...meta(input),
        relatedUnitId: target.id,
      });
      insertEvent(db, actor, {
        unitId: target.id,
        type: 'absorbed',
        ...meta(input),
        relatedUnitId: sourceId,
      });
    }
  });
  return getUnit(db, input.targetId, input.year);
}

/**
 * Splits new units off a source in `year`. With endSource the source is divided up and ends
 * that year; otherwise it goes on beside the new units. New units sit under the source's parent.
 */
export function splitUnit(
  db: Db,
  actor: Actor,
  input: ParsedInput<'units.split'>,
): { source: UnitDetail; created: UnitDetail[] } {
  const createdIds = writeTransaction(db, () => {
    const source = loadUnit(db, input.id);
    const version = input.endSource
      ? activeVersion(db, source, input.year)
      : versionAt(db, source.id, input.year);
    assertInLife(source, input.year, version?.name ?? null);
    if (!version)
      throw new AppError('NOT_FOUND', `Tổ chức không có thông tin trong năm ${input.year}.`);
    const codes = input.parts.map((p) => p.code).filter((c): c is string => !!c);
    if (new Set(codes.map(foldForSearch)).size !== codes.length) {
      throw new AppError('INVALID_SPLIT', 'Các tổ chức mới sau chia tách phải có mã khác nhau.');
    }
    const names = input.parts.map((p) => foldForSearch(p.name));
    if (new Set(names).size !== names.length && !input.allowDuplicateName) {
      throw new AppError(
        'DUPLICATE_NAME',
        'Các tổ chức mới sau chia tách có tên trùng nhau; hãy đặt tên khác nhau, ' +
          'hoặc xác nhận nếu đúng là các tổ chức khác nhau cùng tên.',
      );
    }
    if (input.endSource) assertNoContinuingChildren(db, source.id, version.name, input.year);
    // The new units sit under the source's parent from this year on, with no end.
    if (version.parent_id) assertParentUsable(db, version.parent_id, input.year, null);
    const ids: string[] = [];
    for (const part of input.parts) {
      const code = part.code ?? null;
      assertCodeFree(db, code, input.year, null, input.endSource ? source.id : null);
      assertNameFree(db, {
        name: part.name,
        parentId: version.parent_id,
        from: input.year,
        until: null,
        except: input.endSource ? [source.id] : [],
        allow: input.allowDuplicateName,
      });
      const id = insertUnit(db, actor, { year: input.year, on: input.eventDate ?? null });
      insertVersion(db, actor, id, input.year, null, {
        name: part.name,
        code,
        kind: part.kind ?? version.kind,
        sector: part.sector === undefined ? version.sector : part.sector,
        parentId: version.parent_id,
      });
      insertEvent(db, actor, {
        unitId: id,
        type: 'split_from',
        ...meta(input),
        relatedUnitId: source.id,
      });
      insertEvent(db, actor, {
        unitId: source.id,
        type: 'split_into',
        ...meta(input),
        relatedUnitId: id,
      });
      ids.push(id);
    }
    if (input.endSource) endUnit(db, actor, source, version, input.year);
    return ids;
  });
  return {
    source: getUnit(db, input.id, input.year),
    created: createdIds.map((id) => getUnit(db, id)),
  };
}

/** Removes a unit entered by mistake (tombstone). Units with subordinates cannot be removed. */
export function removeUnit(
  db: Db,
  actor: Actor,
  input: ParsedInput<'units.remove'>,
): { id: string } {
  writeTransaction(db, () => {
    loadUnit(db, input.id);
    const children = childrenContinuingAfter(db, input.id, -1);
    if (children.length > 0) {
      throw new AppError(
        'HAS_CHILDREN',
        `Không thể xóa: tổ chức này còn ${children.length} tổ chức đảng trực thuộc (ví dụ "${children[0]!.name}").`,
      );
    }
    assertNotInWatchlists(db, input.id);
    tombstoneUnit(db, actor, input.id);
  });
  return { id: input.id };
}

function meta(input: EventMeta): EventMeta {
  return { year: input.year, eventDate: input.eventDate ?? null, basis: input.basis ?? null };
}
