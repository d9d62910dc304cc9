// The audit log as a trustworthy record (issue 11 item 4): every row chained by SHA-256 to the
// one before it, the table append-only, and an edit made with another SQLite connection (the
// triggers dropped first, as a person with a SQLite tool could) found and named by audit.verify.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { rowHash } from '../../electron/backend/audit/chain';
import { openDatabase } from '../../electron/backend/db/open';
import { APPEND_ONLY } from '../../electron/backend/db/migrations/0014-audit-chain';
import type { TestBackend } from '../helpers/backend';
import { addUnit, cleanupTemp, makeBackend, makeTempDir, tempDbPath } from '../helpers/backend';
import {
  DISTRICTS,
  exportFile,
  importFiles,
  makeLowerSite,
  makeProvince,
  recordSiteWork,
} from '../helpers/exchange-sites';
import { cli, dataOf } from '../helpers/cli';

afterEach(cleanupTemp);

/** Another connection to the file, as a SQLite tool would open it, triggers dropped. */
function tamper(b: TestBackend, sql: string): void {
  const other = new Database(b.dbPath);
  other.exec(
    'DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;' + sql + ';' + APPEND_ONLY,
  );
  other.close();
}

function someWrites(b: TestBackend) {
  const unit = addUnit(b, 'Chi bộ Thôn Bản Quan', 2010, { code: 'BQ-1' });
  b.call('units.rename', { id: unit.id, year: 2015, name: 'Chi bộ Thôn Bản Quan Mới' });
  b.call('ratings.set', { unitId: unit.id, year: 2017, levelCode: 'HTTNV' });
  b.call('ratings.set', { unitId: unit.id, year: 2018, levelCode: 'HTXSNV' });
  b.call('settings.setOperator', { operatorName: 'Hoàng Văn Nam' });
  return unit;
}

const seqOf = (b: TestBackend, where: string): number =>
  b.ctx.db.prepare(`SELECT min(seq) FROM audit_log WHERE ${where}`).pluck().get() as number;

