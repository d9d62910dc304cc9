// The unit search's walk through the blocks of word initials (migration 13, units/search-blocks.ts):
// the picker's first rows and every page of a search are exactly the old list's
// (test/helpers/reference-units.ts: every row of the year matched through the full-text index,
// sorted with the collator) for every prefix of awkward queries, on a register written through
// every path that writes a version — created, corrected, renamed, moved, removed, received from
// another installation's file, and that import undone — with the blocks checked against the rows
// after each (test/helpers/search-blocks.ts). The plans: blocks read in order, the register index
// within each, no sort; a block without the letter is never walked.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MIGRATIONS } from '../../electron/backend/db/migrations';
import { openDatabase } from '../../electron/backend/db/open';
import type { UnitRow } from '../../shared/contract';
import { foldForSearch } from '../../shared/domain/text';
import type { TestBackend } from '../helpers/backend';
import { cleanupTemp, makeBackend, tempDbPath } from '../helpers/backend';
import { exportFile, importFiles } from '../helpers/exchange-sites';
import { generateNational } from '../helpers/national';
import { prng } from '../helpers/prng';
import type { ReferenceFilter } from '../helpers/reference-units';
import { referenceList } from '../helpers/reference-units';
import { checkSearchBlocks, wordBitsOf } from '../helpers/search-blocks';

const WORDS = [
  'Chi',
  'bộ',
  'Đảng',
  'đảng',
  'xã',
  'Đồng',
  'Ý',
  'thôn',
  'Nà',
  'Pàn',
  'Hòa',
  'Hoà',
  'Bình',
  'Ủy',
  'Uỷ',
  'ban',
  'Dân',
  'vận',
  'Dđ',
  'Đ',
  'd',
  'A',
  'Ăn',
  'Ân',
  'Ơn',
  'Ưu',
  'số',
  '1',
  '02',
  '10',
  '(cũ)',
  'Trường',
  'Tiểu',
  'học',
  'Zô',
  'Ðà', // a capital eth, not Đ: folded apart from d
  'İnci',
  'ıtır',
  '中文',
  'Œuvre',
  'D-12',
  'đ.2',
];

/** An awkward name: one to a dozen words, sometimes one said twice, sometimes very long. */
function awkwardName(r: ReturnType<typeof prng>, i: number): string {
  if (i % 97 === 0) return r.pick(['A', 'Đ', 'd', '1', 'Ý']);
  const length = i % 53 === 0 ? 40 : 1 + r.int(12);
  const words: string[] = [];
  for (let k = 0; k < length; k++) {
    words.push(k > 0 && r.chance(0.15) ? (words[k - 1] ?? 'xã') : r.pick(WORDS));
  }
  return words.join(' ').slice(0, 200);
}

/** A code for some units: letters, digits, đ, a dash; unique by its number. */
function awkwardCode(r: ReturnType<typeof prng>, i: number): string | undefined {
  if (i % 4 !== 0) return undefined;
  return `${r.pick(['Đ', 'd', 'HL', 'x ', 'Ân', '9'])}${r.pick(['-', '', ' '])}${i}`;
}

const QUERIES = [
  'Đảng bộ xã Đồng Ý',
  'Chi bộ thôn Nà Pàn 2',
  'Hoà Bình',
  'Uỷ ban Dân vận',
  'D-12',
  'xã xã',
  'đ.2',
  'Ðà',
  'ıtır',
  '中文',
  'Zz',
];

/** Every prefix of a query, by character, as it is typed. */
const prefixes = (q: string) => [...q].map((_, i) => [...q].slice(0, i + 1).join(''));

const ids = (rows: UnitRow[]) => rows.map((r) => r.id);

/** Every page of a search, read with the cursors the backend hands out. */
function allPages(b: TestBackend, filter: ReferenceFilter, pageSize: number): string[] {
  const rows: string[] = [];
  let after: string | undefined;
  for (let pages = 0; pages < 5_000; pages++) {
    const page = b.call('units.list', { ...filter, pageSize, after });
    rows.push(...ids(page.rows));
    if (!page.next) return rows;
    after = page.next;
  }
  throw new Error('pages never end');
}

