// The merge of exchange files (issue 9), between real installations on temporary data files
// exchanging real files: classification (new, changed field by field, identical, both kinds of
// conflict), decisions per record and all at once, the same file again, older files, sequences,
// identity of ratings by unit and year, "same unit?" decided both ways, direction and authority,
// stale plans, undo (exact, refused once something changed since), and the audit trail.
import { afterEach, describe, expect, test } from 'vitest';
import type { ExchangePreview, RecordChange } from '../../shared/contract';
import type { ExchangeRecord } from '../../electron/backend/exchange/format/records';
import { confirmDuplicates, hash53 } from '../../electron/backend/exchange/merge/duplicates';
import type { TestBackend } from '../helpers/backend';
import { VIETNAMESE_LETTER, checkSearchIndex, cleanupTemp, errorOf } from '../helpers/backend';
import { readParts, recordsOf, saveTemp, writeParts } from '../helpers/exchange-files';
import type { LowerSite, Province } from '../helpers/exchange-sites';
import {
  DISTRICTS,
  exportFile,
  makeLowerSite,
  makeProvince,
  previewFiles,
  recordSiteWork,
  siteUnitId,
} from '../helpers/exchange-sites';

afterEach(cleanupTemp);

interface World {
  province: Province;
  site: LowerSite;
}

/** The province and Bắc Sơn's installation (born from the master list) with a year's work. */
async function makeWorld(): Promise<World> {
  const province = makeProvince();
  const master = await exportFile(province.backend);
  const site = await makeLowerSite(master.path, DISTRICTS[0]!);
  recordSiteWork(site);
  return { province, site };
}

/** A file of the site's data as of now (every export is a new file: its own number and bytes). */
async function sendUp(site: LowerSite): Promise<string> {
  return (await exportFile(site.backend)).path;
}

function apply(
  backend: TestBackend,
  preview: ExchangePreview,
  choices: Omit<Parameters<TestBackend['call']>[1] & object, 'planId'> = {},
) {
  return backend.call('exchange.apply', { planId: preview.planId, ...choices });
}

function levelOf(backend: TestBackend, code: string, year: number): string | null {
  const unitId = siteUnitId(backend, code);
  return (
    backend.call('ratings.history', { unitId }).ratings.find((r) => r.year === year)?.levelCode ??
    null
  );
}

function setLevel(backend: TestBackend, code: string, year: number, levelCode: string): void {
  backend.call('ratings.set', { unitId: siteUnitId(backend, code), year, levelCode });
}

function changeOf(preview: ExchangePreview, label: string): RecordChange {
  const change = preview.changes.find((c) => c.label === label);
  if (!change) {
    throw new Error(`no change "${label}" in ${preview.changes.map((c) => c.label).join(' | ')}`);
  }
  return change;
}

/**
 * The data as people see it: every table but the audit trail and the exchange's own books (an
 * import and its undo are recorded there), and the full-text index's internal segments (rebuilt
 * differently after an insert and a delete; checkSearchIndex verifies them instead).
 */
function dataOnly(backend: TestBackend): string {
  const all = JSON.parse(backend.snapshot()) as Record<string, unknown>;
  const kept = Object.entries(all)
    .filter(
      ([key]) =>
        !key.startsWith('audit_') && !key.startsWith('exchange_') && !key.startsWith('unit_search'),
    )
    // The rating tallies' rows that fell to 0 are kept by the triggers and dropped by a bulk
    // recount (migration 12): the same figures either way.
    .map(([key, rows]) =>
      key === 'rating_tallies' || key === 'version_spans'
        ? [key, (rows as { n: number }[]).filter((row) => row.n !== 0)]
        : [key, rows],
    );
  return JSON.stringify(Object.fromEntries(kept));
}

function count(backend: TestBackend, sql: string, ...args: unknown[]): number {
  return (
    (backend.ctx.db
      .prepare(sql)
      .pluck()
      .get(...args) as number | undefined) ?? 0
  );
}

