// `tccsd ratings set|list` and `tccsd import-ratings` through runCli on temporary files.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli';
import { openDatabase } from '../../electron/backend/db/open';
import type { ImportResult, Rating, RatingListRow } from '../../shared/contract';
import { cli, dataOf } from '../helpers/cli';
import { cleanupTemp, makeTempDir, tempDbPath } from '../helpers/backend';

afterEach(cleanupTemp);

/** A district committee HU-BS with two communes BS01 and BS02, and another district HU-HL. */
async function seeded(): Promise<string> {
  const db = tempDbPath();
  const add = async (...args: string[]) =>
    expect((await cli(db, 'units', 'add', ...args)).code).toBe(0);
  await add(
    '--name',
    'Huyện ủy Bắc Sơn',
    '--code',
    'HU-BS',
    '--kind',
    'upper_committee',
    '--from',
    '2008',
  );
  await add(
    '--name',
    'Huyện ủy Hữu Lũng',
    '--code',
    'HU-HL',
    '--kind',
    'upper_committee',
    '--from',
    '2008',
  );
  await add('--name', 'Đảng bộ xã Đồng Ý', '--code', 'BS01', '--parent', 'HU-BS', '--from', '2008');
  await add('--name', 'Đảng bộ xã Vũ Lễ', '--code', 'BS02', '--parent', 'HU-BS', '--from', '2012');
  await add(
    '--name',
    'Đảng bộ xã Yên Vượng',
    '--code',
    'HL01',
    '--parent',
    'HU-HL',
    '--from',
    '2008',
  );
  return db;
}

const occurrences = (text: string, part: string) => text.split(part).length - 1;

function writeFile(name: string, text: string): string {
  const path = join(makeTempDir(), name);
  writeFileSync(path, `\uFEFF${text}`, 'utf8');
  return path;
}

