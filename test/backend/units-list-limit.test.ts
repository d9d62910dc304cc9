// units.list with a limit: what the unit picker asks for, so it never loads the whole register.
import { afterEach, describe, expect, test } from 'vitest';
import type { TestBackend } from '../helpers/backend';
import { addUnit, cleanupTemp, errorOf, makeBackend } from '../helpers/backend';

afterEach(cleanupTemp);

function register(): TestBackend {
  const b = makeBackend();
  for (let i = 1; i <= 40; i++) {
    addUnit(b, `Chi bộ thôn Nà ${i}`, 2010, { code: `BG${String(i).padStart(2, '0')}` });
  }
  addUnit(b, 'Chi bộ Trường Tiểu học', 2010, { code: 'BG020' });
  addUnit(b, 'Chi bộ thôn BG02 cũ', 2010);
  return b;
}

/** The SQL statements a call prepares, caught on their way to SQLite. */
function preparedBy(b: TestBackend, run: () => void): string[] {
  const db = b.ctx.db;
  const prepared: string[] = [];
  const original = db.prepare.bind(db);
  db.prepare = ((sql: string) => {
    prepared.push(sql);
    return original(sql);
  }) as typeof db.prepare;
  try {
    run();
  } finally {
    db.prepare = original;
  }
  return prepared;
}

describe('units.list {limit}', () => {
  test('the unit whose code is typed in full comes first, in any case', () => {
    const b = register();
    for (const typed of ['BG02', 'bg02', ' Bg02 ']) {
      const rows = b.call('units.list', { year: 2017, search: typed, limit: 5 }).rows;
      expect(
        rows.map((r) => r.code),
        typed,
      ).toEqual(['BG02', null, 'BG020']);
    }
  });

  test('a name typed in full comes before longer names that start with it', () => {
    const b = register();
    const rows = b.call('units.list', { year: 2017, search: 'chi bo thon na 1', limit: 3 }).rows;
    expect(rows[0]!.name).toBe('Chi bộ thôn Nà 1');
  });

  test('returns at most the limit, in the register order', () => {
    const b = register();
    const rows = b.call('units.list', { year: 2017, limit: 10 }).rows;
    expect(rows).toHaveLength(10);
    expect(rows[0]!.name).toBe('Chi bộ thôn BG02 cũ');
  });

  test('without a search, the first rows come from the sort-key index, not a sort of everything', () => {
    const b = register();
    const [sql] = preparedBy(b, () => b.call('units.list', { year: 2017, limit: 10 })).filter((s) =>
      s.includes('INDEXED BY unit_versions_register'),
    );
    expect(sql).toBeDefined();
    const plan = (
      b.ctx.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all({ year: 2017, limit: 10 }) as {
        detail: string;
      }[]
    ).map((p) => p.detail);
    expect(plan.join('\n')).toContain('USING INDEX unit_versions_register');
    expect(plan.join('\n')).not.toContain('TEMP B-TREE');
  });

  test('a limit that is not a whole number from 1 to 500 is refused in Vietnamese', () => {
    const b = register();
    const before = b.snapshot();
    for (const [limit, message] of [
      [0, 'Số dòng tối đa phải từ 1 đến 500.'],
      [501, 'Số dòng tối đa phải từ 1 đến 500.'],
      [1.5, 'Số dòng tối đa phải là số nguyên.'],
      ['10', 'Số dòng tối đa phải là số.'],
    ] as const) {
      const error = errorOf(b.attempt('units.list', { year: 2017, limit }));
      expect(error.code, String(limit)).toBe('INVALID_INPUT');
      expect(error.message, String(limit)).toContain(message);
    }
    expect(b.snapshot()).toBe(before);
  });
});
