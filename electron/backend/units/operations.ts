// Creating units and changing their facts: correction in place, or a new version from a year.
import type { ParsedInput, UnitDetail } from '../../../shared/contract';
import type { LineageEventType } from '../../../shared/domain/units';
import { AppError } from '../../../shared/errors';
import type { Actor } from '../context';
import type { Db } from '../db/open';
import { foldForSearch } from '../../../shared/domain/text';
import { correctFounding } from './founding';
import { getUnit, loadUnit, versionAt, versionsOf } from './queries';
import type { VersionFields } from './rows';
import { fieldsOf } from './rows';
import {
  assertCodeFree,
  assertInLife,
  assertKindAllowsChildren,
  assertNameFree,
  assertNoCycle,
  assertParentUsable,
} from './rules';
import type { Founding } from './store';
import {
  firstYearOf,
  insertEvent,
  insertUnit,
  insertVersion,
  setOfficialOrder,
  updateVersion,
} from './store';
import { writeTransaction } from '../db/write';

type CreateInput = ParsedInput<'units.create'>;

/** The founding the form gave: a year, a date (which then gives the year), or neither (unknown). */
function foundingOf(input: CreateInput): Founding {
  const dateYear = input.foundedOn ? Number(input.foundedOn.slice(0, 4)) : null;
  const year = input.fromYear ?? dateYear;
  if (dateYear !== null && year !== dateYear) {
    throw new AppError('INVALID_INPUT', 'Ngày thành lập phải nằm trong năm thành lập.');
  }
  if (year === null && input.basis) {
    throw new AppError(
      'INVALID_INPUT',
      'Chỉ ghi được số, ký hiệu văn bản thành lập khi biết năm thành lập. ' +
        'Hãy ghi năm thành lập, hoặc để trống ô số, ký hiệu văn bản.',
    );
  }
  return { year, on: input.foundedOn ?? null };
}

export function createUnit(db: Db, actor: Actor, input: CreateInput): UnitDetail {
  const fields: VersionFields = {
    name: input.name,
    code: input.code ?? null,
    kind: input.kind,
    sector: input.sector ?? null,
    parentId: input.parentId ?? null,
  };
  const founding = foundingOf(input);
  const from = firstYearOf(founding);
  const id = writeTransaction(db, () => {
    if (fields.parentId) {
      assertParentUsable(db, fields.parentId, from, null, founding.year === null);
    }
    assertCodeFree(db, fields.code, from, null, null);
    assertNameFree(db, {
      name: fields.name,
      parentId: fields.parentId,
      from,
      until: null,
      except: [],
      allow: input.allowDuplicateName,
    });
    const unitId = insertUnit(db, actor, founding);
    insertVersion(db, actor, unitId, from, null, fields);
    // An unknown founding is no event: nothing is known about when or on what basis.
    if (founding.year !== null) {
      insertEvent(db, actor, {
        unitId,
        type: 'founded',
        year: founding.year,
        eventDate: founding.on,
        basis: input.basis,
      });
    }
    return unitId;
  });
  return getUnit(db, id);
}

/** Whether a write changes where a unit sits by name: its name (as folded) or its parent. */
function movesName(before: VersionFields, after: VersionFields): boolean {
  return (
    foldForSearch(before.name) !== foldForSearch(after.name) || before.parentId !== after.parentId
  );
}

/**
 * Fixes a version as it was recorded (a typo, a wrong code, the wrong parent, the founding year):
 * no new version and no lineage event, because nothing happened to the unit.
 */
