// Creating units and changing their facts: correction in place, or a new version from a year.
import type { ParsedInput, UnitDetail } from '../../../shared/contract';
import type { LineageEventType } from '../../../shared/domain/units';
import { AppError } from '../../../shared/errors';
import type { Actor } from '../context';
import type { Db } from '../db/open';
import { getUnit, loadUnit, versionAt, versionsOf } from './queries';
import type { VersionFields } from './rows';
import { fieldsOf } from './rows';
import { assertCodeFree, assertInLife, assertNoCycle, assertParentUsable } from './rules';
import { insertEvent, insertUnit, insertVersion, setOfficialOrder, updateVersion } from './store';
import { writeTransaction } from '../db/write';

export function createUnit(db: Db, actor: Actor, input: ParsedInput<'units.create'>): UnitDetail {
  const fields: VersionFields = {
    name: input.name,
    code: input.code ?? null,
    kind: input.kind,
    sector: input.sector ?? null,
    parentId: input.parentId ?? null,
  };
  if (input.foundedOn && Number(input.foundedOn.slice(0, 4)) !== input.fromYear) {
    throw new AppError('INVALID_INPUT', 'Ngày thành lập phải nằm trong năm bắt đầu.');
  }
  const id = writeTransaction(db, () => {
    if (fields.parentId) assertParentUsable(db, fields.parentId, input.fromYear, null);
    assertCodeFree(db, fields.code, input.fromYear, null, null);
    const unitId = insertUnit(db, actor, input.fromYear, input.foundedOn ?? null);
    insertVersion(db, actor, unitId, input.fromYear, null, fields);
    insertEvent(db, actor, {
      unitId,
      type: 'founded',
      year: input.fromYear,
      eventDate: input.foundedOn,
      basis: input.basis,
    });
    return unitId;
  });
  return getUnit(db, id);
}

/** Fixes a version as it was recorded (a typo, a wrong code): no new version, no lineage event. */
export function correctUnit(db: Db, actor: Actor, input: ParsedInput<'units.correct'>): UnitDetail {
  writeTransaction(db, () => {
    const unit = loadUnit(db, input.id);
    const version = versionsOf(db, input.id).find((v) => v.id === input.versionId);
    if (!version) throw new AppError('NOT_FOUND', 'Không tìm thấy phiên bản thông tin cần sửa.');
    const changes = pickChanges(input);
    const next = { ...fieldsOf(version), ...changes };
    if (changes.code !== undefined) {
      assertCodeFree(db, next.code, version.valid_from, version.valid_to, input.id);
    }
    if (changes.parentId) {
      assertParentUsable(db, changes.parentId, version.valid_from, version.valid_to);
      assertNoCycle(db, input.id, changes.parentId, version.valid_from, version.valid_to);
    }
    updateVersion(db, actor, version, changes);
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
    assertParentUsable(db, changes.parentId, input.year, version.valid_to);
    assertNoCycle(db, input.id, changes.parentId, input.year, version.valid_to);
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
