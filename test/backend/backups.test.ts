// Backups (issue 11 item 1): SQLite's online backup into backups/ beside the data file, made on
// the day's first write and before imports, pruned by the retention rule, listed with the facts
// read from the backup, and restored only after a check and a backup of the data as it is.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  statSync,
  writeFileSync,
  writeSync,
  closeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BackupInfo } from '../../shared/contract';
import type { Clock } from '../../electron/backend/context';
import { enableAutoBackup } from '../../electron/backend/backup/index';
import { dispatch } from '../../electron/backend/dispatch';
import { backupsToPrune } from '../../electron/backend/backup/retention';
import { backupFileName, parseBackupName } from '../../electron/backend/backup/names';
import { LATEST_SCHEMA_VERSION } from '../../electron/backend/db/migrations';
import { openDatabase } from '../../electron/backend/db/open';
import { APP_VERSION } from '../../electron/backend/version';
import type { TestBackend } from '../helpers/backend';
import {
  DISTRICTS,
  exportFile,
  makeLowerSite,
  makeProvince,
  previewFiles,
  recordSiteWork,
} from '../helpers/exchange-sites';
import {
  VIETNAMESE_LETTER,
  addUnit,
  cleanupTemp,
  errorOf,
  makeBackend,
  makeTempDir,
  snapshotDb,
} from '../helpers/backend';

afterEach(cleanupTemp);

/** A clock the test moves: local time, as the backup names are written. */
function movableClock(start: Date): Clock & { set(at: Date): void } {
  let now = start;
  return {
    now: () => new Date(now),
    set(at) {
      now = at;
    },
  };
}

/** A SHA-256 of every table's rows (as the snapshot orders them): "everything back". */
function tableHashes(snapshot: string): Record<string, string> {
  const tables = JSON.parse(snapshot) as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(tables).map(([name, rows]) => [
      name,
      createHash('sha256').update(JSON.stringify(rows)).digest('hex'),
    ]),
  );
}

function backupsFolder(b: TestBackend): string {
  return join(dirname(b.dbPath), 'backups');
}

/** Our backups in the folder, oldest first (names sort by time). */
function backupNames(b: TestBackend): string[] {
  const dir = backupsFolder(b);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((n) => parseBackupName(b.dbPath, n) !== null)
    .sort();
}

/** A register of `count` communes with a rating each: enough pages to damage some safely. */
function seed(b: TestBackend, count = 200): void {
  const parent = addUnit(b, 'Huyện ủy Bắc Sơn', 2008, { kind: 'upper_committee' });
  for (let i = 0; i < count; i += 1) {
    const unit = addUnit(b, `Đảng bộ xã Thử Nghiệm ${i}`, 2008, {
      kind: 'base_committee',
      parentId: parent.id,
      code: `BS${String(i).padStart(3, '0')}`,
    });
    b.call('ratings.set', { unitId: unit.id, year: 2017, levelCode: i % 3 ? 'HTTNV' : 'TSVM' });
  }
}

/** Overwrites pages of the file (from the given page on) with garbage, as a failing disk would. */
function damage(path: string, firstPage: number, pages: number): void {
  const fd = openSync(path, 'r+');
  try {
    const garbage = Buffer.alloc(4096 * pages, 0xa5);
    writeSync(fd, garbage, 0, garbage.length, 4096 * firstPage);
  } finally {
    closeSync(fd);
  }
}

function quickCheckOf(path: string): string {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return String(db.pragma('quick_check', { simple: true }));
  } catch (error) {
    return String(error);
  } finally {
    db.close();
  }
}

