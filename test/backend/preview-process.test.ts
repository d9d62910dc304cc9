// `npm run preview` as a process: which data file it uses, and that it stops completely on
// Ctrl+C and when the command that started it is killed (no server left answering).
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isAlive } from '../../electron/preview/lifetime';
import { cleanupTemp, makeTempDir } from '../helpers/backend';

const ROOT = resolve(import.meta.dirname, '../..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const PREVIEW = join(ROOT, 'electron', 'preview.ts');
const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  cleanupTemp();
});

/** Starts `command` and waits for the preview's URL line; returns the output so far. */
async function startAndWait(command: string, args: string[], cwd: string, env = {}) {
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  const url = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`no URL:\n${output}`)), 30_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /TCCSD_PREVIEW_URL=(\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        done(match[1]!);
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.on('exit', (code) => fail(new Error(`exited ${code}:\n${output}`)));
  });
  return { child, url, output: () => output };
}

async function refused(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(2000) });
    return false;
  } catch {
    return true;
  }
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done(child.exitCode);
    child.once('exit', (code) => done(code));
  });
}

describe('preview process', () => {
  it('uses a preview file of its own without --db, says which, and stops on Ctrl+C', async () => {
    const cwd = makeTempDir();
    const dataDir = makeTempDir();
    const { child, url, output } = await startAndWait(TSX, [PREVIEW], cwd, {
      TCCSD_DATA_DIR: dataDir,
    });
    const expected = join(cwd, '.tmp', 'preview', 'tccsd.sqlite3');
    expect(output()).toContain(`Dữ liệu / data file: ${expected}`);
    expect(existsSync(expected)).toBe(true);
    // The user's real data folder is never touched unless asked.
    expect(existsSync(join(dataDir, 'tccsd.sqlite3'))).toBe(false);
    expect(await refused(url)).toBe(false);
    child.kill('SIGINT');
    await exited(child);
    expect(await refused(url)).toBe(true);
  });

  it('stops when the command that started it is killed outright', async () => {
    const cwd = makeTempDir();
    const db = join(makeTempDir(), 'thu.sqlite3');
    // sh stands in for npm: killed with SIGKILL, it forwards nothing to its children.
    const { child, url } = await startAndWait(
      'sh',
      ['-c', `"${TSX}" "${PREVIEW}" --db "${db}"; echo done`],
      cwd,
    );
    expect(await refused(url)).toBe(false);
    child.kill('SIGKILL');
    await exited(child);
    // The preview notices its parent is gone within a few seconds and closes.
    let stillAnswering = true;
    for (let i = 0; i < 40 && stillAnswering; i++) {
      await new Promise((done) => setTimeout(done, 250));
      stillAnswering = !(await refused(url));
    }
    expect(stillAnswering).toBe(false);
  });

  it('knows whether a process is alive', () => {
    expect(isAlive(process.pid)).toBe(true);
    expect(isAlive(2 ** 22 + 12345)).toBe(false);
  });
});
