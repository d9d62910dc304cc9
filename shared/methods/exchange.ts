// Methods of the data exchange between installations (issue 9): the data file a commune or a
// district sends up and the province sends down, its previewed merge, undo, and the ledger of
// who sent what. The format itself is documented in docs/exchange-format.md.
import { z } from 'zod';
import type { FileRef } from '../files';
import { fileHandle } from '../files';
import { unitId, year } from '../schemas';
import { method } from './define';

export const EXCHANGE_FORMAT = 'tccsd-exchange';
export const EXCHANGE_FORMAT_VERSION = 1;
/** The file name's extension, without the dot. */
export const EXCHANGE_EXTENSION = 'tccsd';

/** What records a file carries, in the order a reader needs them (parents before children). */
export const EXCHANGE_ENTITIES = [
  'unit',
  'unit_version',
  'lineage_event',
  'rating',
  'watchlist',
  'member',
  'measure',
  'result',
] as const;
export type ExchangeEntity = (typeof EXCHANGE_ENTITIES)[number];
export const EXCHANGE_ENTITY_LABELS: Record<ExchangeEntity, string> = {
  unit: 'Tổ chức',
  unit_version: 'Thông tin tổ chức theo năm',
  lineage_event: 'Sự kiện của tổ chức',
  rating: 'Kết quả xếp loại',
  watchlist: 'Danh sách diện củng cố',
  member: 'Tổ chức trong danh sách',
  measure: 'Biện pháp củng cố',
  result: 'Nhận xét theo năm',
};

/**
 * Where a file comes from, seen from here: from a unit above ours ('down': the province's master
 * list and decisions), from ours or below ('up': a commune's or a district's data), or neither.
 */
export type ExchangeDirection = 'up' | 'down' | 'peer';
export const EXCHANGE_DIRECTION_LABELS: Record<ExchangeDirection, string> = {
  up: 'Từ cấp dưới gửi lên',
  down: 'Từ cấp trên gửi xuống',
  peer: 'Từ đơn vị ngang cấp',
};

export type ConflictChoice = 'keep_local' | 'take_incoming';
export const CONFLICT_CHOICES = ['keep_local', 'take_incoming'] as const;
export const CONFLICT_CHOICE_LABELS: Record<ConflictChoice, string> = {
  keep_local: 'Giữ dữ liệu đang có',
  take_incoming: 'Lấy dữ liệu trong tệp',
};

/** The first line of a file (see docs/exchange-format.md). */
export interface ExchangeHeader {
  format: typeof EXCHANGE_FORMAT;
  formatVersion: number;
  appVersion: string;
  installationId: string;
  /** The sending installation as people know it: its own unit's name. */
  installationName: string;
  senderUnitId: string | null;
  senderUnitName: string;
  /** The subtree the file covers (its root), or null for the whole register. */
  scope: { unitId: string | null; unitName: string };
  /** The years of ratings and lists included; null = all. */
  years: { from: number; to: number } | null;
  /** Only what changed since the installation's previous export. */
  sinceLast: boolean;
  createdAt: string;
  /** 1, 2, 3 … per sending installation. */
  sequence: number;
  counts: Record<ExchangeEntity, number>;
  /** Hex SHA-256 of the uncompressed record lines after the header. */
  contentSha256: string;
}

export interface ExportResult {
  file: FileRef;
  /** "TCCSD-Huyen-uy-Bac-Son-2016-2018-so-3.tccsd". */
  suggestedName: string;
  header: ExchangeHeader;
}

export interface ChangeCounts {
  new: number;
  changed: number;
  identical: number;
  conflicts: number;
  errors: number;
  /** Records this direction does not take (a commune's ratings in a file from above, …). */
  skipped: number;
}

export interface FieldChange {
  field: string;
  /** Vietnamese: "Mức xếp loại". */
  label: string;
  /** As people read it: "HTTNV", "2017", "(trống)". */
  local: string | null;
  incoming: string | null;
}

