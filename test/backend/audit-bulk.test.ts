// Audit rows written in bulk (audit/bulk.ts: the chain's head read once, migration 17's head
// trigger dropped during the write and the head set once before the transaction goes on). The
// log and audit_head it leaves must be exactly those of the row-by-row writer, in every state
// the head can be found in; a national ratings import goes through it and still books one audit
// row per rating, verifiable, with a later edit made with another SQLite tool found.
import Database from 'better-sqlite3';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { auditInsert } from '../../electron/backend/audit';
import { BULK_AUDIT_MINIMUM, writingAuditInBulk } from '../../electron/backend/audit/bulk';
import type { Actor } from '../../electron/backend/context';
import { fixedClock } from '../../electron/backend/context';
import { APPEND_ONLY } from '../../electron/backend/db/migrations/0014-audit-chain';
import type { Db } from '../../electron/backend/db/open';
import { writeTransaction } from '../../electron/backend/db/write';
import type { TestBackend } from '../helpers/backend';
import { addUnit, cleanupTemp, makeBackend, makeTempDir } from '../helpers/backend';

afterEach(cleanupTemp);

const CLOCK = fixedClock('2026-03-02T08:00:00.000Z');
const ROWS = BULK_AUDIT_MINIMUM + 200;

const ACTOR: Actor = {
  operator: 'Hoàng Văn Nam',
  installationId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
  origin: 'import:xep-loai.csv',
  channel: 'app',
  at: '2026-03-02T08:00:00.000Z',
  fileSha256: 'ab'.repeat(32),
};

/** An edit made with another SQLite tool: the append-only triggers dropped, `sql`, put back. */
function tamper(path: string, sql: string): void {
  const other = new Database(path);
  other.exec(
    'DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;' + sql + ';' + APPEND_ONLY,
  );
  other.close();
}

/** A file with a unit, its ratings and their audit rows, and a second copy of it. */
function twoCopies(prepare: (path: string) => void = () => undefined) {
  const a = makeBackend({ clock: CLOCK });
  const unit = addUnit(a, 'Chi bộ Thôn Bản Chang', 2010);
  a.call('ratings.set', { unitId: unit.id, year: 2017, levelCode: 'HTTNV' });
  a.call('ratings.set', { unitId: unit.id, year: 2018, levelCode: 'HTXSNV' });
  a.ctx.db.pragma('wal_checkpoint(TRUNCATE)');
  a.close();
  prepare(a.dbPath);
  const path = join(makeTempDir(), 'copy.sqlite3');
  copyFileSync(a.dbPath, path);
  const rowByRow = makeBackend({ clock: CLOCK, dbPath: a.dbPath, operator: null });
  const bulk = makeBackend({ clock: CLOCK, dbPath: path, operator: null });
  return { rowByRow, bulk, unitId: unit.id };
}

/** `n` audit rows of ratings, ids fixed so that two files get the very same rows. */
function writeRows(db: Db, unitId: string, n: number, from = 0): void {
  for (let i = from; i < from + n; i++) {
    const id = `0190a1b2-0000-7000-8000-${String(i).padStart(12, '0')}`;
    auditInsert(db, ACTOR, 'rating', id, {
      unit_id: unitId,
      year: 2000 + (i % 25),
      level_code: 'HTTNV',
    });
  }
}

/** The whole log, the head and the schema (the head trigger's text included). */
function state(b: TestBackend) {
  const db = b.ctx.db;
  return {
    log: db.prepare('SELECT * FROM audit_log ORDER BY seq').all(),
    head: db.prepare('SELECT * FROM audit_head').all(),
    schema: db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY name').all(),
  };
}

const schemaVersion = (b: TestBackend) => b.ctx.db.pragma('schema_version', { simple: true });

