// `tccsd` command line over the same backend and contract as the app.
// Command groups live in electron/cli/: units.ts (the register), ratings.ts (ratings, import),
// watchlists.ts (consolidation lists and their measures), reports.ts (the progress report and its
// files), sample.ts (the sample data), exchange.ts (the data files exchanged with other
// installations: export, import, undo-import; exchange-text.ts prints the import's preview).
import { realpathSync } from 'node:fs';
import { userInfo } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { AppEvents } from '../shared/contract';
import { UNIT_KINDS, UNIT_SECTORS } from '../shared/domain/units';
import {
  MEASURE_KINDS,
  MEASURE_KIND_LABELS,
  WATCH_REASONS,
  WATCH_REASON_LABELS,
} from '../shared/domain/watchlists';
import { AppError } from '../shared/errors';
import type { BackendContext } from './backend/context';
import { openBackend } from './backend/index';
import { defaultDbPath } from './backend/paths';
import type { Output } from './cli/common';
import { OPTIONS, UsageError, progressLine } from './cli/common';
import { importFilePath, runImport, runRatings } from './cli/ratings';
import { runReport } from './cli/reports';
import { runExport, runImportExchange, runUndoImport } from './cli/exchange';
import { runSample } from './cli/sample';
import { runBackup, runRestore } from './cli/backup';
import { runAudit } from './cli/audit';
import { assertDataFileFor } from './cli/data-file';
import { enableAutoBackup } from './backend/backup/index';
import { terminalIo, terminalJson } from './cli/terminal-text';
import { argumentError, cliLogPath, refuseEmptyOptions, unexpectedFailure } from './cli/messages';
import { logToFile } from './backend/log';
import { runUnits } from './cli/units';
import { runMeasure, runWatchlist } from './cli/watchlists';

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Where progress of long work goes (a terminal's stderr); absent: not shown. */
  progress?: (line: string) => void;
  /** The log file the details of a failure went to, named in the message (runInTerminal). */
  logPath?: string;
}

