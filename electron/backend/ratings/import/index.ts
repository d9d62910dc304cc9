// Importing ratings from a spreadsheet: a preview that reads the file by handle, writes nothing
// and keeps its plan (the rows it checked) under an id with the file's identity; an apply that
// writes exactly that plan in one transaction through the same rating write as the grid (one
// audit row per changed record, as coming from the file, with the file's SHA-256), or refuses if
// the file or the data changed since the preview: the file is not parsed a second time. A long
// file's recorded ratings are read a year at a time (cached.ts), its statements prepared once
// (db/statements.ts), its audit rows chained with the head read once (audit/bulk.ts).
import type { ImportPreview, ImportResult, ParsedInput } from '../../../../shared/contract';
import { newId } from '../../../../shared/domain/ids';
import { AppError } from '../../../../shared/errors';
import type { Actor, BackendContext } from '../../context';
import { clockYear } from '../../context';
import { writingAuditInBulk } from '../../audit/bulk';
import { withCheckpointOwed, withoutMemoryMap } from '../../db/bulk';
import type { Db } from '../../db/open';
import { writeTransaction } from '../../db/write';
import { writingRatingsInBulk } from '../tallies';
import { phaseProgress } from '../../progress';
import { createUnit } from '../../units/operations';
import { writeRating } from '../store';
import { RecordedRatings, YEAR_READ_FROM } from './cached';
import { assertFileUnchanged, identityOf } from './identity';
import type { ImportPlan } from './plan';
import { planImport, valuesFor } from './plan';
import { assertUnchanged, dataVersion, storePlan, takePlan } from './plans';
import { readSheet } from './sheet';
import { readFileBytes } from './source';

/** The progress job of one import: the preview and its apply report under the same name. */
export const importJob = (planId: string) => `ratings.import:${planId}`;

export async function importPreview(
  ctx: BackendContext,
  input: ParsedInput<'ratings.importPreview'>,
): Promise<ImportPreview> {
  const file = ctx.files.refOf(input.file);
  const path = ctx.files.pathOf(input.file);
  const planId = newId();
  const job = importJob(planId);
  const bytes = await readFileBytes(
    path,
    file.name,
    phaseProgress(ctx.emit, job, 'read', file.size),
  );
  // The bytes read are the ones hashed: one read of the file, and no gap for it to change in.
  const identity = identityOf(bytes);
  const sheet = await readSheet(file.name, bytes, input.sheet);
  // From here on everything is synchronous: the version read first is the one the plan reflects
  // (a commit by another program while planning moves data_version, so apply will refuse).
  const version = dataVersion(ctx.db);
  const source = {
    planId,
    fileName: file.name,
    sheet: sheet.sheet,
    sheets: sheet.sheets,
    encoding: sheet.encoding,
  };
  let check: ((done: number) => void) | null = null;
  const plan = withoutMemoryMap(ctx.db, () =>
    planImport(ctx.db, source, sheet, clockYear(ctx), (done, total) => {
      check ??= phaseProgress(ctx.emit, job, 'check', total);
      check(done);
    }),
  );
  storePlan(ctx.db, { id: planId, fileName: file.name, path, identity, job, plan, version });
  return plan.preview;
}

/**
 * Writes a previewed plan. With row errors nothing is written unless `skipErrors`, which writes
 * the other rows. The actor's origin becomes `import:<file name>`, its file the previewed bytes'
 * SHA-256. Refused (PLAN_STALE, nothing written) when the file is no longer the one previewed.
 */
export function importApply(
  ctx: BackendContext,
  actor: Actor,
  input: ParsedInput<'ratings.importApply'>,
): ImportResult {
  const stored = takePlan(ctx.db, input.planId);
  assertFileUnchanged(stored.path, stored.fileName, stored.identity);
  const { preview, units, ratings } = stored.plan;
  const errorRows = new Set(preview.errors.map((e) => e.row)).size;
  if (input.skipErrors && errorRows >= preview.rows) {
    throw new AppError(
      'INVALID_INPUT',
      `Không có dòng hợp lệ nào để nhập: cả ${preview.rows} dòng dữ liệu đều có lỗi. ` +
        'Hãy sửa tệp rồi xem trước lại.',
    );
  }
  if (errorRows > 0 && !input.skipErrors) return { ...preview, applied: false, skippedRows: 0 };
  const fileActor: Actor = {
    ...actor,
    origin: `import:${stored.fileName}`,
    fileSha256: stored.identity.sha256,
  };
  const write = phaseProgress(ctx.emit, stored.job, 'write', units.length + ratings.length);
  // The commit's checkpoint is left to the worker's idle time (db/bulk.ts).
  return withoutMemoryMap(ctx.db, () =>
    withCheckpointOwed(ctx.db, () =>
      writeTransaction(ctx.db, (): ImportResult => {
        // Checked under the write lock: nothing can slip in between this check and the writes.
        assertUnchanged(ctx.db, stored.version);
        // Still one audit row per unit and per rating; the chain's head is read once.
        writingAuditInBulk(ctx.db, units.length + ratings.length, () =>
          writePlan(ctx.db, fileActor, stored.plan, write),
        );
        return { ...preview, applied: true, skippedRows: errorRows };
      }),
    ),
  );
}

/** The plan's units (parents first), then its ratings; `write(done)` follows the progress. */
function writePlan(
  db: Db,
  fileActor: Actor,
  { units, ratings }: ImportPlan,
  write: (done: number) => void,
): void {
  let done = 0;
  write(done);
  const ids = new Map<string, string>();
  const idOf = (key: string) => ids.get(key) ?? key;
  for (const unit of units) {
    // The unit existed before the file's years, since when is not known: "có từ trước", or
    // from its parent's founding year when the parent's is known.
    const created = createUnit(db, fileActor, {
      ...(unit.fromYear === null ? {} : { fromYear: unit.fromYear }),
      name: unit.name,
      code: unit.code,
      kind: unit.kind,
      sector: unit.sector,
      parentId: unit.parent ? idOf(unit.parent.key) : null,
      basis: null,
    });
    ids.set(unit.key, created.id);
    write(++done);
  }
  // Read under the write lock, after the units: each unit and year is written once, after
  // its recorded row was read.
  const recorded = new RecordedRatings(db, ratings.length >= YEAR_READ_FROM);
  const years = ratings.map((r) => r.year);
  writingRatingsInBulk(db, ratings.length, years, () => {
    for (const rating of ratings) {
      const unitId = idOf(rating.unit.key);
      const existing = recorded.get(unitId, rating.year);
      const values = valuesFor(rating, existing);
      writeRating(db, fileActor, unitId, rating.year, values, existing);
      write(++done);
    }
  });
}
