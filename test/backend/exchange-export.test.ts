// exchange.export: what a file carries (the header, the scope and its context units, the years,
// only what changed since the previous export, tombstones, aliases mapped back), its sequence and
// the export's row, progress, and the refusals (each in Vietnamese, the data file unchanged).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import type { AppEvents } from '../../shared/contract';
import { EXCHANGE_ENTITIES } from '../../shared/methods/exchange';
import { fixedClock } from '../../electron/backend/context';
import { openExchangeFile } from '../../electron/backend/exchange/format/reader';
import { createFileRegistry } from '../../electron/backend/files';
import type { TestBackend } from '../helpers/backend';
import {
  VIETNAMESE_LETTER,
  cleanupTemp,
  errorOf,
  makeBackend,
  makeTempDir,
} from '../helpers/backend';
import type { RecordLine } from '../helpers/exchange-files';
import { readParts, recordsOf } from '../helpers/exchange-files';
import { FIXTURE_CLOCK, makeRichProvince } from '../helpers/exchange-export-fixture';
import { PROVINCE_NAME, exportFile, idOf } from '../helpers/exchange-sites';

afterEach(cleanupTemp);

function recordsIn(bytes: Buffer): RecordLine[] {
  return recordsOf(readParts(bytes));
}

function ids(records: RecordLine[], t: string): string[] {
  return records
    .filter((r) => r.t === t)
    .map((r) => r.id)
    .sort();
}

function unitIdsIn(records: RecordLine[], t: string): string[] {
  return records
    .filter((r) => r.t === t)
    .map((r) => String(r.d.unitId))
    .sort();
}

function sorted(values: string[]): string[] {
  return [...values].sort();
}

function exportRows(backend: TestBackend) {
  return backend.ctx.db.prepare('SELECT * FROM exchange_exports ORDER BY sequence').all() as Record<
    string,
    unknown
  >[];
}

