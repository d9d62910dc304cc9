// Which entities and ids one request changed, collected where every change is written (the
// audit log and the settings), so that `dispatch` can announce them as one `data.changed` event
// after the request succeeded. A request that fails announces nothing.
import type { ChangedEntity } from '../../shared/contract';
import type { Db } from './db/open';

interface Pending {
  entities: Set<ChangedEntity>;
  ids: Set<string>;
}

const pending = new WeakMap<Db, Pending>();

/**
 * Ids kept per request at most. Screens refresh by entity; the ids only name what a small write
 * touched. A bulk write (an exchange file of half a million ratings) would otherwise hold every id
 * in memory and send them all to the window in one event.
 */
export const MAX_CHANGED_IDS = 10_000;

/** Audit entities (table-level names) → the entity the renderer refreshes. */
const ENTITY_OF: Record<string, ChangedEntity> = {
  unit: 'units',
  unit_version: 'units',
  lineage_event: 'units',
  rating: 'ratings',
  watchlist: 'watchlists',
  watchlist_member: 'watchlists',
  measure: 'watchlists',
  watchlist_result: 'watchlists',
  // An exchange batch imported or undone (its audit row): the ledger.
  exchange_batch: 'exchange',
};

export function startCollecting(db: Db): void {
  if (!pending.has(db)) pending.set(db, { entities: new Set(), ids: new Set() });
}

export function recordChange(db: Db, entity: string, id?: string | null): void {
  const collected = pending.get(db);
  if (!collected) return;
  collected.entities.add(ENTITY_OF[entity] ?? (entity as ChangedEntity));
  if (id && collected.ids.size < MAX_CHANGED_IDS) collected.ids.add(id);
}

/** What was changed since `startCollecting`, or null when nothing was; collection stops. */
export function takeChanges(db: Db): { entities: ChangedEntity[]; ids: string[] } | null {
  const collected = pending.get(db);
  pending.delete(db);
  if (!collected || collected.entities.size === 0) return null;
  return { entities: [...collected.entities].sort(), ids: [...collected.ids].sort() };
}

export function discardChanges(db: Db): void {
  pending.delete(db);
}
