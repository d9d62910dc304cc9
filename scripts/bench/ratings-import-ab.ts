// The ratings import of the bench's national file, the code of an older tree against this one,
// alternated in one process (a busy machine weighs on both alike; see docs/performance.md):
//
//   git archive <commit> | tar -x -C /tmp/base && ln -s $PWD/node_modules /tmp/base/
//   tsx scripts/bench/ratings-import-ab.ts /tmp/base .bench/nation-s17-d1-national.sqlite3 \
//     .bench/nation-s17-d1-ratings-2025.csv 3
//
// Each round copies the national file once per tree, opens it as the app's worker leaves it
// (the file's quick_check already run, untimed), and times `ratings.importPreview` and
// `ratings.importApply` through that tree's own `dispatch`: wall time and this process's CPU time;
// a tree whose apply leaves the commit's checkpoint owed (db/bulk.ts) has it timed after, apart.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

interface Tree {
  label: string;
  dispatch: (ctx: Ctx, method: string, input: unknown) => Promise<Answer>;
  openBackend: (options: { dbPath: string; origin: 'cli'; fallbackOperator: string }) => Ctx;
  checkOnce: (db: unknown, path: string, access: unknown) => void;
  /** A tree whose apply leaves its checkpoint owed (db/bulk.ts) pays it with this; timed apart. */
  payOwedCheckpoint?: (db: unknown) => boolean;
}
interface Ctx {
  db: { close(): void };
  dbPath: string;
  access: unknown;
  files: { register(path: string): { handle: string } };
}
type Answer =
  { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };

async function load(label: string, root: string): Promise<Tree> {
  const at = (path: string) => pathToFileURL(join(root, path)).href;
  const dispatch = (await import(at('electron/backend/dispatch.ts'))) as Pick<Tree, 'dispatch'>;
  const backend = (await import(at('electron/backend/index.ts'))) as Pick<Tree, 'openBackend'>;
  const access = (await import(at('electron/backend/db/access.ts'))) as Pick<Tree, 'checkOnce'>;
  const bulk = (await import(at('electron/backend/db/bulk.ts'))) as Partial<
    Pick<Tree, 'payOwedCheckpoint'>
  >;
  return { label, ...dispatch, ...backend, ...access, ...bulk };
}

async function call(tree: Tree, ctx: Ctx, method: string, input: unknown): Promise<unknown> {
  const answer = await tree.dispatch(ctx, method, input);
  if (!answer.ok) throw new Error(`${tree.label} ${method}: ${answer.error.message}`);
  return answer.value;
}

function cpuMs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

async function importOnce(tree: Tree, national: string, file: string, dir: string) {
  const dbPath = join(dir, `${tree.label}.sqlite3`);
  copyFileSync(national, dbPath);
  const ctx = tree.openBackend({ dbPath, origin: 'cli', fallbackOperator: 'Bench' });
  try {
    tree.checkOnce(ctx.db, ctx.dbPath, ctx.access);
    const handle = ctx.files.register(file).handle;
    let started = performance.now();
    let cpu = process.cpuUsage();
    const preview = (await call(tree, ctx, 'ratings.importPreview', { file: handle })) as {
      planId: string;
    };
    const previewMs = performance.now() - started;
    const previewCpu = cpuMs(cpu);
    started = performance.now();
    cpu = process.cpuUsage();
    const result = (await call(tree, ctx, 'ratings.importApply', { planId: preview.planId })) as {
      newRatings: unknown[];
    };
    const applyMs = performance.now() - started;
    const applyCpu = cpuMs(cpu);
    started = performance.now();
    cpu = process.cpuUsage();
    const paid = tree.payOwedCheckpoint?.(ctx.db) ?? false;
    return {
      previewMs,
      previewCpu,
      applyMs,
      applyCpu,
      checkpoint: paid
        ? `${(performance.now() - started).toFixed(0)} ms (cpu ${cpuMs(cpu).toFixed(0)})`
        : 'in the apply',
      newRatings: result.newRatings.length,
    };
  } finally {
    ctx.db.close();
    rmSync(dbPath, { force: true });
    rmSync(`${dbPath}-wal`, { force: true });
    rmSync(`${dbPath}-shm`, { force: true });
  }
}

async function main(): Promise<void> {
  const [baseRoot, national, file, roundsText] = process.argv.slice(2);
  if (!baseRoot || !national || !file) {
    throw new Error('usage: ratings-import-ab BASE_TREE NATIONAL.sqlite3 FILE [ROUNDS]');
  }
  const trees = [
    await load('base', resolve(baseRoot)),
    await load('new', resolve(import.meta.dirname, '..', '..')),
  ];
  const dir = mkdtempSync(join(tmpdir(), 'tccsd-import-ab-'));
  try {
    for (let round = 1; round <= Number(roundsText ?? 3); round++) {
      // Each round starts with the other tree, so neither always goes first.
      const order = round % 2 === 1 ? trees : [...trees].reverse();
      for (const tree of order) {
        const r = await importOnce(tree, national, file, dir);
        process.stdout.write(
          `${round} ${tree.label.padEnd(4)} preview ${r.previewMs.toFixed(0)} ms ` +
            `(cpu ${r.previewCpu.toFixed(0)}), apply ${r.applyMs.toFixed(0)} ms ` +
            `(cpu ${r.applyCpu.toFixed(0)}), checkpoint ${r.checkpoint}, ${r.newRatings} new ` +
            `ratings, load ` +
            `${(await import('node:os')).loadavg()[0]?.toFixed(1)}\n`,
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
