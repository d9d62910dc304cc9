// The nation's walk of a year followed in JavaScript (ratings/nation-walk.ts) lists exactly what
// the recursive SQL walk it replaced in walkedCommittees (NATION_WALK) lists, row for row and in
// its order (the report reads its tallies and pairs in that order, and the first pair met makes
// a cell of the table): on a register after random writes through the handlers, and with each
// damage the walk meets (a district under two parents, a loop, an orphan committee, a committee
// at the top beside the root, a chain deeper than the walk), for every year and from more than
// one top unit. Its edges are searched by unit, never by scanning the versions.
import { afterAll, describe, expect, test, vi } from 'vitest';
import type { Db } from '../../electron/backend/db/open';
import { NATION_EDGES_SQL, nationWalk } from '../../electron/backend/ratings/nation-walk';
import { NATION_WALK, walkedCommittees } from '../../electron/backend/ratings/tallies';
import { cleanupTemp, makeBackend } from '../helpers/backend';
import { prng } from '../helpers/prng';
import type { Register } from '../helpers/register-writes';
import {
  buildRegister,
  committeeChain,
  randomWrite,
  versionInserter,
} from '../helpers/register-writes';
import { queryPlan } from '../helpers/prepared';

vi.setConfig({ testTimeout: 120_000 });
afterAll(cleanupTemp);

/** Years before, across and after the register's (2016-2020). */
const ASKED = [2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021];

/** The list the recursive SQL walk gives (the code before nation-walk.ts). */
const sqlWalk = (db: Db, scopeId: string, year: number) =>
  db
    .prepare(`${NATION_WALK}SELECT unit_id FROM walked`)
    .pluck()
    .all({ scope: scopeId, year }) as string[];

/** For every year asked, the JavaScript walk equals the SQL walk; returns the longest list. */
function expectWalksEqual(db: Db, scopes: readonly string[], step: string): number {
  let longest = 0;
  for (const scopeId of scopes) {
    for (const year of ASKED) {
      const expected = sqlWalk(db, scopeId, year);
      expect(nationWalk(db, scopeId, year), `${step}: ${scopeId} in ${year}`).toEqual(expected);
      longest = Math.max(longest, expected.length);
    }
  }
  return longest;
}

/** A parent no file holds (the orphan committee's). */
const ORPHANS_PARENT = 'khong-co-to-chuc-nay';

function register() {
  const b = makeBackend();
  return { b, r: buildRegister(b) };
}

describe("the nation's walk followed in JavaScript", () => {
  test('equals the SQL walk after random writes through the handlers', async () => {
    const { b, r } = register();
    const rnd = prng(31);
    // Siblings created in an order unlike their ids' and names': the order of the edges shows.
    for (let i = 0; i < 6; i++) {
      const district = b.call('units.create', {
        name: `Huyện ủy Thêm ${6 - i}`,
        kind: 'upper_committee',
        parentId: r.provinces[i % 2]!,
        fromYear: 2015 + i,
      }).id;
      b.call('units.create', {
        name: `Chi bộ Thêm ${i}`,
        kind: 'base_cell',
        parentId: district,
        fromYear: 2015 + i,
      });
    }
    expect(expectWalksEqual(b.ctx.db, [r.rootId], 'built')).toBeGreaterThan(8);
    const done: string[] = [];
    for (let step = 0; step < 36; step++) {
      done.push(await randomWrite(b, r, rnd));
      if (step % 6 === 5) expectWalksEqual(b.ctx.db, [r.rootId], done.join(' → '));
    }
    expect(done.join('\n')).toContain('units.move ok');
    // walkedCommittees gives the root's walk as listed here (the path the reports take).
    for (const year of ASKED) {
      expect(JSON.parse(walkedCommittees(b.ctx.db, r.rootId, year).walked)).toEqual(
        sqlWalk(b.ctx.db, r.rootId, year),
      );
    }
  });

  /** Each damage, and the top units walked from (the root, and a top unit the damage makes). */
  const damages: [string, (db: Db, r: Register) => void, (r: Register) => string[]][] = [
    [
      'a district under two provinces at once',
      (db, r) => versionInserter(db).run('v-two', 2016, null, r.provinces[1]!, r.districts[0]!),
      (r) => [r.rootId],
    ],
    [
      'a loop of parents below the root',
      (db, r) => versionInserter(db).run('v-loop', 2019, null, r.districts[1]!, r.provinces[1]!),
      (r) => [r.rootId],
    ],
    [
      'an orphan committee (its parent does not exist)',
      (db, r) => {
        db.pragma('foreign_keys = OFF');
        versionInserter(db).run('v-orphan', 2017, 2018, ORPHANS_PARENT, r.base[0]!.id);
        db.pragma('foreign_keys = ON');
      },
      (r) => [r.rootId, ORPHANS_PARENT],
    ],
    [
      'a committee at the top beside the root',
      (db, r) =>
        db
          .prepare('UPDATE unit_versions SET parent_id = NULL WHERE unit_id = ?')
          .run(r.provinces[0]!),
      (r) => [r.rootId, r.provinces[0]!],
    ],
  ];
  for (const [label, damage, scopesOf] of damages) {
    test(`equals the SQL walk with ${label}`, () => {
      const { b, r } = register();
      const db = b.ctx.db;
      const scopes = scopesOf(r);
      const walks = () => scopes.flatMap((s) => ASKED.map((y) => sqlWalk(db, s, y)));
      const before = walks();
      damage(db, r);
      expect(walks(), `${label} changes the walks`).not.toEqual(before);
      expectWalksEqual(db, scopes, label);
    });
  }

  test("equals the SQL walk past its depth: a chain of 65 committees and a loop's paths", () => {
    const { b, r } = register();
    const db = b.ctx.db;
    committeeChain(b, r.provinces[0]!, 65);
    versionInserter(db).run('v-loop', 2019, null, r.districts[1]!, r.provinces[1]!);
    // Cut at the depth: the chain's last committees are not reached, the loop goes round.
    expect(expectWalksEqual(db, [r.rootId], 'deep')).toBeGreaterThan(64);
  });

  test('its edges are searched by unit, the versions never scanned', () => {
    const { b } = register();
    const details = queryPlan(b.ctx.db, NATION_EDGES_SQL, { year: 2018 });
    expect(details).toMatch(/SEARCH v USING INDEX unit_versions_by_unit/);
    expect(details).not.toMatch(/SCAN (v|unit_versions)\b/);
  });
});