/**
 * The picker's first rows for every prefix of every query, and the pages of each whole query and
 * of its first letter read to the end, are the old list's.
 */
function expectOldSearches(b: TestBackend, years: readonly number[]): void {
  for (const year of years) {
    for (const query of QUERIES) {
      for (const search of prefixes(query)) {
        const expected = ids(referenceList(b.ctx.db, { year, search }));
        const picker = b.call('units.list', { year, search, limit: 31 });
        expect(ids(picker.rows), `${year} "${search}"`).toEqual(expected.slice(0, 31));
      }
      for (const search of [query, [...query][0] ?? '']) {
        const expected = ids(referenceList(b.ctx.db, { year, search }));
        expect(allPages(b, { year, search }, 17), `${year} "${search}" pages`).toEqual(expected);
      }
    }
  }
}

let b: TestBackend;
let provinceId: string;
const created: string[] = [];

beforeAll(() => {
  b = makeBackend();
  provinceId = b.call('units.create', {
    name: 'Đảng bộ tỉnh Mẫu Sơn',
    code: 'MAU',
    kind: 'province',
    fromYear: 2000,
  }).id;
  b.call('setup.complete', {
    operatorName: 'Ban Tổ chức Tỉnh ủy',
    ownUnit: { mode: 'existing', unitId: provinceId },
  });
  // A register of plain names first, in the shape of the bench's ("Chi bộ thôn Nà Pàn …" before
  // any word in d), written straight into the tables; then awkward units through units.create.
  generateNational(b.ctx.db, {
    provinces: 1,
    districts: 6,
    units: 700,
    firstYear: 2015,
    years: 2,
    seed: 11,
    renameEvery: 9,
  });
  const r = prng(20260130);
  const districts = [provinceId];
  for (let i = 0; i < 520; i++) {
    const upper = i % 10 === 0;
    const unit = b.call('units.create', {
      name: awkwardName(r, i),
      code: awkwardCode(r, i),
      kind: upper ? 'upper_committee' : 'base_cell',
      parentId: upper ? provinceId : (districts[r.int(districts.length)] ?? provinceId),
      fromYear: upper ? 2005 : 2010 + r.int(12),
      allowDuplicateName: true,
    });
    if (i % 10 === 0) districts.push(unit.id);
    created.push(unit.id);
  }
}, 120_000);

afterAll(() => {
  b.close();
  cleanupTemp();
});

describe('a search walks only the blocks that can hold its words', () => {
  test('the blocks match the rows, and grew by splitting as units were created', () => {
    expect(checkSearchBlocks(b.ctx.db)).toBeGreaterThan(8);
  });

  test('every prefix of awkward queries: the picker and the pages are the old list', () => {
    expectOldSearches(b, [2016, 2024]);
  });

  test('after corrections, renames, moves and removals: the blocks and the searches still hold', () => {
    const r = prng(7);
    for (const [i, id] of created.entries()) {
      const detail = b.call('units.get', { id });
      if (!detail.current) continue;
      if (i % 5 === 0) {
        // Corrected in place: the version's name, code and sort key change (an UPDATE).
        b.call('units.correct', {
          id,
          versionId: detail.current.versionId,
          name: `Đội ${awkwardName(r, i + 1)}`,
          code: i % 10 === 0 ? `Đ${i}` : null,
          allowDuplicateName: true,
        });
      } else if (i % 5 === 1 && detail.current.validFrom < 2023) {
        b.call('units.rename', {
          id,
          year: 2023,
          name: `${awkwardName(r, i + 2)} đổi tên`,
          allowDuplicateName: true,
        });
      } else if (i % 5 === 2 && detail.current.validFrom < 2022 && i % 10 !== 2) {
        b.call('units.move', { id, year: 2022, parentId: provinceId, allowDuplicateName: true });
      } else if (i % 13 === 3) {
        b.call('units.remove', { id });
      }
    }
    checkSearchBlocks(b.ctx.db);
    expectOldSearches(b, [2024]);
  });
});

