// The audit log (issue 11 item 4): the Nhật ký thay đổi screen's pages, the people who wrote it,
// and the check that nobody edited it outside the app (Cài đặt, `tccsd audit verify`).
import { z } from 'zod';
import { unitId } from '../schemas';
import { method } from './define';

/** How a write reached the data file: the desktop app, the preview in a browser, the CLI. */
export const AUDIT_CHANNELS = ['app', 'preview', 'cli'] as const;
export type AuditChannel = (typeof AUDIT_CHANNELS)[number];

/** What caused a change: typed by a person, a ratings import file, an exchange file. */
export const AUDIT_SOURCES = ['manual', 'import', 'exchange'] as const;
export type AuditSource = (typeof AUDIT_SOURCES)[number];

/** One field of a change, old → new (null: no value). */
export interface AuditChange {
  field: string;
  old: string | number | boolean | null;
  new: string | number | boolean | null;
}

export interface AuditEntry {
  seq: number;
  /** ISO instant. */
  at: string;
  operator: string;
  /** Null for rows written before the channel was recorded by an import. */
  channel: AuditChannel | null;
  source: AuditSource;
  /** The imported file's name and SHA-256, when the change came from a file. */
  fileName: string | null;
  fileSha256: string | null;
  entity: string;
  entityId: string;
  /** The unit the record belongs to, and its name today; null when none. */
  unitId: string | null;
  unitName: string | null;
  action: 'insert' | 'update' | 'remove';
  changes: AuditChange[];
  /**
   * The names today of what the changes refer to by id: units (parent, related unit, issuer, own
   * unit), lists (by title) and lists' members (by their unit).
   */
  unitNames: Record<string, string>;
}

/** Where the next page starts: the last entry of this one (newest first). */
export interface AuditCursor {
  at: string;
  seq: number;
}

export interface AuditPage {
  entries: AuditEntry[];
  next: AuditCursor | null;
}

/** The first row of the chain that does not hold, and why. */
export interface AuditBrokenRow {
  seq: number;
  at: string;
  entity: string;
  entityId: string;
  /** The unit the row is about, by its newest name (null: none, or no longer known). */
  unitName: string | null;
  operator: string;
  /** changed: its values were edited; missing: rows before it were removed or it was slipped
   * in; book: the records an exchange import inserted were edited; truncated: the newest rows
   * were removed (this row is the newest left, none when every row went). */
  problem: 'changed' | 'missing' | 'book' | 'truncated';
  /** truncated: the newest row the log once had (audit_head); otherwise null. */
  lostUpTo: number | null;
}

export interface AuditVerification {
  ok: boolean;
  /** Rows checked (up to and including the first broken one). */
  rows: number;
  broken: AuditBrokenRow | null;
  /** The answer in one Vietnamese paragraph. */
  summary: string;
}

const instant = z.iso.datetime({ error: 'Thời điểm không hợp lệ.' });

export const AUDIT_PAGE_SIZE = 50;

export const auditMethods = {
  /** A page of the audit log, newest first, filtered; `after` continues from a page's `next`. */
  'audit.list': method<AuditPage>()(
    z
      .strictObject({
        unitId: unitId.optional(),
        operator: z
          .string()
          .min(1, { error: 'Tên người thay đổi không được để trống.' })
          .max(200, { error: 'Tên người thay đổi quá dài (tối đa 200 ký tự).' })
          .optional(),
        channel: z.enum(AUDIT_CHANNELS, { error: 'Kênh thay đổi không hợp lệ.' }).optional(),
        source: z.enum(AUDIT_SOURCES, { error: 'Nguồn thay đổi không hợp lệ.' }).optional(),
        /** From this instant (included) to that one (excluded). */
        from: instant.optional(),
        to: instant.optional(),
        after: z.strictObject({ at: instant, seq: z.int().min(1) }).optional(),
        limit: z
          .int({ error: 'Số dòng mỗi trang không hợp lệ.' })
          .min(1, { error: 'Số dòng mỗi trang phải từ 1 đến 200.' })
          .max(200, { error: 'Số dòng mỗi trang phải từ 1 đến 200.' })
          .optional(),
      })
      .refine((f) => !f.from || !f.to || f.from < f.to, {
        error: 'Ngày bắt đầu phải trước ngày kết thúc.',
      }),
    [],
    false,
  ),
  /** Everyone who wrote the audit log, in order (the screen's person filter). */
  'audit.operators': method<string[]>()(z.strictObject({}), [], false),
  /** Walks the hash chain: whether anyone edited the log outside the app. */
  'audit.verify': method<AuditVerification>()(z.strictObject({}), [], false),
};
