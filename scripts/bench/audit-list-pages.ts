// The Nhật ký thay đổi screen's pages on a national log: a copy of the bench's national file
// with ROWS audit rows written by the real writer (ratings of real units, a few by another person
// on the command line), then audit.list pages timed (p50, p95 of RUNS each): the first page, a
// page deep in the log, and each filter. Budget (issue 11): p95 ≤ 20 ms per page.
//   tsx scripts/bench/audit-list-pages.ts [rows=500000] [runs=40]
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditInsert } from '../../electron/backend/audit';
import { listAudit } from '../../electron/backend/audit/list';
import type { Actor } from '../../electron/backend/context';
import { fixedClock } from '../../electron/backend/context';
import { openBackend } from '../../electron/backend/index';
import type { ParsedInput } from '../../shared/contract';
import { BENCH_DIR } from './paths';

const rows = Number(process.argv[2] ?? 500_000);
const runs = Number(process.argv[3] ?? 40);
const dir = mkdtempSync(join(tmpdir(), 'tccsd-audit-pages-'));
const path = join(dir, 'national.sqlite3');
copyFileSync(join(BENCH_DIR, 'nation-s11-d1-national.sqlite3'), path);
const ctx = openBackend({ dbPath: path, origin: 'app', clock: fixedClock('2026-11-30T12:00:00Z') });
const ratings = ctx.db
  .prepare('SELECT id, unit_id, year, level_code FROM ratings LIMIT ?')
  .all(rows) as { id: string; unit_id: string; year: number; level_code: string | null }[];
const base: Actor = {
  operator: 'Nguyễn Thị Hương',
  installationId: 'inst',
  origin: 'import:xep-loai.xlsx',
  channel: 'app',
  at: '',
};
const cli: Actor = { ...base, operator: 'Trần Văn Lệnh', origin: 'cli', channel: 'cli' };
let start = performance.now();
ctx.db.transaction(() => {
  for (let i = 0; i < rows; i++) {
    const r = ratings[i % ratings.length];
    if (!r) break;
    // One write a second over ~6 days; every 50,000th by the command line.
    const at = new Date(Date.UTC(2026, 10, 1) + i * 1000).toISOString();
    const actor = i % 50_000 === 7 ? { ...cli, at } : { ...base, at };
    auditInsert(ctx.db, actor, 'rating', r.id, {
      unit_id: r.unit_id,
      year: r.year,
      level_code: r.level_code,
    });
  }
})();
console.log(`${rows} audit rows written in ${((performance.now() - start) / 1000).toFixed(1)} s`);

const middle = ctx.db
  .prepare('SELECT at, seq FROM audit_log WHERE seq = ?')
  .get(Math.floor(rows / 2)) as { at: string; seq: number };
const unit = ratings[12_345]?.unit_id ?? '';
const cases: [string, ParsedInput<'audit.list'>][] = [
  ['first page', {}],
  ['a page in the middle', { after: middle }],
  ['a unit', { unitId: unit }],
  ['a person (the CLI user, 10 rows)', { operator: 'Trần Văn Lệnh' }],
  ['channel cli', { channel: 'cli' }],
  ['one day', { from: '2026-11-03T00:00:00.000Z', to: '2026-11-04T00:00:00.000Z' }],
  [
    'one day, middle page',
    {
      from: '2026-11-03T00:00:00.000Z',
      to: '2026-11-04T00:00:00.000Z',
      after: { at: '2026-11-03T12:00:00.000Z', seq: 1e9 },
    },
  ],
  ['source exchange (none here)', { source: 'exchange' }],
];
for (const [name, input] of cases) {
  const times: number[] = [];
  let shown = 0;
  for (let i = 0; i < runs; i++) {
    start = performance.now();
    shown = listAudit(ctx, input).entries.length;
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const p = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
  console.log(`${name}: ${shown} rows, p50 ${p(0.5).toFixed(1)} ms, p95 ${p(0.95).toFixed(1)} ms`);
}
ctx.db.close();
rmSync(dir, { recursive: true, force: true });
