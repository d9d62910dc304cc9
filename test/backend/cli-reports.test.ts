// `tccsd report progress` through runCli on temporary files: the readable text, the JSON shape,
// the options, the report's files written whole, and folders that cannot be written.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { runCli } from '../../electron/cli';
import {
  VIETNAMESE_LETTER,
  addUnit,
  cleanupTemp,
  makeBackend,
  makeTempDir,
} from '../helpers/backend';
import { cli, dataOf } from '../helpers/cli';
import { canRun, hasChromium, hasPoppler, pdfText, squash } from '../helpers/documents';
import { buildLangSon } from '../helpers/ratings';
import { createList } from '../helpers/watchlists';

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

/** Resolution 33-NQ/TU's 16 units in two groups, plus a district with a code; the backend closed. */
function seeded(): { db: string; listId: string } {
  const b = makeBackend();
  const ls = buildLangSon(b);
  const list = createList(b, ls.province, 2017);
  for (const unitId of ls.districtPilotIds) {
    b.call('watchlists.addMember', { watchlistId: list.id, unitId, group: 'các đảng bộ huyện' });
  }
  for (const unitId of ls.khoiIds) {
    b.call('watchlists.addMember', {
      watchlistId: list.id,
      unitId,
      group: 'Đảng bộ Khối các cơ quan tỉnh',
    });
  }
  const district = addUnit(b, 'Đảng bộ huyện Mẫu', 2008, {
    kind: 'upper_committee',
    code: 'HU-MAU',
    parentId: ls.province,
  }).id;
  const cell = addUnit(b, 'Chi bộ Thôn Mẫu', 2008, { code: 'MAU-01', parentId: district }).id;
  b.call('ratings.set', { unitId: cell, year: 2016, levelCode: 'HTNV' });
  b.call('ratings.set', { unitId: cell, year: 2017, levelCode: 'HTTNV' });
  b.close();
  return { db: b.dbPath, listId: list.id };
}

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

