// A small register written through the contract, and random writes of every kind through the
// handlers (ratings set and removed, the ratings import, the exchange's apply and undo, units
// moved, dissolved, merged and split): what the tests of the summaries kept by the writes (the
// rating tallies, the rating transitions) run before comparing them with a full count.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../../electron/backend/db/open';
import type { TestBackend } from './backend';
import { makeBackend, makeTempDir } from './backend';
import type { Prng } from './prng';
import { prng } from './prng';

export const YEARS = [2016, 2017, 2018, 2019, 2020];
export const LEVELS: Record<'old' | 'new', readonly string[]> = {
  old: ['TSVM', 'HTTNV', 'HTNV', 'YK'],
  new: ['HTXSNV', 'HTTNV', 'HTNV', 'KHTNV'],
};
export const levelsOf = (year: number) => (year <= 2017 ? LEVELS.old : LEVELS.new);
export const REASONS = ['new', 'dissolved', 'exempt', 'other'] as const;

export interface Register {
  rootId: string;
  provinces: string[];
  districts: string[];
  /** Grassroots units with their codes and founding years. */
  base: { id: string; code: string; from: number }[];
}

/** A small register written through the contract: a nation, 2 provinces, 4 districts, 40 units. */
export function buildRegister(b: TestBackend): Register {
  const rootId = b.call('units.create', { name: 'Đảng bộ toàn quốc Mẫu', kind: 'province' }).id;
  const provinces = [1, 2].map(
    (p) =>
      b.call('units.create', { name: `Đảng bộ tỉnh Mẫu ${p}`, kind: 'province', parentId: rootId })
        .id,
  );
  const districts = [0, 1, 2, 3].map(
    (d) =>
      b.call('units.create', {
        name: `Huyện ủy Miền ${d + 1}`,
        kind: 'upper_committee',
        parentId: provinces[d % 2]!,
        fromYear: 2008,
      }).id,
  );
  const base: Register['base'] = [];
  for (let i = 0; i < 40; i++) {
    const committee = i % 3 === 0;
    const code = `CS-${String(i).padStart(3, '0')}`;
    const from = i % 11 === 4 ? 2018 : 2008;
    const id = b.call('units.create', {
      name: committee ? `Đảng bộ xã Tân Lập ${i}` : `Chi bộ thôn Nà Pàn ${i}`,
      code,
      kind: committee ? 'base_committee' : 'base_cell',
      parentId: districts[i % 4]!,
      fromYear: from,
    }).id;
    base.push({ id, code, from });
  }
  // Subordinate cells under two grassroots committees: the walk goes below the TCCSĐ too.
  for (const i of [0, 3]) {
    const cell = b.call('units.create', {
      name: `Chi bộ trực thuộc số ${i}`,
      code: `TT-${i}`,
      kind: 'subordinate_cell',
      parentId: base[i]!.id,
      fromYear: 2010,
    }).id;
    base.push({ id: cell, code: `TT-${i}`, from: 2010 });
  }
  return { rootId, provinces, districts, base };
}

export const scopesOf = (r: Register) => [r.rootId, r.provinces[0], r.districts[1], undefined];

export function randomRating(rnd: Prng, year: number) {
  if (rnd.chance(0.15)) return { levelCode: null, notRatedReason: rnd.pick(REASONS) };
  const levelCode = rnd.pick(levelsOf(year));
  // "Tiêu biểu" only on the top level, as the rules allow.
  return { levelCode, exemplary: levelCode === levelsOf(year)[0] && rnd.chance(0.5) };
}

/** The units of the register that exist in `year` (some are founded in 2018). */
export const unitsOf = (r: Register, year: number) => r.base.filter((u) => u.from <= year);

/**
 * A register with every year rated through the contract: each unit with a random rating, or a
 * `share` of them drawn unit by unit (the others left unrated).
 */
export function ratedRegister(seed: number, share = 1) {
  const b = makeBackend();
  const r = buildRegister(b);
  const rnd = prng(seed);
  for (const year of YEARS) {
    const units = share < 1 ? unitsOf(r, year).filter(() => rnd.chance(share)) : unitsOf(r, year);
    b.call('ratings.saveYear', {
      year,
      entries: units.map((u) => ({ unitId: u.id, ...randomRating(rnd, year) })),
    });
  }
  return { b, r, rnd };
}

/** 85 % of the units rated each year, then 30 random writes of every kind. */
export async function ratedAndWritten(seed: number): Promise<{ b: TestBackend; r: Register }> {
  const { b, r, rnd } = ratedRegister(seed, 0.85);
  for (let i = 0; i < 30; i++) await randomWrite(b, r, rnd);
  return { b, r };
}

/** Writes of ratings (0-4), of units' versions (5, 6, 8-10), and removals, merges, splits (7, 11). */
export const ALL_WRITES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 0, 1, 3, 5, 8, 9];