const USAGE = `Cách dùng: tccsd [--db TỆP] <lệnh> [tham số]

  units add --name TÊN [--code MÃ] [--kind LOẠI] [--sector LOẠI_HÌNH] [--parent MÃ|ID] [--from NĂM] [--json]
  units list [--search CHỮ] [--year NĂM] [--kind LOẠI] [--sector LOẠI_HÌNH] [--parent MÃ|ID] [--json]
  units show MÃ|ID [--year NĂM] [--json]
  units rename MÃ|ID --name TÊN --year NĂM [--date dd/mm/yyyy] [--basis SỐ_KÝ_HIỆU] [--json]
  units move MÃ|ID --parent MÃ|ID|none --year NĂM [--date …] [--basis …] [--json]
  units merge NGUỒN… --into MÃ|ID --year NĂM [--date …] [--basis …] [--json]
  units split MÃ|ID --part "TÊN[|MÃ]"… --year NĂM [--end-source] [--date …] [--basis …] [--json]
  units dissolve MÃ|ID --year NĂM [--date …] [--basis …] [--json]

  ratings set --unit MÃ|ID --year NĂM --level MỨC [--not-exemplary] [--note GHI_CHÚ] [--json]
  ratings list --year NĂM [--scope MÃ|ID] [--json]
  import-ratings TỆP [--dry-run] [--skip-errors] [--json] [--sheet TRANG_TÍNH]

  watchlist create --title TÊN [--number SỐ_KÝ_HIỆU] [--date NGÀY] --issuer MÃ|ID --year NĂM [--extends ID] [--json]
  watchlist add --list ID --unit MÃ|ID [--group NHÓM] [--reason LÝ_DO]… [--responsible NGƯỜI] [--json]
  watchlist list [--year NĂM] [--json]
  watchlist show ID [--json]
  measure add --list ID --unit MÃ|ID --kind LOẠI_BIỆN_PHÁP --title NỘI_DUNG [--start NGÀY] [--due NGÀY] [--responsible NGƯỜI] [--json]
  measure done ID --date NGÀY [--note KẾT_QUẢ] [--json]

  report progress --year NĂM [--compare NĂM|none] [--watchlist ID [--with-extending] | --scope MÃ|ID]
      [--group-by parent|selector|sector|watchlist-group] [--style counts|fractions|percentages]
      [--named-cases] [--json] [--xlsx TỆP] [--docx TỆP] [--html TỆP] [--pdf TỆP]

  export --out TỆP [--scope MÃ|ID] [--years 2016-2018] [--since-last] [--password-file TỆP] [--json]
  import TỆP… [--dry-run] [--on-conflict keep-local|take-incoming|fail] [--same-units same|new] [--password-file TỆP] [--json]
  undo-import MÃ_LẦN_NHẬP [--json]

  sample load [--json]   nạp dữ liệu mẫu (minh họa) Lạng Sơn 2016–2018 vào tệp dữ liệu chưa có tổ chức nào

  backup [--out TỆP] [--json]   sao lưu tệp dữ liệu ngay (mặc định vào thư mục backups bên cạnh tệp dữ liệu)
  restore TỆP [--from-other-installation] [--json]
                                khôi phục dữ liệu từ một bản sao lưu (sau khi kiểm tra tệp và sao lưu dữ liệu hiện tại)

  audit verify [--json]   kiểm tra nhật ký thay đổi có bị sửa, xóa hay thêm từ bên ngoài ứng dụng không

LOẠI (loại tổ chức): ${UNIT_KINDS.join(', ')} (hoặc tên tiếng Việt, ví dụ "chi bộ cơ sở")
LOẠI_HÌNH: ${UNIT_SECTORS.join(', ')} (hoặc "xã", "phường", …)
--from: năm thành lập; bỏ trống khi không rõ (tổ chức "có từ trước", có ở mọi năm trước đó).
  Mọi năm từ 1930 đến năm sau năm hiện tại. Tên trùng với tổ chức khác cùng cấp trên trong cùng
  năm bị từ chối, trừ khi thêm --allow-duplicate-name (add, rename, move, merge, split).
MỨC: chữ viết tắt hoặc tên đầy đủ, có hay không dấu (HTTNV, "hoàn thành tốt nhiệm vụ", "TSVM tiêu biểu")
import-ratings: tệp .xlsx hoặc .csv với các cột Mã, Tên tổ chức, Cấp trên, Loại tổ chức (LOẠI),
  Loại hình (LOẠI_HÌNH), Năm, Xếp loại (xem docs/import-ratings.md). Tổ chức chưa có trong danh
  sách được tạo "có từ trước" (hoặc từ năm thành lập của cấp trên, nếu cấp trên có năm đó), với
  loại tổ chức và loại hình ghi trong tệp (chỉ dùng khi tạo mới).
  --dry-run chỉ xem trước; có dòng lỗi thì không nhập gì,
  trừ khi dùng --skip-errors (chỉ nhập các dòng hợp lệ). Tệp .xlsx: đọc trang tính đang hiện
  đầu tiên, hoặc trang --sheet. Tệp CSV: UTF-8, Windows-1258 hoặc UTF-16 (tự nhận ra).
NGÀY: dd/mm/yyyy (17/02/2017) hoặc yyyy-mm-dd. SỐ_KÝ_HIỆU: như 33-NQ/TU hoặc 1672/NQ-UBTVQH15.
LÝ_DO (diện củng cố), ghi bằng tên tiếng Việt, có hay không dấu: ${WATCH_REASONS.map((r) => WATCH_REASON_LABELS[r]).join('; ')}
  (lý do khác: "Khác: nội dung"). NHÓM mặc định: đảng bộ cấp trên của tổ chức trong năm của danh sách.
LOẠI_BIỆN_PHÁP: ${MEASURE_KINDS.map((k) => MEASURE_KIND_LABELS[k]).join('; ')}
report progress: kết quả xếp loại năm NĂM so với năm trước (--compare: năm khác, hoặc none),
  của các TCCSĐ thuộc một cấp ủy (--scope; bỏ trống: toàn bộ) hoặc của một danh sách diện củng
  cố (--watchlist; --with-extending: kể cả danh sách bổ sung của cấp dưới). Nhóm theo cấp ủy cấp
  trên (parent, mặc định), cấp ủy lựa chọn (selector), loại hình (sector) hoặc nhóm trong danh
  sách (watchlist-group, mặc định với --watchlist). --style: cách viết câu tổng hợp ("5 HTTNV",
  "3/5 đạt HTTNV", "5 HTTNV (45,5%)"). --named-cases: nêu tên các trường hợp tiêu biểu.
  --xlsx, --docx, --html, --pdf: ghi biểu tổng hợp Excel, báo cáo Word, trang in HTML, báo cáo
  PDF (ghi vào tên tạm rồi đổi tên khi xong; thư mục phải có sẵn và ghi được). --pdf in trang
  HTML bằng Microsoft Edge, Google Chrome hoặc Chromium có trên máy (TCCSD_CHROMIUM: đường dẫn
  trình duyệt khác); không có trình duyệt thì dùng --docx rồi lưu thành PDF từ Word.
export: ghi tệp dữ liệu trao đổi (.tccsd, xem docs/exchange-format.md) để gửi cấp trên hoặc cấp
  dưới: tổ chức của mình và mọi tổ chức trực thuộc qua các năm (--scope: một tổ chức khác), kết
  quả xếp loại, danh sách diện củng cố, biện pháp và nhận xét (--years: chỉ các năm đó;
  --since-last: chỉ những gì thay đổi từ lần xuất trước). Ghi vào tên tạm rồi đổi tên khi xong.
import: nhận các tệp .tccsd (của cấp dưới gửi lên, của cấp trên gửi xuống): in bản xem trước
  từng tệp và tổng cộng (mới, thay đổi từng trường cũ → mới, giống hệt, xung đột, lỗi), rồi nhập
  tất cả trong một lần ghi, trừ khi --dry-run. Tệp có lỗi thì không nhập gì. Xung đột (cả hai bên
  cùng sửa, hoặc dữ liệu trong tệp cũ hơn): --on-conflict fail (mặc định) từ chối và nêu từng xung
  đột; keep-local giữ dữ liệu đang có; take-incoming lấy dữ liệu trong tệp. Tổ chức trong tệp
  trùng mã, hoặc trùng tên cùng cấp trên, với tổ chức đã có: --same-units same (là cùng một tổ
  chức) hoặc new (là tổ chức khác). Tệp đã nhập rồi thì nhập lại không thay đổi gì.
--password-file TỆP (hoặc biến môi trường TCCSD_PASSWORD): mật khẩu của tệp dữ liệu, một dòng.
  export đặt mật khẩu cho tệp (mã hóa AES-256-GCM, ít nhất 8 ký tự; mất mật khẩu thì không mở
  được tệp); import dùng nó cho các tệp có mật khẩu. Không ghi mật khẩu trên dòng lệnh: người
  khác trên máy xem được khi lệnh chạy và nó nằm lại trong lịch sử lệnh.
backup, restore: ứng dụng tự sao lưu vào thư mục backups bên cạnh tệp dữ liệu ở lần ghi đầu tiên
  mỗi ngày và trước mỗi lần nhập (xếp loại, tệp trao đổi, dữ liệu mẫu); giữ 10 ngày gần nhất và
  mỗi tháng một bản trong một năm. restore kiểm tra tệp (không hỏng, đúng tệp của ứng dụng, không
  mới hơn phiên bản này), sao lưu dữ liệu hiện tại rồi mới thay; lỗi thì dữ liệu không đổi.
  Bản sao lưu của máy khác (mã bản cài đặt khác) chỉ được khôi phục với
  --from-other-installation: máy này sẽ nhận mã của máy kia, đúng khi chuyển sang máy mới và máy
  cũ thôi dùng; nếu cả hai máy còn làm việc, hai nơi sẽ gửi dữ liệu trao đổi dưới cùng một mã.
undo-import: hoàn tác một lần nhập (mã in ra khi nhập), khi chưa có gì sửa các bản ghi đó sau đó.
audit verify: mỗi dòng của nhật ký thay đổi mang mã băm SHA-256 nối với dòng trước; lệnh kiểm
  tra cả chuỗi, báo dòng hỏng đầu tiên (số dòng, thời điểm, người ghi, nội dung) và trả mã lỗi 1.
  Người ghi của các lệnh: biến môi trường TCCSD_OPERATOR, không có thì tên người dùng của máy.
--db mặc định: ${defaultDbPath()}
Nhật ký (chi tiết lỗi cho cán bộ kỹ thuật): ${cliLogPath(process.env)} (TCCSD_LOG_FILE: tệp khác)`;

