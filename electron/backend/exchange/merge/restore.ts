// Undo's row writes: a row the batch changed gets back its before-row exactly (values, revision,
// last-exchanged revision, timestamps), a row the batch inserted is removed; each audited.
import type { ExchangeEntity } from '../../../../shared/methods/exchange';
import { unitSortKey } from '../../../../shared/domain/sort-key';
import { auditRecordRemoval, auditUpdate } from '../../audit';
import type { Actor } from '../../context';
import type { Db } from '../../db/open';
import { stmt } from '../../db/statements';
import type { SqlValue } from '../format/records';
import { EXCHANGE_TABLES } from '../format/records';
import { audited, keepRevision } from './write';

type Row = Record<string, SqlValue>;

const columnsCache = new WeakMap<Db, Map<string, string[]>>();

/** The table's columns, from SQLite itself (never from the stored JSON's keys). */
function columnsOf(db: Db, table: string): string[] {
  let perDb = columnsCache.get(db);
  if (!perDb) {
    perDb = new Map();
    columnsCache.set(db, perDb);
  }
  let columns = perDb.get(table);
  if (!columns) {
    columns = stmt<[string], { name: string }>(db, 'SELECT name FROM pragma_table_info(?)')
      .all(table)
      .map((c) => c.name);
    perDb.set(table, columns);
  }
  return columns;
}

const REVISION_COLUMNS = new Set(['rev', 'synced_rev']);

function sqlValue(value: unknown): SqlValue {
  return typeof value === 'string' || typeof value === 'number' ? value : null;
}

function currentRow(db: Db, table: string, id: string): Row | undefined {
  return stmt<[string], Row>(db, `SELECT * FROM ${table} WHERE id = ?`).get(id);
}

function revisionOf(row: Row): { rev: number; syncedRev: number | null } {
  return {
    rev: typeof row.rev === 'number' ? row.rev : 0,
    syncedRev: typeof row.synced_rev === 'number' ? row.synced_rev : null,
  };
}

/** Puts a changed row back as it was before the batch. */
export function restoreRow(
  db: Db,
  actor: Actor,
  entity: ExchangeEntity,
  id: string,
  beforeJson: string,
): void {
  const { table, audit } = EXCHANGE_TABLES[entity];
  const current = currentRow(db, table, id);
  if (!current) return;
  const parsed: unknown = JSON.parse(beforeJson);
  const stored = (parsed !== null && typeof parsed === 'object' ? parsed : {}) as Record<
    string,
    unknown
  >;
  // seq is the row's own rowid (the search index points at it): it never changed. A before-row
  // is the whole row, or only its revision columns when the batch wrote nothing else (write.ts:
  // the rest is then as the batch found it, since undo runs only while nothing changed it since).
  const revisionsOnly = Object.keys(stored).every((c) => REVISION_COLUMNS.has(c));
  const columns = columnsOf(db, table).filter(
    (c) => c !== 'id' && c !== 'seq' && (!revisionsOnly || REVISION_COLUMNS.has(c)),
  );
  const before: Row = {};
  for (const column of columns) before[column] = sqlValue(stored[column]);
  // A row kept before the sort key existed (migration 7) has none: it is the name's, as always.
  if (entity === 'unit_version' && typeof before.name === 'string') {
    before.sort_key = unitSortKey(before.name);
  }
  stmt(db, `UPDATE ${table} SET ${columns.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`).run(
    ...columns.map((c) => before[c] ?? null),
    id,
  );
  keepRevision(db, entity, id, revisionOf(current), revisionOf(before));
  auditUpdate(db, actor, audit, id, audited(current), audited(before));
}

/** Removes a row the batch inserted; audited as one row, as the insert was (auditRecordRemoval). */
export function removeRow(db: Db, actor: Actor, entity: ExchangeEntity, id: string): void {
  const { table, audit } = EXCHANGE_TABLES[entity];
  const current = currentRow(db, table, id);
  if (!current) return;
  stmt(db, `DELETE FROM ${table} WHERE id = ?`).run(id);
  auditRecordRemoval(db, actor, audit, id, audited(current));
}
