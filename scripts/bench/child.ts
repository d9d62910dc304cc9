// Runs one measured job (exchange-child.ts, screen-child.ts, …) in a child Node process and
// returns its result (the last line of its stdout, as JSON).
//
// The child runs the backend bundled into one file, as the app's worker runs it (electron-vite
// bundles it, packages left external), not through tsx: compiling TypeScript on the fly would
// add its own memory to the peak being measured. With --cpu-prof it runs through tsx instead,
// so the profile names the source files.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
// esbuild comes with tsx and vite (the bench's only use of it).
import { build } from 'esbuild';
import type { ChildResult } from './exchange-child';
import { BENCH_DIR, REPO_ROOT, SCRATCH_DIR } from './paths';

export interface ChildOptions {
  /** Write a V8 CPU profile of the child into `.bench/profiles/` (node --cpu-prof). */
  cpuProfile: boolean;
}

export const PROFILE_DIR = join(BENCH_DIR, 'profiles');
/** The measured children, each a script of scripts/bench/ bundled to `.bench/<name>.mjs`. */
export type ChildName = 'exchange-child' | 'screen-child' | 'ratings-import-child';
const sourceOf = (name: ChildName) => join(REPO_ROOT, 'scripts', 'bench', `${name}.ts`);
// In this run's scratch folder: a bench started later (after a migration, say) bundles its own
// and never replaces the one this run is using.
const bundleOf = (name: ChildName) => join(SCRATCH_DIR, `${name}.mjs`);
const SOURCE = sourceOf('exchange-child');
const BUNDLE = bundleOf('exchange-child');

/** Bundles a child (about a second); call once per run, before running it. */
export async function bundleChild(name: ChildName = 'exchange-child'): Promise<void> {
  await build({
    entryPoints: [sourceOf(name)],
    outfile: bundleOf(name),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    packages: 'external',
    logLevel: 'warning',
  });
}

/** Runs a bundled child (no profiling) and returns the JSON of its last line. */
export function runBundled(name: ChildName, args: string[]): Promise<unknown> {
  return spawnJson([bundleOf(name), ...args], args[0] ?? name);
}

export function runChild(args: string[], options: ChildOptions): Promise<ChildResult> {
  const command = options.cpuProfile
    ? [
        '--cpu-prof',
        '--cpu-prof-dir',
        PROFILE_DIR,
        '--cpu-prof-name',
        `${args[0]}.cpuprofile`,
        '--import',
        'tsx',
        SOURCE,
      ]
    : [BUNDLE];
  if (options.cpuProfile) mkdirSync(PROFILE_DIR, { recursive: true });
  return spawnJson([...command, ...args], args[0] ?? 'child') as Promise<ChildResult>;
}

function spawnJson(argv: string[], job: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, argv, {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !last.startsWith('{')) {
        reject(new Error(`${job} failed (exit ${code}):\n${err || out}`));
        return;
      }
      resolve(JSON.parse(last) as unknown);
    });
  });
}
