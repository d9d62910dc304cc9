// Migrations "exchange-changes-clustered" (19): the change book of an exchange import rebuilt
// WITHOUT ROWID (stored once, in its key's order, instead of a table plus its primary key's
// index), and "exchange-changes-by-rating" (20): its index by record kept for booked ratings only,
// the one kind searched without a batch. A file from the version before keeps every row; the
// statements that read the book still search it by its key or by rating; undo of a batch booked
// before the migration still restores what the batch changed; "who has not reported" answers
// the same.
import { afterEach, describe, expect, test } from 'vitest';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../electron/backend/db/migrations';
import { openDatabase } from '../../electron/backend/db/open';
import { CHANGED_SINCE_SQL } from '../../electron/backend/exchange/undo-check';
import type { TestBackend } from '../helpers/backend';
import { cleanupTemp, makeBackend, snapshotDb, tempDbPath } from '../helpers/backend';
import {
  DISTRICTS,
  exportFile,
  importFiles,
  makeLowerSite,
  makeProvince,
  recordSiteWork,
  siteUnitId,
} from '../helpers/exchange-sites';

afterEach(cleanupTemp);

function versionOf(name: string): number {
  const migration = MIGRATIONS.find((m) => m.name === name);
  if (!migration) throw new Error(`migration ${name} is not registered`);
  return migration.version;
}

const CLUSTERED = versionOf('exchange-changes-clustered');
const BY_RATING = versionOf('exchange-changes-by-rating');

/** The book as migration 6 made it: a rowid table beside its primary key's index. */
const OLD_BOOK = `
CREATE TABLE exchange_batch_changes_old (
  batch_id   TEXT NOT NULL REFERENCES exchange_batches(id),
  entity     TEXT NOT NULL,
  record_id  TEXT NOT NULL,
  before     TEXT,
  after_rev  INTEGER NOT NULL,
  PRIMARY KEY (batch_id, entity, record_id),
  CHECK (before IS NULL OR json_valid(before))
) STRICT;
INSERT INTO exchange_batch_changes_old SELECT * FROM exchange_batch_changes;
DROP TABLE exchange_batch_changes;
ALTER TABLE exchange_batch_changes_old RENAME TO exchange_batch_changes;
CREATE INDEX exchange_batch_changes_by_record ON exchange_batch_changes(entity, record_id);`;

type Db = ReturnType<typeof openDatabase>['db'];

/** Every statement of the app that reads the book, with the plan each must keep. */
const READS: { name: string; sql: string; plan: RegExp }[] = [
  {
    name: 'undo: a batch and kind in record order, page by page (exchange/undo.ts)',
    sql: `SELECT record_id, before FROM exchange_batch_changes
          WHERE batch_id = 'b' AND entity = 'unit' AND record_id > '' ORDER BY record_id LIMIT 500`,
    plan: /SEARCH exchange_batch_changes USING PRIMARY KEY \(batch_id=\? AND entity=\? AND record_id>\?\)/,
  },
  {
    name: 'undo: the count of a batch (exchange/undo.ts)',
    sql: "SELECT count(*) AS n FROM exchange_batch_changes WHERE batch_id = 'b'",
    plan: /SEARCH exchange_batch_changes USING PRIMARY KEY \(batch_id=\?\)/,
  },
  {
    name: 'write: a record booked earlier by the same batch (merge/write.ts)',
    sql: `SELECT before FROM exchange_batch_changes
          WHERE batch_id = 'b' AND entity = 'unit' AND record_id = 'r'`,
    plan: /SEARCH exchange_batch_changes USING PRIMARY KEY \(batch_id=\? AND entity=\? AND record_id=\?\)/,
  },
  {
    name: 'who has not reported: a rating changed by a batch (exchange/not-reported.ts)',
    sql: `SELECT 1 FROM ratings r WHERE r.year = 2017 AND EXISTS (
            SELECT 1 FROM exchange_batch_changes c WHERE c.entity = 'rating' AND c.record_id = r.id
            AND c.batch_id IN (SELECT id FROM exchange_batches WHERE undone_at IS NULL))`,
    // The partial index of booked ratings; WITHOUT ROWID it carries the key, batch id included.
    plan: /SEARCH c EXISTS USING COVERING INDEX exchange_batch_changes_by_rating \(record_id=\? AND batch_id=\? AND entity=\?\)/,
  },
  {
    name: 'who has not reported, no batch undone (exchange/not-reported.ts)',
    sql: `SELECT 1 FROM ratings r WHERE r.year = 2017 AND EXISTS (
            SELECT 1 FROM exchange_batch_changes c WHERE c.entity = 'rating' AND c.record_id = r.id)`,
    plan: /SEARCH c EXISTS USING COVERING INDEX exchange_batch_changes_by_rating \(record_id=\?\)/,
  },
];

