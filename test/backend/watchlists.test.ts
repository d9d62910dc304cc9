// Watchlists on real temporary files: the article's 2017 figures, the baseline read from the
// ratings, names as of the list's year, nesting without cycles, audit and change events.
import { afterEach, describe, expect, test } from 'vitest';
import { fixedClock } from '../../electron/backend/context';
import type { AppEvents } from '../../shared/contract';
import { cleanupTemp, makeBackend, addUnit } from '../helpers/backend';
import { DISTRICT_PILOTS, KHOI_PILOTS, buildLangSon } from '../helpers/ratings';
import { createList, expectRefused } from '../helpers/watchlists';
import type { AuditRow } from '../helpers/audit';
import { perField } from '../helpers/audit';

afterEach(cleanupTemp);

const CLOCK = fixedClock('2018-01-20T12:00:00Z');

/** The province's list of Resolution 33-NQ/TU with its 16 units in two groups. */
function article() {
  const b = makeBackend({ clock: CLOCK });
  const ls = buildLangSon(b);
  const list = createList(b, ls.province, 2017);
  for (const unitId of ls.districtPilotIds) {
    b.call('watchlists.addMember', {
      watchlistId: list.id,
      unitId,
      group: 'Đảng bộ huyện',
      reasons: ['weak_rating'],
    });
  }
  for (const unitId of ls.khoiIds) {
    b.call('watchlists.addMember', { watchlistId: list.id, unitId, group: 'Đảng bộ Khối' });
  }
  return { b, ls, list };
}

