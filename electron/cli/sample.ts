// `tccsd sample load`: the illustrative Lạng Sơn 2016–2018 data into an empty data file, the
// same load as "Dùng dữ liệu mẫu" on the first-run screen.
import { formatNumber } from '../../shared/domain/summary';
import type { BackendContext } from '../backend/context';
import type { Output } from './common';
import { UsageError, call } from './common';

/** `operator`: who the file is set up for when it is not set up yet (TCCSD_OPERATOR). */
export async function runSample(
  ctx: BackendContext,
  command: string,
  args: string[],
  operator: string | undefined,
): Promise<Output> {
  if (command !== 'load') throw new UsageError(`Lệnh không hợp lệ: sample ${command}`);
  if (args.length > 0) throw new UsageError(`Thừa tham số: ${args.join(' ')}`);
  const result = await call(ctx, 'sample.load', operator ? { operatorName: operator } : {});
  const n = formatNumber;
  return {
    json: result,
    text:
      `Đã nạp dữ liệu mẫu (minh họa) của tỉnh Lạng Sơn 2016–2018 vào ${ctx.dbPath}:\n` +
      `  ${n(result.units)} tổ chức, ${n(result.ratings)} kết quả xếp loại,\n` +
      `  ${n(result.watchlists)} danh sách diện củng cố với ${n(result.members)} lượt tổ chức ` +
      `và ${n(result.measures)} biện pháp.\n` +
      'Chỉ tên tỉnh, các huyện ủy, thành ủy, Đảng ủy Khối và các trường hợp bài báo nêu là tên ' +
      'thật; các tên khác (Minh Họa, Thử Nghiệm, Mẫu) là giả định.',
  };
}
