// The exchange's round trip (issue 9): the province sends its master list down, three lower
// installations (each its own data file) take it, rate their units for 2016–2017 and record
// measures, and send their files up; the province's figures then equal theirs. Re-importing is a
// no-op, a conflict is caught and settled both ways, an older file never overwrites newer data,
// undo puts the previous values back, and the master list going down again leaves the lower
// installations' own ratings and measures alone.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExchangePreview, ProgressReport, RecordChange } from '../../shared/contract';
import type { TestBackend } from '../helpers/backend';
import { VIETNAMESE_LETTER, cleanupTemp, errorOf } from '../helpers/backend';
import type { LowerSite, Province } from '../helpers/exchange-sites';
import {
  DISTRICTS,
  LEVELS,
  exportFile,
  idOf,
  importFiles,
  makeLowerSite,
  makeProvince,
  previewFiles,
  recordSiteWork,
  siteUnitId,
} from '../helpers/exchange-sites';

afterEach(cleanupTemp);

interface World {
  province: Province;
  sites: LowerSite[];
  /** Each site's first file sent up, in the order of DISTRICTS. */
  upPaths: string[];
}

let world: World;

async function makeWorld(): Promise<World> {
  const province = makeProvince();
  const master = await exportFile(province.backend);
  const sites: LowerSite[] = [];
  for (const district of DISTRICTS) {
    const site = await makeLowerSite(master.path, district);
    recordSiteWork(site);
    sites.push(site);
  }
  const upPaths: string[] = [];
  for (const site of sites) upPaths.push((await exportFile(site.backend)).path);
  return { province, sites, upPaths };
}

beforeEach(async () => {
  world = await makeWorld();
});

function siteOf(code: string): LowerSite {
  const site = world.sites.find((s) => s.district.code === code);
  if (!site) throw new Error(`no site ${code}`);
  return site;
}

/** A unit's ratings as people compare them: year, level, tiêu biểu, change, members. */
function ratingsOf(backend: TestBackend, unitId: string) {
  return backend.call('ratings.history', { unitId }).ratings.map((r) => ({
    year: r.year,
    levelCode: r.levelCode,
    exemplary: r.exemplary,
    change: r.change,
    memberCount: r.memberCount,
  }));
}

/** The measures of every member of the 2017 lists, as text, by unit. */
function measuresOf(backend: TestBackend, unitIds: readonly string[]) {
  const out: Record<string, string[]> = {};
  for (const list of backend.call('watchlists.list', { year: 2017 })) {
    for (const member of backend.call('watchlists.get', { id: list.id }).members) {
      if (!unitIds.includes(member.unitId)) continue;
      out[member.unitId] = backend
        .call('measures.list', { memberId: member.id })
        .map((m) => `${m.kind} ${m.title} ${m.status} ${m.doneOn ?? ''} ${m.resultNote ?? ''}`);
    }
  }
  return out;
}

/** The 2017 report of a committee's subtree (against 2016), as the Báo cáo screen asks for it. */
function report(backend: TestBackend, unitId: string): ProgressReport {
  return backend.call('reports.progress', {
    year: 2017,
    scope: { type: 'register', unitId },
  });
}

function conflictsOf(preview: ExchangePreview): RecordChange[] {
  return preview.changes.filter((c) => c.kind === 'conflict');
}

/** Everything the province holds of one rating (the stored row), to compare exactly. */
function ratingRow(backend: TestBackend, unitId: string, year: number) {
  return backend.ctx.db
    .prepare(
      'SELECT level_code, rev, synced_rev, deleted_at FROM ratings WHERE unit_id = ? AND year = ?',
    )
    .get(unitId, year);
}

