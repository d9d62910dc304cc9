// The Lạng Sơn 2016–2018 sample (issue 8 item 6) loaded into real temporary files: the counts,
// the article's figures per group, the named cases, the lower committees' lists, the 2018 list
// made by the app's own carry-over, names invented wherever the article names nothing, and the
// refusals (a file with data, a bad operator name, a broken or inconsistent sample file).
import { afterEach, describe, expect, test } from 'vitest';
import type { AppEvents, WatchlistDetail } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { fixedClock } from '../../electron/backend/context';
import { BUNDLED_SAMPLE } from '../../electron/backend/sample/data';
import { SAMPLE_JOB, SAMPLE_OPERATOR, loadSampleFile } from '../../electron/backend/sample/load';
import type { SampleFile } from '../../electron/backend/sample/schema';
import type { TestBackend } from '../helpers/backend';
import { VIETNAMESE_LETTER, cleanupTemp, makeBackend } from '../helpers/backend';
import { expectRefused } from '../helpers/watchlists';

afterEach(cleanupTemp);

/** After the 2018 decisions, before the 2018 measures' later due dates. */
const CLOCK = fixedClock('2018-06-15T03:00:00Z');

function loaded(setup: { operator?: string | null } = { operator: null }) {
  const b = makeBackend({ clock: CLOCK, ...setup });
  const counts = b.call('sample.load', {});
  return { b, counts };
}

function count(b: TestBackend, sql: string): number {
  return b.ctx.db.prepare(sql).pluck().get() as number;
}

function listByNumberOrTitle(b: TestBackend, match: RegExp): WatchlistDetail {
  const found = b.call('watchlists.list', {}).find((l) => match.test(`${l.number} ${l.title}`));
  if (!found) throw new Error(`no list matching ${match}`);
  return b.call('watchlists.get', { id: found.id });
}

const resolution33 = (b: TestBackend) => listByNumberOrTitle(b, /^33-NQ\/TU /);