const GROUPS = [
  'units',
  'ratings',
  'import-ratings',
  'watchlist',
  'measure',
  'report',
  'sample',
  'export',
  'import',
  'undo-import',
  'backup',
  'restore',
  'audit',
];
/**
 * After an argument error: the usage lines of the command typed, not the whole page (which hid
 * the one-line error above it); the whole page when the command itself is unknown.
 */
function usageFor(argv: readonly string[]): string {
  const group = parseArgs({
    args: [...argv],
    options: OPTIONS,
    allowPositionals: true,
    strict: false,
  }).positionals[0];
  const picked: string[] = [];
  let taking = false;
  for (const line of USAGE.split('\n').slice(1)) {
    const command = /^ {2}([a-z-]+)/.exec(line);
    if (command) taking = command[1] === group;
    else if (!/^ {4,}\S/.test(line)) taking = false;
    if (taking) picked.push(line);
  }
  if (picked.length === 0) return USAGE;
  return [
    'Cách dùng: tccsd [--db TỆP] …',
    ...picked,
    '',
    'Gõ "tccsd --help" để xem mọi lệnh và giải thích các tham số.',
  ].join('\n');
}

/** Commands that are a group alone: what follows are options and files. */
const SINGLE = new Set(['export', 'import', 'backup', 'restore']);

