// reports.progress on real temporary files: the article's figures and sentences from a watchlist
// and from the register, each grouping, the 2017 → 2018 scale change, an empty year, a merged
// member followed, the charts' data, named cases, carry-over, and refused inputs.
import { afterEach, describe, expect, test } from 'vitest';
import { fixedClock } from '../../electron/backend/context';
import type { AppEvents, ReportGroup } from '../../shared/contract';
import type { TestBackend } from '../helpers/backend';
import { addUnit, cleanupTemp, makeBackend } from '../helpers/backend';
import { DISTRICT_PILOTS, KHOI_PILOTS, buildLangSon } from '../helpers/ratings';
import type { LangSon } from '../helpers/ratings';
import { createList, expectRefused } from '../helpers/watchlists';

afterEach(cleanupTemp);

const CLOCK = fixedClock('2019-03-01T12:00:00Z');
const DISTRICT_GROUP = 'các đảng bộ huyện';
const KHOI_GROUP = 'Đảng bộ Khối các cơ quan tỉnh';

/** Resolution 33-NQ/TU: 11 district pilot units and 5 Khối units, rated 2016 and 2017. */
function article(b: TestBackend = makeBackend({ clock: CLOCK })) {
  const ls = buildLangSon(b);
  const list = createList(b, ls.province, 2017);
  for (const unitId of ls.districtPilotIds) {
    b.call('watchlists.addMember', { watchlistId: list.id, unitId, group: DISTRICT_GROUP });
  }
  for (const unitId of ls.khoiIds) {
    b.call('watchlists.addMember', { watchlistId: list.id, unitId, group: KHOI_GROUP });
  }
  return { b, ls, list };
}

function figures(g: ReportGroup) {
  return {
    name: g.name,
    total: g.total,
    rated: g.rated,
    levels: g.levels,
    up: g.up,
    same: g.same,
    down: g.down,
    notComparable: g.notComparable,
  };
}

function unitIdOf(ls: LangSon, name: string): string {
  const id = ls.units.get(name);
  if (!id) throw new Error(`no unit ${name}`);
  return id;
}

