// Tổng quan: this year's lists with members improved, overdue measures by the clock, units
// still rated at the lowest level, units not rated yet; and the indexes its queries use.
import { afterEach, describe, expect, test } from 'vitest';
import { fixedClock } from '../../electron/backend/context';
import { OVERDUE_MEASURES, UNRATED_COUNT } from '../../electron/backend/watchlists/overview';
import {
  UNRATED_BY_NAME,
  WEAK_WALK,
  WEAK_LISTED,
  WEAK_OF_REMOVED,
  REGISTER_TOTALS,
  UNRATED_OF_REMOVED,
} from '../../electron/backend/watchlists/overview-register';
import {
  LISTS_OF_YEAR,
  MEASURE_COUNTS_OF_LIST,
  MEMBERS_OF_LIST,
} from '../../electron/backend/watchlists/queries';
import { addUnit, cleanupTemp, makeBackend } from '../helpers/backend';
import type { TestBackend } from '../helpers/backend';
import { buildLangSon } from '../helpers/ratings';
import { createList } from '../helpers/watchlists';

afterEach(cleanupTemp);

function article() {
  const b = makeBackend({ clock: fixedClock('2018-03-01T12:00:00Z') });
  const ls = buildLangSon(b);
  const list = createList(b, ls.province, 2017);
  const memberIds = [...ls.districtPilotIds, ...ls.khoiIds].map(
    (unitId) => b.call('watchlists.addMember', { watchlistId: list.id, unitId }).id,
  );
  return { b, ls, list, memberIds };
}

