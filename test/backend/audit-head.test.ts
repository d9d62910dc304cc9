// The newest rows of the audit log removed with another SQLite tool (migration 17, audit_head):
// a hash chain alone stays whole when its end is cut off, which is exactly how someone would
// hide their own last changes. audit.verify now says the newest rows were removed, also after
// the app has written more rows since, and also when every row went; a log only written by the
// app stays whole; a file of version 16 gets its head from the log it has.
import Database from 'better-sqlite3';
import { afterEach, expect, test } from 'vitest';
import { APPEND_ONLY } from '../../electron/backend/db/migrations/0014-audit-chain';
import { MIGRATIONS } from '../../electron/backend/db/migrations';
import { openDatabase } from '../../electron/backend/db/open';
import type { TestBackend } from '../helpers/backend';
import { addUnit, cleanupTemp, makeBackend, tempDbPath } from '../helpers/backend';

afterEach(cleanupTemp);

/** An edit made with another SQLite tool: the append-only triggers dropped, `sql`, put back. */
function tamper(path: string, sql: string): void {
  const other = new Database(path);
  other.exec(
    'DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;' + sql + ';' + APPEND_ONLY,
  );
  other.close();
}

function lastSeq(b: TestBackend): number {
  return b.ctx.db.prepare('SELECT max(seq) FROM audit_log').pluck().get() as number;
}

/** A unit rated twice by Hoàng Văn Nam: the last rows are his. */
function history(): TestBackend {
  const b = makeBackend();
  const unit = addUnit(b, 'Chi bộ thôn Bản Chang', 2010);
  b.call('settings.setOperator', { operatorName: 'Hoàng Văn Nam' });
  b.call('ratings.set', { unitId: unit.id, year: 2017, levelCode: 'HTTNV' });
  b.call('ratings.set', { unitId: unit.id, year: 2017, levelCode: 'TSVM' });
  return b;
}

test('a log written only by the app is whole, its head the newest row', () => {
  const b = history();
  expect(b.call('audit.verify', {})).toMatchObject({ ok: true, rows: lastSeq(b), broken: null });
  const head = b.ctx.db.prepare('SELECT seq, hash, lost_after FROM audit_head').get();
  const newest = b.ctx.db
    .prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1')
    .get() as { seq: number; hash: string };
  expect(head).toEqual({ ...newest, lost_after: null });
});

test('the newest rows removed are found, and the newest row left named', () => {
  const b = history();
  const last = lastSeq(b);
  tamper(b.dbPath, `DELETE FROM audit_log WHERE seq >= ${last - 1}`);
  const before = b.snapshot();
  const verified = b.call('audit.verify', {});
  expect(verified.ok).toBe(false);
  expect(verified.broken).toMatchObject({ seq: last - 2, problem: 'truncated', lostUpTo: last });
  expect(verified.summary).toMatch(
    new RegExp(
      `^Nhật ký thay đổi đã bị can thiệp từ bên ngoài ứng dụng: những dòng mới nhất đã bị xóa ` +
        `\\(nhật ký từng có đến dòng số ${last}\\)\\. Dòng mới nhất hiện có: số ${last - 2}, ` +
        `ghi lúc \\d\\d/\\d\\d/\\d{4} \\d\\d:\\d\\d:\\d\\d bởi Hoàng Văn Nam\\.$`,
    ),
  );
  expect(b.snapshot()).toBe(before);
});

test('the removal is still found after the app has written more rows', () => {
  const b = history();
  const last = lastSeq(b);
  tamper(b.dbPath, `DELETE FROM audit_log WHERE seq >= ${last - 1}`);
  // The app goes on: its next rows link to the row left last, numbered from there again.
  b.call('settings.setOperator', { operatorName: 'Nguyễn Thị Hương' });
  addUnit(b, 'Chi bộ thôn Nà Phòng', 2012);
  expect(lastSeq(b)).toBeGreaterThan(last);
  const verified = b.call('audit.verify', {});
  expect(verified.ok).toBe(false);
  expect(verified.broken).toMatchObject({ problem: 'truncated', lostUpTo: last });
});

test('every row removed is found', () => {
  const b = history();
  const last = lastSeq(b);
  tamper(b.dbPath, 'DELETE FROM audit_log');
  const verified = b.call('audit.verify', {});
  expect(verified).toMatchObject({ ok: false, rows: 0 });
  expect(verified.broken).toMatchObject({ problem: 'truncated', lostUpTo: last });
  expect(verified.summary).toBe(
    'Nhật ký thay đổi đã bị can thiệp từ bên ngoài ứng dụng: những dòng mới nhất đã bị xóa ' +
      `(nhật ký từng có đến dòng số ${last}). Không còn dòng nào.`,
  );
});

test('a row edited in the middle is still named as edited, not as a cut end', () => {
  const b = history();
  tamper(b.dbPath, `UPDATE audit_log SET operator = 'Người khác' WHERE seq = 2`);
  expect(b.call('audit.verify', {}).broken).toMatchObject({ seq: 2, problem: 'changed' });
});

test('migration 17 takes the head of the log a version-16 file has', () => {
  const path = tempDbPath();
  const b = makeBackend({ dbPath: path });
  addUnit(b, 'Chi bộ thôn Bản Chang', 2010);
  const newest = b.ctx.db
    .prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1')
    .get() as { seq: number; hash: string };
  b.close();
  // Back to version 16: no head, no trigger, and nothing of the migrations after 17 either.
  const old = new Database(path);
  const later = old
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'rating_transitions_%'",
    )
    .pluck()
    .all() as string[];
  for (const trigger of later) old.exec(`DROP TRIGGER ${trigger}`);
  old.exec('DROP TABLE rating_transitions');
  old.exec('DROP TRIGGER audit_head_follows; DROP TABLE audit_head; PRAGMA user_version = 16;');
  old.close();
  const { db } = openDatabase(path);
  try {
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(db.prepare('SELECT seq, hash, lost_after FROM audit_head').get()).toEqual({
      ...newest,
      lost_after: null,
    });
  } finally {
    db.close();
  }
});

test('migration 17 on an empty log starts the head at the chain’s beginning', () => {
  const { db } = openDatabase(tempDbPath());
  try {
    expect(db.prepare('SELECT seq, hash, lost_after FROM audit_head').get()).toEqual({
      seq: 0,
      hash: '',
      lost_after: null,
    });
  } finally {
    db.close();
  }
});
