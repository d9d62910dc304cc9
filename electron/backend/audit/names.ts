// The names today of what an audit row's values refer to by id, for the Nhật ký thay đổi screen
// (audit.list's unitNames): an officer reads "Chi bộ thôn Bản Chang" or a watchlist's title, never
// a record's id.
import type { AuditEntry } from '../../../shared/contract';
import type { Db } from '../db/open';
import { stmt } from '../db/statements';
import { nameAt } from '../units/queries';

/** Fields whose values are a unit's id: shown by the unit's name. */
const UNIT_FIELDS = new Set(['unit_id', 'parent_id', 'related_unit_id', 'issuer_id']);
/** A watchlist's fields naming another list (the one it extends, the one it follows). */
const LIST_LINK_FIELDS = new Set(['extends_id', 'previous_id']);

type Change = AuditEntry['changes'][number];
type Resolve = (id: string) => string | null;

/** What the row's entity and the change's field hold: a unit, a list, a list's member, or none. */
function resolverOf(
  db: Db,
  year: number,
  entity: string,
  entityId: string,
  field: string,
): Resolve | null {
  const unitName: Resolve = (id) => nameAt(db, id, year);
  if (UNIT_FIELDS.has(field)) return unitName;
  // This PC's own unit (setup, Cài đặt): a setting whose value is a unit's id.
  if (entity === 'settings' && entityId === 'own_unit_id' && field === 'value') return unitName;
  if (field === 'watchlist_id' || (entity === 'watchlist' && LIST_LINK_FIELDS.has(field))) {
    return (id) =>
      stmt<[string], string>(db, 'SELECT title FROM watchlists WHERE id = ?').pluck().get(id) ??
      null;
  }
  // A measure or a yearly remark names the list's member, a member the one it was carried from:
  // shown as the member's unit.
  if (field === 'member_id' || field === 'carried_from_id') {
    return (id) => {
      const unitId = stmt<[string], string>(
        db,
        'SELECT unit_id FROM watchlist_members WHERE id = ?',
      )
        .pluck()
        .get(id);
      return unitId === undefined ? null : nameAt(db, unitId, year);
    };
  }
  return null;
}

/** Each id among the changes' old and new values that names something, with its name today. */
export function auditNames(
  db: Db,
  year: number,
  entity: string,
  entityId: string,
  changes: readonly Change[],
): Record<string, string> {
  const names: Record<string, string> = {};
  for (const c of changes) {
    const resolve = resolverOf(db, year, entity, entityId, c.field);
    if (!resolve) continue;
    for (const id of [c.old, c.new]) {
      if (typeof id !== 'string' || id in names) continue;
      const name = resolve(id);
      if (name !== null) names[id] = name;
    }
  }
  return names;
}
