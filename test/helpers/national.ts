// A national-size data set (DOMAIN.md §7) written straight into the real tables in one
// transaction: provinces → district-level committees → grassroots units, with ten years of
// ratings. Shared by the national-size test (one province, 700 districts) and `npm run bench`
// (20 provinces, 435 districts, as issue 10 measures), so both read the same kind of data.
import type { Db } from '../../electron/backend/db/open';
import { deferTallies, rebuildTallies } from '../../electron/backend/ratings/tallies';
import { scaleForYear } from '../../shared/domain/scales';
import { unitSortKey } from '../../shared/domain/sort-key';
import { foldForSearch } from '../../shared/domain/text';

export interface NationalShape {
  /**
   * The name of one unit above the provinces, for an installation whose own unit covers the
   * whole nation (the bench exports it in one file); absent: the provinces have no parent.
   */
  root?: string;
  /** Provincial committees; with one, it is named "Đảng bộ tỉnh Mẫu". */
  provinces: number;
  /** District-level committees, district d under province d % provinces. */
  districts: number;
  /** Every unit: the root (if any) + provinces + districts + grassroots units. */
  units: number;
  firstYear: number;
  years: number;
  /** Seed of the generator, so a failure can be reproduced. */
  seed: number;
  /**
   * Every grassroots unit i with i % renameEvery === 1 is renamed in 2021 (a second version and
   * a "renamed" lineage event), so the register has the year-ranged versions real data has.
   * Absent: one version per unit.
   */
  renameEvery?: number;
}

/** The national-size test's shape: one province over 700 district-level committees. */
export const ONE_PROVINCE: NationalShape = {
  provinces: 1,
  districts: 700,
  units: 55_000,
  firstYear: 2015,
  years: 10,
  seed: 20170217,
};

/**
 * Issue 10's national shape: 20 provinces → 435 district committees → 54,544 grassroots units,
 * under one root that the bench's installation has as its own unit.
 */
export const NATION: NationalShape = {
  root: 'Đảng bộ toàn quốc Mẫu',
  provinces: 20,
  districts: 435,
  units: 55_000,
  firstYear: 2015,
  years: 10,
  seed: 20170217,
  renameEvery: 27,
};

export const RENAME_YEAR = 2021;

/** Stored per unit and year: 0 = no rating row (or a removed one), 1–4 = tier, 5 = not rated (new). */
export const NONE = 0;
export const NEW = 5;

export const CODES_2008 = ['TSVM', 'HTTNV', 'HTNV', 'YK'];
export const CODES_2018 = ['HTXSNV', 'HTTNV', 'HTNV', 'KHTNV'];
export const codeOf = (year: number, tier: number) =>
  (year <= 2017 ? CODES_2008 : CODES_2018)[tier - 1]!;

/** A small seeded generator, so a failure can be reproduced. */
export function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface NationalData {
  shape: NationalShape;
  rootId: string | null;
  provinceIds: string[];
  districtIds: string[];
  baseIds: string[];
  districtOf: Int32Array;
  validFrom: Int32Array;
  validTo: Int32Array;
  /** tier (or NONE / NEW) of base unit i in year firstYear + y at [i * years + y]. */
  rating: Uint8Array;
  exemplary: Uint8Array;
  dongY: string;
  /** Rows written, per table. */
  rows: { units: number; versions: number; events: number; ratings: number };
}

export const baseUnitCount = (shape: NationalShape) =>
  shape.units - (shape.root === undefined ? 0 : 1) - shape.provinces - shape.districts;

/**
 * Writes the data set into `db` (the app's schema, empty register) in one transaction. Each
 * district has its share of grassroots units (unit i under district i % districts). Some units
 * are founded in 2020 (rated "new" that year), some dissolved in 2019, some years are missing and
 * some ratings are tombstoned.
 */
