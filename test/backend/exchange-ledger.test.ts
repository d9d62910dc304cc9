// The consolidation ledger (exchange.ledger): who sent what, each batch with whether it can still
// be undone, and who has not reported for a year. Most batches here are written as an import
// leaves them (a batch row, one change row per written record with the revision it left), so the
// ledger's reading is tested on its own; the last tests read the ledger after real files went
// through exchange.preview, exchange.apply and exchange.undo.
import { afterEach, describe, expect, test } from 'vitest';
import { fixedClock } from '../../electron/backend/context';
import { newId } from '../../shared/domain/ids';
import type { TestBackend } from '../helpers/backend';
import { addUnit, cleanupTemp, errorOf, makeBackend } from '../helpers/backend';
import {
  DISTRICTS,
  exportFile,
  idOf,
  importFiles,
  makeLowerSite,
  makeProvince,
  recordSiteWork,
} from '../helpers/exchange-sites';

afterEach(cleanupTemp);

interface BatchSpec {
  sender: string;
  senderName: string;
  sequence: number;
  importedAt: string;
  years?: [number, number] | null;
  counts?: Partial<Record<'inserted' | 'updated' | 'keptLocal' | 'identical', number>>;
  undoneAt?: string;
  /** Records the batch wrote: entity and local id; the revision left is the record's current one. */
  wrote?: { entity: string; table: string; id: string }[];
}

/** Writes a batch as exchange.apply leaves it. */
function recordBatch(b: TestBackend, spec: BatchSpec): string {
  const id = newId();
  const db = b.ctx.db;
  const years = spec.years === undefined ? [2016, 2018] : spec.years;
  db.prepare(
    `INSERT INTO exchange_batches (id, sha256, file_name, format_version, sender_installation,
       sender_unit_id, sender_unit_name, sequence, direction, from_year, to_year, file_created_at,
       imported_at, operator, counts, undone_at)
     VALUES (?, ?, ?, 1, ?, NULL, ?, ?, 'up', ?, ?, ?, ?, 'Nguyễn Thị Hương', ?, ?)`,
  ).run(
    id,
    id.replace(/-/g, '').padEnd(64, '0'),
    `TCCSD-${spec.sequence}.tccsd`,
    spec.sender,
    spec.senderName,
    spec.sequence,
    years?.[0] ?? null,
    years?.[1] ?? null,
    spec.importedAt,
    spec.importedAt,
    JSON.stringify({ inserted: 0, updated: 0, keptLocal: 0, identical: 0, ...spec.counts }),
    spec.undoneAt ?? null,
  );
  for (const record of spec.wrote ?? []) {
    const { rev } = db.prepare(`SELECT rev FROM ${record.table} WHERE id = ?`).get(record.id) as {
      rev: number;
    };
    db.prepare(
      `INSERT INTO exchange_batch_changes (batch_id, entity, record_id, before, after_rev)
       VALUES (?, ?, ?, NULL, ?)`,
    ).run(id, record.entity, record.id, rev);
  }
  return id;
}

function ratingId(b: TestBackend, unitId: string, year: number): string {
  return (
    b.ctx.db.prepare('SELECT id FROM ratings WHERE unit_id = ? AND year = ?').get(unitId, year) as {
      id: string;
    }
  ).id;
}

/** A province installation with three district committees under it. */
function province() {
  const b = makeBackend({ operator: null, clock: fixedClock('2019-01-20T03:00:00Z') });
  const own = b.call('setup.complete', {
    operatorName: 'Nguyễn Thị Hương',
    ownUnit: { mode: 'new', name: 'Đảng bộ tỉnh Lạng Sơn', kind: 'province', fromYear: 1950 },
  }).ownUnitId;
  if (own === null) throw new Error('setup left no own unit');
  const district = (name: string) =>
    addUnit(b, name, 1960, { kind: 'upper_committee', parentId: own });
  const bacSon = district('Huyện ủy Bắc Sơn');
  const huuLung = district('Huyện ủy Hữu Lũng');
  const chiLang = district('Huyện ủy Chi Lăng');
  const dongY = addUnit(b, 'Đảng bộ xã Đồng Ý', 1960, {
    kind: 'base_committee',
    parentId: bacSon.id,
  });
  const hoaSon = addUnit(b, 'Đảng bộ xã Hòa Sơn', 1960, {
    kind: 'base_committee',
    parentId: huuLung.id,
  });
  return { b, own, bacSon, huuLung, chiLang, dongY, hoaSon };
}

