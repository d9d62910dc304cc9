// One incoming record against this installation's data: its references checked (each must be in
// the file or here), mapped to local ids, matched to its local record, and classified. The same
// steps for the preview and for the apply, so the apply writes what the preview showed.
import type { ExchangeDirection, ExchangeEntity } from '../../../../shared/methods/exchange';
import type { Db } from '../../db/open';
import { stmt } from '../../db/statements';
import type { ExchangeRecord } from '../format/records';
import type { Classification } from './classify';
import { classify } from './classify';
import { isAuthoritative, takesFrom } from './direction';
import { sameRecord } from './fields';
import type { LocalRecord, MemberIds, RatedUnits, UnitIds } from './identity';
import { findLocal, mapReferences } from './identity';
import type { FileIndex } from './validate';

export interface FileScope {
  db: Db;
  /** The versions and events the file carries (a local row the file carries is never another's). */
  carried: CarriedIds;
  /** The file's ids to check every reference against (the preview); null: the apply trusts it. */
  references: FileIndex['ids'] | null;
  direction: ExchangeDirection;
  units: UnitIds;
  /** The file's members matched to local ones (by list and unit). */
  members: MemberIds;
  /** The preview's answers to "has this unit any rating here?"; null in the apply. */
  rated: RatedUnits | null;
}

export interface CarriedIds {
  unit_version: ReadonlyMap<string, number>;
  lineage_event: ReadonlyMap<string, number>;
}

export type Resolution =
  | { kind: 'error'; message: string }
  /** Not taken from this direction: nothing looked up, nothing written. */
  | { kind: 'skipped' }
  | {
      kind: 'resolved';
      /** References in local ids (and a unit's own id). */
      record: ExchangeRecord;
      local: LocalRecord | null;
      classification: Classification;
    };

function exists(db: Db, table: string, id: string): boolean {
  return (
    stmt<[string], { id: string }>(db, `SELECT id FROM ${table} WHERE id = ?`).get(id) !== undefined
  );
}

/** The references of a record, by what they point to. */
export function referencesOf(record: ExchangeRecord): {
  unit: (string | null)[];
  list: (string | null)[];
  member: (string | null)[];
} {
  const none = { unit: [], list: [], member: [] };
  switch (record.t) {
    case 'unit':
      return none;
    case 'unit_version':
      return { ...none, unit: [record.d.unitId, record.d.parentId] };
    case 'lineage_event':
      return { ...none, unit: [record.d.unitId, record.d.relatedUnitId] };
    case 'rating':
      return { ...none, unit: [record.d.unitId] };
    case 'watchlist':
      return {
        ...none,
        unit: [record.d.issuerId],
        list: [record.d.extendsId, record.d.previousId],
      };
    case 'member':
      return {
        unit: [record.d.unitId],
        list: [record.d.watchlistId],
        member: [record.d.carriedFromId],
      };
    case 'measure':
    case 'result':
      return { ...none, member: [record.d.memberId] };
  }
}

/** A Vietnamese sentence for the first reference neither in the file nor here, or null. */
function missingReference(
  scope: FileScope,
  ids: FileIndex['ids'],
  record: ExchangeRecord,
): string | null {
  const { units, db } = scope;
  const refs = referencesOf(record);
  for (const id of refs.unit) {
    if (id !== null && !ids.unit.has(id) && units.known(id) === null) {
      return `không tìm thấy tổ chức ${id}: không có trong tệp, cũng không có trong dữ liệu ở máy này.`;
    }
  }
  for (const id of refs.list) {
    if (id !== null && !ids.watchlist.has(id) && !exists(db, 'watchlists', id)) {
      return `không tìm thấy danh sách diện củng cố ${id}: không có trong tệp, cũng không có trong dữ liệu ở máy này.`;
    }
  }
  for (const id of refs.member) {
    if (
      id !== null &&
      !ids.member.has(id) &&
      !scope.members.has(id) &&
      !exists(db, 'watchlist_members', id)
    ) {
      return `không tìm thấy tổ chức trong danh sách diện củng cố ${id}: không có trong tệp, cũng không có trong dữ liệu ở máy này.`;
    }
  }
  return null;
}

/**
 * A new version of a unit known here whose years overlap a live local version the file does not
 * carry: the unit was registered on both sides (confirmed the same); the register here keeps its
 * own history of it rather than two versions for one year.
 */
function overlapsLocalVersion(scope: FileScope, record: ExchangeRecord): boolean {
  if (record.t !== 'unit_version' || record.del !== null) return false;
  const rows = stmt<[{ unit: string; from: number; to: number }], { id: string }>(
    scope.db,
    `SELECT id FROM unit_versions WHERE unit_id = :unit AND deleted_at IS NULL
       AND valid_from <= :to AND (valid_to IS NULL OR valid_to >= :from)`,
  ).all({
    unit: record.d.unitId,
    from: record.d.validFrom,
    to: record.d.validTo ?? Number.MAX_SAFE_INTEGER,
  });
  return rows.some((row) => !scope.carried.unit_version.has(row.id));
}

/** The record with its references in local ids (no look-up of the record itself). */
export function mapRecord(scope: FileScope, incoming: ExchangeRecord): ExchangeRecord {
  return mapReferences(incoming, scope.units, scope.members);
}

export function resolveRecord(scope: FileScope, incoming: ExchangeRecord): Resolution {
  const missing = scope.references ? missingReference(scope, scope.references, incoming) : null;
  if (missing) return { kind: 'error', message: missing };
  if (!takesFrom(scope.direction, incoming.t)) return { kind: 'skipped' };
  const record = mapReferences(incoming, scope.units, scope.members);
  const inFile = (entity: ExchangeEntity, id: string) =>
    (entity === 'unit_version' || entity === 'lineage_event') && scope.carried[entity].has(id);
  const local = findLocal(scope.db, record, inFile, scope.rated);
  if (record.t === 'member' && local && local.record.id !== record.id) {
    scope.members.set(record.id, local.record.id);
  }
  if (!local && overlapsLocalVersion(scope, record)) return { kind: 'skipped' };
  // A removed unit new here is written as its tombstone: the sender's removal leaves the unit's
  // ratings live (units.remove tombstones only the unit, its versions and events), and the file
  // carries them; without the unit row they would name no unit and the commit would fail on the
  // foreign key. Other deleted records new here are still nothing to do.
  if (!local && record.t === 'unit' && record.del !== null) {
    return { kind: 'resolved', record, local, classification: { kind: 'new' } };
  }
  const classification = classify(
    local ? local.revision : null,
    { rev: record.rev, deleted: record.del !== null },
    local ? sameRecord(local.record, record) : false,
    isAuthoritative(scope.direction, record.t),
  );
  return { kind: 'resolved', record, local, classification };
}
