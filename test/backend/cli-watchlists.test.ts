// `tccsd watchlist …` and `tccsd measure …` through runCli on temporary files.
import { afterEach, describe, expect, it } from 'vitest';
import type { Measure, Watchlist, WatchlistDetail, WatchlistMember } from '../../shared/contract';
import { cli, dataOf } from '../helpers/cli';
import { VIETNAMESE_LETTER, cleanupTemp, tempDbPath } from '../helpers/backend';

afterEach(cleanupTemp);

/** The province, two districts with a commune each, rated 2016 and 2017. */
async function seeded(): Promise<string> {
  const db = tempDbPath();
  const run = async (...args: string[]) => {
    const answer = await cli(db, ...args);
    expect(answer.code, answer.err).toBe(0);
  };
  await run(
    'units',
    'add',
    '--name',
    'Đảng bộ tỉnh Lạng Sơn',
    '--code',
    'TU',
    '--kind',
    'province',
  );
  for (const [name, code] of [
    ['Đảng bộ huyện Bắc Sơn', 'HU-BS'],
    ['Đảng bộ huyện Hữu Lũng', 'HU-HL'],
  ] as const) {
    await run(
      'units',
      'add',
      '--name',
      name,
      '--code',
      code,
      '--kind',
      'upper_committee',
      '--parent',
      'TU',
    );
  }
  await run('units', 'add', '--name', 'Đảng bộ xã Đồng Ý', '--code', 'BS01', '--parent', 'HU-BS');
  await run('units', 'add', '--name', 'Đảng bộ xã Hòa Sơn', '--code', 'HL01', '--parent', 'HU-HL');
  for (const [unit, year, level] of [
    ['BS01', '2016', 'yeu kem'],
    ['BS01', '2017', 'TSVM'],
    ['HL01', '2016', 'HTTNV'],
    ['HL01', '2017', 'HTTNV'],
  ] as const) {
    await run('ratings', 'set', '--unit', unit, '--year', year, '--level', level);
  }
  return db;
}

async function created(db: string): Promise<WatchlistDetail> {
  const answer = await cli(
    db,
    'watchlist',
    'create',
    '--title',
    'Củng cố TCCSĐ yếu kém năm 2017',
    '--number',
    '33-NQ/TU',
    '--date',
    '17/02/2017',
    '--issuer',
    'TU',
    '--year',
    '2017',
    '--json',
  );
  expect(answer.code, answer.err).toBe(0);
  return JSON.parse(answer.out) as WatchlistDetail;
}

describe('tccsd watchlist', () => {
  it('creates a list, adds units by code with reasons typed without diacritics, shows the results', async () => {
    const db = await seeded();
    const list = await created(db);
    expect(list).toMatchObject({ number: '33-NQ/TU', decidedOn: '2017-02-17', year: 2017 });

    const add = await cli(
      db,
      'watchlist',
      'add',
      '--list',
      list.id,
      '--unit',
      'bs01',
      '--group',
      'Đảng bộ huyện',
      '--reason',
      'xep loai yeu kem, khong hoan thanh nhiem vu',
      '--reason',
      'Mất đoàn kết nội bộ',
      '--reason',
      'khac: Bí thư chi bộ mới được bầu',
    );
    expect(add.code, add.err).toBe(0);
    expect(add.out).toContain(
      'Đã thêm "Đảng bộ xã Đồng Ý" vào danh sách "Củng cố TCCSĐ yếu kém năm 2017" (STT 1, nhóm Đảng bộ huyện).',
    );
    expect(add.out).toContain('Xếp loại năm 2016 (năm trước): Yếu kém.');

    const json = await cli(db, 'watchlist', 'add', '--list', list.id, '--unit', 'HL01', '--json');
    expect(json.code, json.err).toBe(0);
    const hoaSon = JSON.parse(json.out) as WatchlistMember;
    expect(hoaSon).toMatchObject({
      position: 2,
      group: 'Đảng bộ huyện Hữu Lũng',
      groupIsDefault: true,
    });

    const shown = await cli(db, 'watchlist', 'show', list.id, '--json');
    const detail = JSON.parse(shown.out) as WatchlistDetail;
    expect(detail.members[0]).toMatchObject({
      reasons: ['weak_rating', 'disunity', 'other'],
      reasonOther: 'Bí thư chi bộ mới được bầu',
    });

    const text = await cli(db, 'watchlist', 'show', list.id);
    expect(text.code, text.err).toBe(0);
    expect(text.out).toContain('Củng cố TCCSĐ yếu kém năm 2017 (33-NQ/TU, ngày 17/02/2017)');
    expect(text.out).toContain('  1. Đảng bộ xã Đồng Ý [BS01] — Đảng bộ huyện');
    expect(text.out).toContain('Năm trước: Yếu kém; 2017: TSVM ↑ Nâng lên');
    expect(text.out).toContain('Năm trước: HTTNV; 2017: HTTNV → Giữ nguyên');
    expect(text.out).toContain(
      'Năm 2017 — Đảng bộ huyện: 1 tổ chức; TSVM 1, HTTNV 0, HTNV 0, Yếu kém 0; nâng lên 1, giữ nguyên 0, giảm 0.',
    );
    expect(text.out).toContain('Năm 2017 — Cộng: 2 tổ chức;');

    const lists = await cli(db, 'watchlist', 'list', '--year', '2017', '--json');
    expect(
      (JSON.parse(lists.out) as Watchlist[]).map((l) => [l.id, l.memberCount, l.improved]),
    ).toEqual([[list.id, 2, 1]]);
    const listText = await cli(db, 'watchlist', 'list');
    expect(listText.out).toContain('2 tổ chức; 1 nâng lên; biện pháp 0/0 xong, 0 quá hạn');
    expect((await cli(db, 'watchlist', 'list', '--year', '2018')).out).toBe(
      'Không có danh sách diện củng cố nào trong năm 2018.',
    );
  });

  it('refuses the same unit twice, and an unknown reason, without writing anything', async () => {
    const db = await seeded();
    const list = await created(db);
    expect((await cli(db, 'watchlist', 'add', '--list', list.id, '--unit', 'BS01')).code).toBe(0);
    const before = dataOf(db);
    const twice = await cli(db, 'watchlist', 'add', '--list', list.id, '--unit', 'BS01');
    expect(twice.code).toBe(1);
    expect(twice.err).toBe('Lỗi: "Đảng bộ xã Đồng Ý" đã có trong danh sách này.');
    const reason = await cli(
      db,
      'watchlist',
      'add',
      '--list',
      list.id,
      '--unit',
      'HL01',
      '--reason',
      'lười',
    );
    expect(reason.code).toBe(2);
    expect(reason.err).toContain('Lý do không hợp lệ: "lười". Chọn một trong: Xếp loại yếu kém');
    const number = await cli(
      db,
      'watchlist',
      'create',
      '--title',
      'Danh sách',
      '--number',
      'Nghị quyết 33',
      '--issuer',
      'TU',
      '--year',
      '2017',
    );
    expect(number.code).toBe(1);
    expect(number.err).toMatch(/không đúng dạng; ví dụ 33-NQ\/TU/);
    const unknown = await cli(db, 'watchlist', 'show', '00000000-0000-4000-8000-000000000000');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(VIETNAMESE_LETTER);
    expect(dataOf(db)).toBe(before);
  });
});