export function correctUnit(db: Db, actor: Actor, input: ParsedInput<'units.correct'>): UnitDetail {
  writeTransaction(db, () => {
    const unit = loadUnit(db, input.id);
    const versions = versionsOf(db, input.id);
    const version = versions.find((v) => v.id === input.versionId);
    if (!version) throw new AppError('NOT_FOUND', 'Không tìm thấy phiên bản thông tin cần sửa.');
    const changes = pickChanges(input);
    const before = fieldsOf(version);
    const next = { ...before, ...changes };
    // With the founding year corrected too, the first version is checked as it will stand:
    // a new parent need only exist from the corrected year.
    const refounded = version.id === versions[0]?.id && input.foundedYear !== undefined;
    const from = refounded
      ? firstYearOf({ year: input.foundedYear ?? null, on: null })
      : version.valid_from;
    const until = version.valid_to;
    const unknownStart = refounded
      ? input.foundedYear === null
      : unit.founded_unknown === 1 && from === unit.founded_year;
    if (changes.code !== undefined) assertCodeFree(db, next.code, from, until, input.id);
    if (changes.parentId && changes.parentId !== before.parentId) {
      // A loop is the more basic mistake: say that before anything about the parent itself.
      assertNoCycle(db, input.id, changes.parentId, from, until);
      assertParentUsable(db, changes.parentId, from, until, unknownStart);
    }
    if (movesName(before, next)) {
      assertNameFree(db, {
        name: next.name,
        parentId: next.parentId,
        from,
        until,
        except: [input.id],
        allow: input.allowDuplicateName,
      });
    }
    if (next.kind !== before.kind) {
      assertKindAllowsChildren(db, input.id, next.name, next.kind, from, until);
    }
    updateVersion(db, actor, version, changes);
    if (input.foundedYear !== undefined) {
      correctFounding(db, actor, input.id, input.foundedYear, input.allowDuplicateName);
    }
    if (input.officialOrder !== undefined) setOfficialOrder(db, actor, unit, input.officialOrder);
  });
  return getUnit(db, input.id);
}

type ChangeInput = ParsedInput<'units.changeFrom'>;

/**
 * Changes facts from `year` on: the version covering that year is closed at year−1 and a new
 * one starts (or, when it already starts that year, it is changed in place). Later versions
 * keep their own facts.
 */
export function changeUnitFrom(
  db: Db,
  actor: Actor,
  input: ChangeInput,
  eventType?: LineageEventType,
): UnitDetail {
  writeTransaction(db, () => applyChange(db, actor, input, eventType));
  return getUnit(db, input.id, input.year);
}

/** The body of changeUnitFrom, for callers that already hold a transaction (merge). */
export function applyChange(
  db: Db,
  actor: Actor,
  input: ChangeInput,
  eventType?: LineageEventType,
  relatedUnitId?: string,
): void {
  const unit = loadUnit(db, input.id);
  const version = versionAt(db, input.id, input.year);
  assertInLife(unit, input.year, version?.name ?? null);
  if (!version)
    throw new AppError('NOT_FOUND', `Tổ chức không có thông tin trong năm ${input.year}.`);
  const changes = pickChanges(input);
  const before = fieldsOf(version);
  const changed = (Object.keys(changes) as (keyof VersionFields)[]).filter(
    (k) => changes[k] !== before[k],
  );
  if (changed.length === 0) return;
  const next = { ...before, ...changes };
  if (changes.code !== undefined)
    assertCodeFree(db, next.code, input.year, version.valid_to, input.id);
  if (changes.parentId) {
    assertNoCycle(db, input.id, changes.parentId, input.year, version.valid_to);
    assertParentUsable(db, changes.parentId, input.year, version.valid_to);
  }
  if (movesName(before, next)) {
    assertNameFree(db, {
      name: next.name,
      parentId: next.parentId,
      from: input.year,
      until: version.valid_to,
      except: [input.id],
      allow: input.allowDuplicateName,
    });
  }
  if (changes.kind !== undefined) {
    assertKindAllowsChildren(db, input.id, next.name, next.kind, input.year, version.valid_to);
  }
  if (version.valid_from === input.year) {
    updateVersion(db, actor, version, changes);
  } else {
    updateVersion(db, actor, version, { validTo: input.year - 1 });
    insertVersion(db, actor, input.id, input.year, version.valid_to, next);
  }
  const type =
    eventType ??
    (changed.length === 1 && changed[0] === 'name'
      ? 'renamed'
      : changed.length === 1 && changed[0] === 'parentId'
        ? 'moved'
        : 'changed');
  insertEvent(db, actor, {
    unitId: input.id,
    type,
    year: input.year,
    eventDate: input.eventDate,
    basis: input.basis,
    relatedUnitId: relatedUnitId ?? (type === 'moved' ? next.parentId : null),
  });
}

function pickChanges(input: Partial<Record<keyof VersionFields, unknown>>): Partial<VersionFields> {
  const changes: Partial<VersionFields> = {};
  for (const key of ['name', 'code', 'kind', 'sector', 'parentId'] as const) {
    if (input[key] !== undefined) Object.assign(changes, { [key]: input[key] });
  }
  return changes;
}

export function renameUnit(db: Db, actor: Actor, input: ParsedInput<'units.rename'>): UnitDetail {
  return changeUnitFrom(db, actor, input, 'renamed');
}

export function moveUnit(db: Db, actor: Actor, input: ParsedInput<'units.move'>): UnitDetail {
  return changeUnitFrom(db, actor, input, 'moved');
}
