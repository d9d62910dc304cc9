// ratings.transitions of a whole register, a province or a district read as numbered pairs
// (transition-summary.ts summaryGroups, transition-sides.ts): the same answer as the live count
// (test/helpers/reference-transitions.ts) on every scope, kind set and crosswalk; a rating no scale
// knows falls back to the rows as stored (still the live answer); every side of the catalog gets
// its number in SQL; and the read sorts nothing (EXPLAIN QUERY PLAN).
import { afterAll, describe, expect, test, vi } from 'vitest';
import type { UnitKind } from '../../shared/domain/units';
import { compareRatings } from '../../shared/domain/progress';
import { RATED_KINDS } from '../../shared/domain/scales';
import { parsePairs, summaryGroups } from '../../electron/backend/ratings/transition-summary';
import {
  SIDES,
  pairCode,
  pairTrends,
  sideSql,
} from '../../electron/backend/ratings/transition-sides';
import type { Db } from '../../electron/backend/db/open';
import type { TestBackend } from '../helpers/backend';
import { cleanupTemp, makeBackend } from '../helpers/backend';
import { prng } from '../helpers/prng';
import { preparedDuring, queryPlan } from '../helpers/prepared';
import {
  YEARS,
  buildRegister,
  ratedAndWritten,
  scopesOf,
  unitsOf,
} from '../helpers/register-writes';
import type { Register } from '../helpers/register-writes';
import { liveTransitions } from '../helpers/reference-transitions';

vi.setConfig({ testTimeout: 120_000 });
afterAll(cleanupTemp);

const KIND_SETS: (UnitKind[] | undefined)[] = [undefined, ['base_cell'], ['base_committee']];

/** Every consecutive pair of years, scope, kind set and crosswalk: the answer equals the live one. */
function expectAsLive(b: TestBackend, scopes: (string | undefined)[], label: string) {
  let coded = 0;
  for (const toYear of [...YEARS, 2021]) {
    for (const scopeId of scopes) {
      for (const kinds of KIND_SETS) {
        for (const crosswalk of [false, true]) {
          const input = {
            fromYear: toYear - 1,
            toYear,
            crosswalk,
            ...(scopeId ? { scopeId } : {}),
            ...(kinds ? { kinds } : {}),
          };
          const step = `${label} ${JSON.stringify(input)}`;
          expect(b.call('ratings.transitions', input), step).toEqual(
            liveTransitions(b.ctx.db, input),
          );
          const groups = summaryGroups(b.ctx.db, { ...input, kinds: kinds ?? RATED_KINDS });
          if (groups) coded++;
        }
      }
    }
  }
  return coded;
}

describe('ratings.transitions summed from numbered pairs', () => {
  test('equals the live count for the nation, no scope, a province and a district', async () => {
    const { b, r } = await ratedAndWritten(4242);
    const coded = expectAsLive(b, [...scopesOf(r), r.provinces[1]], 'clean');
    // Clean data: every consecutive pair of years of every scope is read as numbered pairs.
    expect(coded).toBe((YEARS.length + 1) * 5 * KIND_SETS.length * 2);
  });

  test('a rating with a level no scale knows is read as stored, and still equals the live count', async () => {
    const { b, r } = await ratedAndWritten(99);
    const db = b.ctx.db;
    const unit = unitsOf(r, 2019).find(
      (u) =>
        db
          .prepare('SELECT 1 FROM ratings WHERE unit_id = ? AND year = 2019 AND deleted_at IS NULL')
          .get(u.id) !== undefined,
    );
    expect(unit).toBeDefined();
    db.prepare("UPDATE ratings SET level_code = 'LA' WHERE unit_id = ? AND year = 2019").run(
      unit?.id,
    );
    const question = { fromYear: 2018, toYear: 2019, scopeId: r.rootId, kinds: RATED_KINDS };
    expect(summaryGroups(db, question)).toBeNull();
    expect(summaryGroups(db, { ...question, fromYear: 2016, toYear: 2017 })).not.toBeNull();
    expectAsLive(b, [...scopesOf(r), r.provinces[1]], 'unknown level');
    const answer = b.call('ratings.transitions', { fromYear: 2018, toYear: 2019 });
    expect(answer.matrix.some((cell) => cell.to === 'LA')).toBe(true);
  });

  test('a committee the walk reaches twice (two parents) is read as stored, once per path, as the live count', async () => {
    const { b, r } = await ratedAndWritten(7);
    const db = b.ctx.db;
    // A second version of a district under the other province, written behind the app's back.
    db.prepare(
      `INSERT INTO unit_versions (id, unit_id, valid_from, valid_to, name, name_folded, sort_key,
         kind, parent_id, created_at, updated_at, changed_by_installation)
       SELECT 'v-twice', unit_id, 2016, NULL, name, name_folded, sort_key, kind, ?, created_at,
         updated_at, changed_by_installation FROM unit_versions WHERE unit_id = ? LIMIT 1`,
    ).run(r.provinces[1], r.districts[0]);
    const question = { fromYear: 2018, toYear: 2019, kinds: RATED_KINDS };
    expect(summaryGroups(db, { ...question, scopeId: r.rootId })).toBeNull();
    expect(summaryGroups(db, question)).not.toBeNull();
    expectAsLive(b, [...scopesOf(r), r.provinces[1]], 'two parents');
  });
});

