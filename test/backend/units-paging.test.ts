// The register paged by key and the tree loaded a level at a time (issue 10): every list returns
// exactly what the old code returned (test/helpers/reference-units.ts) — the whole list, its pages
// read to the end, a picker's first rows, the tree — on a generated register of a few thousand
// units with awkward names, official orders, moves, a dissolution, removals and an orphan; the
// plans they rely on are asserted; bad page fields are refused in Vietnamese, nothing changed.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { UnitRow, UnitTreeRow } from '../../shared/contract';
import type { TestBackend } from '../helpers/backend';
import { addUnit, cleanupTemp, errorOf, makeBackend } from '../helpers/backend';
import type { NationalData } from '../helpers/national';
import { generateNational } from '../helpers/national';
import type { ReferenceFilter } from '../helpers/reference-units';
import { referenceList, referenceTree } from '../helpers/reference-units';

let b: TestBackend;
let data: NationalData;
let district: string;
let province: string;

const AWKWARD = [
  'Chi bộ 2',
  'Chi bộ 10',
  'Chi bộ 02',
  'chi bộ 1',
  'Đảng bộ Đồng Tâm',
  'Dân vận',
  'Hòa Bình',
  'Hoà Bình',
  'HÒA BÌNH 2',
  'Ủy ban kiểm tra',
  'Uỷ ban Mặt trận',
  'Ăn uống',
  'Ân Thi',
  'An Lão',
  'Ơn Nghĩa',
  'Ông Ích Khiêm',
  'Ưu tú',
  'Chi bộ (cũ)',
  'Chi bộ-A',
  'Chi bộ “Mới”',
  'Zô Lang',
  'Dđ',
];

beforeAll(() => {
  b = makeBackend();
  data = generateNational(b.ctx.db, {
    root: 'Đảng bộ toàn quốc Mẫu',
    provinces: 3,
    districts: 12,
    units: 3000,
    firstYear: 2015,
    years: 10,
    seed: 4242,
    renameEvery: 7,
  });
  province = data.provinceIds[0] ?? '';
  district = data.districtIds[0] ?? '';
  const created = AWKWARD.map(
    (name, i) =>
      addUnit(b, name, 2010 + (i % 8), {
        parentId: data.districtIds[i % 4] ?? null,
        code: i % 3 === 0 ? `AW${i}` : undefined,
        allowDuplicateName: true,
      }).id,
  );
  // Official orders: a few units, one of them in another district, and two sharing a number.
  const detail = (id: string) => b.call('units.get', { id });
  for (const [k, id] of [created[3], created[7], data.districtIds[2], created[9]].entries()) {
    if (!id) continue;
    const d = detail(id);
    b.call('units.correct', {
      id,
      versionId: d.current.versionId,
      officialOrder: k === 3 ? 2 : k + 1,
    });
  }
  const movable = data.baseIds.filter(
    (_, i) => data.validFrom[i] === 2008 && data.validTo[i] === 9999,
  );
  for (const [k, id] of movable.slice(0, 5).entries()) {
    b.call('units.move', { id, year: 2019, parentId: data.districtIds[(k + 1) % 12] ?? null });
  }
  b.call('units.dissolve', { id: movable[8] ?? '', year: 2021 });
  b.call('units.remove', { id: movable[9] ?? '' });
  // A unit marked removed whose versions are not: it is in no list, and not counted.
  b.ctx.db
    .prepare(`UPDATE units SET deleted_at = '2025-01-01T00:00:00Z' WHERE id = ?`)
    .run(movable[10]);
  // An orphan: a unit whose parent is not in the register in 2024 (data from elsewhere): the
  // old tree showed it at the top.
  b.ctx.db
    .prepare(`UPDATE unit_versions SET parent_id = ? WHERE unit_id = ?`)
    .run(movable[8], movable[11]);
}, 120_000);

afterAll(() => {
  b.close();
  cleanupTemp();
});

const ids = (rows: UnitRow[]) => rows.map((r) => r.id);

