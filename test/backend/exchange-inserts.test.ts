// The insert book (migration 8, exchange/merge/inserts.ts): the records a batch inserted are
// booked many to a row, as their audit and their undo at once. What the per-record audit and undo
// rows answered must still be answered: an export "since the last one" carries what a batch
// inserted, undo removes it and is refused once any of it changed, batches booked the old way
// (an undo row per inserted record, before = NULL) are still undone, and the queries read the
// book by its key.
import { afterEach, describe, expect, test } from 'vitest';
import { CHANGED_SINCE_SQL } from '../../electron/backend/exchange/undo-check';
import { CHUNK, InsertBook } from '../../electron/backend/exchange/merge/inserts';
import type { TestBackend } from '../helpers/backend';
import { cleanupTemp, makeBackend } from '../helpers/backend';
import { readParts, recordsOf } from '../helpers/exchange-files';
import {
  DISTRICTS,
  exportFile,
  importFiles,
  makeLowerSite,
  makeProvince,
  previewFiles,
  recordSiteWork,
  siteUnitId,
} from '../helpers/exchange-sites';

afterEach(cleanupTemp);

async function provinceWithSiteFile() {
  const province = makeProvince();
  const master = await exportFile(province.backend);
  const site = await makeLowerSite(master.path, DISTRICTS[0]!);
  recordSiteWork(site);
  const up = await exportFile(site.backend);
  return { province, site, up };
}

function all(backend: TestBackend, sql: string, ...args: unknown[]): unknown[] {
  return backend.ctx.db
    .prepare(sql)
    .pluck()
    .all(...args);
}

function ratingIds(backend: TestBackend): string[] {
  return all(backend, 'SELECT id FROM ratings ORDER BY id') as string[];
}

