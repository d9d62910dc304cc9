// exchange.preview: reads the chosen files by handle (the one asynchronous step: each is
// gunzipped into a private temporary .jsonl and its hashes and header checked), then plans the
// merge synchronously against the data as it is now and keeps that plan under an id for
// exchange.apply. Writes nothing. A file sealed with a password is opened with the password given
// for its handle (format/open.ts); without one, or with a wrong one, it is reported so the screen
// asks for it. A file that cannot be read is reported with its reason, never
// as a failure of the whole preview.
import type { ExchangePreview, ParsedInput } from '../../../shared/contract';
import { newId } from '../../../shared/domain/ids';
import { withSchemaYear } from '../../../shared/domain/years';
import { AppError } from '../../../shared/errors';
import type { BackendContext } from '../context';
import { clockYear } from '../context';
import { withoutMemoryMap } from '../db/bulk';
import { phaseProgress } from '../progress';
import { dataVersion } from '../ratings/import/plans';
import { openDataFile } from './format/open';
import { SealError } from './format/sealed';
import { parseRecordLine } from './format/records';
import { storePlan } from './merge/plan';
import type { ReadFile } from './merge/planning';
import { planMerge } from './merge/planning';

/** The progress job of the exchange's preview and apply (phases read, check, write). */
export const EXCHANGE_JOB = 'exchange';

async function readFiles(
  ctx: BackendContext,
  handles: readonly string[],
  passwords: Readonly<Record<string, string>>,
): Promise<ReadFile[]> {
  const refs = handles.map((handle) => ({
    ref: ctx.files.refOf(handle),
    path: ctx.files.pathOf(handle),
    password: passwords[handle] ?? null,
  }));
  const total = refs.reduce((sum, { ref }) => sum + ref.size, 0);
  const read = phaseProgress(ctx.emit, EXCHANGE_JOB, 'read', total);
  read(0);
  const files: ReadFile[] = [];
  let before = 0;
  try {
    for (const { ref, path, password } of refs) {
      try {
        const { source, sealed } = await openDataFile(
          path,
          password,
          { displayName: ref.name },
          (done) => read(before + done),
        );
        files.push({ fileName: ref.name, source, failure: null, sealed, passwordNeeded: null });
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'BAD_FILE') throw error;
        files.push({
          fileName: ref.name,
          source: null,
          failure: error.message,
          ...sealState(error),
        });
      }
      before += ref.size;
      read(before);
    }
  } catch (error) {
    for (const file of files) file.source?.dispose();
    throw error;
  }
  return files;
}

/** A sealed file's refusal: whether the screen should ask for its password (again). */
function sealState(error: AppError): Pick<ReadFile, 'sealed' | 'passwordNeeded'> {
  if (!(error instanceof SealError)) return { sealed: false, passwordNeeded: null };
  const needed = { password_required: 'required', wrong_password: 'wrong', damaged: null } as const;
  return { sealed: true, passwordNeeded: needed[error.failure] };
}

export async function previewExchange(
  ctx: BackendContext,
  input: ParsedInput<'exchange.preview'>,
): Promise<ExchangePreview> {
  const files = await readFiles(ctx, input.files, input.passwords ?? {});
  try {
    // From here on everything is synchronous: the data version read first is the one the plan
    // reflects (a commit by another program while planning moves it, so apply will refuse).
    const version = dataVersion(ctx.db);
    const year = clockYear(ctx);
    const lines = files.reduce((sum, f) => sum + (f.source?.recordLines ?? 0), 0);
    const check = phaseProgress(ctx.emit, EXCHANGE_JOB, 'check', 2 * lines);
    let done = 0;
    check(0);
    const planId = newId();
    // Every record is looked up once: without the memory map (db/bulk.ts).
    const { plan, preview } = withoutMemoryMap(ctx.db, () =>
      planMerge({
        db: ctx.db,
        planId,
        files,
        version,
        parse: (text) => withSchemaYear(year, () => parseRecordLine(text)),
        progress: () => check(++done),
      }),
    );
    check(2 * lines);
    storePlan(ctx.db, plan);
    return preview;
  } catch (error) {
    for (const file of files) file.source?.dispose();
    throw error;
  }
}
