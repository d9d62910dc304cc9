// audit.verify (Cài đặt → Kiểm tra nhật ký, `tccsd audit verify`) names the broken row's unit by
// its name: it said "về xếp loại chất lượng 01a22c9a-bfd7-…", a record's id no officer can look up
// or compare with a backup. A row about no unit (a setting) still names its key.
import Database from 'better-sqlite3';
import { afterEach, expect, test } from 'vitest';
import { APPEND_ONLY } from '../../electron/backend/db/migrations/0014-audit-chain';
import type { TestBackend } from '../helpers/backend';
import { addUnit, cleanupTemp, makeBackend } from '../helpers/backend';

afterEach(cleanupTemp);

/** An edit made with another SQLite tool: the triggers dropped, one row changed, put back. */
function tamper(b: TestBackend, sql: string): void {
  const other = new Database(b.dbPath);
  other.exec(
    'DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;' + sql + ';' + APPEND_ONLY,
  );
  other.close();
}

function seqOf(b: TestBackend, where: string): number {
  const row = b.ctx.db.prepare(`SELECT seq FROM audit_log WHERE ${where}`).get() as
    { seq: number } | undefined;
  if (!row) throw new Error(`no audit row where ${where}`);
  return row.seq;
}

test("a rating's edited row is named by its unit, not by the rating's id", () => {
  const b = makeBackend();
  const unit = addUnit(b, 'Chi bộ thôn Bản Chang', 2010);
  b.call('ratings.set', { unitId: unit.id, year: 2017, levelCode: 'TSVM' });
  const target = seqOf(b, `entity = 'rating'`);
  const ratingId = b.ctx.db
    .prepare('SELECT entity_id FROM audit_log WHERE seq = ?')
    .pluck()
    .get(target) as string;
  b.call('units.rename', { id: unit.id, year: 2020, name: 'Chi bộ thôn Bản Chang mới' });
  tamper(
    b,
    `UPDATE audit_log SET new_value = replace(new_value, 'TSVM', 'YK') WHERE seq = ${target}`,
  );
  const before = b.snapshot();
  const verified = b.call('audit.verify', {});
  expect(verified.broken).toMatchObject({
    seq: target,
    unitName: 'Chi bộ thôn Bản Chang mới',
    problem: 'changed',
  });
  expect(verified.summary).toContain(
    'về xếp loại chất lượng (Chi bộ thôn Bản Chang mới): nội dung của dòng này đã bị sửa.',
  );
  expect(verified.summary).not.toContain(ratingId);
  expect(b.snapshot()).toBe(before);
});

test("a setting's edited row names the setting's key", () => {
  const b = makeBackend();
  b.call('settings.setOperator', { operatorName: 'Hoàng Văn Nam' });
  const target = seqOf(b, `entity = 'settings' AND entity_id = 'operator_name'`);
  tamper(b, `UPDATE audit_log SET operator = 'Người khác' WHERE seq = ${target}`);
  const verified = b.call('audit.verify', {});
  expect(verified.broken).toMatchObject({ seq: target, unitName: null, problem: 'changed' });
  expect(verified.summary).toContain('bởi Người khác, về cài đặt operator_name:');
});
