// The ratings import's apply (issue 10): the rating triggers of migrations 12 and 18 and the TEMP
// notes of the touched years are set aside while its ratings are written (they do nothing with
// the switch off, and the import names its years to the recount), and the preview's plan is
// applied without reading the file again, once the file is found to be the one previewed.
// - The data file the apply leaves is the one the apply before it left (test/helpers/
//   reference-import-apply.ts): ratings, audit rows byte for byte (ids made the same on both
//   sides), the summaries, the schema.
// - The triggers are away only during the writes and back after, also after an error.
// - A file changed, replaced or removed between the preview and the apply is refused with a
//   Vietnamese message, nothing written.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { copyFileSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type * as Ids from '../../shared/domain/ids';
import { BULK_AUDIT_THRESHOLDS } from '../../electron/backend/audit/bulk';
import { fixedClock } from '../../electron/backend/context';
import { APPEND_ONLY } from '../../electron/backend/db/migrations/0014-audit-chain';
import type { Db } from '../../electron/backend/db/open';
import { withTriggersAside } from '../../electron/backend/db/triggers-aside';
import { writeTransaction } from '../../electron/backend/db/write';
import { actorOf } from '../../electron/backend/meta';
import { takePlan } from '../../electron/backend/ratings/import/plans';
import {
  BULK_TALLY_THRESHOLDS,
  writingRatingsInBulk,
} from '../../electron/backend/ratings/tallies';
import type { TestBackend } from '../helpers/backend';
import { cleanupTemp, makeBackend, makeTempDir } from '../helpers/backend';
import { referenceImportApply } from '../helpers/reference-import-apply';
import type { Register } from '../helpers/register-writes';
import { buildRegister } from '../helpers/register-writes';

// Ids counted from APPLY_IDS_FROM again before each apply (above every id made before), so both
// applies make the very same ids.
const ids = vi.hoisted(() => ({ n: 0 }));
vi.mock('../../shared/domain/ids', async (importOriginal) => {
  const real = await importOriginal<typeof Ids>();
  return {
    ...real,
    newId: () => `01900000-0000-7000-8000-${(++ids.n).toString(16).padStart(12, '0')}`,
  };
});

const APPLY_IDS_FROM = 1_000_000;

const DEFAULT_THRESHOLDS = { ...BULK_TALLY_THRESHOLDS };
const DEFAULT_AUDIT = { ...BULK_AUDIT_THRESHOLDS };
afterEach(() => {
  Object.assign(BULK_TALLY_THRESHOLDS, DEFAULT_THRESHOLDS);
  Object.assign(BULK_AUDIT_THRESHOLDS, DEFAULT_AUDIT);
  cleanupTemp();
});
/** The bulk path for any size of file (the test's file is small). */
const BULK_ALWAYS = { ratingsMinimum: 0, versionsPerRating: Infinity };

/**
 * The plan `planId` applied on `a` by the app with its audit rows through the bulk writer (any
 * size), and the same file previewed on `b` and applied there by the old code; both from the same
 * ids, so the two files can be compared row by row.
 */
async function appliedNewAndOld(
  a: TestBackend,
  b: TestBackend,
  planId: string,
  file: string,
): Promise<void> {
  ids.n = APPLY_IDS_FROM;
  BULK_AUDIT_THRESHOLDS.minimum = 0;
  try {
    a.call('ratings.importApply', { planId, skipErrors: true });
  } finally {
    Object.assign(BULK_AUDIT_THRESHOLDS, DEFAULT_AUDIT);
  }
  const old = await b.callAsync('ratings.importPreview', {
    file: b.ctx.files.register(file).handle,
  });
  ids.n = APPLY_IDS_FROM;
  referenceImportApply(
    b.ctx.db,
    { ...actorOf(b.ctx), origin: 'import:xep-loai.csv', fileSha256: sha256Of(file) },
    takePlan(b.ctx.db, old.planId).plan,
  );
}

const CLOCK = fixedClock('2026-03-02T08:00:00.000Z');
const LEVELS = ['HTXSNV', 'HTTNV', 'HTNV', 'KHTNV', 'Không xếp loại'];
const OLD_LEVELS = ['TSVM', 'HTTNV', 'HTNV', 'YK', 'TSVM tiêu biểu'];

/** Recorded ratings: some to change, some to leave, some removed (to revive). */
function recordRatings(b: TestBackend, r: Register): void {
  for (const [i, unit] of r.base.entries()) {
    if (unit.from > 2017) continue;
    if (i % 3 === 0) b.call('ratings.set', { unitId: unit.id, year: 2018, levelCode: 'HTTNV' });
    if (i % 4 === 0) b.call('ratings.set', { unitId: unit.id, year: 2017, levelCode: 'TSVM' });
    if (i % 5 === 0) {
      b.call('ratings.set', { unitId: unit.id, year: 2019, levelCode: 'HTNV' });
      b.call('ratings.remove', { unitId: unit.id, year: 2019 });
    }
  }
}

