// Which records an export carries (docs/exchange-format.md, "Tệp mang những gì"), as SQL over
// three temporary tables of this connection, filled once per export:
//
//   units    the scope's subtree (every unit that was ever under the root, any version, any
//            year: context = 0) plus the units its records refer to outside it and their
//            superiors (context = 1), so a file never names a unit it does not carry;
//   lists    the lists of the years asked for that a unit of the subtree issued or is a member of;
//   members  the members of those lists that belong to the subtree or to a list it issued.
//
// Context units travel with their identity and versions only: their events, ratings and lists
// are not the sender's to send. The tables live in `temp`, so an export writes nothing to the
// data file itself and runs in a read transaction.
import type { ExchangeEntity } from '../../../shared/methods/exchange';
import type { Db } from '../db/open';
import { stmt } from '../db/statements';
import { EXCHANGE_TABLES, recordColumns } from './format/records';
import { BATCH_AUDIT_ENTITY } from './merge/batches';

export interface ExportSelection {
  rootId: string;
  years: { from: number; to: number } | null;
  /** Only records with an audit entry after this audit seq (the previous export's); null = all. */
  sinceSeq: number | null;
}

const UNITS = 'temp.exchange_export_units';
const LISTS = 'temp.exchange_export_lists';
const MEMBERS = 'temp.exchange_export_members';
/** With `sinceSeq`: the records batches imported since inserted (their books, not the audit log). */
const INSERTED = 'temp.exchange_export_inserted';

/** Fills the temporary tables for `selection` (emptied first). */
export function prepareSelection(db: Db, selection: ExportSelection): void {
  db.exec(`
    CREATE TEMP TABLE IF NOT EXISTS exchange_export_units (id TEXT PRIMARY KEY, context INTEGER NOT NULL);
    CREATE TEMP TABLE IF NOT EXISTS exchange_export_lists (id TEXT PRIMARY KEY);
    CREATE TEMP TABLE IF NOT EXISTS exchange_export_members (id TEXT PRIMARY KEY);
    CREATE TEMP TABLE IF NOT EXISTS exchange_export_inserted (
      entity TEXT NOT NULL, id TEXT NOT NULL, PRIMARY KEY (entity, id));`);
  clearSelection(db);
  if (selection.sinceSeq !== null) {
    // A batch's audit row (entity 'exchange_batch') is written when it is applied: a batch
    // applied after the previous export inserted records this export carries.
    stmt(
      db,
      `INSERT OR IGNORE INTO ${INSERTED}(entity, id)
       SELECT b.entity, e.value ->> 0 FROM exchange_batch_inserts b, json_each(b.records) e
       WHERE b.batch_id IN (SELECT a.entity_id FROM audit_log a
                            WHERE a.seq > ? AND a.entity = '${BATCH_AUDIT_ENTITY}')`,
    ).run(selection.sinceSeq);
  }
  const years = yearParams(selection.years);
  stmt(
    db,
    `INSERT INTO ${UNITS}(id, context)
     WITH RECURSIVE sub(id) AS (
       SELECT ? UNION SELECT v.unit_id FROM unit_versions v JOIN sub ON v.parent_id = sub.id)
     SELECT id, 0 FROM sub`,
  ).run(selection.rootId);
  stmt(
    db,
    `INSERT INTO ${LISTS}(id)
     SELECT w.id FROM watchlists w
     WHERE w.year <= :to AND coalesce(w.to_year, w.year) >= :from
       AND (w.issuer_id IN (SELECT id FROM ${UNITS} WHERE context = 0)
         OR EXISTS (SELECT 1 FROM watchlist_members m JOIN ${UNITS} u ON u.id = m.unit_id AND u.context = 0
                    WHERE m.watchlist_id = w.id))`,
  ).run(years);
  stmt(
    db,
    `INSERT INTO ${MEMBERS}(id)
     SELECT m.id FROM watchlist_members m
     JOIN ${LISTS} l ON l.id = m.watchlist_id
     JOIN watchlists w ON w.id = m.watchlist_id
     WHERE w.issuer_id IN (SELECT id FROM ${UNITS} WHERE context = 0)
        OR m.unit_id IN (SELECT id FROM ${UNITS} WHERE context = 0)`,
  ).run();
  // Units named by what travels, outside the subtree, and every superior of theirs (a file's
  // own parent chain lets the receiver place a unit it does not know yet).
  stmt(
    db,
    `INSERT OR IGNORE INTO ${UNITS}(id, context)
     WITH RECURSIVE named(id) AS (
       SELECT v.parent_id FROM unit_versions v JOIN ${UNITS} u ON u.id = v.unit_id
       WHERE v.parent_id IS NOT NULL
       UNION SELECT e.related_unit_id FROM lineage_events e JOIN ${UNITS} u ON u.id = e.unit_id
       WHERE e.related_unit_id IS NOT NULL
       UNION SELECT w.issuer_id FROM watchlists w JOIN ${LISTS} l ON l.id = w.id
       UNION SELECT m.unit_id FROM watchlist_members m JOIN ${MEMBERS} s ON s.id = m.id
       UNION SELECT v.parent_id FROM unit_versions v JOIN named ON v.unit_id = named.id
       WHERE v.parent_id IS NOT NULL)
     SELECT id, 1 FROM named WHERE id IN (SELECT id FROM units)`,
  ).run();
}