describe('the sides of a pair', () => {
  test('SQLite numbers every side of the catalog as SIDES does, and an unknown one not at all', () => {
    const b = makeBackend();
    const values = SIDES.map(
      (s, i) =>
        `(${i}, ${s.state}, '${s.scale}', '${s.level}', ${s.state}, '${s.scale}', '${s.level}')`,
    );
    const unknown = [
      `(-1, 1, 'qd124-2023', 'LA', 0, '', '')`,
      `(-1, 1, 'qd124-2023', '', 0, '', '')`,
      `(-1, 2, 'no-such-scale', '', 0, '', '')`,
    ];
    const rows = b.ctx.db
      .prepare(
        `WITH t(i, from_state, from_scale, from_level, to_state, to_scale, to_level) AS
           (VALUES ${[...values, ...unknown].join(', ')})
         SELECT i, ${sideSql('t', 'from')} AS a, ${sideSql('t', 'to')} AS b FROM t`,
      )
      .all() as { i: number; a: number | null; b: number | null }[];
    for (const row of rows) {
      if (row.i === -1) expect(row.a).toBeNull();
      else expect([row.a, row.b]).toEqual([row.i, row.i]);
    }
  });

  test("each pair's trend is compareRatings' for it", () => {
    for (const [fromYear, toYear] of [
      [2017, 2018],
      [2023, 2024],
    ] as const) {
      for (const crosswalk of [false, true]) {
        const trends = pairTrends(fromYear, toYear, crosswalk);
        SIDES.forEach((a, i) =>
          SIDES.forEach((b, j) => {
            const point = (s: typeof a, year: number) =>
              s.state === 0
                ? null
                : { year, scaleId: s.scale, levelCode: s.state === 1 ? s.level : null };
            expect(trends[pairCode(i, j)]).toBe(
              compareRatings(point(a, fromYear), point(b, toYear), { crosswalk }).trend,
            );
          }),
        );
      }
    }
  });
});

describe("a group's pairs as SQLite joins them", () => {
  /** The reading parsePairs replaced: split into entries, then each side of its colon. */
  function splitPairs(list: string): number[] | null {
    const pairs: number[] = [];
    for (const entry of list.split(',')) {
      const colon = entry.indexOf(':');
      const code = Number(entry.slice(0, colon));
      if (code === -1) return null;
      pairs.push(code, Number(entry.slice(colon + 1)));
    }
    return pairs;
  }

  test('read character by character as split and converted, an unknown pair refused', () => {
    const rng = prng(2026);
    const next = () => rng.next();
    for (let round = 0; round < 2000; round++) {
      const entries = Array.from({ length: 1 + Math.floor(next() * 40) }, () => {
        const code = next() < 0.02 ? -1 : Math.floor(next() * SIDES.length * SIDES.length);
        const n = next() < 0.05 ? -Math.floor(next() * 5) : Math.floor(next() * 100_000);
        return `${code}:${n}`;
      });
      const list = entries.join(',');
      expect(parsePairs(list), list).toEqual(splitPairs(list));
    }
    expect(parsePairs('0:12')).toEqual([0, 12]);
    expect(parsePairs('403:1,-1:7')).toBeNull();
    expect(parsePairs('-1:7,403:1')).toBeNull();
    expect(parsePairs('5:-0')).toEqual([5, -0]);
    for (const bad of ['', '1', '1:', ':1', '1:2,', '1,2', '1:2:3', '1:a', '--1:2', '1:2,,3:4']) {
      expect(() => parsePairs(bad), bad).toThrow('unreadable pairs');
    }
  });
});

describe('the numbered pairs read by index (EXPLAIN QUERY PLAN)', () => {
  test('searched by year and parent (or read in key order), grouped without a sort, no ratings read', async () => {
    // A register just made, and one rated and written to by every kind of write.
    const fresh = makeBackend();
    const registers = [{ b: fresh, r: buildRegister(fresh) }, await ratedAndWritten(7)];
    for (const { b, r } of registers) expectPairsByIndex(b.ctx.db, r);
  });
});

/** The nation's, a province's and the whole register's pairs read as the test above says. */
function expectPairsByIndex(db: Db, r: Register): void {
  const question = { fromYear: 2018, toYear: 2019, kinds: RATED_KINDS };
  const statements = preparedDuring(db, () => {
    summaryGroups(db, { ...question, scopeId: r.rootId });
    summaryGroups(db, { ...question, scopeId: r.provinces[0] });
    summaryGroups(db, question);
  });
  const reads = statements.filter((sql) => sql.includes('group_concat'));
  expect(reads).toHaveLength(3);
  for (const sql of reads) {
    const plan = queryPlan(db, sql, { year: 2019, scope: r.rootId, kinds: '["base_cell"]' });
    // The only sort: the walk's few committees counted distinct (WALKED_TWICE).
    expect(plan).not.toMatch(/TEMP B-TREE FOR (GROUP BY|ORDER BY|DISTINCT)/);
    expect(plan.match(/TEMP B-TREE/g) ?? []).toHaveLength(sql.includes('WITH RECURSIVE') ? 1 : 0);
    expect(plan).not.toMatch(/\bratings\b/);
    expect(plan).not.toMatch(/SCAN (t|v|unit_versions)\b/);
    // Migration 23's index holds each row's pair number: read from it, covering.
    expect(plan).toMatch(
      sql.includes('WITH RECURSIVE')
        ? /SEARCH t USING COVERING INDEX rating_transitions_coded \(year=\? AND parent_id=\?/
        : /SEARCH t USING COVERING INDEX rating_transitions_coded \(year=\?/,
    );
  }
}
