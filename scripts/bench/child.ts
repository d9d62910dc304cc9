// Runs one measured job (exchange-child.ts) in a child Node process and returns its result.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ChildResult } from './exchange-child';
import { BENCH_DIR, REPO_ROOT } from './paths';

export interface ChildOptions {
  /** Write a V8 CPU profile of the child into `.bench/profiles/` (node --cpu-prof). */
  cpuProfile: boolean;
}

export const PROFILE_DIR = join(BENCH_DIR, 'profiles');

export function runChild(args: string[], options: ChildOptions): Promise<ChildResult> {
  const flags = ['--import', 'tsx'];
  if (options.cpuProfile) {
    mkdirSync(PROFILE_DIR, { recursive: true });
    flags.push(
      '--cpu-prof',
      '--cpu-prof-dir',
      PROFILE_DIR,
      '--cpu-prof-name',
      `${args[0]}.cpuprofile`,
    );
  }
  const script = join(REPO_ROOT, 'scripts', 'bench', 'exchange-child.ts');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...flags, script, ...args], {
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
        reject(new Error(`${args[0]} failed (exit ${code}):\n${err || out}`));
        return;
      }
      resolve(JSON.parse(last) as ChildResult);
    });
  });
}