describe('exchange merge: what each record is', () => {
  test('a lower file: new ratings, measures and remarks; the register it got from us identical', async () => {
    const { province, site } = await makeWorld();
    const preview = await previewFiles(province.backend, [await sendUp(site)]);
    expect(preview.canApply).toBe(true);
    expect(preview.files[0]?.direction).toBe('up');
    expect(preview.totals).toEqual({
      new: 8,
      changed: 0,
      identical: 12,
      conflicts: 0,
      errors: 0,
      skipped: 0,
    });
    expect(preview.changesTotal).toBe(8);
    const rating = changeOf(preview, 'Đảng bộ xã Đồng Ý — xếp loại năm 2017');
    expect(rating).toMatchObject({ kind: 'new', entity: 'rating', fields: [] });
    expect(preview.changes.map((c) => c.label)).toContain(
      'Đảng bộ xã Đồng Ý — biện pháp "Kiểm tra, giám sát Đảng bộ xã Đồng Ý"',
    );
    expect(preview.changes.map((c) => c.label)).toContain('Đảng bộ xã Đồng Ý — nhận xét năm 2017');
    const result = apply(province.backend, preview);
    expect(result.unchanged).toBe(false);
    expect(result.batches).toHaveLength(1);
    expect(result.batches[0]?.counts).toEqual({
      inserted: 8,
      updated: 0,
      keptLocal: 0,
      identical: 12,
    });
    expect(result.message).toBe(
      'Đã nhập 1 tệp: 8 bản ghi mới, 0 bản ghi cập nhật, 0 xung đột giữ dữ liệu đang có, 12 bản ghi giống hệt.',
    );
    expect(levelOf(province.backend, 'BS01', 2016)).toBe('YK');
    expect(levelOf(province.backend, 'BS01', 2017)).toBe('TSVM');
  });

  test('a change shows field by field, as people read it (levels, dates, choices)', async () => {
    const { province, site } = await makeWorld();
    apply(province.backend, await previewFiles(province.backend, [await sendUp(site)]));
    site.backend.call('ratings.set', {
      unitId: siteUnitId(site.backend, 'BS01'),
      year: 2017,
      levelCode: 'TSVM',
      exemplary: true,
      decisionDate: '15/01/2018',
      rank: 'bottom',
    });
    const preview = await previewFiles(province.backend, [await sendUp(site)]);
    expect(preview.totals).toMatchObject({ new: 0, changed: 1, conflicts: 0 });
    const change = changeOf(preview, 'Đảng bộ xã Đồng Ý — xếp loại năm 2017');
    expect(change.kind).toBe('changed');
    expect(change.fields).toEqual([
      { field: 'levelCode', label: 'Mức xếp loại', local: 'TSVM', incoming: 'TSVM tiêu biểu' },
      { field: 'rank', label: 'Thứ hạng trong mức', local: '(trống)', incoming: 'Tốp cuối' },
      { field: 'decisionDate', label: 'Ngày quyết định', local: '(trống)', incoming: '15/01/2018' },
    ]);
    for (const field of change.fields) expect(field.label).toMatch(VIETNAMESE_LETTER);
    apply(province.backend, preview);
    const rated = province.backend
      .call('ratings.history', { unitId: siteUnitId(province.backend, 'BS01') })
      .ratings.find((r) => r.year === 2017);
    expect(rated).toMatchObject({ exemplary: true, rank: 'bottom', decisionDate: '2018-01-15' });
  });

  test('a rating is the same record by unit and year whatever its id', async () => {
    const { province, site } = await makeWorld();
    // The province recorded two of the same ratings itself, under ids of its own.
    province.backend.call('ratings.set', {
      unitId: siteUnitId(province.backend, 'BS01'),
      year: 2017,
      levelCode: 'TSVM',
      memberCount: 40,
      change: 'clear',
    });
    setLevel(province.backend, 'BS02', 2017, 'HTNV');
    const bs02 = siteUnitId(province.backend, 'BS02');
    const ownId = province.backend
      .call('ratings.history', { unitId: bs02 })
      .ratings.find((r) => r.year === 2017)?.id;
    const preview = await previewFiles(province.backend, [await sendUp(site)]);
    // Đồng Ý 2017 agrees (identical); Vũ Sơn 2017 differs, both sides never exchanged it.
    expect(preview.totals).toMatchObject({ new: 6, conflicts: 1 });
    const conflict = changeOf(preview, 'Đảng bộ xã Vũ Sơn — xếp loại năm 2017');
    expect(conflict).toMatchObject({ kind: 'conflict', conflictReason: 'both_changed' });
    expect(conflict.fields[0]).toMatchObject({ local: 'HTNV', incoming: 'HTTNV' });
    apply(province.backend, preview, { conflicts: { all: 'take_incoming' } });
    const rows = province.backend.ctx.db
      .prepare('SELECT id, level_code FROM ratings WHERE unit_id = ? AND year = 2017')
      .all(bs02);
    expect(rows).toEqual([{ id: ownId, level_code: 'HTTNV' }]);
    expect(count(province.backend, 'SELECT count(*) FROM ratings WHERE year = 2017')).toBe(3);
  });
});