describe('exchange: the insert book', () => {
  test('an import books its inserted records in chunks, none in the per-record books', async () => {
    const { province, up } = await provinceWithSiteFile();
    const before = new Set(ratingIds(province.backend));
    const { result } = await importFiles(province.backend, [up.path]);
    const batchId = result.batches[0]?.id ?? '';
    const inserted = ratingIds(province.backend).filter((id) => !before.has(id));
    expect(inserted.length).toBeGreaterThan(0);
    // Every inserted rating is in the book with the revision it was left at, and only there.
    const booked = all(
      province.backend,
      `SELECT e.value ->> 0 FROM exchange_batch_inserts b, json_each(b.records) e
       WHERE b.batch_id = ? AND b.entity = 'rating' ORDER BY 1`,
      batchId,
    );
    expect(booked).toEqual([...inserted].sort());
    expect(
      all(
        province.backend,
        `SELECT count(*) FROM exchange_batch_changes WHERE batch_id = ? AND entity = 'rating'`,
        batchId,
      ),
    ).toEqual([0]);
    expect(all(province.backend, `SELECT count(*) FROM audit_log WHERE entity = 'rating'`)).toEqual(
      [0],
    );
    // A rating chunk holds one year's ratings, named by its year.
    const years = all(
      province.backend,
      `SELECT DISTINCT b.year = (e.value ->> 3) FROM exchange_batch_inserts b, json_each(b.records) e
       WHERE b.entity = 'rating' AND json_extract(b.columns, '$[3]') = 'year'`,
    );
    expect(years).toEqual([1]);
  });

  test('the book writes a chunk every CHUNK records and the rest on flush', () => {
    const backend = makeBackend();
    const { db } = backend.ctx;
    db.prepare(
      `INSERT INTO exchange_batches(id, sha256, file_name, format_version, sender_installation,
         sender_unit_id, sender_unit_name, sequence, direction, file_created_at, imported_at, operator)
       VALUES ('b', 'h', 'f', 1, 'i', NULL, 'x', 1, 'up', 't', 't', 'o')`,
    ).run();
    const book = new InsertBook(db, 'b');
    const RATING_FIELDS = ['unit_id', 'year', 'level_code'];
    for (let i = 0; i < CHUNK + 5; i += 1) {
      book.add('rating', `r${i}`, 1, RATING_FIELDS, ['u', 2017 + (i % 2), 'HTNV']);
    }
    book.add('unit', 'u1', 3, ['founded_year', 'ended_year'], [2001, null]);
    const rows = () =>
      db.prepare('SELECT entity, year, n FROM exchange_batch_inserts ORDER BY chunk').all() as {
        entity: string;
        year: number | null;
        n: number;
      }[];
    // Two years, each half of the records: none full yet.
    expect(rows()).toEqual([]);
    for (let i = CHUNK + 5; i < 2 * CHUNK; i += 1) {
      book.add('rating', `r${i}`, 1, RATING_FIELDS, ['u', 2017 + (i % 2), 'HTNV']);
    }
    expect(rows()).toEqual([
      { entity: 'rating', year: 2017, n: CHUNK },
      { entity: 'rating', year: 2018, n: CHUNK },
    ]);
    book.flush();
    expect(rows().slice(2)).toEqual([{ entity: 'unit', year: null, n: 1 }]);
    expect(book.count).toBe(2 * CHUNK + 1);
    const unit = db
      .prepare(`SELECT columns, records FROM exchange_batch_inserts WHERE entity = 'unit'`)
      .get() as { columns: string; records: string };
    // Empty trailing fields are left out of a record.
    expect(JSON.parse(unit.columns)).toEqual(['id', 'rev', 'founded_year', 'ended_year']);
    expect(JSON.parse(unit.records)).toEqual([['u1', 3, 2001]]);
  });

  test('an export since the last one carries the records a batch inserted after it', async () => {
    const { province, up } = await provinceWithSiteFile();
    // The province's last export before the site's file arrives.
    await exportFile(province.backend);
    await importFiles(province.backend, [up.path]);
    const since = recordsOf(
      readParts((await exportFile(province.backend, { sinceLast: true })).bytes),
    );
    const bs01 = siteUnitId(province.backend, 'BS01');
    const ratings = since.filter((r) => r.t === 'rating');
    expect(ratings.length).toBeGreaterThan(0);
    expect(ratings.some((r) => r.d.unitId === bs01)).toBe(true);
    // Every inserted rating travels, and nothing else of the register changed.
    const local = all(province.backend, 'SELECT count(*) FROM ratings')[0];
    expect(ratings).toHaveLength(local as number);
    // Exported since then: nothing more to send.
    const nothing = recordsOf(
      readParts((await exportFile(province.backend, { sinceLast: true })).bytes),
    );
    expect(nothing.filter((r) => r.t === 'rating')).toEqual([]);
  });

  test('undo removes the inserted records, and is refused once one of them changed', async () => {
    const { province, up } = await provinceWithSiteFile();
    const { result } = await importFiles(province.backend, [up.path]);
    const batchId = result.batches[0]?.id ?? '';
    const bs01 = siteUnitId(province.backend, 'BS01');
    province.backend.call('ratings.set', { unitId: bs01, year: 2017, levelCode: 'HTNV' });
    const ledger = province.backend.call('exchange.ledger', { year: 2017 });
    const batch = ledger.batches.find((b) => b.id === batchId);
    expect(batch?.canUndo).toBe(false);
    expect(batch?.undoBlockedReason).toContain('ở 1 bản ghi');

    // Another province, the same file, nothing changed after: undone to the row.
    const other = await provinceWithSiteFile();
    const untouched = other.province.backend.snapshot();
    const applied = await importFiles(other.province.backend, [other.up.path]);
    other.province.backend.call('exchange.undo', { batchId: applied.result.batches[0]?.id ?? '' });
    expect(dataTables(other.province.backend.snapshot())).toBe(dataTables(untouched));
  });

  test('a batch booked the old way (an undo row per inserted record) is still undone', async () => {
    const { province, up } = await provinceWithSiteFile();
    const untouched = province.backend.snapshot();
    const { result } = await importFiles(province.backend, [up.path]);
    const batchId = result.batches[0]?.id ?? '';
    // As a data file from before migration 8 holds it: before = NULL rows, no chunks.
    const { db } = province.backend.ctx;
    db.exec(`INSERT INTO exchange_batch_changes(batch_id, entity, record_id, before, after_rev)
      SELECT b.batch_id, b.entity, e.value ->> 0, NULL, e.value ->> 1
      FROM exchange_batch_inserts b, json_each(b.records) e;
      DELETE FROM exchange_batch_inserts;`);
    expect(province.backend.call('exchange.ledger', { year: 2017 }).batches[0]?.canUndo).toBe(true);
    province.backend.call('exchange.undo', { batchId });
    expect(dataTables(province.backend.snapshot())).toBe(dataTables(untouched));
  });

  test('the undo check reads the book by its key and each record by its id', () => {
    const backend = makeBackend();
    const plan = backend.ctx.db
      .prepare(`EXPLAIN QUERY PLAN ${CHANGED_SINCE_SQL}`)
      .all({ batchId: 'b' }) as { detail: string }[];
    const details = plan.map((p) => p.detail);
    expect(details.filter((d) => d.includes('exchange_batch_inserts'))).toHaveLength(8);
    for (const detail of details) {
      // json_each is a virtual table: scanned by nature, one chunk's records at a time.
      if (detail.startsWith('SCAN') && !/VIRTUAL TABLE|CONSTANT ROW/.test(detail)) {
        throw new Error(`a scan in the undo check: ${detail}`);
      }
    }
    expect(
      details.some((d) =>
        /SEARCH b USING INDEX sqlite_autoindex_exchange_batch_inserts_1 \(batch_id=\? AND entity=\?\)/.test(
          d,
        ),
      ),
    ).toBe(true);
    expect(
      details.some((d) => /SEARCH t USING INDEX sqlite_autoindex_ratings_1 \(id=\?\)/.test(d)),
    ).toBe(true);
  });
});

