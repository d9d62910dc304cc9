// The plan a preview leaves for its apply, kept in memory per connection: per file its identity,
// its records (the private .jsonl the reader left) and one decision byte per record line, plus
// the "same unit?" candidates and the listed changes. Never the records themselves: a national
// file's plan is its lines' decisions, about half a megabyte.
//
// A plan is stale when anything was written since the preview (the audit log's last seq, or a
// commit by another connection moving `PRAGMA data_version`), as the ratings import's plans.
import type {
  ExchangeDirection,
  ExchangeHeader,
  RecordChange,
  SameUnitCandidate,
} from '../../../../shared/contract';
import { AppError } from '../../../../shared/errors';
import type { Db } from '../../db/open';
import type { DataVersion } from '../../ratings/import/plans';
import type { OpenedExchangeFile } from '../format/reader';
import type { FileMember } from './identity';
import type { CarriedIds } from './resolve';

/** One byte per record line: what the preview decided for it. */
export const Decision = {
  /** Not a record of an applicable file (a file with errors, or imported before). */
  none: 0,
  error: 1,
  new: 2,
  changed: 3,
  identical: 4,
  /** Identical values; only the revision bookkeeping is written. */
  sync: 5,
  conflictBoth: 6,
  conflictOlder: 7,
  /** Not taken from this direction (a commune's ratings in a file from above, …). */
  skipped: 8,
  /** A newer copy of the same record comes in another file of the same plan. */
  superseded: 9,
} as const;
export type Decision = (typeof Decision)[keyof typeof Decision];

export function isConflict(decision: number): boolean {
  return decision === Decision.conflictBoth || decision === Decision.conflictOlder;
}

export interface PlannedFile {
  fileIndex: number;
  fileName: string;
  sha256: string;
  /** Null when the file could not be read at all. */
  header: ExchangeHeader | null;
  direction: ExchangeDirection | null;
  /** The reader's temporary .jsonl and its lines; null when the file could not be read. */
  source: OpenedExchangeFile | null;
  alreadyImported: boolean;
  hasErrors: boolean;
  /** Indexed by line − 2 (line 1 is the header). */
  decisions: Uint8Array;
  /** The versions and events the file carries (matching needs them again at apply). */
  carried: CarriedIds;
  /** The file's members: their list and unit (a measure's member is matched through them). */
  members: ReadonlyMap<string, FileMember>;
  /** Lines read through the schema again (see validate.ts, readChecked). */
  reparse: ReadonlySet<number>;
}

export interface ExchangePlan {
  id: string;
  files: PlannedFile[];
  /** By incoming unit id. */
  sameUnits: Map<string, SameUnitCandidate>;
  /** The first file carrying each candidate: its batch records the alias (undo removes it). */
  sameUnitFile: Map<string, number>;
  /** Conflicts of records of a candidate unit, by key: no conflict if the unit is decided new. */
  conflictUnits: Map<string, string>;
  /** The changes the preview listed (conflicts first), to name undecided conflicts. */
  listed: RecordChange[];
  version: DataVersion;
}

/** The key of a record's change: file and line, stable within a plan. */
export function changeKey(fileIndex: number, line: number): string {
  return `${fileIndex + 1}:${line}`;
}

/** Plans kept per connection; only the last few matter, each holds temporary files. */
const KEPT = 4;

const plans = new WeakMap<Db, Map<string, ExchangePlan>>();

/**
 * Every plan still holding temporary files, whatever its connection: removed when the process
 * ends (a preview never applied — `tccsd import --dry-run`, a closed window — leaves no file).
 */
const live = new Set<ExchangePlan>();
let cleanupAtExit = false;

/** Removes the temporary files of a plan that will not be applied (or has been). */
export function disposePlan(plan: ExchangePlan): void {
  live.delete(plan);
  for (const file of plan.files) file.source?.dispose();
}

function holdUntilExit(plan: ExchangePlan): void {
  live.add(plan);
  if (cleanupAtExit) return;
  cleanupAtExit = true;
  process.once('exit', () => {
    for (const kept of [...live]) disposePlan(kept);
  });
}

export function storePlan(db: Db, plan: ExchangePlan): void {
  let kept = plans.get(db);
  if (!kept) {
    kept = new Map();
    plans.set(db, kept);
  }
  kept.set(plan.id, plan);
  holdUntilExit(plan);
  for (const [id, oldest] of kept) {
    if (kept.size <= KEPT) break;
    kept.delete(id);
    disposePlan(oldest);
  }
}

/**
 * The plan under this id. It stays stored while the user can still answer a refusal (conflicts
 * or "same unit?" not decided yet); `dropPlan` ends it once applied or refused for good.
 */
export function getPlan(db: Db, id: string): ExchangePlan {
  const plan = plans.get(db)?.get(id);
  if (!plan) {
    throw new AppError(
      'NOT_FOUND',
      'Không tìm thấy bản xem trước này (đã được dùng để nhập, đã quá cũ, hoặc ứng dụng vừa ' +
        'khởi động lại); hãy xem trước lại các tệp.',
    );
  }
  return plan;
}

/** Forgets a plan and removes its temporary files: each plan is applied at most once. */
export function dropPlan(db: Db, plan: ExchangePlan): void {
  plans.get(db)?.delete(plan.id);
  disposePlan(plan);
}