describe('the 16 units of Resolution 33-NQ/TU', () => {
  test('reproduce the 2017 figures the province wrote, per group', () => {
    const { b, list } = article();
    const detail = b.call('watchlists.get', { id: list.id });
    expect(detail.number).toBe('33-NQ/TU');
    expect(detail.decidedOn).toBe('2017-02-17');
    expect(detail.memberCount).toBe(16);
    const [summary] = detail.summaries;
    expect(summary?.year).toBe(2017);
    const figures = summary?.groups.map((g) => ({
      group: g.group,
      total: g.total,
      levels: Object.fromEntries(g.levels.map((l) => [l.text, l.count])),
      up: g.up,
      same: g.same,
      down: g.down,
    }));
    expect(figures).toEqual([
      {
        group: 'Đảng bộ huyện',
        total: 11,
        levels: { TSVM: 2, HTTNV: 5, HTNV: 4, 'Yếu kém': 0 },
        up: 5,
        same: 6,
        down: 0,
      },
      {
        group: 'Đảng bộ Khối',
        total: 5,
        levels: { TSVM: 1, HTTNV: 3, HTNV: 1, 'Yếu kém': 0 },
        up: 1,
        same: 4,
        down: 0,
      },
    ]);
    expect(detail.improved).toBe(6);
  });

  test('Đồng Ý goes from yếu kém to TSVM; Hòa Sơn keeps HTTNV, leaves the bottom, changes clearly', () => {
    const { b, list } = article();
    const members = b.call('watchlists.get', { id: list.id }).members;
    const dongY = members.find((m) => m.unitName === 'Đảng bộ xã Đồng Ý');
    expect(dongY?.baseline?.text).toBe('Yếu kém');
    expect(dongY?.current.rating?.text).toBe('TSVM');
    expect(dongY?.current.vsBaseline.trend).toBe('up');
    const hoaSon = members.find((m) => m.unitName === 'Đảng bộ xã Hòa Sơn');
    expect(hoaSon?.baseline).toMatchObject({ text: 'HTTNV', rank: 'bottom' });
    expect(hoaSon?.current).toMatchObject({ change: 'clear', rank: null });
    expect(hoaSon?.current.vsBaseline.trend).toBe('same');
  });

  test('members are numbered in "Biểu 01" order: by group, then as added', () => {
    const { b, list } = article();
    const members = b.call('watchlists.get', { id: list.id }).members;
    expect(members.map((m) => m.position)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
    expect(members.map((m) => m.unitName)).toEqual([
      ...DISTRICT_PILOTS.map((p) => p.name),
      ...KHOI_PILOTS.map((p) => p.name),
    ]);
    expect(members[0]).toMatchObject({
      parentName: 'Đảng bộ huyện Bắc Sơn',
      kind: 'base_committee',
      sector: 'commune',
      reasons: ['weak_rating'],
      status: 'active',
    });
  });

  test('a member added later to the first group is listed with that group', () => {
    const { b, ls, list } = article();
    b.call('watchlists.addMember', {
      watchlistId: list.id,
      unitId: ls.otherInBacSon,
      group: 'Đảng bộ huyện',
    });
    const members = b.call('watchlists.get', { id: list.id }).members;
    expect(members[11]?.unitName).toBe('Đảng bộ thị trấn Bắc Sơn');
    expect(members[11]?.position).toBe(12);
  });
});

describe('baseline and results come from the ratings', () => {
  test('the baseline is the rating of the year before, and follows a correction of it', () => {
    const { b, ls, list } = article();
    const dongY = ls.units.get('Đảng bộ xã Đồng Ý') ?? '';
    b.call('ratings.set', { unitId: dongY, year: 2016, levelCode: 'HTNV' });
    const member = b.call('watchlists.get', { id: list.id }).members[0];
    expect(member?.baseline?.text).toBe('HTNV');
    expect(member?.current.vsBaseline.trend).toBe('up');
  });

  test('a member with no rating yet is counted as not rated, and its current result is the first year', () => {
    const b = makeBackend({ clock: CLOCK });
    const province = addUnit(b, 'Đảng bộ tỉnh', 2008, { kind: 'province' }).id;
    const unit = addUnit(b, 'Chi bộ Thôn Nà Hin', 2008, { parentId: province }).id;
    const list = createList(b, province, 2017);
    const member = b.call('watchlists.addMember', { watchlistId: list.id, unitId: unit });
    expect(member.baseline).toBeNull();
    expect(member.current).toMatchObject({ year: 2017, rating: null });
    expect(member.current.vsBaseline).toMatchObject({ trend: 'not_comparable', reason: 'missing' });
    const summary = b.call('watchlists.get', { id: list.id }).summaries[0];
    expect(summary?.total).toMatchObject({ total: 1, notRated: 1 });
  });

  test('setResult writes level, change and rank to the rating, and keeps the remark with the list', () => {
    const b = makeBackend({ clock: CLOCK });
    const province = addUnit(b, 'Đảng bộ tỉnh', 2008, { kind: 'province' }).id;
    const unit = addUnit(b, 'Chi bộ Thôn Nà Hin', 2008, { parentId: province }).id;
    b.call('ratings.set', { unitId: unit, year: 2016, levelCode: 'YK' });
    const list = createList(b, province, 2017);
    const member = b.call('watchlists.addMember', { watchlistId: list.id, unitId: unit });
    const after = b.call('watchlists.setResult', {
      memberId: member.id,
      year: 2017,
      levelCode: 'httnv',
      change: 'slow',
      remark: 'Sinh hoạt chi bộ đã đều hơn.',
    });
    expect(after.current).toMatchObject({
      change: 'slow',
      remark: 'Sinh hoạt chi bộ đã đều hơn.',
    });
    expect(after.current.rating?.text).toBe('HTTNV');
    expect(after.current.vsBaseline.trend).toBe('up');
    // The rating screen sees the same record: typed once.
    const history = b.call('ratings.history', { unitId: unit }).ratings;
    expect(history.find((r) => r.year === 2017)).toMatchObject({
      levelCode: 'HTTNV',
      change: 'slow',
    });
    // A later change alone keeps the level (the ratings' merge rule).
    const again = b.call('watchlists.setResult', {
      memberId: member.id,
      year: 2017,
      rank: 'bottom',
    });
    expect(again.current).toMatchObject({ change: 'slow', rank: 'bottom' });
    expect(again.current.rating?.levelCode).toBe('HTTNV');
  });

  test('a comparison across the 2017 → 2018 scale change is labelled, not counted as a drop', () => {
    const b = makeBackend({ clock: fixedClock('2019-01-20T12:00:00Z') });
    const province = addUnit(b, 'Đảng bộ tỉnh', 2008, { kind: 'province' }).id;
    const unit = addUnit(b, 'Chi bộ Thôn Nà Hin', 2008, { parentId: province }).id;
    b.call('ratings.set', { unitId: unit, year: 2017, levelCode: 'TSVM' });
    b.call('ratings.set', { unitId: unit, year: 2018, levelCode: 'HTTNV' });
    const list = createList(b, province, 2018);
    const member = b.call('watchlists.addMember', { watchlistId: list.id, unitId: unit });
    expect(member.current.vsBaseline).toMatchObject({
      trend: 'not_comparable',
      crossesScale: true,
      reason: 'scale_change',
    });
    const summary = b.call('watchlists.get', { id: list.id }).summaries[0]?.total;
    expect(summary).toMatchObject({ down: 0, notComparable: 1 });
  });

  test('a list over two years compares each year with the baseline and with the year before', () => {
    const b = makeBackend({ clock: fixedClock('2019-01-20T12:00:00Z') });
    const province = addUnit(b, 'Đảng bộ tỉnh', 2008, { kind: 'province' }).id;
    const unit = addUnit(b, 'Chi bộ Thôn Nà Hin', 2008, { parentId: province }).id;
    b.call('ratings.set', { unitId: unit, year: 2018, levelCode: 'KHTNV' });
    b.call('ratings.set', { unitId: unit, year: 2019, levelCode: 'HTNV' });
    const list = createList(b, province, 2019, { toYear: 2020 });
    const member = b.call('watchlists.addMember', { watchlistId: list.id, unitId: unit });
    expect(member.results.map((r) => r.year)).toEqual([2019, 2020]);
    expect(member.results[0]?.vsPrevious.trend).toBe('up');
    expect(member.results[1]?.rating).toBeNull();
    expect(member.current.year).toBe(2019);
  });
});

describe('units as of the list year', () => {
  test('a renamed unit shows its name of the list year; the group defaults to its parent then', () => {
    const b = makeBackend({ clock: fixedClock('2021-01-20T12:00:00Z') });
    const province = addUnit(b, 'Đảng bộ tỉnh', 2008, { kind: 'province' }).id;
    const district = addUnit(b, 'Đảng bộ huyện Bắc Sơn', 2008, {
      kind: 'upper_committee',
      parentId: province,
    }).id;
    const unit = addUnit(b, 'Đảng bộ xã Đồng Ý', 2008, {
      kind: 'base_committee',
      parentId: district,
    }).id;
    b.call('units.rename', { id: unit, year: 2020, name: 'Đảng bộ xã Đồng Ý mới' });
    const old = createList(b, province, 2017);
    const recent = createList(b, province, 2020, { number: '12-NQ/TU' });
    const a = b.call('watchlists.addMember', { watchlistId: old.id, unitId: unit });
    const c = b.call('watchlists.addMember', { watchlistId: recent.id, unitId: unit });
    expect(a.unitName).toBe('Đảng bộ xã Đồng Ý');
    expect(c.unitName).toBe('Đảng bộ xã Đồng Ý mới');
    expect(a).toMatchObject({ group: 'Đảng bộ huyện Bắc Sơn', groupIsDefault: true });
    const edited = b.call('watchlists.updateMember', { id: a.id, group: 'Đảng bộ huyện' });
    expect(edited).toMatchObject({ group: 'Đảng bộ huyện', groupIsDefault: false });
    const cleared = b.call('watchlists.updateMember', { id: a.id, group: '' });
    expect(cleared).toMatchObject({ group: 'Đảng bộ huyện Bắc Sơn', groupIsDefault: true });
    expect(b.call('watchlists.ofUnit', { unitId: unit }).map((e) => e.year)).toEqual([2017, 2020]);
  });
});

describe('nesting', () => {
  function three() {
    const b = makeBackend({ clock: CLOCK });
    const province = addUnit(b, 'Đảng bộ tỉnh', 2008, { kind: 'province' }).id;
    const city = addUnit(b, 'Đảng bộ thành phố Lạng Sơn', 2008, {
      kind: 'upper_committee',
      parentId: province,
    }).id;
    const a = createList(b, province, 2017);
    const c = b.call('watchlists.create', {
      title: 'Thành ủy chọn thêm 4 đảng bộ và 5 chi bộ',
      number: '05-NQ/TU',
      issuerId: city,
      year: 2017,
      extendsId: a.id,
    });
    const d = b.call('watchlists.create', {
      title: 'Danh sách bổ sung',
      issuerId: city,
      year: 2017,
      extendsId: c.id,
    });
    return { b, a, c, d };
  }

  test('a list names its issuer and the list it extends; the extended list knows it', () => {
    const { b, a, c } = three();
    expect(c).toMatchObject({
      issuerName: 'Đảng bộ thành phố Lạng Sơn',
      extendsId: a.id,
      extendsTitle: a.title,
    });
    expect(b.call('watchlists.get', { id: a.id }).extendedBy.map((l) => l.id)).toEqual([c.id]);
  });

  test('a list that would extend itself, directly or through a chain, is refused', () => {
    const { b, a, c, d } = three();
    expectRefused(b, 'watchlists.update', { id: a.id, extendsId: a.id }, 'CYCLE', /chính nó/);
    expectRefused(b, 'watchlists.update', { id: a.id, extendsId: d.id }, 'CYCLE', /mở rộng/);
    expectRefused(b, 'watchlists.update', { id: c.id, extendsId: d.id }, 'CYCLE', /mở rộng/);
  });

  test('a list extended by another cannot be removed until that one is', () => {
    const { b, a, c, d } = three();
    expectRefused(b, 'watchlists.remove', { id: a.id }, 'HAS_CHILDREN', /Không thể xóa/);
    b.call('watchlists.remove', { id: d.id });
    b.call('watchlists.remove', { id: c.id });
    b.call('watchlists.remove', { id: a.id });
    expect(b.call('watchlists.list', {})).toEqual([]);
  });
});

describe('every write is audited and announced', () => {
  test('adding a member writes audit rows and one data.changed for watchlists', () => {
    const events: AppEvents['data.changed'][] = [];
    const b = makeBackend({
      clock: CLOCK,
      emit: (event, payload) => {
        if (event === 'data.changed') events.push(payload as AppEvents['data.changed']);
      },
    });
    const province = addUnit(b, 'Đảng bộ tỉnh', 2008, { kind: 'province' }).id;
    const unit = addUnit(b, 'Chi bộ Thôn Nà Hin', 2008, { parentId: province }).id;
    const list = createList(b, province, 2017);
    events.length = 0;
    const member = b.call('watchlists.addMember', {
      watchlistId: list.id,
      unitId: unit,
      responsible: 'Dương Minh Phong',
    });
    expect(events).toEqual([
      { entities: ['watchlists'], ids: expect.arrayContaining([member.id]) },
    ]);
    const audit = b.ctx.db
      .prepare(
        `SELECT field, old_value, new_value, operator, at FROM audit_log
         WHERE entity = 'watchlist_member' AND entity_id = ? ORDER BY seq`,
      )
      .all(member.id) as AuditRow[];
    // One row for the new member, every value in it.
    expect(audit).toHaveLength(1);
    const fields = perField(audit);
    expect(fields.map((a) => a.field)).toEqual(
      expect.arrayContaining(['watchlist_id', 'unit_id', 'responsible', 'status']),
    );
    expect(fields.find((a) => a.field === 'responsible')?.new_value).toBe('Dương Minh Phong');
    expect(new Set(audit.map((a) => a.at))).toEqual(new Set([CLOCK.now().toISOString()]));
    b.call('watchlists.removeMember', { id: member.id });
    const tomb = b.ctx.db
      .prepare(
        `SELECT old_value, new_value FROM audit_log
         WHERE entity = 'watchlist_member' AND entity_id = ? AND old_value LIKE '%deleted_at%'`,
      )
      .get(member.id);
    expect(tomb).toEqual({
      old_value: '{"deleted_at":null}',
      new_value: JSON.stringify({ deleted_at: CLOCK.now().toISOString() }),
    });
    expect(b.call('watchlists.get', { id: list.id }).members).toEqual([]);
  });

  test('a member removed by mistake can be added again', () => {
    const b = makeBackend({ clock: CLOCK });
    const province = addUnit(b, 'Đảng bộ tỉnh', 2008, { kind: 'province' }).id;
    const unit = addUnit(b, 'Chi bộ Thôn Nà Hin', 2008, { parentId: province }).id;
    const list = createList(b, province, 2017);
    const first = b.call('watchlists.addMember', { watchlistId: list.id, unitId: unit });
    b.call('watchlists.removeMember', { id: first.id });
    const again = b.call('watchlists.addMember', { watchlistId: list.id, unitId: unit });
    expect(again.id).not.toBe(first.id);
    expect(b.call('watchlists.get', { id: list.id }).memberCount).toBe(1);
  });

  test('member status: leaving the list needs its date; back to active clears it', () => {
    const b = makeBackend({ clock: CLOCK });
    const province = addUnit(b, 'Đảng bộ tỉnh', 2008, { kind: 'province' }).id;
    const unit = addUnit(b, 'Chi bộ Thôn Nà Hin', 2008, { parentId: province }).id;
    const list = createList(b, province, 2017);
    const member = b.call('watchlists.addMember', { watchlistId: list.id, unitId: unit });
    const left = b.call('watchlists.setMemberStatus', {
      id: member.id,
      status: 'left',
      date: '15/01/2018',
      reason: 'Xếp loại HTTNV năm 2017',
    });
    expect(left).toMatchObject({ status: 'left', statusDate: '2018-01-15' });
    expect(b.call('watchlists.get', { id: list.id }).activeCount).toBe(0);
    const back = b.call('watchlists.setMemberStatus', { id: member.id, status: 'active' });
    expect(back).toMatchObject({ status: 'active', statusDate: null, statusReason: null });
  });
});