describe('Tổng quan', () => {
  test("shows this year's lists, members improved, and the overdue measures by the clock", () => {
    const { b, list, memberIds } = article();
    const [first = '', second = ''] = memberIds;
    const late = b.call('measures.add', {
      memberId: first,
      kind: 'inspection',
      title: 'Kiểm tra việc thực hiện Nghị quyết 33-NQ/TU',
      dueOn: '31/12/2017',
      responsible: 'Ủy ban Kiểm tra Tỉnh ủy',
    });
    const done = b.call('measures.add', {
      memberId: second,
      kind: 'review',
      title: 'Sơ kết 6 tháng',
      dueOn: '30/06/2017',
    });
    b.call('measures.complete', { id: done.id, doneOn: '28/06/2017' });
    b.call('measures.add', {
      memberId: second,
      kind: 'review',
      title: 'Tổng kết năm',
      dueOn: '31/03/2018',
    });

    const overview = b.call('overview.get', { year: 2017 });
    expect(overview).toMatchObject({ year: 2017, ratingYear: 2016, today: '2018-03-01' });
    expect(overview.lists.map((l) => l.id)).toEqual([list.id]);
    expect(overview.lists[0]).toMatchObject({ memberCount: 16, improved: 6 });
    expect(overview.members).toEqual({
      total: 16,
      up: 6,
      same: 10,
      down: 0,
      notComparable: 0,
      notRated: 0,
    });
    expect(overview.overdue.total).toBe(1);
    expect(overview.overdue.items).toEqual([
      expect.objectContaining({
        measureId: late.id,
        dueOn: '2017-12-31',
        daysOverdue: 60,
        unitName: 'Đảng bộ xã Đồng Ý',
        watchlistId: list.id,
        responsible: 'Ủy ban Kiểm tra Tỉnh ủy',
      }),
    ]);
    // Another year's overview does not show this year's lists.
    expect(b.call('overview.get', { year: 2018 }).lists).toEqual([]);
  });

  test('names the units still rated weakest (those on no list first) and the units not rated yet', () => {
    const { b, ls } = article();
    const outside = addUnit(b, 'Chi bộ Thôn Khuổi Cáp', 2008, {
      parentId: ls.districts.get('Đảng bộ huyện Bắc Sơn') ?? null,
    }).id;
    b.call('ratings.set', { unitId: outside, year: 2016, levelCode: 'YK' });
    const unrated = addUnit(b, 'Chi bộ Thôn Nà Hin', 2008, {
      parentId: ls.districts.get('Đảng bộ huyện Bắc Sơn') ?? null,
    }).id;
    const overview = b.call('overview.get', { year: 2017 });
    expect(overview.weakest.total).toBe(3);
    expect(overview.weakest.items.map((u) => [u.name, u.text, u.onList])).toEqual([
      ['Chi bộ Thôn Khuổi Cáp', 'Yếu kém', false],
      ['Đảng bộ xã Đồng Ý', 'Yếu kém', true],
      ['Đảng bộ xã Vân An', 'Yếu kém', true],
    ]);
    expect(overview.weakest.items[0]?.parentName).toBe('Đảng bộ huyện Bắc Sơn');
    expect(overview.unrated).toEqual({
      total: 1,
      items: [
        {
          unitId: unrated,
          name: 'Chi bộ Thôn Nà Hin',
          code: null,
          parentName: 'Đảng bộ huyện Bắc Sơn',
        },
      ],
    });
    // Rated in 2017: the units rated weakest in 2017 are none, and all TCCSĐ rated but two.
    const later = b.call('overview.get', { year: 2018 });
    expect(later).toMatchObject({ ratingYear: 2017, weakest: { total: 0 } });
    expect(later.unrated.items.map((u) => u.name)).toEqual([
      'Chi bộ Thôn Khuổi Cáp',
      'Chi bộ Thôn Nà Hin',
    ]);
  });

  test('its queries and the list queries use indexes', () => {
    const { b } = article();
    const params: Record<string, string | number> = {
      year: 2017,
      today: '2018-03-01',
      list: '00000000-0000-4000-8000-000000000000',
      level: 'YK',
      limit: 200,
      listed: '[]',
    };
    const expected: [string, RegExp][] = [
      [LISTS_OF_YEAR, /SEARCH watchlists USING INDEX watchlists_by_year/],
      [MEMBERS_OF_LIST, /SEARCH watchlist_members USING INDEX watchlist_members_by_list/],
      [MEASURE_COUNTS_OF_LIST, /SEARCH m USING INDEX measures_by_member/],
      [OVERDUE_MEASURES, /SEARCH m USING INDEX measures_open_by_due/],
      // The totals from the tallies of the year and the spans of versions, less the few
      // removed units'.
      [REGISTER_TOTALS, /SEARCH rating_tallies USING PRIMARY KEY \(year=\?\)/],
      [WEAK_OF_REMOVED, /SCAN u USING (COVERING )?INDEX units_removed/],
      [UNRATED_OF_REMOVED, /SCAN u USING (COVERING )?INDEX units_removed/],
      // Their first rows: the register's index walked in Vietnamese order (no sort of the
      // year's weak units), each version's rating probed in the covering year index.
      [WEAK_WALK, /^SCAN v USING INDEX unit_versions_register$/m],
      [
        WEAK_WALK,
        /SEARCH r USING COVERING INDEX ratings_by_year \(year=\? AND unit_id=\? AND deleted_at=\?\)/,
      ],
      [WEAK_LISTED, /SEARCH r USING INDEX ratings_by_unit_year \(unit_id=\? AND year=\?\)/],
      // Walked by name (the index with the years), so the first rows come without reading
      // the whole year.
      [UNRATED_BY_NAME, /^SCAN v USING INDEX unit_versions_same_name$/m],
      [
        UNRATED_BY_NAME,
        /SEARCH r USING COVERING INDEX ratings_by_year \(year=\? AND unit_id=\? AND deleted_at=\?\)/,
      ],
      // The year's versions from an index (by year, or the register's covering ones by year or
      // kind once they exist), the year's ratings read once from theirs.
      [
        UNRATED_COUNT,
        /SEARCH v USING (COVERING )?INDEX unit_versions_\w+ \((valid_from|deleted_at|kind)/,
      ],
      [UNRATED_COUNT, /SEARCH r USING (COVERING )?INDEX ratings_by_year \(year=\?\)/],
    ];
    for (const [sql, index] of expected) {
      const plan = planOf(b, sql, params);
      expect(plan.join('\n'), sql).toMatch(index);
      // The removed units, few, may be read from the table of units when no index lists them;
      // a list of ids passed in, and the two kinds' first rows merged, are read as they are.
      const steps = plan.filter(
        (d) =>
          /^(SCAN|SEARCH) /.test(d) &&
          d !== 'SCAN units' &&
          // A row per committee, kind and span of years (~1,600 nationally): read whole.
          d !== 'SCAN version_spans' &&
          d !== 'SCAN CONSTANT ROW' &&
          !/^SCAN (json_each|j|\(subquery-\d+\))( |$)/.test(d),
      );
      for (const step of steps) {
        expect(step, plan.join('\n')).toMatch(
          /USING (COVERING )?INDEX|USING (INTEGER )?PRIMARY KEY/,
        );
      }
    }
  });
});

function planOf(b: TestBackend, sql: string, params: Record<string, string | number>): string[] {
  const named = [...new Set([...sql.matchAll(/:(\w+)/g)].map((m) => m[1] ?? ''))];
  const bind = sql.includes('?')
    ? [params.list]
    : [Object.fromEntries(named.map((name) => [name, params[name]]))];
  return (b.ctx.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...bind) as { detail: string }[]).map(
    (row) => row.detail,
  );
}
