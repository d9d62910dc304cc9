import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../electron/backend/db/migrations';
import {
  APPLICATION_ID,
  assertMigrationSequence,
  openDatabase,
} from '../../electron/backend/db/open';
import { openBackend } from '../../electron/backend/index';
import { AppError } from '../../shared/errors';
import { foldForSearch } from '../../shared/domain/text';
import {
  VIETNAMESE_LETTER,
  checkSearchIndex,
  cleanupTemp,
  makeBackend,
  tempDbPath,
} from '../helpers/backend';

afterEach(cleanupTemp);

const OUR_TABLES = ['meta', 'units', 'unit_versions', 'lineage_events', 'audit_log'];

function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

function thrownBy(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected an error');
}

describe('a fresh file', () => {
  test('is created at the latest schema version without a backup', () => {
    const path = tempDbPath();
    const { db, backupPath } = openDatabase(path);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(LATEST_SCHEMA_VERSION).toBe(MIGRATIONS.length);
    expect(backupPath).toBeNull();
    expect(existsSync(join(dirname(path), 'backups'))).toBe(false);
    db.close();
  });

  test('creates its missing parent folders', () => {
    const path = tempDbPath('nested/deeper/tccsd.sqlite3');
    const { db } = openDatabase(path);
    db.close();
    expect(existsSync(path)).toBe(true);
  });

  test('has every table STRICT', () => {
    const path = tempDbPath();
    const { db } = openDatabase(path);
    // Ordinary tables only: full-text indexes keep their storage in shadow tables of their own.
    const tables = db
      .prepare(
        `SELECT t.name, t.strict, s.sql FROM pragma_table_list t
         JOIN sqlite_schema s ON s.name = t.name
         WHERE t.schema = 'main' AND t.type = 'table' AND t.name NOT LIKE 'sqlite_%'
         ORDER BY t.name`,
      )
      .all() as { name: string; strict: number; sql: string }[];
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(OUR_TABLES));
    for (const table of tables) {
      expect(table.sql, table.name).toMatch(/\)\s*STRICT(,\s*WITHOUT ROWID)?\s*$/);
      expect(table.strict, table.name).toBe(1);
    }
    db.close();
  });

  test('refuses a value of the wrong type in a STRICT column', () => {
    const { db } = openDatabase(tempDbPath());
    expect(() =>
      db
        .prepare(
          `INSERT INTO units(id, founded_year, created_at, updated_at, changed_by_installation)
           VALUES ('x', 'nineteen', 'a', 'a', 'i')`,
        )
        .run(),
    ).toThrow(/cannot store TEXT value in INTEGER column/);
    db.close();
  });

  test('runs with WAL, synchronous FULL, foreign keys and a busy timeout', () => {
    const { db } = openDatabase(tempDbPath());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
    db.close();
  });

  test('enforces foreign keys', () => {
    const { db } = openDatabase(tempDbPath());
    expect(() =>
      db
        .prepare(
          `INSERT INTO unit_versions(id, unit_id, valid_from, name, name_folded, sort_key, kind,
             created_at, updated_at, changed_by_installation)
           VALUES ('v', 'no-such-unit', 2020, 'A', 'a', 'a', 'base_cell', 'a', 'a', 'i')`,
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
    db.close();
  });

  test('reopening a file at the latest version changes nothing and takes no backup', () => {
    const b = makeBackend();
    b.call('units.create', { name: 'Chi bộ Thôn Pác Cáp', kind: 'base_cell', fromYear: 2015 });
    const before = b.snapshot();
    b.close();
    const again = makeBackend({ dbPath: b.dbPath, operator: null });
    expect(again.ctx.backupPath).toBeNull();
    expect(again.snapshot()).toBe(before);
  });
});

