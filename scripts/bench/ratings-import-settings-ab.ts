// The ratings import's apply under SQLite settings tried for its transaction, alternated in one
// process on copies of the bench's national file (a busy machine weighs on all alike):
//
//   tsx scripts/bench/ratings-import-settings-ab.ts .bench/nation-s20-d1-national.sqlite3 \
//     .bench/nation-s20-d1-ratings-2025.csv 5 base,cache256
//
// Each round copies the file once per variant, opens it as the app's worker leaves it (the
// quick_check run, untimed), previews through `dispatch`, sets the variant's pragmas, applies,
// and prints the apply's wall time, CPU (user / system), the collector's time, the WAL's size,
// page faults, context switches (voluntary / not), blocks written (fs writes: 512 bytes each,
// counted when a page is dirtied), the owed checkpoint paid after it, and the peak RSS so far.
import {
  closeSync,
  copyFileSync,
  fsyncSync,
  mkdtempSync,
  openSync,
  rmSync,
  statSync,
} from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { checkOnce } from '../../electron/backend/db/access';
import { payOwedCheckpoint } from '../../electron/backend/db/bulk';
import type { Db } from '../../electron/backend/db/open';
import { openBackend } from '../../electron/backend/index';
import type { ImportPreview } from '../../shared/contract';
import { callAny as call } from './call';
import { OPERATOR } from './dataset';

/** Pragmas set before the apply and the value each had, put back after it. */
const VARIANTS: Record<string, readonly string[]> = {
  base: [],
  cache128: ['cache_size = -131072'],
  cache256: ['cache_size = -262144'],
  nospill: ['cache_spill = 0'],
  // The copy of the national file written to disk before it is opened (its setup, untimed).
  synced: [],
};

let gcMs = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) gcMs += entry.duration;
}).observe({ entryTypes: ['gc'] });

function set(db: Db, pragmas: readonly string[]): string[] {
  return pragmas.map((pragma) => {
    const name = pragma.split('=')[0]?.trim() ?? '';
    const before = db.pragma(name, { simple: true }) as number;
    db.pragma(pragma);
    return `${name} = ${before}`;
  });
}

async function once(variant: string, national: string, file: string, dir: string) {
  const dbPath = join(dir, `${variant}.sqlite3`);
  copyFileSync(national, dbPath);
  if (variant === 'synced') {
    const fd = openSync(dbPath, 'r+');
    fsyncSync(fd);
    closeSync(fd);
  }
  const ctx = openBackend({ dbPath, origin: 'cli', fallbackOperator: OPERATOR });
  try {
    checkOnce(ctx.db, ctx.dbPath, ctx.access);
    const handle = ctx.files.register(file).handle;
    let cpu = process.cpuUsage();
    const preview = (await call(ctx, 'ratings.importPreview', { file: handle })) as ImportPreview;
    const previewCpu = process.cpuUsage(cpu);
    const back = set(ctx.db, VARIANTS[variant] ?? []);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const gcBefore = gcMs;
    const usage = process.resourceUsage();
    const started = performance.now();
    cpu = process.cpuUsage();
    await call(ctx, 'ratings.importApply', { planId: preview.planId });
    const used = process.cpuUsage(cpu);
    const ms = performance.now() - started;
    const after = process.resourceUsage();
    // The checkpoint the apply leaves owed (db/bulk.ts), as the worker pays it once idle.
    const at = performance.now();
    const c = process.cpuUsage();
    const r0 = process.resourceUsage();
    const paid = payOwedCheckpoint(ctx.db);
    const u = process.cpuUsage(c);
    const written = process.resourceUsage().fsWrite - r0.fsWrite;
    const ckpt = paid
      ? `, checkpoint after ${(performance.now() - at).toFixed(0)} ms (cpu ` +
        `${((u.user + u.system) / 1000).toFixed(0)}, fs writes ${written})`
      : ', checkpoint in the apply';
    set(ctx.db, back);
    // The collector's entries arrive after the call: let them.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const wal = statSync(`${dbPath}-wal`, { throwIfNoEntry: false })?.size ?? 0;
    return {
      preview: (previewCpu.user + previewCpu.system) / 1000,
      ms,
      user: used.user / 1000,
      sys: used.system / 1000,
      gc: gcMs - gcBefore,
      ckpt,
      faults: `${after.minorPageFault - usage.minorPageFault}/${after.majorPageFault - usage.majorPageFault}`,
      switches: `${after.voluntaryContextSwitches - usage.voluntaryContextSwitches}/${after.involuntaryContextSwitches - usage.involuntaryContextSwitches}`,
      io: `${after.fsRead - usage.fsRead}/${after.fsWrite - usage.fsWrite}`,
      walMb: wal / 2 ** 20,
      rssMb: process.resourceUsage().maxRSS / 1024,
    };
  } finally {
    ctx.db.close();
    for (const tail of ['', '-wal', '-shm']) rmSync(`${dbPath}${tail}`, { force: true });
  }
}

async function main(): Promise<void> {
  const [national, file, roundsText, variantsText] = process.argv.slice(2);
  if (!national || !file) throw new Error('usage: NATIONAL.sqlite3 FILE [ROUNDS] [v1,v2]');
  const variants = (variantsText ?? 'base,cache256').split(',');
  const dir = mkdtempSync(join(tmpdir(), 'tccsd-import-settings-'));
  try {
    for (let round = 1; round <= Number(roundsText ?? 5); round++) {
      const order = round % 2 === 1 ? variants : [...variants].reverse();
      for (const variant of order) {
        const r = await once(variant, national, file, dir);
        process.stdout.write(
          `${round} ${variant.padEnd(9)} preview cpu ${r.preview.toFixed(0)}, apply ` +
            `${r.ms.toFixed(0)} ms, cpu ${(r.user + r.sys).toFixed(0)} (user ` +
            `${r.user.toFixed(0)} sys ${r.sys.toFixed(0)}), gc ${r.gc.toFixed(0)} ms, wal ` +
            `${r.walMb.toFixed(1)} MB, faults ${r.faults}, ctx switches ${r.switches}, fs ` +
            `${r.io}${r.ckpt}, peak rss ${r.rssMb.toFixed(0)} MB, load ` +
            `${loadavg()[0]?.toFixed(1)}\n`,
        );
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : error}\n`);
  process.exit(1);
});