/** Every page of a list, read with the cursors the backend hands out. */
function allPages(
  filter: ReferenceFilter,
  pageSize: number,
  on: TestBackend = b,
): { rows: UnitRow[]; pages: number } {
  const rows: UnitRow[] = [];
  let after: string | undefined;
  let pages = 0;
  for (;;) {
    const page = on.call('units.list', { ...filter, pageSize, after });
    pages++;
    expect(page.rows.length).toBeLessThanOrEqual(pageSize);
    rows.push(...page.rows);
    if (!page.next) break;
    after = page.next;
    expect(pages).toBeLessThan(10_000);
  }
  return { rows, pages };
}

const FILTERS: [string, (year: number) => ReferenceFilter][] = [
  ['the whole register', (year) => ({ year })],
  ['a kind', (year) => ({ year, kind: 'base_cell' })],
  ['a sector', (year) => ({ year, sector: 'commune' })],
  ['the first keystroke "d"', (year) => ({ year, search: 'd' })],
  [
    '"chi bo" (very many matches, two words: the register walked)',
    (year) => ({ year, search: 'chi bo' }),
  ],
  ['"dong" (few matches)', (year) => ({ year, search: 'dong' })],
  ['"hoa binh" (a name typed in full)', (year) => ({ year, search: 'hoa binh' })],
  ['a code typed in full', (year) => ({ year, search: 'aw0' })],
  ['the start of a code (matched in the code column)', (year) => ({ year, search: 'aw' })],
  ['a search and a kind', (year) => ({ year, search: 'chi', kind: 'base_cell' })],
  ['a province subtree', (year) => ({ year, parentId: province, descendants: true })],
  [
    'the subtree of the top unit (the only one until 2024, when an orphan joins it)',
    (year) => ({ year, parentId: data.rootId ?? '', descendants: true }),
  ],
  ['a district', (year) => ({ year, parentId: district })],
  [
    'a subtree and a search',
    (year) => ({ year, parentId: province, descendants: true, search: 'd' }),
  ],
];

/** The whole list, its pages read to the end, its first page's total and a picker's rows. */
function expectOldList(on: TestBackend, filter: ReferenceFilter): void {
  const expected = ids(referenceList(on.ctx.db, filter));
  expect(expected.length).toBeGreaterThan(0);
  const whole = on.call('units.list', filter);
  expect(ids(whole.rows)).toEqual(expected);
  expect(whole.rows).toEqual(referenceList(on.ctx.db, filter));
  expect(whole.next).toBeUndefined();
  for (const size of [7, 100]) {
    expect(ids(allPages(filter, size, on).rows)).toEqual(expected);
  }
  const first = on.call('units.list', { ...filter, pageSize: 100 });
  if (first.total !== undefined) expect(first.total).toBe(expected.length);
  expect(first.rows).toEqual(referenceList(on.ctx.db, filter).slice(0, 100));
  expect(ids(on.call('units.list', { ...filter, limit: 31 }).rows)).toEqual(expected.slice(0, 31));
}

describe.each([2016, 2021, 2024])('in %i', (year) => {
  test.each(FILTERS)(
    '%s: the whole list, its pages and its first rows are the old list',
    (_, make) => expectOldList(b, make(year)),
  );
});

/**
 * A register where no unit has an official order (most registers): a subtree's page then leaves
 * out removed units through their index instead of reading every member's unit row, and the walk
 * down the tree carries the version it reached. A removed unit, a unit marked removed whose
 * versions are not, moves between provinces and, last, a loop of parents in damaged data.
 */
