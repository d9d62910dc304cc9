// exchange.export: this installation's data file (docs/exchange-format.md). The records are read
// in one read transaction (a consistent snapshot while other programs keep writing) and streamed
// from the statements' iterators straight into the file, never all in memory; the file is written
// under a temporary name and renamed when complete (the file registry); then the export is
// recorded with its sequence, so the next "only what changed since" starts where this one ended.
// With a password the file is sealed (format/sealed.ts) before it takes its name; the export's
// row keeps the hash of the .tccsd inside, the identity an import computes.
import { rmSync } from 'node:fs';
import type { ExchangeHeader, ExportResult, ParsedInput } from '../../../shared/contract';
import {
  EXCHANGE_ENTITIES,
  EXCHANGE_EXTENSION,
  EXCHANGE_FORMAT,
  EXCHANGE_FORMAT_VERSION,
} from '../../../shared/methods/exchange';
import { newId } from '../../../shared/domain/ids';
import { AppError } from '../../../shared/errors';
import type { BackendContext } from '../context';
import { clockYear } from '../context';
import type { Db } from '../db/open';
import { stmt } from '../db/statements';
import { withoutMemoryMap } from '../db/bulk';
import { writeTransaction } from '../db/write';
import { actorOf, getMeta, installationId } from '../meta';
import { phaseProgress } from '../progress';
import { asciiSlug } from '../reports/file-name';
import { loadUnit, nameAt } from '../units/queries';
import { systemReason, writeFailed } from '../write-failure';
import type { ExportSelection } from './export-scope';
import { clearSelection, countSelected, iterateSelected, prepareSelection } from './export-scope';
import { mapUnitIds, recordFromRow } from './format/records';
import type { RecordCounts, WrittenFile } from './format/writer';
import { ExchangeFileWriter } from './format/writer';
import { newSeal, sealFile } from './format/sealed';

/** What an export needs settled before it reads anything. */
interface ExportPlan {
  ownUnitId: string;
  rootId: string;
  years: { from: number; to: number } | null;
  sinceLast: boolean;
  sequence: number;
  fileName: string;
  installationId: string;
  ownUnitName: string;
  rootName: string;
}

export async function exportExchange(
  ctx: BackendContext,
  input: ParsedInput<'exchange.export'>,
): Promise<ExportResult> {
  const plan = planExport(ctx, input);
  // The key first (scrypt, a few tenths of a second): nothing is read or written before it.
  const seal = input.password === undefined ? null : await newSeal(input.password);
  const written: { value?: { file: WrittenFile; auditSeq: number } } = {};
  let file;
  try {
    file = await ctx.files.writeOutput(plan.fileName, (tempPath) => {
      // The whole scope is read once: without the memory map (db/bulk.ts).
      const write = (path: string) =>
        (written.value = withoutMemoryMap(ctx.db, () => writeExport(ctx, plan, path)));
      if (seal === null) {
        write(tempPath);
        return;
      }
      // The plain file beside the temporary one, sealed into it a chunk at a time, then gone.
      const plainPath = `${tempPath}.plain`;
      try {
        write(plainPath);
        sealFile(plainPath, tempPath, seal);
      } finally {
        rmSync(plainPath, { force: true });
      }
    });
  } catch (error) {
    throw isSystemError(error) ? writeFailure(error, plan.fileName) : error;
  }
  if (!written.value) throw new AppError('INTERNAL', 'Không ghi được tệp dữ liệu.');
  const { file: result, auditSeq } = written.value;
  try {
    recordExport(ctx, plan, result, auditSeq);
  } catch (error) {
    ctx.files.release(file.handle);
    throw error;
  }
  return { file, suggestedName: plan.fileName, header: result.header };
}

/** WRITE_FAILED naming the file as offered and the folder the system named (`error.path`). */
function writeFailure(error: unknown, fileName: string): AppError {
  const path = error instanceof Error && 'path' in error ? error.path : null;
  return writeFailed(fileName, systemReason(error, typeof path === 'string' ? path : fileName));
}

/**
 * A file system's refusal (EACCES, ENOSPC …): said as WRITE_FAILED. The database's errors and
 * the app's own refusals pass as they are (DATA_BUSY, INTERNAL with the details in the log).
 */
export function isSystemError(error: unknown): boolean {
  const code = error instanceof Error && 'code' in error ? error.code : null;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code);
}

function planExport(ctx: BackendContext, input: ParsedInput<'exchange.export'>): ExportPlan {
  const { db } = ctx;
  const ownUnitId = getMeta(db, 'own_unit_id');
  if (!ownUnitId) {
    throw new AppError(
      'SETUP_REQUIRED',
      'Hãy chọn tổ chức đảng của mình (phần Cài đặt) trước khi xuất dữ liệu.',
    );
  }
  const rootId = input.scopeId ?? ownUnitId;
  loadUnit(db, rootId);
  const years = yearRange(input.fromYear, input.toYear);
  const sequence = nextSequence(db);
  const year = clockYear(ctx);
  const ownUnitName = nameAt(db, ownUnitId, year) ?? '';
  return {
    ownUnitId,
    rootId,
    years,
    sinceLast: input.sinceLast ?? false,
    sequence,
    fileName: exchangeFileName(ownUnitName, years, sequence),
    // Read before the export's read transaction: the first read of the id may write it.
    installationId: installationId(db),
    ownUnitName,
    rootName: nameAt(db, rootId, year) ?? '',
  };
}

