import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { UnitDetail, UnitRow } from '../../shared/contract';
import { cli, dataOf } from '../helpers/cli';
import { cleanupTemp, tempDbPath } from '../helpers/backend';

afterEach(cleanupTemp);

describe('tccsd command line', () => {
  it('adds a unit and finds it again by searching without diacritics', async () => {
    const db = tempDbPath();
    const added = await cli(
      db,
      'units',
      'add',
      '--name',
      'Đảng bộ xã Đồng Ý',
      '--code',
      'BS01',
      '--from',
      '2010',
      '--json',
    );
    expect(added.code).toBe(0);
    const detail = JSON.parse(added.out) as UnitDetail;
    expect(detail.current.name).toBe('Đảng bộ xã Đồng Ý');

    const listed = await cli(db, 'units', 'list', '--search', 'dong y', '--year', '2017', '--json');
    expect(listed.code).toBe(0);
    expect((JSON.parse(listed.out) as UnitRow[]).map((r) => r.id)).toEqual([detail.id]);
    expect((await cli(db, 'units', 'list', '--year', '2009')).out).toContain(
      'Không có tổ chức nào trong năm 2009',
    );
  });

  it('renames, moves, merges, splits and dissolves by code, and shows the history', async () => {
    const db = tempDbPath();
    await cli(
      db,
      'units',
      'add',
      '--name',
      'Huyện ủy Bắc Sơn',
      '--code',
      'HU-BS',
      '--kind',
      'đảng bộ cấp trên cơ sở',
      '--from',
      '2008',
    );
    await cli(
      db,
      'units',
      'add',
      '--name',
      'Huyện ủy Hữu Lũng',
      '--code',
      'HU-HL',
      '--kind',
      'upper_committee',
      '--from',
      '2008',
    );
    await cli(
      db,
      'units',
      'add',
      '--name',
      'Đảng bộ xã Vũ Lễ',
      '--code',
      'BS02',
      '--parent',
      'HU-BS',
      '--sector',
      'xã',
      '--from',
      '2008',
    );
    await cli(
      db,
      'units',
      'add',
      '--name',
      'Đảng bộ xã Đồng Ý',
      '--code',
      'BS01',
      '--parent',
      'HU-BS',
      '--from',
      '2008',
    );
    expect(
      (
        await cli(
          db,
          'units',
          'rename',
          'BS02',
          '--name',
          'Đảng bộ xã Vũ Lăng',
          '--year',
          '2015',
          '--basis',
          '12-QĐ/HU',
        )
      ).code,
    ).toBe(0);
    expect(
      (await cli(db, 'units', 'move', 'BS02', '--parent', 'HU-HL', '--year', '2016')).code,
    ).toBe(0);
    expect((await cli(db, 'units', 'merge', 'BS02', '--into', 'BS01', '--year', '2019')).code).toBe(
      0,
    );
    expect(
      (await cli(db, 'units', 'split', 'BS01', '--part', 'Chi bộ thôn Mới|BS03', '--year', '2020'))
        .code,
    ).toBe(0);
    expect((await cli(db, 'units', 'dissolve', 'BS03', '--year', '2022')).code).toBe(0);

    const shown = JSON.parse(
      (await cli(db, 'units', 'show', 'BS02', '--year', '2016', '--json')).out,
    ) as UnitDetail;
    expect(shown.current.parentName).toBe('Huyện ủy Hữu Lũng');
    expect(shown.versions.map((v) => [v.validFrom, v.validTo, v.name])).toEqual([
      [2008, 2014, 'Đảng bộ xã Vũ Lễ'],
      [2015, 2015, 'Đảng bộ xã Vũ Lăng'],
      [2016, 2019, 'Đảng bộ xã Vũ Lăng'],
    ]);
    expect(shown.events.map((e) => e.type)).toEqual(['founded', 'renamed', 'moved', 'merged_into']);
    const text = (await cli(db, 'units', 'show', 'BS01')).out;
    expect(text).toContain('Đảng bộ xã Đồng Ý [BS01]');
    // Events in Vietnamese, as the app shows them, not their identifiers.
    expect(text).toContain('2019: tiếp nhận sáp nhập — Đảng bộ xã Vũ Lăng');
    expect(text).toContain('2008: thành lập');
    expect(text).not.toMatch(/absorbed|founded|split_into/);
    const moved = (await cli(db, 'units', 'show', 'BS02', '--year', '2016')).out;
    expect(moved).toContain('2015: đổi tên — 12-QĐ/HU');
    expect(moved).toContain('2016: chuyển trực thuộc — Huyện ủy Hữu Lũng');
    expect(moved).toContain('Loại tổ chức: Đảng bộ cơ sở');
    expect(moved).toContain('Loại hình: Xã');
  });

  it('reports errors on stderr in Vietnamese with a non-zero exit code, changing nothing', async () => {
    const db = tempDbPath();
    await cli(
      db,
      'units',
      'add',
      '--name',
      'Đảng bộ xã Đồng Ý',
      '--code',
      'BS01',
      '--from',
      '2010',
    );
    const before = dataOf(db);
    const dup = await cli(db, 'units', 'add', '--name', 'Khác', '--code', 'bs01', '--from', '2012');
    expect(dup.code).toBe(1);
    expect(dup.err).toContain('Mã "bs01" đã được dùng');
    expect(dup.out).toBe('');
    expect((await cli(db, 'units', 'add', '--name', '   ')).err).toContain(
      'Tên tổ chức không được để trống.',
    );
    expect((await cli(db, 'units', 'show', 'KHONG-CO')).err).toContain(
      'Không tìm thấy tổ chức có mã',
    );
    const usage = await cli(db, 'units', 'fly');
    expect(usage.code).toBe(2);
    expect(usage.err).toContain('Lệnh không hợp lệ');
    expect((await cli(db, 'units', 'add', '--name', 'X', '--kind', 'khong-biet')).err).toContain(
      'Loại tổ chức không hợp lệ',
    );
    expect((await cli(db, 'units', 'list', '--year', '20x7')).err).toContain('Năm không hợp lệ');
    expect(dataOf(db)).toBe(before);
  });

  it('adds a unit without --from as "có từ trước", so its 2016 rating can be set', async () => {
    const db = tempDbPath();
    const added = await cli(db, 'units', 'add', '--name', 'Đảng bộ xã Đồng Ý', '--code', 'BS01');
    expect(added.code, added.err).toBe(0);
    expect(added.out).toContain('Hoạt động: có từ trước');
    expect(added.out).toContain('(chưa có sự kiện nào)');
    const rated = await cli(
      db,
      'ratings',
      'set',
      '--unit',
      'BS01',
      '--year',
      '2016',
      '--level',
      'yếu kém',
      '--json',
    );
    expect(rated.code, rated.err).toBe(0);
    expect(JSON.parse(rated.out)).toMatchObject({ year: 2016, levelCode: 'YK' });
    const shown = await cli(db, 'units', 'show', 'BS01', '--year', '2016', '--json');
    expect((JSON.parse(shown.out) as UnitDetail).foundedYear).toBeNull();
  });

  it('asks for --allow-duplicate-name before a second unit of the same name', async () => {
    const db = tempDbPath();
    await cli(db, 'units', 'add', '--name', 'Đảng bộ xã Hòa Sơn');
    const before = dataOf(db);
    const again = await cli(db, 'units', 'add', '--name', 'Đảng bộ xã Hoà Sơn');
    expect(again.code).toBe(1);
    expect(again.err).toContain('Đã có tổ chức "Đảng bộ xã Hòa Sơn"');
    expect(again.err).toContain('thêm --allow-duplicate-name để xác nhận');
    expect(dataOf(db)).toBe(before);
    const confirmed = await cli(
      db,
      'units',
      'add',
      '--name',
      'Đảng bộ xã Hoà Sơn',
      '--allow-duplicate-name',
    );
    expect(confirmed.code, confirmed.err).toBe(0);
  });

  it('refuses a file that is not a database without touching it', async () => {
    const file = join(tempDbPath('notes.txt'));
    writeFileSync(file, 'Biên bản họp chi bộ — không phải cơ sở dữ liệu\n'.repeat(20));
    const before = readFileSync(file);
    const result = await cli(file, 'units', 'list');
    expect(result.code).toBe(1);
    expect(result.err).toContain('không phải là tệp dữ liệu của ứng dụng');
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('works as `npm run tccsd` in a separate process', async () => {
    const db = tempDbPath();
    const run = (...args: string[]) =>
      spawnSync('npm', ['run', '-s', 'tccsd', '--', '--db', db, ...args], { encoding: 'utf8' });
    // No --from: the founding year is not known, so the 2016 rating can be entered at once.
    const added = run('units', 'add', '--name', 'Đảng bộ xã Đồng Ý', '--json');
    expect(added.status, added.stderr).toBe(0);
    const unitId = (JSON.parse(added.stdout) as UnitDetail).id;
    const rated = run('ratings', 'set', '--unit', unitId, '--year', '2016', '--level', 'yếu kém');
    expect(rated.status, rated.stderr).toBe(0);
    const listed = run('units', 'list', '--search', 'dong y', '--json');
    expect((JSON.parse(listed.stdout) as UnitRow[])[0]?.name).toBe('Đảng bộ xã Đồng Ý');
    const failed = run('units', 'add', '--name', '');
    expect(failed.status).toBe(1);
    expect(failed.stderr).toContain('Tên tổ chức không được để trống.');
    expect(
      execFileSync('node_modules/.bin/tsx', ['electron/cli.ts', '--help'], { encoding: 'utf8' }),
    ).toContain('Cách dùng');
  });
});
