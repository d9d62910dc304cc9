// `tccsd export` (and, beside it, `tccsd import`): the data files exchanged with other
// installations (docs/exchange-format.md), through the same contract methods as the screen.
// The file is written where the command says, through a temporary sibling renamed when
// complete, so an interrupted export never leaves a half file under the real name.
import { rmSync } from 'node:fs';
import { basename } from 'node:path';
import type {
  ApplyResult,
  ConflictChoice,
  ExchangeHeader,
  MethodInput,
} from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { EXCHANGE_ENTITIES, EXCHANGE_ENTITY_LABELS } from '../../shared/methods/exchange';
import type { BackendContext } from '../backend/context';
import { clockYear } from '../backend/context';
import type { FileRegistry } from '../backend/files';
import { writeAtomically } from '../backend/files';
import { isSystemError } from '../backend/exchange/export';
import { resolveUnitRef } from '../backend/units/queries';
import { systemReason, writeFailed } from '../backend/write-failure';
import type { Output, Values } from './common';
import { UsageError, call, parseYear } from './common';
import { applyText, conflictLines, errorLines, previewText, undoText } from './exchange-text';
import { PASSWORD_ENV, commandPassword } from './password';
import { checkOutputPath } from './report-files';

// ---------------------------------------------------------------------------------------------
// export

export async function runExport(
  ctx: BackendContext,
  rest: readonly string[],
  v: Values,
  env: NodeJS.ProcessEnv,
): Promise<Output> {
  if (rest.length > 0) throw new UsageError(`Thừa tham số: ${rest.join(' ')}`);
  if (!v.out) throw new UsageError('Thiếu --out TỆP: nơi ghi tệp dữ liệu (.tccsd).');
  const out = checkOutputPath(v.out);
  const password = commandPassword(v, env);
  const input: MethodInput<'exchange.export'> = {
    ...(v.years ? parseYearRange(v.years) : {}),
    ...(v.scope ? { scopeId: resolveUnitRef(ctx.db, v.scope, clockYear(ctx)) } : {}),
    ...(v['since-last'] ? { sinceLast: true } : {}),
    ...(password === null ? {} : { password }),
  };
  let written = false;
  // The export writes through the file registry; here the registry's output is the file the
  // command names, written atomically in its own folder.
  const files: FileRegistry = {
    ...ctx.files,
    async writeOutput(_name, write) {
      try {
        await writeAtomically(out, write);
      } catch (error) {
        // Said with the file the command named, not the name the app would offer.
        throw isSystemError(error) ? writeFailed(out, systemReason(error, out)) : error;
      }
      written = true;
      return ctx.files.register(out, basename(out));
    },
  };
  let result;
  try {
    result = await call({ ...ctx, files }, 'exchange.export', input);
  } catch (error) {
    // Written but not recorded (another export took its number meanwhile): not a valid file.
    if (written) rmSync(out, { force: true });
    throw error;
  }
  const sealed = password !== null;
  return {
    json: { path: out, suggestedName: result.suggestedName, header: result.header, sealed },
    text:
      exportText(out, result.header) +
      (sealed
        ? '\nTệp được đặt mật khẩu (mã hóa AES-256-GCM): bên nhận cần đúng mật khẩu này để ' +
          'nhập. Hãy báo mật khẩu qua một đường khác (điện thoại, gặp trực tiếp), không gửi kèm tệp.'
        : ''),
  };
}

/** "2016-2018" or "2017" → the export's years; anything else is a usage mistake. */
export function parseYearRange(text: string): { fromYear: number; toYear: number } {
  const match = /^\s*(\d{4})\s*(?:[-–]\s*(\d{4})\s*)?$/.exec(text);
  if (!match?.[1]) {
    throw new UsageError(`Khoảng năm không hợp lệ: "${text}" (ví dụ 2016-2018, hoặc 2017).`);
  }
  const fromYear = parseYear(match[1]);
  const toYear = match[2] ? parseYear(match[2]) : fromYear;
  if (toYear < fromYear) {
    throw new UsageError(
      `Khoảng năm không hợp lệ: "${text}" (năm đầu phải bằng hoặc trước năm cuối).`,
    );
  }
  return { fromYear, toYear };
}

