// bin/tccsd.mjs when the built command line cannot be loaded (a native module built for another
// Node, a file missing from out/): one Vietnamese line naming the log file, exit code 1, and
// Node's English stack trace only in that log. The launcher is copied into a folder of its own
// (no electron/cli.ts there, so it does not build) beside a broken or missing out/cli/tccsd.mjs.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliLogPath } from '../../electron/cli/messages';
import { cleanupTemp, makeTempDir } from '../helpers/backend';

const ROOT = resolve(import.meta.dirname, '../..');
const NATIVE_FAILURE =
  "The module 'better_sqlite3.node' was compiled against a different Node.js version";

afterAll(() => cleanupTemp());

/** A checkout-less install: bin/tccsd.mjs and, when given, out/cli/tccsd.mjs holding `built`. */
function install(built: string | null): string {
  const dir = makeTempDir('tccsd-launcher-');
  mkdirSync(join(dir, 'bin'));
  copyFileSync(join(ROOT, 'bin', 'tccsd.mjs'), join(dir, 'bin', 'tccsd.mjs'));
  if (built !== null) {
    mkdirSync(join(dir, 'out', 'cli'), { recursive: true });
    writeFileSync(join(dir, 'out', 'cli', 'tccsd.mjs'), built);
  }
  return dir;
}

function launch(dir: string, env: NodeJS.ProcessEnv) {
  const clean = { ...process.env };
  delete clean.TCCSD_LOG_FILE;
  delete clean.TCCSD_DATA_DIR;
  const run = spawnSync(process.execPath, [join(dir, 'bin', 'tccsd.mjs'), 'units', 'list'], {
    encoding: 'utf8',
    env: { ...clean, ...env },
  });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

describe('the launcher when the command line cannot be loaded', () => {
  it('a module that throws while loading: Vietnamese on the terminal, the trace in the log', () => {
    const dir = install(`throw new Error(${JSON.stringify(NATIVE_FAILURE)});\n`);
    const logFile = join(makeTempDir(), 'nhat-ky', 'tccsd.log');
    const run = launch(dir, { TCCSD_LOG_FILE: logFile });
    expect(run.code).toBe(1);
    expect(run.out).toBe('');
    expect(run.err).toBe(
      'Lỗi: không khởi động được chương trình tccsd (cài đặt bị thiếu hoặc hỏng; hãy cài lại). ' +
        `Chi tiết đã được ghi vào nhật ký: ${logFile}\n`,
    );
    const logged = readFileSync(logFile, 'utf8');
    expect(logged).toContain('ERROR [tccsd] the command line could not be loaded');
    expect(logged).toContain(NATIVE_FAILURE);
    expect(logged).toMatch(/\n\s+at /);
  });

  it('a missing build: the same line, in the log of the data folder as the command line names it', () => {
    const dir = install(null);
    const env = { TCCSD_DATA_DIR: join(makeTempDir(), 'du lieu') };
    const logFile = cliLogPath(env);
    const run = launch(dir, env);
    expect(run.code).toBe(1);
    expect(run.err).toContain('Lỗi: không khởi động được chương trình tccsd');
    expect(run.err).toContain(`Chi tiết đã được ghi vào nhật ký: ${logFile}\n`);
    expect(run.err).not.toMatch(/Error|Cannot find|\bat /);
    expect(readFileSync(logFile, 'utf8')).toContain('ERR_MODULE_NOT_FOUND');
  });

  it('with the default data folder (XDG_DATA_HOME) the path is the one the command line uses', () => {
    const dir = install('export {};\nthrow new TypeError("boom");\n');
    const env = { XDG_DATA_HOME: makeTempDir() };
    const run = launch(dir, env);
    expect(run.code).toBe(1);
    const logFile = cliLogPath({ ...process.env, TCCSD_DATA_DIR: '', TCCSD_LOG_FILE: '', ...env });
    expect(run.err).toContain(`Chi tiết đã được ghi vào nhật ký: ${logFile}\n`);
    expect(existsSync(logFile)).toBe(true);
  });

  it('a log that cannot be written is said as such, still without a trace', () => {
    const dir = install(`throw new Error(${JSON.stringify(NATIVE_FAILURE)});\n`);
    const blocker = join(makeTempDir(), 'tep');
    writeFileSync(blocker, 'một tệp, không phải thư mục');
    const logFile = join(blocker, 'tccsd.log');
    const run = launch(dir, { TCCSD_LOG_FILE: logFile });
    expect(run.code).toBe(1);
    expect(run.err).toBe(
      'Lỗi: không khởi động được chương trình tccsd (cài đặt bị thiếu hoặc hỏng; hãy cài lại). ' +
        `Không ghi được chi tiết vào nhật ký ${logFile}.\n`,
    );
  });
});
