// Taking write permission away from a file or folder the way this machine allows: chmod for a
// normal user; as root (whom permissions do not stop) the immutable attribute. Shared by the
// tests of read-only data files, folders without write permission and restores into them.
import { execFileSync } from 'node:child_process';
import {
  accessSync,
  chmodSync,
  constants,
  mkdtempSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Takes write permission from `path` (`mode` for chmod). Returns the undo, which puts back the
 * mode it had, or null when neither way stops a write here.
 */
export function denyWrites(path: string, mode = 0o444): (() => void) | null {
  const had = statSync(path).mode & 0o7777;
  chmodSync(path, mode);
  if (!writable(path)) return () => chmodSync(path, had);
  chmodSync(path, had);
  try {
    execFileSync('chattr', ['+i', path], { stdio: 'ignore' });
  } catch {
    return null;
  }
  if (!writable(path)) return () => execFileSync('chattr', ['-i', path], { stdio: 'ignore' });
  execFileSync('chattr', ['-i', path], { stdio: 'ignore' });
  return null;
}

/** Whether this machine can take write permission from a file (tried on a probe); says so when not. */
export function canDenyWrites(suite: string): boolean {
  const dir = mkdtempSync(join(tmpdir(), 'tccsd-probe-'));
  const probe = join(dir, 'probe');
  writeFileSync(probe, '');
  const undo = denyWrites(probe);
  undo?.();
  rmSync(dir, { recursive: true, force: true });
  if (!undo) console.warn(`${suite}: write permission cannot be denied here; skipped`);
  return undo !== null;
}