describe('tccsd report progress', () => {
  test('prints the summary and a table per group, in Vietnamese', async () => {
    const { db, listId } = seeded();
    const answer = await cli(db, 'report', 'progress', '--year', '2017', '--watchlist', listId);
    expect(answer.code, answer.err).toBe(0);
    const lines = answer.out.split('\n');
    expect(lines[0]).toBe(
      'Kết quả xếp loại năm 2017: Nghị quyết 33-NQ/TU: củng cố tổ chức cơ sở đảng yếu kém năm 2017',
    );
    expect(lines[1]).toBe('So sánh với năm 2016. Nhóm theo: nhóm trong danh sách.');
    expect(answer.out).toContain(
      'Kết quả xếp loại năm 2017 của 11 TCCSĐ chỉ đạo điểm thuộc các đảng bộ huyện: ' +
        '2 TCCSĐ đạt TSVM; 5 HTTNV; 4 HTNV; trong đó 5 TCCSĐ mức xếp loại được nâng lên, ' +
        '6 giữ nguyên so với năm 2016.',
    );
    expect(answer.out).toContain(
      '1. các đảng bộ huyện: 11 tổ chức; đã xếp loại 11; TSVM 2, HTTNV 5, HTNV 4, Yếu kém 0; ' +
        'nâng lên 5, giữ nguyên 6, giảm 0.',
    );
    expect(lines).toContain('  STT  Tên tổ chức           Năm 2016  Năm 2017  So sánh');
    expect(lines).toContain('    1  Đảng bộ xã Đồng Ý     Yếu kém   TSVM      ↑ Nâng lên');
    expect(answer.out).toContain('Cộng: 16 tổ chức; đã xếp loại 16; TSVM 3, HTTNV 8, HTNV 5');
    expect(answer.out).toContain('Tổ chức chuyển biến chậm, đề nghị tiếp tục theo dõi năm 2018:');
    expect(answer.out).toContain('  - Đảng bộ xã Bắc Xa: Giữ nguyên mức HTTNV so với năm 2016.');
  });

  test('--json prints exactly year, compareYear, groups, totals and summary', async () => {
    const { db, listId } = seeded();
    const answer = await cli(
      db,
      'report',
      'progress',
      '--year',
      '2017',
      '--watchlist',
      listId,
      '--style',
      'fractions',
      '--json',
    );
    expect(answer.code, answer.err).toBe(0);
    expect(answer.err).toBe('');
    const json = JSON.parse(answer.out) as Record<string, unknown> & {
      groups: Record<string, unknown>[];
      totals: Record<string, unknown> & { units: Record<string, unknown>[] };
      summary: string;
    };
    expect(Object.keys(json)).toEqual(['year', 'compareYear', 'groups', 'totals', 'summary']);
    const fields = [
      'name',
      'total',
      'rated',
      'levels',
      'up',
      'same',
      'down',
      'notComparable',
      'units',
    ];
    expect(Object.keys(json.totals)).toEqual(fields);
    expect(json.groups.map((g) => Object.keys(g))).toEqual([fields, fields]);
    expect(json.year).toBe(2017);
    expect(json.compareYear).toBe(2016);
    const { units: _units, ...khoi } = json.groups[1] ?? {};
    expect(khoi).toEqual({
      name: 'Đảng bộ Khối các cơ quan tỉnh',
      total: 5,
      rated: 5,
      levels: { TSVM: 1, HTTNV: 3, HTNV: 1, YK: 0 },
      up: 1,
      same: 4,
      down: 0,
      notComparable: 0,
    });
    expect(json.totals.units[0]).toEqual({
      id: expect.any(String),
      code: null,
      name: 'Đảng bộ xã Đồng Ý',
      from: 'Yếu kém',
      to: 'TSVM',
      change: 'up',
    });
    expect(json.summary).toContain(
      'Kết quả xếp loại năm 2017 của 5 TCCSĐ chỉ đạo điểm thuộc Đảng bộ Khối các cơ quan tỉnh: ' +
        '1/5 đạt TSVM; 3/5 đạt HTTNV; 1/5 đạt HTNV; trong đó 1/5 TCCSĐ mức xếp loại được nâng ' +
        'lên, 4/5 giữ nguyên so với năm 2016.',
    );
  });

  test('--scope by code, --group-by, --compare none and --named-cases', async () => {
    const { db, listId } = seeded();
    const byCode = await cli(
      db,
      'report',
      'progress',
      '--year',
      '2017',
      '--scope',
      'HU-MAU',
      '--compare',
      'none',
      '--json',
    );
    expect(byCode.code, byCode.err).toBe(0);
    const scoped = JSON.parse(byCode.out) as {
      compareYear: number | null;
      totals: { total: number; up: number; units: { code: string | null; change: unknown }[] };
      summary: string;
    };
    expect(scoped.compareYear).toBeNull();
    expect(scoped.totals.units).toEqual([
      expect.objectContaining({ code: 'MAU-01', to: 'HTTNV', from: null, change: null }),
    ]);
    expect(scoped.summary).toBe(
      'Kết quả xếp loại năm 2017 của 1 TCCSĐ trực thuộc Đảng bộ huyện Mẫu: 1 TCCSĐ đạt HTTNV.',
    );
    const bySelector = await cli(
      db,
      'report',
      'progress',
      '--year',
      '2017',
      '--group-by',
      'selector',
      '--json',
    );
    expect(bySelector.code, bySelector.err).toBe(0);
    const groups = (JSON.parse(bySelector.out) as { groups: { name: string; total: number }[] })
      .groups;
    expect(groups.map((g) => [g.name, g.total])).toEqual([
      ['Đảng bộ tỉnh Lạng Sơn', 16],
      ['Không thuộc diện củng cố', 2],
    ]);
    const named = await cli(
      db,
      'report',
      'progress',
      '--year',
      '2017',
      '--watchlist',
      listId,
      '--named-cases',
    );
    expect(named.code, named.err).toBe(0);
    expect(named.out).toContain('Điển hình như Đảng bộ xã Đồng Ý từ yếu kém lên TSVM;');
  });

  test('writes the Word file and the printable page whole, and says so on stderr with --json', async () => {
    const { db, listId } = seeded();
    const dir = makeTempDir();
    const docx = join(dir, 'Báo cáo 2017.docx');
    const html = join(dir, 'bao-cao.html');
    const answer = await cli(
      db,
      'report',
      'progress',
      '--year',
      '2017',
      '--watchlist',
      listId,
      '--docx',
      docx,
      '--html',
      html,
      '--json',
    );
    expect(answer.code, answer.err).toBe(0);
    expect(() => JSON.parse(answer.out) as unknown).not.toThrow();
    expect(answer.err).toBe(`Đã ghi tệp ${docx}\nĐã ghi tệp ${html}`);
    expect(readdirSync(dir).sort()).toEqual(['Báo cáo 2017.docx', 'bao-cao.html']);
    expect(readFileSync(docx).subarray(0, 2).toString()).toBe('PK');
    expect(readFileSync(html, 'utf8')).toContain(
      'Kết quả xếp loại năm 2017 của 11 TCCSĐ chỉ đạo điểm thuộc các đảng bộ huyện',
    );
  });

  test.runIf(canRun(hasChromium && hasPoppler))(
    'prints the report to PDF with --pdf: whole, with its header, figures and diacritics',
    async () => {
      const { db, listId } = seeded();
      const dir = makeTempDir();
      const pdf = join(dir, 'Báo cáo 2017.pdf');
      const answer = await cli(
        db,
        'report',
        'progress',
        '--year',
        '2017',
        '--watchlist',
        listId,
        '--pdf',
        pdf,
      );
      expect(answer.code, answer.err).toBe(0);
      expect(answer.out).toContain(`Đã ghi tệp ${pdf}`);
      expect(readdirSync(dir)).toEqual(['Báo cáo 2017.pdf']);
      const text = squash(pdfText(pdf));
      for (const expected of [
        'ĐẢNG CỘNG SẢN VIỆT NAM',
        'BÁO CÁO',
        'Kết quả xếp loại năm 2017 của 11 TCCSĐ chỉ đạo điểm thuộc các đảng bộ huyện',
        'TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI TỔ CHỨC CƠ SỞ ĐẢNG NĂM 2017',
      ]) {
        expect(text).toContain(squash(expected));
      }
    },
  );

  test('reports its progress while it builds and writes', async () => {
    const { db, listId } = seeded();
    const dir = makeTempDir();
    const progress: string[] = [];
    const code = await runCli(
      ['--db', db, 'report', 'progress', '--year', '2017', '--watchlist', listId],
      { out: () => undefined, err: () => undefined, progress: (line) => progress.push(line) },
      { TCCSD_OPERATOR: 'Kiểm thử CLI' },
    );
    expect(code).toBe(0);
    expect(progress).toContain('Đang tổng hợp các năm: 100%');
    const withFile = await runCli(
      ['--db', db, 'report', 'progress', '--year', '2017', '--html', join(dir, 'r.html')],
      { out: () => undefined, err: () => undefined, progress: (line) => progress.push(line) },
      { TCCSD_OPERATOR: 'Kiểm thử CLI' },
    );
    expect(withFile).toBe(0);
    expect(progress.at(-1)).toBe('Đang ghi tệp: 100%');
  });
});

