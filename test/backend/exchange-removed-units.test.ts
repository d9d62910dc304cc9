// A file from an installation that removed, merged or split units is received whole. units.remove
// tombstones the unit, its versions and events but leaves its ratings live, and the file carries
// them: the receiver, which never had the unit, used to skip the unit's tombstone ("a deleted
// record never had: nothing to do") and insert the ratings, so the commit failed on the foreign
// key with an English internal error. And a file whose records still name a record it carries
// only as removed is refused in Vietnamese with nothing written.
import { afterAll, describe, expect, test, vi } from 'vitest';
import { cleanupTemp, makeBackend } from '../helpers/backend';
import type { TestBackend } from '../helpers/backend';
import { editRecords, readParts, saveTemp, writeParts } from '../helpers/exchange-files';
import { exportFile, importFiles, makeProvince, previewFiles } from '../helpers/exchange-sites';

vi.setConfig({ testTimeout: 60_000 });
afterAll(cleanupTemp);

function foreignKeyProblems(b: TestBackend): unknown[] {
  return b.ctx.db.prepare('PRAGMA foreign_key_check').all();
}

/** A province whose register had three units rated, then merged, split and removed. */
function senderWithLineage() {
  const sender = makeBackend();
  const rootId = sender.call('setup.complete', {
    operatorName: 'Ban Tổ chức Tỉnh ủy',
    ownUnit: { mode: 'new', name: 'Đảng bộ tỉnh Mẫu', code: 'TM', kind: 'province' },
  }).ownUnitId;
  if (!rootId) throw new Error('no own unit');
  const district = sender.call('units.create', {
    name: 'Huyện ủy Miền Tây',
    kind: 'upper_committee',
    parentId: rootId,
    fromYear: 2010,
  }).id;
  const unit = (name: string, code: string) =>
    sender.call('units.create', {
      name,
      code,
      kind: 'base_cell',
      parentId: district,
      fromYear: 2010,
    }).id;
  const removed = unit('Chi bộ thôn Nà Pàn', 'NP');
  const merged = unit('Chi bộ thôn Tân Lập', 'TL');
  const target = unit('Chi bộ thôn Hòa Bình', 'HB');
  const split = unit('Chi bộ thôn Đồng Ý', 'DY');
  for (const id of [removed, merged, target, split]) {
    sender.call('ratings.set', { unitId: id, year: 2016, levelCode: 'HTTNV' });
    sender.call('ratings.set', { unitId: id, year: 2017, levelCode: 'HTNV' });
  }
  sender.call('units.merge', { sourceIds: [merged], targetId: target, year: 2018 });
  sender.call('units.split', {
    id: split,
    year: 2018,
    parts: [{ name: 'Chi bộ thôn Đồng Ý 2', kind: 'base_cell' }],
    endSource: false,
  });
  // Removed as entered by mistake: its ratings stay in the data file, live, and travel.
  sender.call('units.remove', { id: removed });
  return { sender, removed };
}

describe('a file from an installation that removed, merged and split units', () => {
  test('is received into a new data file: the removed unit arrives removed with its ratings, no internal error', async () => {
    const { sender, removed } = senderWithLineage();
    const file = await exportFile(sender);
    const receiver = makeBackend();
    const before = receiver.snapshot();
    const { result } = await importFiles(receiver, [file.path]);
    expect(result.unchanged).toBe(false);
    const db = receiver.ctx.db;
    expect(foreignKeyProblems(receiver)).toEqual([]);
    const unit = db.prepare('SELECT deleted_at FROM units WHERE id = ?').get(removed) as
      { deleted_at: string | null } | undefined;
    expect(unit?.deleted_at).not.toBeNull();
    // Its ratings as the sender keeps them: live, naming the removed unit.
    const ratings = (id: TestBackend) =>
      id.ctx.db
        .prepare('SELECT year, level_code, deleted_at FROM ratings WHERE unit_id = ? ORDER BY year')
        .all(removed);
    expect(ratings(receiver)).toEqual(ratings(sender));
    expect(ratings(receiver)).toHaveLength(2);
    // Not shown in the register: it is removed.
    expect(receiver.call('units.list', { year: 2017, search: 'Nà Pàn' }).rows).toEqual([]);
    // The import is undone whole, the removed unit's tombstone with the rest.
    receiver.call('exchange.undo', { batchId: result.batches[0]!.id });
    expect(db.prepare('SELECT count(*) FROM units WHERE id = ?').pluck().get(removed)).toBe(0);
    expect(foreignKeyProblems(receiver)).toEqual([]);
    expect(receiver.snapshot()).not.toBe(before); // the undone batch stays listed
    expect(db.prepare('SELECT count(*) FROM ratings').pluck().get()).toBe(0);
  });

  test('is received again after the sender changed more, into a file that has the first one', async () => {
    const { sender } = senderWithLineage();
    const receiver = makeBackend();
    await importFiles(receiver, [(await exportFile(sender)).path]);
    const other = sender.call('units.list', { year: 2017, search: 'Hòa Bình' }).rows[0]!.id;
    sender.call('ratings.set', { unitId: other, year: 2018, levelCode: 'HTXSNV' });
    sender.call('units.remove', {
      id: sender.call('units.list', { year: 2018, search: 'Đồng Ý 2' }).rows[0]!.id,
    });
    const { result } = await importFiles(receiver, [(await exportFile(sender)).path]);
    expect(result.unchanged).toBe(false);
    expect(foreignKeyProblems(receiver)).toEqual([]);
  });
});

describe('a file whose records name a record it carries only as removed', () => {
  test('is refused in Vietnamese, nothing written', async () => {
    const province = makeProvince();
    const file = await exportFile(province.backend);
    // The province's list marked removed in the file, its members left live (a file no
    // installation writes: a list's members go with it); the header made to match.
    const edited = editRecords(readParts(file.bytes), (records) =>
      records.map((r) =>
        r.t === 'watchlist' && r.id === province.watchlistId
          ? { ...r, del: '2026-11-30T08:00:00.000Z', rev: r.rev + 1 }
          : r,
      ),
    );
    const path = saveTemp('lang-son.tccsd', writeParts(edited));
    const receiver = makeBackend();
    const before = receiver.snapshot();
    const preview = await previewFiles(receiver, [path]);
    const applied = receiver.attempt('exchange.apply', { planId: preview.planId });
    expect(applied.ok).toBe(false);
    if (applied.ok) return;
    expect(applied.error.code).toBe('BAD_FILE');
    expect(applied.error.message).toBe(
      'Không nhập: trong tệp có bản ghi gắn với một bản ghi mà chính tệp ghi là đã xóa và máy ' +
        'này chưa từng có (tệp không nhất quán); không có gì được ghi. Hãy xin lại tệp từ nơi gửi.',
    );
    expect(receiver.snapshot()).toBe(before);
  });
});
