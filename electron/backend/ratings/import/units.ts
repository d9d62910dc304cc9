// Finds the unit an import row names: by code, else by name under its parent; plans the units
// the file names that the register does not have yet. Lookups are cached per key;
// `prefetchRows` reads every code a file uses with one query, the children of the parents those
// codes name with one more, and the other names with a third (a national file of 55,000 rows
// would otherwise make 55,000 name lookups); a key it did not read is still looked up on its
// own, so the answers are the same either way.
//
// A unit named in a file but missing from the register exists already in reality, and the file
// does not say since when: it is created "có từ trước" (founding year unknown, present in every
// year), as are the parents made for it, never founded in whatever year the file rates first.
// Under a parent whose founding year is known it cannot predate that parent: it starts with it
// (the earliest year it can have been there), and the preview says so.
import { foldForSearch, foldNormalized, normalizeName } from '../../../../shared/domain/text';
import type { UnitKind, UnitSector } from '../../../../shared/domain/units';
import { UNIT_KIND_LABELS, canHaveSubunits } from '../../../../shared/domain/units';
import { MIN_YEAR } from '../../../../shared/domain/years';
import { AppError } from '../../../../shared/errors';
import { NAME_MAX_LENGTH, unitName } from '../../../../shared/schemas';
import type { Db } from '../../db/open';
import { stmt } from '../../db/statements';
import { versionAt } from '../../units/queries';
import { assertParentUsable } from '../../units/rules';
import { assertUnitInYear } from '../rules';

interface VersionHit {
  unitId: string;
  name: string;
  code: string | null;
  parentId: string | null;
  validFrom: number;
  validTo: number | null;
  foundedYear: number;
  endedYear: number | null;
}

/** A unit the import will create. */
export interface PlannedUnit {
  key: string;
  name: string;
  code: string | null;
  kind: UnitKind;
  sector: UnitSector | null;
  parent: UnitRef | null;
  /** Null: "có từ trước"; else the founding year of the parent it cannot predate. */
  fromYear: number | null;
}

/** A unit of the register, or one the import will create. */
export type UnitRef =
  | { key: string; name: string; existing: VersionHit; planned?: undefined }
  | { key: string; name: string; planned: PlannedUnit; existing?: undefined };

export interface UnitRequest {
  code: string | null;
  name: string | null;
  parent: string | null;
  kind: UnitKind | null;
  sector: UnitSector | null;
  year: number;
}

export interface Resolution {
  unit: UnitRef;
  /** Records the new units the row needs: call only once the row is accepted. */
  commit(): PlannedUnit[];
}

const HIT_SQL = `SELECT v.unit_id AS unitId, v.name, v.code, v.parent_id AS parentId,
    v.valid_from AS validFrom, v.valid_to AS validTo, u.founded_year AS foundedYear,
    u.ended_year AS endedYear
  FROM unit_versions v JOIN units u ON u.id = v.unit_id AND u.deleted_at IS NULL
  WHERE v.deleted_at IS NULL AND`;

/**
 * The same rows as HIT_SQL for many keys at once (a JSON array), each with the key it matched, in
 * rowid order (the order of the per-key lookup through the key's index). The keys drive the
 * subquery (CROSS JOIN keeps them outside), which walks only the key's index for the rowids: each
 * key is one search of the code, name or parent index, never a scan of the live versions. The
 * rows are then read by rowid in ascending order (SQLite sorts an IN list's rowids), so a file's
 * 55,000 versions are read page after page through the table instead of one page each at random
 * with a sort after (a national file's children: 210-290 -> 130-147 ms of CPU, the same rows).
 * The keys are distinct, so a version matches at most one of them, as in the join it replaces.
 */