describe('exchange merge: conflicts', () => {
  /** Both sides change Đồng Ý's and Vũ Sơn's 2017 levels after one exchange. */
  async function bothChanged() {
    const world = await makeWorld();
    const { province, site } = world;
    apply(province.backend, await previewFiles(province.backend, [await sendUp(site)]));
    setLevel(province.backend, 'BS01', 2017, 'HTTNV');
    setLevel(province.backend, 'BS02', 2017, 'HTNV');
    setLevel(site.backend, 'BS01', 2017, 'HTNV');
    setLevel(site.backend, 'BS02', 2017, 'TSVM');
    const path = await sendUp(site);
    return { ...world, path };
  }

  test('undecided conflicts refuse the apply, naming them; nothing written; decided later', async () => {
    const { province, path } = await bothChanged();
    const preview = await previewFiles(province.backend, [path]);
    expect(preview.totals.conflicts).toBe(2);
    expect(preview.changes.slice(0, 2).map((c) => c.kind)).toEqual(['conflict', 'conflict']);
    const before = province.backend.snapshot();
    const refused = errorOf(province.backend.attempt('exchange.apply', { planId: preview.planId }));
    expect(refused.code).toBe('CONFLICTS_UNDECIDED');
    expect(refused.message).toContain('Còn 2 xung đột chưa được quyết định');
    expect(refused.message).toContain('Đảng bộ xã Đồng Ý — xếp loại năm 2017');
    expect(refused.message).toContain('chưa có gì được ghi');
    expect(province.backend.snapshot()).toBe(before);
    // Deciding only one is not enough either.
    const bs01 = changeOf(preview, 'Đảng bộ xã Đồng Ý — xếp loại năm 2017');
    const half = errorOf(
      province.backend.attempt('exchange.apply', {
        planId: preview.planId,
        conflicts: { records: { [bs01.key]: 'keep_local' } },
      }),
    );
    expect(half.message).toContain('Còn 1 xung đột');
    expect(province.backend.snapshot()).toBe(before);
    // A key that is no conflict of this plan is a mistake, said so.
    const wrong = errorOf(
      province.backend.attempt('exchange.apply', {
        planId: preview.planId,
        conflicts: { records: { '1:99999': 'keep_local' } },
      }),
    );
    expect(wrong.code).toBe('INVALID_INPUT');
    expect(wrong.message).toMatch(VIETNAMESE_LETTER);
    expect(province.backend.snapshot()).toBe(before);
    // The plan waited for the decisions: applied with them, no new preview needed.
    const decided = apply(province.backend, preview, { conflicts: { all: 'take_incoming' } });
    expect(decided.batches[0]?.counts.updated).toBe(2);
  });

  test("a conflict whose revisions agree: the file's values taken, its revision kept, undoable", async () => {
    // Two installations of Bắc Sơn rate Đồng Ý's 2017 each on its own, both at revision 1.
    const world = await makeWorld();
    const { province, site } = world;
    const master = await exportFile(province.backend);
    const twin = await makeLowerSite(master.path, DISTRICTS[0]!);
    recordSiteWork(twin);
    setLevel(twin.backend, 'BS01', 2017, 'HTNV');
    const revOf = (b: TestBackend) =>
      b.ctx.db
        .prepare('SELECT rev FROM ratings WHERE unit_id = ? AND year = 2017')
        .pluck()
        .get(siteUnitId(b, 'BS01')) as number;
    // The same revision number on both, as two counters that happen to agree.
    twin.backend.ctx.db
      .prepare('UPDATE ratings SET rev = ? WHERE unit_id = ? AND year = 2017')
      .run(revOf(site.backend), siteUnitId(twin.backend, 'BS01'));
    apply(province.backend, await previewFiles(province.backend, [await sendUp(site)]));
    const preview = await previewFiles(province.backend, [await sendUp(twin)]);
    expect(changeOf(preview, 'Đảng bộ xã Đồng Ý — xếp loại năm 2017')).toMatchObject({
      kind: 'conflict',
      conflictReason: 'both_changed',
    });
    const result = apply(province.backend, preview, { conflicts: { all: 'take_incoming' } });
    const row = province.backend.ctx.db
      .prepare('SELECT level_code, rev, synced_rev FROM ratings WHERE unit_id = ? AND year = 2017')
      .get(siteUnitId(province.backend, 'BS01'));
    const rev = revOf(site.backend);
    expect(row).toEqual({ level_code: 'HTNV', rev, synced_rev: rev });
    expect(result.batches[0]?.canUndo).toBe(true);
  });

  test('decided per record: one kept, one taken', async () => {
    const { province, site, path } = await bothChanged();
    const preview = await previewFiles(province.backend, [path]);
    const bs01 = changeOf(preview, 'Đảng bộ xã Đồng Ý — xếp loại năm 2017');
    const bs02 = changeOf(preview, 'Đảng bộ xã Vũ Sơn — xếp loại năm 2017');
    expect(bs01.fields[0]).toMatchObject({
      label: 'Mức xếp loại',
      local: 'HTTNV',
      incoming: 'HTNV',
    });
    const result = apply(province.backend, preview, {
      conflicts: { records: { [bs01.key]: 'keep_local', [bs02.key]: 'take_incoming' } },
    });
    expect(result.batches[0]?.counts).toMatchObject({ keptLocal: 1, updated: 1 });
    expect(levelOf(province.backend, 'BS01', 2017)).toBe('HTTNV');
    expect(levelOf(province.backend, 'BS02', 2017)).toBe('TSVM');
    // The kept record now travels as the newer one: above both revisions, the file's one known.
    const kept = province.backend.ctx.db
      .prepare('SELECT rev, synced_rev FROM ratings WHERE unit_id = ? AND year = 2017')
      .get(siteUnitId(province.backend, 'BS01')) as { rev: number; synced_rev: number };
    const siteRev = site.backend.ctx.db
      .prepare('SELECT rev FROM ratings WHERE unit_id = ? AND year = 2017')
      .pluck()
      .get(siteUnitId(site.backend, 'BS01')) as number;
    expect(kept.synced_rev).toBe(siteRev);
    expect(kept.rev).toBeGreaterThan(siteRev);
    // Kept is a decision in the audit trail, so the record goes out in the next "since last" file.
    const since = await exportFile(province.backend, { sinceLast: true });
    const ratings = recordsOf(readParts(since.bytes)).filter((r) => r.t === 'rating');
    const bs01Id = siteUnitId(province.backend, 'BS01');
    expect(ratings.find((r) => r.d.unitId === bs01Id && r.d.year === 2017)?.rev).toBe(kept.rev);
  });

  test('decided all at once, either way', async () => {
    const first = await bothChanged();
    apply(first.province.backend, await previewFiles(first.province.backend, [first.path]), {
      conflicts: { all: 'take_incoming' },
    });
    expect(levelOf(first.province.backend, 'BS01', 2017)).toBe('HTNV');
    expect(levelOf(first.province.backend, 'BS02', 2017)).toBe('TSVM');

    const second = await bothChanged();
    const result = apply(
      second.province.backend,
      await previewFiles(second.province.backend, [second.path]),
      { conflicts: { all: 'keep_local' } },
    );
    expect(result.batches[0]?.counts.keptLocal).toBe(2);
    expect(levelOf(second.province.backend, 'BS01', 2017)).toBe('HTTNV');
    expect(levelOf(second.province.backend, 'BS02', 2017)).toBe('HTNV');
  });

  test('an older file never overwrites newer data, and its lower number is flagged', async () => {
    const { province, site } = await makeWorld();
    const first = await sendUp(site);
    const second = await sendUp(site); // the same data, sent again as file 2
    setLevel(site.backend, 'BS01', 2017, 'HTTNV');
    const third = await sendUp(site);
    apply(province.backend, await previewFiles(province.backend, [first]));
    apply(province.backend, await previewFiles(province.backend, [third]));
    expect(levelOf(province.backend, 'BS01', 2017)).toBe('HTTNV');

    const late = await previewFiles(province.backend, [second]);
    expect(late.files[0]?.sequenceWarning).toBe(
      'Tệp số 2 cũ hơn tệp số 3 đã nhận từ Đảng bộ huyện Bắc Sơn: dữ liệu cũ hơn không ghi đè ' +
        'dữ liệu mới hơn, nhưng hãy kiểm tra lại các xung đột.',
    );
    const older = changeOf(late, 'Đảng bộ xã Đồng Ý — xếp loại năm 2017');
    expect(older).toMatchObject({ kind: 'conflict', conflictReason: 'older' });
    expect(older.fields[0]).toMatchObject({ local: 'HTTNV', incoming: 'TSVM' });
    const before = province.backend.snapshot();
    expect(errorOf(province.backend.attempt('exchange.apply', { planId: late.planId })).code).toBe(
      'CONFLICTS_UNDECIDED',
    );
    expect(province.backend.snapshot()).toBe(before);
    apply(province.backend, late, { conflicts: { all: 'keep_local' } });
    expect(levelOf(province.backend, 'BS01', 2017)).toBe('HTTNV');

    // A record changed here since the last exchange, unchanged in the file: older too.
    setLevel(province.backend, 'BS02', 2017, 'HTNV');
    const unchangedThere = await previewFiles(province.backend, [await sendUp(site)]);
    expect(changeOf(unchangedThere, 'Đảng bộ xã Vũ Sơn — xếp loại năm 2017')).toMatchObject({
      kind: 'conflict',
      conflictReason: 'older',
    });
  });
});

