// The CLI end to end (issue 10: a query command in ≤ 400 ms): `bin/tccsd.mjs`, as `npx tccsd`
// runs it, started as a new process each time and timed from spawn to exit, on a copy of the
// national file. Whatever the command does before answering (loading TypeScript, opening the
// file, the query) counts.
import { spawn } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { YEAR } from './cases';
import { REPO_ROOT } from './paths';
import type { Summary } from './stats';
import { summarize } from './stats';

export const CLI_BUDGET_MS = 400;
/** Issue 10: p50 and p95 over at least 10 runs. */
export const CLI_RUNS = 10;

/** The command measured: a district's ratings of a year, as JSON. */
export const cliArgs = (dbPath: string, districtCode: string) => [
  '--db',
  dbPath,
  'ratings',
  'list',
  '--year',
  String(YEAR),
  '--scope',
  districtCode,
  '--json',
];

function runOnce(args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'tccsd.mjs'), ...args], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      if (code !== 0)
        return reject(new Error(`tccsd ${args.join(' ')} failed (exit ${code}):\n${err || out}`));
      // A command that answers nothing is not a query measured.
      if (!out.trim().startsWith('{') && !out.trim().startsWith('[')) {
        return reject(new Error(`tccsd ${args.join(' ')} answered no JSON:\n${out.slice(0, 500)}`));
      }
      resolve(ms);
    });
  });
}

export async function measureCli(
  nationalPath: string,
  dir: string,
  districtCode: string,
): Promise<Summary> {
  const dbPath = join(dir, 'cli.sqlite3');
  copyFileSync(nationalPath, dbPath);
  const args = cliArgs(dbPath, districtCode);
  await runOnce(args); // warm-up: the OS's file cache, tsx's compile cache
  const samples: number[] = [];
  for (let i = 0; i < CLI_RUNS; i++) samples.push(await runOnce(args));
  return summarize(samples);
}