/** The AppError `work` throws (a loader called directly, not through the dispatcher). */
function failureOf(work: () => unknown): AppError {
  try {
    work();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

/** A deep copy of the bundled file, to break on purpose. */
function bundledCopy(): SampleFile {
  return structuredClone(BUNDLED_SAMPLE) as SampleFile;
}

describe('loading into an empty file', () => {
  test('writes the register, the ratings, the lists and the measures, and says how many', () => {
    const { b, counts } = loaded();
    expect(counts).toEqual({
      units: count(b, 'SELECT count(*) FROM units'),
      ratings: count(b, 'SELECT count(*) FROM ratings WHERE deleted_at IS NULL'),
      watchlists: count(b, 'SELECT count(*) FROM watchlists WHERE deleted_at IS NULL'),
      members: count(b, 'SELECT count(*) FROM watchlist_members WHERE deleted_at IS NULL'),
      measures: count(b, 'SELECT count(*) FROM measures WHERE deleted_at IS NULL'),
    });
    // 16 + 9 + 9 members in 2017; 6 carried and 12 picked in 2018.
    expect(counts).toMatchObject({ watchlists: 4, members: 52 });
    expect(counts.units).toBeGreaterThan(60);
    expect(counts.measures).toBeGreaterThan(50);
    const top = b.call('units.list', { year: 2017, kind: 'upper_committee' }).rows;
    expect(top).toHaveLength(12);
    expect(new Set(top.map((u) => u.parentName))).toEqual(new Set(['Đảng bộ tỉnh Lạng Sơn']));
  });

  test('completes the setup: the province is the own unit, the default operator signs the audit', () => {
    const { b } = loaded();
    const info = b.call('app.info', {});
    expect(info).toMatchObject({
      needsSetup: false,
      operatorName: SAMPLE_OPERATOR,
      ownUnitName: 'Đảng bộ tỉnh Lạng Sơn',
    });
    const operators = b.ctx.db.prepare('SELECT DISTINCT operator, origin FROM audit_log').all() as {
      operator: string;
      origin: string;
    }[];
    expect(operators).toEqual([{ operator: SAMPLE_OPERATOR, origin: 'app' }]);
    // Everything went through the audited writes: every unit, rating, list and measure.
    const audited = (entity: string) =>
      count(b, `SELECT count(DISTINCT entity_id) FROM audit_log WHERE entity = '${entity}'`);
    expect(audited('unit')).toBe(count(b, 'SELECT count(*) FROM units'));
    expect(audited('rating')).toBe(count(b, 'SELECT count(*) FROM ratings'));
    expect(audited('measure')).toBe(count(b, 'SELECT count(*) FROM measures'));
  });

  test('the operator typed on the first-run screen is cleaned and recorded', () => {
    const b = makeBackend({ clock: CLOCK, operator: null });
    b.call('sample.load', { operatorName: '  Hoàng  Thị Mẫu ' });
    expect(b.call('app.info', {}).operatorName).toBe('Hoàng Thị Mẫu');
  });

  test('an installation already set up keeps its operator', () => {
    const { b } = loaded({ operator: 'Lương Văn Thử' });
    expect(b.call('app.info', {}).operatorName).toBe('Lương Văn Thử');
    expect(count(b, "SELECT count(*) FROM audit_log WHERE operator <> 'Lương Văn Thử'")).toBe(0);
  });

  test('reports its progress and announces the change once', () => {
    const progress: AppEvents['progress'][] = [];
    const changed: AppEvents['data.changed'][] = [];
    const b = makeBackend({
      clock: CLOCK,
      operator: null,
      emit: (event, payload) => {
        if (event === 'progress') progress.push(payload as AppEvents['progress']);
        if (event === 'data.changed') changed.push(payload as AppEvents['data.changed']);
      },
    });
    b.call('sample.load', {});
    expect(progress.length).toBeGreaterThan(10);
    expect(progress.every((p) => p.job === SAMPLE_JOB && p.phase === 'write')).toBe(true);
    expect(progress[0]?.done).toBe(0);
    const last = progress.at(-1);
    expect(last?.done).toBe(last?.total);
    expect(changed).toHaveLength(1);
    expect(changed[0]?.entities).toEqual(
      expect.arrayContaining(['units', 'ratings', 'watchlists', 'settings']),
    );
  });
});

describe('Resolution 33-NQ/TU and the article', () => {
  test('the 16 units in two groups give the 2017 figures the province wrote', () => {
    const { b } = loaded();
    const list = resolution33(b);
    expect(list).toMatchObject({
      number: '33-NQ/TU',
      decidedOn: '2017-02-17',
      issuerName: 'Đảng bộ tỉnh Lạng Sơn',
      year: 2017,
      memberCount: 16,
    });
    expect(list.note).toMatch(/minh họa/);
    const summary = list.summaries.find((s) => s.year === 2017);
    const figures = summary?.groups.map((g) => ({
      group: g.group,
      total: g.total,
      levels: Object.fromEntries(g.levels.map((l) => [l.text, l.count])),
      up: g.up,
      same: g.same,
      down: g.down,
      notComparable: g.notComparable,
      notRated: g.notRated,
    }));
    expect(figures).toEqual([
      {
        group: 'các đảng bộ huyện',
        total: 11,
        levels: { TSVM: 2, HTTNV: 5, HTNV: 4, 'Yếu kém': 0 },
        up: 5,
        same: 6,
        down: 0,
        notComparable: 0,
        notRated: 0,
      },
      {
        group: 'Đảng bộ Khối',
        total: 5,
        levels: { TSVM: 1, HTTNV: 3, HTNV: 1, 'Yếu kém': 0 },
        up: 1,
        same: 4,
        down: 0,
        notComparable: 0,
        notRated: 0,
      },
    ]);
  });

  test('one district pilot unit per district-level committee; the Khối units under the Khối', () => {
    const { b } = loaded();
    const members = resolution33(b).members;
    const district = members.filter((m) => m.group === 'các đảng bộ huyện');
    const committees = b.call('units.list', { year: 2017, kind: 'upper_committee' }).rows;
    const districts = committees.filter((c) => c.name !== 'Đảng ủy Khối các cơ quan tỉnh');
    expect(new Set(district.map((m) => m.parentName))).toEqual(
      new Set(districts.map((d) => d.name)),
    );
    const bloc = members.filter((m) => m.group === 'Đảng bộ Khối');
    expect(bloc.map((m) => m.parentName)).toEqual(Array(5).fill('Đảng ủy Khối các cơ quan tỉnh'));
    expect(members.every((m) => m.responsible && m.measures.total > 0)).toBe(true);
    expect(members.every((m) => m.reasons.length > 0)).toBe(true);
  });

  test('the named cases: Đồng Ý, Cục Thống kê, Hòa Sơn', () => {
    const { b } = loaded();
    const members = resolution33(b).members;
    const named = (name: string) => {
      const member = members.find((m) => m.unitName === name);
      if (!member) throw new Error(`${name} is not on the list`);
      return member;
    };
    const dongY = named('Đảng bộ xã Đồng Ý');
    expect(dongY.parentName).toBe('Huyện ủy Bắc Sơn');
    expect(dongY.baseline?.text).toBe('Yếu kém');
    expect(dongY.current.rating?.text).toBe('TSVM');
    expect(dongY.current.vsBaseline.trend).toBe('up');

    const cucThongKe = named('Chi bộ Cục Thống kê');
    expect(cucThongKe.parentName).toBe('Đảng ủy Khối các cơ quan tỉnh');
    expect(cucThongKe.baseline?.text).toBe('HTTNV');
    expect(cucThongKe.current.rating?.text).toBe('TSVM');

    const hoaSon = named('Đảng bộ xã Hòa Sơn');
    expect(hoaSon.parentName).toBe('Huyện ủy Hữu Lũng');
    expect(hoaSon.baseline).toMatchObject({ text: 'HTTNV', rank: 'bottom' });
    expect(hoaSon.current).toMatchObject({ change: 'clear', rank: null });
    expect(hoaSon.current.rating?.text).toBe('HTTNV');
    expect(hoaSon.current.vsBaseline.trend).toBe('same');
    const measures = b.call('measures.list', { memberId: hoaSon.id });
    expect(measures.map((m) => m.kind)).toEqual(
      expect.arrayContaining(['resolution', 'meetings', 'themed_meeting']),
    );
    expect(measures.some((m) => m.responsible?.includes('Dương Minh Phong'))).toBe(true);
  });

  test('measures are partly done, partly still open with their due dates', () => {
    const { b } = loaded();
    const measures = resolution33(b).members.flatMap((m) =>
      b.call('measures.list', { memberId: m.id }),
    );
    const done = measures.filter((m) => m.status === 'done');
    const open = measures.filter((m) => m.status !== 'done');
    expect(done.length).toBeGreaterThan(open.length);
    expect(done.every((m) => m.doneOn !== null)).toBe(true);
    expect(open.length).toBeGreaterThan(0);
    expect(open.every((m) => m.dueOn !== null && m.overdue)).toBe(true);
  });
});

describe('the lower committees’ lists and 2018', () => {
  test('Thành ủy Lạng Sơn adds 4 đảng bộ and 5 chi bộ, Huyện ủy Chi Lăng 9, both to list 33', () => {
    const { b } = loaded();
    const list = resolution33(b);
    expect(list.extendedBy.map((e) => e.issuerName).sort()).toEqual([
      'Huyện ủy Chi Lăng',
      'Thành ủy Lạng Sơn',
    ]);
    const city = listByNumberOrTitle(b, /Thành ủy Lạng Sơn lựa chọn thêm/);
    expect(city.extendsId).toBe(list.id);
    expect(city.issuerName).toBe('Thành ủy Lạng Sơn');
    expect(city.members.filter((m) => m.kind === 'base_committee')).toHaveLength(4);
    expect(city.members.filter((m) => m.kind === 'base_cell')).toHaveLength(5);
    expect(new Set(city.members.map((m) => m.parentName))).toEqual(new Set(['Thành ủy Lạng Sơn']));
    const chiLang = listByNumberOrTitle(b, /Huyện ủy Chi Lăng lựa chọn thêm/);
    expect(chiLang.extendsId).toBe(list.id);
    expect(chiLang.memberCount).toBe(9);
    expect(new Set(chiLang.members.map((m) => m.parentName))).toEqual(
      new Set(['Huyện ủy Chi Lăng']),
    );
    // None of them is one of the province's 16.
    const sixteen = new Set(list.members.map((m) => m.unitId));
    expect([...city.members, ...chiLang.members].some((m) => sixteen.has(m.unitId))).toBe(false);
  });

  test('2018: the slow 2017 units carried over by the app’s rule, plus 1 weak unit per committee', () => {
    const { b } = loaded();
    const list33 = resolution33(b);
    const next = list33.continuedBy[0];
    expect(next?.year).toBe(2018);
    const list2018 = b.call('watchlists.get', { id: next?.id ?? '' });
    expect(list2018.previousId).toBe(list33.id);
    expect(list2018.note).toMatch(/minh họa/);

    const carriedFrom = new Set(list2018.members.map((m) => m.carriedFromId).filter(Boolean));
    const slow = list33.members.filter(
      (m) => m.current.change === 'slow' || m.current.change === 'none',
    );
    expect(slow.length).toBeGreaterThan(0);
    expect(carriedFrom).toEqual(new Set(slow.map((m) => m.id)));
    expect(slow.every((m) => m.status === 'carried_over')).toBe(true);
    expect(
      list33.members
        .filter((m) => !carriedFrom.has(m.id))
        .every((m) => m.status === 'left' || m.status === 'active'),
    ).toBe(true);

    const picked = list2018.members.filter((m) => m.carriedFromId === null);
    expect(picked).toHaveLength(12);
    const committees = b.call('units.list', { year: 2018, kind: 'upper_committee' }).rows;
    expect(new Set(picked.map((m) => m.parentName))).toEqual(
      new Set(committees.map((c) => c.name)),
    );
    // Picked as weak by their 2017 rating (the list's baseline).
    expect(picked.every((m) => ['HTNV', 'Yếu kém'].includes(m.baseline?.text ?? ''))).toBe(true);
  });

  test('every unit has its 2016 and 2017 result; some have 2015 too', () => {
    const { b } = loaded();
    const base = b
      .call('units.list', { year: 2017 })
      .rows.filter((u) => ['base_committee', 'base_cell'].includes(u.kind));
    const years = (unitId: string) =>
      b.call('ratings.history', { unitId }).ratings.map((r) => r.year);
    for (const unit of base) expect(years(unit.id)).toEqual(expect.arrayContaining([2016, 2017]));
    expect(base.filter((u) => years(u.id).includes(2015)).length).toBeGreaterThan(3);
  });
});

describe('names: real only where the article gives them', () => {
  const REAL_UNITS = new Set([
    'Đảng bộ tỉnh Lạng Sơn',
    'Thành ủy Lạng Sơn',
    'Huyện ủy Bắc Sơn',
    'Huyện ủy Hữu Lũng',
    'Huyện ủy Chi Lăng',
    'Huyện ủy Văn Quan',
    'Đảng ủy Khối các cơ quan tỉnh',
    'Đảng bộ xã Đồng Ý',
    'Đảng bộ xã Hòa Sơn',
    'Chi bộ Cục Thống kê',
  ]);
  const INVENTED = /(?<!\p{L})(Minh Họa|Thử Nghiệm|Mẫu|Thử)(?!\p{L})/u;

  test('every other unit and every person has an obviously invented name', () => {
    const { b } = loaded();
    const names = b.ctx.db.prepare('SELECT name FROM unit_versions').pluck().all() as string[];
    expect(names.filter((n) => !REAL_UNITS.has(n) && !INVENTED.test(n))).toEqual([]);
    const people = b.ctx.db
      .prepare(
        `SELECT responsible FROM watchlist_members WHERE responsible IS NOT NULL
         UNION SELECT responsible FROM measures WHERE responsible LIKE 'Đồng chí%'`,
      )
      .pluck()
      .all() as string[];
    expect(people.length).toBeGreaterThan(10);
    const real = (p: string) => p.startsWith('Đồng chí Dương Minh Phong');
    expect(people.filter((p) => !real(p) && !INVENTED.test(p))).toEqual([]);
  });
});

describe('refusals', () => {
  test('loading twice is refused and changes nothing', () => {
    const { b } = loaded();
    const message = expectRefused(b, 'sample.load', {}, 'NOT_EMPTY', /đã có \d+ tổ chức/);
    expect(message).toMatch(/Dữ liệu không bị thay đổi/);
  });

  test('a file with one unit is refused, even before setup', () => {
    // The command line may write before anyone is set up.
    const b = makeBackend({ clock: CLOCK, operator: null, origin: 'cli' });
    b.call('units.create', { name: 'Đảng bộ xã Hòa Sơn', kind: 'base_committee' });
    expectRefused(b, 'sample.load', {}, 'NOT_EMPTY', /tệp này đã có 1 tổ chức/);
    expect(b.call('app.info', {}).needsSetup).toBe(true);
  });

  test('an operator name that cleans to nothing is refused', () => {
    const b = makeBackend({ clock: CLOCK, operator: null });
    expectRefused(
      b,
      'sample.load',
      { operatorName: '\u200b\u200b' },
      'INVALID_INPUT',
      /^Tên người sử dụng không được để trống\.$/,
    );
  });

  test('an operator name over 200 characters is refused in Vietnamese', () => {
    const b = makeBackend({ clock: CLOCK, operator: null });
    expectRefused(
      b,
      'sample.load',
      { operatorName: 'Mẫu'.repeat(67) },
      'INVALID_INPUT',
      /^Tên người sử dụng dài quá 200 ký tự\.$/,
    );
  });

  test('a broken sample file is refused before any write', () => {
    const b = makeBackend({ clock: CLOCK, operator: null });
    const before = b.snapshot();
    const file = bundledCopy();
    const member = file.watchlists[0]?.members[0];
    if (!member) throw new Error('the sample has no member');
    member.unit = 'khong-co';
    const error = failureOf(() => loadSampleFile(b.ctx, {}, file));
    expect(error.code).toBe('INTERNAL');
    expect(error.message).toMatch(/không đúng cấu trúc.*"khong-co" chưa được khai báo/);
    expect(error.message).toMatch(VIETNAMESE_LETTER);
    expect(b.snapshot()).toBe(before);
  });

  test('a sample the carry-over rule disagrees with is rolled back whole', () => {
    const b = makeBackend({ clock: CLOCK, operator: null });
    const before = b.snapshot();
    const file = bundledCopy();
    const carry = file.carryOvers[0];
    if (!carry) throw new Error('the sample has no carry-over');
    carry.carried = carry.carried.slice(1);
    const error = failureOf(() => loadSampleFile(b.ctx, {}, file));
    expect(error.code).toBe('INTERNAL');
    expect(error.message).toMatch(/không khớp với quy tắc lập danh sách năm 2018/);
    expect(b.snapshot()).toBe(before);
    expect(b.call('app.info', {}).needsSetup).toBe(true);
  });
});

describe('the 2017 report of Resolution 33-NQ/TU (issue 8: "What it must show")', () => {
  const DISTRICT =
    'Kết quả xếp loại năm 2017 của 11 TCCSĐ chỉ đạo điểm thuộc các đảng bộ huyện: ' +
    '2 TCCSĐ đạt TSVM; 5 HTTNV; 4 HTNV; trong đó 5 TCCSĐ mức xếp loại được nâng lên, ' +
    '6 giữ nguyên so với năm 2016.';
  const BLOC_FRACTIONS =
    'Kết quả xếp loại năm 2017 của 5 TCCSĐ chỉ đạo điểm thuộc Đảng bộ Khối: ' +
    '1/5 đạt TSVM; 3/5 đạt HTTNV; 1/5 đạt HTNV; trong đó 1/5 TCCSĐ mức xếp loại được nâng ' +
    'lên, 4/5 giữ nguyên so với năm 2016.';

  function report(b: TestBackend, style: 'counts' | 'fractions') {
    return b.call('reports.progress', {
      year: 2017,
      scope: { type: 'watchlist', watchlistId: resolution33(b).id },
      groupBy: 'watchlist_group',
      summaryStyle: style,
      namedCases: true,
    });
  }

  test('states exactly the article’s figures for both groups', () => {
    const { b } = loaded();
    const counts = report(b, 'counts');
    expect(counts).toMatchObject({ year: 2017, compareYear: 2016, crossesScale: false });
    const figures = counts.groups.map((g) => ({
      name: g.name,
      total: g.total,
      rated: g.rated,
      levels: g.levels,
      up: g.up,
      same: g.same,
      down: g.down,
      notComparable: g.notComparable,
    }));
    expect(figures).toEqual([
      {
        name: 'các đảng bộ huyện',
        total: 11,
        rated: 11,
        levels: { TSVM: 2, HTTNV: 5, HTNV: 4, YK: 0 },
        up: 5,
        same: 6,
        down: 0,
        notComparable: 0,
      },
      {
        name: 'Đảng bộ Khối',
        total: 5,
        rated: 5,
        levels: { TSVM: 1, HTTNV: 3, HTNV: 1, YK: 0 },
        up: 1,
        same: 4,
        down: 0,
        notComparable: 0,
      },
    ]);
    // The district group in the article's counts style, the Khối group in its fractions.
    expect(counts.groups[0]?.summary).toBe(DISTRICT);
    expect(counts.summary).toContain(DISTRICT);
    const fractions = report(b, 'fractions');
    expect(fractions.groups[1]?.summary).toBe(BLOC_FRACTIONS);
    expect(fractions.summary).toContain(BLOC_FRACTIONS);
  });

  test('names the article’s three cases, and only them', () => {
    const { b } = loaded();
    expect(report(b, 'counts').namedCases.map((c) => c.text)).toEqual([
      'Đảng bộ xã Đồng Ý từ yếu kém lên TSVM, có chuyển biến tích cực, rõ nét',
      'Đảng bộ xã Hòa Sơn giữ nguyên HTTNV, ra khỏi tốp cuối, có chuyển biến tích cực, rõ nét',
      'Chi bộ Cục Thống kê từ HTTNV lên TSVM, có chuyển biến tích cực, rõ nét',
    ]);
  });
});