export function generateNational(db: Db, shape: NationalShape): NationalData {
  const { provinces, districts, firstYear, years } = shape;
  const baseUnits = baseUnitCount(shape);
  const random = mulberry32(shape.seed);
  const now = new Date().toISOString();
  const installation = 'scale-test';
  const insertUnit = db.prepare(
    `INSERT INTO units(id, founded_year, ended_year, created_at, updated_at, changed_by_installation)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const insertVersion = db.prepare(
    `INSERT INTO unit_versions(id, unit_id, valid_from, valid_to, name, name_folded, sort_key, code,
       code_folded, kind, sector, parent_id, created_at, updated_at, changed_by_installation)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertEvent = db.prepare(
    `INSERT INTO lineage_events(id, unit_id, type, year, created_at, updated_at, changed_by_installation)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertRating = db.prepare(
    `INSERT INTO ratings(id, unit_id, year, scale_id, level_code, not_rated_reason, exemplary,
       created_at, updated_at, changed_by_installation, deleted_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const rows = { units: 0, versions: 0, events: 0, ratings: 0 };
  const version = (
    unitId: string,
    from: number,
    to: number | null,
    name: string,
    kind: string,
    sector: string | null,
    parent: string | null,
    code: string | null,
  ) => {
    insertVersion.run(
      crypto.randomUUID(),
      unitId,
      from,
      to,
      name,
      foldForSearch(name),
      unitSortKey(name),
      code,
      code ? foldForSearch(code) : null,
      kind,
      sector,
      parent,
      now,
      now,
      installation,
    );
    rows.versions++;
  };
  const unit = (
    name: string,
    from: number,
    to: number | null,
    kind: string,
    sector: string | null,
    parent: string | null,
    code: string | null = null,
    renamedTo: string | null = null,
  ) => {
    const id = crypto.randomUUID();
    insertUnit.run(id, from, to, now, now, installation);
    rows.units++;
    if (renamedTo === null) {
      version(id, from, to, name, kind, sector, parent, code);
    } else {
      version(id, from, RENAME_YEAR - 1, name, kind, sector, parent, code);
      version(id, RENAME_YEAR, to, renamedTo, kind, sector, parent, code);
      insertEvent.run(crypto.randomUUID(), id, 'renamed', RENAME_YEAR, now, now, installation);
      rows.events++;
    }
    return id;
  };

  const data: NationalData = {
    shape,
    rootId: null,
    provinceIds: [],
    districtIds: [],
    baseIds: [],
    districtOf: new Int32Array(baseUnits),
    validFrom: new Int32Array(baseUnits),
    validTo: new Int32Array(baseUnits),
    rating: new Uint8Array(baseUnits * years),
    exemplary: new Uint8Array(baseUnits * years),
    dongY: '',
    rows,
  };
  // The summaries' triggers (migrations 12 and 18) switched off as a bulk import switches them,
  // and everything counted once at the end: row by row they made the nation's build ~7x slower.
  // A file of an older version (a migration's test) has no summaries to switch: its triggers,
  // if any, count row by row as that version did.
  const summaries =
    db
      .prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?")
      .pluck()
      .get('rating_transitions') === 1;
  db.transaction(() => {
    if (summaries) deferTallies(db);
    if (shape.root !== undefined) {
      data.rootId = unit(shape.root, 1930, null, 'province', null, null, 'TQ');
    }
    for (let p = 0; p < provinces; p++) {
      const name = provinces === 1 ? 'Đảng bộ tỉnh Mẫu' : `Đảng bộ tỉnh Mẫu ${p + 1}`;
      const code = provinces === 1 ? null : `T-${String(p + 1).padStart(2, '0')}`;
      data.provinceIds.push(unit(name, 1930, null, 'province', null, data.rootId, code));
    }
    for (let d = 0; d < districts; d++) {
      const code = `H-${String(d + 1).padStart(3, '0')}`;
      data.districtIds.push(
        unit(
          `Đảng bộ huyện Miền ${d + 1}`,
          2008,
          null,
          'upper_committee',
          null,
          data.provinceIds[d % provinces]!,
          code,
        ),
      );
    }
    for (let i = 0; i < baseUnits; i++) {
      const d = i % districts;
      const isNew = i % 53 === 7; // 53 does not divide 700: new units spread over districts
      const dissolved = !isNew && i % 97 === 5;
      const from = isNew ? 2020 : 2008;
      const to = dissolved ? 2019 : null;
      const committee = i % 3 === 0;
      const name =
        i === 0
          ? 'Đảng bộ xã Đồng Ý'
          : committee
            ? `Đảng bộ xã Tân Lập ${i}`
            : `Chi bộ thôn Nà Pàn ${i}`;
      const renamed =
        shape.renameEvery !== undefined && i % shape.renameEvery === 1 && to === null && !isNew;
      const id = unit(
        name,
        from,
        to,
        committee ? 'base_committee' : 'base_cell',
        committee ? 'commune' : 'other',
        data.districtIds[d]!,
        null,
        renamed ? `${name} mới` : null,
      );
      if (i === 0) data.dongY = id;
      data.baseIds.push(id);
      data.districtOf[i] = d;
      data.validFrom[i] = from;
      data.validTo[i] = to ?? 9999;
      for (let y = 0; y < years; y++) {
        const year = firstYear + y;
        if (year < from || year > (to ?? 9999)) continue;
        const scaleId = scaleForYear(year)!.id;
        const at = i * years + y;
        if (isNew && year === 2020) {
          insertRating.run(
            crypto.randomUUID(),
            id,
            year,
            scaleId,
            null,
            'new',
            0,
            now,
            now,
            installation,
            null,
          );
          rows.ratings++;
          data.rating[at] = NEW;
          continue;
        }
        if ((i * 7 + year) % 31 === 0) continue; // no rating recorded that year
        const x = random();
        // Before 2018 TSVM covered many units; from 2018 HTXSNV is capped (about 15% of HTTNV).
        const tier =
          year <= 2017
            ? x < 0.3
              ? 1
              : x < 0.8
                ? 2
                : x < 0.95
                  ? 3
                  : 4
            : x < (year === 2020 ? 0.15 : 0.08)
              ? 1
              : x < 0.7
                ? 2
                : x < 0.95
                  ? 3
                  : 4;
        const exemplary = tier === 1 && year <= 2017 && random() < 0.2 ? 1 : 0;
        const removed = i % 211 === 3 && year === 2017;
        insertRating.run(
          crypto.randomUUID(),
          id,
          year,
          scaleId,
          codeOf(year, tier),
          null,
          exemplary,
          now,
          now,
          installation,
          removed ? now : null,
        );
        rows.ratings++;
        if (removed) continue;
        data.rating[at] = tier;
        data.exemplary[at] = exemplary;
      }
    }
    if (summaries) rebuildTallies(db);
  })();
  return data;
}
