// The audit writer's cost before and after the hash chain (issue 11 item 4), in one process:
// the old writer (a row of 9 columns, schema 13: no chain, no filter indexes) against the new
// one (the chain's head read, SHA-256, 15 columns, the screen's 4 indexes), each writing the
// same rating rows in one transaction, alternated so a busy moment hits both.
//   tsx scripts/bench/audit-writer-ab.ts [rows=50000] [rounds=3]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditInsert } from '../../electron/backend/audit';
import { recordChange } from '../../electron/backend/changes';
import type { Actor } from '../../electron/backend/context';
import { openDatabase } from '../../electron/backend/db/open';
import type { Db } from '../../electron/backend/db/open';
import { stmt } from '../../electron/backend/db/statements';

const rows = Number(process.argv[2] ?? 50_000);
const rounds = Number(process.argv[3] ?? 3);
const actor: Actor = {
  operator: 'Đo hiệu năng',
  installationId: '00000000-0000-4000-8000-000000000001',
  origin: 'import:du-lieu.xlsx',
  channel: 'cli',
  fileSha256: 'a'.repeat(64),
  at: '2026-11-30T12:00:00.000Z',
};

const OLD_INSERT = `INSERT INTO audit_log(entity, entity_id, field, old_value, new_value, at, operator, installation, origin)
  VALUES (?, ?, '*', ?, ?, ?, ?, ?, ?)`;

function values(i: number) {
  return {
    unit_id: `unit-${String(i % 5000).padStart(30, '0')}`,
    year: 2025,
    scale_id: 'hd20-2008',
    level_code: i % 3 ? 'HTTNV' : 'HTXSNV',
    exemplary: 0,
  };
}

function oldWrite(db: Db, i: number) {
  const v = values(i);
  recordChange(db, 'rating', `r-${i}`);
  recordChange(db, 'rating', v.unit_id);
  stmt(db, OLD_INSERT).run(
    'rating',
    `r-${i}`,
    null,
    JSON.stringify(v),
    actor.at,
    actor.operator,
    actor.installationId,
    actor.origin,
  );
}

function timed(db: Db, write: (db: Db, i: number) => void, round: number): number {
  const start = performance.now();
  db.transaction(() => {
    for (let i = 0; i < rows; i++) write(db, round * rows + i);
  })();
  return performance.now() - start;
}

const dir = mkdtempSync(join(tmpdir(), 'tccsd-audit-ab-'));
const before = openDatabase(join(dir, 'before.sqlite3'), { migrateTo: 13 }).db;
const after = openDatabase(join(dir, 'after.sqlite3')).db;
// The same writer on a file without the screen's four indexes: what they cost.
const bare = openDatabase(join(dir, 'bare.sqlite3')).db;
bare.exec(
  'DROP INDEX audit_log_by_at; DROP INDEX audit_log_by_unit; ' +
    'DROP INDEX audit_log_by_operator; DROP INDEX audit_log_by_channel;',
);
const newWrite = (db: Db, i: number) => auditInsert(db, actor, 'rating', `r-${i}`, values(i));
const rate = (ms: number) => `${ms.toFixed(0)} ms (${((rows / ms) * 1000).toFixed(0)} rows/s)`;
for (let round = 0; round < rounds; round++) {
  const b = timed(before, oldWrite, round);
  const a = timed(after, newWrite, round);
  const n = timed(bare, newWrite, round);
  console.log(
    `round ${round + 1}: before ${rate(b)}, after ${rate(a)}, after without the indexes ${rate(n)}; ` +
      `after/before ${(a / b).toFixed(2)}, without indexes/before ${(n / b).toFixed(2)}`,
  );
}
before.close();
after.close();
bare.close();
rmSync(dir, { recursive: true, force: true });
