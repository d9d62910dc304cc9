// The import's prefetch reads the children of every parent a file names by code (one walk of the
// parent index per parent) instead of searching each name (units.ts, prefetchRows). A name under
// such a parent must resolve exactly as the per-key lookup did: a unit moved between parents, a
// unit renamed, one removed, one dissolved, the same name under two parents, a name under the
// wrong parent, parents by name and rows without one. Compared with the import before issue 10's
// bulk path (test/helpers/reference-ratings-import/plan.ts, one lookup per key).
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../electron/backend/context';
import { planImport } from '../../electron/backend/ratings/import/plan';
import type { SheetData } from '../../electron/backend/ratings/import/sheet';
import { PREFETCH_SQL } from '../../electron/backend/ratings/import/units';
import type { TestBackend } from '../helpers/backend';
import { cleanupTemp, makeBackend, makeTempDir } from '../helpers/backend';
import { planImport as referencePlan } from '../helpers/reference-ratings-import/plan';

afterEach(cleanupTemp);

const CLOCK = fixedClock('2026-03-02T08:00:00.000Z');
const THIS_YEAR = 2026;
const YEARS = [2016, 2018, 2019, 2020, 2021, 2023];

interface Named {
  name: string;
  /** The district's code in the file (or its name, for the district without a code). */
  parent: string;
}

/** Three districts with codes, one without; their units, and the register's changes over time. */
function register(b: TestBackend): Named[] {
  const districts = [1, 2, 3].map((d) =>
    b.call('units.create', { name: `Huyện ủy Số ${d}`, code: `D-${d}`, kind: 'upper_committee' }),
  );
  const uncoded = b.call('units.create', { name: 'Huyện ủy Không Mã', kind: 'upper_committee' });
  const named: Named[] = [];
  const ids = new Map<string, string>();
  for (const [index, district] of [...districts, uncoded].entries()) {
    const parent = index < 3 ? `D-${index + 1}` : 'Huyện ủy Không Mã';
    for (let i = 1; i <= 30; i++) {
      const name = i === 1 ? 'Chi bộ Thôn Chung' : `Chi bộ Thôn ${index + 1}-${i}`;
      const unit = b.call('units.create', {
        name,
        kind: 'base_cell',
        parentId: district.id,
        ...(i % 7 === 0 ? { fromYear: 2019 } : {}),
      });
      ids.set(name, unit.id);
      named.push({ name, parent });
    }
  }
  const id = (name: string) => ids.get(name) ?? '';
  // Moved from district 1 to district 2 in 2020; renamed in 2019; dissolved in 2018; removed.
  b.call('units.move', {
    id: id('Chi bộ Thôn 1-3'),
    year: 2020,
    parentId: districts[1]?.id ?? null,
  });
  b.call('units.rename', { id: id('Chi bộ Thôn 1-4'), year: 2019, name: 'Chi bộ Thôn 1-4 Mới' });
  b.call('units.dissolve', { id: id('Chi bộ Thôn 2-5'), year: 2018 });
  b.call('units.remove', { id: id('Chi bộ Thôn 3-6') });
  b.call('ratings.set', { unitId: id('Chi bộ Thôn 1-2'), year: 2018, levelCode: 'HTNV' });
  b.call('ratings.set', { unitId: id('Chi bộ Thôn 1-8'), year: 2019, levelCode: 'HTTNV' });
  named.push({ name: 'Chi bộ Thôn 1-4 Mới', parent: 'D-1' });
  return named;
}

/** Every unit under its own parent, under another, with no parent, and a few strangers. */
function sheetOf(named: Named[]): SheetData {
  const rows = [['Tên tổ chức', 'Cấp trên', 'Năm', 'Xếp loại']];
  for (const year of YEARS) {
    for (const [i, unit] of named.entries()) {
      const level = year < 2018 ? 'TSVM' : 'HTTNV';
      rows.push([unit.name, unit.parent, String(year), level]);
      if (i % 4 === 0) rows.push([unit.name, 'D-2', String(year), level]);
      if (i % 5 === 0) rows.push([unit.name, '', String(year), level]);
      if (i % 9 === 0) rows.push([unit.name.toUpperCase(), 'Huyện ủy Số 3', String(year), level]);
    }
    rows.push(['Chi bộ Thôn 1-3', 'D-1', String(year), 'HTNV']);
    rows.push(['Chi bộ Thôn 1-3', 'D-2', String(year), 'HTNV']);
    rows.push(['Chi bộ Mới Lạ', 'D-3', String(year), 'HTNV']);
    rows.push(['Chi bộ Mới Lạ', 'D-9', String(year), 'HTNV']);
  }
  return {
    rows: rows.map((cells, index) => ({ row: index + 1, cells })),
    sheet: null,
    sheets: [],
    encoding: 'utf-8',
  };
}

describe("the prefetch of a parent's children", () => {
  it('resolves every row as the per-key lookups did', () => {
    const a = makeBackend({ clock: CLOCK });
    const named = register(a);
    a.ctx.db.pragma('wal_checkpoint(TRUNCATE)');
    const path = join(makeTempDir(), 'copy.sqlite3');
    copyFileSync(a.dbPath, path);
    const b = makeBackend({ clock: CLOCK, dbPath: path });
    const sheet = sheetOf(named);
    const source = { planId: '', fileName: 't.csv', sheet: null, sheets: [], encoding: null };
    const old = referencePlan(a.ctx.db, source, sheet, THIS_YEAR);
    const plan = planImport(b.ctx.db, source, sheet, THIS_YEAR);
    expect(plan.preview).toEqual(old.preview);
    expect(plan.units).toEqual(old.units);
    expect(plan.ratings).toEqual(old.ratings);
    // Every path is taken: new units, errors (dissolved, removed, other years), changes.
    expect(plan.preview.rows).toBeGreaterThan(1000);
    expect(plan.preview.newUnits.length).toBeGreaterThan(5);
    expect(plan.preview.errors.length).toBeGreaterThan(20);
    expect(plan.preview.changedRatings.length).toBeGreaterThan(0);
    expect(plan.preview.unchanged).toBeGreaterThan(0);
  });

  it("reads a parent's children through the parent index, never a scan", () => {
    const b = makeBackend();
    const details = (
      b.ctx.db.prepare(`EXPLAIN QUERY PLAN ${PREFETCH_SQL.children}`).all('[]') as {
        detail: string;
      }[]
    ).map((r) => r.detail);
    expect(details.join('\n')).toMatch(
      /SEARCH w USING COVERING INDEX unit_versions_(by_parent|tree) \(parent_id=\?/,
    );
    // The versions then read by rowid, in its order: no sort of the rows read.
    expect(details.join('\n')).toMatch(/SEARCH v USING INTEGER PRIMARY KEY \(rowid=\?\)/);
    expect(details.join('\n')).not.toMatch(/SCAN [vw]\b|TEMP B-TREE/);
  });
});