describe('a register received from another installation', () => {
  test('imported, then changed and imported again, then that import undone', async () => {
    const target = makeBackend();
    const first = await exportFile(b);
    await importFiles(target, [first.path]);
    expect(checkSearchBlocks(target.ctx.db)).toBeGreaterThan(3);
    expectOldSearches(target, [2024]);

    const r = prng(99);
    for (const id of created.slice(0, 60)) {
      const got = b.attempt('units.get', { id });
      if (!got.ok) continue; // removed in the test before
      b.call('units.correct', {
        id,
        versionId: got.value.current.versionId,
        name: `Dân ${awkwardName(r, 3)}`,
        allowDuplicateName: true,
      });
    }
    const second = await exportFile(b);
    const { result } = await importFiles(target, [second.path], {
      conflicts: { all: 'take_incoming' },
    });
    checkSearchBlocks(target.ctx.db);
    expectOldSearches(target, [2024]);

    target.call('exchange.undo', { batchId: result.batches[0]?.id ?? '' });
    checkSearchBlocks(target.ctx.db);
    expectOldSearches(target, [2024]);
  });
});

describe('a letter no block held before', () => {
  test('is found after each kind of write: created, corrected, renamed, moved', () => {
    // A plain register ("Chi bộ thôn Nà Pàn …", "Đảng bộ xã Tân Lập …"): no word in q, k, g or v.
    const plain = makeBackend();
    const shape = generateNational(plain.ctx.db, {
      provinces: 1,
      districts: 3,
      units: 600,
      firstYear: 2015,
      years: 2,
      seed: 5,
    });
    const lacking = (text: string) => {
      const bits = wordBitsOf(foldForSearch(text));
      return plain.ctx.db
        .prepare('SELECT count(*) FROM unit_search_blocks WHERE (mask & ?) = ?')
        .pluck()
        .get(bits, bits) as number;
    };
    expect(checkSearchBlocks(plain.ctx.db)).toBeGreaterThan(4);
    for (const word of ['q', 'k', 'g', 'v']) expect(lacking(word)).toBe(0);
    const district = shape.districtIds[1] ?? '';
    const [a, c, d] = shape.baseIds.slice(300, 303);
    const expectFound = (search: string, name: string) => {
      checkSearchBlocks(plain.ctx.db);
      const rows = plain.call('units.list', { year: 2024, search, limit: 31 }).rows;
      expect(rows.map((r) => r.name)).toContain(name);
      expect(ids(rows)).toEqual(ids(referenceList(plain.ctx.db, { year: 2024, search })));
    };
    plain.call('units.create', {
      name: 'Chi bộ Quế Võ',
      kind: 'base_cell',
      parentId: district,
      fromYear: 2010,
    });
    expectFound('que', 'Chi bộ Quế Võ');
    // Corrected in place: the version's row is updated, its sort key and words change.
    const corrected = plain.call('units.get', { id: a ?? '' });
    plain.call('units.correct', {
      id: a ?? '',
      versionId: corrected.current.versionId,
      name: 'Chi bộ Kỳ Sơn',
    });
    expectFound('ky son', 'Chi bộ Kỳ Sơn');
    plain.call('units.correct', {
      id: c ?? '',
      versionId: plain.call('units.get', { id: c ?? '' }).current.versionId,
      code: 'GV-7',
    });
    expectFound('gv', plain.call('units.get', { id: c ?? '' }).current.name);
    plain.call('units.rename', { id: d ?? '', year: 2022, name: 'Chi bộ Vân Hồ' });
    expectFound('v', 'Chi bộ Vân Hồ');
    plain.call('units.move', { id: d ?? '', year: 2023, parentId: shape.districtIds[2] ?? '' });
    expectFound('van ho', 'Chi bộ Vân Hồ');
    plain.close();
  });
});

