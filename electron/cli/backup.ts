// `tccsd backup [--out FILE]` and `tccsd restore FILE`: the same backups as Cài đặt → Sao lưu
// và khôi phục. A backup named by --out is written under a temporary name and renamed when
// complete; without it the backup goes to backups/ beside the data file, pruned as the app does.
import { resolve } from 'node:path';
import type { BackupInfo } from '../../shared/contract';
import { formatNumber } from '../../shared/domain/summary';
import { AppError } from '../../shared/errors';
import { backupTo } from '../backend/backup/create';
import type { BackendContext } from '../backend/context';
import type { Output, Values } from './common';
import { UsageError, call } from './common';

const LABEL_UNITS = (units: number | null) =>
  units === null ? 'không đếm được số tổ chức' : `${formatNumber(units)} tổ chức`;
const LABEL_RATINGS = (ratings: number | null) =>
  ratings === null
    ? 'không đếm được kết quả xếp loại'
    : `${formatNumber(ratings)} kết quả xếp loại`;

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

export async function runBackup(
  ctx: BackendContext,
  args: string[],
  values: Values,
): Promise<Output> {
  if (args.length > 0) throw new UsageError(`Thừa tham số: ${args.join(' ')}`);
  if (values.out !== undefined) {
    if (values.out.trim() === '') throw new UsageError('--out cần tên tệp sao lưu.');
    const path = resolve(values.out);
    const facts = await backupTo(ctx.db, path, ctx.emit);
    return {
      json: { path, ...facts },
      text:
        `Đã sao lưu tệp dữ liệu vào ${path}: ` +
        `${LABEL_UNITS(facts.units)}, ${LABEL_RATINGS(facts.ratings)}.`,
    };
  }
  const info: BackupInfo = await call(ctx, 'backups.create', {});
  return {
    json: info,
    text:
      `Đã sao lưu tệp dữ liệu thành ${info.name} (${sizeText(info.size)}: ` +
      `${LABEL_UNITS(info.units)}, ${LABEL_RATINGS(info.ratings)}) trong thư mục sao lưu ` +
      'bên cạnh tệp dữ liệu. Giữ 10 ngày gần nhất và mỗi tháng một bản trong một năm.',
  };
}

/**
 * The command line does not ask (it runs in scripts too): another installation's backup is
 * refused, and the refusal names the switch that restores it knowingly.
 */
function withSwitch(error: unknown): unknown {
  if (!(error instanceof AppError) || error.code !== 'OTHER_INSTALLATION') return error;
  return new AppError(
    error.code,
    `${error.message} Nếu đúng là chuyển sang máy mới (máy cũ thôi dùng), hãy chạy lại lệnh ` +
      'với --from-other-installation.',
  );
}

export async function runRestore(
  ctx: BackendContext,
  args: string[],
  values: Values,
): Promise<Output> {
  const [file, ...extra] = args;
  if (!file) throw new UsageError('Hãy nêu tệp sao lưu cần khôi phục: tccsd restore TỆP.');
  if (extra.length > 0) throw new UsageError(`Thừa tham số: ${extra.join(' ')}`);
  const ref = ctx.files.register(resolve(file));
  const result = await call(ctx, 'backups.restore', {
    file: ref.handle,
    fromOtherInstallation: values['from-other-installation'] === true,
  }).catch((error: unknown) => {
    throw withSwitch(error);
  });
  return {
    json: result,
    text:
      `Đã khôi phục dữ liệu từ ${result.restored}: ${LABEL_UNITS(result.units)}, ` +
      `${LABEL_RATINGS(result.ratings)}.\n` +
      `Dữ liệu trước khi khôi phục được sao lưu thành ${result.before.name} (thư mục sao lưu ` +
      'bên cạnh tệp dữ liệu).',
  };
}
