// A command that only reads (or backs up, verifies, exports) on a data file that is not there is
// refused in Vietnamese and creates nothing: a mistyped --db used to make the folder and an
// empty data file, then answer "Không có tổ chức nào" as if the data were gone.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanupTemp, makeTempDir } from '../helpers/backend';
import { cli } from '../helpers/cli';

afterEach(() => cleanupTemp());

const READS: string[][] = [
  ['units', 'list', '--year', '2017'],
  ['units', 'show', 'LS-01'],
  ['ratings', 'list', '--year', '2017'],
  ['watchlist', 'list'],
  ['report', 'progress', '--year', '2017'],
  ['backup'],
  ['audit', 'verify'],
  ['undo-import', 'ABC'],
  ['ratings', 'set', '--unit', 'LS-01', '--year', '2017', '--level', 'HTTNV'],
];

describe('a data file that does not exist', () => {
  it.each(READS)('%s … in a missing folder: refused, nothing created', async (...args) => {
    const parent = makeTempDir('tccsd-missing-');
    const db = join(parent, 'go-nham', 'tccsd.sqlite3');
    const result = await cli(db, ...args);
    expect(result.code).toBe(1);
    expect(result.out).toBe('');
    expect(result.err).toBe(
      `Lỗi: Không có tệp dữ liệu "${db}" (tệp hoặc thư mục chứa nó không tồn tại). Hãy kiểm ` +
        'tra đường dẫn ghi ở --db (không ghi --db thì là tệp mặc định, nêu ở cuối tccsd --help). ' +
        'Lệnh này không tạo tệp mới; tệp dữ liệu mới chỉ được tạo khi thêm tổ chức đầu tiên ' +
        '(units add), nạp dữ liệu mẫu (sample load), nhập dữ liệu hoặc khôi phục một bản sao lưu.',
    );
    expect(readdirSync(parent)).toEqual([]);
  });

  it('in an existing folder: refused, the folder left as it was', async () => {
    const folder = makeTempDir('tccsd-missing-');
    const result = await cli(join(folder, 'tccsd.sqlite3'), 'units', 'list', '--year', '2017');
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^Lỗi: Không có tệp dữ liệu/);
    expect(readdirSync(folder)).toEqual([]);
  });

  it('a command that does not exist still gets its usage error (exit 2)', async () => {
    const folder = makeTempDir('tccsd-missing-');
    const result = await cli(join(folder, 'tccsd.sqlite3'), 'units', 'lits');
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/^Lỗi: Lệnh không hợp lệ: units lits/);
  });

  it('a folder given as the data file is said as a folder, not as a missing file', async () => {
    const folder = makeTempDir('tccsd-folder-');
    const result = await cli(folder, 'units', 'list', '--year', '2017');
    expect(result.code).toBe(1);
    expect(result.err).toBe(
      `Lỗi: "${folder}" là một thư mục, không phải tệp dữ liệu. Hãy ghi đường dẫn đến tệp dữ ` +
        'liệu trong thư mục đó (ví dụ tccsd.sqlite3); không có gì bị thay đổi.',
    );
    expect(readdirSync(folder)).toEqual([]);
  });

  it('units add still starts a new data file (and its folder)', async () => {
    const db = join(makeTempDir('tccsd-missing-'), 'moi', 'tccsd.sqlite3');
    const result = await cli(db, 'units', 'add', '--name', 'Đảng bộ xã Hòa Cư', '--from', '2015');
    expect(result.code).toBe(0);
    expect(existsSync(db)).toBe(true);
    const listed = await cli(db, 'units', 'list', '--year', '2017');
    expect(listed.out).toMatch(/Đảng bộ xã Hòa Cư/);
  });
});