describe('the restore drill', () => {
  it('write, back up, damage the data file, restore: every table back as it was', async () => {
    const clock = movableClock(new Date(2026, 10, 30, 9, 0, 0));
    const b = makeBackend({ clock });
    seed(b);
    const saved = b.snapshot();
    const backup = await b.callAsync('backups.create', {});
    expect(backup).toMatchObject({
      kind: 'manual',
      createdAt: '2026-11-30T09:00:00.000',
      units: 201,
      ratings: 200,
      appVersion: APP_VERSION,
      schemaVersion: LATEST_SCHEMA_VERSION,
    });
    expect(backup.size).toBe(statSync(join(backupsFolder(b), backup.name)).size);

    // Later work, then the disk damages the file.
    clock.set(new Date(2026, 10, 30, 10, 0, 0));
    addUnit(b, 'Chi bộ Thôn Mới', 2020);
    b.close();
    const pages = statSync(b.dbPath).size / 4096;
    damage(b.dbPath, Math.floor(pages / 2), 8);
    expect(quickCheckOf(b.dbPath)).not.toBe('ok');

    const again = makeBackend({ dbPath: b.dbPath, clock, operator: null });
    const restored = await again.callAsync('backups.restore', { name: backup.name });
    expect(restored).toMatchObject({ restored: backup.name, units: 201, ratings: 200 });
    expect(restored.before.kind).toBe('restore');
    expect(tableHashes(again.snapshot())).toEqual(tableHashes(saved));
    expect(quickCheckOf(b.dbPath)).toBe('ok');
    // The damaged data was kept as a backup before it was replaced.
    expect(existsSync(join(backupsFolder(b), restored.before.name))).toBe(true);
    // And the restored file is still the app's: writes go on.
    addUnit(again, 'Chi bộ Thôn Mới', 2020);
  });

  it('a second window on the same file reads the restored data at once', async () => {
    const b = makeBackend();
    seed(b, 5);
    const saved = b.snapshot();
    const backup = await b.callAsync('backups.create', {});
    const other = makeBackend({ dbPath: b.dbPath, operator: null });
    addUnit(other, 'Chi bộ Thôn Mới', 2020);
    await b.callAsync('backups.restore', { name: backup.name });
    expect(other.snapshot()).toBe(saved);
    expect(b.snapshot()).toBe(saved);
  });

  it('restores a backup made by an older app, brought up to this schema on a copy', async () => {
    const b = makeBackend();
    seed(b, 3);
    // A data file of the previous schema version, with its installation and operator.
    const older = join(makeTempDir(), 'older.sqlite3');
    const { db } = openDatabase(older, { migrateTo: LATEST_SCHEMA_VERSION - 1 });
    db.prepare("INSERT INTO meta(key, value) VALUES ('installation_id', 'cai-dat-cu')").run();
    db.close();
    const restored = await b.callAsync('backups.restore', {
      file: b.ctx.files.register(older).handle,
      // Another installation's file, restored knowingly (backups-installation.test.ts).
      fromOtherInstallation: true,
    });
    expect(restored).toMatchObject({ restored: 'older.sqlite3', units: 0, ratings: 0 });
    expect(b.ctx.db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(
      b.ctx.db.prepare("SELECT value FROM meta WHERE key = 'installation_id'").pluck().get(),
    ).toBe('cai-dat-cu');
    // The chosen file itself is left as it was.
    const check = new Database(older, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION - 1);
    check.close();
  });
});

describe('backups are copies made by SQLite, never of the file alone', () => {
  it('a backup holds what the WAL holds and the main file does not yet', async () => {
    const b = makeBackend();
    b.ctx.db.pragma('wal_autocheckpoint = 0');
    b.ctx.db.pragma('wal_checkpoint(TRUNCATE)');
    seed(b, 40);
    expect(statSync(`${b.dbPath}-wal`).size).toBeGreaterThan(0);
    // The main file alone lacks those pages: a raw copy of it would lose them.
    const raw = join(makeTempDir(), 'raw.sqlite3');
    copyFileSync(b.dbPath, raw);
    const rawDb = new Database(raw, { readonly: true });
    expect(rawDb.prepare('SELECT count(*) FROM units').pluck().get()).toBe(0);
    rawDb.close();

    const backup = await b.callAsync('backups.create', {});
    expect(backup).toMatchObject({ units: 41, ratings: 40 });
    const path = join(backupsFolder(b), backup.name);
    // One self-contained file: no WAL beside it, and it reads the same as the live data.
    expect(existsSync(`${path}-wal`)).toBe(false);
    const copy = new Database(path, { readonly: true });
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(snapshotDb(copy)).toBe(b.snapshot());
    copy.close();
  });

  it('reports its progress as events of the backup job', async () => {
    const events: { job: string; done: number; total: number }[] = [];
    const b = makeBackend({
      emit: (event, payload) => {
        if (event === 'progress')
          events.push(payload as { job: string; done: number; total: number });
      },
    });
    seed(b, 30);
    await b.callAsync('backups.create', {});
    const last = events.at(-1);
    expect(events.every((e) => e.job === 'backup')).toBe(true);
    expect(last && last.done === last.total && last.total > 0).toBe(true);
  });

  it('writes under a temporary name: a folder that cannot be made refuses with the cause', async () => {
    const b = makeBackend();
    seed(b, 2);
    writeFileSync(backupsFolder(b), 'không phải thư mục');
    const before = b.snapshot();
    const error = errorOf(await b.attemptAsync('backups.create', {}));
    expect(error.code).toBe('WRITE_FAILED');
    expect(error.message).toContain('một tệp đang chiếm chỗ của thư mục');
    expect(b.snapshot()).toBe(before);
  });
});

describe('when backups are made', () => {
  it('on the first write of each day, once, and not before reads', async () => {
    const clock = movableClock(new Date(2026, 10, 30, 8, 0, 0));
    const b = makeBackend({ clock });
    addUnit(b, 'Đảng bộ Xã Một', 2008);
    enableAutoBackup(b.ctx);
    await b.callAsync('units.list', { year: 2020 });
    expect(backupNames(b)).toEqual([]);
    const first = await b.callAsync('units.create', {
      name: 'Chi bộ Thôn Một',
      kind: 'base_cell',
      fromYear: 2008,
    });
    expect(backupNames(b)).toEqual(['tccsd.2026-11-30_080000-000.daily.sqlite3']);
    // The daily backup is the data as the day found it: without the day's first write.
    const copy = new Database(join(backupsFolder(b), backupNames(b)[0] ?? ''), { readonly: true });
    expect(copy.prepare('SELECT count(*) FROM units WHERE id = ?').pluck().get(first.id)).toBe(0);
    copy.close();
    clock.set(new Date(2026, 10, 30, 17, 0, 0));
    addUnit(b, 'Chi bộ Thôn Hai', 2008);
    expect(backupNames(b)).toHaveLength(1);
    clock.set(new Date(2026, 11, 1, 7, 30, 0));
    await b.callAsync('units.create', {
      name: 'Chi bộ Thôn Ba',
      kind: 'base_cell',
      fromYear: 2008,
    });
    expect(backupNames(b)).toEqual([
      'tccsd.2026-11-30_080000-000.daily.sqlite3',
      'tccsd.2026-12-01_073000-000.daily.sqlite3',
    ]);
  });

  it('not on the first write of a file holding no unit and no rating (the setup), but on the next', async () => {
    const clock = movableClock(new Date(2026, 10, 30, 8, 0, 0));
    const b = makeBackend({ clock, operator: null });
    enableAutoBackup(b.ctx);
    await b.callAsync('settings.setOperator', { operatorName: 'Nguyễn Thị Hương' });
    await b.callAsync('setup.complete', {
      operatorName: 'Nguyễn Thị Hương',
      ownUnit: { mode: 'new', name: 'Đảng bộ Xã Tân Lập', kind: 'base_committee' },
    });
    expect(backupNames(b)).toEqual([]);
    // The first write that finds something in the file backs it up, that same day.
    clock.set(new Date(2026, 10, 30, 9, 0, 0));
    await b.callAsync('units.create', {
      name: 'Chi bộ Thôn Một',
      kind: 'base_cell',
      fromYear: 2008,
    });
    expect(backupNames(b)).toEqual(['tccsd.2026-11-30_090000-000.daily.sqlite3']);
    expect(b.call('backups.list', {}).backups[0]).toMatchObject({ units: 1, ratings: 0 });
  });

  it('"Sao lưu ngay" still copies a file holding nothing', async () => {
    const b = makeBackend({ operator: null });
    enableAutoBackup(b.ctx);
    const made = await b.callAsync('backups.create', {});
    expect(made).toMatchObject({ kind: 'manual', units: 0, ratings: 0 });
    expect(backupNames(b)).toEqual([made.name]);
  });

  it("a write that waited for the day's backup is still announced when another ran meanwhile", async () => {
    const changed: string[][] = [];
    const b = makeBackend({
      emit: (event, payload) => {
        if (event === 'data.changed') changed.push((payload as { ids: string[] }).ids);
      },
    });
    addUnit(b, 'Đảng bộ Xã Một', 2008);
    enableAutoBackup(b.ctx);
    changed.length = 0;
    const input = { kind: 'base_cell' as const, fromYear: 2008 };
    // The first write waits for the daily backup; the second runs at once, in the meantime.
    const first = dispatch(b.ctx, 'units.create', { name: 'Chi bộ Thôn Một', ...input });
    const second = await dispatch(b.ctx, 'units.create', { name: 'Chi bộ Thôn Hai', ...input });
    const done = await first;
    if (!done.ok || !second.ok) throw new Error('both writes should succeed');
    const firstId = (done.value as { id: string }).id;
    const secondId = (second.value as { id: string }).id;
    expect(changed).toEqual([
      expect.arrayContaining([secondId]),
      expect.arrayContaining([firstId]),
    ]);
  });

  it('before the sample load, every time, with the data as it was', async () => {
    const b = makeBackend({ operator: null });
    enableAutoBackup(b.ctx);
    await b.callAsync('sample.load', { operatorName: 'Nguyễn Thị Hương' });
    const names = backupNames(b);
    expect(names).toHaveLength(1);
    expect(names[0]).toMatch(/\.sample\.sqlite3$/);
    const list = b.call('backups.list', {});
    expect(list.backups[0]).toMatchObject({ kind: 'sample', units: 0, ratings: 0 });
  });

  it('before an exchange apply, holding the data exactly as the apply found it', async () => {
    const province = makeProvince();
    const master = await exportFile(province.backend);
    const site = await makeLowerSite(master.path, DISTRICTS[0]!);
    recordSiteWork(site);
    const up = await exportFile(site.backend);
    const b = province.backend;
    enableAutoBackup(b.ctx);
    const preview = await previewFiles(b, [up.path]);
    const before = b.snapshot();
    await b.callAsync('exchange.apply', { planId: preview.planId });
    expect(b.snapshot()).not.toBe(before);
    const [name, ...others] = backupNames(b);
    expect(others).toEqual([]);
    expect(name).toMatch(/\.exchange\.sqlite3$/);
    const copy = new Database(join(backupsFolder(b), name ?? ''), { readonly: true });
    expect(snapshotDb(copy)).toBe(before);
    copy.close();
  });

  it('before an import: a backup that cannot be written refuses it and changes nothing', async () => {
    const b = makeBackend({ operator: null });
    enableAutoBackup(b.ctx);
    writeFileSync(backupsFolder(b), 'không phải thư mục');
    const before = b.snapshot();
    const error = errorOf(
      await b.attemptAsync('sample.load', { operatorName: 'Nguyễn Thị Hương' }),
    );
    expect(error.code).toBe('WRITE_FAILED');
    expect(error.message).toMatch(
      /^Chưa thực hiện vì không sao lưu được dữ liệu trước \(dữ liệu không bị thay đổi\)\. Không ghi được tệp/,
    );
    expect(b.snapshot()).toBe(before);
  });

  it('not at all in a backend that did not ask for them (tests, the bench)', () => {
    const b = makeBackend();
    seed(b, 2);
    expect(existsSync(backupsFolder(b))).toBe(false);
  });
});

describe('retention: the last 10 days, one a month for a year, only our own files', () => {
  const name = (at: Date, kind: 'daily' | 'import' = 'daily') =>
    backupFileName('/data/tccsd.sqlite3', at, kind);
  const parsed = (names: string[]) =>
    names.flatMap((n) => parseBackupName('/data/tccsd.sqlite3', n) ?? []);

  it('keeps the newest of each of the last 10 days, every backup of today, the newest of 12 months', () => {
    const now = new Date(2026, 10, 30, 12, 0, 0);
    const names: string[] = [];
    // One backup a day at 09:00 and one at 15:00 for 500 days, and three of today.
    for (let d = 1; d <= 500; d += 1) {
      names.push(name(new Date(2026, 10, 30 - d, 9, 0, 0)));
      names.push(name(new Date(2026, 10, 30 - d, 15, 0, 0), 'import'));
    }
    for (const h of [8, 9, 10]) names.push(name(new Date(2026, 10, 30, h, 0, 0)));
    const gone = new Set(backupsToPrune(parsed(names), now).map((b) => b.name));
    const kept = names.filter((n) => !gone.has(n)).sort();
    const expected = [
      // Today's three; the 15:00 backup of each of the 9 days before (10 days with today).
      ...[8, 9, 10].map((h) => name(new Date(2026, 10, 30, h, 0, 0))),
      ...Array.from({ length: 9 }, (_, i) => name(new Date(2026, 10, 29 - i, 15, 0, 0), 'import')),
      // The newest of each earlier month back to December 2025 (November 2026 is covered above).
      ...Array.from({ length: 11 }, (_, i) => {
        const last = new Date(2026, 10 - i, 0); // the last day of the month before
        return name(
          new Date(last.getFullYear(), last.getMonth(), last.getDate(), 15, 0, 0),
          'import',
        );
      }),
    ].sort();
    expect(kept).toEqual(expected);
  });

  it('prunes after each backup on a moving clock, and never touches a file that is not ours', async () => {
    const clock = movableClock(new Date(2025, 0, 1, 10, 0, 0));
    const b = makeBackend({ clock });
    const dir = backupsFolder(b);
    mkdirSync(dir, { recursive: true });
    const foreign = [
      'ghi-chu.txt',
      'tccsd.sqlite3.v1.2024-01-01T00-00-00-000Z.bak',
      'khac.2025-01-01_100000-000.daily.sqlite3',
      'tccsd.2024-01-01_100000-000.hangngay.sqlite3',
      'tccsd.2024-01-01_100000-000.daily.sqlite3.bak',
    ];
    for (const f of foreign) writeFileSync(join(dir, f), 'của người dùng');
    // A backup every fifth day for 400 days.
    for (let d = 0; d < 400; d += 5) {
      clock.set(new Date(2025, 0, 1 + d, 10, 0, 0));
      await b.callAsync('backups.create', {});
    }
    const now = clock.now();
    const ours = backupNames(b);
    const days = ours.map((n) => parseBackupName(b.dbPath, n)?.day ?? '');
    // 10 latest days (50 days: two months or three), plus the newest of each earlier month of
    // the twelve: 19 or 20 of the 80 made.
    expect(ours.length).toBeGreaterThanOrEqual(10 + 9);
    expect(ours.length).toBeLessThanOrEqual(10 + 10);
    const yearAgo = new Date(now.getFullYear() - 1, now.getMonth() + 1, 1);
    for (const day of days)
      expect(new Date(`${day}T00:00:00`).getTime()).toBeGreaterThanOrEqual(yearAgo.getTime());
    // Each kept backup has its facts file, and no facts file is left without its backup.
    const files = readdirSync(dir);
    for (const n of ours) expect(files).toContain(`${n}.json`);
    expect(files.filter((f) => f.endsWith('.json'))).toHaveLength(ours.length);
    for (const f of foreign) expect(files).toContain(f);
  });
});

describe('a restore refused: the data unchanged, the reason in Vietnamese', () => {
  async function withBackup() {
    const b = makeBackend();
    seed(b, 20);
    const backup: BackupInfo = await b.callAsync('backups.create', {});
    addUnit(b, 'Chi bộ Thôn Mới', 2020);
    return { b, backup, path: join(backupsFolder(b), backup.name), before: b.snapshot() };
  }

  it('a damaged backup', async () => {
    const { b, backup, path, before } = await withBackup();
    damage(path, Math.floor(statSync(path).size / 4096 / 2), 4);
    const error = errorOf(await b.attemptAsync('backups.restore', { name: backup.name }));
    expect(error.code).toBe('BAD_FILE');
    expect(error.message).toBe(
      `Bản sao lưu "${backup.name}" bị hỏng (SQLite kiểm tra thấy lỗi), nên không khôi phục được. ` +
        'Hãy chọn một bản sao lưu khác. Dữ liệu đang dùng không bị thay đổi.',
    );
    expect(b.snapshot()).toBe(before);
    // Refused before anything: no backup of the current data was needed.
    expect(backupNames(b)).toEqual([backup.name]);
  });

  it("another program's SQLite file, and a file that is not SQLite at all", async () => {
    const { b, before } = await withBackup();
    const dir = makeTempDir();
    const other = join(dir, 'so-lieu.sqlite3');
    const db = new Database(other);
    db.exec('CREATE TABLE meta(key TEXT, value TEXT); CREATE TABLE notes(text TEXT)');
    db.close();
    const text = join(dir, 'ghi-chu.sqlite3');
    writeFileSync(text, 'đây không phải là tệp dữ liệu'.repeat(100));
    for (const [path, shown] of [
      [other, 'so-lieu.sqlite3'],
      [text, 'ghi-chu.sqlite3'],
    ] as const) {
      const error = errorOf(
        await b.attemptAsync('backups.restore', { file: b.ctx.files.register(path).handle }),
      );
      expect(error.code).toBe('NOT_A_DATABASE');
      expect(error.message).toBe(
        `Tệp "${shown}" không phải là bản sao lưu tệp dữ liệu của ứng dụng này, nên không khôi ` +
          'phục được. Hãy chọn đúng tệp sao lưu (trong thư mục backups). Dữ liệu đang dùng không bị thay đổi.',
      );
      expect(b.snapshot()).toBe(before);
    }
  });

  it('a backup from a newer app', async () => {
    const { b, path, before } = await withBackup();
    const newer = join(makeTempDir(), 'moi-hon.sqlite3');
    copyFileSync(path, newer);
    const db = new Database(newer);
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    db.close();
    const error = errorOf(
      await b.attemptAsync('backups.restore', { file: b.ctx.files.register(newer).handle }),
    );
    expect(error.code).toBe('NEWER_DATABASE');
    expect(error.message).toContain(
      `Bản sao lưu "moi-hon.sqlite3" được tạo bởi phiên bản mới hơn của ứng dụng (cấu trúc dữ liệu số ${LATEST_SCHEMA_VERSION + 1}`,
    );
    expect(error.message).toContain('Dữ liệu đang dùng không bị thay đổi.');
    expect(b.snapshot()).toBe(before);
  });

  it('another program writing the data file all along: refused after the busy timeout', async () => {
    const { b, backup, before } = await withBackup();
    const other = new Database(b.dbPath);
    other.exec('BEGIN IMMEDIATE');
    try {
      const started = performance.now();
      const error = errorOf(await b.attemptAsync('backups.restore', { name: backup.name }));
      expect(performance.now() - started).toBeGreaterThanOrEqual(5000);
      expect(error.code).toBe('WRITE_FAILED');
      expect(error.message).toBe(
        'Không khôi phục được: tệp dữ liệu đang được một chương trình khác ghi; hãy chờ rồi thử ' +
          'lại. Dữ liệu đang dùng không bị thay đổi; bản sao lưu vừa tạo trước khi khôi phục vẫn ' +
          'còn trong thư mục backups.',
      );
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect(b.snapshot()).toBe(before);
  }, 20_000);

  it('another program writing for a moment: the restore waits for it, then restores', async () => {
    const b = makeBackend();
    seed(b, 5);
    const saved = b.snapshot();
    const backup = await b.callAsync('backups.create', {});
    addUnit(b, 'Chi bộ Thôn Mới', 2020);
    const other = new Database(b.dbPath);
    other.exec('BEGIN IMMEDIATE');
    setTimeout(() => {
      other.exec('ROLLBACK');
      other.close();
    }, 300);
    await b.callAsync('backups.restore', { name: backup.name });
    expect(b.snapshot()).toBe(saved);
  });

  it('the data file itself', async () => {
    const { b, before } = await withBackup();
    const error = errorOf(
      await b.attemptAsync('backups.restore', { file: b.ctx.files.register(b.dbPath).handle }),
    );
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toBe(
      'Tệp "tccsd.sqlite3" chính là tệp dữ liệu đang dùng, không phải một bản sao lưu. Hãy chọn ' +
        'một bản sao lưu (trong thư mục backups). Dữ liệu đang dùng không bị thay đổi.',
    );
    expect(b.snapshot()).toBe(before);
  });

  it('a name not in the list, or a path instead of a name', async () => {
    const { b, before } = await withBackup();
    const missing = errorOf(
      await b.attemptAsync('backups.restore', {
        name: 'tccsd.2020-01-01_000000-000.daily.sqlite3',
      }),
    );
    expect(missing.code).toBe('FILE_NOT_FOUND');
    expect(missing.message).toMatch(VIETNAMESE_LETTER);
    const notOurs = errorOf(await b.attemptAsync('backups.restore', { name: 'ghi-chu.txt' }));
    expect(notOurs.code).toBe('NOT_FOUND');
    expect(notOurs.message).toBe(
      'Không có bản sao lưu "ghi-chu.txt" trong thư mục sao lưu. Hãy chọn lại trong danh sách.',
    );
    const path = errorOf(
      await b.attemptAsync('backups.restore', {
        name: '../tccsd.2020-01-01_000000-000.daily.sqlite3',
      }),
    );
    expect(path.code).toBe('INVALID_INPUT');
    expect(path.message).toMatch(VIETNAMESE_LETTER);
    const nothing = errorOf(await b.attemptAsync('backups.restore', {}));
    expect(nothing.code).toBe('INVALID_INPUT');
    expect(nothing.message).toBe('Hãy chọn một bản sao lưu hoặc một tệp sao lưu.');
    expect(b.snapshot()).toBe(before);
  });
});

describe('the backup before a migration', () => {
  it('is named and described like the others, so the list shows it', () => {
    const path = join(makeTempDir(), 'tccsd.sqlite3');
    const { db } = openDatabase(path, { migrateTo: LATEST_SCHEMA_VERSION - 1 });
    db.prepare("INSERT INTO meta(key, value) VALUES ('installation_id', 'cai-dat-cu')").run();
    db.close();
    const b = makeBackend({ dbPath: path, operator: null });
    expect(b.ctx.backupPath).toMatch(/\.migration\.sqlite3$/);
    const [listed, ...others] = b.call('backups.list', {}).backups;
    expect(others).toEqual([]);
    expect(listed).toMatchObject({
      kind: 'migration',
      units: 0,
      ratings: 0,
      appVersion: APP_VERSION,
      schemaVersion: LATEST_SCHEMA_VERSION - 1,
    });
    expect(readdirSync(backupsFolder(b)).filter((n) => n.endsWith('.part'))).toEqual([]);
  });

  it('prunes old backups after it, as every backup does', () => {
    const path = join(makeTempDir(), 'tccsd.sqlite3');
    const { db } = openDatabase(path, { migrateTo: LATEST_SCHEMA_VERSION - 1 });
    db.prepare("INSERT INTO meta(key, value) VALUES ('installation_id', 'cai-dat-cu')").run();
    db.close();
    const dir = join(dirname(path), 'backups');
    mkdirSync(dir);
    // Twelve days of old backups two years ago, and a file of the user's.
    const old = Array.from({ length: 12 }, (_, i) =>
      backupFileName(path, new Date(2020, 0, 1 + i, 9, 0, 0), 'daily'),
    );
    for (const name of [...old, 'ghi-chu.txt']) writeFileSync(join(dir, name), 'x');
    const b = makeBackend({ dbPath: path, operator: null });
    const left = readdirSync(dir).sort();
    // The newest of the last 10 days that have a backup are kept (the migration's own today).
    expect(left).toEqual(
      [
        ...old.slice(3),
        basename(b.ctx.backupPath ?? ''),
        `${basename(b.ctx.backupPath ?? '')}.json`,
        'ghi-chu.txt',
      ].sort(),
    );
  });
});

describe('the list', () => {
  it('shows our backups newest first with their facts, a copied-in one read from the file', async () => {
    const clock = movableClock(new Date(2026, 10, 28, 9, 0, 0));
    const b = makeBackend({ clock });
    seed(b, 3);
    const first = await b.callAsync('backups.create', {});
    clock.set(new Date(2026, 10, 29, 9, 0, 0));
    addUnit(b, 'Chi bộ Thôn Mới', 2020);
    const second = await b.callAsync('backups.create', {});
    // A backup brought from elsewhere without its facts file: read from the file itself.
    const copied = backupFileName(b.dbPath, new Date(2026, 10, 20, 9, 0, 0), 'manual');
    copyFileSync(join(backupsFolder(b), first.name), join(backupsFolder(b), copied));
    writeFileSync(join(backupsFolder(b), 'ghi-chu.txt'), 'x');
    const list = b.call('backups.list', {});
    expect(list.folder).toBe(backupsFolder(b));
    expect(list.backups.map((x) => [x.name, x.units, x.ratings, x.appVersion])).toEqual([
      [second.name, 5, 3, APP_VERSION],
      [first.name, 4, 3, APP_VERSION],
      [copied, 4, 3, null],
    ]);
    // A file put under a backup's name by hand: its facts file no longer describes it.
    const older = join(makeTempDir(), 'nho.sqlite3');
    const small = makeBackend({ dbPath: older, operator: null });
    // Compacted, so its size is not the backup's by chance (a new file keeps the pages its
    // migrations freed, migration 19's rebuilt table among them): the facts file is matched by size.
    small.ctx.db.exec('VACUUM');
    small.close();
    expect(statSync(older).size).not.toBe(statSync(join(backupsFolder(b), second.name)).size);
    copyFileSync(older, join(backupsFolder(b), second.name));
    expect(b.call('backups.list', {}).backups[0]).toMatchObject({
      name: second.name,
      units: 0,
      ratings: 0,
      appVersion: null,
    });
  });
});