function yearRange(from: number | undefined, to: number | undefined) {
  if (from === undefined && to === undefined) return null;
  const range = { from: from ?? to ?? 0, to: to ?? from ?? 0 };
  if (range.from > range.to) {
    throw new AppError(
      'INVALID_INPUT',
      `Năm bắt đầu (${range.from}) phải bằng hoặc trước năm kết thúc (${range.to}).`,
    );
  }
  return range;
}

function nextSequence(db: Db): number {
  const last = stmt<[], number | null>(db, 'SELECT max(sequence) FROM exchange_exports')
    .pluck()
    .get();
  return (last ?? 0) + 1;
}

/** "TCCSD-Huyen-uy-Bac-Son-2016-2018-so-3.tccsd": ASCII only, for e-mail and USB sticks. */
export function exchangeFileName(
  ownUnitName: string,
  years: { from: number; to: number } | null,
  sequence: number,
): string {
  const span =
    years === null ? '' : years.from === years.to ? `${years.from}` : `${years.from}-${years.to}`;
  return (
    ['TCCSD', asciiSlug(ownUnitName), span, 'so', String(sequence)].filter(Boolean).join('-') +
    `.${EXCHANGE_EXTENSION}`
  );
}

/**
 * Writes the file at `tempPath` from one read snapshot: no await from BEGIN to COMMIT, so no
 * other request can use the connection meanwhile.
 */
function writeExport(
  ctx: BackendContext,
  plan: ExportPlan,
  tempPath: string,
): { file: WrittenFile; auditSeq: number } {
  const { db } = ctx;
  // The writer first: a file that cannot even be opened leaves no transaction behind.
  const writer = new ExchangeFileWriter(tempPath);
  try {
    db.prepare('BEGIN').run();
    if (nextSequence(db) !== plan.sequence) throw concurrentExport();
    const auditSeq =
      stmt<[], number | null>(db, 'SELECT max(seq) FROM audit_log').pluck().get() ?? 0;
    const previous = stmt<[], number>(
      db,
      'SELECT audit_seq FROM exchange_exports ORDER BY sequence DESC LIMIT 1',
    )
      .pluck()
      .get();
    const selection: ExportSelection = {
      rootId: plan.rootId,
      years: plan.years,
      sinceSeq: plan.sinceLast ? (previous ?? null) : null,
    };
    prepareSelection(db, selection);
    const toRemote = aliasesBack(db);
    const total = EXCHANGE_ENTITIES.reduce((n, e) => n + countSelected(db, e, selection), 0);
    const progress = phaseProgress(ctx.emit, 'exchange', 'export', total);
    let done = 0;
    progress(0);
    for (const entity of EXCHANGE_ENTITIES) {
      for (const row of iterateSelected(db, entity, selection)) {
        writer.add(mapUnitIds(recordFromRow(entity, row), toRemote));
        progress(++done);
      }
    }
    const file = writer.finish((content) => headerOf(ctx, plan, content, toRemote));
    clearSelection(db);
    db.prepare('COMMIT').run();
    return { file, auditSeq };
  } catch (error) {
    writer.abort();
    if (db.inTransaction) db.prepare('ROLLBACK').run();
    throw error;
  }
}

function concurrentExport(): AppError {
  return new AppError(
    'DATA_BUSY',
    'Một lần xuất dữ liệu khác vừa được thực hiện cùng lúc. Hãy xuất lại; không có gì bị thay đổi.',
  );
}

/** Local unit ids confirmed the same as another installation's go out under that one's id. */
function aliasesBack(db: Db): (id: string) => string {
  const rows = stmt<[], { remote_id: string; local_id: string }>(
    db,
    'SELECT remote_id, local_id FROM exchange_unit_aliases',
  ).all();
  if (rows.length === 0) return (id) => id;
  const back = new Map(rows.map((r) => [r.local_id, r.remote_id]));
  return (id) => back.get(id) ?? id;
}

function headerOf(
  ctx: BackendContext,
  plan: ExportPlan,
  content: { contentSha256: string; counts: RecordCounts },
  toRemote: (id: string) => string,
): ExchangeHeader {
  return {
    format: EXCHANGE_FORMAT,
    formatVersion: EXCHANGE_FORMAT_VERSION,
    appVersion: ctx.appVersion,
    installationId: plan.installationId,
    installationName: plan.ownUnitName,
    senderUnitId: toRemote(plan.ownUnitId),
    senderUnitName: plan.ownUnitName,
    scope: { unitId: toRemote(plan.rootId), unitName: plan.rootName },
    years: plan.years,
    sinceLast: plan.sinceLast,
    createdAt: ctx.clock.now().toISOString(),
    sequence: plan.sequence,
    counts: content.counts,
    contentSha256: content.contentSha256,
  };
}

/** The export's row: its sequence is taken only now, when the file exists under its name. */
function recordExport(
  ctx: BackendContext,
  plan: ExportPlan,
  file: WrittenFile,
  auditSeq: number,
): void {
  const { db } = ctx;
  const actor = actorOf(ctx);
  writeTransaction(db, () => {
    if (nextSequence(db) !== plan.sequence) throw concurrentExport();
    stmt(
      db,
      `INSERT INTO exchange_exports(id, sequence, at, operator, file_name, sha256, scope_unit_id,
         from_year, to_year, since_last, audit_seq, counts)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      newId(),
      plan.sequence,
      file.header.createdAt,
      actor.operator,
      plan.fileName,
      file.sha256,
      plan.rootId,
      plan.years?.from ?? null,
      plan.years?.to ?? null,
      plan.sinceLast ? 1 : 0,
      auditSeq,
      JSON.stringify(file.header.counts),
    );
  });
}
