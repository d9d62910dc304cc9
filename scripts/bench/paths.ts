// Where the bench keeps what it builds: `.bench/` at the repository's root (git-ignored).
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BENCH_DIR = join(REPO_ROOT, '.bench');

/** A fresh folder under `.bench/` for one run's scratch files (removed when the run ends). */
export function scratchDir(name: string): string {
  const dir = join(BENCH_DIR, 'scratch', name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

export function removeScratch(): void {
  rmSync(join(BENCH_DIR, 'scratch'), { recursive: true, force: true });
}
