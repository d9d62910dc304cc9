// Where the bench keeps what it builds: `.bench/` at the repository's root (git-ignored).
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BENCH_DIR = join(REPO_ROOT, '.bench');

/**
 * This run's scratch folder: one per process, so two benches run at once (several people
 * optimising on one machine) never remove or overwrite each other's copies.
 */
export const SCRATCH_DIR = join(BENCH_DIR, 'scratch', String(process.pid));

/** A fresh folder under this run's scratch folder (removed when the run ends). */
export function scratchDir(name: string): string {
  const dir = join(SCRATCH_DIR, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

export function removeScratch(): void {
  rmSync(SCRATCH_DIR, { recursive: true, force: true });
}
