// The ratings import's apply with its audit rows through the bulk writer (audit/bulk.ts: the
// chain's head read once, migration 17's head trigger set aside) against the same apply with
// them row by row (BULK_AUDIT_THRESHOLDS.minimum = ∞: the trigger and the head's read per row),
// alternated in one process on copies of the bench's national file (docs/performance.md,
// helper IMPORT4):
//
//   tsx scripts/bench/ratings-import-audit-ab.ts .bench/nation-s22-d1-national.sqlite3 \
//     .bench/nation-s22-d1-ratings-2025.csv 6
//
// Each apply's CPU time (this process's) and wall time; the head each leaves (seq, lost_after)
// printed so the two ways can be seen to agree.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { BULK_AUDIT_MINIMUM, BULK_AUDIT_THRESHOLDS } from '../../electron/backend/audit/bulk';
import { checkOnce } from '../../electron/backend/db/access';
import { payOwedCheckpoint } from '../../electron/backend/db/bulk';
import { dispatch } from '../../electron/backend/dispatch';
import { openBackend } from '../../electron/backend/index';

const MODES = [
  { label: 'bulk', minimum: BULK_AUDIT_MINIMUM },
  { label: 'rows', minimum: Number.POSITIVE_INFINITY },
] as const;

async function call(ctx: ReturnType<typeof openBackend>, method: string, input: unknown) {
  const answer = await dispatch(ctx, method, input);
  if (!answer.ok) throw new Error(`${method}: ${answer.error.message}`);
  return answer.value;
}

async function applyOnce(national: string, file: string, dir: string, minimum: number) {
  const dbPath = join(dir, 'import.sqlite3');
  copyFileSync(national, dbPath);
  const ctx = openBackend({ dbPath, origin: 'cli', fallbackOperator: 'Bench' });
  try {
    checkOnce(ctx.db, ctx.dbPath, ctx.access);
    const handle = ctx.files.register(file).handle;
    const preview = (await call(ctx, 'ratings.importPreview', { file: handle })) as {
      planId: string;
    };
    BULK_AUDIT_THRESHOLDS.minimum = minimum;
    const started = performance.now();
    const cpu = process.cpuUsage();
    try {
      await call(ctx, 'ratings.importApply', { planId: preview.planId });
    } finally {
      BULK_AUDIT_THRESHOLDS.minimum = BULK_AUDIT_MINIMUM;
    }
    const used = process.cpuUsage(cpu);
    const wallMs = performance.now() - started;
    const head = ctx.db.prepare('SELECT seq, lost_after FROM audit_head').get();
    payOwedCheckpoint(ctx.db);
    return { cpuMs: (used.user + used.system) / 1000, wallMs, head: JSON.stringify(head) };
  } finally {
    ctx.db.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${dbPath}${suffix}`, { force: true });
  }
}

async function main(): Promise<void> {
  const [national, file, roundsText] = process.argv.slice(2);
  if (!national || !file) {
    throw new Error('usage: ratings-import-audit-ab NATIONAL.sqlite3 FILE [ROUNDS]');
  }
  const dir = mkdtempSync(join(tmpdir(), 'tccsd-import-audit-ab-'));
  try {
    for (let round = 1; round <= Number(roundsText ?? 6); round++) {
      // Each round starts with the other mode, so neither always goes first.
      const order = round % 2 === 1 ? MODES : [...MODES].reverse();
      for (const mode of order) {
        const r = await applyOnce(national, file, dir, mode.minimum);
        process.stdout.write(
          `${round} ${mode.label} apply ${r.wallMs.toFixed(0)} ms (cpu ${r.cpuMs.toFixed(0)}), ` +
            `head ${r.head}, load ${loadavg()[0]?.toFixed(1)}\n`,
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
