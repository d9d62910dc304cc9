import { afterEach, describe, expect, test } from 'vitest';
import { searchQuery } from '../../electron/backend/units/register';
import type { TestBackend } from '../helpers/backend';
import { addUnit, checkSearchIndex, cleanupTemp, makeBackend, namesIn } from '../helpers/backend';

afterEach(cleanupTemp);

const NAMES = [
  'Đảng bộ xã Đồng Ý',
  'Đảng bộ xã Hòa Sơn',
  'Đảng bộ xã Hoà Sơn',
  'Chi bộ Ủy ban nhân dân',
  'Chi bộ Cơ quan Uỷ ban kiểm tra',
  'Đảng bộ xã Đồng Giáp',
  'Chi bộ Trường Mầm non Hồng Phong',
  'Chi bộ thôn 1',
  'Chi bộ thôn 12',
];

function registerWithNames(): TestBackend {
  const b = makeBackend();
  // "Hòa Sơn" and "Hoà Sơn" are the same name to the register: the second is confirmed.
  NAMES.forEach((name, i) =>
    addUnit(b, name, 2010, {
      code: `LS-${String(i).padStart(3, '0')}`,
      allowDuplicateName: true,
    }),
  );
  return b;
}

describe('units.list {search}', () => {
  test('"dong y" finds "Đảng bộ xã Đồng Ý" without diacritics', () => {
    const b = registerWithNames();
    expect(namesIn(b, 2020, { search: 'dong y' })).toEqual(['Đảng bộ xã Đồng Ý']);
  });

  test('with or without diacritics and in any case, finds the same', () => {
    const b = registerWithNames();
    for (const typed of ['Đồng Ý', 'ĐỒNG Ý', 'đồng ý', 'DONG Y', 'Dong Ý']) {
      expect(namesIn(b, 2020, { search: typed }), typed).toEqual(['Đảng bộ xã Đồng Ý']);
    }
  });

  test('"hoa son" finds both "Hòa Sơn" and "Hoà Sơn" (old and new tone placement)', () => {
    const b = registerWithNames();
    const found = namesIn(b, 2020, { search: 'hoa son' });
    expect(found).toHaveLength(2);
    expect(found).toEqual(expect.arrayContaining(['Đảng bộ xã Hòa Sơn', 'Đảng bộ xã Hoà Sơn']));
    expect(namesIn(b, 2020, { search: 'hoà sơn' })).toHaveLength(2);
    expect(namesIn(b, 2020, { search: 'hòa sơn' })).toHaveLength(2);
  });

  test('"uy ban" finds "Chi bộ Ủy ban nhân dân" and "Uỷ ban" spelled the old way', () => {
    const b = registerWithNames();
    expect(namesIn(b, 2020, { search: 'uy ban' })).toEqual([
      'Chi bộ Cơ quan Uỷ ban kiểm tra',
      'Chi bộ Ủy ban nhân dân',
    ]);
    expect(namesIn(b, 2020, { search: 'ủy ban nhân' })).toEqual(['Chi bộ Ủy ban nhân dân']);
  });

  test('matches word prefixes in any order, every word required', () => {
    const b = registerWithNames();
    expect(namesIn(b, 2020, { search: 'dong' })).toEqual([
      'Đảng bộ xã Đồng Giáp',
      'Đảng bộ xã Đồng Ý',
    ]);
    expect(namesIn(b, 2020, { search: 'gia đồn' })).toEqual(['Đảng bộ xã Đồng Giáp']);
    expect(namesIn(b, 2020, { search: 'dong hoa' })).toEqual([]);
    expect(namesIn(b, 2020, { search: 'mam non hong' })).toEqual([
      'Chi bộ Trường Mầm non Hồng Phong',
    ]);
  });

  test('does not match inside a word', () => {
    const b = registerWithNames();
    expect(namesIn(b, 2020, { search: 'ong' })).toEqual([]);
  });

  test('finds units by official code, ignoring case and punctuation', () => {
    const b = registerWithNames();
    expect(namesIn(b, 2020, { search: 'LS-003' })).toEqual(['Chi bộ Ủy ban nhân dân']);
    expect(namesIn(b, 2020, { search: 'ls 003' })).toEqual(['Chi bộ Ủy ban nhân dân']);
    addUnit(b, 'Chi bộ Công an xã', 2010, { code: 'ĐU-CA' });
    expect(namesIn(b, 2020, { search: 'du-ca' })).toEqual(['Chi bộ Công an xã']);
  });

  test('a number matches numbers it begins', () => {
    const b = registerWithNames();
    expect(namesIn(b, 2020, { search: 'thon 1' })).toEqual(['Chi bộ thôn 1', 'Chi bộ thôn 12']);
    expect(namesIn(b, 2020, { search: 'thon 12' })).toEqual(['Chi bộ thôn 12']);
  });

  test('search stays temporal: finds a name only in the years it was used', () => {
    const b = makeBackend();
    const unit = addUnit(b, 'Đảng bộ thị trấn Na Sầm', 2000, { kind: 'base_committee' });
    b.call('units.rename', { id: unit.id, year: 2025, name: 'Đảng bộ xã Na Sầm' });
    expect(namesIn(b, 2024, { search: 'thi tran na sam' })).toEqual(['Đảng bộ thị trấn Na Sầm']);
    expect(namesIn(b, 2025, { search: 'thi tran na sam' })).toEqual([]);
    expect(namesIn(b, 2025, { search: 'xa na sam' })).toEqual(['Đảng bộ xã Na Sầm']);
    expect(namesIn(b, 2024, { search: 'xa na sam' })).toEqual([]);
  });

  test('the index follows corrections, renames and removals', () => {
    const b = makeBackend();
    const unit = addUnit(b, 'Chi bộ Thôn Bản Lỏng', 2010);
    b.call('units.correct', {
      id: unit.id,
      versionId: unit.versions[0]!.id,
      name: 'Chi bộ Thôn Bản Loỏng',
    });
    checkSearchIndex(b.ctx.db);
    expect(namesIn(b, 2010, { search: 'ban long' })).toEqual([]);
    expect(namesIn(b, 2010, { search: 'ban loong' })).toEqual(['Chi bộ Thôn Bản Loỏng']);
    b.call('units.remove', { id: unit.id });
    checkSearchIndex(b.ctx.db);
    expect(namesIn(b, 2010, { search: 'ban loong' })).toEqual([]);
  });

  test('combines with the other filters', () => {
    const b = registerWithNames();
    addUnit(b, 'Đảng bộ Công ty Đồng Ý', 2010, { kind: 'base_committee', sector: 'enterprise' });
    expect(namesIn(b, 2020, { search: 'dong y', sector: 'enterprise' })).toEqual([
      'Đảng bộ Công ty Đồng Ý',
    ]);
  });

  test('text with search-syntax characters is taken literally and does not fail', () => {
    const b = registerWithNames();
    for (const typed of ['"dong', 'dong*', 'dong y)', 'NOT dong', 'dong OR hoa', '^dong', 'a:b']) {
      const result = b.attempt('units.list', { year: 2020, search: typed });
      expect(result.ok, typed).toBe(true);
    }
    expect(namesIn(b, 2020, { search: '"dong* y"' })).toEqual(['Đảng bộ xã Đồng Ý']);
    expect(namesIn(b, 2020, { search: 'dong OR hoa' })).toEqual([]);
  });

  test('blank search or punctuation only lists everything', () => {
    const b = registerWithNames();
    expect(namesIn(b, 2020, { search: '   ' })).toHaveLength(NAMES.length);
    expect(namesIn(b, 2020, { search: '' })).toHaveLength(NAMES.length);
  });
});

