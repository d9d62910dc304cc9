// A data file that does not exist is made only by a command that can start one. A read (units
// list, report, backup, audit verify …) on a mistyped --db path used to make the folder and an
// empty data file there, then answer "Không có tổ chức nào": a user told that believes the data
// is gone. Such a command is refused by its cause and nothing is created.
import { existsSync } from 'node:fs';
import { AppError } from '../../shared/errors';

/**
 * Commands that need the data already there: reads, backups, exports, and writes that name an
 * existing unit, list or measure. The others (units add, sample load, import-ratings, import,
 * restore) may start a new file; a command not known here goes on to its own usage error.
 */
const NEEDS_DATA = new Map<string, readonly string[] | 'any'>(
  Object.entries({
    units: ['list', 'show', 'rename', 'move', 'merge', 'split', 'dissolve'],
    ratings: ['list', 'set'],
    watchlist: ['create', 'add', 'list', 'show'],
    measure: ['add', 'done'],
    report: ['progress'],
    audit: ['verify'],
    export: 'any',
    backup: 'any',
    'undo-import': 'any',
  }),
);

function needsData(group: string, command: string | undefined): boolean {
  const commands = NEEDS_DATA.get(group);
  if (commands === undefined) return false;
  return commands === 'any' || (command !== undefined && commands.includes(command));
}

/** Throws when the command would read, or write into, a data file that is not there. */
export function assertDataFileFor(group: string, command: string | undefined, path: string): void {
  if (!needsData(group, command) || existsSync(path)) return;
  throw new AppError(
    'FILE_NOT_FOUND',
    `Không có tệp dữ liệu "${path}" (tệp hoặc thư mục chứa nó không tồn tại). Hãy kiểm tra ` +
      'đường dẫn ghi ở --db (không ghi --db thì là tệp mặc định, nêu ở cuối tccsd --help). Lệnh này không tạo tệp mới; tệp dữ liệu mới chỉ được tạo khi thêm ' +
      'tổ chức đầu tiên (units add), nạp dữ liệu mẫu (sample load), nhập dữ liệu hoặc khôi phục ' +
      'một bản sao lưu.',
  );
}