describe('audit chain', () => {
  test('every row written through the handlers links to the one before it', () => {
    const b = makeBackend();
    someWrites(b);
    const rows = b.ctx.db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as (Parameters<
      typeof rowHash
    >[0] & { prev_hash: string; hash: string })[];
    expect(rows.length).toBeGreaterThan(8);
    let previous = '';
    rows.forEach((row, i) => {
      expect(row.seq).toBe(i + 1);
      expect(row.prev_hash).toBe(previous);
      expect(row.hash).toBe(rowHash(row, previous));
      expect(row.channel).toBe('app');
      previous = row.hash;
    });
    const verified = b.call('audit.verify', {});
    expect(verified).toMatchObject({ ok: true, rows: rows.length, broken: null });
    expect(verified.summary).toContain('toàn vẹn');
  });

  test('operator changes and setup are audited as settings', () => {
    const b = makeBackend();
    b.call('settings.setOperator', { operatorName: 'Hoàng Văn Nam' });
    const rows = b.ctx.db
      .prepare(
        "SELECT entity_id, old_value, new_value, operator FROM audit_log WHERE entity = 'settings'",
      )
      .all();
    expect(rows).toEqual([
      {
        entity_id: 'operator_name',
        old_value: JSON.stringify({ value: null }),
        new_value: JSON.stringify({ value: 'Nguyễn Thị Hương' }),
        operator: 'Nguyễn Thị Hương',
      },
      {
        entity_id: 'operator_name',
        old_value: JSON.stringify({ value: 'Nguyễn Thị Hương' }),
        new_value: JSON.stringify({ value: 'Hoàng Văn Nam' }),
        operator: 'Hoàng Văn Nam',
      },
    ]);
    const fresh = makeBackend({ operator: null });
    fresh.call('setup.complete', {
      operatorName: 'Lê Thu Trang',
      ownUnit: { mode: 'new', name: 'Đảng bộ xã Tân Lang', kind: 'base_committee' },
    });
    const own = fresh.call('app.info', {}).ownUnitId;
    expect(
      fresh.ctx.db
        .prepare(
          "SELECT entity_id, new_value FROM audit_log WHERE entity = 'settings' ORDER BY seq",
        )
        .all(),
    ).toEqual([
      { entity_id: 'operator_name', new_value: JSON.stringify({ value: 'Lê Thu Trang' }) },
      { entity_id: 'own_unit_id', new_value: JSON.stringify({ value: own }) },
    ]);
  });

  test('the table refuses UPDATE and DELETE, whoever asks', () => {
    const b = makeBackend();
    someWrites(b);
    const before = b.snapshot();
    expect(() =>
      b.ctx.db.prepare("UPDATE audit_log SET operator = 'X' WHERE seq = 2").run(),
    ).toThrow(/append-only/);
    expect(() => b.ctx.db.prepare('DELETE FROM audit_log WHERE seq = 2').run()).toThrow(
      /append-only/,
    );
    const other = new Database(b.dbPath);
    expect(() => other.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    other.close();
    expect(b.snapshot()).toBe(before);
  });

  test('a value edited with another connection is found, and the row named', () => {
    const b = makeBackend();
    const unit = someWrites(b);
    const target = seqOf(b, `entity = 'rating' AND new_value LIKE '%HTXSNV%'`);
    tamper(
      b,
      `UPDATE audit_log SET new_value = replace(new_value, 'HTXSNV', 'KHTNV') WHERE seq = ${target}`,
    );
    const verified = b.call('audit.verify', {});
    expect(verified.ok).toBe(false);
    expect(verified.broken).toMatchObject({ seq: target, entity: 'rating', problem: 'changed' });
    expect(verified.summary).toContain(`số ${target}`);
    expect(verified.summary).toContain('nội dung của dòng này đã bị sửa');
    expect(verified.summary).toContain('xếp loại chất lượng');
    expect(unit.id).toBeTruthy();
  });

  test('a row removed, or a forged row slipped in, breaks the link of the row after it', () => {
    const b = makeBackend();
    someWrites(b);
    const removed = seqOf(b, `entity = 'rating'`);
    tamper(b, `DELETE FROM audit_log WHERE seq = ${removed}`);
    expect(b.call('audit.verify', {}).broken).toMatchObject({
      seq: removed + 1,
      problem: 'missing',
    });

    const c = makeBackend();
    someWrites(c);
    const last = c.ctx.db.prepare('SELECT max(seq) FROM audit_log').pluck().get() as number;
    // A forged row at the end, looking like the app's (its hash made up).
    tamper(
      c,
      `INSERT INTO audit_log(seq, entity, entity_id, field, old_value, new_value, at, operator,
         installation, origin, channel, prev_hash, hash)
       SELECT ${last + 1}, entity, entity_id, field, new_value, '{"level_code":"HTXSNV"}', at,
         operator, installation, origin, channel, hash, hash FROM audit_log WHERE seq = ${last}`,
    );
    expect(c.call('audit.verify', {}).broken).toMatchObject({ seq: last + 1, problem: 'changed' });
    // The same with a row renumbered into the middle.
    const d = makeBackend();
    someWrites(d);
    tamper(d, `UPDATE audit_log SET seq = seq + 1000 WHERE seq = 3`);
    expect(d.call('audit.verify', {}).broken).toMatchObject({ seq: 4, problem: 'missing' });
  });

  test('an exchange import: its insert book is sealed by the batch row, an edit of it is found', async () => {
    const province = makeProvince();
    const master = await exportFile(province.backend);
    const site = await makeLowerSite(master.path, DISTRICTS[0]!);
    recordSiteWork(site);
    const up = await exportFile(site.backend);
    const { result } = await importFiles(province.backend, [up.path]);
    const batchId = result.batches[0]?.id ?? '';
    const b = province.backend;
    expect(b.call('audit.verify', {}).ok).toBe(true);
    const row = b.ctx.db
      .prepare(
        "SELECT seq, book_hash FROM audit_log WHERE entity = 'exchange_batch' AND entity_id = ?",
      )
      .get(batchId) as { seq: number; book_hash: string };
    expect(row.book_hash).toMatch(/^[0-9a-f]{64}$/);
    const batch = b
      .call('audit.list', { source: 'exchange' })
      .entries.find((e) => e.entity === 'exchange_batch');
    expect(batch?.fileName).toBe(basename(up.path));
    expect(batch?.fileSha256).toBe(
      createHash('sha256').update(readFileSync(up.path)).digest('hex'),
    );
    // A booked rating's level changed in the book (what undo and "since the last export" read).
    tamper(
      b,
      `UPDATE exchange_batch_inserts
       SET records = replace(records, '"HTTNV"', '"HTXSNV"')
       WHERE rowid = (SELECT rowid FROM exchange_batch_inserts
                      WHERE batch_id = '${batchId}' AND entity = 'rating' AND records LIKE '%"HTTNV"%'
                      LIMIT 1)`,
    );
    const verified = b.call('audit.verify', {});
    expect(verified.broken).toMatchObject({
      seq: row.seq,
      entity: 'exchange_batch',
      problem: 'book',
    });
    expect(verified.summary).toContain('danh sách bản ghi mà lần nhập tệp này đã thêm đã bị sửa');
  });

  test('a file of the version before: its rows chained once by the migration, then verified', () => {
    const path = tempDbPath();
    const { db: old } = openDatabase(path, { migrateTo: 13 });
    const insert = old.prepare(
      `INSERT INTO audit_log(entity, entity_id, field, old_value, new_value, at, operator, installation, origin)
       VALUES (?, ?, ?, ?, ?, ?, 'Người cũ', 'inst', ?)`,
    );
    insert.run('unit', 'u1', 'name', null, 'Chi bộ cũ', '2024-01-02T03:04:05.000Z', 'app');
    insert.run(
      'rating',
      'r1',
      '*',
      null,
      '{"unit_id":"u1","year":2023}',
      '2024-01-03T00:00:00.000Z',
      'cli',
    );
    insert.run(
      'rating',
      'r2',
      '*',
      null,
      '{"unit_id":"u2"}',
      '2024-01-04T00:00:00.000Z',
      'import:a.xlsx',
    );
    old.close();
    const b = makeBackend({ dbPath: path });
    const rows = b.ctx.db
      .prepare(
        'SELECT seq, channel, unit_id, prev_hash, hash FROM audit_log WHERE seq <= 3 ORDER BY seq',
      )
      .all() as { seq: number; channel: string | null; unit_id: string; hash: string }[];
    expect(rows.map((r) => [r.seq, r.channel, r.unit_id])).toEqual([
      [1, 'app', 'u1'],
      [2, 'cli', 'u1'],
      [3, null, 'u2'],
    ]);
    // The three old rows, and the operator set on opening (makeBackend), a new row on the chain.
    expect(b.call('audit.verify', {})).toMatchObject({ ok: true, rows: 4 });
    addUnit(b, 'Chi bộ mới', 2020);
    expect(b.call('audit.verify', {})).toMatchObject({ ok: true, rows: 7 });
  });
});

describe('audit channel and actor', () => {
  test('CLI writes: TCCSD_OPERATOR, channel cli, and tccsd audit verify', async () => {
    const b = makeBackend();
    addUnit(b, 'Chi bộ Thôn Bản Quan', 2010);
    const path = b.dbPath;
    b.close();
    const created = await cli(path, 'units', 'add', '--name', 'Chi bộ Nà Phòng', '--from', '2012');
    expect(created.err).toBe('');
    expect(created.code).toBe(0);
    const db = new Database(path, { readonly: true });
    const cliRows = db
      .prepare("SELECT DISTINCT operator, channel, origin FROM audit_log WHERE channel = 'cli'")
      .all();
    db.close();
    expect(cliRows).toEqual([{ operator: 'Kiểm thử CLI', channel: 'cli', origin: 'cli' }]);

    const before = dataOf(path);
    const wrong = await cli(path, 'audit', 'kiem-tra');
    expect(wrong.code).toBe(2);
    expect(wrong.err).toContain('Lỗi: Lệnh không hợp lệ: audit kiem-tra');
    const extra = await cli(path, 'audit', 'verify', 'thua');
    expect(extra.code).toBe(2);
    expect(extra.err).toContain('Lỗi: Thừa tham số: thua');
    expect(dataOf(path)).toBe(before);

    const good = await cli(path, 'audit', 'verify');
    expect(good.code).toBe(0);
    expect(good.out).toContain('toàn vẹn');

    const other = new Database(path);
    other.exec(
      `DROP TRIGGER audit_log_no_update;
       UPDATE audit_log SET operator = 'Người khác' WHERE seq = 2;`,
    );
    other.close();
    const bad = await cli(path, 'audit', 'verify');
    expect(bad.code).toBe(1);
    expect(bad.err + bad.out).toContain('Dòng hỏng đầu tiên: số 2');
  });

  test('imports record the file: name and SHA-256 on every row a ratings import writes', async () => {
    const b = makeBackend();
    const unit = addUnit(b, 'Chi bộ Thôn Bản Quan', 2010, { code: 'BQ-1' });
    addUnit(b, 'Chi bộ Nà Phòng', 2010, { code: 'NP-1' });
    const path = join(makeTempDir(), 'xep-loai-2017.csv');
    writeFileSync(path, '\uFEFFMã,Năm,Xếp loại\r\nBQ-1,2017,HTTNV\r\nNP-1,2017,TSVM\r\n');
    const sha = createHash('sha256').update(readFileSync(path)).digest('hex');
    const start = b.ctx.db.prepare('SELECT max(seq) FROM audit_log').pluck().get() as number;
    const preview = await b.callAsync('ratings.importPreview', {
      file: b.ctx.files.register(path).handle,
    });
    b.call('ratings.importApply', { planId: preview.planId, skipErrors: true });
    const rows = b.ctx.db
      .prepare('SELECT entity, origin, file_sha256, unit_id FROM audit_log WHERE seq > ?')
      .all(start) as { entity: string; origin: string; file_sha256: string; unit_id: string }[];
    expect(rows.length).toBeGreaterThan(1);
    for (const row of rows) {
      expect(row.origin).toBe('import:xep-loai-2017.csv');
      expect(row.file_sha256).toBe(sha);
    }
    expect(rows.some((r) => r.entity === 'rating' && r.unit_id === unit.id)).toBe(true);
    expect(b.call('audit.list', { source: 'import' }).entries[0]).toMatchObject({
      fileName: 'xep-loai-2017.csv',
      fileSha256: sha,
      source: 'import',
    });
    expect(b.call('audit.verify', {}).ok).toBe(true);
  });
});