export function clearSelection(db: Db): void {
  db.exec(
    `DELETE FROM ${UNITS}; DELETE FROM ${LISTS}; DELETE FROM ${MEMBERS}; DELETE FROM ${INSERTED};`,
  );
}

function yearParams(years: ExportSelection['years']): { from: number; to: number } {
  // Without a range every year passes: the bounds lie beyond any year a field can hold.
  return years ?? { from: -1, to: 1_000_000 };
}

/** FROM … WHERE of each record type over the temporary tables (`t` is the record's table). */
const FROM: Record<ExchangeEntity, { from: string; years: boolean }> = {
  unit: { from: `JOIN ${UNITS} s ON s.id = t.id`, years: false },
  unit_version: { from: `JOIN ${UNITS} s ON s.id = t.unit_id`, years: false },
  lineage_event: { from: `JOIN ${UNITS} s ON s.id = t.unit_id AND s.context = 0`, years: false },
  rating: { from: `JOIN ${UNITS} s ON s.id = t.unit_id AND s.context = 0`, years: true },
  watchlist: { from: `JOIN ${LISTS} s ON s.id = t.id`, years: false },
  member: { from: `JOIN ${MEMBERS} s ON s.id = t.id`, years: false },
  measure: { from: `JOIN ${MEMBERS} s ON s.id = t.member_id`, years: false },
  result: { from: `JOIN ${MEMBERS} s ON s.id = t.member_id`, years: true },
};

function whereOf(entity: ExchangeEntity): string {
  const { audit } = EXCHANGE_TABLES[entity];
  const conditions = [
    // The audit log's index on (entity, entity_id) answers this per record; a record a batch
    // inserted has no audit row of its own but is in INSERTED.
    `(:since IS NULL OR EXISTS (SELECT 1 FROM audit_log a
       WHERE a.entity = '${audit}' AND a.entity_id = t.id AND a.seq > :since)
       OR EXISTS (SELECT 1 FROM ${INSERTED} i WHERE i.entity = '${entity}' AND i.id = t.id))`,
  ];
  if (FROM[entity].years) conditions.push('t.year BETWEEN :from AND :to');
  return conditions.join(' AND ');
}

function params(selection: ExportSelection) {
  return { since: selection.sinceSeq, ...yearParams(selection.years) };
}

/** How many records of `entity` the prepared selection holds. */
export function countSelected(db: Db, entity: ExchangeEntity, selection: ExportSelection): number {
  const { table } = EXCHANGE_TABLES[entity];
  return stmt<[object], number>(
    db,
    `SELECT count(*) FROM ${table} t ${FROM[entity].from} WHERE ${whereOf(entity)}`,
  )
    .pluck()
    .get(usedParams(entity, params(selection))) as number;
}

/**
 * The selected rows of `entity`, read one at a time (columns: `recordColumns(entity)`), in the
 * order of their ids: a receiver then inserts them, audits them and books them for undo in key
 * order, each index keyed by the id filled page after page instead of at random places (at
 * national size the import's page cache then holds its work instead of spilling; see
 * docs/performance.md). `+t.id` keeps the plan the scope chooses and sorts what it selected,
 * rather than walking the whole table in id order for a small scope.
 */
export function iterateSelected(
  db: Db,
  entity: ExchangeEntity,
  selection: ExportSelection,
): IterableIterator<Record<string, unknown>> {
  const { table } = EXCHANGE_TABLES[entity];
  const columns = recordColumns(entity)
    .map((c) => `t.${c}`)
    .join(', ');
  return stmt<[object], Record<string, unknown>>(
    db,
    `SELECT ${columns} FROM ${table} t ${FROM[entity].from} WHERE ${whereOf(entity)} ORDER BY +t.id`,
  ).iterate(usedParams(entity, params(selection)));
}

/** better-sqlite3 refuses named parameters a statement does not use. */
function usedParams(
  entity: ExchangeEntity,
  all: { since: number | null; from: number; to: number },
): object {
  return FROM[entity].years ? all : { since: all.since };
}