describe('exchange.ledger: who has not reported', () => {
  test('with nothing imported, every unit directly under the own unit is listed, in order', () => {
    const { b } = province();
    const ledger = b.call('exchange.ledger', { year: 2018 });
    expect(ledger.year).toBe(2018);
    expect(ledger.notReported.map((u) => u.name)).toEqual([
      'Huyện ủy Bắc Sơn',
      'Huyện ủy Chi Lăng',
      'Huyện ủy Hữu Lũng',
    ]);
    expect(ledger.senders).toEqual([]);
    expect(ledger.batches).toEqual([]);
    expect(ledger.exports).toEqual([]);
  });

  test('a district has reported when a live batch wrote a rating of the year in its subtree', () => {
    const { b, dongY, hoaSon } = province();
    b.call('ratings.set', { unitId: dongY.id, year: 2018, levelCode: 'HTXSNV' });
    b.call('ratings.set', { unitId: hoaSon.id, year: 2018, levelCode: 'HTTNV' });
    b.call('ratings.set', { unitId: hoaSon.id, year: 2017, levelCode: 'HTTNV' });
    recordBatch(b, {
      sender: 'bac-son',
      senderName: 'Huyện ủy Bắc Sơn',
      sequence: 1,
      importedAt: '2019-01-10T02:00:00.000Z',
      wrote: [{ entity: 'rating', table: 'ratings', id: ratingId(b, dongY.id, 2018) }],
    });
    // Hữu Lũng's 2018 rating was typed here, and its file carried only 2017: not reported.
    recordBatch(b, {
      sender: 'huu-lung',
      senderName: 'Huyện ủy Hữu Lũng',
      sequence: 1,
      importedAt: '2019-01-11T02:00:00.000Z',
      wrote: [{ entity: 'rating', table: 'ratings', id: ratingId(b, hoaSon.id, 2017) }],
    });
    const names = (year: number) =>
      b.call('exchange.ledger', { year }).notReported.map((u) => u.name);
    expect(names(2018)).toEqual(['Huyện ủy Chi Lăng', 'Huyện ủy Hữu Lũng']);
    expect(names(2017)).toEqual(['Huyện ủy Bắc Sơn', 'Huyện ủy Chi Lăng']);
  });

  test('an undone batch reports nothing', () => {
    const { b, dongY } = province();
    b.call('ratings.set', { unitId: dongY.id, year: 2018, levelCode: 'HTXSNV' });
    recordBatch(b, {
      sender: 'bac-son',
      senderName: 'Huyện ủy Bắc Sơn',
      sequence: 1,
      importedAt: '2019-01-10T02:00:00.000Z',
      undoneAt: '2019-01-12T02:00:00.000Z',
      wrote: [{ entity: 'rating', table: 'ratings', id: ratingId(b, dongY.id, 2018) }],
    });
    const ledger = b.call('exchange.ledger', { year: 2018 });
    expect(ledger.notReported.map((u) => u.name)).toContain('Huyện ủy Bắc Sơn');
    // An installation whose only file was undone has sent nothing in force.
    expect(ledger.senders).toEqual([]);
    expect(ledger.batches).toHaveLength(1);
  });

  test('a rating the batch brought that was removed since is no report', () => {
    const { b, dongY } = province();
    b.call('ratings.set', { unitId: dongY.id, year: 2018, levelCode: 'HTXSNV' });
    recordBatch(b, {
      sender: 'bac-son',
      senderName: 'Huyện ủy Bắc Sơn',
      sequence: 1,
      importedAt: '2019-01-10T02:00:00.000Z',
      wrote: [{ entity: 'rating', table: 'ratings', id: ratingId(b, dongY.id, 2018) }],
    });
    const names = () => b.call('exchange.ledger', { year: 2018 }).notReported.map((u) => u.name);
    expect(names()).not.toContain('Huyện ủy Bắc Sơn');
    b.call('ratings.remove', { unitId: dongY.id, year: 2018 });
    expect(names()).toContain('Huyện ủy Bắc Sơn');
  });

  test('reports from deep below count for the unit directly under the own unit', () => {
    const { b, dongY } = province();
    const cell = addUnit(b, 'Chi bộ thôn Nà Lay', 1990, {
      kind: 'subordinate_cell',
      parentId: dongY.id,
    });
    b.call('ratings.set', { unitId: cell.id, year: 2018, levelCode: 'HTTNV' });
    recordBatch(b, {
      sender: 'bac-son',
      senderName: 'Huyện ủy Bắc Sơn',
      sequence: 1,
      importedAt: '2019-01-10T02:00:00.000Z',
      wrote: [{ entity: 'rating', table: 'ratings', id: ratingId(b, cell.id, 2018) }],
    });
    expect(b.call('exchange.ledger', { year: 2018 }).notReported.map((u) => u.name)).toEqual([
      'Huyện ủy Chi Lăng',
      'Huyện ủy Hữu Lũng',
    ]);
  });

  test('only the units directly under the own unit in that year are listed', () => {
    const { b, chiLang, own } = province();
    b.call('units.dissolve', { id: chiLang.id, year: 2017 });
    const later = addUnit(b, 'Đảng ủy Khối các cơ quan tỉnh', 2018, {
      kind: 'upper_committee',
      parentId: own,
    });
    const names = (year: number) =>
      b.call('exchange.ledger', { year }).notReported.map((u) => u.name);
    expect(names(2017)).toEqual(['Huyện ủy Bắc Sơn', 'Huyện ủy Chi Lăng', 'Huyện ủy Hữu Lũng']);
    expect(names(2018)).toEqual([
      'Đảng ủy Khối các cơ quan tỉnh',
      'Huyện ủy Bắc Sơn',
      'Huyện ủy Hữu Lũng',
    ]);
    expect(b.call('exchange.ledger', { year: 2018 }).notReported).toContainEqual({
      unitId: later.id,
      name: 'Đảng ủy Khối các cơ quan tỉnh',
      code: null,
    });
  });

  test('without an own unit there is no board, and nothing fails', () => {
    const b = makeBackend();
    expect(b.call('exchange.ledger', { year: 2018 }).notReported).toEqual([]);
  });
});

