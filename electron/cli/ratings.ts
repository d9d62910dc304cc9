// `tccsd ratings …` and `tccsd import-ratings FILE`: yearly ratings from the command line.
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ImportPreview, ImportResult, RatingListRow } from '../../shared/contract';
import { NOT_RATED_LABELS, ratingText, scaleForYear } from '../../shared/domain/scales';
import { CSV_ENCODING_LABELS } from '../../shared/methods/ratings';
import { AppError } from '../../shared/errors';
import type { BackendContext } from '../backend/context';
import { levelOrThrow, scaleOrThrow } from '../backend/ratings/rules';
import { resolveUnitRef } from '../backend/units/queries';
import type { Output, Values } from './common';
import { UsageError, call, parseYear } from './common';

/** Lines listed per kind of change in the import summary; the rest are counted. */
const SHOWN = 20;

export async function runRatings(ctx: BackendContext, command: string, v: Values): Promise<Output> {
  if (command !== 'set' && command !== 'list') {
    throw new UsageError(`Lệnh không hợp lệ: ratings ${command}`);
  }
  if (!v.year) throw new UsageError('Thiếu --year (năm xếp loại).');
  const year = parseYear(v.year);
  switch (command) {
    case 'set': {
      if (!v.unit) throw new UsageError('Thiếu --unit (mã hoặc ID tổ chức).');
      if (!v.level) throw new UsageError('Thiếu --level (mức xếp loại, ví dụ HTTNV).');
      const unitId = resolveUnitRef(ctx.db, v.unit, year);
      const parsed = levelOrThrow(scaleOrThrow(year), year, v.level);
      if (parsed.exemplary && v['not-exemplary']) {
        throw new UsageError('--not-exemplary không dùng cùng một mức có "tiêu biểu".');
      }
      // The one merge rule: "tiêu biểu" is sent only when said, so re-typing the same level keeps
      // it; --not-exemplary drops it explicitly.
      const exemplary = parsed.exemplary ? true : v['not-exemplary'] ? false : undefined;
      const rating = await call(ctx, 'ratings.set', {
        unitId,
        year,
        levelCode: parsed.level.code,
        ...(exemplary === undefined ? {} : { exemplary }),
        ...(v.note === undefined ? {} : { note: v.note }),
      });
      const unit = (await call(ctx, 'units.get', { id: unitId, year })).current;
      const label = levelLabel(year, rating.levelCode, rating.exemplary, rating.notRatedReason);
      return {
        json: rating,
        text: `Đã ghi: ${unit.name}${unit.code ? ` [${unit.code}]` : ''} — năm ${year}: ${label}.`,
      };
    }
    case 'list': {
      const scopeId = v.scope ? resolveUnitRef(ctx.db, v.scope, year) : undefined;
      const list = await call(ctx, 'ratings.list', { year, scopeId });
      return { json: list.rows, text: listText(list.rows, year) };
    }
  }
}

/** Checks the file before the data file is opened, so a wrong path creates or changes nothing. */
export function importFilePath(path: string | undefined): string {
  if (!path) throw new UsageError('Thiếu tệp cần nhập (.xlsx hoặc .csv).');
  let isFile: boolean;
  try {
    isFile = statSync(path).isFile();
  } catch {
    throw new AppError('BAD_FILE', `Tệp "${path}" không tồn tại.`);
  }
  if (!isFile) throw new AppError('BAD_FILE', `"${path}" là một thư mục, không phải tệp.`);
  return resolve(path);
}

/**
 * Previews the file, then applies exactly that plan (unless --dry-run). With row errors nothing
 * is written unless --skip-errors, and even then only when some row is valid.
 */