describe('exchange.export', () => {
  test('the header says who sent what, and its counts and hash match the records', async () => {
    const province = makeRichProvince();
    const { backend } = province;
    const info = backend.call('app.info', {});
    const { result, bytes, path } = await exportFile(backend);
    const { header } = result;
    expect(header).toMatchObject({
      format: 'tccsd-exchange',
      formatVersion: 1,
      appVersion: backend.ctx.appVersion,
      installationId: info.installationId,
      installationName: PROVINCE_NAME,
      senderUnitId: province.provinceId,
      senderUnitName: PROVINCE_NAME,
      scope: { unitId: province.provinceId, unitName: PROVINCE_NAME },
      years: null,
      sinceLast: false,
      createdAt: FIXTURE_CLOCK,
      sequence: 1,
    });
    const records = recordsIn(bytes);
    for (const entity of EXCHANGE_ENTITIES) {
      expect(header.counts[entity], entity).toBe(records.filter((r) => r.t === entity).length);
    }
    expect(header.counts).toEqual({
      unit: 14,
      unit_version: 15,
      lineage_event: 2,
      rating: 6,
      watchlist: 1,
      member: 3,
      measure: 2,
      result: 1,
    });
    // Parents come before children: the record types in the format's order.
    const order = records.map((r) => EXCHANGE_ENTITIES.indexOf(r.t as never));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    // The app's reader verifies the hash; the file's sha256 is the one the export recorded.
    const file = await openExchangeFile(path);
    file.dispose();
    expect(file.header).toEqual(header);
    expect(exportRows(backend)[0]?.sha256).toBe(file.sha256);
    expect(result.suggestedName).toBe('TCCSD-Dang-bo-tinh-Lang-Son-so-1.tccsd');
    expect(result.file.name).toBe(result.suggestedName);
  });

  test('records carry their revision, installation, time and tombstone as stored', async () => {
    const { backend, ids: units } = makeRichProvince();
    const removed = backend.ctx.db
      .prepare('SELECT id, rev, deleted_at FROM ratings WHERE unit_id = ? AND year = 2016')
      .get(idOf(units, 'HL02')) as { id: string; rev: number; deleted_at: string };
    const records = recordsIn((await exportFile(backend)).bytes);
    const tombstone = records.find((r) => r.id === removed.id);
    expect(tombstone).toMatchObject({
      t: 'rating',
      rev: removed.rev,
      del: removed.deleted_at,
      by: backend.call('app.info', {}).installationId,
      at: FIXTURE_CLOCK,
    });
    expect(removed.rev).toBe(2);
  });

  test('each export takes the next sequence number and is recorded', async () => {
    const { backend, provinceId } = makeRichProvince();
    const first = await exportFile(backend);
    const second = await exportFile(backend, { fromYear: 2016, toYear: 2017 });
    const third = await exportFile(backend, { sinceLast: true });
    expect([first, second, third].map((f) => f.result.header.sequence)).toEqual([1, 2, 3]);
    expect(second.result.suggestedName).toBe('TCCSD-Dang-bo-tinh-Lang-Son-2016-2017-so-2.tccsd');
    const auditSeq = backend.ctx.db.prepare('SELECT max(seq) FROM audit_log').pluck().get();
    const rows = exportRows(backend);
    expect(rows.map((r) => r.sequence)).toEqual([1, 2, 3]);
    expect(rows[1]).toMatchObject({
      at: FIXTURE_CLOCK,
      operator: 'Ban Tổ chức Tỉnh ủy',
      file_name: 'TCCSD-Dang-bo-tinh-Lang-Son-2016-2017-so-2.tccsd',
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      scope_unit_id: provinceId,
      from_year: 2016,
      to_year: 2017,
      since_last: 0,
      audit_seq: auditSeq,
    });
    expect(JSON.parse(String(rows[1]?.counts))).toEqual(second.result.header.counts);
    expect(rows[2]?.since_last).toBe(1);
    // The ledger shows them, newest first.
    const ledger = backend.call('exchange.ledger', { year: 2017 });
    expect(ledger.exports.map((e) => e.sequence)).toEqual([3, 2, 1]);
  });

  test('a committee as scope: its subtree, and the units it names outside as context', async () => {
    const { backend, ids: units, provinceId, watchlistId } = makeRichProvince();
    const bacSon = ['BS', 'BS01', 'BS02', 'BS03'].map((c) => idOf(units, c));
    const { bytes, result } = await exportFile(backend, { scopeId: idOf(units, 'BS') });
    expect(result.header.scope).toEqual({
      unitId: idOf(units, 'BS'),
      unitName: 'Đảng bộ huyện Bắc Sơn',
    });
    // The sender is still this installation's own unit.
    expect(result.header.senderUnitId).toBe(provinceId);
    const records = recordsIn(bytes);
    // The subtree and the province above it (its parent, and the list's issuer): no other district.
    expect(ids(records, 'unit')).toEqual(sorted([...bacSon, provinceId]));
    expect(unitIdsIn(records, 'unit_version')).toEqual(
      sorted([...bacSon, idOf(units, 'BS02'), provinceId]),
    );
    // Events and ratings only of the subtree (Vũ Sơn's renaming; Đồng Ý's two ratings).
    expect(unitIdsIn(records, 'lineage_event')).toEqual([idOf(units, 'BS02')]);
    expect(unitIdsIn(records, 'rating')).toEqual([idOf(units, 'BS01'), idOf(units, 'BS01')]);
    // The province's list, with the member of the subtree only, its measures and remark.
    expect(ids(records, 'watchlist')).toEqual([watchlistId]);
    expect(unitIdsIn(records, 'member')).toEqual([idOf(units, 'BS01')]);
    expect(records.filter((r) => r.t === 'measure')).toHaveLength(2);
    expect(records.filter((r) => r.t === 'result')).toHaveLength(1);
  });

  test("by default the scope is this installation's own unit and everything under it", async () => {
    const b = makeBackend({ clock: fixedClock(FIXTURE_CLOCK) });
    const province = b.call('units.create', { name: PROVINCE_NAME, kind: 'province' });
    const district = b.call('units.create', {
      name: 'Đảng bộ huyện Hữu Lũng',
      kind: 'upper_committee',
      parentId: province.id,
    });
    const cell = b.call('units.create', {
      name: 'Đảng bộ xã Hòa Sơn',
      kind: 'base_committee',
      parentId: district.id,
    });
    const elsewhere = b.call('units.create', {
      name: 'Đảng bộ huyện Bắc Sơn',
      kind: 'upper_committee',
      parentId: province.id,
    });
    b.call('ratings.set', { unitId: cell.id, year: 2017, levelCode: 'HTTNV' });
    b.call('setup.complete', {
      operatorName: 'Ban Tổ chức Huyện ủy Hữu Lũng',
      ownUnit: { mode: 'existing', unitId: district.id },
    });
    const { bytes, result } = await exportFile(b);
    expect(result.header.scope.unitId).toBe(district.id);
    expect(result.header.senderUnitName).toBe('Đảng bộ huyện Hữu Lũng');
    expect(result.suggestedName).toBe('TCCSD-Dang-bo-huyen-Huu-Lung-so-1.tccsd');
    const records = recordsIn(bytes);
    expect(ids(records, 'unit')).toEqual(sorted([province.id, district.id, cell.id]));
    expect(ids(records, 'unit')).not.toContain(elsewhere.id);
    expect(unitIdsIn(records, 'rating')).toEqual([cell.id]);
  });

  test('a unit once under the scope travels with all its versions, any year', async () => {
    const { backend, ids: units } = makeRichProvince();
    // Hòa Sơn moves from Hữu Lũng to Chi Lăng in 2017: it was under Hữu Lũng in 2016.
    backend.call('units.move', {
      id: idOf(units, 'HL01'),
      parentId: idOf(units, 'CL'),
      year: 2017,
    });
    const records = recordsIn((await exportFile(backend, { scopeId: idOf(units, 'HL') })).bytes);
    const versions = records.filter(
      (r) => r.t === 'unit_version' && r.d.unitId === idOf(units, 'HL01'),
    );
    expect(versions.map((v) => v.d.parentId)).toEqual(
      expect.arrayContaining([idOf(units, 'HL'), idOf(units, 'CL')]),
    );
    // Chi Lăng, its new parent, comes as context: the file names no unit it does not carry.
    expect(ids(records, 'unit')).toContain(idOf(units, 'CL'));
    expect(unitIdsIn(records, 'rating')).toContain(idOf(units, 'HL01'));
  });

  test('years filter ratings, lists overlapping them, and remarks', async () => {
    const { backend, ids: units } = makeRichProvince();
    const only2016 = recordsIn((await exportFile(backend, { fromYear: 2016, toYear: 2016 })).bytes);
    const ratingYears = only2016.filter((r) => r.t === 'rating').map((r) => r.d.year);
    expect(ratingYears).toEqual([2016, 2016, 2016]);
    // The 2017 list and all that hangs from it stay out.
    expect(
      only2016.filter((r) => ['watchlist', 'member', 'measure', 'result'].includes(r.t)),
    ).toEqual([]);
    // Units travel whatever the years.
    expect(ids(only2016, 'unit')).toContain(idOf(units, 'CL04'));

    const only2017 = await exportFile(backend, { fromYear: 2017 });
    expect(only2017.result.header.years).toEqual({ from: 2017, to: 2017 });
    expect(only2017.result.suggestedName).toBe('TCCSD-Dang-bo-tinh-Lang-Son-2017-so-2.tccsd');
    const records = recordsIn(only2017.bytes);
    expect(records.filter((r) => r.t === 'rating').map((r) => r.d.year)).toEqual([
      2017, 2017, 2017,
    ]);
    expect(records.filter((r) => r.t === 'watchlist')).toHaveLength(1);
    expect(records.filter((r) => r.t === 'result')).toHaveLength(1);
    // A list of 2016–2018 overlaps 2017.
    const longList = backend.call('watchlists.create', {
      title: 'Củng cố giai đoạn 2016–2018',
      issuerId: idOf(units, 'BS'),
      year: 2016,
      toYear: 2018,
    });
    const again = recordsIn((await exportFile(backend, { fromYear: 2017, toYear: 2017 })).bytes);
    expect(ids(again, 'watchlist')).toContain(longList.id);
  });

  test('only what changed since the previous export, tombstones included', async () => {
    const { backend, ids: units } = makeRichProvince();
    await exportFile(backend);
    const nothing = await exportFile(backend, { sinceLast: true });
    expect(Object.values(nothing.result.header.counts).every((n) => n === 0)).toBe(true);
    expect(nothing.result.header.sinceLast).toBe(true);

    backend.call('ratings.set', { unitId: idOf(units, 'HL01'), year: 2017, levelCode: 'TSVM' });
    backend.call('ratings.remove', { unitId: idOf(units, 'BS01'), year: 2016 });
    backend.call('units.rename', {
      id: idOf(units, 'HL03'),
      name: 'Chi bộ Chi cục Thuế khu vực',
      year: 2018,
    });
    const changed = recordsIn((await exportFile(backend, { sinceLast: true })).bytes);
    const ratings = changed.filter((r) => r.t === 'rating');
    expect(ratings.map((r) => [r.d.unitId, r.d.year, r.del !== null]).sort()).toEqual(
      [
        [idOf(units, 'BS01'), 2016, true],
        [idOf(units, 'HL01'), 2017, false],
      ].sort(),
    );
    expect(unitIdsIn(changed, 'lineage_event')).toEqual([idOf(units, 'HL03')]);
    expect(unitIdsIn(changed, 'unit_version')).toEqual([idOf(units, 'HL03'), idOf(units, 'HL03')]);
    expect(changed.filter((r) => r.t === 'watchlist' || r.t === 'member')).toEqual([]);
    // And the next one starts after this one.
    const after = await exportFile(backend, { sinceLast: true });
    expect(Object.values(after.result.header.counts).every((n) => n === 0)).toBe(true);
  });

  test("units confirmed the same as another installation's go out under that one's id", async () => {
    const { backend, ids: units, provinceId } = makeRichProvince();
    const remoteDistrict = '4d3c2b1a-0f9e-4d8c-b7a6-5f4e3d2c1b0a';
    const remoteProvince = '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
    const insert = backend.ctx.db.prepare(
      'INSERT INTO exchange_unit_aliases(remote_id, local_id, batch_id, created_at) VALUES (?, ?, NULL, ?)',
    );
    insert.run(remoteDistrict, idOf(units, 'BS'), FIXTURE_CLOCK);
    insert.run(remoteProvince, provinceId, FIXTURE_CLOCK);
    const { bytes, result } = await exportFile(backend, { scopeId: idOf(units, 'BS') });
    expect(result.header.senderUnitId).toBe(remoteProvince);
    expect(result.header.scope.unitId).toBe(remoteDistrict);
    const records = recordsIn(bytes);
    expect(ids(records, 'unit')).toEqual(
      sorted([
        remoteDistrict,
        remoteProvince,
        ...['BS01', 'BS02', 'BS03'].map((c) => idOf(units, c)),
      ]),
    );
    const text = JSON.stringify(records);
    expect(text).not.toContain(idOf(units, 'BS'));
    expect(text).not.toContain(provinceId);
    const districtVersion = records.find(
      (r) => r.t === 'unit_version' && r.d.unitId === remoteDistrict,
    );
    expect(districtVersion?.d.parentId).toBe(remoteProvince);
    const cellVersion = records.find(
      (r) => r.t === 'unit_version' && r.d.unitId === idOf(units, 'BS01'),
    );
    expect(cellVersion?.d.parentId).toBe(remoteDistrict);
    expect(records.find((r) => r.t === 'watchlist')?.d.issuerId).toBe(remoteProvince);
    // The register itself is untouched.
    expect(
      backend.ctx.db.prepare('SELECT count(*) FROM units WHERE id = ?').pluck().get(remoteDistrict),
    ).toBe(0);
  });

  test('progress goes from 0 to every record', async () => {
    const events: AppEvents['progress'][] = [];
    const { backend } = makeRichProvince({
      emit: (event, payload) => {
        if (event === 'progress') events.push(payload as AppEvents['progress']);
      },
    });
    const { result } = await exportFile(backend);
    const total = Object.values(result.header.counts).reduce((a, b) => a + b, 0);
    expect(events[0]).toEqual({ job: 'exchange', phase: 'export', done: 0, total });
    expect(events.at(-1)).toEqual({ job: 'exchange', phase: 'export', done: total, total });
  });

  test("the export is announced as a change of the exchange's books, nothing else", async () => {
    const changes: AppEvents['data.changed'][] = [];
    const { backend } = makeRichProvince({
      emit: (event, payload) => {
        if (event === 'data.changed') changes.push(payload as AppEvents['data.changed']);
      },
    });
    changes.length = 0;
    await exportFile(backend);
    expect(changes.map((c) => c.entities)).toEqual([['exchange']]);
  });

  test('the connection is free again afterwards: reads and writes go on', async () => {
    const { backend, ids: units } = makeRichProvince();
    await exportFile(backend);
    expect(backend.ctx.db.inTransaction).toBe(false);
    backend.call('ratings.set', { unitId: idOf(units, 'BS03'), year: 2017, levelCode: 'HTNV' });
    expect(backend.call('units.list', { year: 2017 }).rows.length).toBeGreaterThan(0);
  });
});