describe('exchange merge: several files at once', () => {
  test('the same record in two files is taken once, at its newest', async () => {
    const { province, site } = await makeWorld();
    const first = await sendUp(site);
    setLevel(site.backend, 'BS01', 2017, 'HTTNV');
    const second = await sendUp(site);
    // Given newest first: the order of the files does not matter.
    const preview = await previewFiles(province.backend, [second, first]);
    expect(preview.files.map((f) => f.counts.new)).toEqual([8, 0]);
    expect(preview.totals).toMatchObject({ new: 8, conflicts: 0, errors: 0 });
    expect(preview.totals.identical).toBe(20 + 12);
    const result = apply(province.backend, preview);
    expect(result.batches.map((b) => b.counts.inserted)).toEqual([8, 0]);
    expect(result.message).toContain('Đã nhập 2 tệp: 8 bản ghi mới');
    expect(levelOf(province.backend, 'BS01', 2017)).toBe('HTTNV');
  });

  test('one file with errors: nothing of any file is applied', async () => {
    const { province, site } = await makeWorld();
    const good = await sendUp(site);
    const empty = saveTemp('trong.tccsd', Buffer.alloc(0));
    const preview = await previewFiles(province.backend, [good, empty]);
    expect(preview.canApply).toBe(false);
    expect(preview.files[1]?.header).toBeNull();
    expect(preview.files[1]?.errors[0]?.message).toMatch(VIETNAMESE_LETTER);
    const before = province.backend.snapshot();
    const refused = errorOf(
      province.backend.attempt('exchange.apply', {
        planId: preview.planId,
        conflicts: { all: 'take_incoming' },
      }),
    );
    expect(refused.code).toBe('BAD_FILE');
    expect(refused.message).toContain('tệp "trong.tccsd" có lỗi');
    expect(province.backend.snapshot()).toBe(before);
  });
});

describe('exchange merge: ids', () => {
  test('a new rating whose id a row here already has is inserted under an id of its own', async () => {
    const { province, site } = await makeWorld();
    apply(province.backend, await previewFiles(province.backend, [await sendUp(site)]));
    // A hand-made file: Đồng Ý's 2016 rating, its id unchanged, said to be Hòa Sơn's.
    const parts = readParts((await exportFile(site.backend)).bytes);
    const bs01 = siteUnitId(site.backend, 'BS01');
    const hl01 = siteUnitId(province.backend, 'HL01');
    const moved = recordsOf(parts)
      .filter((r) => r.t === 'rating' && r.d.unitId === bs01 && r.d.year === 2016)
      .map((r) => JSON.stringify({ ...r, d: { ...r.d, unitId: hl01 } }));
    const path = saveTemp('tay.tccsd', writeParts({ header: parts.header, lines: moved }));
    const preview = await previewFiles(province.backend, [path]);
    expect(preview.totals).toMatchObject({ new: 1, errors: 0 });
    apply(province.backend, preview);
    expect(levelOf(province.backend, 'HL01', 2016)).toBe('YK');
    expect(levelOf(province.backend, 'BS01', 2016)).toBe('YK');
    expect(count(province.backend, 'SELECT count(*) FROM ratings WHERE year = 2016')).toBe(4);
  });
});

describe('exchange merge: duplicates in one file', () => {
  test('a rating id twice, under other units and years, refuses the file naming both lines', async () => {
    const { province, site } = await makeWorld();
    const parts = readParts((await exportFile(site.backend)).bytes);
    const records = recordsOf(parts);
    const ratings = records.filter((r) => r.t === 'rating');
    const [first, second] = ratings;
    // The second rating keeps its own unit and year but carries the first one's id.
    const lines = records.map((r) => JSON.stringify(r === second ? { ...r, id: first?.id } : r));
    const path = saveTemp('trung.tccsd', writeParts({ header: parts.header, lines }));
    const before = province.backend.snapshot();
    const preview = await previewFiles(province.backend, [path]);
    expect(preview.canApply).toBe(false);
    const firstLine = records.indexOf(first ?? records[0]!) + 2;
    const secondLine = records.indexOf(second ?? records[0]!) + 2;
    expect(preview.files[0]?.errors).toEqual([
      {
        line: secondLine,
        message: `Dòng ${secondLine}: mã định danh ${first?.id} bị trùng với bản ghi ở dòng ${firstLine}.`,
      },
    ]);
    expect(province.backend.snapshot()).toBe(before);
  });

  test('a shared hash is only a suspect: cleared unless the exact keys agree', () => {
    const rating = (id: string, year: number) =>
      ({
        t: 'rating',
        id,
        rev: 1,
        by: 'x',
        at: '2018-01-01T00:00:00.000Z',
        del: null,
        d: { unitId: 'u', year },
      }) as unknown as ExchangeRecord;
    const lines = [
      { line: 2, text: 'a' },
      { line: 3, text: 'b' },
      { line: 4, text: 'c' },
    ];
    const records = new Map([
      [2, rating('r1', 2016)],
      [3, rating('r2', 2017)],
      [4, rating('r3', 2016)],
    ]);
    const confirmed = confirmDuplicates(
      [
        { kind: 'natural', line: 3, first: 2 }, // (u, 2017) vs (u, 2016): a collision, cleared
        { kind: 'natural', line: 4, first: 2 }, // (u, 2016) twice: a duplicate
      ],
      lines,
      (line) => records.get(line) ?? null,
    );
    expect(confirmed).toEqual([{ kind: 'natural', line: 4, first: 2 }]);
    expect(hash53('rating|u|2016')).toBe(hash53('rating|u|2016'));
    expect(hash53('rating|u|2016')).not.toBe(hash53('rating|u|2017'));
    expect(Number.isSafeInteger(hash53('rating|u|2016'))).toBe(true);
  });
});