describe('exchange.ledger: batches and undo', () => {
  test('batches come newest first; a record changed since blocks undo, saying how many', () => {
    const { b, dongY, hoaSon } = province();
    b.call('ratings.set', { unitId: dongY.id, year: 2018, levelCode: 'HTXSNV' });
    b.call('ratings.set', { unitId: hoaSon.id, year: 2018, levelCode: 'HTTNV' });
    const first = recordBatch(b, {
      sender: 'bac-son',
      senderName: 'Huyện ủy Bắc Sơn',
      sequence: 1,
      importedAt: '2019-01-10T02:00:00.000Z',
      wrote: [{ entity: 'rating', table: 'ratings', id: ratingId(b, dongY.id, 2018) }],
    });
    const second = recordBatch(b, {
      sender: 'huu-lung',
      senderName: 'Huyện ủy Hữu Lũng',
      sequence: 1,
      importedAt: '2019-01-11T02:00:00.000Z',
      wrote: [
        { entity: 'rating', table: 'ratings', id: ratingId(b, hoaSon.id, 2018) },
        { entity: 'unit', table: 'units', id: hoaSon.id },
      ],
    });
    let ledger = b.call('exchange.ledger', { year: 2018 });
    expect(ledger.batches.map((x) => x.id)).toEqual([second, first]);
    expect(ledger.batches.map((x) => [x.canUndo, x.undoBlockedReason])).toEqual([
      [true, null],
      [true, null],
    ]);

    // Editing the rating here afterwards: undoing that batch would lose the edit.
    b.call('ratings.set', { unitId: hoaSon.id, year: 2018, levelCode: 'HTNV' });
    ledger = b.call('exchange.ledger', { year: 2018 });
    const blocked = ledger.batches[0];
    expect(blocked?.canUndo).toBe(false);
    expect(blocked?.undoBlockedReason).toBe(
      'Không hoàn tác được: đã có thay đổi sau lần nhập này ở 1 bản ghi ' +
        '(sửa trên máy này hoặc do một tệp nhập sau). Hãy hoàn tác các lần nhập sau trước, nếu cần.',
    );
    expect(ledger.batches[1]?.canUndo).toBe(true);
  });

  test('a record the batch wrote that is gone (another undo removed it) blocks undo too', () => {
    const { b, dongY } = province();
    b.call('ratings.set', { unitId: dongY.id, year: 2018, levelCode: 'HTXSNV' });
    const id = ratingId(b, dongY.id, 2018);
    recordBatch(b, {
      sender: 'bac-son',
      senderName: 'Huyện ủy Bắc Sơn',
      sequence: 1,
      importedAt: '2019-01-10T02:00:00.000Z',
      wrote: [{ entity: 'rating', table: 'ratings', id }],
    });
    b.ctx.db.prepare('DELETE FROM ratings WHERE id = ?').run(id);
    const [batch] = b.call('exchange.ledger', { year: 2018 }).batches;
    expect(batch?.canUndo).toBe(false);
    expect(batch?.undoBlockedReason).toContain('ở 1 bản ghi');
  });

  test('an undone batch cannot be undone again', () => {
    const { b } = province();
    recordBatch(b, {
      sender: 'bac-son',
      senderName: 'Huyện ủy Bắc Sơn',
      sequence: 1,
      importedAt: '2019-01-10T02:00:00.000Z',
      undoneAt: '2019-01-12T02:00:00.000Z',
    });
    const [batch] = b.call('exchange.ledger', { year: 2018 }).batches;
    expect(batch).toMatchObject({
      undoneAt: '2019-01-12T02:00:00.000Z',
      canUndo: false,
      undoBlockedReason: 'Lần nhập này đã được hoàn tác.',
    });
  });
});

