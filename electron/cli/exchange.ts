// `tccsd export` (and, beside it, `tccsd import`): the data files exchanged with other
// installations (docs/exchange-format.md), through the same contract methods as the screen.
// The file is written where the command says, through a temporary sibling renamed when
// complete, so an interrupted export never leaves a half file under the real name.
import { rmSync } from 'node:fs';
import { basename } from 'node:path';
import type { ExchangeHeader, MethodInput } from '../../shared/contract';
import { EXCHANGE_ENTITIES, EXCHANGE_ENTITY_LABELS } from '../../shared/methods/exchange';
import type { BackendContext } from '../backend/context';
import { clockYear } from '../backend/context';
import type { FileRegistry } from '../backend/files';
import { writeAtomically } from '../backend/files';
import { resolveUnitRef } from '../backend/units/queries';
import type { Output, Values } from './common';
import { UsageError, call, parseYear } from './common';
import { checkOutputPath } from './report-files';

// ---------------------------------------------------------------------------------------------
// export

export async function runExport(
  ctx: BackendContext,
  rest: readonly string[],
  v: Values,
): Promise<Output> {
  if (rest.length > 0) throw new UsageError(`Thừa tham số: ${rest.join(' ')}`);
  if (!v.out) throw new UsageError('Thiếu --out TỆP: nơi ghi tệp dữ liệu (.tccsd).');
  const out = checkOutputPath(v.out);
  const input: MethodInput<'exchange.export'> = {
    ...(v.years ? parseYearRange(v.years) : {}),
    ...(v.scope ? { scopeId: resolveUnitRef(ctx.db, v.scope, clockYear(ctx)) } : {}),
    ...(v['since-last'] ? { sinceLast: true } : {}),
  };
  let written = false;
  // The export writes through the file registry; here the registry's output is the file the
  // command names, written atomically in its own folder.
  const files: FileRegistry = {
    ...ctx.files,
    async writeOutput(_name, write) {
      await writeAtomically(out, write);
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
  return {
    json: { path: out, suggestedName: result.suggestedName, header: result.header },
    text: exportText(out, result.header),
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