describe('exchange merge: a file another program wrote', () => {
  test('read through the schemas at every pass: its text cleaned as the forms clean it', async () => {
    const { province, site } = await makeWorld();
    site.backend.call('units.create', {
      name: 'Chi bộ Thôn Bản Hóa',
      kind: 'subordinate_cell',
      parentId: siteUnitId(site.backend, 'BS01'),
    });
    const parts = readParts((await exportFile(site.backend)).bytes);
    // Another program: its own key order and spacing, names in decomposed form (NFD).
    const lines = recordsOf(parts).map((r) => {
      const d = r.t === 'unit_version' ? { ...r.d, name: String(r.d.name).normalize('NFD') } : r.d;
      const reordered = { d, t: r.t, id: r.id, rev: r.rev, by: r.by, at: r.at, del: r.del };
      return JSON.stringify(reordered, null, 1).replace(/\n/g, ' ');
    });
    const path = saveTemp('khac.tccsd', writeParts({ header: parts.header, lines }));
    const preview = await previewFiles(province.backend, [path]);
    expect(preview.canApply).toBe(true);
    // The register's names, cleaned to NFC, are what the province has: nothing changed.
    expect(preview.totals).toMatchObject({ new: 10, changed: 0, conflicts: 0 });
    apply(province.backend, preview);
    const names = province.backend
      .call('units.list', { year: 2017, search: 'Bản Hóa' })
      .rows.map((r) => r.name);
    expect(names).toEqual(['Chi bộ Thôn Bản Hóa'.normalize('NFC')]);
  });
});

describe('exchange merge: the same file, and a stale plan', () => {
  test('the same file again changes nothing, writes nothing and says so', async () => {
    const { province, site } = await makeWorld();
    const path = await sendUp(site);
    apply(province.backend, await previewFiles(province.backend, [path]));
    const before = province.backend.snapshot();
    const again = await previewFiles(province.backend, [path]);
    expect(again.files[0]?.alreadyImported).toBe(true);
    expect(again.totals).toMatchObject({ new: 0, changed: 0, conflicts: 0 });
    expect(again.changes).toEqual([]);
    const result = apply(province.backend, again);
    expect(result).toEqual({
      batches: [],
      unchanged: true,
      message: `Tệp "${again.files[0]?.fileName}" đã được nhập trước đây: không nhập lại, không có gì thay đổi.`,
    });
    expect(province.backend.snapshot()).toBe(before);
    // A new file with the same data: a batch of its own (the ledger sees it), no record written.
    const same = await previewFiles(province.backend, [await sendUp(site)]);
    expect(same.totals).toMatchObject({ new: 0, changed: 0, conflicts: 0, identical: 20 });
    const beforeSame = dataOnly(province.backend);
    const receipt = apply(province.backend, same);
    expect(receipt.unchanged).toBe(true);
    expect(receipt.message).toBe(
      'Đã nhập 1 tệp: dữ liệu trong tệp giống hệt dữ liệu đang có, không có gì thay đổi.',
    );
    expect(dataOnly(province.backend)).toBe(beforeSame);
  });

  test('PLAN_STALE when the data changed after the preview; nothing of the plan written', async () => {
    const { province, site } = await makeWorld();
    const preview = await previewFiles(province.backend, [await sendUp(site)]);
    setLevel(province.backend, 'HL01', 2017, 'HTTNV');
    const before = province.backend.snapshot();
    const stale = errorOf(province.backend.attempt('exchange.apply', { planId: preview.planId }));
    expect(stale.code).toBe('PLAN_STALE');
    expect(stale.message).toBe('Dữ liệu đã thay đổi kể từ lúc xem trước; hãy xem trước lại tệp.');
    expect(province.backend.snapshot()).toBe(before);
    // The plan is spent: applying it again is refused too.
    expect(
      errorOf(province.backend.attempt('exchange.apply', { planId: preview.planId })).code,
    ).toBe('NOT_FOUND');
  });
});