describe('exchange.ledger: kept answers', () => {
  test('follow a change another program commits to the same data file', () => {
    const { b, dongY } = province();
    b.call('ratings.set', { unitId: dongY.id, year: 2018, levelCode: 'HTXSNV' });
    recordBatch(b, {
      sender: 'bac-son',
      senderName: 'Huyện ủy Bắc Sơn',
      sequence: 1,
      importedAt: '2019-01-10T02:00:00.000Z',
      wrote: [{ entity: 'rating', table: 'ratings', id: ratingId(b, dongY.id, 2018) }],
    });
    const read = () => {
      const ledger = b.call('exchange.ledger', { year: 2018 });
      return [ledger.batches[0]?.canUndo, ledger.notReported.length];
    };
    expect(read()).toEqual([true, 2]);
    expect(read()).toEqual([true, 2]);
    // Another window (or the command line) on the same file edits the rating and removes it.
    const other = makeBackend({ dbPath: b.dbPath, clock: fixedClock('2019-01-20T03:00:00Z') });
    other.call('ratings.set', { unitId: dongY.id, year: 2018, levelCode: 'HTTNV' });
    expect(read()).toEqual([false, 2]);
    other.call('ratings.remove', { unitId: dongY.id, year: 2018 });
    expect(read()).toEqual([false, 3]);
  });
});