/** A file rating every grassroots unit 2016-2020 by code, and new units under districts by name. */
function csvOf(r: Register): string {
  const lines = ['Mã;Tên tổ chức;Cấp trên;Năm;Xếp loại'];
  for (const year of [2016, 2017, 2018, 2019, 2020]) {
    for (const [i, unit] of r.base.entries()) {
      const levels = year <= 2017 ? OLD_LEVELS : LEVELS;
      lines.push(`${unit.code};;;${year};${levels[(i + year) % levels.length]}`);
    }
    for (let k = 1; k <= 6; k++) {
      lines.push(`;Chi bộ Mới ${k};Huyện ủy Miền ${(k % 4) + 1};${year};HTTNV`);
    }
  }
  return `\uFEFF${lines.join('\n')}\n`;
}

/** Two copies of one register with recorded ratings, and the import's file. */
function twoCopies() {
  const a = makeBackend({ clock: CLOCK });
  const register = buildRegister(a);
  recordRatings(a, register);
  a.ctx.db.pragma('wal_checkpoint(TRUNCATE)');
  const path = join(makeTempDir(), 'copy.sqlite3');
  copyFileSync(a.dbPath, path);
  const b = makeBackend({ clock: CLOCK, dbPath: path });
  const file = join(makeTempDir(), 'xep-loai.csv');
  writeFileSync(file, csvOf(register));
  return { a, b, file };
}

/** Everything the apply writes, as stored: every column, in storage order. */
function written(db: Db) {
  const all = (sql: string) => db.prepare(sql).all();
  return {
    ratings: all('SELECT * FROM ratings ORDER BY rowid'),
    units: all('SELECT * FROM units ORDER BY rowid'),
    versions: all('SELECT * FROM unit_versions ORDER BY rowid'),
    audit: all('SELECT * FROM audit_log ORDER BY seq'),
    head: all('SELECT * FROM audit_head'),
    tallies: all(
      'SELECT * FROM rating_tallies WHERE n <> 0 ORDER BY year, parent_id, kind, 4, 5, 6, 7',
    ),
    pairs: all('SELECT * FROM rating_transitions ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9'),
    spans: all('SELECT * FROM version_spans WHERE n <> 0 ORDER BY 1, 2, 3, 4'),
    state: all('SELECT * FROM rating_tally_state'),
    schema: all('SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name'),
    temp: all('SELECT type, name, sql FROM sqlite_temp_schema ORDER BY type, name'),
  };
}

/** A unit the removal test rates by hand between two removals (not in the file's year 2016). */
const REMOVAL_UNIT = (x: TestBackend) =>
  x.ctx.db
    .prepare('SELECT id FROM units WHERE deleted_at IS NULL ORDER BY rowid LIMIT 1')
    .pluck()
    .get() as string;