/** The data tables of a snapshot: every table but the audit log and the exchange's books. */
function dataTables(snapshot: string): string {
  const tables = JSON.parse(snapshot) as Record<string, unknown>;
  return JSON.stringify(
    Object.fromEntries(
      Object.entries(tables).filter(
        ([name]) =>
          !name.startsWith('audit_') &&
          !name.startsWith('exchange_') &&
          !name.startsWith('unit_search'),
      ),
    ),
  );
}

describe("exchange: the preview's look-ups", () => {
  test('whether a unit has any rating is one search of the ratings by unit', () => {
    const backend = makeBackend();
    const plan = backend.ctx.db
      .prepare('EXPLAIN QUERY PLAN SELECT 1 AS one FROM ratings WHERE unit_id = ? LIMIT 1')
      .all('u') as { detail: string }[];
    expect(plan.map((p) => p.detail)).toEqual([
      expect.stringMatching(/^SEARCH ratings USING COVERING INDEX \w+ \(unit_id=\?\)$/),
    ]);
  });

  test('a unit with ratings here: its years looked up, the others new', async () => {
    const { province, up } = await provinceWithSiteFile();
    // Bắc Sơn's 2016 rating is already here (as another installation entered it): the file's
    // 2016 rating of it is a conflict (changed on both sides), its 2017 one is new.
    const bs01 = siteUnitId(province.backend, 'BS01');
    province.backend.call('ratings.set', { unitId: bs01, year: 2016, levelCode: 'HTNV' });
    const preview = await previewFiles(province.backend, [up.path]);
    const labels = preview.changes.filter((c) => c.entity === 'rating');
    const of = (year: number) =>
      labels.find((c) => c.label.endsWith(`xếp loại năm ${year}`) && c.label.includes('Đồng Ý'));
    expect(of(2017)?.kind).toBe('new');
    expect(of(2016)?.kind).toBe('conflict');
  });
});