describe('tccsd ratings', () => {
  it('sets ratings by code with levels typed any way, and lists them by year and scope', async () => {
    const db = await seeded();
    const set = await cli(
      db,
      'ratings',
      'set',
      '--unit',
      'bs01',
      '--year',
      '2019',
      '--level',
      'hoan thanh tot nhiem vu',
      '--note',
      'Tốp đầu huyện',
      '--json',
    );
    expect(set.code, set.err).toBe(0);
    expect(JSON.parse(set.out) as Rating).toMatchObject({
      year: 2019,
      levelCode: 'HTTNV',
      tier: 2,
      note: 'Tốp đầu huyện',
    });
    const text = await cli(
      db,
      'ratings',
      'set',
      '--unit',
      'BS02',
      '--year',
      '2017',
      '--level',
      'TSVM tiêu biểu',
    );
    expect(text.code).toBe(0);
    expect(text.out).toBe('Đã ghi: Đảng bộ xã Vũ Lễ [BS02] — năm 2017: TSVM tiêu biểu.');
    expect(
      (await cli(db, 'ratings', 'set', '--unit', 'HL01', '--year', '2019', '--level', 'KHTNV'))
        .code,
    ).toBe(0);

    const listed = await cli(db, 'ratings', 'list', '--year', '2019', '--json');
    expect(listed.code).toBe(0);
    const rows = JSON.parse(listed.out) as RatingListRow[];
    expect(
      rows.map(({ code, name, year, levelCode, tier }) => ({ code, name, year, levelCode, tier })),
    ).toEqual(
      expect.arrayContaining([
        { code: 'BS01', name: 'Đảng bộ xã Đồng Ý', year: 2019, levelCode: 'HTTNV', tier: 2 },
        { code: 'HL01', name: 'Đảng bộ xã Yên Vượng', year: 2019, levelCode: 'KHTNV', tier: 4 },
      ]),
    );
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row.unitId).toMatch(/^[0-9a-f-]{36}$/);

    const scoped = await cli(db, 'ratings', 'list', '--year', '2019', '--scope', 'HU-BS');
    expect(scoped.out).toContain('Xếp loại năm 2019 (1 tổ chức):');
    expect(scoped.out).toContain('Đảng bộ xã Đồng Ý: HTTNV');
    expect(scoped.out).not.toContain('Yên Vượng');
    expect((await cli(db, 'ratings', 'list', '--year', '2010')).out).toBe(
      'Chưa có kết quả xếp loại nào trong năm 2010.',
    );
  });

  it('keeps "tiêu biểu" when the same level is typed again, and drops it only when told', async () => {
    const db = await seeded();
    const set = async (...extra: string[]) => {
      const answer = await cli(
        db,
        'ratings',
        'set',
        '--unit',
        'BS01',
        '--year',
        '2016',
        ...extra,
        '--json',
      );
      expect(answer.code, answer.err).toBe(0);
      return JSON.parse(answer.out) as Rating;
    };
    expect((await set('--level', 'TSVM tieu bieu')).exemplary).toBe(true);
    expect((await set('--level', 'TSVM', '--note', 'Giữ nguyên')).exemplary).toBe(true);
    expect((await set('--level', 'TSVM', '--not-exemplary')).exemplary).toBe(false);
    const both = await cli(
      db,
      'ratings',
      'set',
      '--unit',
      'BS01',
      '--year',
      '2016',
      '--level',
      'TSVM tiêu biểu',
      '--not-exemplary',
    );
    expect(both.code).toBe(2);
    expect(both.err).toContain('--not-exemplary không dùng cùng');
  });

  it('writes levels out as reports do: "Yếu kém", never "YK"', async () => {
    const db = await seeded();
    const set = await cli(
      db,
      'ratings',
      'set',
      '--unit',
      'BS01',
      '--year',
      '2016',
      '--level',
      'YK',
    );
    expect(set.out).toContain('năm 2016: Yếu kém.');
    const list = await cli(db, 'ratings', 'list', '--year', '2016');
    expect(list.out).toContain('Đảng bộ xã Đồng Ý: Yếu kém');
    expect(`${set.out}${list.out}`).not.toMatch(/\bYK\b/);
  });

  it('refuses wrong levels, units and years in Vietnamese, with exit codes 1 and 2', async () => {
    const db = await seeded();
    const before = dataOf(db);
    const wrongLevel = await cli(
      db,
      'ratings',
      'set',
      '--unit',
      'BS01',
      '--year',
      '2016',
      '--level',
      'HTXSNV',
    );
    expect(wrongLevel.code).toBe(1);
    expect(wrongLevel.err).toContain('"HTXSNV" không có trong thang xếp loại năm 2016');
    const notFounded = await cli(
      db,
      'ratings',
      'set',
      '--unit',
      'BS02',
      '--year',
      '2010',
      '--level',
      'TSVM',
    );
    expect(notFounded.code).toBe(1);
    expect(notFounded.err).toContain('thành lập năm 2012');
    expect(
      (await cli(db, 'ratings', 'set', '--unit', 'KHONG', '--year', '2019', '--level', 'HTNV')).err,
    ).toContain('Không tìm thấy tổ chức có mã');
    const noYear = await cli(db, 'ratings', 'set', '--unit', 'BS01', '--level', 'HTNV');
    expect(noYear.code).toBe(2);
    expect(noYear.err).toContain('Thiếu --year');
    expect((await cli(db, 'ratings', 'set', '--unit', 'BS01', '--year', '2019')).err).toContain(
      'Thiếu --level',
    );
    expect((await cli(db, 'ratings', 'fly', '--year', '2019')).code).toBe(2);
    expect(dataOf(db)).toBe(before);
  });
});