const sha256Of = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('the ratings import apply', () => {
  it('writes the database the apply before it wrote: ratings, audit rows byte for byte, summaries', async () => {
    Object.assign(BULK_TALLY_THRESHOLDS, BULK_ALWAYS);
    const { a, b, file } = twoCopies();

    const preview = await a.callAsync('ratings.importPreview', {
      file: a.ctx.files.register(file).handle,
    });
    expect(preview.newRatings.length).toBeGreaterThan(100);
    expect(preview.changedRatings.length).toBeGreaterThan(10);
    expect(preview.newUnits.length).toBeGreaterThan(0);
    // The file's few hundred audit rows through the bulk writer (head trigger set aside); the
    // apply before is left below the minimum: its rows go one by one through migration 17's
    // trigger, so the heads are compared with the trigger's own.
    await appliedNewAndOld(a, b, preview.planId, file);

    const mine = written(a.ctx.db);
    const before = written(b.ctx.db);
    expect(mine.audit.length).toBeGreaterThan(200);
    expect(mine).toEqual(before);
    // Every rating the file wrote has its own audit row.
    const audited = a.ctx.db
      .prepare(
        `SELECT count(*) AS rows, count(DISTINCT entity_id) AS ratings FROM audit_log
         WHERE entity = 'rating' AND origin = 'import:xep-loai.csv'`,
      )
      .get();
    const rated = preview.newRatings.length + preview.changedRatings.length;
    expect(audited).toEqual({ rows: rated, ratings: rated });
    expect(a.call('audit.verify', {}).ok).toBe(true);
  }, 60_000);

  // The import writes its audit rows with migration 17's head trigger set aside and audit_head set
  // once at the end (audit/bulk.ts). After the newest rows were removed with another tool, the
  // head must still be what the trigger leaves: the skipped head noted in lost_after by the first
  // row (once: a head already noted stays), then the last row's seq and hash.
  it.each([
    { removals: 1, noted: 'the head the import finds skipped' },
    { removals: 2, noted: 'the head skipped before, kept' },
  ])(
    'on a log whose newest rows were removed ($removals times), leaves in audit_head $noted',
    async ({ removals }) => {
      Object.assign(BULK_TALLY_THRESHOLDS, BULK_ALWAYS);
      const { a, b, file } = twoCopies();
      const lastSeq = (x: TestBackend) =>
        x.ctx.db.prepare('SELECT max(seq) FROM audit_log').pluck().get() as number;
      // The head the first removal leaves behind: what lost_after must name in the end.
      const firstLost = lastSeq(a);
      for (let round = 1; round <= removals; round++) {
        if (round > 1) {
          // A write after the removal notes the skipped head (the trigger), then goes too.
          for (const x of [a, b]) {
            ids.n = APPLY_IDS_FROM / 2 + round; // the same rating id in both files
            x.call('ratings.set', { unitId: REMOVAL_UNIT(x), year: 2016, levelCode: 'HTNV' });
          }
        }
        for (const x of [a, b]) {
          const other = new Database(x.dbPath);
          other.exec(
            'DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;' +
              `DELETE FROM audit_log WHERE seq >= ${lastSeq(x) - 1};` +
              APPEND_ONLY,
          );
          other.close();
        }
      }
      const preview = await a.callAsync('ratings.importPreview', {
        file: a.ctx.files.register(file).handle,
      });
      // The import's rows through the bulk writer; the apply before (below the minimum) through
      // the trigger, row by row.
      expect(preview.newRatings.length + preview.changedRatings.length).toBeLessThan(
        BULK_AUDIT_THRESHOLDS.minimum,
      );
      await appliedNewAndOld(a, b, preview.planId, file);

      const newest = a.ctx.db
        .prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1')
        .get() as { seq: number; hash: string };
      expect(a.ctx.db.prepare('SELECT id, seq, hash, lost_after FROM audit_head').get()).toEqual({
        id: 1,
        ...newest,
        lost_after: firstLost,
      });
      expect(written(a.ctx.db)).toEqual(written(b.ctx.db));
      // audit.verify still finds the removal, up to the head first skipped.
      expect(a.call('audit.verify', {}).broken).toMatchObject({
        problem: 'truncated',
        lostUpTo: firstLost,
      });
    },
    60_000,
  );

  it('sets the rating triggers aside only while its ratings are written, and brings them back', () => {
    Object.assign(BULK_TALLY_THRESHOLDS, BULK_ALWAYS);
    const b = makeBackend({ clock: CLOCK });
    const register = buildRegister(b);
    const db = b.ctx.db;
    const triggers = (schema: 'sqlite_schema' | 'sqlite_temp_schema') =>
      db.prepare(`SELECT name, sql FROM ${schema} WHERE type = 'trigger' ORDER BY name`).all() as {
        name: string;
        sql: string;
      }[];
    const onRatings = () =>
      [...triggers('sqlite_schema'), ...triggers('sqlite_temp_schema')]
        .filter((t) => /ON (main\.)?ratings\b/.test(t.sql))
        .map((t) => t.name)
        .sort();
    const main = triggers('sqlite_schema');
    let during: string[] = [];
    writeTransaction(db, () =>
      writingRatingsInBulk(db, 1, [2019], () => {
        during = onRatings();
        b.call('ratings.set', { unitId: register.base[1]!.id, year: 2019, levelCode: 'HTTNV' });
      }),
    );
    // Only what a rating's insert or change does without the switch is left: its revision.
    expect(during).toEqual([
      'rating_tallies_rating_delete',
      'rating_transitions_rating_delete',
      'ratings_rev',
      'tally_touched_rating_delete',
    ]);
    expect(triggers('sqlite_schema')).toEqual(main);
    expect(onRatings()).toEqual([
      'rating_tallies_rating_delete',
      'rating_tallies_rating_insert',
      'rating_tallies_rating_update',
      'rating_transitions_rating_delete',
      'rating_transitions_rating_insert',
      'rating_transitions_rating_update',
      'ratings_rev',
      'tally_touched_rating_delete',
      'tally_touched_rating_insert',
      'tally_touched_rating_update',
    ]);
    const temp = triggers('sqlite_temp_schema');

    // An error caught inside the transaction, which then commits: the triggers are back.
    writeTransaction(db, () => {
      expect(() =>
        writingRatingsInBulk(db, 1, [2019], () => {
          throw new Error('half-way');
        }),
      ).toThrow('half-way');
    });
    expect(triggers('sqlite_schema')).toEqual(main);
    expect(triggers('sqlite_temp_schema')).toEqual(temp);
    // An error that rolls the transaction back: the triggers are back too.
    expect(() =>
      writeTransaction(db, () =>
        writingRatingsInBulk(db, 1, [2019], () => {
          throw new Error('rolled back');
        }),
      ),
    ).toThrow('rolled back');
    expect(triggers('sqlite_schema')).toEqual(main);
    expect(triggers('sqlite_temp_schema')).toEqual(temp);
    // With the triggers back, a single write keeps the tallies again.
    b.call('ratings.set', { unitId: register.base[2]!.id, year: 2019, levelCode: 'HTNV' });
    const kept = db
      .prepare("SELECT sum(n) FROM rating_tallies WHERE year = 2019 AND level_code = 'HTNV'")
      .pluck()
      .get();
    expect(kept).toBe(1);
  });

  it('leaves a trigger removed with another tool removed, and refuses outside a transaction', () => {
    const b = makeBackend();
    const db = b.ctx.db;
    db.exec('DROP TRIGGER rating_tallies_rating_insert');
    const names = ['rating_tallies_rating_insert', 'rating_transitions_rating_insert'];
    const present = () =>
      db
        .prepare(
          `SELECT name FROM sqlite_schema WHERE type = 'trigger'
           AND name IN ('rating_tallies_rating_insert', 'rating_transitions_rating_insert')`,
        )
        .pluck()
        .all();
    writeTransaction(db, () => withTriggersAside(db, names, () => expect(present()).toEqual([])));
    expect(present()).toEqual(['rating_transitions_rating_insert']);
    expect(() => withTriggersAside(db, names, () => 1)).toThrow('needs a write transaction');
  });
});

