// The Nhật ký thay đổi screen's pages: the audit log newest first, filtered, paged by key
// (at, seq) so a page deep in a national log costs what the first one does. Each filter has an
// index that walks it in that order (migrations 14 and 16; test/backend/audit-log).
import type { AuditChannel, AuditEntry, AuditPage, AuditSource } from '../../../shared/contract';
import type { ParsedInput } from '../../../shared/contract';
import { AUDIT_PAGE_SIZE } from '../../../shared/methods/audit';
import { auditValues } from '../audit';
import type { BackendContext } from '../context';
import { clockYear } from '../context';
import type { Db } from '../db/open';
import { stmt } from '../db/statements';
import { EXCHANGE_ORIGIN, IMPORT_PREFIX, SOURCE_SQL } from './source';
import { nameAt } from '../units/queries';
import { auditNames } from './names';

interface Row {
  seq: number;
  at: string;
  operator: string;
  channel: string | null;
  origin: string;
  file_sha256: string | null;
  entity: string;
  entity_id: string;
  unit_id: string | null;
  field: string;
  old_value: string | null;
  new_value: string | null;
}

function sourceOf(origin: string): AuditSource {
  if (origin === EXCHANGE_ORIGIN) return 'exchange';
  return origin.startsWith(IMPORT_PREFIX) ? 'import' : 'manual';
}

function channelOf(channel: string | null): AuditChannel | null {
  return channel === 'app' || channel === 'preview' || channel === 'cli' ? channel : null;
}

/** The SQL of one page and its parameters; exported for the EXPLAIN test. */
export function pageQuery(input: ParsedInput<'audit.list'>): {
  sql: string;
  params: Record<string, string | number>;
  limit: number;
} {
  const where: string[] = [];
  const params: Record<string, string | number> = {};
  if (input.unitId) {
    where.push('unit_id = :unit');
    params.unit = input.unitId;
  }
  if (input.operator) {
    where.push('operator = :operator');
    params.operator = input.operator;
  }
  if (input.channel) {
    where.push('channel = :channel');
    params.channel = input.channel;
  }
  if (input.source) {
    where.push(`${SOURCE_SQL} = :source`);
    params.source = input.source;
  }
  if (input.from) {
    where.push('at >= :from');
    params.from = input.from;
  }
  if (input.to) {
    where.push('at < :to');
    params.to = input.to;
  }
  if (input.after) {
    // The key of the previous page's last row: rows strictly older, ties of `at` by seq.
    where.push('(at < :afterAt OR (at = :afterAt AND seq < :afterSeq))');
    where.push('at <= :afterAt');
    params.afterAt = input.after.at;
    params.afterSeq = input.after.seq;
  }
  const limit = input.limit ?? AUDIT_PAGE_SIZE;
  // One row more than shown: whether a next page exists.
  params.limit = limit + 1;
  const sql = `SELECT seq, at, operator, channel, origin, file_sha256, entity, entity_id, unit_id,
      field, old_value, new_value
    FROM audit_log ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY at DESC, seq DESC LIMIT :limit`;
  return { sql, params, limit };
}

function entryOf(db: Db, year: number, row: Row): AuditEntry {
  const changes = auditValues(row);
  let action: AuditEntry['action'] = 'update';
  if (row.field === '*' && row.old_value === null) action = 'insert';
  else if (row.field === '*' && row.new_value === null) action = 'remove';
  // An exchange batch's own row names its file among its values; a ratings import's origin.
  const batchFile = changes.find((c) => c.field === 'file_name')?.new;
  let fileName: string | null = null;
  if (row.entity === 'exchange_batch' && typeof batchFile === 'string') fileName = batchFile;
  else if (row.origin.startsWith(IMPORT_PREFIX) && row.origin !== EXCHANGE_ORIGIN) {
    fileName = row.origin.slice(IMPORT_PREFIX.length);
  }
  return {
    seq: row.seq,
    at: row.at,
    operator: row.operator,
    channel: channelOf(row.channel),
    source: sourceOf(row.origin),
    fileName,
    fileSha256: row.file_sha256,
    entity: row.entity,
    entityId: row.entity_id,
    unitId: row.unit_id,
    unitName: row.unit_id ? nameAt(db, row.unit_id, year) : null,
    action,
    changes,
    unitNames: auditNames(db, year, row.entity, row.entity_id, changes),
  };
}

export function listAudit(ctx: BackendContext, input: ParsedInput<'audit.list'>): AuditPage {
  const { sql, params, limit } = pageQuery(input);
  const rows = stmt<[Record<string, string | number>], Row>(ctx.db, sql).all(params);
  const page = rows.slice(0, limit);
  const year = clockYear(ctx);
  const last = page[page.length - 1];
  return {
    entries: page.map((row) => entryOf(ctx.db, year, row)),
    next: rows.length > limit && last ? { at: last.at, seq: last.seq } : null,
  };
}

/** Everyone who wrote the log, in order: a skip over the operator index, one probe each. */
export function auditOperators(db: Db): string[] {
  return stmt<[], string>(
    db,
    `WITH RECURSIVE o(name) AS (
       SELECT min(operator) FROM audit_log
       UNION ALL
       SELECT (SELECT min(operator) FROM audit_log WHERE operator > o.name) FROM o
       WHERE o.name IS NOT NULL)
     SELECT name FROM o WHERE name IS NOT NULL`,
  )
    .pluck()
    .all();
}