export type ConflictReason = 'both_changed' | 'older';
export const CONFLICT_REASON_LABELS: Record<ConflictReason, string> = {
  both_changed: 'Cả hai bên cùng sửa từ lần trao đổi trước',
  older: 'Dữ liệu trong tệp cũ hơn dữ liệu đang có',
};

export interface RecordChange {
  /** Stable within a plan: what apply's per-record choices are keyed by. */
  key: string;
  fileIndex: number;
  entity: ExchangeEntity;
  recordId: string;
  /** "Đảng bộ xã Đồng Ý — xếp loại năm 2017". */
  label: string;
  kind: 'new' | 'changed' | 'conflict';
  conflictReason: ConflictReason | null;
  /** Field by field, old → new (empty for a new record). */
  fields: FieldChange[];
}

/** A unit created on both sides, offered to the user: "the same unit?" — never decided silently. */
export interface SameUnitCandidate {
  incomingUnitId: string;
  incomingName: string;
  incomingCode: string | null;
  localUnitId: string;
  localName: string;
  localCode: string | null;
  parentName: string | null;
  match: 'code' | 'name';
}

export interface FileIssue {
  /** The record's line in the file (1 = the header), when the problem is one record's. */
  line: number | null;
  message: string;
}

export interface FilePreview {
  fileIndex: number;
  fileName: string;
  sha256: string;
  /** Null when the file could not be read at all (see errors). */
  header: ExchangeHeader | null;
  direction: ExchangeDirection | null;
  /** The same file was imported before (and not undone): applying it changes nothing. */
  alreadyImported: boolean;
  /** "Tệp số 3 cũ hơn tệp số 5 đã nhận từ …" when a lower sequence arrives after a higher one. */
  sequenceWarning: string | null;
  counts: ChangeCounts;
  errors: FileIssue[];
  /** The file is in the password envelope (docs/exchange-format.md, "Tệp có mật khẩu"). */
  sealed: boolean;
  /** A sealed file not opened for want of its password, or with a wrong one: ask for it. */
  passwordNeeded: 'required' | 'wrong' | null;
}

export interface ExchangePreview {
  planId: string;
  files: FilePreview[];
  totals: ChangeCounts;
  /** Conflicts first, then new and changed records; at most CHANGES_LIMIT (see changesTotal). */
  changes: RecordChange[];
  changesTotal: number;
  sameUnits: SameUnitCandidate[];
  /** False when a file has errors: nothing of a file with errors is applied. */
  canApply: boolean;
}

export const CHANGES_LIMIT = 2000;

export interface ExchangeBatch {
  id: string;
  fileName: string;
  sha256: string;
  senderInstallationId: string;
  senderUnitId: string | null;
  senderUnitName: string;
  sequence: number;
  direction: ExchangeDirection;
  years: { from: number; to: number } | null;
  fileCreatedAt: string;
  importedAt: string;
  operator: string;
  counts: { inserted: number; updated: number; keptLocal: number; identical: number };
  undoneAt: string | null;
  canUndo: boolean;
  /** Why undo is refused: "đã có thay đổi sau lần nhập này ở 3 bản ghi", or null. */
  undoBlockedReason: string | null;
}

export interface ApplyResult {
  batches: ExchangeBatch[];
  /** Every file was imported before or changed nothing: said plainly, not silently. */
  unchanged: boolean;
  message: string;
}

export type SenderState = 'received' | 'conflicts_kept' | 'years_missing';
export const SENDER_STATE_LABELS: Record<SenderState, string> = {
  received: 'Đã nhận',
  conflicts_kept: 'Có xung đột đã giữ dữ liệu đang có',
  years_missing: 'Thiếu năm',
};

export interface LedgerSender {
  installationId: string;
  unitId: string | null;
  unitName: string;
  lastFileName: string;
  lastSequence: number;
  lastCreatedAt: string;
  lastImportedAt: string;
  years: { from: number; to: number } | null;
  counts: ExchangeBatch['counts'];
  state: SenderState;
  /** Years of the ledger's range the sender's files never covered. */
  missingYears: number[];
  batches: number;
}