describe('the file between the preview and the apply', () => {
  async function previewed() {
    const b = makeBackend({ clock: CLOCK });
    const register = buildRegister(b);
    const file = join(makeTempDir(), 'xep-loai.csv');
    writeFileSync(file, csvOf(register));
    const preview = await b.callAsync('ratings.importPreview', {
      file: b.ctx.files.register(file).handle,
    });
    return { b, file, preview, before: b.snapshot() };
  }

  it("is not read again when unchanged: the plan is applied, every row with the bytes' SHA-256", async () => {
    const { b, file, preview } = await previewed();
    const sha = sha256Of(file);
    // Only touched: the same bytes, another time of change.
    utimesSync(file, new Date('2027-01-01T00:00:00Z'), new Date('2027-01-01T00:00:00Z'));
    const result = b.call('ratings.importApply', { planId: preview.planId, skipErrors: true });
    expect(result.applied).toBe(true);
    const shas = b.ctx.db
      .prepare("SELECT DISTINCT file_sha256 FROM audit_log WHERE origin LIKE 'import:%'")
      .pluck()
      .all();
    expect(shas).toEqual([sha]);
  });

  it('changed (saved again with other rows) is refused with a Vietnamese message, nothing written', async () => {
    const { b, file, preview, before } = await previewed();
    writeFileSync(file, '\uFEFFMã;Năm;Xếp loại\nCS-001;2019;HTTNV\n');
    const result = b.raw('ratings.importApply', { planId: preview.planId, skipErrors: true });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('PLAN_STALE');
    expect(result.error.message).toBe(
      'Tệp "xep-loai.csv" đã thay đổi kể từ lúc xem trước (tệp vừa được sửa hoặc lưu lại); ' +
        'chưa có gì được nhập. Hãy xem trước lại tệp để thấy đúng những gì sẽ được nhập.',
    );
    expect(b.snapshot()).toBe(before);
  });

  it('changed with its size and time of change kept is found by its content', async () => {
    const { b, file, preview, before } = await previewed();
    const bytes = readFileSync(file);
    const { atime, mtime } = statSync(file);
    // One byte changed ("HTTNV" -> "HTNNV"), the size and the time of change put back.
    const at = bytes.indexOf('HTTNV');
    bytes[at + 2] = 'N'.charCodeAt(0);
    writeFileSync(file, bytes);
    utimesSync(file, atime, mtime);
    expect(statSync(file).size).toBe(bytes.length);
    const result = b.raw('ratings.importApply', { planId: preview.planId, skipErrors: true });
    expect(result.ok ? null : result.error.code).toBe('PLAN_STALE');
    expect(b.snapshot()).toBe(before);
  });

  it('removed or moved is refused with a Vietnamese message, nothing written', async () => {
    const { b, file, preview, before } = await previewed();
    rmSync(file);
    const result = b.raw('ratings.importApply', { planId: preview.planId, skipErrors: true });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('PLAN_STALE');
    expect(result.error.message).toBe(
      'Tệp "xep-loai.csv" không còn ở chỗ cũ (đã bị xóa, đổi tên hoặc di chuyển) kể từ lúc xem ' +
        'trước; chưa có gì được nhập. Hãy chọn lại tệp và xem trước lại.',
    );
    expect(b.snapshot()).toBe(before);
  });
});
