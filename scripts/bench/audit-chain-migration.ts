// Migration 14's cost (the audit log chained once, its indexes built) on a copy of the bench's
// national file: as it is, and with ROWS audit rows added first (rating rows naming real
// ratings, as a year of imports writes them).
//   tsx scripts/bench/audit-chain-migration.ts [rows=500000]
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../electron/backend/db/open';
import { BENCH_DIR } from './paths';

const rows = Number(process.argv[2] ?? 500_000);
const national = join(BENCH_DIR, 'nation-s11-d1-national.sqlite3');
const dir = mkdtempSync(join(tmpdir(), 'tccsd-audit-migration-'));

function timedOpen(path: string): number {
  const start = performance.now();
  openDatabase(path).db.close();
  return performance.now() - start;
}

function copyAt13(name: string): string {
  const path = join(dir, name);
  copyFileSync(national, path);
  openDatabase(path, { migrateTo: 13 }).db.close();
  return path;
}

const asIs = copyAt13('as-is.sqlite3');
console.log(`national file as it is: migration 14 in ${timedOpen(asIs).toFixed(0)} ms`);

const filled = copyAt13('filled.sqlite3');
const { db } = openDatabase(filled, { migrateTo: 13 });
const ids = db.prepare('SELECT id, unit_id, year, level_code FROM ratings LIMIT ?').all(rows) as {
  id: string;
  unit_id: string;
  year: number;
  level_code: string | null;
}[];
const insert = db.prepare(
  `INSERT INTO audit_log(entity, entity_id, field, old_value, new_value, at, operator, installation, origin)
   VALUES ('rating', ?, '*', NULL, ?, ?, 'Đo hiệu năng', 'inst', 'import:xep-loai.xlsx')`,
);
db.transaction(() => {
  for (let i = 0; i < rows; i++) {
    const r = ids[i % ids.length];
    if (!r) break;
    const values = { unit_id: r.unit_id, year: r.year, level_code: r.level_code };
    insert.run(r.id, JSON.stringify(values), new Date(Date.UTC(2024, 0, 1, 0, 0, i)).toISOString());
  }
})();
db.close();
console.log(`with ${rows} audit rows: migration 14 in ${(timedOpen(filled) / 1000).toFixed(1)} s`);
rmSync(dir, { recursive: true, force: true });