const manySql = (column: 'code_folded' | 'name_folded' | 'parent_id') =>
  `SELECT v.${column === 'parent_id' ? 'name_folded' : column} AS folded, v.unit_id AS unitId,
      v.name, v.code, v.parent_id AS parentId, v.valid_from AS validFrom, v.valid_to AS validTo,
      u.founded_year AS foundedYear, u.ended_year AS endedYear
    FROM unit_versions v JOIN units u ON u.id = v.unit_id AND u.deleted_at IS NULL
    WHERE v.rowid IN (SELECT w.rowid FROM json_each(?) k CROSS JOIN unit_versions w
        ON w.${column} = k.value)
      AND +v.deleted_at IS NULL
    ORDER BY v.rowid`;
const MANY_CODES = manySql('code_folded');
const MANY_NAMES = manySql('name_folded');
/**
 * Every live version under the parents listed (a JSON array), with its folded name, in rowid
 * order: the hits a name lookup under one of those parents keeps (a key's hits filtered by
 * parent, in rowid order). A national file names 54,000 units under 435 district codes: 435
 * walks of the parent index instead of 54,000 searches of the name index.
 */
const CHILDREN = manySql('parent_id');
/** The prefetch queries (a test asserts their plans use the code, name and parent indexes). */
export const PREFETCH_SQL = { codes: MANY_CODES, names: MANY_NAMES, children: CHILDREN } as const;

/** A prefetch query's row as read: its key, then HIT_SQL's columns in their order. */
type PrefetchRow = [
  folded: string,
  unitId: string,
  name: string,
  code: string | null,
  parentId: string | null,
  validFrom: number,
  validTo: number | null,
  foundedYear: number,
  endedYear: number | null,
];

/**
 * A prefetch query's hits with their keys, in its rows' order. Read as arrays and made into the
 * hits directly: a national file's 55,000 rows read as objects and copied without their key
 * were twice the garbage.
 */
function eachHit(
  db: Db,
  sql: string,
  keys: string[],
  take: (folded: string, hit: VersionHit) => void,
): void {
  const rows = stmt<[string], PrefetchRow>(db, sql).raw().all(JSON.stringify(keys));
  for (const [
    folded,
    unitId,
    name,
    code,
    parentId,
    validFrom,
    validTo,
    foundedYear,
    endedYear,
  ] of rows) {
    take(folded, { unitId, name, code, parentId, validFrom, validTo, foundedYear, endedYear });
  }
}

/** The cells of a file's row the prefetch reads ('' when absent). */
export interface RowKeys {
  code: string;
  name: string;
  parent: string;
}

const validIn = (h: VersionHit, year: number) =>
  h.validFrom <= year && (h.validTo === null || h.validTo >= year);

const fail = (message: string): never => {
  throw new AppError('INVALID_INPUT', message);
};

/**
 * A name as `unitName` accepts it (normalised), else its message. The checks the schema makes
 * are made here first, with the resolver's cached fold (a national file's 55,000 names would
 * otherwise each go through zod and a second fold); only a name that fails one goes through the
 * schema, for its exact message.
 */
function validName(text: string, fallback: string, fold: (normal: string) => string): string {
  const normal = normalizeName(text);
  if (normal.length >= 1 && normal.length <= NAME_MAX_LENGTH && fold(normal) !== '') return normal;
  const name = unitName.safeParse(text);
  return name.success ? name.data : fail(name.error.issues[0]?.message ?? fallback);
}

export class UnitResolver {
  private readonly codes = new Map<string, VersionHit[]>();
  private readonly names = new Map<string, VersionHit[]>();
  /** Per existing parent read whole: its children's hits by folded name. */
  private readonly children = new Map<string, Map<string, VersionHit[]>>();
  private readonly plannedByCode = new Map<string, PlannedUnit>();
  private readonly plannedByName = new Map<string, PlannedUnit[]>();
  private readonly planned: PlannedUnit[] = [];
  /** Per existing parent: why a new unit cannot go under it (null: it can). */
  private readonly parentProblems = new Map<string, string | null>();
  private counter = 0;
  /** Folded keys of the texts seen (a file's rows repeat their parents' codes and names). */
  private readonly folds = new Map<string, string>();

  constructor(private readonly db: Db) {}