describe('the article’s figures from Resolution 33-NQ/TU', () => {
  test('groups of the list, in its order, with the province’s two sentences', () => {
    const { b, list } = article();
    const r = b.call('reports.progress', {
      year: 2017,
      scope: { type: 'watchlist', watchlistId: list.id },
    });
    expect(r).toMatchObject({
      year: 2017,
      compareYear: 2016,
      scaleId: 'hd20-2008',
      compareScaleId: 'hd20-2008',
      crossesScale: false,
      groupBy: 'watchlist_group',
      scope: {
        type: 'watchlist',
        id: list.id,
        title: 'Nghị quyết 33-NQ/TU: củng cố tổ chức cơ sở đảng yếu kém năm 2017',
      },
      watchlist: {
        id: list.id,
        number: '33-NQ/TU',
        decidedOn: '2017-02-17',
        issuerName: 'Đảng bộ tỉnh Lạng Sơn',
        year: 2017,
      },
    });
    expect(r.groups.map(figures)).toEqual([
      {
        name: DISTRICT_GROUP,
        total: 11,
        rated: 11,
        levels: { TSVM: 2, HTTNV: 5, HTNV: 4, YK: 0 },
        up: 5,
        same: 6,
        down: 0,
        notComparable: 0,
      },
      {
        name: KHOI_GROUP,
        total: 5,
        rated: 5,
        levels: { TSVM: 1, HTTNV: 3, HTNV: 1, YK: 0 },
        up: 1,
        same: 4,
        down: 0,
        notComparable: 0,
      },
    ]);
    expect(r.groups.map((g) => g.description)).toEqual([
      'TCCSĐ chỉ đạo điểm thuộc các đảng bộ huyện',
      'TCCSĐ chỉ đạo điểm thuộc Đảng bộ Khối các cơ quan tỉnh',
    ]);
    expect(r.groups[0]?.summary).toBe(
      'Kết quả xếp loại năm 2017 của 11 TCCSĐ chỉ đạo điểm thuộc các đảng bộ huyện: ' +
        '2 TCCSĐ đạt TSVM; 5 HTTNV; 4 HTNV; trong đó 5 TCCSĐ mức xếp loại được nâng lên, ' +
        '6 giữ nguyên so với năm 2016.',
    );
    expect(figures(r.totals)).toEqual({
      name: 'Tổng số',
      total: 16,
      rated: 16,
      levels: { TSVM: 3, HTTNV: 8, HTNV: 5, YK: 0 },
      up: 6,
      same: 10,
      down: 0,
      notComparable: 0,
    });
    expect(r.totals.description).toBe('TCCSĐ thuộc diện củng cố theo Nghị quyết 33-NQ/TU');
    expect(r.totals.goodOrBetter).toBe(11);
    // The totals' sentence first, then each group's.
    expect(r.summary.split('\n')).toEqual([
      r.totals.summary,
      r.groups[0]?.summary,
      r.groups[1]?.summary,
    ]);
    expect(r.totals.summary).toMatch(
      /^Kết quả xếp loại năm 2017 của 16 TCCSĐ thuộc diện củng cố theo Nghị quyết 33-NQ\/TU: 3 TCCSĐ đạt TSVM; 8 HTTNV; 5 HTNV;/,
    );
  });

  test('the Khối group in the fractions style', () => {
    const { b, list } = article();
    const r = b.call('reports.progress', {
      year: 2017,
      scope: { type: 'watchlist', watchlistId: list.id },
      summaryStyle: 'fractions',
    });
    expect(r.groups[1]?.summary).toBe(
      'Kết quả xếp loại năm 2017 của 5 TCCSĐ chỉ đạo điểm thuộc Đảng bộ Khối các cơ quan tỉnh: ' +
        '1/5 đạt TSVM; 3/5 đạt HTTNV; 1/5 đạt HTNV; trong đó 1/5 TCCSĐ mức xếp loại được ' +
        'nâng lên, 4/5 giữ nguyên so với năm 2016.',
    );
  });

  test('each unit with the rating compared, the rating of year N and the change', () => {
    const { b, list } = article();
    const r = b.call('reports.progress', {
      year: 2017,
      scope: { type: 'watchlist', watchlistId: list.id },
    });
    const rows = (g: ReportGroup | undefined) =>
      g?.units.map((u) => [u.name, u.from, u.to, u.change]);
    expect(rows(r.groups[0])).toEqual(
      DISTRICT_PILOTS.map((p) => [
        p.name,
        p.y2016 === 'YK' ? 'Yếu kém' : p.y2016,
        p.y2017,
        p.y2016 === p.y2017 ? 'same' : 'up',
      ]),
    );
    expect(rows(r.groups[1])?.map((row) => row[0])).toEqual(KHOI_PILOTS.map((p) => p.name));
    expect(r.groups[0]?.units[0]).toMatchObject({
      fromLevel: 'YK',
      toLevel: 'TSVM',
      exemplary: false,
      notRatedReason: null,
    });
  });

  test('transitions, distribution, trajectories and what is missing from earlier years', () => {
    const { b, list } = article();
    const r = b.call('reports.progress', {
      year: 2017,
      scope: { type: 'watchlist', watchlistId: list.id },
    });
    expect(r.transitions).toEqual([
      { from: 'HTTNV', to: 'TSVM', count: 2 },
      { from: 'HTTNV', to: 'HTTNV', count: 6 },
      { from: 'HTNV', to: 'HTTNV', count: 2 },
      { from: 'HTNV', to: 'HTNV', count: 4 },
      { from: 'YK', to: 'TSVM', count: 1 },
      { from: 'YK', to: 'HTNV', count: 1 },
    ]);
    // The default start (year − 4) skips the years where nothing of the scope was recorded.
    expect(r.distribution.map((d) => [d.year, d.total, d.missing, d.levels])).toEqual([
      [2016, 16, 0, { TSVM: 0, HTTNV: 8, HTNV: 6, YK: 2 }],
      [2017, 16, 0, { TSVM: 3, HTTNV: 8, HTNV: 5, YK: 0 }],
    ]);
    expect(r.scaleBreaks).toEqual([]);
    expect(r.notes).toEqual([]);
    // A start the user chose is kept, and its empty years are said plainly.
    const chosen = b.call('reports.progress', {
      year: 2017,
      fromYear: 2014,
      scope: { type: 'watchlist', watchlistId: list.id },
    });
    expect(chosen.distribution.map((d) => [d.year, d.missing])).toEqual([
      [2014, 16],
      [2015, 16],
      [2016, 0],
      [2017, 0],
    ]);
    expect(chosen.notes).toEqual([
      'Năm 2014 chưa có kết quả xếp loại của 16 tổ chức.',
      'Năm 2015 chưa có kết quả xếp loại của 16 tổ chức.',
    ]);
    expect(r.trajectories).toHaveLength(16);
    expect(r.trajectories[0]).toEqual({
      unitId: r.groups[0]?.units[0]?.id,
      name: 'Đảng bộ xã Đồng Ý',
      groupKey: r.groups[0]?.key,
      points: [
        { year: 2016, scaleId: 'hd20-2008', levelCode: 'YK', tier: 4, text: 'Yếu kém' },
        { year: 2017, scaleId: 'hd20-2008', levelCode: 'TSVM', tier: 1, text: 'TSVM' },
      ],
    });
  });

  test('named cases only when asked: two tiers up, out of the lowest level, a clear change', () => {
    const { b, list } = article();
    const scope = { type: 'watchlist' as const, watchlistId: list.id };
    expect(b.call('reports.progress', { year: 2017, scope }).namedCases).toEqual([]);
    const r = b.call('reports.progress', { year: 2017, scope, namedCases: true });
    expect(r.namedCases.map((c) => c.text)).toEqual([
      'Đảng bộ xã Đồng Ý từ yếu kém lên TSVM',
      'Đảng bộ xã Hòa Sơn giữ nguyên HTTNV, ra khỏi tốp cuối, có chuyển biến tích cực, rõ nét',
      'Đảng bộ xã Vân An từ yếu kém lên HTNV',
    ]);
    // Cục Thống kê moved up one tier, with no change recorded: not named.
    expect(r.summary.split('\n').at(-1)).toBe(
      'Điển hình như Đảng bộ xã Đồng Ý từ yếu kém lên TSVM; Đảng bộ xã Hòa Sơn giữ nguyên ' +
        'HTTNV, ra khỏi tốp cuối, có chuyển biến tích cực, rõ nét; Đảng bộ xã Vân An từ yếu ' +
        'kém lên HTNV.',
    );
    // Told once, after the groups' figures, never inside a group's sentence.
    expect(r.groups.some((g) => g.summary.includes('Điển hình'))).toBe(false);
  });

  test('carry-over names the members whose change was slow, with why', () => {
    const { b, ls, list } = article();
    // A recorded slow change keeps a unit that moved up; a clear one lets Hòa Sơn go.
    b.call('ratings.set', {
      unitId: unitIdOf(ls, 'Đảng bộ xã Tân Văn'),
      year: 2017,
      levelCode: 'HTTNV',
      change: 'slow',
    });
    const r = b.call('reports.progress', {
      year: 2017,
      scope: { type: 'watchlist', watchlistId: list.id },
    });
    expect(r.carryOver.map((c) => [c.name, c.why])).toEqual([
      ['Đảng bộ xã Tân Văn', 'Chuyển biến chậm năm 2017'],
      ['Đảng bộ xã Bắc Xa', 'Giữ nguyên mức HTTNV so với năm 2016'],
      ['Đảng bộ xã Ái Quốc', 'Giữ nguyên mức HTTNV so với năm 2016'],
      ['Đảng bộ xã Đào Viên', 'Giữ nguyên mức HTNV so với năm 2016'],
      ['Đảng bộ xã Tân Mỹ', 'Giữ nguyên mức HTNV so với năm 2016'],
      ['Đảng bộ xã Tràng Sơn', 'Giữ nguyên mức HTNV so với năm 2016'],
      ['Chi bộ Sở Khoa học và Công nghệ', 'Giữ nguyên mức HTTNV so với năm 2016'],
      ['Chi bộ Thanh tra tỉnh', 'Giữ nguyên mức HTTNV so với năm 2016'],
      ['Chi bộ Liên minh Hợp tác xã', 'Giữ nguyên mức HTTNV so với năm 2016'],
      ['Chi bộ Ban Dân tộc', 'Giữ nguyên mức HTNV so với năm 2016'],
    ]);
  });

  test('a member gone down, still weak or without a result is carried, one that left is not', () => {
    const { b, ls, list } = article();
    b.call('ratings.set', {
      unitId: unitIdOf(ls, 'Đảng bộ xã Bắc Xa'),
      year: 2017,
      levelCode: 'HTNV',
    });
    b.call('ratings.set', {
      unitId: unitIdOf(ls, 'Đảng bộ xã Vân An'),
      year: 2017,
      levelCode: 'YK',
    });
    b.call('ratings.remove', { unitId: unitIdOf(ls, 'Đảng bộ xã Ái Quốc'), year: 2017 });
    const member = b
      .call('watchlists.get', { id: list.id })
      .members.find((m) => m.unitName === 'Đảng bộ xã Tràng Sơn');
    b.call('watchlists.setMemberStatus', {
      id: member?.id ?? '',
      status: 'left',
      date: '15/12/2017',
    });
    const r = b.call('reports.progress', {
      year: 2017,
      scope: { type: 'watchlist', watchlistId: list.id },
    });
    const why = new Map(r.carryOver.map((c) => [c.name, c.why]));
    expect(why.get('Đảng bộ xã Bắc Xa')).toBe('Giảm từ HTTNV xuống HTNV so với năm 2016');
    expect(why.get('Đảng bộ xã Vân An')).toBe('Vẫn xếp loại yếu kém năm 2017');
    expect(why.get('Đảng bộ xã Ái Quốc')).toBe('Chưa có kết quả xếp loại năm 2017');
    expect(why.has('Đảng bộ xã Tràng Sơn')).toBe(false);
    expect(r.groups[0]).toMatchObject({ total: 11, rated: 10, missing: 1, down: 1 });
    expect(r.groups[0]?.summary).toContain('1 giảm');
    expect(r.groups[0]?.summary).toContain('1 TCCSĐ chưa có kết quả xếp loại năm 2017.');
    expect(r.notes).toContain('Năm 2017 chưa có kết quả xếp loại của 1 tổ chức.');
  });
});