export async function runCli(
  argv: string[],
  printers: CliIo,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  // Every line printed, text or JSON, output or error, goes out with its control characters escaped.
  const io = terminalIo(printers);
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    io.err(`Lỗi: ${argumentError(error)}\n\n${usageFor(argv)}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [group, command, ...rest] = positionals;
  if (values.help || !group) {
    io.out(USAGE);
    return values.help ? 0 : 2;
  }
  let ctx: BackendContext | undefined;
  try {
    refuseEmptyOptions(values);
    if (!GROUPS.includes(group) || (!command && !SINGLE.has(group))) {
      throw new UsageError(`Lệnh không hợp lệ: ${positionals.join(' ')}`);
    }
    const file = group === 'import-ratings' ? importFilePath(command) : null;
    const { progress } = io;
    const dbPath = values.db ?? defaultDbPath(env);
    assertDataFileFor(group, command, dbPath);
    ctx = openBackend({
      dbPath,
      origin: 'cli',
      // A command's writes are audited as whoever runs it, not the operator the app was set up for.
      actorOperator: env.TCCSD_OPERATOR || safeUserName(),
      fallbackOperator: env.TCCSD_OPERATOR ?? safeUserName(),
      emit: (event, payload) => {
        if (progress && event === 'progress') {
          progress(progressLine(payload as AppEvents['progress']));
        }
      },
    });
    // As in the app: a backup on the day's first write and before every import.
    enableAutoBackup(ctx);
    let result: Output;
    if (group === 'backup') result = await runBackup(ctx, positionals.slice(1), values);
    else if (group === 'restore') result = await runRestore(ctx, positionals.slice(1), values);
    else if (group === 'export') result = await runExport(ctx, positionals.slice(1), values, env);
    else if (group === 'import') {
      result = await runImportExchange(ctx, positionals.slice(1), values, env);
    } else if (group === 'undo-import') result = await runUndoImport(ctx, positionals.slice(1));
    else if (group === 'audit' && command) result = await runAudit(ctx, command, rest);
    else if (!command) throw new UsageError(`Lệnh không hợp lệ: ${positionals.join(' ')}`);
    else if (file) result = await runImport(ctx, file, values);
    else if (group === 'ratings') result = await runRatings(ctx, command, values);
    else if (group === 'watchlist') result = await runWatchlist(ctx, command, rest, values);
    else if (group === 'measure') result = await runMeasure(ctx, command, rest, values);
    else if (group === 'report') result = await runReport(ctx, command, rest, values);
    else if (group === 'sample') result = await runSample(ctx, command, rest, env.TCCSD_OPERATOR);
    else result = await runUnits(ctx, command, rest, values);
    io.out(values.json ? terminalJson(result.json) : result.text);
    if (result.err) io.err(result.err);
    return result.code ?? 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`Lỗi: ${error.message}\n\n${usageFor(argv)}`);
      return 2;
    }
    if (error instanceof AppError) {
      io.err(`Lỗi: ${error.message}`);
      return 1;
    }
    io.err(unexpectedFailure(error, printers.logPath ?? null));
    return 1;
  } finally {
    ctx?.db.close();
  }
}

function safeUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return 'Không rõ';
  }
}

/**
 * Runs a command for a terminal: what it prints to stdout and stderr, progress rewritten in
 * place on a terminal's stderr (a redirected stderr, a log, gets none); resolves to the exit
 * code. bin/tccsd.mjs calls it from the built file (out/cli/tccsd.mjs).
 */
export async function runInTerminal(argv: string[]): Promise<number> {
  const terminal = process.stderr.isTTY;
  // Developer lines ("slow: …") and stack traces go to the log file, not the user's terminal.
  const logPath = cliLogPath(process.env);
  logToFile(logPath);
  let shown = false;
  // A progress line still on screen is cleared first, so what follows starts on a clean line.
  const clear = () => {
    if (shown) process.stderr.write('\r\x1b[K');
    shown = false;
  };
  const code = await runCli(argv, {
    logPath,
    out: (t) => {
      clear();
      process.stdout.write(`${t}\n`);
    },
    err: (t) => {
      clear();
      process.stderr.write(`${t}\n`);
    },
    progress: terminal
      ? (line) => {
          process.stderr.write(`\r\x1b[K${line}`);
          shown = true;
        }
      : undefined,
  });
  clear();
  return code;
}

// Run as a program (`tsx electron/cli.ts …`, `node out/cli/tccsd.mjs …`), not when imported.
if (isMainModule()) process.exitCode = await runInTerminal(process.argv.slice(2));

function isMainModule(): boolean {
  const main = process.argv[1];
  if (!main) return false;
  try {
    return realpathSync(main) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}