describe('exchange merge: the same unit registered on both sides', () => {
  /** Bắc Sơn registers a village cell the province also registered on its own. */
  async function twice(code: string | null) {
    const world = await makeWorld();
    const { province, site } = world;
    const remote = site.backend.call('units.create', {
      name: 'Chi bộ Thôn Nà Mạt',
      code: 'BS09',
      kind: 'subordinate_cell',
      parentId: siteUnitId(site.backend, 'BS01'),
    });
    site.backend.call('ratings.set', { unitId: remote.id, year: 2017, levelCode: 'HTTNV' });
    const local = province.backend.call('units.create', {
      name: 'Chi bộ thôn Nà Mạt',
      ...(code ? { code } : {}),
      kind: 'subordinate_cell',
      parentId: siteUnitId(province.backend, 'BS01'),
    });
    return { ...world, remote, local, path: await sendUp(site) };
  }

  test('offered by name under the same parent, or by code; undecided refuses', async () => {
    const byName = await twice(null);
    const preview = await previewFiles(byName.province.backend, [byName.path]);
    expect(preview.sameUnits).toEqual([
      {
        incomingUnitId: byName.remote.id,
        incomingName: 'Chi bộ Thôn Nà Mạt',
        incomingCode: 'BS09',
        localUnitId: byName.local.id,
        localName: 'Chi bộ thôn Nà Mạt',
        localCode: null,
        parentName: 'Đảng bộ xã Đồng Ý',
        match: 'name',
      },
    ]);
    const before = byName.province.backend.snapshot();
    const refused = errorOf(
      byName.province.backend.attempt('exchange.apply', {
        planId: preview.planId,
        conflicts: { all: 'take_incoming' },
      }),
    );
    expect(refused.code).toBe('CONFLICTS_UNDECIDED');
    expect(refused.message).toContain(
      '"Chi bộ Thôn Nà Mạt" trong tệp và "Chi bộ thôn Nà Mạt" ở máy này',
    );
    expect(byName.province.backend.snapshot()).toBe(before);

    const byCode = await twice('BS09');
    const coded = await previewFiles(byCode.province.backend, [byCode.path]);
    expect(coded.sameUnits.map((c) => [c.match, c.localUnitId])).toEqual([
      ['code', byCode.local.id],
    ]);
  });

  test('decided the same: an alias, references mapped, and later files mapped by it', async () => {
    const { province, site, remote, local, path } = await twice('BS09');
    const preview = await previewFiles(province.backend, [path]);
    // Its version here is written "thôn": a conflict with the file's "Thôn", the file's taken.
    apply(province.backend, preview, {
      sameUnits: { [remote.id]: 'same' },
      conflicts: { all: 'take_incoming' },
    });
    expect(
      province.backend.ctx.db
        .prepare('SELECT remote_id, local_id FROM exchange_unit_aliases')
        .all(),
    ).toEqual([{ remote_id: remote.id, local_id: local.id }]);
    expect(count(province.backend, 'SELECT count(*) FROM units WHERE id = ?', remote.id)).toBe(0);
    const history = province.backend.call('ratings.history', { unitId: local.id }).ratings;
    expect(history.map((r) => [r.year, r.levelCode])).toEqual([[2017, 'HTTNV']]);

    // Next year's file names the unit by the site's id: mapped, no question asked again.
    site.backend.call('ratings.set', { unitId: remote.id, year: 2016, levelCode: 'HTNV' });
    const later = await previewFiles(province.backend, [await sendUp(site)]);
    expect(later.sameUnits).toEqual([]);
    expect(later.changes.map((c) => [c.kind, c.label])).toEqual([
      ['new', 'Chi bộ Thôn Nà Mạt — xếp loại năm 2016'],
    ]);
    apply(province.backend, later);
    expect(
      province.backend.call('ratings.history', { unitId: local.id }).ratings.map((r) => r.year),
    ).toEqual([2016, 2017]);
  });

  test('decided new: the unit is inserted as its own, its conflicts need no decision', async () => {
    const { province, remote, local, path } = await twice('BS09');
    const preview = await previewFiles(province.backend, [path]);
    // Seen as the same unit, its version (other name case) conflicts with the local one …
    expect(preview.totals.conflicts).toBe(1);
    // … which is no conflict once it is a unit of its own.
    const result = apply(province.backend, preview, { sameUnits: { [remote.id]: 'new' } });
    expect(result.batches[0]?.counts.keptLocal).toBe(0);
    expect(count(province.backend, 'SELECT count(*) FROM exchange_unit_aliases')).toBe(0);
    expect(count(province.backend, 'SELECT count(*) FROM units WHERE id = ?', remote.id)).toBe(1);
    expect(province.backend.call('ratings.history', { unitId: local.id }).ratings).toEqual([]);
    expect(
      province.backend.call('ratings.history', { unitId: remote.id }).ratings.map((r) => r.year),
    ).toEqual([2017]);
    checkSearchIndex(province.backend.ctx.db);
  });
});

describe('exchange merge: direction and authority', () => {
  test('from above: the register and list decisions are taken, local ratings and measures left alone', async () => {
    const { province, site } = await makeWorld();
    apply(province.backend, await previewFiles(province.backend, [await sendUp(site)]));
    // The site's own later work: a rating changed, its measure's result written.
    setLevel(site.backend, 'BS02', 2017, 'HTNV');
    const siteMeasure = site.backend.ctx.db
      .prepare('SELECT id, result_note FROM measures')
      .get() as { id: string; result_note: string };
    // The province: renames a unit, corrects another on both sides (its word wins), changes a
    // member's person in charge, and records ratings of the district's units differently.
    const bs03 = siteUnitId(province.backend, 'BS03');
    const bs03Version = province.backend.call('units.get', { id: bs03 }).versions[0]?.id ?? '';
    province.backend.call('units.correct', {
      id: bs03,
      versionId: bs03Version,
      name: 'Chi bộ Trường Trung học phổ thông Bắc Sơn',
    });
    const siteBs03 = siteUnitId(site.backend, 'BS03');
    site.backend.call('units.correct', {
      id: siteBs03,
      versionId: site.backend.call('units.get', { id: siteBs03 }).versions[0]?.id ?? '',
      name: 'Chi bộ Trường THPT huyện Bắc Sơn',
    });
    province.backend.call('units.rename', {
      id: siteUnitId(province.backend, 'BS02'),
      name: 'Đảng bộ xã Vũ Sơn mới',
      year: 2018,
    });
    setLevel(province.backend, 'BS01', 2017, 'HTNV');
    const member = province.backend
      .call('watchlists.get', { id: province.watchlistId })
      .members.find((m) => m.unitName === 'Đảng bộ xã Đồng Ý');
    province.backend.call('watchlists.updateMember', {
      id: member?.id ?? '',
      responsible: 'Đồng chí Phó Bí thư Thường trực Tỉnh ủy',
    });
    province.backend.call('measures.update', { id: siteMeasure.id, resultNote: 'Sửa ở tỉnh' });

    const down = await exportFile(province.backend);
    const preview = await previewFiles(site.backend, [down.path]);
    expect(preview.files[0]?.direction).toBe('down');
    // Ratings, measures and remarks are the site's own: not taken; no conflict asked about.
    expect(preview.totals.conflicts).toBe(0);
    // The district's 6 ratings, its measure and its remark, as the province holds them.
    expect(preview.totals.skipped).toBe(6 + 1 + 1);
    expect(preview.changes.every((c) => c.entity !== 'rating' && c.entity !== 'measure')).toBe(
      true,
    );
    // Changed on both sides, the province's correction is taken without asking.
    expect(
      changeOf(preview, 'Chi bộ Trường Trung học phổ thông Bắc Sơn — thông tin từ năm 1930'),
    ).toMatchObject({ kind: 'changed' });
    const ratingsBefore = JSON.stringify(
      site.backend.ctx.db.prepare('SELECT * FROM ratings ORDER BY id').all(),
    );
    const measuresBefore = JSON.stringify(
      site.backend.ctx.db.prepare('SELECT * FROM measures ORDER BY id').all(),
    );
    apply(site.backend, preview);
    expect(site.backend.call('units.get', { id: siteBs03 }).versions.map((v) => v.name)).toEqual([
      'Chi bộ Trường Trung học phổ thông Bắc Sơn',
    ]);
    expect(
      site.backend.call('units.list', { year: 2018, search: 'BS02' }).rows.map((r) => r.name),
    ).toEqual(['Đảng bộ xã Vũ Sơn mới']);
    const siteMember = site.backend
      .call('watchlists.get', { id: province.watchlistId })
      .members.find((m) => m.unitName === 'Đảng bộ xã Đồng Ý');
    expect(siteMember?.responsible).toBe('Đồng chí Phó Bí thư Thường trực Tỉnh ủy');
    expect(
      JSON.stringify(site.backend.ctx.db.prepare('SELECT * FROM ratings ORDER BY id').all()),
    ).toBe(ratingsBefore);
    expect(
      JSON.stringify(site.backend.ctx.db.prepare('SELECT * FROM measures ORDER BY id').all()),
    ).toBe(measuresBefore);
    expect(levelOf(site.backend, 'BS01', 2017)).toBe('TSVM');
  });

  test("from below or a peer, a register change made on both sides is the user's to decide", async () => {
    const { province, site } = await makeWorld();
    const bs03 = siteUnitId(province.backend, 'BS03');
    province.backend.call('units.correct', {
      id: bs03,
      versionId: province.backend.call('units.get', { id: bs03 }).versions[0]?.id ?? '',
      name: 'Chi bộ Trường Trung học phổ thông Bắc Sơn',
    });
    site.backend.call('units.correct', {
      id: bs03,
      versionId: site.backend.call('units.get', { id: bs03 }).versions[0]?.id ?? '',
      name: 'Chi bộ Trường THPT huyện Bắc Sơn',
    });
    const preview = await previewFiles(province.backend, [await sendUp(site)]);
    expect(preview.files[0]?.direction).toBe('up');
    expect(
      changeOf(preview, 'Chi bộ Trường THPT huyện Bắc Sơn — thông tin từ năm 1930'),
    ).toMatchObject({
      kind: 'conflict',
      conflictReason: 'both_changed',
      fields: [
        {
          label: 'Tên tổ chức',
          local: 'Chi bộ Trường Trung học phổ thông Bắc Sơn',
          incoming: 'Chi bộ Trường THPT huyện Bắc Sơn',
        },
      ],
    });
  });
});