function planOf(db: Db, sql: string, params: Record<string, unknown> = {}): string {
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[])
    .map((r) => r.detail)
    .join('\n');
}

function bookRows(db: Db): unknown[] {
  return db
    .prepare('SELECT * FROM exchange_batch_changes ORDER BY batch_id, entity, record_id')
    .all();
}

/**
 * A province that imported a site's file changing some of its records: the book has rows of
 * units, versions and a rating (rated here before, rated again at the site).
 */
async function provinceWithBookedChanges(): Promise<{ backend: TestBackend; batchId: string }> {
  const province = makeProvince();
  const rated = DISTRICTS[0]!.units[0]!.code;
  province.backend.call('ratings.set', {
    unitId: siteUnitId(province.backend, rated),
    year: 2017,
    levelCode: 'HTNV',
  });
  const master = await exportFile(province.backend);
  const site = await makeLowerSite(master.path, DISTRICTS[0]!);
  recordSiteWork(site);
  // A unit renamed at the site: the province's copy is changed by the import, its before-row
  // (every column) booked; the identical records get their revisions booked.
  const unit = site.district.units[0]!;
  site.backend.call('units.rename', {
    id: siteUnitId(site.backend, unit.code),
    name: `${unit.name} (mới)`,
    year: 2017,
  });
  const up = await exportFile(site.backend);
  const { result } = await importFiles(province.backend, [up.path], {
    conflicts: { all: 'take_incoming' },
  });
  return { backend: province.backend, batchId: result.batches[0]?.id ?? '' };
}

