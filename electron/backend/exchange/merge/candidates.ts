// "The same unit?": a unit of the file not known here (neither by id nor by an alias) while a
// local unit has the same code, or the same name under the same parent in overlapping years.
// Such a pair is offered to the user, never merged or duplicated silently; apply needs a decision
// for each ('same' writes an alias and maps every reference, 'new' inserts the unit as its own).
import type { SameUnitCandidate } from '../../../../shared/methods/exchange';
import type { Db } from '../../db/open';
import { stmt } from '../../db/statements';
import { nameAt } from '../../units/queries';
import type { UnitIds } from './identity';
import type { FileIndex, FileVersion } from './validate';

interface Match {
  unit_id: string;
  parent_id: string | null;
}

/** Local units that are no alias's target yet (an alias maps one remote unit to one local). */
const FREE = 'NOT EXISTS (SELECT 1 FROM exchange_unit_aliases a WHERE a.local_id = v.unit_id)';

function byCode(db: Db, codeFolded: string): Match[] {
  return stmt<[string], Match>(
    db,
    `SELECT DISTINCT v.unit_id, v.parent_id FROM unit_versions v
     WHERE v.code_folded = ? AND v.deleted_at IS NULL AND ${FREE} LIMIT 10`,
  ).all(codeFolded);
}

/**
 * Local units of the same folded name under the same parent in overlapping years. Answered from
 * migration 11's unit_versions_same_name (name, parent, removal, years, unit) alone; without it
 * SQLite walked every child of the parent in unit_versions_tree for each incoming unit (EXPLAIN
 * test in exchange-candidates.test.ts).
 */
export const SAME_NAME_SQL = `SELECT DISTINCT v.unit_id, v.parent_id FROM unit_versions v
     WHERE v.name_folded = :name AND v.parent_id IS :parent AND v.deleted_at IS NULL
       AND v.valid_from <= :to AND (v.valid_to IS NULL OR v.valid_to >= :from) AND ${FREE}
     LIMIT 10`;

function byName(db: Db, version: FileVersion, parentId: string | null): Match[] {
  return stmt<[{ name: string; parent: string | null; from: number; to: number }], Match>(
    db,
    SAME_NAME_SQL,
  ).all({
    name: version.nameFolded,
    parent: parentId,
    from: version.from,
    to: version.to ?? Number.MAX_SAFE_INTEGER,
  });
}

function latestCode(db: Db, unitId: string): string | null {
  return (
    stmt<[string], { code: string | null }>(
      db,
      `SELECT code FROM unit_versions WHERE unit_id = ? AND deleted_at IS NULL
       ORDER BY valid_from DESC LIMIT 1`,
    ).get(unitId)?.code ?? null
  );
}

/**
 * The candidates of the files' units unknown here, by incoming unit id. `units` maps ids without
 * any decision yet. A local unit is offered for one incoming unit at most, and never when the
 * files carry it under its own id (then it is that record).
 */
export function findCandidates(
  db: Db,
  indexes: readonly FileIndex[],
  units: UnitIds,
): Map<string, SameUnitCandidate> {
  const inFiles = (id: string) => indexes.some((index) => index.ids.unit.has(id));
  const versionsOf = (id: string): FileVersion[] =>
    indexes.flatMap((index) => index.versions.get(id) ?? []);
  const found = new Map<string, SameUnitCandidate | null>();
  const taken = new Set<string>();
  const visiting = new Set<string>();

  /** The parent as a local id: known here, the local unit of its own candidate, or itself. */
  const localParent = (parentId: string | null): string | null => {
    if (parentId === null) return null;
    return units.known(parentId) ?? candidateFor(parentId)?.localUnitId ?? parentId;
  };

  const pick = (matches: Match[]): Match | undefined =>
    matches.find((m) => !taken.has(m.unit_id) && !inFiles(m.unit_id));

  function candidateFor(unitId: string): SameUnitCandidate | null {
    const done = found.get(unitId);
    if (done !== undefined) return done;
    if (visiting.has(unitId) || units.known(unitId) !== null || !inFiles(unitId)) return null;
    visiting.add(unitId);
    const versions = versionsOf(unitId);
    let match: Match | undefined;
    let how: SameUnitCandidate['match'] = 'code';
    for (const version of versions) {
      if (version.codeFolded) match = pick(byCode(db, version.codeFolded));
      if (match) break;
    }
    if (!match) {
      how = 'name';
      for (const version of versions) {
        match = pick(byName(db, version, localParent(version.parentId)));
        if (match) break;
      }
    }
    visiting.delete(unitId);
    const info = indexes.map((index) => index.units.get(unitId)).find((u) => u !== undefined);
    const candidate: SameUnitCandidate | null =
      match && info
        ? {
            incomingUnitId: unitId,
            incomingName: info.name,
            incomingCode: info.code,
            localUnitId: match.unit_id,
            localName: nameAt(db, match.unit_id, null) ?? '',
            localCode: latestCode(db, match.unit_id),
            parentName: match.parent_id ? nameAt(db, match.parent_id, null) : null,
            match: how,
          }
        : null;
    if (candidate) taken.add(candidate.localUnitId);
    found.set(unitId, candidate);
    return candidate;
  }

  const result = new Map<string, SameUnitCandidate>();
  for (const index of indexes) {
    for (const unitId of index.ids.unit.keys()) {
      const candidate = candidateFor(unitId);
      if (candidate) result.set(unitId, candidate);
    }
  }
  return result;
}