describe('exchange merge: undo', () => {
  test('puts back exactly what the batch changed, inserted rows removed', async () => {
    const { province, site } = await makeWorld();
    const first = apply(
      province.backend,
      await previewFiles(province.backend, [await sendUp(site)]),
    );
    // The second file changes a rating, conflicts on another (kept here), adds a unit.
    setLevel(province.backend, 'BS02', 2017, 'HTNV');
    setLevel(site.backend, 'BS02', 2017, 'TSVM');
    setLevel(site.backend, 'BS01', 2017, 'HTTNV');
    site.backend.call('units.create', {
      name: 'Chi bộ Thôn Bản Hóa',
      kind: 'subordinate_cell',
      parentId: siteUnitId(site.backend, 'BS01'),
    });
    const beforeSecond = dataOnly(province.backend);
    const second = apply(
      province.backend,
      await previewFiles(province.backend, [await sendUp(site)]),
      { conflicts: { all: 'keep_local' } },
    );
    expect(second.batches[0]?.counts).toMatchObject({ inserted: 2, updated: 1, keptLocal: 1 });
    const batch = province.backend.call('exchange.undo', { batchId: second.batches[0]?.id ?? '' });
    expect(batch.undoneAt).not.toBeNull();
    expect(batch.canUndo).toBe(false);
    expect(dataOnly(province.backend)).toBe(beforeSecond);
    checkSearchIndex(province.backend.ctx.db);
    // Undone twice: refused, nothing changes.
    const again = errorOf(
      province.backend.attempt('exchange.undo', { batchId: second.batches[0]?.id ?? '' }),
    );
    expect(again).toEqual({ code: 'UNDO_BLOCKED', message: 'Lần nhập này đã được hoàn tác.' });
    // The first batch: Vũ Sơn's 2017 level was changed here after it, so it stays.
    expect(
      errorOf(province.backend.attempt('exchange.undo', { batchId: first.batches[0]?.id ?? '' }))
        .message,
    ).toContain('ở 1 bản ghi');
    expect(dataOnly(province.backend)).toBe(beforeSecond);
    // An undone file may be imported again.
    const reimport = await previewFiles(province.backend, [await sendUp(site)]);
    expect(reimport.files[0]?.alreadyImported).toBe(false);
  });

  test('refused once a record of the batch changed since, or when new data hangs on it', async () => {
    const { province, site } = await makeWorld();
    site.backend.call('units.create', {
      name: 'Chi bộ Thôn Bản Hóa',
      kind: 'subordinate_cell',
      parentId: siteUnitId(site.backend, 'BS01'),
    });
    const result = apply(
      province.backend,
      await previewFiles(province.backend, [await sendUp(site)]),
    );
    const batchId = result.batches[0]?.id ?? '';
    setLevel(province.backend, 'BS01', 2017, 'HTNV');
    const before = province.backend.snapshot();
    const blocked = errorOf(province.backend.attempt('exchange.undo', { batchId }));
    expect(blocked.code).toBe('UNDO_BLOCKED');
    expect(blocked.message).toContain('đã có thay đổi sau lần nhập này ở 1 bản ghi');
    expect(province.backend.snapshot()).toBe(before);

    // Put the rating back as the batch left it? No: any change counts. Another world, where a
    // rating of the unit the batch added is recorded here.
    const other = await makeWorld();
    const cell = other.site.backend.call('units.create', {
      name: 'Chi bộ Thôn Bản Hóa',
      kind: 'subordinate_cell',
      parentId: siteUnitId(other.site.backend, 'BS01'),
    });
    const applied = apply(
      other.province.backend,
      await previewFiles(other.province.backend, [await sendUp(other.site)]),
    );
    other.province.backend.call('ratings.set', { unitId: cell.id, year: 2017, levelCode: 'HTNV' });
    const beforeOther = other.province.backend.snapshot();
    const hanging = errorOf(
      other.province.backend.attempt('exchange.undo', { batchId: applied.batches[0]?.id ?? '' }),
    );
    expect(hanging.code).toBe('UNDO_BLOCKED');
    expect(hanging.message).toContain('đã có dữ liệu mới gắn với bản ghi do lần nhập này thêm vào');
    expect(other.province.backend.snapshot()).toBe(beforeOther);
  });
});