  private fold(text: string): string {
    let folded = this.folds.get(text);
    if (folded === undefined) {
      folded = foldForSearch(text);
      this.folds.set(text, folded);
    }
    return folded;
  }

  /** `fold` of a name validName has normalised (the same key, without normalising it again). */
  private foldNormal(normal: string): string {
    let folded = this.folds.get(normal);
    if (folded === undefined) {
      folded = foldNormalized(normal);
      this.folds.set(normal, folded);
    }
    return folded;
  }

  /**
   * The prefetch of a file's rows: every code and parent as a code at once; the children of
   * every parent a code names, at once (a name under such a parent is looked up among them);
   * the other names and the parents as names, at once. Each answers as the per-key lookups.
   */
  prefetchRows(rows: readonly RowKeys[]): void {
    this.prefetchInto(
      this.codes,
      MANY_CODES,
      rows.flatMap((r) => [r.code, r.parent]),
    );
    const parents = new Set<string>();
    const names: string[] = [];
    for (const row of rows) {
      names.push(row.parent);
      const hits = row.parent === '' ? undefined : this.codes.get(this.fold(row.parent));
      // resolveParent takes a parent by code whenever its code has hits: the unit is one of them.
      if (hits && hits.length > 0) for (const hit of hits) parents.add(hit.unitId);
      else names.push(row.name);
    }
    this.prefetchChildren(parents);
    this.prefetchInto(this.names, MANY_NAMES, names);
  }

  private prefetchChildren(parents: Iterable<string>) {
    const ids = [...parents].filter((id) => !this.children.has(id));
    if (ids.length === 0) return;
    for (const id of ids) this.children.set(id, new Map());
    eachHit(this.db, CHILDREN, ids, (folded, hit) => {
      const byName = hit.parentId === null ? undefined : this.children.get(hit.parentId);
      if (!byName) return;
      const same = byName.get(folded);
      if (same) same.push(hit);
      else byName.set(folded, [hit]);
    });
  }

  private prefetchInto(cache: Map<string, VersionHit[]>, sql: string, texts: Iterable<string>) {
    const keys = new Set<string>();
    for (const text of texts) {
      const folded = this.fold(text);
      if (folded !== '' && !cache.has(folded)) keys.add(folded);
    }
    if (keys.size === 0) return;
    for (const key of keys) cache.set(key, []);
    eachHit(this.db, sql, [...keys], (folded, hit) => cache.get(folded)?.push(hit));
  }

  /** Units to create, parents before children. */
  get plannedUnits(): readonly PlannedUnit[] {
    return this.planned;
  }

  resolve(req: UnitRequest): Resolution {
    if (req.code) {
      const byCode = this.byCode(req.code, req.year, 'unit');
      if (byCode) return { unit: byCode, commit: () => [] };
    }
    if (!req.name) {
      return fail(
        `Không tìm thấy tổ chức có mã "${req.code}". Muốn tạo tổ chức mới, hãy ghi cả tên tổ chức.`,
      );
    }
    const name = validName(req.name, 'Tên tổ chức không hợp lệ.', (t) => this.foldNormal(t));
    const parent = req.parent ? this.resolveParent(req.parent, req.year) : null;
    const found = this.byName(name, req.year, parent?.unit ?? null, 'unit');
    if (found) {
      const other = found.existing?.code ?? found.planned?.code;
      if (req.code && other && foldForSearch(other) !== foldForSearch(req.code)) {
        fail(`"${found.name}" đã có mã "${other}", khác với mã "${req.code}" ghi trong tệp.`);
      }
      return { unit: found, commit: () => parent?.commit() ?? [] };
    }
    const parentRef = parent?.unit ?? null;
    if (parentRef?.existing) {
      const problem = this.problemUnder(parentRef.existing, name);
      if (problem) fail(problem);
    }
    const fromYear = parentRef?.existing
      ? parentRef.existing.foundedYear > MIN_YEAR
        ? parentRef.existing.foundedYear
        : null
      : (parentRef?.planned?.fromYear ?? null);
    if (parentRef?.planned && !canHaveSubunits(parentRef.planned.kind)) {
      fail(
        `"${parentRef.name}" là ${UNIT_KIND_LABELS[parentRef.planned.kind].toLowerCase()} (cấp thấp ` +
          'nhất của tổ chức đảng), nên không thể có tổ chức đảng trực thuộc.',
      );
    }
    return this.pending(
      {
        name,
        code: req.code,
        kind: req.kind ?? 'base_committee',
        sector: req.sector,
        parent: parentRef,
        fromYear,
      },
      parent,
    );
  }