describe('searchQuery', () => {
  test('turns typed text into quoted word prefixes', () => {
    expect(searchQuery('Đồng  Ý')).toBe('"dong"* "y"*');
    expect(searchQuery('"x" OR y*')).toBe('"x"* "or"* "y"*');
    expect(searchQuery(' - ')).toBeNull();
  });
});

describe('the search query plan', () => {
  test('units.list with search uses the unit_search full-text index', () => {
    const b = registerWithNames();
    const db = b.ctx.db;
    // Catch the SQL units.list prepares, then ask SQLite how it would run it.
    const prepared: string[] = [];
    const original = db.prepare.bind(db);
    db.prepare = ((sql: string) => {
      prepared.push(sql);
      return original(sql);
    }) as typeof db.prepare;
    try {
      expect(namesIn(b, 2020, { search: 'dong y' })).toEqual(['Đảng bộ xã Đồng Ý']);
    } finally {
      db.prepare = original;
    }
    const listSql = prepared.find((sql) => sql.includes('MATCH'));
    expect(listSql, 'the list query was prepared').toBeDefined();
    const plan = db
      .prepare(`EXPLAIN QUERY PLAN ${listSql}`)
      .all({ year: 2020, match: '"dong"* "y"*', exact: 'dong y' }) as { detail: string }[];
    const details = plan.map((p) => p.detail);
    expect(
      details.some((d) => /unit_search VIRTUAL TABLE INDEX/.test(d)),
      details.join('\n'),
    ).toBe(true);
    // The matches lead: unit_versions rows are looked up by rowid, not scanned.
    expect(
      details.some((d) => /^SCAN v\b/.test(d)),
      details.join('\n'),
    ).toBe(false);
  });
});
