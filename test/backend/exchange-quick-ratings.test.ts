// The preview's second pass decides most ratings from what the first pass kept of them (unit,
// revision, tombstone: merge/rating-facts.ts) instead of reading each line again. It must plan
// exactly what the full way plans: the same decision for every line, the same errors in the same
// order, the same listed changes (the first CHANGES_LIMIT, so the file has more new ratings than
// that) and the same conflicts. Compared here on one file with every case: new units and their
// ratings, ratings of units rated here (looked up: changed, identical, a conflict), a tombstone,
// a rating of a unit neither in the file nor here, and a line another program spaced differently.
import { afterEach, describe, expect, test } from 'vitest';
import { CHANGES_LIMIT } from '../../shared/methods/exchange';
import { newId } from '../../shared/domain/ids';
import { withSchemaYear } from '../../shared/domain/years';
import { withoutMemoryMap } from '../../electron/backend/db/bulk';
import { openExchangeFile } from '../../electron/backend/exchange/format/reader';
import { parseRecordLine } from '../../electron/backend/exchange/format/records';
import { planMerge } from '../../electron/backend/exchange/merge/planning';
import { dataVersion } from '../../electron/backend/ratings/import/plans';
import type { TestBackend } from '../helpers/backend';
import { cleanupTemp, makeBackend } from '../helpers/backend';
import { readParts, recordsOf, saveTemp, writeParts } from '../helpers/exchange-files';
import { makeRichProvince } from '../helpers/exchange-export-fixture';
import { exportFile, idOf, importFiles } from '../helpers/exchange-sites';

afterEach(() => cleanupTemp());

/** The preview and the plan's per-line decisions, planned one way or the other. */
async function plan(backend: TestBackend, path: string, quickRatings: boolean) {
  const source = await openExchangeFile(path, { displayName: 'tinh.tccsd' });
  try {
    const db = backend.ctx.db;
    const { plan: planned, preview } = withoutMemoryMap(db, () =>
      planMerge({
        db,
        planId: 'plan',
        files: [{ fileName: 'tinh.tccsd', source, failure: null }],
        version: dataVersion(db),
        parse: (text) => withSchemaYear(2018, () => parseRecordLine(text)),
        progress: () => undefined,
        quickRatings,
      }),
    );
    return {
      preview,
      decisions: planned.files.map((f) => [...f.decisions]),
      listed: planned.listed,
      conflictUnits: [...planned.conflictUnits],
      sameUnits: [...planned.sameUnits],
    };
  } finally {
    source.dispose();
  }
}

describe("the preview's ratings decided from the first pass's facts", () => {
  test('plan exactly what reading every rating again plans', async () => {
    const { backend: sender, ids } = makeRichProvince();
    const district = idOf(ids, 'BS');
    const addUnits = (from: number, to: number) => {
      const added: string[] = [];
      for (let n = from; n <= to; n++) {
        const unit = sender.call('units.create', {
          name: `Chi bộ thôn Khuổi ${n}`,
          code: `KT${n}`,
          kind: 'base_cell',
          sector: 'commune',
          parentId: district,
        });
        added.push(unit.id);
      }
      return added;
    };
    // A thousand units the receiver gets with the first file, 300 of them rated in 2016.
    const known = addUnits(1, 1000);
    const rated = known.slice(0, 300);
    for (const unitId of rated) {
      sender.call('ratings.set', { unitId, year: 2016, levelCode: 'HTNV' });
    }
    const receiver = makeBackend();
    await importFiles(receiver, [(await exportFile(sender)).path]);
    // Then: 100 of those ratings changed by the sender; 2017 rated on both sides for another
    // 100 (conflicts); units the receiver has never seen; 2017 and 2018 for every unit: more new
    // ratings than are listed, so the list is cut among the ratings.
    for (const unitId of rated.slice(0, 100)) {
      sender.call('ratings.set', { unitId, year: 2016, levelCode: 'HTTNV' });
    }
    for (const unitId of rated.slice(200, 300)) {
      receiver.call('ratings.set', { unitId, year: 2017, levelCode: 'YK' });
    }
    const fresh = addUnits(1001, 1020);
    for (const unitId of fresh) {
      sender.call('ratings.set', { unitId, year: 2016, levelCode: 'HTNV' });
    }
    for (const unitId of [...known, ...fresh]) {
      sender.call('ratings.set', { unitId, year: 2017, levelCode: 'HTTNV' });
      sender.call('ratings.set', { unitId, year: 2018, levelCode: 'HTNV' });
    }
    // A rating of a unit new here removed by the sender: a tombstone of nothing known here.
    sender.call('ratings.remove', { unitId: fresh.at(-1) ?? '', year: 2017 });
    const dongY = idOf(ids, 'BS01');

    const parts = readParts((await exportFile(sender)).bytes);
    const records = recordsOf(parts);
    const rating = records.find((r) => r.t === 'rating' && r.d.unitId === dongY);
    if (!rating) throw new Error('no rating of Đồng Ý in the file');
    const stray = { ...rating, id: newId(), d: { ...rating.d, unitId: newId() } };
    // The same record with its keys in another order: read through the schema again.
    const spaced = JSON.stringify({
      d: rating.d,
      t: rating.t,
      id: rating.id,
      rev: rating.rev,
      by: rating.by,
      at: rating.at,
      del: rating.del,
    });
    const lines = parts.lines.map((line) => (line.includes(`"id":"${rating.id}"`) ? spaced : line));
    const path = saveTemp(
      'tinh.tccsd',
      writeParts({ header: parts.header, lines: [...lines, JSON.stringify(stray)] }),
    );

    const full = await plan(receiver, path, false);
    const quick = await plan(receiver, path, true);
    expect(quick).toEqual(full);
    // Every case is really in the file.
    const totals = full.preview.totals;
    expect(totals.new + totals.changed).toBeGreaterThan(CHANGES_LIMIT);
    expect(totals.changed).toBe(100);
    expect(totals.conflicts).toBe(100);
    expect(totals.errors).toBe(1);
    expect(full.preview.changes).toHaveLength(CHANGES_LIMIT);
    // The list is cut among the ratings: some new ratings are listed, others only counted.
    const listedRatings = full.preview.changes.filter((c) => c.entity === 'rating').length;
    expect(listedRatings).toBeGreaterThan(0);
    expect(listedRatings).toBeLessThan(totals.new);
    expect(full.preview.files[0]?.errors[0]?.message).toMatch(/không tìm thấy tổ chức/);
  });
});