describe('other groupings', () => {
  test('a committee’s subtree by parent: the unit’s committee as of year N', () => {
    const { b, ls } = article();
    const bacSon = ls.districts.get('Đảng bộ huyện Bắc Sơn') ?? '';
    const r = b.call('reports.progress', {
      year: 2017,
      scope: { type: 'register', unitId: bacSon },
    });
    expect(r.groupBy).toBe('parent');
    expect(r.scope).toEqual({ type: 'register', id: bacSon, title: 'Đảng bộ huyện Bắc Sơn' });
    expect(r.watchlist).toBeNull();
    expect(r.groups.map((g) => [g.name, g.description, g.total])).toEqual([
      ['Đảng bộ huyện Bắc Sơn', 'TCCSĐ trực thuộc Đảng bộ huyện Bắc Sơn', 2],
    ]);
    expect(r.totals.description).toBe('TCCSĐ trực thuộc Đảng bộ huyện Bắc Sơn');
    // One group: the overall summary is its sentence, not the same figures twice.
    expect(r.summary).toBe(r.groups[0]?.summary);
    expect(r.groups[0]?.units.map((u) => [u.name, u.from, u.to, u.change])).toEqual([
      ['Đảng bộ thị trấn Bắc Sơn', 'TSVM', 'HTNV', 'down'],
      ['Đảng bộ xã Đồng Ý', 'Yếu kém', 'TSVM', 'up'],
    ]);
  });

  test('the whole register by parent: committees by Vietnamese name', () => {
    const { b } = article();
    const r = b.call('reports.progress', { year: 2017, scope: { type: 'register', unitId: null } });
    expect(r.scope.title).toBe('Toàn đảng bộ');
    expect(r.totals.description).toBe('TCCSĐ toàn đảng bộ');
    expect(r.totals.total).toBe(17);
    const names = r.groups.map((g) => g.name);
    expect(names).toEqual([...names].sort((x, y) => new Intl.Collator('vi').compare(x, y)));
    expect(names.indexOf('Đảng bộ huyện Đình Lập')).toBeGreaterThan(
      names.indexOf('Đảng bộ huyện Chi Lăng'),
    );
    expect(r.groups.find((g) => g.name === 'Đảng bộ huyện Bắc Sơn')?.total).toBe(2);
  });

  test('the register by selecting committee: units on no list in their own group, last', () => {
    const { b, ls, list } = article();
    const chiLang = ls.districts.get('Đảng bộ huyện Chi Lăng') ?? '';
    const extra = addUnit(b, 'Chi bộ Trường Thử Nghiệm', 2008, { parentId: chiLang }).id;
    b.call('ratings.set', { unitId: extra, year: 2016, levelCode: 'YK' });
    b.call('ratings.set', { unitId: extra, year: 2017, levelCode: 'YK' });
    const lower = createList(b, chiLang, 2017, {
      title: 'Chỉ đạo điểm của Huyện ủy Chi Lăng năm 2017',
      number: '12-QĐ/HU',
      extendsId: list.id,
    });
    b.call('watchlists.addMember', { watchlistId: lower.id, unitId: extra });
    // On both lists: the province's list selected it.
    b.call('watchlists.addMember', {
      watchlistId: lower.id,
      unitId: unitIdOf(ls, 'Đảng bộ xã Vân An'),
    });
    const r = b.call('reports.progress', {
      year: 2017,
      scope: { type: 'register', unitId: null },
      groupBy: 'selector',
    });
    expect(r.groups.map((g) => [g.name, g.description, g.total])).toEqual([
      ['Đảng bộ huyện Chi Lăng', 'TCCSĐ thuộc diện củng cố do Đảng bộ huyện Chi Lăng lựa chọn', 1],
      ['Đảng bộ tỉnh Lạng Sơn', 'TCCSĐ thuộc diện củng cố do Đảng bộ tỉnh Lạng Sơn lựa chọn', 16],
      ['Không thuộc diện củng cố', 'TCCSĐ không thuộc diện củng cố', 1],
    ]);
    // Watched units of the subtree are drawn one by one; the unit on no list is not.
    expect(r.trajectories).toHaveLength(17);
    expect(r.trajectories.some((t) => t.name === 'Đảng bộ thị trấn Bắc Sơn')).toBe(false);
    // Still weak, on the district's list: carried, as is every watched unit whose change was slow.
    expect(r.carryOver).toContainEqual({
      unitId: extra,
      name: 'Chi bộ Trường Thử Nghiệm',
      why: 'Vẫn xếp loại yếu kém năm 2017',
    });
    expect(r.carryOver.some((c) => c.name === 'Đảng bộ thị trấn Bắc Sơn')).toBe(false);
    // The members' recorded change is read in a register scope too: Hòa Sơn is named (the
    // cases in the groups' order: Bắc Sơn, Chi Lăng, Hữu Lũng).
    const named = b.call('reports.progress', {
      year: 2017,
      scope: { type: 'register', unitId: null },
      namedCases: true,
    });
    expect(named.namedCases.map((c) => c.text)).toEqual([
      'Đảng bộ xã Đồng Ý từ yếu kém lên TSVM',
      'Đảng bộ xã Vân An từ yếu kém lên HTNV',
      'Đảng bộ xã Hòa Sơn giữ nguyên HTTNV, ra khỏi tốp cuối, có chuyển biến tích cực, rõ nét',
    ]);
  });

  test('a watchlist with the lists that add to it: each unit once, the list’s issuer first', () => {
    const { b, ls, list } = article();
    const chiLang = ls.districts.get('Đảng bộ huyện Chi Lăng') ?? '';
    const extra = addUnit(b, 'Chi bộ Trường Thử Nghiệm', 2008, { parentId: chiLang }).id;
    const lower = createList(b, chiLang, 2017, {
      title: 'Chỉ đạo điểm của Huyện ủy Chi Lăng năm 2017',
      number: '12-QĐ/HU',
      extendsId: list.id,
    });
    b.call('watchlists.addMember', {
      watchlistId: lower.id,
      unitId: extra,
      group: 'Huyện ủy Chi Lăng',
    });
    b.call('watchlists.addMember', {
      watchlistId: lower.id,
      unitId: unitIdOf(ls, 'Đảng bộ xã Vân An'),
    });
    const scope = { type: 'watchlist' as const, watchlistId: list.id };
    expect(b.call('reports.progress', { year: 2017, scope }).totals.total).toBe(16);
    const all = b.call('reports.progress', {
      year: 2017,
      scope: { ...scope, withExtending: true },
    });
    expect(all.totals.total).toBe(17);
    expect(all.totals.description).toBe(
      'TCCSĐ thuộc diện củng cố theo Nghị quyết 33-NQ/TU (kể cả danh sách bổ sung của cấp ủy cấp dưới)',
    );
    expect(all.groups.map((g) => [g.name, g.total])).toEqual([
      [DISTRICT_GROUP, 11],
      [KHOI_GROUP, 5],
      ['Huyện ủy Chi Lăng', 1],
    ]);
    expect(all.groups[2]?.summary).toBe(
      'Năm 2017 chưa có kết quả xếp loại của 1 TCCSĐ chỉ đạo điểm thuộc Huyện ủy Chi Lăng.',
    );
    const bySelector = b.call('reports.progress', {
      year: 2017,
      scope: { ...scope, withExtending: true },
      groupBy: 'selector',
    });
    expect(bySelector.groups.map((g) => [g.name, g.description, g.total])).toEqual([
      ['Đảng bộ tỉnh Lạng Sơn', 'TCCSĐ chỉ đạo điểm do Đảng bộ tỉnh Lạng Sơn lựa chọn', 16],
      ['Đảng bộ huyện Chi Lăng', 'TCCSĐ chỉ đạo điểm do Đảng bộ huyện Chi Lăng lựa chọn', 1],
    ]);
  });

  test('by sector in the register’s order, and by parent for a watchlist', () => {
    const { b, list } = article();
    const bySector = b.call('reports.progress', {
      year: 2017,
      scope: { type: 'register', unitId: null },
      groupBy: 'sector',
    });
    expect(bySector.groups.map((g) => [g.name, g.description, g.total])).toEqual([
      ['Xã', 'TCCSĐ loại hình xã', 11],
      ['Thị trấn', 'TCCSĐ loại hình thị trấn', 1],
      ['Cơ quan', 'TCCSĐ loại hình cơ quan', 5],
    ]);
    const byParent = b.call('reports.progress', {
      year: 2017,
      scope: { type: 'watchlist', watchlistId: list.id },
      groupBy: 'parent',
    });
    expect(byParent.groups).toHaveLength(12);
    expect(byParent.groups.find((g) => g.name === 'Đảng bộ Khối các cơ quan tỉnh')).toMatchObject({
      description: 'TCCSĐ chỉ đạo điểm trực thuộc Đảng bộ Khối các cơ quan tỉnh',
      total: 5,
    });
  });

  test('a unit without a sector is grouped as "Chưa xác định loại hình", last', () => {
    const { b, ls } = article();
    addUnit(b, 'Chi bộ Không Rõ', 2008, { parentId: ls.khoi });
    const r = b.call('reports.progress', {
      year: 2017,
      scope: { type: 'register', unitId: ls.khoi },
      groupBy: 'sector',
    });
    expect(r.groups.map((g) => [g.name, g.description, g.total])).toEqual([
      ['Cơ quan', 'TCCSĐ loại hình cơ quan', 5],
      ['Chưa xác định loại hình', 'TCCSĐ chưa xác định loại hình', 1],
    ]);
  });
});