describe('tccsd report progress refuses', () => {
  test('a missing folder: a clear message, nothing written, the data unchanged', async () => {
    const { db, listId } = seeded();
    const dir = makeTempDir();
    const before = dataOf(db);
    const missing = join(dir, 'chưa có', 'bao-cao.docx');
    const answer = await cli(
      db,
      'report',
      'progress',
      '--year',
      '2017',
      '--watchlist',
      listId,
      '--docx',
      missing,
    );
    expect(answer.code).toBe(1);
    expect(answer.out).toBe('');
    expect(answer.err).toBe(
      `Lỗi: Không ghi được tệp "bao-cao.docx": thư mục "${join(dir, 'chưa có')}" không tồn tại. ` +
        'Hãy chọn thư mục khác hoặc kiểm tra quyền ghi.',
    );
    expect(readdirSync(dir)).toEqual([]);
    expect(dataOf(db)).toBe(before);
  });

  test('a folder that cannot be written: a clear message and no partial file', async (ctx) => {
    const { db, listId } = seeded();
    const dir = readOnlyFolder();
    if (!dir) {
      if (process.env.CI) throw new Error('no way to make a folder read-only on this machine');
      ctx.skip();
      return;
    }
    const answer = await cli(
      db,
      'report',
      'progress',
      '--year',
      '2017',
      '--watchlist',
      listId,
      '--html',
      join(dir, 'bao-cao.html'),
    );
    expect(answer.code).toBe(1);
    expect(answer.err).toBe(
      `Lỗi: Không ghi được tệp "bao-cao.html": không có quyền ghi vào thư mục "${dir}". ` +
        'Hãy chọn thư mục khác hoặc kiểm tra quyền ghi.',
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  test('--pdf without a browser to print with: says to use --docx, writes nothing', async () => {
    const { db, listId } = seeded();
    const dir = makeTempDir();
    const before = dataOf(db);
    vi.stubEnv('TCCSD_CHROMIUM', join(dir, 'khong-co-trinh-duyet'));
    const answer = await cli(
      db,
      'report',
      'progress',
      '--year',
      '2017',
      '--watchlist',
      listId,
      '--pdf',
      join(dir, 'bao-cao.pdf'),
    );
    vi.unstubAllEnvs();
    expect(answer.code).toBe(1);
    expect(answer.err).toContain('Không tìm thấy trình duyệt đã chỉ định trong TCCSD_CHROMIUM');
    expect(answer.err).toContain('Hãy dùng tệp Word (.docx)');
    expect(readdirSync(dir)).toEqual([]);
    expect(dataOf(db)).toBe(before);
  });

  test('a compared year after the report’s year, with the backend’s message', async () => {
    const { db, listId } = seeded();
    const before = dataOf(db);
    const answer = await cli(
      db,
      'report',
      'progress',
      '--year',
      '2017',
      '--compare',
      '2018',
      '--watchlist',
      listId,
    );
    expect(answer.code).toBe(1);
    expect(answer.err).toBe('Lỗi: Năm so sánh (2018) phải trước năm báo cáo (2017).');
    expect(dataOf(db)).toBe(before);
  });

  test('the list’s groups for a committee’s units', async () => {
    const { db } = seeded();
    const answer = await cli(
      db,
      'report',
      'progress',
      '--year',
      '2017',
      '--group-by',
      'watchlist-group',
    );
    expect(answer.code).toBe(1);
    expect(answer.err).toMatch(/^Lỗi: Chỉ nhóm theo "Nhóm trong danh sách"/);
  });

  test.each([
    [
      ['--group-by', 'huyen'],
      /Cách nhóm không hợp lệ: "huyen" \(chọn parent\|selector\|sector\|watchlist-group\)/,
    ],
    [
      ['--style', 'words'],
      /Cách viết không hợp lệ: "words" \(chọn counts\|fractions\|percentages\)/,
    ],
    [['--watchlist', 'x', '--scope', 'y'], /Chỉ chọn một phạm vi/],
    [['--with-extending'], /--with-extending chỉ dùng cùng --watchlist/],
    [['--compare', '16'], /Năm không hợp lệ: "16"/],
  ])('a mistyped command %j: the usage, exit code 2', async (extra, message) => {
    const { db } = seeded();
    const before = dataOf(db);
    const answer = await cli(db, 'report', 'progress', '--year', '2017', ...extra);
    expect(answer.code).toBe(2);
    expect(answer.err).toMatch(message);
    expect(answer.err).toMatch(VIETNAMESE_LETTER);
    expect(answer.err).toContain('report progress --year NĂM');
    expect(dataOf(db)).toBe(before);
  });

  test('no year, or another report than progress', async () => {
    const { db } = seeded();
    expect((await cli(db, 'report', 'progress')).err).toMatch(/Thiếu --year \(năm báo cáo\)/);
    expect((await cli(db, 'report', 'summary', '--year', '2017')).err).toMatch(
      /Lệnh không hợp lệ: report summary/,
    );
  });
});
