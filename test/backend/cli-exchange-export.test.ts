// `tccsd export` through runCli on temporary data files: the file written whole where told (and
// nothing else left there), the text and JSON answers, the options, and the mistakes, each said
// in Vietnamese with the data file unchanged.
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { openExchangeFile } from '../../electron/backend/exchange/format/reader';
import { runCli } from '../../electron/cli';
import { cleanupTemp, makeTempDir } from '../helpers/backend';
import { cli, dataOf } from '../helpers/cli';
import { readParts, recordsOf } from '../helpers/exchange-files';
import { makeRichProvince } from '../helpers/exchange-export-fixture';
import { idOf } from '../helpers/exchange-sites';

/** Folders made unwritable for a test, given back to the clean-up afterwards. */
const locked: string[] = [];

afterEach(() => {
  for (const dir of locked.splice(0)) {
    try {
      execFileSync('chattr', ['-i', dir], { stdio: 'ignore' });
    } catch {
      // Not made immutable (or no chattr): the mode alone is restored.
    }
    chmodSync(dir, 0o755);
  }
  cleanupTemp();
});

function writable(dir: string): boolean {
  const probe = join(dir, '.probe');
  try {
    writeFileSync(probe, '');
    rmSync(probe);
    return true;
  } catch {
    return false;
  }
}

/**
 * A folder nothing can be written into: read-only by its mode, and where the tests run as root
 * (which ignores modes) immutable as well. Null where neither binds.
 */
function readOnlyFolder(): string | null {
  const dir = join(makeTempDir(), 'chỉ đọc');
  mkdirSync(dir);
  chmodSync(dir, 0o555);
  locked.push(dir);
  if (!writable(dir)) return dir;
  try {
    execFileSync('chattr', ['+i', dir], { stdio: 'ignore' });
  } catch {
    return null;
  }
  return writable(dir) ? null : dir;
}

/** The rich province's data file, closed so the command line opens it alone. */
function seeded() {
  const province = makeRichProvince();
  province.backend.close();
  return { db: province.backend.dbPath, ids: province.ids, provinceId: province.provinceId };
}

function sequences(db: string): number[] {
  const data = JSON.parse(dataOf(db)) as { exchange_exports: { sequence: number }[] };
  return data.exchange_exports.map((row) => row.sequence).sort((a, b) => a - b);
}

describe('tccsd export', () => {
  test('writes the file where told and says what it holds, in Vietnamese', async () => {
    const { db } = seeded();
    const dir = makeTempDir('tccsd-cli-export-');
    const out = join(dir, 'gui-tinh.tccsd');
    const answer = await cli(db, 'export', '--out', out);
    expect(answer.code, answer.err).toBe(0);
    expect(answer.out).toContain(`Đã xuất tệp dữ liệu số 1: ${out}`);
    expect(answer.out).toContain('Phạm vi: Đảng bộ tỉnh Lạng Sơn; mọi năm.');
    expect(answer.out).toContain('Kết quả xếp loại: 6');
    expect(answer.out).toContain('Biện pháp củng cố: 2');
    expect(answer.out).toMatch(/Mã kiểm tra nội dung \(SHA-256\): [0-9a-f]{64}/);
    expect(answer.err).toBe('');
    // Only the file: no temporary sibling left behind.
    expect(readdirSync(dir)).toEqual(['gui-tinh.tccsd']);
    const file = await openExchangeFile(out);
    file.dispose();
    expect(file.header.sequence).toBe(1);
    expect(file.header.counts.rating).toBe(6);
    expect(sequences(db)).toEqual([1]);
  });

  test('--json answers with the path and the header', async () => {
    const { db, provinceId } = seeded();
    const out = join(makeTempDir(), 'du-lieu.tccsd');
    const answer = await cli(db, 'export', '--out', out, '--json');
    expect(answer.code, answer.err).toBe(0);
    const json = JSON.parse(answer.out) as {
      path: string;
      suggestedName: string;
      header: { scope: { unitId: string }; sequence: number };
    };
    expect(json.path).toBe(out);
    expect(json.suggestedName).toBe('TCCSD-Dang-bo-tinh-Lang-Son-so-1.tccsd');
    expect(json.header.scope.unitId).toBe(provinceId);
  });

  test('--scope by code, --years as a range, then --since-last', async () => {
    const { db, ids } = seeded();
    const dir = makeTempDir();
    const first = join(dir, 'bac-son.tccsd');
    const answer = await cli(db, 'export', '--out', first, '--scope', 'bs', '--years', '2016-2017');
    expect(answer.code, answer.err).toBe(0);
    expect(answer.out).toContain('Phạm vi: Đảng bộ huyện Bắc Sơn; các năm 2016–2017.');
    const file = await openExchangeFile(first);
    file.dispose();
    expect(file.header.scope.unitId).toBe(idOf(ids, 'BS'));
    expect(file.header.years).toEqual({ from: 2016, to: 2017 });

    const single = join(dir, 'nam-2017.tccsd');
    const only2017 = await cli(db, 'export', '--out', single, '--years', '2017', '--json');
    expect(only2017.code, only2017.err).toBe(0);
    const records = recordsOf(readParts(readFileSync(single)));
    expect(records.filter((r) => r.t === 'rating').every((r) => r.d.year === 2017)).toBe(true);

    const since = await cli(db, 'export', '--out', join(dir, 'thay-doi.tccsd'), '--since-last');
    expect(since.code, since.err).toBe(0);
    expect(since.out).toContain('chỉ những gì thay đổi từ lần xuất trước.');
    expect(since.out).toContain('Không có bản ghi nào (không có gì thay đổi).');
    expect(sequences(db)).toEqual([1, 2, 3]);
  });

  test('progress goes to the progress line, never into the answer', async () => {
    const { db } = seeded();
    const lines: string[] = [];
    let out = '';
    const code = await runCli(
      ['--db', db, 'export', '--out', join(makeTempDir(), 'a.tccsd')],
      { out: (t) => (out += t), err: () => undefined, progress: (line) => lines.push(line) },
      { TCCSD_OPERATOR: 'Kiểm thử CLI' },
    );
    expect(code).toBe(0);
    expect(lines[0]).toBe('Đang xuất dữ liệu: 0%');
    expect(lines.at(-1)).toBe('Đang xuất dữ liệu: 100%');
    expect(out).not.toContain('%');
  });
});

