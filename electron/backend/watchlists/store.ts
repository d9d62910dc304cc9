// Row writes of the watchlist tables, each audited field by field in the caller's transaction.
// Table and column names come from this module's callers, never from input.
import { newId } from '../../../shared/domain/ids';
import { auditInsert, auditUpdate } from '../audit';
import type { Actor } from '../context';
import type { Db } from '../db/open';
import { stmt } from '../db/statements';

export type WatchTable = 'watchlists' | 'watchlist_members' | 'measures' | 'watchlist_results';

/** The audit entity of each table (changes.ts maps them all to `watchlists`). */
const ENTITY: Record<WatchTable, string> = {
  watchlists: 'watchlist',
  watchlist_members: 'watchlist_member',
  measures: 'measure',
  watchlist_results: 'watchlist_result',
};

export type RowValues = Record<string, string | number | null>;

/** Inserts a row with a new UUID and the usual timestamps; returns the id. */
export function insertRow(db: Db, actor: Actor, table: WatchTable, values: RowValues): string {
  const id = newId();
  const columns = Object.keys(values);
  stmt(
    db,
    `INSERT INTO ${table}(id, ${columns.join(', ')}, created_at, updated_at, changed_by_installation)
     VALUES (?, ${columns.map(() => '?').join(', ')}, ?, ?, ?)`,
  ).run(id, ...columns.map((c) => values[c]), actor.at, actor.at, actor.installationId);
  auditInsert(db, actor, ENTITY[table], id, values);
  return id;
}

/**
 * Writes the fields of `changes` that differ from `before` (undefined = not given); returns
 * whether anything changed.
 */
export function updateRow(
  db: Db,
  actor: Actor,
  table: WatchTable,
  id: string,
  before: object,
  changes: Partial<Record<string, string | number | null | undefined>>,
): boolean {
  const stored = before as Record<string, unknown>;
  const changed = Object.keys(changes).filter(
    (c) => changes[c] !== undefined && (stored[c] ?? null) !== changes[c],
  );
  if (changed.length === 0) return false;
  const after: RowValues = {};
  const old: RowValues = {};
  for (const c of changed) {
    after[c] = changes[c] ?? null;
    old[c] = (stored[c] ?? null) as string | number | null;
  }
  stmt(
    db,
    `UPDATE ${table} SET ${changed.map((c) => `${c} = ?`).join(', ')}, updated_at = ?,
       changed_by_installation = ? WHERE id = ?`,
  ).run(...changed.map((c) => after[c]), actor.at, actor.installationId, id);
  auditUpdate(db, actor, ENTITY[table], id, old, after);
  return true;
}

/** A tombstone instead of a delete, so that removals travel in exchange files. */
export function tombstoneRow(db: Db, actor: Actor, table: WatchTable, id: string): void {
  updateRow(db, actor, table, id, { deleted_at: null }, { deleted_at: actor.at });
}