describe('tccsd import-ratings', () => {
  const GOOD = [
    'Mã;Tên tổ chức;Cấp trên;Năm;Xếp loại',
    'BS01;;;2019;HTTNV',
    ';Đảng bộ xã Vũ Lễ;HU-BS;2019;hoan thanh xuat sac nhiem vu',
    ';Chi bộ Thôn Mới;Đảng ủy Khối Doanh nghiệp;2020;HTNV',
  ].join('\n');

  it('previews with --dry-run without writing, then imports, then finds nothing to change', async () => {
    const db = await seeded();
    const file = writeFile('xep-loai.csv', GOOD);
    const before = dataOf(db);
    const dry = await cli(db, 'import-ratings', file, '--dry-run');
    expect(dry.code, dry.err).toBe(0);
    expect(dry.err).toBe('');
    expect(dry.out).toContain('Tệp xep-loai.csv: 3 dòng dữ liệu.');
    expect(dry.out).toContain('Bảng mã: UTF-8');
    expect(dry.out).toContain('Tổ chức mới: 2');
    expect(dry.out).toContain('dòng 4: Chi bộ Thôn Mới (thuộc Đảng ủy Khối Doanh nghiệp)');
    expect(dry.out).toContain('Xếp loại mới: 3');
    expect(dry.out).toContain('Xem trước (--dry-run), chưa ghi gì.');
    expect(dataOf(db)).toBe(before);

    const done = await cli(db, 'import-ratings', file, '--json');
    expect(done.code, done.err).toBe(0);
    const result = JSON.parse(done.out) as ImportResult;
    expect(result).toMatchObject({ applied: true, skippedRows: 0, errors: [] });
    expect(result.newRatings).toHaveLength(3);
    const listed = JSON.parse(
      (await cli(db, 'ratings', 'list', '--year', '2019', '--json')).out,
    ) as RatingListRow[];
    expect(listed.map((r) => [r.code, r.levelCode])).toEqual(
      expect.arrayContaining([
        ['BS01', 'HTTNV'],
        ['BS02', 'HTXSNV'],
      ]),
    );
    const { db: raw } = openDatabase(db);
    const origins = raw
      .prepare("SELECT DISTINCT origin FROM audit_log WHERE entity = 'rating'")
      .pluck()
      .all();
    raw.close();
    expect(origins).toEqual(['import:xep-loai.csv']);

    const afterImport = dataOf(db);
    const again = await cli(db, 'import-ratings', file);
    expect(again.code).toBe(0);
    expect(again.out).toContain('Không thay đổi: 3');
    expect(again.out).toContain('Đã nhập xong.');
    expect(dataOf(db)).toBe(afterImport);
  });

  it('refuses a file with bad rows (exit 1, rows on stderr) unless --skip-errors', async () => {
    const db = await seeded();
    const file = writeFile('loi.csv', `${GOOD}\nBS01;;;2016;HTXSNV\nBS02;;;2010;TSVM\n`);
    const before = dataOf(db);

    const dry = await cli(db, 'import-ratings', file, '--dry-run');
    expect(dry.code).toBe(1);
    expect(dry.err).toContain('Dòng 5: Mức "HTXSNV" không có trong thang xếp loại năm 2016');
    expect(dry.err).toContain('Dòng 6: "Đảng bộ xã Vũ Lễ" thành lập năm 2012');
    expect(dry.out).toContain('Xem trước (--dry-run), chưa ghi gì.');
    // The refusal is said once, on stderr, not again on stdout (both show in one terminal).
    expect(occurrences(`${dry.out}\n${dry.err}`, 'khi nhập sẽ bị từ chối')).toBe(1);

    const refused = await cli(db, 'import-ratings', file);
    expect(refused.code).toBe(1);
    expect(refused.out).toContain('Dòng lỗi: 2');
    expect(refused.err).toContain('Dòng 5:');
    expect(refused.err).toContain('Lỗi: Không nhập: tệp có 2 dòng lỗi');
    expect(occurrences(`${refused.out}\n${refused.err}`, 'Không nhập')).toBe(1);
    expect(dataOf(db)).toBe(before);

    const json = await cli(db, 'import-ratings', file, '--json');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.out) as ImportResult).toMatchObject({ applied: false });
    expect(dataOf(db)).toBe(before);

    expect((await cli(db, 'import-ratings', file, '--dry-run', '--skip-errors')).code).toBe(0);
    expect(dataOf(db)).toBe(before);
    const skipped = await cli(db, 'import-ratings', file, '--skip-errors');
    expect(skipped.code).toBe(0);
    expect(skipped.out).toContain('Đã nhập xong. Đã bỏ qua 2 dòng lỗi.');
    expect(skipped.err).toContain('Dòng 6:');
    expect(dataOf(db)).not.toBe(before);
  });

  it('refuses files that are not spreadsheets, missing files and a missing argument', async () => {
    const db = await seeded();
    const before = dataOf(db);
    const dir = makeTempDir();
    const bogus = join(dir, 'bang.xlsx');
    writeFileSync(bogus, Buffer.from('đây không phải là bảng tính'.repeat(50)));
    const bad = await cli(db, 'import-ratings', bogus);
    expect(bad.code).toBe(1);
    expect(bad.out).toBe('');
    expect(bad.err).toContain('không phải bảng tính Excel (.xlsx) hợp lệ');

    const empty = join(dir, 'rong.csv');
    writeFileSync(empty, '');
    expect((await cli(db, 'import-ratings', empty)).err).toContain('rỗng');

    const missing = await cli(db, 'import-ratings', join(dir, 'khong-co.csv'));
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('không tồn tại');

    const folder = await cli(db, 'import-ratings', dir);
    expect(folder.code).toBe(1);
    expect(folder.err).toContain('là một thư mục, không phải tệp');

    const noFile = await cli(db, 'import-ratings');
    expect(noFile.code).toBe(2);
    expect(noFile.err).toContain('Cách dùng');
    expect(dataOf(db)).toBe(before);
  });

  it('refuses --skip-errors when no row is valid, with the reason, writing nothing', async () => {
    const db = await seeded();
    const file = writeFile('loi.csv', 'Mã;Năm;Xếp loại\nBS01;2016;HTXSNV\nXX;2019;HTTNV\n');
    const before = dataOf(db);
    for (const args of [['--skip-errors'], ['--skip-errors', '--dry-run']]) {
      const run = await cli(db, 'import-ratings', file, ...args);
      expect(run.code, args.join(' ')).toBe(1);
      expect(run.err).toContain(
        'Lỗi: Không có dòng hợp lệ nào để nhập: cả 2 dòng dữ liệu đều có lỗi.',
      );
    }
    expect(dataOf(db)).toBe(before);
  });

  it('reads the sheet named by --sheet, names it, and lists the sheets when it is not there', async () => {
    const db = await seeded();
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Cũ', { state: 'hidden' }).addRows([
      ['Mã', 'Năm', 'Xếp loại'],
      ['BS01', 2016, 'Yếu kém'],
    ]);
    book.addWorksheet('Năm 2018').addRows([
      ['Mã', 'Năm', 'Xếp loại'],
      ['BS01', 2018, 'HTNV'],
    ]);
    book.addWorksheet('Năm 2019').addRows([
      ['Mã', 'Năm', 'Xếp loại'],
      ['BS01', 2019, 'HTTNV'],
    ]);
    const path = join(makeTempDir(), 'hai-nam.xlsx');
    writeFileSync(path, Buffer.from(await book.xlsx.writeBuffer()));

    const first = await cli(db, 'import-ratings', path, '--dry-run');
    expect(first.code, first.err).toBe(0);
    expect(first.out).toContain('Trang tính: Năm 2018 (các trang đang hiện: Năm 2018, Năm 2019)');
    const chosen = await cli(db, 'import-ratings', path, '--sheet', 'nam 2019', '--json');
    expect(chosen.code, chosen.err).toBe(0);
    const result = JSON.parse(chosen.out) as ImportResult;
    expect(result).toMatchObject({ applied: true, sheet: 'Năm 2019', encoding: null });
    expect(result.newRatings.map((r) => [r.year, r.level])).toEqual([[2019, 'HTTNV']]);

    const before = dataOf(db);
    const missing = await cli(db, 'import-ratings', path, '--sheet', 'Năm 2020');
    expect(missing.code).toBe(1);
    expect(missing.err).toBe(
      'Lỗi: Tệp không có trang tính "Năm 2020". Các trang tính đang hiện: "Năm 2018", "Năm 2019".',
    );
    expect(dataOf(db)).toBe(before);
  });

  it('shows progress where asked (a terminal) and keeps --json output clean', async () => {
    const db = await seeded();
    const file = writeFile('xep-loai.csv', GOOD);
    let out = '';
    let err = '';
    const lines: string[] = [];
    const code = await runCli(
      ['--db', db, 'import-ratings', file, '--json'],
      { out: (t) => (out += t), err: (t) => (err += t), progress: (l) => lines.push(l) },
      { TCCSD_OPERATOR: 'Kiểm thử CLI' },
    );
    expect(code, err).toBe(0);
    expect(err).toBe('');
    expect((JSON.parse(out) as ImportResult).applied).toBe(true);
    expect(lines[0]).toBe('Đang đọc tệp: 0%');
    for (const done of ['Đang đọc tệp: 100%', 'Đang kiểm tra: 100%', 'Đang ghi dữ liệu: 100%']) {
      expect(lines).toContain(done);
    }
  });

  it('lists the new commands in the usage', async () => {
    let out = '';
    expect(await runCli(['--help'], { out: (t) => (out += t), err: () => {} })).toBe(0);
    expect(out).toContain('ratings set --unit MÃ|ID --year NĂM --level MỨC');
    expect(out).toContain('ratings list --year NĂM [--scope MÃ|ID]');
    expect(out).toContain(
      'import-ratings TỆP [--dry-run] [--skip-errors] [--json] [--sheet TRANG_TÍNH]',
    );
  });
});