describe('tccsd export refuses, in Vietnamese, with the data unchanged', () => {
  test.each([
    [['export'], 'Thiếu --out TỆP: nơi ghi tệp dữ liệu (.tccsd).'],
    [
      ['export', '--out', 'OUT', '--years', '2018-2016'],
      'Khoảng năm không hợp lệ: "2018-2016" (năm đầu phải bằng hoặc trước năm cuối).',
    ],
    [
      ['export', '--out', 'OUT', '--years', 'năm ngoái'],
      'Khoảng năm không hợp lệ: "năm ngoái" (ví dụ 2016-2018, hoặc 2017).',
    ],
    [['export', 'thừa', '--out', 'OUT'], 'Thừa tham số: thừa'],
  ])('%j', async (args, message) => {
    const { db } = seeded();
    const dir = makeTempDir();
    const before = dataOf(db);
    const answer = await cli(db, ...args.map((a) => (a === 'OUT' ? join(dir, 'x.tccsd') : a)));
    expect(answer.code).toBe(2);
    expect(answer.err).toContain(`Lỗi: ${message}`);
    expect(answer.err).toContain('export --out TỆP');
    expect(dataOf(db)).toBe(before);
    expect(readdirSync(dir)).toEqual([]);
  });

  test('a folder that does not exist: WRITE_FAILED before any work', async () => {
    const { db } = seeded();
    const before = dataOf(db);
    const out = join(makeTempDir(), 'không có', 'a.tccsd');
    const answer = await cli(db, 'export', '--out', out);
    expect(answer.code).toBe(1);
    expect(answer.err).toContain('Lỗi: Không ghi được tệp "a.tccsd": thư mục');
    expect(answer.err).toContain('không tồn tại');
    expect(dataOf(db)).toBe(before);
    expect(existsSync(out)).toBe(false);
  });

  test('a folder that cannot be written: WRITE_FAILED naming the file asked for, nothing recorded', async (context) => {
    const { db } = seeded();
    const dir = readOnlyFolder();
    if (dir === null) {
      context.skip();
      return;
    }
    const before = dataOf(db);
    const answer = await cli(db, 'export', '--out', join(dir, 'gui-tinh.tccsd'));
    expect(answer.code).toBe(1);
    expect(answer.err).toMatch(
      /^Lỗi: Không ghi được tệp "gui-tinh\.tccsd": (không có quyền ghi vào thư mục|thư mục .* chỉ cho phép đọc)/,
    );
    expect(answer.err).not.toMatch(/EACCES|EPERM|Error:/);
    expect(dataOf(db)).toBe(before);
    expect(readdirSync(dir)).toEqual([]);
  });

  test('--out naming a folder', async () => {
    const { db } = seeded();
    const folder = join(makeTempDir(), 'tep');
    mkdirSync(folder);
    const before = dataOf(db);
    const answer = await cli(db, 'export', '--out', folder);
    expect(answer.code).toBe(1);
    expect(answer.err).toContain('là một thư mục');
    expect(dataOf(db)).toBe(before);
  });

  test('a scope code that is not in the register', async () => {
    const { db } = seeded();
    const dir = makeTempDir();
    const before = dataOf(db);
    const answer = await cli(db, 'export', '--out', join(dir, 'a.tccsd'), '--scope', 'KHONG-CO');
    expect(answer.code).toBe(1);
    expect(answer.err).toBe('Lỗi: Không tìm thấy tổ chức có mã hoặc định danh "KHONG-CO".');
    expect(dataOf(db)).toBe(before);
    expect(readdirSync(dir)).toEqual([]);
  });
});