describe('exchange.export refuses, in Vietnamese, with nothing changed', () => {
  test('before the own unit is chosen', async () => {
    const b = makeBackend();
    const before = b.snapshot();
    const error = errorOf(await b.attemptAsync('exchange.export', {}));
    expect(error).toEqual({
      code: 'SETUP_REQUIRED',
      message: 'Hãy chọn tổ chức đảng của mình (phần Cài đặt) trước khi xuất dữ liệu.',
    });
    expect(b.snapshot()).toBe(before);
  });

  test('a scope that is not in the register', async () => {
    const { backend } = makeRichProvince();
    const before = backend.snapshot();
    const error = errorOf(
      await backend.attemptAsync('exchange.export', {
        scopeId: '2f1e0d9c-8b7a-4695-a4b3-c2d1e0f9a8b7',
      }),
    );
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toMatch(VIETNAMESE_LETTER);
    expect(backend.snapshot()).toBe(before);
  });

  test('years in the wrong order, and a year out of range', async () => {
    const { backend } = makeRichProvince();
    const before = backend.snapshot();
    expect(
      errorOf(await backend.attemptAsync('exchange.export', { fromYear: 2018, toYear: 2016 })),
    ).toEqual({
      code: 'INVALID_INPUT',
      message: 'Năm bắt đầu (2018) phải bằng hoặc trước năm kết thúc (2016).',
    });
    const far = errorOf(await backend.attemptAsync('exchange.export', { fromYear: 2030 }));
    expect(far.code).toBe('INVALID_INPUT');
    expect(far.message).toBe('Năm phải từ 1930 đến 2019.');
    expect(backend.snapshot()).toBe(before);
  });

  test('an output folder that cannot be written gives WRITE_FAILED and records no export', async () => {
    const { backend } = makeRichProvince();
    const dir = makeTempDir();
    const blocker = join(dir, 'out');
    // A file where the output folder should be: the folder can never be made.
    writeFileSync(blocker, 'x');
    backend.ctx.files = createFileRegistry(join(blocker, 'exchange'));
    const before = backend.snapshot();
    const error = errorOf(await backend.attemptAsync('exchange.export', {}));
    expect(error.code).toBe('WRITE_FAILED');
    expect(error.message).toContain('Không ghi được tệp "TCCSD-Dang-bo-tinh-Lang-Son-so-1.tccsd"');
    expect(error.message).toContain('Hãy chọn thư mục khác hoặc kiểm tra quyền ghi.');
    expect(error.message).not.toMatch(/ENOTDIR|EEXIST|Error:/);
    expect(backend.snapshot()).toBe(before);
    expect(backend.ctx.db.inTransaction).toBe(false);
  });
  test('a folder that disappears while the file is written: WRITE_FAILED, nothing recorded', async () => {
    const { backend } = makeRichProvince();
    const gone = join(makeTempDir(), 'đã xóa');
    const files = backend.ctx.files;
    // The registry hands the export a temporary name in a folder that does not exist.
    backend.ctx.files = {
      ...files,
      async writeOutput(_name, write) {
        await write(join(gone, 'tep.part'));
        return files.register(gone);
      },
    };
    const before = backend.snapshot();
    const error = errorOf(await backend.attemptAsync('exchange.export', {}));
    expect(error.code).toBe('WRITE_FAILED');
    expect(error.message).toContain(`thư mục "${gone}" không tồn tại`);
    expect(backend.snapshot()).toBe(before);
    expect(backend.ctx.db.inTransaction).toBe(false);
  });

  test("the database's own failure is not called a write failure", async () => {
    const { backend } = makeRichProvince();
    backend.ctx.db.exec('DROP TABLE exchange_unit_aliases');
    const before = backend.snapshot();
    const error = errorOf(await backend.attemptAsync('exchange.export', {}));
    expect(error.code).toBe('INTERNAL');
    expect(backend.snapshot()).toBe(before);
    expect(backend.ctx.db.inTransaction).toBe(false);
  });
});