describe('a register with no official order', () => {
  let plain: TestBackend;
  let plainData: NationalData;
  const provinceOf = (i: number) => plainData.provinceIds[i] ?? '';
  const districtOf = (i: number) => plainData.districtIds[i] ?? '';

  beforeAll(() => {
    plain = makeBackend();
    plainData = generateNational(plain.ctx.db, {
      root: 'Đảng bộ toàn quốc Mẫu',
      provinces: 3,
      districts: 12,
      units: 1500,
      firstYear: 2015,
      years: 10,
      seed: 77,
      renameEvery: 5,
    });
    for (const [i, name] of AWKWARD.entries()) {
      addUnit(plain, name, 2010 + (i % 8), {
        parentId: districtOf(i % 12),
        allowDuplicateName: true,
      });
    }
    const movable = plainData.baseIds.filter(
      (_, i) => plainData.validFrom[i] === 2008 && plainData.validTo[i] === 9999,
    );
    for (const [k, id] of movable.slice(0, 6).entries()) {
      plain.call('units.move', { id, year: 2019, parentId: districtOf((k * 5 + 3) % 12) });
    }
    plain.call('units.remove', { id: movable[7] ?? '' });
    plain.ctx.db
      .prepare(`UPDATE units SET deleted_at = '2025-01-01T00:00:00Z' WHERE id = ?`)
      .run(movable[8]);
    const ordered = plain.ctx.db
      .prepare('SELECT count(*) AS n FROM units WHERE official_order IS NOT NULL')
      .get() as { n: number };
    expect(ordered.n).toBe(0);
  }, 120_000);

  afterAll(() => plain.close());

  const PLAIN_FILTERS: [string, (year: number) => ReferenceFilter][] = [
    ['a province subtree', (year) => ({ year, parentId: provinceOf(0), descendants: true })],
    ['another province', (year) => ({ year, parentId: provinceOf(2), descendants: true })],
    ['a district subtree', (year) => ({ year, parentId: districtOf(3), descendants: true })],
    [
      'a subtree and a search',
      (year) => ({ year, parentId: provinceOf(1), descendants: true, search: 'd' }),
    ],
    [
      'a subtree and a rare word',
      (year) => ({ year, parentId: provinceOf(0), descendants: true, search: 'dong' }),
    ],
    ['the top unit', (year) => ({ year, parentId: plainData.rootId ?? '', descendants: true })],
    ['"chi bo"', (year) => ({ year, search: 'chi bo' })],
    ['"d"', (year) => ({ year, search: 'd' })],
    ['"dong"', (year) => ({ year, search: 'dong' })],
    ['a word no unit has', (year) => ({ year, search: 'zô' })],
  ];

  test.each([2016, 2024])('in %i every list is the old list', (year) => {
    for (const [, make] of PLAIN_FILTERS) expectOldList(plain, make(year));
  });

  test('a subtree page reads members by rowid and removed units from their index', () => {
    const plans = plansOf(
      (f) =>
        f.call('units.list', {
          year: 2024,
          parentId: provinceOf(0),
          descendants: true,
          pageSize: 100,
        }),
      { year: 2024, parent: provinceOf(0), limit: 101 },
      plain.dbPath,
    );
    const page = planWith(plans, 'WITH RECURSIVE sub');
    expect(page).toMatch(/SEARCH v USING COVERING INDEX unit_versions_tree \(parent_id=\?/);
    expect(page).toContain('SEARCH r USING INDEX units_removed (id=?)');
    expect(page).toContain('SEARCH v USING INTEGER PRIMARY KEY (rowid=?)');
    expect(page).not.toMatch(/PLAN SCAN (v|u|unit_versions)\b/);
  });

  test('a loop of parents in damaged data: the subtree still ends and is the old one', () => {
    // The district's parent set to a unit under it: the district and its units leave their
    // province, and a walk from the district comes back to it.
    const district = districtOf(5);
    const under = plain.ctx.db
      .prepare(
        `SELECT unit_id FROM unit_versions WHERE parent_id = ? AND deleted_at IS NULL
         AND valid_from <= 2024 AND (valid_to IS NULL OR valid_to >= 2024) LIMIT 1`,
      )
      .get(district) as { unit_id: string };
    plain.ctx.db
      .prepare('UPDATE unit_versions SET parent_id = ? WHERE unit_id = ?')
      .run(under.unit_id, district);
    for (const filter of [
      { year: 2024, parentId: district, descendants: true },
      { year: 2024, parentId: under.unit_id, descendants: true },
      { year: 2024, parentId: provinceOf(1), descendants: true },
      { year: 2024, parentId: provinceOf(2), descendants: true },
    ]) {
      expectOldList(plain, filter);
    }
  });
});

test('the total is given on the first page of the register, not on the next ones', () => {
  const first = b.call('units.list', { year: 2024, pageSize: 50 });
  expect(first.total).toBe(referenceList(b.ctx.db, { year: 2024 }).length);
  const second = b.call('units.list', { year: 2024, pageSize: 50, after: first.next ?? '' });
  expect(second.total).toBeUndefined();
});

describe('the tree', () => {
  /** The tree read a level at a time, every node expanded. */
  function lazyTree(year: number, pageSize?: number) {
    const level = (parentId?: string): UnitTreeRow[] => {
      const rows: UnitTreeRow[] = [];
      let after: string | undefined;
      for (;;) {
        const page = b.call('units.children', { year, parentId, pageSize, after });
        rows.push(...page.rows);
        if (!page.next) return rows;
        after = page.next;
      }
    };
    const roots = level();
    const children = new Map<string, UnitTreeRow[]>();
    const walk = (rows: UnitTreeRow[]) => {
      for (const row of rows) {
        if (row.childCount === 0) continue;
        const kids = level(row.id);
        expect(kids).toHaveLength(row.childCount);
        children.set(row.id, kids);
        walk(kids);
      }
    };
    walk(roots);
    return { roots, children };
  }

  test.each([2016, 2021, 2024])(
    'in %i each level is the old tree’s, with its child counts',
    (year) => {
      const expected = referenceTree(b.ctx.db, year);
      for (const pageSize of [undefined, 3]) {
        const lazy = lazyTree(year, pageSize);
        expect(ids(lazy.roots)).toEqual(ids(expected.roots));
        expect([...lazy.children.keys()].sort()).toEqual([...expected.children.keys()].sort());
        for (const [id, kids] of expected.children) {
          expect(ids(lazy.children.get(id) ?? [])).toEqual(ids(kids));
        }
        // Each row is the old row plus its child count.
        for (const { childCount, ...row } of lazy.roots) {
          expect(childCount).toBe(expected.children.get(row.id)?.length ?? 0);
          expect(row).toEqual(expected.roots.find((r) => r.id === row.id));
        }
      }
    },
  );

  test('an orphan (its parent not in the register that year) is at the top', () => {
    const roots = b.call('units.children', { year: 2024 }).rows;
    expect(roots.length).toBeGreaterThan(1);
    expect(roots.some((r) => r.parentId !== null)).toBe(true);
  });
});

/**
 * A small register in a new file for the plan and bad-input tests: its statements are prepared
 * afresh (the backend keeps each prepared statement), and its snapshot is quick to take.
 */
let small: TestBackend;
let smallDistrict: string;

beforeAll(() => {
  small = makeBackend();
  const province = addUnit(small, 'Đảng bộ tỉnh Mẫu', 2000, { kind: 'province' }).id;
  smallDistrict = addUnit(small, 'Đảng bộ huyện Mẫu', 2000, {
    kind: 'upper_committee',
    parentId: province,
  }).id;
  for (const [i, name] of AWKWARD.entries()) {
    addUnit(small, name, 2001, {
      parentId: smallDistrict,
      allowDuplicateName: true,
      code: `S${i}`,
    });
  }
});

afterAll(() => small.close());

/**
 * What a call prepares, caught on its way to SQLite, and its plans: through a new backend on the
 * same file, since a backend keeps each statement it prepared once.
 */
function plansOf(
  run: (fresh: TestBackend) => void,
  params: Record<string, unknown>,
  dbPath: string = b.dbPath,
): string[] {
  const fresh = makeBackend({ dbPath });
  const db = fresh.ctx.db;
  const prepared: string[] = [];
  const original = db.prepare.bind(db);
  db.prepare = ((sql: string) => {
    prepared.push(sql);
    return original(sql);
  }) as typeof db.prepare;
  try {
    run(fresh);
  } finally {
    db.prepare = original;
  }
  const plans = prepared.map((sql) => {
    const used = Object.fromEntries(Object.entries(params).filter(([k]) => sql.includes(`:${k}`)));
    const rows = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(used) as { detail: string }[];
    return `${sql}\n${rows.map((r) => `PLAN ${r.detail}`).join('\n')}`;
  });
  fresh.close();
  return plans;
}

/** The plan of the last prepared statement containing `marker`. */
function planWith(plans: string[], marker: string): string {
  const found = plans.filter((p) => p.includes(marker));
  expect(found.length, marker).toBeGreaterThan(0);
  return (found[found.length - 1] ?? '')
    .split('\n')
    .filter((l) => l.startsWith('PLAN '))
    .join('\n');
}

describe('query plans', () => {
  const params = {
    year: 2024,
    limit: 101,
    afterNegRank: 0,
    afterNull: 1,
    afterOrder: 0,
    afterKey: 'x',
    afterId: 'x',
    kind: 'base_cell',
    word0: ' d',
    bits: 2 ** 4,
    match: '"dong"*',
    exact: 'dong',
    parent: '',
  };

  test('a page of the register walks the sort-key index and counts from an index', () => {
    const plans = plansOf((f) => {
      const first = f.call('units.list', { year: 2024, pageSize: 100 });
      f.call('units.list', { year: 2024, pageSize: 100, after: first.next ?? '' });
    }, params);
    const walk = planWith(plans, 'INDEXED BY unit_versions_register');
    expect(walk).toContain(
      'SEARCH v USING INDEX unit_versions_register ((sort_key,unit_id)>(?,?))',
    );
    expect(walk).not.toContain('TEMP B-TREE');
    expect(planWith(plans, 'INDEXED BY unit_versions_live_by_year')).toContain(
      'SEARCH v USING INDEX unit_versions_live_by_year (valid_from<?)',
    );
    expect(planWith(plans, 'INDEXED BY units_removed')).toContain(
      'SCAN u USING INDEX units_removed',
    );
    expect(planWith(plans, 'INDEXED BY units_by_official_order')).toContain(
      'SEARCH u USING INDEX units_by_official_order',
    );
  });

  test('a kind walks its own index; a wide search the register index, a narrow one the full-text index', () => {
    const kind = plansOf(
      (f) => f.call('units.list', { year: 2024, kind: 'base_cell', limit: 30 }),
      params,
    );
    expect(planWith(kind, 'INDEXED BY unit_versions_register_by_kind')).toContain(
      'SEARCH v USING INDEX unit_versions_register_by_kind (kind=?)',
    );
    const wide = plansOf((f) => f.call('units.list', { year: 2024, search: 'chi', limit: 31 }), {
      ...params,
      exact: 'chi',
      word0: ' chi',
    });
    // A picker's page first looks for its rows among the walk's first entries — the blocks that
    // can hold its words' initials in order (migration 13), the register index within each, read
    // from the index alone — and stops at the page's last row (no sort, no count).
    const probe = planWith(wide, 'AS hit');
    expect(probe).toContain('SCAN b USING COVERING INDEX unit_search_blocks_walk');
    expect(probe).toContain(
      'SEARCH v USING COVERING INDEX unit_versions_register (sort_key>? AND sort_key<?)',
    );
    expect(probe).not.toContain('TEMP B-TREE');
    expect(wide.join('\n')).not.toContain('unit_search MATCH');
    // The register screen's first page counts the matches, and then walks the register through
    // the blocks of initials.
    const counted = plansOf(
      (f) => f.call('units.list', { year: 2024, search: 'chi', pageSize: 100 }),
      { ...params, exact: 'chi', word0: ' chi' },
    ).filter((p) => !p.includes('AS hit'));
    const walk = planWith(counted, 'INDEXED BY unit_versions_register');
    expect(walk).toContain('SCAN b USING COVERING INDEX unit_search_blocks_walk');
    expect(walk).toContain(
      'SEARCH v USING INDEX unit_versions_register (sort_key>? AND sort_key<?)',
    );
    expect(walk).not.toContain('TEMP B-TREE');
    const narrow = plansOf(
      (f) => f.call('units.list', { year: 2024, search: 'dong', limit: 31 }),
      params,
    );
    // The probe finds too few rows in its window; the matches are counted and sorted as a set.
    const all = narrow.filter((p) => !p.includes('AS hit')).join('\n');
    expect(all).toContain('VIRTUAL TABLE INDEX');
    expect(all).not.toMatch(/PLAN SCAN v\b/);
  });

  test('a level of the tree reads the parent index, and the top steps through it', () => {
    const level = plansOf((f) => f.call('units.children', { year: 2024, parentId: district }), {
      ...params,
      parent: district,
    }).join('\n');
    // The parent index of migration 1, or the covering tree index of migration 10.
    expect(level).toMatch(/USING (COVERING )?INDEX unit_versions_(by_parent|tree) \(parent_id=\?/);
    expect(level).not.toMatch(/PLAN SCAN (v|c)\b/);
    const top = plansOf((f) => f.call('units.children', { year: 2024 }), params).join('\n');
    expect(top).not.toMatch(/PLAN SCAN (v|c|pv|unit_versions)\b/);
  });
});

describe('bad page fields', () => {
  const refused = (
    input: Record<string, unknown>,
    method: 'units.list' | 'units.children' = 'units.list',
  ) => {
    const before = small.snapshot();
    const error = errorOf(small.attempt(method, { year: 2024, ...input } as never));
    expect(small.snapshot()).toBe(before);
    return error;
  };
  const forged = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

  test.each([
    ['not base64 JSON', '!!!'],
    ['JSON of something else', forged({ hello: 'world' })],
    ['a rank out of range', forged({ r: 9, o: null, k: 'a', i: 'x' })],
    ['an order of the wrong type', forged({ r: 0, o: 'DROP TABLE units', k: 'a', i: 'x' })],
    ['an extra field', forged({ r: 0, o: null, k: 'a', i: 'x', sql: '1' })],
    ['an empty id', forged({ r: 0, o: null, k: 'a', i: '' })],
  ])('a forged cursor (%s) is refused in Vietnamese', (_, after) => {
    for (const method of ['units.list', 'units.children'] as const) {
      const error = refused({ after }, method);
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.message).toBe(
        'Vị trí trang không hợp lệ (có thể danh sách đã được mở lại). Hãy tải lại danh sách từ đầu.',
      );
    }
  });

  test.each([
    [{ pageSize: 0 }, 'Số dòng của một trang phải từ 1 đến 500.'],
    [{ pageSize: 501 }, 'Số dòng của một trang phải từ 1 đến 500.'],
    [{ pageSize: 2.5 }, 'Số dòng của một trang phải là số nguyên.'],
    [{ pageSize: '10' }, 'Số dòng của một trang phải là số.'],
    [{ after: '' }, 'Vị trí trang không hợp lệ.'],
    [{ after: 'x'.repeat(2001) }, 'Vị trí trang không hợp lệ.'],
    [{ limit: 10, pageSize: 10 }, 'Không dùng được cùng lúc số dòng tối đa và phân trang.'],
  ])('%j is refused: %s', (input, message) => {
    const error = refused(input);
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain(message);
  });

  test('units.children refuses a bad page size and an unknown field', () => {
    expect(refused({ pageSize: 0 }, 'units.children').message).toContain(
      'Số dòng của một trang phải từ 1 đến 500.',
    );
    expect(refused({ search: 'x' }, 'units.children').code).toBe('INVALID_INPUT');
  });
});