describe('levels, exemplary units and units not rated', () => {
  test('a register report counts "tiêu biểu", HTTNV or better, and reasons for not rating', () => {
    const { b, ls } = article();
    const bacSon = ls.districts.get('Đảng bộ huyện Bắc Sơn') ?? '';
    const created = addUnit(b, 'Chi bộ Mới Lập', 2017, { parentId: bacSon }).id;
    b.call('ratings.set', { unitId: created, year: 2017, notRatedReason: 'new' });
    b.call('ratings.set', {
      unitId: unitIdOf(ls, 'Đảng bộ xã Đồng Ý'),
      year: 2017,
      levelCode: 'TSVM',
      exemplary: true,
    });
    const r = b.call('reports.progress', {
      year: 2017,
      scope: { type: 'register', unitId: bacSon },
    });
    expect(r.totals).toMatchObject({
      total: 3,
      rated: 2,
      exemplary: 1,
      goodOrBetter: 1,
      notRated: { new: 1 },
      missing: 0,
      up: 1,
      down: 1,
    });
    const unit = r.totals.units.find((u) => u.name === 'Chi bộ Mới Lập');
    expect(unit).toMatchObject({
      to: null,
      toLevel: null,
      notRatedReason: 'new',
      change: 'not_comparable',
    });
    expect(r.totals.units.find((u) => u.name === 'Đảng bộ xã Đồng Ý')).toMatchObject({
      to: 'TSVM tiêu biểu',
      exemplary: true,
    });
    expect(r.summary).toContain('1 TCCSĐ không xếp loại (mới thành lập).');
    expect(r.distribution.at(-1)).toMatchObject({
      year: 2017,
      total: 3,
      exemplary: 1,
      notRated: 1,
    });
  });

  test('compared with no year: no trends, no transitions', () => {
    const { b, list } = article();
    const r = b.call('reports.progress', {
      year: 2017,
      compareYear: null,
      scope: { type: 'watchlist', watchlistId: list.id },
    });
    expect(r.compareYear).toBeNull();
    expect(r.compareScaleId).toBeNull();
    expect(r.transitions).toEqual([]);
    expect(r.totals).toMatchObject({ up: 0, same: 0, down: 0, notComparable: 0 });
    expect(r.totals.units.every((u) => u.change === null)).toBe(true);
    expect(r.totals.summary).not.toContain('so với năm');
  });

  test('the percentages style and a chart starting from a chosen year', () => {
    const { b, list } = article();
    const r = b.call('reports.progress', {
      year: 2017,
      fromYear: 2016,
      scope: { type: 'watchlist', watchlistId: list.id },
      summaryStyle: 'percentages',
    });
    expect(r.distribution.map((d) => d.year)).toEqual([2016, 2017]);
    expect(r.notes).toEqual([]);
    expect(r.groups[0]?.summary).toContain('2 TCCSĐ đạt TSVM (18,2%)');
  });
});

