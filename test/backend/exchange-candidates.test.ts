// "The same unit?" when every unit of a file carries another id than the local one (two
// installations that registered the same committees on their own): each is offered for the local
// unit of the same name under the same (matched) parent, found through migration 11's
// unit_versions_same_name, never by walking the parent's children; a file from version 10 gains
// that index and keeps its rows.
import { afterEach, describe, expect, test } from 'vitest';
import { MIGRATIONS } from '../../electron/backend/db/migrations';
import { openDatabase } from '../../electron/backend/db/open';
import { SAME_NAME_SQL } from '../../electron/backend/exchange/merge/candidates';
import type { Db } from '../../electron/backend/db/open';
import { cleanupTemp, makeBackend, snapshotDb, tempDbPath } from '../helpers/backend';
import { editRecords, readParts, saveTemp, writeParts } from '../helpers/exchange-files';
import { exportFile, makeProvince, previewFiles } from '../helpers/exchange-sites';

afterEach(() => cleanupTemp());

const SAME_NAME = MIGRATIONS.find((m) => m.name === 'unit-same-name')?.version ?? 0;

function planOf(db: Db, parent: string | null): string {
  const rows = db
    .prepare(`EXPLAIN QUERY PLAN ${SAME_NAME_SQL}`)
    .all({ name: 'dang bo xa dong y', parent, from: 2016, to: 2018 }) as { detail: string }[];
  return rows.map((r) => r.detail).join('\n');
}

describe('"the same unit?" by name', () => {
  test('every unit of a file with other ids is offered for the local unit of its name', async () => {
    const sender = makeProvince();
    const receiver = makeProvince();
    // No codes in the file: each unit can only be matched by name under its parent.
    const parts = editRecords(readParts((await exportFile(sender.backend)).bytes), (records) =>
      records.map((r) => (r.t === 'unit_version' ? { ...r, d: { ...r.d, code: null } } : r)),
    );
    const path = saveTemp('khong-ma.tccsd', writeParts(parts));
    const unitsBefore = receiver.backend.ctx.db.prepare('SELECT count(*) FROM units').pluck().get();

    const preview = await previewFiles(receiver.backend, [path]);
    // The province itself and every district and unit under it, each for its local namesake.
    const expected = [...sender.ids]
      .map(([code, id]) => [id, receiver.ids.get(code)])
      .concat([[sender.provinceId, receiver.provinceId]]);
    const offered = preview.sameUnits.map((c) => [c.incomingUnitId, c.localUnitId]);
    expect(offered.sort()).toEqual(expected.sort());
    expect(preview.sameUnits.every((c) => c.match === 'name')).toBe(true);

    const same = Object.fromEntries(
      preview.sameUnits.map((c) => [c.incomingUnitId, 'same' as const]),
    );
    receiver.backend.call('exchange.apply', {
      planId: preview.planId,
      sameUnits: same,
      conflicts: { all: 'take_incoming' },
    });
    // Nothing registered twice.
    expect(receiver.backend.ctx.db.prepare('SELECT count(*) FROM units').pluck().get()).toBe(
      unitsBefore,
    );
  });

  test('the name is searched under its parent in its own index, with or without a parent', () => {
    const b = makeBackend();
    for (const parent of ['00000000-0000-4000-8000-000000000000', null]) {
      const plan = planOf(b.ctx.db, parent);
      expect(plan).toMatch(
        /SEARCH v USING COVERING INDEX unit_versions_same_name \(name_folded=\? AND parent_id=\? AND deleted_at=\?/,
      );
      expect(plan).not.toMatch(/unit_versions_tree|SCAN v/);
    }
  });

  test('a file from version 10 gains the index and keeps every row', () => {
    const b = makeBackend();
    const province = b.call('units.create', { name: 'Đảng bộ tỉnh Mẫu', kind: 'province' }).id;
    b.call('units.create', {
      name: 'Đảng bộ xã Đồng Ý',
      kind: 'base_committee',
      parentId: province,
      fromYear: 2008,
    });
    const path = b.dbPath;
    b.ctx.db.exec('DROP INDEX unit_versions_same_name');
    b.ctx.db.pragma(`user_version = ${SAME_NAME - 1}`);
    expect(planOf(b.ctx.db, province)).toMatch(/unit_versions_tree/);
    const before = snapshotDb(b.ctx.db).replace(/"user_version":\d+/, '');
    b.close();

    // Only this migration runs: the file already holds what the later ones make (migration 16
    // would add its column again).
    const { db } = openDatabase(path, { migrateTo: SAME_NAME, backupDir: tempDbPath('backups') });
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(SAME_NAME);
      expect(snapshotDb(db).replace(/"user_version":\d+/, '')).toBe(before);
      expect(planOf(db, province)).toMatch(/COVERING INDEX unit_versions_same_name/);
    } finally {
      db.close();
    }
  });
});