describe('exchange.ledger: senders', () => {
  test('one row per sender: its highest sequence is the last file, with what it held', () => {
    const { b } = province();
    recordBatch(b, {
      sender: 'bac-son',
      senderName: 'Huyện ủy Bắc Sơn',
      sequence: 2,
      importedAt: '2019-01-10T02:00:00.000Z',
      years: [2016, 2018],
      counts: { inserted: 40, updated: 2 },
    });
    // A late copy of file 1 arrives after file 2: file 2 stays the last one.
    recordBatch(b, {
      sender: 'bac-son',
      senderName: 'Huyện ủy Bắc Sơn',
      sequence: 1,
      importedAt: '2019-01-15T02:00:00.000Z',
      years: [2016, 2017],
      counts: { identical: 30 },
    });
    const [sender] = b.call('exchange.ledger', { year: 2018 }).senders;
    expect(sender).toEqual({
      installationId: 'bac-son',
      unitId: null,
      unitName: 'Huyện ủy Bắc Sơn',
      lastFileName: 'TCCSD-2.tccsd',
      lastSequence: 2,
      lastCreatedAt: '2019-01-10T02:00:00.000Z',
      lastImportedAt: '2019-01-10T02:00:00.000Z',
      years: { from: 2016, to: 2018 },
      counts: { inserted: 40, updated: 2, keptLocal: 0, identical: 0 },
      state: 'received',
      missingYears: [],
      batches: 2,
    });
  });

  test('state: conflicts kept local in the last file, or years its files never covered', () => {
    const { b } = province();
    recordBatch(b, {
      sender: 'bac-son',
      senderName: 'Huyện ủy Bắc Sơn',
      sequence: 1,
      importedAt: '2019-01-10T02:00:00.000Z',
      years: [2016, 2018],
      counts: { updated: 3, keptLocal: 2 },
    });
    recordBatch(b, {
      sender: 'huu-lung',
      senderName: 'Huyện ủy Hữu Lũng',
      sequence: 1,
      importedAt: '2019-01-11T02:00:00.000Z',
      years: [2015, 2016],
    });
    recordBatch(b, {
      sender: 'huu-lung',
      senderName: 'Huyện ủy Hữu Lũng',
      sequence: 2,
      importedAt: '2019-01-12T02:00:00.000Z',
      years: [2018, 2018],
    });
    recordBatch(b, {
      sender: 'chi-lang',
      senderName: 'Huyện ủy Chi Lăng',
      sequence: 4,
      importedAt: '2019-01-12T02:00:00.000Z',
      years: null,
    });
    const states = (year: number) =>
      b.call('exchange.ledger', { year }).senders.map((s) => [s.unitName, s.state, s.missingYears]);
    expect(states(2018)).toEqual([
      ['Huyện ủy Bắc Sơn', 'conflicts_kept', []],
      ['Huyện ủy Chi Lăng', 'received', []],
      ['Huyện ủy Hữu Lũng', 'years_missing', [2017]],
    ]);
    expect(states(2019)).toEqual([
      ['Huyện ủy Bắc Sơn', 'years_missing', [2019]],
      ['Huyện ủy Chi Lăng', 'received', []],
      ['Huyện ủy Hữu Lũng', 'years_missing', [2017, 2019]],
    ]);
    expect(states(2016)[2]).toEqual(['Huyện ủy Hữu Lũng', 'received', []]);
  });

  test("this installation's exports, newest first", () => {
    const { b } = province();
    const insert = b.ctx.db.prepare(
      `INSERT INTO exchange_exports (id, sequence, at, operator, file_name, sha256, audit_seq,
         since_last, counts) VALUES (?, ?, ?, 'Nguyễn Thị Hương', ?, 'x', 1, ?, ?)`,
    );
    insert.run(newId(), 1, '2019-01-02T02:00:00.000Z', 'a.tccsd', 0, '{"unit":5,"rating":9}');
    insert.run(newId(), 2, '2019-01-05T02:00:00.000Z', 'b.tccsd', 1, '{"rating":1}');
    expect(b.call('exchange.ledger', { year: 2018 }).exports).toEqual([
      {
        sequence: 2,
        at: '2019-01-05T02:00:00.000Z',
        fileName: 'b.tccsd',
        sinceLast: true,
        counts: { rating: 1 },
      },
      {
        sequence: 1,
        at: '2019-01-02T02:00:00.000Z',
        fileName: 'a.tccsd',
        sinceLast: false,
        counts: { unit: 5, rating: 9 },
      },
    ]);
  });
});

describe('exchange.ledger: bad input', () => {
  test('a year out of range is refused in Vietnamese, nothing written', () => {
    const { b } = province();
    const before = b.snapshot();
    for (const year of [1800, 2100, '2018', null]) {
      const error = errorOf(b.attempt('exchange.ledger', { year }));
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.message).toMatch(/Năm/);
    }
    expect(errorOf(b.attempt('exchange.ledger', { year: 2018, extra: 1 })).code).toBe(
      'INVALID_INPUT',
    );
    expect(b.snapshot()).toBe(before);
  });
});

