// The bench's "open the file and show Tổng quan" job with the register figures of the code before
// helper OVERVIEW (test/helpers/reference-overview.ts) and of the code now, each in a fresh
// process, the two alternated, on one copy of the bench's screens file (already migrated: open it
// once with the app first). Prints each side's wall time (open + figures) and its CPU time.
//
//   tsx scripts/bench/overview-open-ab.ts <copy.sqlite3> [runs]
import { spawnSync } from 'node:child_process';
import { openBackend } from '../../electron/backend/index';
import { registerFigures } from '../../electron/backend/watchlists/overview-register';
import { referenceRegisterFigures } from '../../test/helpers/reference-overview';
import { YEAR } from './cases';
import { OPERATOR } from './dataset';
import { percentile } from './stats';

const [dbPath, arg] = process.argv.slice(2);
if (!dbPath) throw new Error('usage: overview-open-ab.ts <copy.sqlite3> [runs]');

if (arg === 'old' || arg === 'new') {
  const started = performance.now();
  const cpu0 = process.cpuUsage();
  const ctx = openBackend({ dbPath, origin: 'cli', fallbackOperator: OPERATOR });
  const figures = arg === 'old' ? referenceRegisterFigures : registerFigures;
  const answer = figures(ctx.db, YEAR, []);
  const cpu = process.cpuUsage(cpu0);
  const ms = performance.now() - started;
  ctx.db.close();
  process.stdout.write(
    JSON.stringify({ ms, cpu: (cpu.user + cpu.system) / 1000, items: answer.unrated.items.length }),
  );
} else {
  const runs = Number(arg ?? 10);
  const seen = {
    old: { ms: [] as number[], cpu: [] as number[] },
    new: { ms: [] as number[], cpu: [] as number[] },
  };
  for (let i = 0; i < runs; i++) {
    for (const side of ['old', 'new'] as const) {
      const child = spawnSync(
        process.execPath,
        [...process.execArgv, process.argv[1] ?? '', dbPath, side],
        {
          encoding: 'utf8',
        },
      );
      if (child.status !== 0) throw new Error(child.stderr);
      const { ms, cpu } = JSON.parse(child.stdout) as { ms: number; cpu: number };
      seen[side].ms.push(ms);
      seen[side].cpu.push(cpu);
    }
  }
  for (const side of ['old', 'new'] as const) {
    const { ms, cpu } = seen[side];
    console.log(
      `${side}: open + figures p50 ${percentile(ms, 50).toFixed(1)} p95 ${percentile(ms, 95).toFixed(1)} ms, CPU p50 ${percentile(cpu, 50).toFixed(1)} ms`,
    );
  }
}