describe('the scale change of 2018', () => {
  test('2018 against 2017: the scales differ, nothing counts as a drop', () => {
    const { b, ls, list } = article();
    b.call('ratings.saveYear', {
      year: 2018,
      entries: [
        ...ls.districtPilotIds.map((unitId, i) => ({
          unitId,
          levelCode: i < 2 ? 'HTXSNV' : i < 8 ? 'HTTNV' : 'HTNV',
        })),
        ...ls.khoiIds.map((unitId) => ({ unitId, levelCode: 'HTTNV' })),
      ],
    });
    const r = b.call('reports.progress', {
      year: 2018,
      fromYear: 2016,
      scope: { type: 'watchlist', watchlistId: list.id },
    });
    expect(r).toMatchObject({
      compareYear: 2017,
      scaleId: 'qd132-2018',
      compareScaleId: 'hd20-2008',
      crossesScale: true,
    });
    expect(r.totals).toMatchObject({ rated: 16, up: 0, same: 0, down: 0, notComparable: 16 });
    expect(r.totals.levels).toEqual({ HTXSNV: 2, HTTNV: 11, HTNV: 3, KHTNV: 0 });
    expect(r.totals.units.every((u) => u.change === 'not_comparable')).toBe(true);
    expect(r.totals.summary).toContain(
      'thang xếp loại năm 2018 khác năm 2017 (HTXSNV, HTTNV, HTNV, KHTNV thay cho TSVM, HTTNV, HTNV, yếu kém) nên không so sánh mức xếp loại giữa hai năm',
    );
    expect(r.totals.summary).not.toMatch(/giảm/);
    expect(r.scaleBreaks).toEqual([2018]);
    expect(r.notes[0]).toBe(
      'Thang xếp loại năm 2018 (HTXSNV, HTTNV, HTNV, KHTNV) khác năm 2017 (TSVM, HTTNV, HTNV, ' +
        'yếu kém): mức xếp loại của hai năm không so sánh được, nên không tính nâng lên, giữ ' +
        'nguyên, giảm.',
    );
    expect(r.transitions).toContainEqual({ from: 'TSVM', to: 'HTTNV', count: 1 });
    // A level alone says nothing across the change: nobody is carried for keeping it.
    expect(r.carryOver.filter((c) => c.why.startsWith('Giữ nguyên'))).toEqual([]);
    // Named cases need a comparable step, or a recorded clear change.
    const named = b.call('reports.progress', {
      year: 2018,
      scope: { type: 'watchlist', watchlistId: list.id },
      namedCases: true,
    });
    expect(named.namedCases).toEqual([]);
  });
});

