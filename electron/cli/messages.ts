// What the command line says when a command is typed wrong or fails unexpectedly: Vietnamese,
// never Node's English or a stack trace (those go to the log file, see backend/log.ts).
import { join } from 'node:path';
import { defaultDataDir } from '../backend/paths';
import { log } from '../backend/log';
import { OPTIONS, UsageError } from './common';
import type { Values } from './common';

/** Where the command line's log lines go: TCCSD_LOG_FILE, else logs/ in the data folder. */
export function cliLogPath(env: NodeJS.ProcessEnv): string {
  return env.TCCSD_LOG_FILE || join(defaultDataDir(env), 'logs', 'tccsd.log');
}

/** The option an error of node:util's parseArgs names ("Unknown option '--yaer'"). */
function optionNamed(message: string): string | null {
  return /'(-{1,2}[^'\s<]+)/.exec(message)?.[1] ?? null;
}

/**
 * node:util's parseArgs errors (English) said in Vietnamese: an unknown option, an option that
 * needs a value and got none, a switch given a value.
 */
export function argumentError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  const option = optionNamed(message);
  log.warn(`arguments refused: ${message}`);
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) {
    return `Không có tham số ${option}. Xem các tham số của lệnh ở dưới.`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option) {
    const name = option.replace(/^-+/, '');
    const spec = (OPTIONS as Record<string, { type: string } | undefined>)[name];
    if (spec?.type === 'boolean') return `Tham số ${option} không nhận giá trị; chỉ ghi ${option}.`;
    return /ambiguous/.test(message)
      ? `Tham số ${option} cần một giá trị; giá trị bắt đầu bằng dấu "-" thì viết liền: ${option}=-…`
      : `Tham số ${option} cần một giá trị, ví dụ ${option} ${example(name)}.`;
  }
  return 'Lệnh gõ chưa đúng cách. Xem cách dùng dưới đây.';
}

function example(name: string): string {
  if (name === 'year' || name === 'from' || name === 'compare') return '2017';
  if (name === 'years') return '2016-2018';
  if (name === 'date' || name === 'start' || name === 'due') return '17/02/2017';
  return '…';
}

/**
 * Options whose empty value means nothing: `--year ""` would otherwise be read as "not given"
 * (the current year, every year) without a word. Notes, search words, document numbers and
 * names of people may be empty on purpose; an empty name or title is refused by the backend's
 * own rule with its own message ("Tên tổ chức không được để trống.").
 */
const MAY_BE_EMPTY = new Set(['note', 'search', 'basis', 'number', 'responsible', 'name', 'title']);

/** Refuses an option typed with an empty value, naming it (exit code 2 with the usage). */
export function refuseEmptyOptions(values: Values): void {
  for (const [name, value] of Object.entries(values)) {
    if (MAY_BE_EMPTY.has(name)) continue;
    const texts = Array.isArray(value) ? value : [value];
    if (texts.some((text) => typeof text === 'string' && text.trim() === '')) {
      throw new UsageError(
        `Tham số --${name} để trống. Hãy ghi giá trị, ví dụ --${name} ${example(name)}, ` +
          'hoặc bỏ hẳn tham số này.',
      );
    }
  }
}

/** A failure that is not the user's: said in Vietnamese, its detail written to the log. */
export function unexpectedFailure(error: unknown, logPath: string | null): string {
  log.error('command failed', error);
  return (
    'Lỗi ngoài dự kiến; dữ liệu không bị thay đổi. ' +
    (logPath ? `Chi tiết đã được ghi vào nhật ký: ${logPath}` : 'Chi tiết đã được ghi vào nhật ký.')
  );
}