describe('a file another program is writing', () => {
  test('opens for reading while that program holds the write lock', () => {
    const path = tempDbPath();
    makeBackend({ dbPath: path }).close();
    const other = new Database(path);
    other.exec('BEGIN IMMEDIATE');
    try {
      // Before: the open asked for a write lock even with nothing to migrate, and failed with
      // SQLite's own "database is locked" after the busy timeout.
      const { db } = openDatabase(path, { busyTimeoutMs: 200 });
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
      db.close();
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
  });
});

describe('migrating a version 1 file', () => {
  const UNIT_ID = '6f1c1f7e-3c1a-4c58-9a53-1f0a8c4b2d01';
  const names = [
    ['0b8f1c2a-1111-4a1b-9c1d-000000000001', 'Đảng bộ xã Đồng Ý', 'ĐY-01'],
    ['0b8f1c2a-1111-4a1b-9c1d-000000000002', 'Đảng bộ xã Hoà Sơn', null],
  ] as const;

  /** Builds a file as version 1 of the app left it, with a unit in it. */
  function makeV1File(): string {
    const path = tempDbPath();
    const { db, backupPath } = openDatabase(path, { migrateTo: 1 });
    expect(backupPath).toBeNull();
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    const now = '2024-01-01T00:00:00.000Z';
    db.prepare(
      `INSERT INTO units(id, founded_year, created_at, updated_at, changed_by_installation)
       VALUES (?, 2010, ?, ?, 'inst-1')`,
    ).run(UNIT_ID, now, now);
    const insertVersion = db.prepare(
      `INSERT INTO unit_versions(id, unit_id, valid_from, valid_to, name, name_folded, code, code_folded,
         kind, sector, parent_id, created_at, updated_at, changed_by_installation)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'base_committee', 'commune', NULL, ?, ?, 'inst-1')`,
    );
    insertVersion.run(
      names[0][0],
      UNIT_ID,
      2010,
      2019,
      names[0][1],
      foldForSearch(names[0][1]),
      names[0][2],
      foldForSearch(names[0][2]),
      now,
      now,
    );
    insertVersion.run(
      names[1][0],
      UNIT_ID,
      2020,
      null,
      names[1][1],
      foldForSearch(names[1][1]),
      null,
      null,
      now,
      now,
    );
    db.close();
    return path;
  }

  test('a version 1 file has no search index yet', () => {
    const path = makeV1File();
    const db = new Database(path, { readonly: true });
    const search = db.prepare("SELECT name FROM sqlite_schema WHERE name = 'unit_search'").get();
    db.close();
    expect(search).toBeUndefined();
  });

  test('reaches the latest version and takes a readable backup of version 1 first', () => {
    const path = makeV1File();
    const before = sha256(path);
    const { db, backupPath } = openDatabase(path);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    db.close();

    expect(backupPath).not.toBeNull();
    expect(existsSync(backupPath!)).toBe(true);
    expect(dirname(backupPath!)).toBe(join(dirname(path), 'backups'));
    expect(backupPath!).toMatch(/^.*\/tccsd\.\d{4}-\d{2}-\d{2}_\d{6}-\d{3}\.migration\.sqlite3$/);
    const backup = new Database(backupPath!, { readonly: true, fileMustExist: true });
    try {
      expect(backup.pragma('user_version', { simple: true })).toBe(1);
      expect(backup.pragma('integrity_check', { simple: true })).toBe('ok');
      const rows = backup.prepare('SELECT name FROM unit_versions ORDER BY valid_from').all();
      expect(rows).toEqual([{ name: names[0][1] }, { name: names[1][1] }]);
      const search = backup.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'unit_search'").get();
      expect(search).toBeUndefined();
    } finally {
      backup.close();
    }
    // The backup is a copy: the original has moved on.
    expect(sha256(path)).not.toBe(before);
  });

  test('honours a chosen backup folder', () => {
    const path = makeV1File();
    const backupDir = join(dirname(path), 'elsewhere');
    const { db, backupPath } = openDatabase(path, { backupDir });
    db.close();
    expect(dirname(backupPath!)).toBe(backupDir);
    // The backup and its facts (backup/facts.ts), nothing else.
    const name = basename(backupPath!);
    expect(readdirSync(backupDir).sort()).toEqual([name, `${name}.json`]);
  });

  test('keeps the old rows and makes them findable by search', () => {
    const path = makeV1File();
    const b = makeBackend({ dbPath: path });
    expect(b.ctx.backupPath).not.toBeNull();
    checkSearchIndex(b.ctx.db);

    const in2015 = b.call('units.list', { year: 2015, search: 'dong y' });
    expect(in2015.rows.map((r) => [r.id, r.name, r.code])).toEqual([
      [UNIT_ID, 'Đảng bộ xã Đồng Ý', 'ĐY-01'],
    ]);
    expect(b.call('units.list', { year: 2015, search: 'dy 01' }).rows).toHaveLength(1);
    expect(b.call('units.list', { year: 2021, search: 'hòa sơn' }).rows[0]?.id).toBe(UNIT_ID);
    // The search is still temporal after migrating: the old name is not found in 2021.
    expect(b.call('units.list', { year: 2021, search: 'dong y' }).rows).toEqual([]);

    const detail = b.call('units.get', { id: UNIT_ID });
    expect(detail.versions.map((v) => [v.validFrom, v.validTo, v.name])).toEqual([
      [2010, 2019, 'Đảng bộ xã Đồng Ý'],
      [2020, null, 'Đảng bộ xã Hoà Sơn'],
    ]);
  });

  test('keeps the search index in step with writes made after migrating', () => {
    const b = makeBackend({ dbPath: makeV1File() });
    b.call('units.rename', { id: UNIT_ID, year: 2023, name: 'Đảng bộ xã Tân Thành' });
    checkSearchIndex(b.ctx.db);
    expect(b.call('units.list', { year: 2023, search: 'tan thanh' }).rows).toHaveLength(1);
    expect(b.call('units.list', { year: 2022, search: 'hoa son' }).rows).toHaveLength(1);
    expect(b.call('units.list', { year: 2023, search: 'hoa son' }).rows).toHaveLength(0);
  });
});

describe('migrating a version 3 file (before unknown founding years)', () => {
  const UNIT_ID = '6f1c1f7e-3c1a-4c58-9a53-1f0a8c4b2d03';

  /** A file as version 3 left it: a unit founded in 2026 only because no year was given. */
  function makeV3File(): string {
    const path = tempDbPath();
    const { db } = openDatabase(path, { migrateTo: 3 });
    const now = '2026-01-05T00:00:00.000Z';
    db.prepare(
      `INSERT INTO units(id, founded_year, created_at, updated_at, changed_by_installation)
       VALUES (?, 2026, ?, ?, 'inst-1')`,
    ).run(UNIT_ID, now, now);
    db.prepare(
      `INSERT INTO unit_versions(id, unit_id, valid_from, name, name_folded, kind,
         created_at, updated_at, changed_by_installation)
       VALUES ('0b8f1c2a-3333-4a1b-9c1d-000000000001', ?, 2026, 'Đảng bộ xã Đồng Ý', 'dang bo xa dong y',
         'base_committee', ?, ?, 'inst-1')`,
    ).run(UNIT_ID, now, now);
    db.close();
    return path;
  }

  test('keeps every unit at the year it was given, marked as a known year', () => {
    const path = makeV3File();
    const b = makeBackend({ dbPath: path });
    expect(b.ctx.db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(b.ctx.db.prepare('SELECT founded_year, founded_unknown FROM units').all()).toEqual([
      { founded_year: 2026, founded_unknown: 0 },
    ]);
    expect(b.call('units.get', { id: UNIT_ID }).foundedYear).toBe(2026);
  });

  test('an old unit can then be corrected to "có từ trước" and rated for 2016', () => {
    const b = makeBackend({ dbPath: makeV3File() });
    const unit = b.call('units.get', { id: UNIT_ID });
    b.call('units.correct', { id: UNIT_ID, versionId: unit.current.versionId, foundedYear: null });
    const rating = b.call('ratings.set', { unitId: UNIT_ID, year: 2016, levelCode: 'YK' });
    expect(rating.year).toBe(2016);
  });

  test('the flag accepts only 0 and 1', () => {
    const b = makeBackend({ dbPath: makeV3File() });
    expect(() =>
      b.ctx.db.prepare('UPDATE units SET founded_unknown = 2 WHERE id = ?').run(UNIT_ID),
    ).toThrow(/CHECK constraint/);
  });
});

describe('a migration that fails', () => {
  test('is rolled back whole: the file stays at its old version with its rows', () => {
    const path = tempDbPath();
    const v1 = openDatabase(path, { migrateTo: 1 }).db;
    // A trigger already named like the last one migration 2 creates makes its final step fail,
    // after the index and the first triggers were made.
    v1.exec(`CREATE TRIGGER unit_versions_search_update AFTER UPDATE ON meta BEGIN SELECT 1; END;
      INSERT INTO meta VALUES ('probe', 'kept');`);
    v1.close();
    expect(() => openDatabase(path)).toThrow(/unit_versions_search_update/);
    const db = new Database(path, { readonly: true });
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(1);
      expect(db.prepare("SELECT value FROM meta WHERE key = 'probe'").get()).toEqual({
        value: 'kept',
      });
      const objects = db
        .prepare(
          "SELECT type, name FROM sqlite_schema WHERE name LIKE 'unit_search%' OR type = 'trigger'",
        )
        .all();
      expect(objects).toEqual([{ type: 'trigger', name: 'unit_versions_search_update' }]);
    } finally {
      db.close();
    }
  });
});

describe('files the app refuses', () => {
  test('a text file is NOT_A_DATABASE, with a Vietnamese message, and is left unchanged', () => {
    const path = tempDbPath('notes.sqlite3');
    writeFileSync(path, 'Danh sách tổ chức cơ sở đảng năm 2024\n'.repeat(50), 'utf8');
    const before = sha256(path);
    const error = thrownBy(() => openDatabase(path));
    expect(error.code).toBe('NOT_A_DATABASE');
    expect(error.message).toMatch(VIETNAMESE_LETTER);
    expect(error.message).toContain('notes.sqlite3');
    expect(sha256(path)).toBe(before);
    expect(readdirSync(dirname(path))).toEqual(['notes.sqlite3']);
  });

  test('a short binary file is NOT_A_DATABASE and is left unchanged', () => {
    const path = tempDbPath();
    writeFileSync(path, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 1, 2, 3]));
    const before = sha256(path);
    expect(thrownBy(() => openDatabase(path)).code).toBe('NOT_A_DATABASE');
    expect(sha256(path)).toBe(before);
  });

  test('openBackend refuses a foreign file the same way', () => {
    const path = tempDbPath();
    writeFileSync(path, 'x'.repeat(4096));
    const before = sha256(path);
    expect(thrownBy(() => openBackend({ dbPath: path, origin: 'app' })).code).toBe(
      'NOT_A_DATABASE',
    );
    expect(sha256(path)).toBe(before);
  });

  test('a file from a newer app is NEWER_DATABASE and is left unchanged', () => {
    const path = tempDbPath();
    const seeded = makeBackend({ dbPath: path });
    seeded.call('units.create', { name: 'Chi bộ Thôn Nà Rang', kind: 'base_cell', fromYear: 2020 });
    seeded.close();
    const raw = new Database(path);
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    raw.close();
    const before = sha256(path);
    const filesBefore = readdirSync(dirname(path)).sort();

    const error = thrownBy(() => openDatabase(path));
    expect(error.code).toBe('NEWER_DATABASE');
    expect(error.message).toMatch(VIETNAMESE_LETTER);
    expect(error.message).toContain(String(LATEST_SCHEMA_VERSION + 5));
    expect(sha256(path)).toBe(before);
    expect(readdirSync(dirname(path)).sort()).toEqual(filesBefore);
    expect(thrownBy(() => openBackend({ dbPath: path, origin: 'app' })).code).toBe(
      'NEWER_DATABASE',
    );
    expect(sha256(path)).toBe(before);

    const check = new Database(path, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION + 5);
    check.close();
  });

  test('an empty file is treated as a new data file', () => {
    const path = tempDbPath();
    writeFileSync(path, '');
    const { db } = openDatabase(path);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    db.close();
  });
});