describe('audit rows written in bulk', () => {
  it('leave the same log, head and schema as the row-by-row writer', () => {
    const { rowByRow, bulk, unitId } = twoCopies();
    writeTransaction(rowByRow.ctx.db, () => writeRows(rowByRow.ctx.db, unitId, ROWS));
    const before = schemaVersion(bulk);
    writeTransaction(bulk.ctx.db, () =>
      writingAuditInBulk(bulk.ctx.db, ROWS, () => writeRows(bulk.ctx.db, unitId, ROWS)),
    );
    // The bulk path ran: the head trigger was dropped and created again.
    expect(schemaVersion(bulk)).toBe(Number(before) + 2);
    expect(state(bulk)).toEqual(state(rowByRow));
    const newest = bulk.ctx.db
      .prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1')
      .get();
    expect(bulk.ctx.db.prepare('SELECT seq, hash, lost_after FROM audit_head').get()).toEqual({
      ...(newest as object),
      lost_after: null,
    });
    expect(bulk.call('audit.verify', {})).toMatchObject({ ok: true, broken: null });
    // Rows written afterwards, one by one, follow on from the head as before.
    writeTransaction(rowByRow.ctx.db, () => writeRows(rowByRow.ctx.db, unitId, 3, ROWS));
    writeTransaction(bulk.ctx.db, () => writeRows(bulk.ctx.db, unitId, 3, ROWS));
    expect(state(bulk)).toEqual(state(rowByRow));
  });

  it('after the newest rows were removed with another tool, note the head they skipped, as the trigger does', () => {
    let lastBefore = 0;
    const { rowByRow, bulk, unitId } = twoCopies((path) => {
      const db = new Database(path);
      lastBefore = db.prepare('SELECT max(seq) FROM audit_log').pluck().get() as number;
      db.close();
      tamper(path, `DELETE FROM audit_log WHERE seq >= ${lastBefore - 1}`);
    });
    writeTransaction(rowByRow.ctx.db, () => writeRows(rowByRow.ctx.db, unitId, ROWS));
    writeTransaction(bulk.ctx.db, () =>
      writingAuditInBulk(bulk.ctx.db, ROWS, () => writeRows(bulk.ctx.db, unitId, ROWS)),
    );
    expect(state(bulk)).toEqual(state(rowByRow));
    expect(bulk.ctx.db.prepare('SELECT lost_after FROM audit_head').pluck().get()).toBe(lastBefore);
    expect(bulk.call('audit.verify', {}).broken).toMatchObject({
      problem: 'truncated',
      lostUpTo: lastBefore,
    });
  });

  it('with the head trigger removed by another tool, leave the head where it was and add no trigger', () => {
    const { rowByRow, bulk, unitId } = twoCopies((path) => {
      const db = new Database(path);
      db.exec('DROP TRIGGER audit_head_follows');
      db.close();
    });
    writeTransaction(rowByRow.ctx.db, () => writeRows(rowByRow.ctx.db, unitId, ROWS));
    writeTransaction(bulk.ctx.db, () =>
      writingAuditInBulk(bulk.ctx.db, ROWS, () => writeRows(bulk.ctx.db, unitId, ROWS)),
    );
    expect(state(bulk)).toEqual(state(rowByRow));
    const names = state(bulk).schema.map((o) => (o as { name: string }).name);
    expect(names).toContain('audit_log_no_update');
    expect(names).not.toContain('audit_head_follows');
  });

  it('that fail half-way, the error caught inside the transaction, still leave the head exact and the trigger back', () => {
    const { rowByRow, bulk, unitId } = twoCopies();
    writeTransaction(rowByRow.ctx.db, () => writeRows(rowByRow.ctx.db, unitId, ROWS + 1));
    writeTransaction(bulk.ctx.db, () => {
      expect(() =>
        writingAuditInBulk(bulk.ctx.db, ROWS, () => {
          writeRows(bulk.ctx.db, unitId, ROWS);
          throw new Error('stopped');
        }),
      ).toThrow('stopped');
      // The caller goes on writing in the same transaction: the trigger keeps the head again.
      writeRows(bulk.ctx.db, unitId, 1, ROWS);
    });
    expect(state(bulk)).toEqual(state(rowByRow));
  });

  it('that fail and roll back leave nothing: no row, the head and the trigger as they were', () => {
    const { bulk, unitId } = twoCopies();
    const before = bulk.snapshot();
    expect(() =>
      writeTransaction(bulk.ctx.db, () =>
        writingAuditInBulk(bulk.ctx.db, ROWS, () => {
          writeRows(bulk.ctx.db, unitId, ROWS);
          throw new Error('stopped');
        }),
      ),
    ).toThrow('stopped');
    expect(bulk.snapshot()).toBe(before);
    expect(state(bulk).schema).toEqual(state(makeBackendLike(bulk)).schema);
  });

  it('below the minimum, or outside a transaction, take no shortcut', () => {
    const { bulk, unitId } = twoCopies();
    const before = schemaVersion(bulk);
    writeTransaction(bulk.ctx.db, () =>
      writingAuditInBulk(bulk.ctx.db, BULK_AUDIT_MINIMUM - 1, () =>
        writeRows(bulk.ctx.db, unitId, BULK_AUDIT_MINIMUM - 1),
      ),
    );
    expect(schemaVersion(bulk)).toBe(before);
    expect(() => writingAuditInBulk(bulk.ctx.db, ROWS, () => undefined)).toThrow(
      'needs a write transaction',
    );
  });
});

/** The same file opened a second time (its schema as another connection reads it). */
function makeBackendLike(b: TestBackend): TestBackend {
  return makeBackend({ clock: CLOCK, dbPath: b.dbPath, operator: null });
}