describe('exchange merge: the audit trail', () => {
  test('every change of an import and of its undo is audited as coming from the exchange', async () => {
    const { province, site } = await makeWorld();
    const result = apply(
      province.backend,
      await previewFiles(province.backend, [await sendUp(site)]),
    );
    const ratingId = province.backend
      .call('ratings.history', { unitId: siteUnitId(province.backend, 'BS01') })
      .ratings.find((r) => r.year === 2017)?.id;
    const rows = () =>
      province.backend.ctx.db
        .prepare(
          `SELECT field, old_value, new_value, origin, operator FROM audit_log
           WHERE entity = 'rating' AND entity_id = ? ORDER BY seq`,
        )
        .all(ratingId) as {
        field: string;
        old_value: string | null;
        new_value: string | null;
        origin: string;
        operator: string;
      }[];
    // A new record has no audit row of its own: its batch's insert book holds every value it
    // arrived with, and the batch's one audit row says by whom, when and from which file.
    expect(rows()).toEqual([]);
    const batchId = result.batches[0]?.id ?? '';
    const inserted = bookedInsert(province.backend, batchId, 'rating', ratingId ?? '');
    expect(inserted).toMatchObject({
      year: 2017,
      scale_id: 'hd20-2008',
      level_code: 'TSVM',
      member_count: 40,
      change: 'clear',
    });
    expect(batchAudit(province.backend, batchId)).toEqual([
      {
        old_value: null,
        new_value: expect.stringContaining(`"sha256":"${result.batches[0]?.sha256 ?? ''}"`),
        origin: 'import:exchange',
        operator: 'Ban Tổ chức Tỉnh ủy',
      },
    ]);
    expect(batchAudit(province.backend, batchId)[0]?.new_value).toContain(
      `"file_name":"${result.batches[0]?.fileName ?? ''}"`,
    );
    // Measures and remarks too: in the book, under the file's kinds, with no audit row each.
    expect(
      count(
        province.backend,
        "SELECT count(*) FROM audit_log WHERE entity IN ('measure', 'watchlist_result')",
      ),
    ).toBe(0);
    expect(
      count(
        province.backend,
        `SELECT sum(n) FROM exchange_batch_inserts WHERE entity IN ('measure', 'result')`,
      ),
    ).toBe(2);
    // A change taken from a later file: one row, the changed fields old → new.
    setLevel(site.backend, 'BS01', 2017, 'HTTNV');
    const later = apply(
      province.backend,
      await previewFiles(province.backend, [await sendUp(site)]),
    );
    expect(rows()).toEqual([
      {
        field: '*',
        old_value: '{"level_code":"TSVM"}',
        new_value: '{"level_code":"HTTNV"}',
        origin: 'import:exchange',
        operator: 'Ban Tổ chức Tỉnh ủy',
      },
    ]);
    // Undone: the change back as one row; the record the first batch inserted removed, audited
    // by that batch's undo (its book says what the record was, the undo check that it still was).
    province.backend.call('exchange.undo', { batchId: later.batches[0]?.id ?? '' });
    province.backend.call('exchange.undo', { batchId });
    const undone = rows().slice(1);
    expect(undone.map((r) => [r.field, r.old_value, r.new_value, r.origin])).toEqual([
      ['*', '{"level_code":"HTTNV"}', '{"level_code":"TSVM"}', 'import:exchange'],
    ]);
    expect(
      count(province.backend, `SELECT count(*) FROM ratings WHERE id = '${ratingId ?? ''}'`),
    ).toBe(0);
    const undoneAt = province.backend.ctx.db
      .prepare('SELECT undone_at FROM exchange_batches WHERE id = ?')
      .pluck()
      .get(batchId) as string;
    expect(batchAudit(province.backend, batchId)[1]).toEqual({
      old_value: '{"undone_at":null}',
      new_value: JSON.stringify({ undone_at: undoneAt }),
      origin: 'import:exchange',
      operator: 'Ban Tổ chức Tỉnh ủy',
    });
  });
});

/** The values a batch's insert book holds for one record (by its id), as named by its columns. */
function bookedInsert(
  backend: TestBackend,
  batchId: string,
  entity: string,
  id: string,
): Record<string, unknown> | null {
  const chunks = backend.ctx.db
    .prepare(
      'SELECT columns, records FROM exchange_batch_inserts WHERE batch_id = ? AND entity = ?',
    )
    .all(batchId, entity) as { columns: string; records: string }[];
  for (const chunk of chunks) {
    const columns = JSON.parse(chunk.columns) as string[];
    const record = (JSON.parse(chunk.records) as unknown[][]).find((r) => r[0] === id);
    if (record) return Object.fromEntries(columns.map((c, i) => [c, record[i]]));
  }
  return null;
}

/** The audit rows of one batch (its import, its undo), oldest first. */
function batchAudit(backend: TestBackend, batchId: string) {
  return backend.ctx.db
    .prepare(
      `SELECT old_value, new_value, origin, operator FROM audit_log
       WHERE entity = 'exchange_batch' AND entity_id = ? ORDER BY seq`,
    )
    .all(batchId) as {
    old_value: string | null;
    new_value: string | null;
    origin: string;
    operator: string;
  }[];
}