  /**
   * Why a new unit cannot be created under an existing parent, checked here so that the preview
   * shows it on its row instead of the apply failing: the parent must still be active and be
   * able to have units.
   */
  private problemUnder(parent: VersionHit, name: string): string | null {
    if (parent.endedYear !== null) {
      return (
        `Tổ chức cấp trên "${parent.name}" đã kết thúc hoạt động năm ${parent.endedYear}, ` +
        `không thể tạo "${name}" trực thuộc. Hãy thêm tổ chức này trong danh sách trước.`
      );
    }
    if (!this.parentProblems.has(parent.unitId)) {
      let problem: string | null = null;
      try {
        assertParentUsable(
          this.db,
          parent.unitId,
          Math.max(MIN_YEAR, parent.foundedYear),
          null,
          parent.foundedYear <= MIN_YEAR,
        );
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        problem = error.message;
      }
      this.parentProblems.set(parent.unitId, problem);
    }
    return this.parentProblems.get(parent.unitId) ?? null;
  }

  /** "Cấp trên": a code valid in the year, else a name valid in the year, else a new top unit. */
  private resolveParent(text: string, year: number): Resolution {
    const byCode = this.byCode(text, year, 'parent');
    if (byCode) return { unit: byCode, commit: () => [] };
    const name = validName(text, 'Tên tổ chức cấp trên không hợp lệ.', (t) => this.foldNormal(t));
    const found = this.byName(name, year, null, 'parent');
    if (found) return { unit: found, commit: () => [] };
    return this.pending(
      { name, code: null, kind: 'upper_committee', sector: null, parent: null, fromYear: null },
      null,
    );
  }

  /** A unit to create once the row is accepted (with its new parent, if that is new too). */
  private pending(fields: Omit<PlannedUnit, 'key'>, parent: Resolution | null): Resolution {
    const unit: PlannedUnit = { key: `new:${++this.counter}`, ...fields };
    let committed = false;
    return {
      unit: { key: unit.key, name: unit.name, planned: unit },
      commit: () => {
        if (committed) return [];
        committed = true;
        return [...(parent?.commit() ?? []), this.register(unit)];
      },
    };
  }

  private byCode(code: string, year: number, role: 'unit' | 'parent'): UnitRef | null {
    const folded = this.fold(code);
    let hits = this.codes.get(folded);
    if (!hits) {
      hits = stmt<[string], VersionHit>(this.db, `${HIT_SQL} v.code_folded = ?`).all(folded);
      this.codes.set(folded, hits);
    }
    const valid = hits.find((h) => validIn(h, year));
    if (valid) return { key: valid.unitId, name: valid.name, existing: valid };
    if (hits.length > 0) {
      // Like resolveUnitRef: a code the unit had in another year still names it.
      return this.inYear(
        hits.reduce((a, b) => (b.validFrom > a.validFrom ? b : a)),
        year,
        role,
      );
    }
    const planned = this.plannedByCode.get(folded);
    return planned ? plannedRef(planned) : null;
  }