describe('the kind change of 2025', () => {
  test('a village cell that became a TCCSĐ compares not like for like; an unchanged cell does', () => {
    const b = makeBackend({ clock: fixedClock('2026-03-01T12:00:00Z') });
    const province = addUnit(b, 'Đảng bộ tỉnh Lạng Sơn', 2008, { kind: 'province' }).id;
    const commune = addUnit(b, 'Đảng bộ xã Mẫu', 2008, {
      kind: 'base_committee',
      sector: 'commune',
      parentId: province,
    }).id;
    const village = addUnit(b, 'Chi bộ thôn Mẫu', 2008, {
      kind: 'subordinate_cell',
      parentId: commune,
    }).id;
    const agency = addUnit(b, 'Chi bộ Cơ quan Mẫu', 2008, {
      sector: 'agency',
      parentId: province,
    }).id;
    b.call('units.changeFrom', { id: village, year: 2025, kind: 'base_cell' });
    b.call('units.changeFrom', { id: commune, year: 2025, kind: 'upper_committee' });
    for (const unitId of [village, agency]) {
      b.call('ratings.set', { unitId, year: 2024, levelCode: 'HTNV' });
      b.call('ratings.set', { unitId, year: 2025, levelCode: 'HTTNV' });
    }
    const r = b.call('reports.progress', { year: 2025, scope: { type: 'register', unitId: null } });
    expect(r.crossesScale).toBe(false);
    expect(r.totals.units.map((u) => [u.name, u.change])).toEqual([
      ['Chi bộ Cơ quan Mẫu', 'up'],
      ['Chi bộ thôn Mẫu', 'not_comparable'],
    ]);
    expect(r.totals).toMatchObject({ total: 2, up: 1, notComparable: 1, down: 0 });
    expect(r.scaleBreaks).toEqual([2025]);
  });
});