describe('the walk', () => {
  test('leaves out the blocks without the letter: "d" walks a few of them', () => {
    const d = Number(wordBitsOf(foldForSearch('d')));
    const blocks = b.ctx.db
      .prepare('SELECT count(*) AS total, sum((mask & ?) = ?) AS with_d FROM unit_search_blocks')
      .get(d, d) as { total: number; with_d: number };
    expect(blocks.with_d).toBeGreaterThan(0);
    expect(blocks.with_d).toBeLessThan(blocks.total);
  });
});

/** The plans of what a call prepares, caught on its way to SQLite, through a fresh backend. */
function plansOf(dbPath: string, run: (fresh: TestBackend) => void): string[] {
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
  const params: Record<string, unknown> = {
    year: 2024,
    limit: 18,
    bits: 2 ** 4,
    afterKey: 'x',
    afterId: 'x',
    exact: 'd',
    word0: ' d',
    afterNegRank: 0,
    afterNull: 1,
    afterOrder: 0,
  };
  const plans = prepared
    .filter((sql) => sql.includes('unit_search_blocks b'))
    .map((sql) => {
      const used = Object.fromEntries(
        Object.entries(params).filter(([k]) => sql.includes(`:${k}`)),
      );
      const rows = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(used) as { detail: string }[];
      return rows.map((r) => r.detail).join('\n');
    });
  fresh.close();
  return plans;
}

describe('plans', () => {
  test('a search page and the next: blocks in order, the register index inside each, no sort', () => {
    const plans = plansOf(b.dbPath, (f) => {
      const first = f.call('units.list', { year: 2024, search: 'd', limit: 17 });
      expect(first.rows.length).toBe(17);
      const page = f.call('units.list', { year: 2024, search: 'd', pageSize: 17 });
      f.call('units.list', { year: 2024, search: 'd', pageSize: 17, after: page.next ?? '' });
    });
    // The picker's probe, the first page's walk and the next page's walk from its cursor.
    expect(plans.length).toBeGreaterThanOrEqual(2);
    for (const plan of plans) {
      expect(plan).toContain('SCAN b USING COVERING INDEX unit_search_blocks_walk');
      expect(plan).toMatch(
        /SEARCH v USING (COVERING )?INDEX unit_versions_register \(sort_key>\? AND sort_key<\?\)/,
      );
      expect(plan).not.toContain('TEMP B-TREE');
      expect(plan).not.toMatch(/SCAN (v|u|pv)\b/);
    }
  });
});

describe('migration unit-search-blocks', () => {
  const VERSION = MIGRATIONS.find((m) => m.name === 'unit-search-blocks')?.version ?? 0;

  test('a file from the version before gains the blocks of its register and keeps every row', () => {
    // A register written into a file of the version before (built there, not rewound from a
    // later one: a later migration need not run twice).
    const path = tempDbPath();
    const old = openDatabase(path, { migrateTo: VERSION - 1 }).db;
    expect(old.pragma('user_version', { simple: true })).toBe(VERSION - 1);
    generateNational(old, {
      provinces: 1,
      districts: 4,
      units: 900,
      firstYear: 2015,
      years: 2,
      seed: 3,
      renameEvery: 4,
    });
    const expected = ids(referenceList(old, { year: 2024, search: 'd' })).slice(0, 31);
    const rowsOf = (db: typeof old) =>
      ['units', 'unit_versions', 'unit_search_data'].map((t) =>
        db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all(),
      );
    const before = rowsOf(old);
    old.close();

    const { db } = openDatabase(path, { backupDir: tempDbPath('backups') });
    try {
      expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(VERSION);
      expect(rowsOf(db)).toEqual(before);
      expect(checkSearchBlocks(db)).toBeGreaterThan(10);
    } finally {
      db.close();
    }
    const reopened = makeBackend({ dbPath: path });
    expect(ids(reopened.call('units.list', { year: 2024, search: 'd', limit: 31 }).rows)).toEqual(
      expected,
    );
    reopened.close();
  });
});