  /**
   * A unit of that (folded) name valid in the year: under `parent` when one is given, else
   * anywhere. A name that exists only in other years is an error, not a new unit.
   */
  private byName(
    name: string,
    year: number,
    parent: UnitRef | null,
    role: 'unit' | 'parent',
  ): UnitRef | null {
    const folded = this.fold(name);
    const candidates = parent
      ? parent.existing
        ? this.hitsUnder(parent.existing.unitId, folded)
        : []
      : this.hitsByName(folded);
    const valid = unique(validHits(candidates, year));
    const what = role === 'parent' ? 'tổ chức cấp trên' : 'tổ chức';
    if (valid.length > 1) {
      fail(
        `Có ${valid.length} ${what} tên "${name}" trong năm ${year}; ` +
          `hãy ghi ${role === 'parent' ? 'mã của tổ chức cấp trên' : 'thêm mã hoặc cấp trên'} để phân biệt.`,
      );
    }
    if (valid[0]) return { key: valid[0].unitId, name: valid[0].name, existing: valid[0] };
    const elsewhere = unique(candidates);
    // A name the unit had in another year: the unit, if it exists this year (else an error).
    if (elsewhere.length === 1) return this.inYear(elsewhere[0]!, year, role);
    if (elsewhere.length > 1) fail(`Không có ${what} "${name}" trong năm ${year}.`);
    const planned = (this.plannedByName.get(folded) ?? []).filter(
      (p) => !parent || p.parent?.key === parent.key,
    );
    if (planned.length > 1) {
      fail(`Tệp có ${planned.length} ${what} mới cùng tên "${name}"; hãy ghi mã để phân biệt.`);
    }
    return planned[0] ? plannedRef(planned[0]) : null;
  }

  /** Every hit of a folded name, in rowid order. */
  private hitsByName(folded: string): VersionHit[] {
    let hits = this.names.get(folded);
    if (!hits) {
      hits = stmt<[string], VersionHit>(this.db, `${HIT_SQL} v.name_folded = ?`).all(folded);
      this.names.set(folded, hits);
    }
    return hits;
  }

  /** The hits of a folded name under a parent: from the parent's children when read whole. */
  private hitsUnder(parentId: string, folded: string): VersionHit[] {
    const under = this.children.get(parentId);
    if (under) return under.get(folded) ?? [];
    return this.hitsByName(folded).filter((h) => h.parentId === parentId);
  }

  /** The unit a code or name of another year names, as it stands in `year`; an error if it is not there. */
  private inYear(hit: VersionHit, year: number, role: 'unit' | 'parent'): UnitRef {
    const version = versionAt(this.db, hit.unitId, year);
    if (version) {
      const existing: VersionHit = {
        ...hit,
        name: version.name,
        code: version.code,
        parentId: version.parent_id,
        validFrom: version.valid_from,
        validTo: version.valid_to,
      };
      return { key: hit.unitId, name: version.name, existing };
    }
    if (role === 'unit') assertUnitInYear(this.db, hit.unitId, year);
    const span = `${hit.foundedYear}${hit.endedYear === null ? '' : `–${hit.endedYear}`}`;
    return fail(
      `Tổ chức cấp trên "${hit.name}" không tồn tại trong năm ${year} (hoạt động ${hit.endedYear === null ? 'từ ' : ''}${span}).`,
    );
  }

  private register(unit: PlannedUnit): PlannedUnit {
    this.planned.push(unit);
    const folded = foldForSearch(unit.name);
    const sameName = this.plannedByName.get(folded);
    if (sameName) sameName.push(unit);
    else this.plannedByName.set(folded, [unit]);
    if (unit.code) this.plannedByCode.set(foldForSearch(unit.code), unit);
    return unit;
  }
}

/** A unit the file creates exists in every year (có từ trước), so any row's year fits it. */
function plannedRef(unit: PlannedUnit): UnitRef {
  return { key: unit.key, name: unit.name, planned: unit };
}

/** The hits valid in the year; one hit, the usual case, without an array made for it. */
function validHits(hits: VersionHit[], year: number): VersionHit[] {
  const [only] = hits;
  if (hits.length === 1 && only) return validIn(only, year) ? hits : [];
  return hits.filter((h) => validIn(h, year));
}

/** The hits of distinct units, the first of each; fewer than two are that already. */
function unique(hits: VersionHit[]): VersionHit[] {
  if (hits.length < 2) return hits;
  const seen = new Set<string>();
  return hits.filter((h) => !seen.has(h.unitId) && seen.add(h.unitId));
}