describe('tccsd measure', () => {
  it('adds a measure by list and unit code with its kind typed as a label, and marks it done', async () => {
    const db = await seeded();
    const list = await created(db);
    expect((await cli(db, 'watchlist', 'add', '--list', list.id, '--unit', 'BS01')).code).toBe(0);
    const added = await cli(
      db,
      'measure',
      'add',
      '--list',
      list.id,
      '--unit',
      'BS01',
      '--kind',
      'kiem tra, giam sat',
      '--title',
      'Kiểm tra việc thực hiện quy chế làm việc',
      '--due',
      '30/06/2017',
      '--responsible',
      'Ủy ban Kiểm tra Huyện ủy',
      '--json',
    );
    expect(added.code, added.err).toBe(0);
    const measure = JSON.parse(added.out) as Measure;
    expect(measure).toMatchObject({ kind: 'inspection', dueOn: '2017-06-30', overdue: true });

    const done = await cli(db, 'measure', 'done', measure.id, '--date', '2017-06-28');
    expect(done.code, done.err).toBe(0);
    expect(done.out).toContain('Đã ghi hoàn thành.');
    expect(done.out).toContain('Hoàn thành: 28/06/2017');
    const detail = JSON.parse(
      (await cli(db, 'watchlist', 'show', list.id, '--json')).out,
    ) as WatchlistDetail;
    expect(detail.measures).toEqual({ total: 1, done: 1, overdue: 0 });
  });

  it('refuses an unknown kind, a unit not on the list, a done date after today, an unknown measure', async () => {
    const db = await seeded();
    const list = await created(db);
    expect((await cli(db, 'watchlist', 'add', '--list', list.id, '--unit', 'BS01')).code).toBe(0);
    const measure = JSON.parse(
      (
        await cli(
          db,
          'measure',
          'add',
          '--list',
          list.id,
          '--unit',
          'BS01',
          '--kind',
          'khac',
          '--title',
          'Họp',
          '--json',
        )
      ).out,
    ) as Measure;
    const before = dataOf(db);
    const kind = await cli(
      db,
      'measure',
      'add',
      '--list',
      list.id,
      '--unit',
      'BS01',
      '--kind',
      'họp',
      '--title',
      'x',
    );
    expect(kind.code).toBe(2);
    expect(kind.err).toContain('Loại biện pháp không hợp lệ: "họp".');
    const outside = await cli(
      db,
      'measure',
      'add',
      '--list',
      list.id,
      '--unit',
      'HL01',
      '--kind',
      'khac',
      '--title',
      'x',
    );
    expect(outside.code).toBe(1);
    expect(outside.err).toBe(
      'Lỗi: Tổ chức "HL01" không có trong danh sách "Củng cố TCCSĐ yếu kém năm 2017".',
    );
    const nextYear = new Date().getFullYear() + 1;
    const future = await cli(db, 'measure', 'done', measure.id, '--date', `31/12/${nextYear}`);
    expect(future.code).toBe(1);
    expect(future.err).toMatch(
      /^Lỗi: Ngày hoàn thành \(31\/12\/\d{4}\) không được sau ngày hôm nay/,
    );
    const unknown = await cli(
      db,
      'measure',
      'done',
      '00000000-0000-4000-8000-000000000000',
      '--date',
      '01/01/2018',
    );
    expect(unknown.code).toBe(1);
    expect(unknown.err).toBe('Lỗi: Không tìm thấy biện pháp này (có thể đã bị xóa).');
    expect(dataOf(db)).toBe(before);
  });
});