describe('a year without ratings', () => {
  test('an explicit empty report: zero counts, a clear note and sentence, no crash', () => {
    const { b, list } = article();
    const r = b.call('reports.progress', {
      year: 2019,
      scope: { type: 'watchlist', watchlistId: list.id },
    });
    expect(r.totals).toMatchObject({ total: 16, rated: 0, missing: 16, up: 0, same: 0, down: 0 });
    expect(r.totals.levels).toEqual({ HTXSNV: 0, HTTNV: 0, HTNV: 0, KHTNV: 0 });
    expect(r.totals.summary).toBe(
      'Năm 2019 chưa có kết quả xếp loại của 16 TCCSĐ thuộc diện củng cố theo Nghị quyết 33-NQ/TU.',
    );
    expect(r.notes).toContain(
      'Năm 2019 chưa có kết quả xếp loại của tổ chức nào trong phạm vi báo cáo (16 tổ chức).',
    );
    // Said once, not again as a year of the chart with units missing.
    expect(r.notes).not.toContain('Năm 2019 chưa có kết quả xếp loại của 16 tổ chức.');
    expect(r.notes).toContain('Năm 2018 chưa có kết quả xếp loại của 16 tổ chức.');
    expect(r.transitions).toEqual([{ from: null, to: null, count: 16 }]);
    expect(r.carryOver).toHaveLength(16);
    expect(r.carryOver[0]?.why).toBe('Chưa có kết quả xếp loại năm 2019');
  });

  test('a committee without any TCCSĐ: an empty report that says so', () => {
    const b = makeBackend({ clock: CLOCK });
    const province = addUnit(b, 'Đảng bộ tỉnh Lạng Sơn', 2008, { kind: 'province' }).id;
    const district = addUnit(b, 'Đảng bộ huyện Mẫu', 2008, {
      kind: 'upper_committee',
      parentId: province,
    }).id;
    const r = b.call('reports.progress', {
      year: 2017,
      scope: { type: 'register', unitId: district },
    });
    expect(r.groups).toEqual([]);
    expect(r.totals).toMatchObject({ total: 0, rated: 0, units: [] });
    expect(r.summary).toBe(
      'Không có tổ chức nào để tổng hợp kết quả xếp loại năm 2017 (TCCSĐ trực thuộc Đảng bộ huyện Mẫu).',
    );
    expect(r.notes).toEqual(['Không có tổ chức nào trong phạm vi báo cáo năm 2017.']);
    expect(r.trajectories).toEqual([]);
    expect(r.carryOver).toEqual([]);
  });

  test('a compared year without ratings leaves the comparison out and says why', () => {
    const { b, list } = article();
    const r = b.call('reports.progress', {
      year: 2017,
      compareYear: 2015,
      scope: { type: 'watchlist', watchlistId: list.id },
    });
    expect(r.notes).toContain('Năm 2015 chưa có kết quả xếp loại nào để so sánh.');
    expect(r.totals.notComparable).toBe(16);
    expect(r.groups[0]?.summary).toBe(
      'Kết quả xếp loại năm 2017 của 11 TCCSĐ chỉ đạo điểm thuộc các đảng bộ huyện: ' +
        '2 TCCSĐ đạt TSVM; 5 HTTNV; 4 HTNV.',
    );
  });
});

describe('a member merged into another unit', () => {
  test('is counted with the unit it went into, under its own name, with a note', () => {
    const b = makeBackend({ clock: fixedClock('2020-03-01T12:00:00Z') });
    const province = addUnit(b, 'Đảng bộ tỉnh Lạng Sơn', 2008, { kind: 'province' }).id;
    const district = addUnit(b, 'Đảng bộ huyện Cao Lộc', 2008, {
      kind: 'upper_committee',
      parentId: province,
    }).id;
    const source = addUnit(b, 'Đảng bộ xã Song Giáp', 2008, {
      kind: 'base_committee',
      sector: 'commune',
      parentId: district,
    }).id;
    const target = addUnit(b, 'Đảng bộ xã Xuất Lễ', 2008, {
      kind: 'base_committee',
      sector: 'commune',
      parentId: district,
    }).id;
    b.call('ratings.set', { unitId: source, year: 2018, levelCode: 'KHTNV' });
    b.call('ratings.set', { unitId: target, year: 2019, levelCode: 'HTTNV' });
    b.call('units.merge', { sourceIds: [source], targetId: target, year: 2018 });
    const list = createList(b, province, 2018, { number: '05-NQ/TU', toYear: 2019 });
    b.call('watchlists.addMember', { watchlistId: list.id, unitId: source, group: 'Cao Lộc' });
    const r = b.call('reports.progress', {
      year: 2019,
      scope: { type: 'watchlist', watchlistId: list.id },
      namedCases: true,
    });
    expect(r.totals.units).toEqual([
      {
        id: source,
        code: null,
        name: 'Đảng bộ xã Song Giáp',
        from: 'KHTNV',
        to: 'HTTNV',
        fromLevel: 'KHTNV',
        toLevel: 'HTTNV',
        exemplary: false,
        notRatedReason: null,
        change: 'up',
      },
    ]);
    expect(r.notes).toContain(
      '"Đảng bộ xã Song Giáp" đã sáp nhập vào "Đảng bộ xã Xuất Lễ" năm 2018; ' +
        'từ năm 2019 theo dõi kết quả của "Đảng bộ xã Xuất Lễ".',
    );
    expect(r.namedCases.map((c) => c.text)).toEqual(['Đảng bộ xã Song Giáp từ KHTNV lên HTTNV']);
    expect(r.trajectories[0]?.points.map((p) => [p.year, p.text])).toEqual([
      [2018, 'KHTNV'],
      [2019, 'HTTNV'],
    ]);
  });
});

