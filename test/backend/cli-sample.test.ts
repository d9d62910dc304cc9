// `tccsd sample load` through runCli on temporary files: loads into an empty file, sets it up
// for the operator of TCCSD_OPERATOR, and refuses a file that has data or a mistyped command.
import { afterEach, describe, expect, it } from 'vitest';
import type { SampleLoadResult } from '../../shared/contract';
import { cli, dataOf } from '../helpers/cli';
import { VIETNAMESE_LETTER, cleanupTemp, makeBackend, tempDbPath } from '../helpers/backend';

afterEach(cleanupTemp);

describe('tccsd sample load', () => {
  it('loads the sample into a new file and sets it up for the operator', async () => {
    const db = tempDbPath();
    const answer = await cli(db, 'sample', 'load', '--json');
    expect(answer.code, answer.err).toBe(0);
    const counts = JSON.parse(answer.out) as SampleLoadResult;
    expect(counts).toMatchObject({ watchlists: 4, members: 52 });

    const b = makeBackend({ dbPath: db, operator: null });
    expect(b.call('app.info', {})).toMatchObject({
      needsSetup: false,
      operatorName: 'Kiểm thử CLI',
      ownUnitName: 'Đảng bộ tỉnh Lạng Sơn',
    });
    expect(b.call('units.list', { year: 2017 }).rows).toHaveLength(counts.units);
    b.close();

    const lists = await cli(db, 'watchlist', 'list', '--year', '2017');
    expect(lists.out).toContain('33-NQ/TU');
  });

  it('says what it loaded, and that the data is illustrative', async () => {
    const answer = await cli(tempDbPath(), 'sample', 'load');
    expect(answer.code, answer.err).toBe(0);
    expect(answer.out).toMatch(/^Đã nạp dữ liệu mẫu \(minh họa\) của tỉnh Lạng Sơn 2016–2018 vào /);
    expect(answer.out).toMatch(/\d+ tổ chức, \d+ kết quả xếp loại,/);
    expect(answer.out).toContain('4 danh sách diện củng cố với 52 lượt tổ chức');
    expect(answer.out).toContain('là giả định');
  });

  it('refuses a file that has data, and changes nothing', async () => {
    const db = tempDbPath();
    expect((await cli(db, 'sample', 'load')).code).toBe(0);
    const before = dataOf(db);
    const again = await cli(db, 'sample', 'load');
    expect(again.code).toBe(1);
    expect(again.err).toMatch(
      /^Lỗi: Chỉ nạp được dữ liệu mẫu vào tệp dữ liệu chưa có tổ chức nào; tệp này đã có \d+ tổ chức\./,
    );
    expect(again.err).toMatch(VIETNAMESE_LETTER);
    expect(dataOf(db)).toBe(before);
  });

  it('refuses a mistyped command with the usage, and changes nothing', async () => {
    const db = tempDbPath();
    expect((await cli(db, 'units', 'add', '--name', 'Đảng bộ xã Hòa Sơn')).code).toBe(0);
    const before = dataOf(db);
    for (const args of [
      ['sample', 'nap'],
      ['sample', 'load', 'thua'],
    ]) {
      const answer = await cli(db, ...args);
      expect(answer.code).toBe(2);
      expect(answer.err).toMatch(/^Lỗi: (Lệnh không hợp lệ: sample nap|Thừa tham số: thua)/);
      expect(answer.err).toContain('sample load [--json]');
    }
    expect(dataOf(db)).toBe(before);
  });
});