/** A CSV of `n` new cells under district HU-1 rated for 2024, and one row of an existing unit. */
function newCellsCsv(n: number, existing: string): Buffer {
  const lines = ['Mã,Tên tổ chức,Cấp trên,Loại tổ chức,Năm,Xếp loại'];
  for (let i = 1; i <= n; i++) lines.push(`,Chi bộ Thôn Nà ${i},HU-1,Chi bộ cơ sở,2024,HTTNV`);
  lines.push(`,${existing},HU-1,,2024,HTXSNV`);
  return Buffer.from(`\uFEFF${lines.join('\n')}\n`, 'utf8');
}

async function importCsv(b: TestBackend, bytes: Buffer) {
  const dir = join(makeTempDir(), 'tep');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'xep-loai.csv'), bytes);
  const file = b.ctx.files.register(join(dir, 'xep-loai.csv')).handle;
  const preview = await b.callAsync('ratings.importPreview', { file });
  return b.call('ratings.importApply', { planId: preview.planId });
}

describe('a ratings import in bulk', () => {
  const CELLS = 700;

  async function imported(prepare: (b: TestBackend) => void = () => undefined) {
    const b = makeBackend({ clock: CLOCK });
    const district = b.call('units.create', {
      name: 'Huyện ủy Bắc Sơn',
      code: 'HU-1',
      kind: 'upper_committee',
    });
    const existing = b.call('units.create', {
      name: 'Đảng bộ xã Đồng Ý',
      kind: 'base_committee',
      parentId: district.id,
    });
    prepare(b);
    const triggers = state(b).schema;
    const version = Number(schemaVersion(b));
    const seqBefore = b.ctx.db.prepare('SELECT max(seq) FROM audit_log').pluck().get() as number;
    const result = await importCsv(b, newCellsCsv(CELLS, 'Đảng bộ xã Đồng Ý'));
    expect(result.applied).toBe(true);
    expect(result.newRatings).toHaveLength(CELLS + 1);
    // Through the bulk path (the trigger dropped and made again), the schema as it was.
    expect(schemaVersion(b)).toBe(version + 2);
    expect(state(b).schema).toEqual(triggers);
    return { b, existing, seqBefore };
  }

  it('books one audit row per rating, each found under its unit, and the chain verifies', async () => {
    const { b, existing, seqBefore } = await imported();
    const rows = b.ctx.db
      .prepare(
        `SELECT r.unit_id, count(a.seq) AS n, min(a.unit_id) AS audit_unit FROM ratings r
         LEFT JOIN audit_log a ON a.entity = 'rating' AND a.entity_id = r.id AND a.seq > ?
         WHERE r.year = 2024 GROUP BY r.id`,
      )
      .all(seqBefore) as { unit_id: string; n: number; audit_unit: string }[];
    expect(rows).toHaveLength(CELLS + 1);
    for (const row of rows) expect(row).toEqual({ ...row, n: 1, audit_unit: row.unit_id });
    // Nhật ký thay đổi filtered by the unit lists its imported rating.
    const page = b.call('audit.list', { unitId: existing.id });
    expect(page.entries[0]).toMatchObject({
      entity: 'rating',
      source: 'import',
      fileName: 'xep-loai.csv',
      unitId: existing.id,
    });
    expect(page.entries[0]?.changes).toContainEqual({
      field: 'level_code',
      old: null,
      new: 'HTXSNV',
    });
    const verified = b.call('audit.verify', {});
    expect(verified).toMatchObject({ ok: true, broken: null });
    const newest = b.ctx.db
      .prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1')
      .get();
    expect(b.ctx.db.prepare('SELECT seq, hash, lost_after FROM audit_head').get()).toEqual({
      ...(newest as object),
      lost_after: null,
    });
  });

  it('an imported row edited afterwards with another SQLite tool is found', async () => {
    const { b, seqBefore } = await imported();
    const target = b.ctx.db
      .prepare(
        "SELECT seq FROM audit_log WHERE entity = 'rating' AND seq > ? ORDER BY seq LIMIT 1 OFFSET 300",
      )
      .pluck()
      .get(seqBefore) as number;
    tamper(
      b.dbPath,
      `UPDATE audit_log SET new_value = replace(new_value, 'HTTNV', 'HTXSNV') WHERE seq = ${target}`,
    );
    expect(b.call('audit.verify', {}).broken).toMatchObject({ seq: target, problem: 'changed' });
  });

  it('the newest rows removed before the import are still found after it', async () => {
    let lost = 0;
    const { b } = await imported((before) => {
      lost = before.ctx.db.prepare('SELECT max(seq) FROM audit_log').pluck().get() as number;
      tamper(before.dbPath, `DELETE FROM audit_log WHERE seq = ${lost}`);
    });
    expect(b.call('audit.verify', {}).broken).toMatchObject({
      problem: 'truncated',
      lostUpTo: lost,
    });
  });
});