describe('files of other programs', () => {
  /** A SQLite file another program made: its own tables, maybe its own ids. */
  function foreignFile(setup: (db: Database.Database) => void): string {
    const path = tempDbPath('khac.sqlite3');
    const db = new Database(path);
    setup(db);
    db.close();
    return path;
  }

  test.each([
    [
      'tables of its own and no ids',
      (db: Database.Database) =>
        db.exec('CREATE TABLE contacts(name TEXT); INSERT INTO contacts VALUES (1)'),
    ],
    [
      'another application id',
      (db: Database.Database) => {
        db.pragma('application_id = 1179603780');
        db.exec('CREATE TABLE notes(x)');
      },
    ],
    [
      'a schema version but none of our tables',
      (db: Database.Database) => {
        db.exec('CREATE TABLE meta(key TEXT, value TEXT)');
        db.pragma('user_version = 3');
      },
    ],
  ])('a SQLite file with %s is refused and left byte-identical', (_name, setup) => {
    const path = foreignFile(setup);
    const before = sha256(path);
    const filesBefore = readdirSync(dirname(path)).sort();
    const error = thrownBy(() => openBackend({ dbPath: path, origin: 'app' }));
    expect(error.code).toBe('NOT_A_DATABASE');
    expect(error.message).toContain('khac.sqlite3');
    expect(error.message).toMatch(VIETNAMESE_LETTER);
    expect(sha256(path)).toBe(before);
    expect(readdirSync(dirname(path)).sort()).toEqual(filesBefore);
  });

  test('the app marks its own files, new ones and those made before the mark existed', () => {
    const path = tempDbPath();
    const fresh = makeBackend({ dbPath: path });
    fresh.call('units.create', { name: 'Chi bộ Thôn Nà Rang', kind: 'base_cell', fromYear: 2020 });
    expect(fresh.ctx.db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    fresh.close();
    // A file from before application_id existed: ours by its tables, marked on opening.
    const raw = new Database(path);
    raw.pragma('application_id = 0');
    raw.close();
    const reopened = makeBackend({ dbPath: path, operator: null });
    expect(reopened.ctx.db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(reopened.call('units.list', { year: 2021 }).rows.map((r) => r.name)).toEqual([
      'Chi bộ Thôn Nà Rang',
    ]);
  });
});

describe('the list of migrations', () => {
  test('runs 1, 2, 3 … without gaps, and each file is named by its number', () => {
    expect(() => assertMigrationSequence(MIGRATIONS)).not.toThrow();
    const files = readdirSync(join(import.meta.dirname, '../../electron/backend/db/migrations'))
      .filter((f) => /^\d{4}-/.test(f))
      .sort();
    expect(files.map((f) => Number(f.slice(0, 4)))).toEqual(MIGRATIONS.map((m) => m.version));
    expect(files.map((f) => f.replace(/^\d{4}-|\.ts$/g, ''))).toEqual(
      MIGRATIONS.map((m) => m.name),
    );
  });

  test('a gap or a repeat is refused before any file is touched', () => {
    expect(() => assertMigrationSequence([{ version: 1 }, { version: 3 }])).toThrow(/1\.\.n/);
    expect(() => assertMigrationSequence([{ version: 1 }, { version: 1 }])).toThrow(/1\.\.n/);
    expect(() => assertMigrationSequence([{ version: 2 }])).toThrow();
  });
});
