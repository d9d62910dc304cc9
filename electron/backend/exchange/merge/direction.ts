// Where a file comes from, seen from this installation, and what that sender is authoritative
// for (docs/exchange-format.md, "Chiều gửi và thẩm quyền").
//
// From above ('down': the sender's unit is an ancestor of our own unit) the register (units,
// their versions and events) and the list decisions (lists and their members) are the sender's
// to decide: their changes are taken without asking, while ratings, measures and yearly remarks
// are ours and are not taken at all. From our own unit or below ('up'), or from a unit on
// neither line ('peer'), everything merges and conflicts are decided by the user.
import type { ExchangeDirection, ExchangeEntity } from '../../../../shared/methods/exchange';
import type { Db } from '../../db/open';
import { stmt } from '../../db/statements';

/** Records a sender from above decides. */
const DECIDED_FROM_ABOVE: ReadonlySet<ExchangeEntity> = new Set([
  'unit',
  'unit_version',
  'lineage_event',
  'watchlist',
  'member',
]);

/** Whether a record of this kind is taken at all from a file of this direction. */
export function takesFrom(direction: ExchangeDirection, entity: ExchangeEntity): boolean {
  return direction !== 'down' || DECIDED_FROM_ABOVE.has(entity);
}

/** Whether this sender's changes to this kind of record win without asking. */
export function isAuthoritative(direction: ExchangeDirection, entity: ExchangeEntity): boolean {
  return direction === 'down' && DECIDED_FROM_ABOVE.has(entity);
}

/** A guard against a cycle in hand-made data: no real register is this deep. */
const MAX_DEPTH = 64;

/**
 * The parents of a unit, nearest first: in this register any version's parent, else in the
 * file's versions (for units not known here yet). Any version counts, so a unit moved between
 * committees over the years is still below both.
 */
function ancestorsOf(
  db: Db,
  unitId: string,
  fileParents: ReadonlyMap<string, string | null>,
): Set<string> {
  const localParents = stmt<[string], { parent_id: string }>(
    db,
    `SELECT DISTINCT parent_id FROM unit_versions
     WHERE unit_id = ? AND parent_id IS NOT NULL AND deleted_at IS NULL`,
  );
  const seen = new Set<string>();
  let frontier = [unitId];
  for (let depth = 0; depth < MAX_DEPTH && frontier.length > 0; depth++) {
    const next: string[] = [];
    for (const id of frontier) {
      const parents = localParents.all(id).map((r) => r.parent_id);
      const fromFile = fileParents.get(id);
      if (fromFile) parents.push(fromFile);
      for (const parent of parents) {
        if (seen.has(parent)) continue;
        seen.add(parent);
        next.push(parent);
      }
    }
    frontier = next;
  }
  return seen;
}

/**
 * The direction of a file from the sender's unit (as mapped to a local id) and our own unit.
 * `fileParents`: each unit of the file → its parent in the file's latest version.
 */
export function directionOf(
  db: Db,
  ownUnitId: string | null,
  senderUnitId: string | null,
  fileParents: ReadonlyMap<string, string | null>,
): ExchangeDirection {
  if (!ownUnitId || !senderUnitId) return 'peer';
  if (senderUnitId === ownUnitId) return 'up';
  if (ancestorsOf(db, ownUnitId, fileParents).has(senderUnitId)) return 'down';
  if (ancestorsOf(db, senderUnitId, fileParents).has(ownUnitId)) return 'up';
  return 'peer';
}