/** One random write through the handlers; failures the rules give (a unit ended…) are skipped. */
export async function randomWrite(
  b: TestBackend,
  r: Register,
  rnd: Prng,
  ops: readonly number[] = ALL_WRITES,
): Promise<string> {
  const unit = rnd.pick(r.base);
  const year = rnd.pick(YEARS);
  const op = rnd.pick(ops);
  const attempt = (method: Parameters<TestBackend['raw']>[0], input: unknown) => {
    const result = b.raw(method, input);
    return `${String(method)} ${result.ok ? 'ok' : result.error.code}`;
  };
  switch (op) {
    case 0:
    case 1: {
      const rating = randomRating(rnd, year);
      return attempt('ratings.set', { unitId: unit.id, year, ...rating });
    }
    case 2:
      return attempt('ratings.remove', { unitId: unit.id, year });
    case 3: {
      const entries = Array.from({ length: 1 + rnd.int(12) }, () => {
        const u = rnd.pick(unitsOf(r, year));
        if (rnd.chance(0.2)) return { unitId: u.id, levelCode: null };
        const rating = randomRating(rnd, year);
        return { unitId: u.id, ...rating };
      });
      const unique = [...new Map(entries.map((e) => [e.unitId, e])).values()];
      return attempt('ratings.saveYear', { year, entries: unique });
    }
    case 4: {
      const lines = ['Mã;Năm;Xếp loại'];
      for (const u of unitsOf(r, year)) {
        if (rnd.chance(0.5)) lines.push(`${u.code};${year};${rnd.pick(levelsOf(year))}`);
      }
      const path = join(makeTempDir(), 'xep-loai.csv');
      writeFileSync(path, `\uFEFF${lines.join('\n')}\n`);
      const preview = await b.callAsync('ratings.importPreview', {
        file: b.ctx.files.register(path).handle,
      });
      const result = b.raw('ratings.importApply', { planId: preview.planId, skipErrors: true });
      return `ratings import of ${lines.length - 1} rows ${result.ok ? 'ok' : result.error.code}`;
    }
    case 5:
      return attempt('units.move', {
        id: unit.id,
        year: rnd.pick([2017, 2018, 2019]),
        parentId: rnd.pick(r.districts),
        allowDuplicateName: true,
      });
    case 6:
      return attempt('units.dissolve', { id: unit.id, year: rnd.pick([2017, 2018, 2019]) });
    case 7:
      return attempt('units.remove', { id: unit.id });
    case 8: {
      const detail = b.raw('units.get', { id: unit.id });
      if (!detail.ok) return 'units.get failed';
      const versions = (detail.value as { versions: { id: string }[] }).versions;
      if (versions.length === 0) return 'no version';
      return attempt('units.correct', {
        id: unit.id,
        versionId: rnd.pick(versions).id,
        ...(rnd.chance(0.5)
          ? { kind: rnd.pick(['base_cell', 'base_committee'] as const) }
          : { parentId: rnd.pick(r.districts) }),
        allowDuplicateName: true,
      });
    }
    case 9:
      return attempt('units.changeFrom', {
        id: unit.id,
        year: rnd.pick([2017, 2018, 2019]),
        kind: rnd.pick(['base_cell', 'base_committee'] as const),
        allowDuplicateName: true,
      });
    case 10:
      return attempt('units.rename', {
        id: unit.id,
        year: rnd.pick([2017, 2018, 2019]),
        name: `${rnd.pick(['Chi bộ', 'Đảng bộ'])} đổi tên ${rnd.int(10_000)}`,
        allowDuplicateName: true,
      });
    default: {
      const other = rnd.pick(r.base);
      return rnd.chance(0.5)
        ? attempt('units.merge', {
            sourceIds: [unit.id],
            targetId: other.id,
            year: rnd.pick([2018, 2019]),
            allowDuplicateName: true,
          })
        : attempt('units.split', {
            id: unit.id,
            year: rnd.pick([2018, 2019]),
            parts: [{ name: `Chi bộ tách ra ${rnd.int(10_000)}`, kind: 'base_cell' }],
            endSource: rnd.chance(0.5),
            allowDuplicateName: true,
          });
    }
  }
}

/**
 * A chain of `depth` committees below `topId`, each under the one before, with a cell under the
 * last, all from 2008, through the contract: deeper than the walks go (64) when `depth` is 65.
 * Returns the cell's id.
 */
export function committeeChain(b: TestBackend, topId: string, depth: number): string {
  let parentId = topId;
  for (let i = 0; i < depth; i++) {
    parentId = b.call('units.create', {
      name: `Đảng bộ cấp ${i + 1}`,
      kind: 'province',
      parentId,
      fromYear: 2008,
    }).id;
  }
  return b.call('units.create', {
    name: 'Chi bộ tận cùng',
    kind: 'base_cell',
    parentId,
    fromYear: 2008,
  }).id;
}

/**
 * Adds a version to a unit around the handlers, copied from its first version with other years
 * and another parent: `run(id, validFrom, validTo, parentId, unitId)`. The damaged data (overlaps,
 * loops, two parents) the summaries must count as the live queries do.
 */
export function versionInserter(db: Db) {
  return db.prepare<[string, number, number | null, string, string]>(
    `INSERT INTO unit_versions (id, unit_id, valid_from, valid_to, name, name_folded, sort_key,
       kind, parent_id, created_at, updated_at, changed_by_installation)
     SELECT ?, unit_id, ?, ?, name, name_folded, sort_key, kind, ?, created_at, updated_at,
       changed_by_installation FROM unit_versions WHERE unit_id = ? LIMIT 1`,
  );
}
