// Reading the audit log in tests: rows as stored, and the same rows spelt out field by field
// (whichever shape a row has, see electron/backend/audit.ts), values as text as the old per-field
// rows stored them, so expectations can name each field's old and new value.
import type { AuditFieldChange } from '../../electron/backend/audit';
import { auditValues } from '../../electron/backend/audit';
import type { TestBackend } from './backend';

export interface AuditRow {
  seq: number;
  entity: string;
  entity_id: string;
  field: string;
  old_value: string | null;
  new_value: string | null;
  at: string;
  operator: string;
  installation: string;
  origin: string;
}

/** Audit rows after `seq`, oldest first. */
export function auditSince(b: TestBackend, seq: number): AuditRow[] {
  return b.ctx.db
    .prepare('SELECT * FROM audit_log WHERE seq > ? ORDER BY seq')
    .all(seq) as AuditRow[];
}

export function lastAuditSeq(b: TestBackend): number {
  return b.ctx.db.prepare('SELECT coalesce(max(seq), 0) FROM audit_log').pluck().get() as number;
}

const asText = (value: AuditFieldChange['old']) => (value === null ? null : String(value));

/** Each row as one row per field it records (field, old → new as text), in the row's order. */
export function perField<R extends Pick<AuditRow, 'field' | 'old_value' | 'new_value'>>(
  rows: readonly R[],
): R[] {
  return rows.flatMap((row) =>
    auditValues(row).map((c) => ({
      ...row,
      field: c.field,
      old_value: asText(c.old),
      new_value: asText(c.new),
    })),
  );
}