describe('exchange.ledger after real files', () => {
  /** The province with Bắc Sơn's and Hữu Lũng's first files received. */
  async function provinceWithTwoDistricts() {
    const events: string[][] = [];
    const province = makeProvince({
      emit: (event, payload) => {
        if (event === 'data.changed' && 'entities' in payload) events.push(payload.entities);
      },
    });
    const master = await exportFile(province.backend);
    const sent: string[] = [];
    const sites = [];
    for (const district of DISTRICTS.slice(0, 2)) {
      const site = await makeLowerSite(master.path, district);
      recordSiteWork(site);
      sent.push((await exportFile(site.backend)).path);
      sites.push(site);
    }
    return { province, sites, sent, events };
  }

  test('senders, who has not reported, and undo as the batches left them', async () => {
    const { province, sent, events } = await provinceWithTwoDistricts();
    const b = province.backend;
    events.length = 0;
    const first = await importFiles(b, sent);
    expect(first.result.batches).toHaveLength(2);
    // The apply announces the exchange's books, so every window's ledger refreshes.
    expect(events.some((entities) => entities.includes('exchange'))).toBe(true);

    let ledger = b.call('exchange.ledger', { year: 2017 });
    expect(ledger.senders.map((s) => [s.unitName, s.state, s.lastSequence])).toEqual([
      ['Đảng bộ huyện Bắc Sơn', 'received', 1],
      ['Đảng bộ huyện Hữu Lũng', 'received', 1],
    ]);
    expect(ledger.notReported.map((u) => u.name)).toEqual(['Đảng bộ huyện Chi Lăng']);
    // The files carried 2016 and 2017 only: nobody has reported 2018 yet.
    expect(b.call('exchange.ledger', { year: 2018 }).notReported).toHaveLength(3);
    expect(ledger.batches.every((batch) => batch.canUndo)).toBe(true);

    // A rating Hữu Lũng's file brought is changed here: that batch can no longer be undone.
    b.call('ratings.set', { unitId: idOf(province.ids, 'HL01'), year: 2017, levelCode: 'TSVM' });
    ledger = b.call('exchange.ledger', { year: 2017 });
    const huuLung = ledger.batches.find((x) => x.senderUnitName === 'Đảng bộ huyện Hữu Lũng');
    const bacSon = ledger.batches.find((x) => x.senderUnitName === 'Đảng bộ huyện Bắc Sơn');
    expect(huuLung?.canUndo).toBe(false);
    expect(huuLung?.undoBlockedReason).toContain('ở 1 bản ghi');
    const refused = errorOf(b.attempt('exchange.undo', { batchId: huuLung?.id }));
    expect(refused.code).toBe('UNDO_BLOCKED');

    // Bắc Sơn's batch is undone: it no longer counts as sent, and the board says so.
    events.length = 0;
    b.call('exchange.undo', { batchId: bacSon?.id ?? '' });
    expect(events.some((entities) => entities.includes('exchange'))).toBe(true);
    ledger = b.call('exchange.ledger', { year: 2017 });
    expect(ledger.senders.map((s) => s.unitName)).toEqual(['Đảng bộ huyện Hữu Lũng']);
    expect(ledger.notReported.map((u) => u.name)).toEqual([
      'Đảng bộ huyện Bắc Sơn',
      'Đảng bộ huyện Chi Lăng',
    ]);
    const undone = ledger.batches.find((x) => x.id === bacSon?.id);
    expect(undone).toMatchObject({
      canUndo: false,
      undoBlockedReason: 'Lần nhập này đã được hoàn tác.',
    });
  });

  test('a conflict kept local marks the sender until a later file of it is taken whole', async () => {
    const { province, sites, sent } = await provinceWithTwoDistricts();
    const b = province.backend;
    await importFiles(b, sent);
    const site = sites[0];
    if (!site) throw new Error('no Bắc Sơn site');
    const dongYThere = site.backend.call('units.list', { year: 2017, search: 'BS01' }).rows[0];
    // Both sides change Đồng Ý's 2017 rating; Bắc Sơn sends what changed, the province keeps its own.
    site.backend.call('ratings.set', {
      unitId: dongYThere?.id ?? '',
      year: 2017,
      levelCode: 'HTNV',
    });
    b.call('ratings.set', { unitId: idOf(province.ids, 'BS01'), year: 2017, levelCode: 'HTTNV' });
    const second = await exportFile(site.backend, { sinceLast: true });
    const kept = await importFiles(b, [second.path], { conflicts: { all: 'keep_local' } });
    expect(kept.preview.totals.conflicts).toBe(1);
    const state = () =>
      b
        .call('exchange.ledger', { year: 2017 })
        .senders.map((s) => [s.unitName, s.lastSequence, s.state, s.counts.keptLocal]);
    expect(state()).toEqual([
      ['Đảng bộ huyện Bắc Sơn', 2, 'conflicts_kept', 1],
      ['Đảng bộ huyện Hữu Lũng', 1, 'received', 0],
    ]);

    // Its next file changes something else and has no conflict: received again.
    const vuSon = site.backend.call('units.list', { year: 2017, search: 'BS02' }).rows[0];
    site.backend.call('ratings.set', { unitId: vuSon?.id ?? '', year: 2017, levelCode: 'TSVM' });
    const third = await exportFile(site.backend, { sinceLast: true });
    await importFiles(b, [third.path]);
    expect(state()[0]).toEqual(['Đảng bộ huyện Bắc Sơn', 3, 'received', 0]);
  });
});
