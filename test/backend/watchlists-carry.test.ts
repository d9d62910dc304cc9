// Carry-over to next year's list, and members followed through the register's lineage
// (merged → successor with a note; dissolved → no result; commune committees from 2025).
import { afterEach, describe, expect, test } from 'vitest';
import { fixedClock } from '../../electron/backend/context';
import { addUnit, cleanupTemp, makeBackend } from '../helpers/backend';
import { buildLangSon } from '../helpers/ratings';
import { createList, expectRefused } from '../helpers/watchlists';

afterEach(cleanupTemp);

function article() {
  const b = makeBackend({ clock: fixedClock('2018-03-01T12:00:00Z') });
  const ls = buildLangSon(b);
  const list = createList(b, ls.province, 2017);
  for (const unitId of ls.districtPilotIds) {
    b.call('watchlists.addMember', {
      watchlistId: list.id,
      unitId,
      group: 'Đảng bộ huyện',
      reasons: ['weak_rating', 'poor_meetings'],
      responsible: 'Ủy viên Ban Thường vụ phụ trách',
    });
  }
  for (const unitId of ls.khoiIds) {
    b.call('watchlists.addMember', { watchlistId: list.id, unitId, group: 'Đảng bộ Khối' });
  }
  return { b, ls, list };
}

describe('Lập danh sách năm sau', () => {
  test('carries the units that did not improve or changed slowly, and marks them on the old list', () => {
    const { b, ls, list } = article();
    const members = b.call('watchlists.get', { id: list.id }).members;
    const byName = (name: string) => members.find((m) => m.unitName === name)?.id ?? '';
    // Bắc Xa kept HTTNV but the committee judged a change: it leaves.
    b.call('watchlists.setResult', {
      memberId: byName('Đảng bộ xã Bắc Xa'),
      year: 2017,
      change: 'some',
    });
    // Tân Mỹ is no longer followed.
    b.call('watchlists.setMemberStatus', {
      id: byName('Đảng bộ xã Tân Mỹ'),
      status: 'stopped',
      date: '20/01/2018',
    });
    const result = b.call('watchlists.carryOver', { id: list.id });
    const next = result.watchlist;
    expect(next).toMatchObject({
      year: 2018,
      title: 'Củng cố tổ chức cơ sở đảng yếu kém năm 2018',
      number: null,
      previousId: list.id,
      issuerId: ls.province,
    });
    expect(next.members.map((m) => m.unitName)).toEqual([
      'Đảng bộ xã Ái Quốc',
      'Đảng bộ xã Đào Viên',
      'Đảng bộ xã Tràng Sơn',
      'Chi bộ Sở Khoa học và Công nghệ',
      'Chi bộ Thanh tra tỉnh',
      'Chi bộ Liên minh Hợp tác xã',
      'Chi bộ Ban Dân tộc',
    ]);
    expect(result.carried.every((c) => c.reason === 'not_improved')).toBe(true);
    expect(next.members[0]).toMatchObject({
      group: 'Đảng bộ huyện',
      reasons: ['slow_change', 'weak_rating', 'poor_meetings'],
      responsible: 'Ủy viên Ban Thường vụ phụ trách',
      status: 'active',
    });
    // The new list's baseline is the 2017 rating, read from the ratings.
    expect(next.members[0]?.baseline?.text).toBe('HTTNV');
    expect(next.members[0]?.carriedFromId).toBe(byName('Đảng bộ xã Ái Quốc'));
    const notCarried = Object.fromEntries(result.notCarried.map((n) => [n.unitName, n.why]));
    expect(notCarried).toMatchObject({
      'Đảng bộ xã Đồng Ý': 'Mức xếp loại được nâng lên',
      'Đảng bộ xã Hòa Sơn': 'Chuyển biến tích cực, rõ nét',
      'Đảng bộ xã Bắc Xa': 'Có chuyển biến',
      'Đảng bộ xã Tân Mỹ': 'Ngừng theo dõi',
    });
    const old = b.call('watchlists.get', { id: list.id });
    expect(old.continuedBy).toEqual([{ id: next.id, title: next.title, year: 2018 }]);
    const aiQuoc = old.members.find((m) => m.unitName === 'Đảng bộ xã Ái Quốc');
    expect(aiQuoc).toMatchObject({
      status: 'carried_over',
      statusDate: '2018-03-01',
      statusReason: 'Mức xếp loại không được nâng lên',
    });
    expect(old.members.find((m) => m.unitName === 'Đảng bộ xã Đồng Ý')?.status).toBe('active');
  });

  test('"chuyển biến chậm" is carried even when the level moved up; units are then added', () => {
    const { b, ls, list } = article();
    const dongY = b.call('watchlists.get', { id: list.id }).members[0];
    b.call('watchlists.setResult', { memberId: dongY?.id ?? '', year: 2017, change: 'slow' });
    const result = b.call('watchlists.carryOver', {
      id: list.id,
      title: 'Danh sách TCCSĐ củng cố năm 2018',
      number: '05-NQ/TU',
      decidedOn: '05/02/2018',
    });
    expect(result.carried.find((c) => c.unitName === 'Đảng bộ xã Đồng Ý')?.reason).toBe(
      'slow_change',
    );
    expect(result.watchlist).toMatchObject({ number: '05-NQ/TU', decidedOn: '2018-02-05' });
    const added = b.call('watchlists.addMember', {
      watchlistId: result.watchlist.id,
      unitId: ls.otherInBacSon,
    });
    expect(added.position).toBe(result.carried.length + 1);
    const old = b.call('watchlists.get', { id: list.id });
    expect(old.members.find((m) => m.unitName === 'Đảng bộ xã Đồng Ý')?.statusDate).toBe(
      '2018-02-05',
    );
  });

  test('a second carry-over of the same list to the same year is refused', () => {
    const { b, list } = article();
    b.call('watchlists.carryOver', { id: list.id });
    expectRefused(
      b,
      'watchlists.carryOver',
      { id: list.id },
      'INVALID_INPUT',
      /Đã có danh sách năm 2018 tiếp nối danh sách này/,
    );
    expectRefused(
      b,
      'watchlists.carryOver',
      { id: list.id, year: 2017 },
      'INVALID_INPUT',
      /phải từ năm 2018 trở đi/,
    );
  });
});