describe('trajectories of a large register', () => {
  test('are capped at 200 units, and the notes say so', () => {
    const b = makeBackend({ clock: CLOCK });
    const province = addUnit(b, 'Đảng bộ tỉnh Lạng Sơn', 2008, { kind: 'province' }).id;
    const list = createList(b, province, 2017);
    for (let i = 1; i <= 201; i++) {
      const unitId = addUnit(b, `Chi bộ số ${i}`, 2008, { parentId: province }).id;
      b.call('watchlists.addMember', { watchlistId: list.id, unitId });
    }
    const r = b.call('reports.progress', { year: 2017, scope: { type: 'register', unitId: null } });
    expect(r.totals.total).toBe(201);
    expect(r.trajectories).toHaveLength(200);
    expect(r.notes).toContain(
      'Biểu đồ từng tổ chức chỉ vẽ 200 trong số 201 tổ chức thuộc diện củng cố.',
    );
  });
});

describe('progress of the build', () => {
  test('is reported as events up to the last year of the chart', () => {
    const events: AppEvents['progress'][] = [];
    const b = makeBackend({
      clock: CLOCK,
      emit: (event, payload) => {
        if (event === 'progress') events.push(payload as AppEvents['progress']);
      },
    });
    const { list } = article(b);
    events.length = 0;
    b.call('reports.progress', { year: 2017, scope: { type: 'watchlist', watchlistId: list.id } });
    expect(events.at(-1)).toEqual({ job: 'report', phase: 'distribution', done: 5, total: 5 });
    expect(events[0]).toMatchObject({ job: 'report', phase: 'figures', done: 0 });
  });
});

describe('refused inputs', () => {
  test('a compared year after the report’s year', () => {
    const { b, list } = article();
    expectRefused(
      b,
      'reports.progress',
      { year: 2017, compareYear: 2018, scope: { type: 'watchlist', watchlistId: list.id } },
      'INVALID_INPUT',
      /^Năm so sánh \(2018\) phải trước năm báo cáo \(2017\)\.$/,
    );
    expectRefused(
      b,
      'reports.progress',
      { year: 2017, compareYear: 2017, scope: { type: 'watchlist', watchlistId: list.id } },
      'INVALID_INPUT',
      /phải trước năm báo cáo/,
    );
  });

  test('a chart starting after the report’s year', () => {
    const { b, list } = article();
    expectRefused(
      b,
      'reports.progress',
      { year: 2017, fromYear: 2018, scope: { type: 'watchlist', watchlistId: list.id } },
      'INVALID_INPUT',
      /^Năm bắt đầu của biểu đồ \(2018\) không được sau năm báo cáo \(2017\)\.$/,
    );
  });

  test('grouping a committee’s units by the groups of a list', () => {
    const { b } = article();
    expectRefused(
      b,
      'reports.progress',
      { year: 2017, scope: { type: 'register', unitId: null }, groupBy: 'watchlist_group' },
      'INVALID_INPUT',
      /Chỉ nhóm theo "Nhóm trong danh sách" khi báo cáo một danh sách diện củng cố/,
    );
  });

  test('an unknown committee or list', () => {
    const { b } = article();
    expectRefused(
      b,
      'reports.progress',
      { year: 2017, scope: { type: 'register', unitId: '00000000-0000-4000-8000-000000000000' } },
      'NOT_FOUND',
      /Không tìm thấy tổ chức đảng này/,
    );
    expectRefused(
      b,
      'reports.progress',
      {
        year: 2017,
        scope: { type: 'watchlist', watchlistId: '00000000-0000-4000-8000-000000000000' },
      },
      'NOT_FOUND',
      /Không tìm thấy danh sách diện củng cố này/,
    );
  });

  test('a year without a rating scale, a year out of range, no scope', () => {
    const { b } = article();
    expectRefused(
      b,
      'reports.progress',
      { year: 2005, scope: { type: 'register', unitId: null } },
      'NO_SCALE',
      /Chưa có thang xếp loại cho năm 2005/,
    );
    expectRefused(
      b,
      'reports.progress',
      { year: 2031, scope: { type: 'register', unitId: null } },
      'INVALID_INPUT',
      /^Năm phải từ 1930 đến 2020\.$/,
    );
    expectRefused(
      b,
      'reports.progress',
      { year: 2017 },
      'INVALID_INPUT',
      /Hãy chọn phạm vi báo cáo/,
    );
  });
});