describe('exchange round trip: three lower installations and the province', () => {
  it("the province's figures equal the sources after importing all three files", async () => {
    const { province, sites, upPaths } = world;
    const p = province.backend;
    const { preview, result } = await importFiles(p, upPaths);
    expect(preview.canApply).toBe(true);
    expect(preview.files.map((f) => f.direction)).toEqual(['up', 'up', 'up']);
    expect(preview.totals.conflicts).toBe(0);
    expect(preview.totals.errors).toBe(0);
    expect(result.batches).toHaveLength(3);
    for (const site of sites) {
      const codes = site.district.units.map((u) => u.code);
      for (const code of codes) {
        const unitId = idOf(province.ids, code);
        // The same identity on both sides: the lower installation took the province's ids.
        expect(siteUnitId(site.backend, code)).toBe(unitId);
        const levels = ratingsOf(p, unitId);
        expect(levels).toEqual(ratingsOf(site.backend, unitId));
        expect(levels.map((r) => r.levelCode)).toEqual(LEVELS[code]);
      }
      const unitIds = codes.map((code) => idOf(province.ids, code));
      expect(measuresOf(p, unitIds)).toEqual(measuresOf(site.backend, unitIds));
      const districtId = idOf(province.ids, site.district.code);
      const here = report(p, districtId);
      const there = report(site.backend, districtId);
      expect(here.totals).toEqual(there.totals);
      expect(here.groups).toEqual(there.groups);
      expect(here.transitions).toEqual(there.transitions);
      expect(here.distribution).toEqual(there.distribution);
      expect(here.totals.units.length).toBe(3);
    }
    // The province-wide figures add the three up: 9 units rated in 2017.
    const whole = report(p, province.provinceId);
    expect(whole.totals.units.filter((u) => u.toLevel !== null)).toHaveLength(9);
  });

  it('re-importing the same file changes nothing and says so', async () => {
    const p = world.province.backend;
    await importFiles(p, world.upPaths);
    const before = p.snapshot();
    const again = await previewFiles(p, [world.upPaths[0]!]);
    expect(again.files[0]!.alreadyImported).toBe(true);
    const applied = p.call('exchange.apply', { planId: again.planId });
    expect(applied.unchanged).toBe(true);
    expect(applied.message).toMatch(VIETNAMESE_LETTER);
    expect(p.snapshot()).toBe(before);
    // A new file from the same installation with nothing changed since: all identical.
    const fresh = await exportFile(siteOf('BS').backend);
    const { preview } = await importFiles(p, [fresh.path]);
    expect(preview.totals).toMatchObject({ new: 0, changed: 0, conflicts: 0, errors: 0 });
    expect(preview.totals.identical).toBeGreaterThan(0);
  });

  it('a file of the changes since the last one carries corrections and removals', async () => {
    const { province } = world;
    const p = province.backend;
    await importFiles(p, world.upPaths);
    const bs = siteOf('BS');
    const [bs01, bs02, bs03] = ['BS01', 'BS02', 'BS03'].map((code) => idOf(province.ids, code));
    bs.backend.call('ratings.remove', { unitId: bs02!, year: 2016 });
    bs.backend.call('ratings.set', { unitId: bs03!, year: 2017, levelCode: 'TSVM' });
    const member = bs.backend
      .call('watchlists.get', { id: province.watchlistId })
      .members.find((m) => m.unitId === bs01);
    const [measure] = bs.backend.call('measures.list', { memberId: member!.id });
    bs.backend.call('measures.remove', { id: measure!.id });
    const since = await exportFile(bs.backend, { sinceLast: true });
    expect(since.result.header.counts).toMatchObject({ rating: 2, measure: 1, unit: 0 });

    const { preview } = await importFiles(p, [since.path]);
    expect(preview.totals).toMatchObject({ new: 0, changed: 3, conflicts: 0, errors: 0 });
    for (const unitId of [bs01!, bs02!, bs03!]) {
      expect(ratingsOf(p, unitId)).toEqual(ratingsOf(bs.backend, unitId));
    }
    expect(ratingsOf(p, bs02!).map((r) => r.year)).toEqual([2017]);
    expect(measuresOf(p, [bs01!])).toEqual({ [bs01!]: [] });
    const districtId = idOf(province.ids, 'BS');
    expect(report(p, districtId).totals).toEqual(report(bs.backend, districtId).totals);
  });

  it('detects a rating changed on both sides and settles it either way', async () => {
    const p = world.province.backend;
    await importFiles(p, world.upPaths);
    const bs = siteOf('BS');
    const unitId = idOf(world.province.ids, 'BS02');
    // The district corrects its rating; the province re-rates the same unit meanwhile.
    bs.backend.call('ratings.set', { unitId, year: 2017, levelCode: 'HTNV' });
    p.call('ratings.set', { unitId, year: 2017, levelCode: 'TSVM' });
    const file = await exportFile(bs.backend);

    const preview = await previewFiles(p, [file.path]);
    const conflicts = conflictsOf(preview);
    expect(conflicts).toHaveLength(1);
    const [conflict] = conflicts;
    expect(conflict).toMatchObject({ entity: 'rating', conflictReason: 'both_changed' });
    expect(conflict!.fields).toContainEqual(
      expect.objectContaining({ local: 'TSVM', incoming: 'HTNV' }),
    );
    // Undecided conflicts are refused, and nothing is written.
    const before = p.snapshot();
    const undecided = errorOf(p.attempt('exchange.apply', { planId: preview.planId }));
    expect(undecided.code).toBe('CONFLICTS_UNDECIDED');
    expect(undecided.message).toMatch(VIETNAMESE_LETTER);
    expect(p.snapshot()).toBe(before);

    // Keep the province's level.
    const kept = p.call('exchange.apply', {
      planId: preview.planId,
      conflicts: { records: { [conflict!.key]: 'keep_local' } },
    });
    expect(ratingsOf(p, unitId).find((r) => r.year === 2017)?.levelCode).toBe('TSVM');
    expect(kept.batches[0]!.counts.keptLocal).toBe(1);

    // Undo that choice, then take the district's level instead.
    p.call('exchange.undo', { batchId: kept.batches[0]!.id });
    const again = await previewFiles(p, [file.path]);
    const [second] = conflictsOf(again);
    expect(second).toMatchObject({ entity: 'rating', conflictReason: 'both_changed' });
    p.call('exchange.apply', {
      planId: again.planId,
      conflicts: { records: { [second!.key]: 'take_incoming' } },
    });
    expect(ratingsOf(p, unitId).find((r) => r.year === 2017)?.levelCode).toBe('HTNV');
  });

  it('never lets an older file overwrite newer data', async () => {
    const p = world.province.backend;
    const bs = siteOf('BS');
    const unitId = idOf(world.province.ids, 'BS03');
    const older = await exportFile(bs.backend);
    bs.backend.call('ratings.set', { unitId, year: 2017, levelCode: 'TSVM' });
    const newer = await exportFile(bs.backend);
    expect(newer.result.header.sequence).toBeGreaterThan(older.result.header.sequence);
    await importFiles(p, [newer.path]);
    expect(ratingsOf(p, unitId).find((r) => r.year === 2017)?.levelCode).toBe('TSVM');

    const preview = await previewFiles(p, [older.path]);
    expect(preview.files[0]!.sequenceWarning).toMatch(VIETNAMESE_LETTER);
    const conflicts = conflictsOf(preview);
    expect(conflicts.map((c) => [c.entity, c.conflictReason])).toEqual([['rating', 'older']]);
    // Taking nothing older: the newer level stays.
    p.call('exchange.apply', { planId: preview.planId, conflicts: { all: 'keep_local' } });
    expect(ratingsOf(p, unitId).find((r) => r.year === 2017)?.levelCode).toBe('TSVM');
    // And the newer file, sent again, still finds nothing to change.
    expect((await previewFiles(p, [newer.path])).files[0]!.alreadyImported).toBe(true);
  });

  it('undo restores the previous values and removes what the batch added', async () => {
    const p = world.province.backend;
    const [bsPath, hlPath] = world.upPaths;
    await importFiles(p, [bsPath!]);
    const beforeHl = p.snapshot();
    const { result } = await importFiles(p, [hlPath!]);
    const hlId = idOf(world.province.ids, 'HL');
    expect(report(p, hlId).totals.units.filter((u) => u.toLevel !== null)).toHaveLength(3);

    const undone = p.call('exchange.undo', { batchId: result.batches[0]!.id });
    expect(undone.undoneAt).not.toBeNull();
    expect(report(p, hlId).totals.units.filter((u) => u.toLevel !== null)).toHaveLength(0);
    for (const code of ['HL01', 'HL02', 'HL03']) {
      expect(ratingsOf(p, idOf(world.province.ids, code))).toEqual([]);
    }
    // The records are as before the import (the books keep the batch, marked undone).
    const data = (snapshot: string) => {
      const all = JSON.parse(snapshot) as Record<string, unknown>;
      return ['ratings', 'measures', 'watchlist_results', 'watchlist_members'].map((t) => all[t]);
    };
    expect(data(p.snapshot())).toEqual(data(beforeHl));

    // A changed value comes back too: re-rate after an import, undo, the earlier level returns.
    const bs = siteOf('BS');
    const unitId = idOf(world.province.ids, 'BS01');
    bs.backend.call('ratings.set', { unitId, year: 2016, levelCode: 'HTNV' });
    const before = ratingRow(p, unitId, 2016);
    const changed = await importFiles(p, [(await exportFile(bs.backend)).path]);
    expect(ratingsOf(p, unitId).find((r) => r.year === 2016)?.levelCode).toBe('HTNV');
    p.call('exchange.undo', { batchId: changed.result.batches[0]!.id });
    expect(ratingRow(p, unitId, 2016)).toEqual(before);

    // Once the province changes a record the batch wrote, undo is refused and changes nothing.
    const third = await importFiles(p, [(await exportFile(bs.backend)).path]);
    p.call('ratings.set', { unitId, year: 2016, levelCode: 'HTTNV' });
    const blockedBefore = p.snapshot();
    const blocked = errorOf(p.attempt('exchange.undo', { batchId: third.result.batches[0]!.id }));
    expect(blocked.code).toBe('UNDO_BLOCKED');
    expect(blocked.message).toMatch(VIETNAMESE_LETTER);
    expect(p.snapshot()).toBe(blockedBefore);
  });

  it('the master list going down again updates the register and leaves local ratings and measures alone', async () => {
    const { province } = world;
    const p = province.backend;
    const bs = siteOf('BS');
    const unitIds = bs.district.units.map((u) => idOf(province.ids, u.code));
    // The province re-rates a unit, renames one, adds one, and amends its list's decision.
    p.call('ratings.set', { unitId: unitIds[0]!, year: 2017, levelCode: 'HTNV' });
    p.call('units.rename', { id: unitIds[2]!, year: 2018, name: 'Chi bộ Trường THPT Bắc Sơn mới' });
    const added = p.call('units.create', {
      name: 'Đảng bộ xã Tân Thành',
      code: 'BS04',
      kind: 'base_committee',
      sector: 'commune',
      parentId: idOf(province.ids, 'BS'),
      fromYear: 2018,
    });
    p.call('watchlists.update', {
      id: province.watchlistId,
      note: 'Bổ sung theo Kết luận 18-KL/TW',
    });
    const master = await exportFile(p);

    const ratingsBefore = unitIds.map((id) => ratingsOf(bs.backend, id));
    const measuresBefore = measuresOf(bs.backend, unitIds);
    const { preview } = await importFiles(bs.backend, [master.path]);
    expect(preview.files[0]!.direction).toBe('down');
    expect(preview.totals.conflicts).toBe(0);
    expect(preview.totals.skipped).toBeGreaterThan(0);

    expect(unitIds.map((id) => ratingsOf(bs.backend, id))).toEqual(ratingsBefore);
    expect(measuresOf(bs.backend, unitIds)).toEqual(measuresBefore);
    expect(bs.backend.call('units.get', { id: unitIds[2]!, year: 2018 }).current.name).toBe(
      'Chi bộ Trường THPT Bắc Sơn mới',
    );
    expect(bs.backend.call('units.get', { id: added.id, year: 2018 }).current.code).toBe('BS04');
    expect(bs.backend.call('watchlists.get', { id: province.watchlistId }).note).toBe(
      'Bổ sung theo Kết luận 18-KL/TW',
    );
  });
});
