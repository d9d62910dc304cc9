// Import plans kept between a preview and its apply, in memory, per database connection: apply
// writes exactly what the user saw, or nothing if the data changed in between.
import { AppError } from '../../../../shared/errors';
import type { Db } from '../../db/open';
import { stmt } from '../../db/statements';
import type { FileIdentity } from './identity';
import type { ImportPlan } from './plan';

/**
 * What the plan was computed against. Every write of this app adds audit rows (the last `seq`
 * moves); `data_version` moves when another connection (the CLI, a second window) commits.
 */
export interface DataVersion {
  auditSeq: number;
  dataVersion: number;
}

export interface StoredPlan {
  id: string;
  /** The file's own name, for the audit origin `import:<name>`. */
  fileName: string;
  /** Where the file was read from, and what was read: checked again before the apply. */
  path: string;
  identity: FileIdentity;
  /** The progress job both the preview and the apply report under. */
  job: string;
  plan: ImportPlan;
  version: DataVersion;
}

/** Plans kept per connection: a national file's plan is large, and only the last few matter. */
const KEPT = 4;

const plans = new WeakMap<Db, Map<string, StoredPlan>>();

export function dataVersion(db: Db): DataVersion {
  const auditSeq =
    stmt<[], { seq: number | null }>(db, 'SELECT max(seq) AS seq FROM audit_log').get()?.seq ?? 0;
  return { auditSeq, dataVersion: db.pragma('data_version', { simple: true }) as number };
}

export function storePlan(db: Db, plan: StoredPlan): void {
  let kept = plans.get(db);
  if (!kept) {
    kept = new Map();
    plans.set(db, kept);
  }
  kept.set(plan.id, plan);
  for (const oldest of kept.keys()) {
    if (kept.size <= KEPT) break;
    kept.delete(oldest);
  }
}

/** Takes a plan out of the store: each plan is applied (or refused) at most once. */
export function takePlan(db: Db, id: string): StoredPlan {
  const kept = plans.get(db);
  const plan = kept?.get(id);
  if (!plan) {
    throw new AppError(
      'NOT_FOUND',
      'Không tìm thấy bản xem trước này (đã được dùng để nhập, đã quá cũ, hoặc ứng dụng vừa ' +
        'khởi động lại); hãy xem trước lại tệp.',
    );
  }
  kept?.delete(id);
  return plan;
}

/** Inside the write transaction: refuses with PLAN_STALE if anything was written since the plan. */
export function assertUnchanged(db: Db, since: DataVersion): void {
  const now = dataVersion(db);
  if (now.auditSeq !== since.auditSeq || now.dataVersion !== since.dataVersion) {
    throw new AppError(
      'PLAN_STALE',
      'Dữ liệu đã thay đổi kể từ lúc xem trước; hãy xem trước lại tệp.',
    );
  }
}