describe('lineage', () => {
  function merged() {
    const b = makeBackend({ clock: fixedClock('2019-03-01T12:00:00Z') });
    const province = addUnit(b, 'Đảng bộ tỉnh Lạng Sơn', 2008, { kind: 'province' }).id;
    const district = addUnit(b, 'Đảng bộ huyện Cao Lộc', 2008, {
      kind: 'upper_committee',
      parentId: province,
    }).id;
    const source = addUnit(b, 'Đảng bộ xã Song Giáp', 2008, {
      kind: 'base_committee',
      parentId: district,
    }).id;
    const target = addUnit(b, 'Đảng bộ xã Xuất Lễ', 2008, {
      kind: 'base_committee',
      parentId: district,
    }).id;
    b.call('ratings.set', { unitId: source, year: 2016, levelCode: 'YK' });
    b.call('ratings.set', { unitId: source, year: 2017, levelCode: 'HTNV' });
    b.call('ratings.set', { unitId: target, year: 2018, levelCode: 'HTTNV' });
    b.call('units.merge', { sourceIds: [source], targetId: target, year: 2017 });
    return { b, province, district, source, target };
  }

  test('a member merged into another unit is followed to its successor, with a visible note', () => {
    const { b, province, source, target } = merged();
    const list = createList(b, province, 2017, { toYear: 2018 });
    const member = b.call('watchlists.addMember', { watchlistId: list.id, unitId: source });
    expect(member.lineage).toMatchObject({
      type: 'merged_into',
      year: 2017,
      successorId: target,
      successorName: 'Đảng bộ xã Xuất Lễ',
    });
    expect(member.lineage?.note).toBe(
      '"Đảng bộ xã Song Giáp" đã sáp nhập vào "Đảng bộ xã Xuất Lễ" năm 2017; ' +
        'từ năm 2018 theo dõi kết quả của "Đảng bộ xã Xuất Lễ".',
    );
    expect(member.results.map((r) => [r.year, r.unitName, r.followed, r.rating?.text])).toEqual([
      [2017, 'Đảng bộ xã Song Giáp', false, 'HTNV'],
      [2018, 'Đảng bộ xã Xuất Lễ', true, 'HTTNV'],
    ]);
    // Listed under its own name of the list year.
    expect(member.unitName).toBe('Đảng bộ xã Song Giáp');
    // A result for 2018 is the successor's rating.
    b.call('watchlists.setResult', { memberId: member.id, year: 2018, change: 'clear' });
    const history = b.call('ratings.history', { unitId: target }).ratings;
    expect(history.find((r) => r.year === 2018)?.change).toBe('clear');
  });

  test('carry-over carries the successor of a merged unit, noting whom it follows', () => {
    const { b, province, source, target } = merged();
    const list = createList(b, province, 2017);
    b.call('watchlists.addMember', { watchlistId: list.id, unitId: source });
    b.call('watchlists.setResult', {
      memberId: b.call('watchlists.get', { id: list.id }).members[0]?.id ?? '',
      year: 2017,
      change: 'slow',
    });
    const result = b.call('watchlists.carryOver', { id: list.id });
    expect(result.carried).toEqual([
      expect.objectContaining({
        unitId: target,
        unitName: 'Đảng bộ xã Xuất Lễ',
        followedFromUnitId: source,
        reason: 'slow_change',
      }),
    ]);
    expect(result.watchlist.members[0]?.note).toMatch(/sáp nhập vào "Đảng bộ xã Xuất Lễ"/);
  });

  test('a dissolved member has no result after its last year, and cannot be given one', () => {
    const b = makeBackend({ clock: fixedClock('2019-03-01T12:00:00Z') });
    const province = addUnit(b, 'Đảng bộ tỉnh Lạng Sơn', 2008, { kind: 'province' }).id;
    const unit = addUnit(b, 'Chi bộ Thôn Nà Hin', 2008, { parentId: province }).id;
    const list = createList(b, province, 2017, { toYear: 2019 });
    const member = b.call('watchlists.addMember', { watchlistId: list.id, unitId: unit });
    b.call('units.dissolve', { id: unit, year: 2018 });
    const after = b.call('watchlists.get', { id: list.id }).members[0];
    expect(after?.lineage).toMatchObject({ type: 'dissolved', year: 2018, successorId: null });
    expect(after?.results[2]).toMatchObject({ year: 2019, rating: null, followed: false });
    expectRefused(
      b,
      'watchlists.setResult',
      { memberId: member.id, year: 2019, levelCode: 'HTNV' },
      'UNIT_NOT_IN_YEAR',
      /đã giải thể năm 2018/,
    );
    const carried = b.call('watchlists.carryOver', { id: list.id, year: 2020 });
    expect(carried.carried).toEqual([]);
    expect(carried.notCarried[0]?.why).toMatch(/đã giải thể năm 2018/);
  });

  test('a commune committee that becomes a committee above the grassroots in 2025 is not compared', () => {
    const b = makeBackend({ clock: fixedClock('2025-12-20T12:00:00Z') });
    const province = addUnit(b, 'Đảng bộ tỉnh Lạng Sơn', 2008, { kind: 'province' }).id;
    const commune = addUnit(b, 'Đảng bộ xã Hòa Sơn', 2008, {
      kind: 'base_committee',
      parentId: province,
    }).id;
    b.call('ratings.set', { unitId: commune, year: 2023, levelCode: 'KHTNV' });
    b.call('ratings.set', { unitId: commune, year: 2024, levelCode: 'HTNV' });
    b.call('units.changeFrom', { id: commune, year: 2025, kind: 'upper_committee' });
    b.call('ratings.set', { unitId: commune, year: 2025, levelCode: 'HTTNV' });
    const list = createList(b, province, 2024, { toYear: 2025 });
    const member = b.call('watchlists.addMember', { watchlistId: list.id, unitId: commune });
    expect(member.results[0]?.vsBaseline.trend).toBe('up');
    expect(member.results[1]?.vsPrevious).toMatchObject({
      trend: 'not_comparable',
      crossesKindChange: true,
      reason: 'kind_change',
    });
    const next = b.call('watchlists.carryOver', { id: list.id });
    expect(next.carried).toEqual([]);
    expect(next.notCarried[0]?.why).toMatch(/đảng bộ cấp trên cơ sở/);
  });
});