export async function runImport(ctx: BackendContext, path: string, v: Values): Promise<Output> {
  const skipErrors = v['skip-errors'] ?? false;
  const dryRun = v['dry-run'] ?? false;
  const file = ctx.files.register(path);
  const preview = await call(ctx, 'ratings.importPreview', {
    file: file.handle,
    ...(v.sheet === undefined ? {} : { sheet: v.sheet }),
  });
  const errorRows = new Set(preview.errors.map((e) => e.row)).size;
  const noneValid = errorRows > 0 && errorRows >= preview.rows;
  const refused = errorRows > 0 && (!skipErrors || noneValid);
  const refusal = noneValid
    ? `Không có dòng hợp lệ nào để nhập: cả ${preview.rows} dòng dữ liệu đều có lỗi. Hãy sửa tệp.`
    : dryRun
      ? `Tệp có ${preview.errors.length} dòng lỗi: khi nhập sẽ bị từ chối, trừ khi dùng --skip-errors.`
      : `Không nhập: tệp có ${preview.errors.length} dòng lỗi; không có gì được ghi. ` +
        'Hãy sửa tệp, hoặc dùng --skip-errors để chỉ nhập các dòng hợp lệ.';
  let result: ImportPreview | ImportResult = preview;
  if (!dryRun && !refused) {
    result = await call(ctx, 'ratings.importApply', { planId: preview.planId, skipErrors });
  } else if (!dryRun) {
    result = { ...preview, applied: false, skippedRows: 0 };
  }
  // A refusal is said once, on stderr after the rows it names (stdout and stderr share a terminal).
  let verdict: string | null;
  if (dryRun) verdict = 'Xem trước (--dry-run), chưa ghi gì.';
  else if (refused) verdict = null;
  else if (preview.errors.length > 0)
    verdict = `Đã nhập xong. Đã bỏ qua ${preview.errors.length} dòng lỗi.`;
  else verdict = 'Đã nhập xong.';
  const text = verdict === null ? summary(result) : `${summary(result)}\n${verdict}`;
  const output: Output = { json: result, text };
  const errorLines = preview.errors.map((e) => `Dòng ${e.row}: ${e.message}`);
  if (errorLines.length > 0) {
    output.err = [...errorLines, ...(refused ? [`Lỗi: ${refusal}`] : [])].join('\n');
  }
  if (refused) output.code = 1;
  return output;
}

function summary(p: ImportPreview): string {
  const more = (n: number) => (n > SHOWN ? [`    … và ${n - SHOWN} dòng khác`] : []);
  return [
    `Tệp ${p.fileName}: ${p.rows} dòng dữ liệu.`,
    ...(p.sheet === null
      ? []
      : [
          `  Trang tính: ${p.sheet}` +
            (p.sheets.length > 1 ? ` (các trang đang hiện: ${p.sheets.join(', ')})` : ''),
        ]),
    ...(p.encoding === null ? [] : [`  Bảng mã: ${CSV_ENCODING_LABELS[p.encoding]}`]),
    `  Tổ chức mới: ${p.newUnits.length}`,
    ...p.newUnits
      .slice(0, SHOWN)
      .map((u) => `    dòng ${u.row}: ${u.name}${u.parentName ? ` (thuộc ${u.parentName})` : ''}`),
    ...more(p.newUnits.length),
    `  Xếp loại mới: ${p.newRatings.length}`,
    `  Xếp loại thay đổi: ${p.changedRatings.length}`,
    ...p.changedRatings
      .slice(0, SHOWN)
      .map((c) => `    dòng ${c.row}: ${c.unitName}, năm ${c.year}: ${c.from} → ${c.to}`),
    ...more(p.changedRatings.length),
    `  Không thay đổi: ${p.unchanged}`,
    `  Dòng lỗi: ${p.errors.length}`,
  ].join('\n');
}

/** A rating as reports write it: "HTTNV", "Yếu kém", "TSVM tiêu biểu", or why it is not rated. */
function levelLabel(
  year: number,
  levelCode: string | null,
  exemplary: boolean,
  notRated: RatingListRow['notRatedReason'],
): string {
  if (levelCode) return ratingText(scaleForYear(year), levelCode, exemplary);
  return notRated ? NOT_RATED_LABELS[notRated] : '(chưa xếp loại)';
}

function listText(rows: RatingListRow[], year: number): string {
  if (rows.length === 0) return `Chưa có kết quả xếp loại nào trong năm ${year}.`;
  const lines = rows.map(
    (r) =>
      `${(r.code ?? '').padEnd(12)} ${r.name}: ${levelLabel(year, r.levelCode, r.exemplary, r.notRatedReason)}`,
  );
  return [`Xếp loại năm ${year} (${rows.length} tổ chức):`, ...lines].join('\n');
}