function exportText(path: string, header: ExchangeHeader): string {
  const years = header.years
    ? header.years.from === header.years.to
      ? `năm ${header.years.from}`
      : `các năm ${header.years.from}–${header.years.to}`
    : 'mọi năm';
  const counts = EXCHANGE_ENTITIES.filter((e) => header.counts[e] > 0).map(
    (e) => `  ${EXCHANGE_ENTITY_LABELS[e]}: ${header.counts[e].toLocaleString('vi-VN')}`,
  );
  return [
    `Đã xuất tệp dữ liệu số ${header.sequence}: ${path}`,
    `Phạm vi: ${header.scope.unitName}; ${years}` +
      (header.sinceLast ? '; chỉ những gì thay đổi từ lần xuất trước.' : '.'),
    counts.length > 0 ? 'Số bản ghi:' : 'Không có bản ghi nào (không có gì thay đổi).',
    ...counts,
    `Mã kiểm tra nội dung (SHA-256): ${header.contentSha256}`,
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------
// import, undo-import

const ON_CONFLICT = {
  'keep-local': 'keep_local',
  'take-incoming': 'take_incoming',
  fail: null,
} as const satisfies Record<string, ConflictChoice | null>;

function onConflict(text: string | undefined): ConflictChoice | null {
  if (text === undefined) return null;
  if (!(text in ON_CONFLICT)) {
    throw new UsageError(
      `--on-conflict không hợp lệ: "${text}" (keep-local, take-incoming hoặc fail).`,
    );
  }
  return ON_CONFLICT[text as keyof typeof ON_CONFLICT];
}

function sameUnitsChoice(text: string | undefined): 'same' | 'new' | null {
  if (text === undefined) return null;
  if (text !== 'same' && text !== 'new') {
    throw new UsageError(`--same-units không hợp lệ: "${text}" (same hoặc new).`);
  }
  return text;
}

/**
 * `tccsd import FILE…`: the preview per file and in total, then the apply unless --dry-run.
 * Conflicts need --on-conflict (fail, the default, refuses naming them), "same unit?" questions
 * --same-units; a file with errors refuses the whole import. Exit code 1 when nothing was
 * imported for one of these reasons.
 */
export async function runImportExchange(
  ctx: BackendContext,
  paths: readonly string[],
  v: Values,
  env: NodeJS.ProcessEnv,
): Promise<Output> {
  if (paths.length === 0) throw new UsageError('Thiếu TỆP: các tệp dữ liệu (.tccsd) cần nhập.');
  const choice = onConflict(v['on-conflict']);
  const same = sameUnitsChoice(v['same-units']);
  const password = commandPassword(v, env);
  const files = paths.map((path) => ctx.files.register(path).handle);
  // One password for every file of the command; used only by the files that have one.
  const passwords = password === null ? {} : Object.fromEntries(files.map((f) => [f, password]));
  const preview = await call(ctx, 'exchange.preview', { files, passwords });
  const shown = previewText(preview);
  const refuse = (why: string, details: string[]): Output => ({
    json: { preview, result: null },
    // The reason is said once, on stderr (stdout and stderr share a terminal).
    text: v['dry-run'] ? `${shown}\nXem trước (--dry-run), chưa ghi gì.` : shown,
    err: [...details, `Lỗi: ${why}`].join('\n'),
    code: 1,
  });
  if (!preview.canApply) {
    const locked = preview.files.some((f) => f.passwordNeeded === 'required');
    return refuse(
      'Không nhập: có tệp bị lỗi (xem các dòng lỗi); không có gì được ghi.' +
        (locked
          ? ` Tệp có mật khẩu: hãy dùng --password-file TỆP (tệp ghi mật khẩu) hoặc biến môi ` +
            `trường ${PASSWORD_ENV}.`
          : ''),
      errorLines(preview),
    );
  }
  if (preview.sameUnits.length > 0 && same === null) {
    return refuse(
      `Có ${preview.sameUnits.length} trường hợp cần xác định có phải cùng một tổ chức hay không: ` +
        'hãy dùng --same-units same (là cùng một tổ chức) hoặc --same-units new (là tổ chức ' +
        'khác); không có gì được ghi.',
      [],
    );
  }
  if (v['dry-run']) {
    const note =
      preview.totals.conflicts > 0 && choice === null
        ? ` Có ${preview.totals.conflicts} xung đột: khi nhập cần --on-conflict keep-local hoặc take-incoming.`
        : '';
    return {
      json: { preview, result: null },
      text: `${shown}\nXem trước (--dry-run), chưa ghi gì.${note}`,
    };
  }
  const input: MethodInput<'exchange.apply'> = {
    planId: preview.planId,
    ...(choice ? { conflicts: { all: choice } } : {}),
    ...(same
      ? { sameUnits: Object.fromEntries(preview.sameUnits.map((c) => [c.incomingUnitId, same])) }
      : {}),
  };
  let result: ApplyResult;
  try {
    result = await call(ctx, 'exchange.apply', input);
  } catch (error) {
    if (error instanceof AppError && error.code === 'CONFLICTS_UNDECIDED') {
      return refuse(
        `Không nhập: có ${preview.totals.conflicts} xung đột (dữ liệu đã được sửa ở cả hai bên, ` +
          'hoặc dữ liệu trong tệp cũ hơn dữ liệu đang có); không có gì được ghi. Hãy chọn ' +
          '--on-conflict keep-local (giữ dữ liệu đang có) hoặc take-incoming (lấy dữ liệu trong tệp).',
        conflictLines(preview),
      );
    }
    throw error;
  }
  return { json: { preview, result }, text: `${shown}\n${applyText(result)}` };
}

/** `tccsd undo-import BATCH_ID`: puts back what one imported file changed. */
export async function runUndoImport(ctx: BackendContext, rest: readonly string[]): Promise<Output> {
  const [batchId, ...extra] = rest;
  if (!batchId) throw new UsageError('Thiếu MÃ_LẦN_NHẬP (in ra khi nhập, và trong sổ theo dõi).');
  if (extra.length > 0) throw new UsageError(`Thừa tham số: ${extra.join(' ')}`);
  const batch = await call(ctx, 'exchange.undo', { batchId });
  return { json: batch, text: undoText(batch) };
}