describe('migration exchange-changes-clustered', () => {
  test('a file from the version before keeps its book, searched by key, and its undo', async () => {
    const { backend, batchId } = await provinceWithBookedChanges();
    const db = backend.ctx.db;
    const booked = bookRows(db);
    expect(booked.length).toBeGreaterThan(0);
    const full = db
      .prepare(
        `SELECT count(*) FROM exchange_batch_changes
         WHERE batch_id = ? AND json_extract(before, '$.name') IS NOT NULL`,
      )
      .pluck()
      .get(batchId);
    expect(full).toBeGreaterThan(0);

    // Rewound to the version before: the book as migration 6 made it, user_version set back.
    const path = backend.dbPath;
    db.exec(`PRAGMA foreign_keys = OFF; BEGIN; ${OLD_BOOK} COMMIT; PRAGMA foreign_keys = ON;`);
    db.pragma(`user_version = ${CLUSTERED - 1}`);
    expect(tableKind(db)).toBe(0);
    const before = snapshotDb(db).replace(/"user_version":\d+/, '');
    backend.close();

    const { db: migrated } = openDatabase(path, {
      migrateTo: CLUSTERED,
      backupDir: tempDbPath('backups'),
    });
    try {
      expect(migrated.pragma('user_version', { simple: true })).toBe(CLUSTERED);
      expect(snapshotDb(migrated).replace(/"user_version":\d+/, '')).toBe(before);
      expect(bookRows(migrated)).toEqual(booked);
      expect(tableKind(migrated)).toBe(1);
      expect(migrated.pragma('foreign_key_check', { simple: false })).toEqual([]);
      expect(migrated.pragma('integrity_check', { simple: true })).toBe('ok');
      migrated.pragma(`user_version = ${LATEST_SCHEMA_VERSION}`);
    } finally {
      migrated.close();
    }

    const after = makeBackend({ dbPath: path });
    const renamed = () =>
      after.ctx.db
        .prepare(
          "SELECT count(*) FROM unit_versions WHERE name LIKE '%(mới)' AND deleted_at IS NULL",
        )
        .pluck()
        .get();
    const changedBack = after.ctx.db
      .prepare(
        `SELECT c.entity, c.record_id, c.before FROM exchange_batch_changes c
         WHERE c.batch_id = ? AND json_extract(c.before, '$.name') IS NOT NULL`,
      )
      .all(batchId) as { entity: string; record_id: string; before: string }[];
    expect(renamed()).toBe(1);
    after.call('exchange.undo', { batchId });
    // Undone through the migrated book: the rename's version is gone and each record it booked
    // with its columns is back as the book says it was.
    expect(renamed()).toBe(0);
    for (const row of changedBack) {
      const table = row.entity === 'unit' ? 'units' : 'unit_versions';
      const now = after.ctx.db
        .prepare(`SELECT name FROM ${table} WHERE id = ?`)
        .pluck()
        .get(row.record_id);
      expect(now).toBe((JSON.parse(row.before) as { name: unknown }).name);
    }
  });

  test('a file from version 19 gets the index of booked ratings only, "who has not reported" the same', async () => {
    const { backend } = await provinceWithBookedChanges();
    const db = backend.ctx.db;
    const kinds = db
      .prepare('SELECT DISTINCT entity FROM exchange_batch_changes ORDER BY 1')
      .pluck()
      .all();
    expect(kinds).toContain('rating');
    expect(kinds).toContain('unit');
    const ledger = backend.call('exchange.ledger', { year: 2017 });
    expect(ledger.notReported.length).toBeGreaterThan(0);

    // Rewound to version 19: the index by record as migrations 6 and 19 made it.
    const path = backend.dbPath;
    db.exec(`DROP INDEX exchange_batch_changes_by_rating;
      CREATE INDEX exchange_batch_changes_by_record ON exchange_batch_changes(entity, record_id);`);
    db.pragma(`user_version = ${BY_RATING - 1}`);
    const before = snapshotDb(db).replace(/"user_version":\d+/, '');
    backend.close();

    const { db: migrated } = openDatabase(path, {
      migrateTo: BY_RATING,
      backupDir: tempDbPath('backups'),
    });
    try {
      expect(snapshotDb(migrated).replace(/"user_version":\d+/, '')).toBe(before);
      const indexes = migrated
        .prepare(
          `SELECT name, sql FROM sqlite_schema
           WHERE type = 'index' AND tbl_name = 'exchange_batch_changes' AND sql IS NOT NULL`,
        )
        .all() as { name: string; sql: string }[];
      expect(indexes.map((i) => i.name)).toEqual(['exchange_batch_changes_by_rating']);
      expect(indexes[0]?.sql).toMatch(/WHERE entity = 'rating'/);
      // The booked ratings only are in it.
      const indexed = migrated
        .prepare(
          `SELECT count(*) FROM exchange_batch_changes INDEXED BY exchange_batch_changes_by_rating
           WHERE entity = 'rating' AND record_id > ''`,
        )
        .pluck()
        .get();
      expect(indexed).toBe(
        migrated
          .prepare("SELECT count(*) FROM exchange_batch_changes WHERE entity = 'rating'")
          .pluck()
          .get(),
      );
      migrated.pragma(`user_version = ${LATEST_SCHEMA_VERSION}`);
    } finally {
      migrated.close();
    }
    const after = makeBackend({ dbPath: path });
    expect(after.call('exchange.ledger', { year: 2017 })).toEqual(ledger);
  });

  test("the app's reads of the book search it by its key or by rating, never scan it", () => {
    const b = makeBackend();
    for (const read of READS) {
      const plan = planOf(b.ctx.db, read.sql);
      expect(plan, read.name).toMatch(read.plan);
      expect(plan, read.name).not.toMatch(/SCAN (c|exchange_batch_changes)\b/);
    }
    // The undo check: each kind's changes read by the key's prefix.
    const check = planOf(b.ctx.db, CHANGED_SINCE_SQL, { batchId: 'b' });
    expect(check).toMatch(/SEARCH c USING PRIMARY KEY \(batch_id=\? AND entity=\?\)/);
    expect(check).not.toMatch(/SCAN c\b/);
    expect(tableKind(b.ctx.db)).toBe(1);
  });
});

/** pragma_table_list's `wr`: 1 for a WITHOUT ROWID table. */
function tableKind(db: Db): number {
  return db
    .prepare("SELECT wr FROM pragma_table_list WHERE name = 'exchange_batch_changes'")
    .pluck()
    .get() as number;
}