export interface ExchangeLedger {
  year: number;
  senders: LedgerSender[];
  /** Newest first. */
  batches: ExchangeBatch[];
  /** Units directly under this installation's own unit that sent no ratings of `year`. */
  notReported: { unitId: string; name: string; code: string | null }[];
  exports: {
    sequence: number;
    at: string;
    fileName: string;
    sinceLast: boolean;
    counts: Record<string, number>;
  }[];
}

/** The shortest password an export may be given (the file goes by e-mail or USB stick). */
export const EXCHANGE_PASSWORD_MIN = 8;
const PASSWORD_MAX = 256;

/** A new file's password: never trimmed or otherwise changed (it is compared in NFC). */
export const exchangePassword = z
  .string()
  .min(EXCHANGE_PASSWORD_MIN, {
    error: `Mật khẩu phải có ít nhất ${EXCHANGE_PASSWORD_MIN} ký tự.`,
  })
  .max(PASSWORD_MAX, { error: `Mật khẩu không được dài quá ${PASSWORD_MAX} ký tự.` });

const conflictChoice = z.enum(CONFLICT_CHOICES, {
  error: 'Hãy chọn giữ dữ liệu đang có hoặc lấy dữ liệu trong tệp.',
});

export const exchangeMethods = {
  /** Writes this installation's data file (streamed, temporary name renamed); records the export. */
  'exchange.export': method<ExportResult>()(
    z.strictObject({
      /** The subtree to send; absent = the installation's own unit and everything under it. */
      scopeId: unitId.optional(),
      fromYear: year.optional(),
      toYear: year.optional(),
      sinceLast: z.boolean().optional(),
      /** Seals the file with this password (AES-256-GCM, key by scrypt). */
      password: exchangePassword.optional(),
    }),
    ['NOT_FOUND', 'INVALID_INPUT', 'SETUP_REQUIRED', 'WRITE_FAILED'],
    true,
  ),
  /** Reads the files, checks them and plans the merge; writes nothing. */
  'exchange.preview': method<ExchangePreview>()(
    z.strictObject({
      files: z.array(fileHandle).min(1, { error: 'Hãy chọn ít nhất một tệp dữ liệu.' }).max(500),
      /** Per file handle: the password of a sealed file (a wrong one is said per file). */
      passwords: z
        .record(
          z.string().max(200),
          z.string().max(PASSWORD_MAX, {
            error: `Mật khẩu không được dài quá ${PASSWORD_MAX} ký tự.`,
          }),
        )
        .optional(),
    }),
    ['FILE_NOT_FOUND', 'BAD_FILE', 'SETUP_REQUIRED'],
    false,
  ),
  /** Applies a previewed plan in one transaction, one batch per file; PLAN_STALE if data moved. */
  'exchange.apply': method<ApplyResult>()(
    z.strictObject({
      planId: z.string().min(1).max(100),
      /** Every conflict at once, and per record (RecordChange.key) where the user chose. */
      conflicts: z
        .strictObject({
          all: conflictChoice.optional(),
          records: z.record(z.string().max(200), conflictChoice).optional(),
        })
        .optional(),
      /** Per SameUnitCandidate.incomingUnitId: the same unit as the local one, or a new unit. */
      sameUnits: z.record(z.string().max(100), z.enum(['same', 'new'])).optional(),
    }),
    ['PLAN_STALE', 'NOT_FOUND', 'INVALID_INPUT', 'CONFLICTS_UNDECIDED', 'BAD_FILE'],
    true,
  ),
  /** Puts back what a batch changed, while nothing later changed those records. */
  'exchange.undo': method<ExchangeBatch>()(
    z.strictObject({ batchId: z.uuid({ error: 'Mã lần nhập không hợp lệ.' }) }),
    ['NOT_FOUND', 'UNDO_BLOCKED'],
    true,
  ),
  /** Who sent what, the batches, and who has not reported for `year`. */
  'exchange.ledger': method<ExchangeLedger>()(z.strictObject({ year }), [], false),
};
