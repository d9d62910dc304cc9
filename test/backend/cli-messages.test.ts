// Issue 11 item 3 on the command line: argument errors in Vietnamese (not node:util's English),
// an option typed empty refused instead of read as "not given", and what is not for the user —
// developer lines, stack traces — in the log file, never on the terminal.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { log, logToConsole, logToFile } from '../../electron/backend/log';
import { unexpectedFailure } from '../../electron/cli/messages';
import { VIETNAMESE_LETTER, cleanupTemp, makeTempDir, tempDbPath } from '../helpers/backend';
import { cli, dataOf } from '../helpers/cli';

afterEach(() => {
  logToConsole();
  cleanupTemp();
});

const ENGLISH = /Unknown option|argument missing|does not take|ambiguous|Error|at .*\.(ts|js)/;

/** A data file with one unit, made through the command line itself. */
async function seeded(): Promise<string> {
  const db = tempDbPath();
  const added = await cli(db, 'units', 'add', '--name', 'Chi bộ thôn Pác Cáp', '--code', 'PC01');
  expect(added.code, added.err).toBe(0);
  return db;
}

describe('tccsd argument errors', () => {
  it.each([
    [['units', 'list', '--yaer', '2017'], /Không có tham số --yaer\./],
    [['units', 'list', '-x'], /Không có tham số -x\./],
    [['units', 'list', '--year'], /Tham số --year cần một giá trị, ví dụ --year 2017\./],
    [['units', 'list', '--json=1'], /Tham số --json không nhận giá trị; chỉ ghi --json\./],
    [['units', 'list', '--year', '--json'], /Tham số --year cần một giá trị; giá trị bắt đầu/],
  ])('%j is said in Vietnamese with the usage, exit code 2', async (args, said) => {
    const db = await seeded();
    const before = dataOf(db);
    const answer = await cli(db, ...args);
    expect(answer.code).toBe(2);
    expect(answer.err).toMatch(said);
    expect(answer.err).toContain('Cách dùng');
    // The lines of the command typed, not the whole page that hid the error above it.
    expect(answer.err).toContain('  units list [--search CHỮ]');
    expect(answer.err).not.toContain('watchlist create');
    expect(answer.err).toContain('tccsd --help');
    expect(answer.err).not.toMatch(ENGLISH);
    expect(dataOf(db)).toBe(before);
  });

  it.each([
    [['ratings', 'set', '--unit', 'PC01', '--year', '', '--level', 'HTTNV']],
    [['units', 'add', '--name', 'Chi bộ Nà Ngần', '--from', '']],
    [['units', 'add', '--name', 'Chi bộ Nà Ngần', '--code', ' ']],
    [['units', 'list', '--year', '']],
    [['import-ratings', 'tep.csv', '--sheet', '']],
  ])('an option typed empty is refused, not read as "not given": %j', async (args) => {
    const db = await seeded();
    const before = dataOf(db);
    const answer = await cli(db, ...args);
    expect(answer.code).toBe(2);
    expect(answer.err).toMatch(/Tham số --[a-z]+ để trống\. Hãy ghi giá trị/);
    expect(answer.err).toMatch(VIETNAMESE_LETTER);
    expect(dataOf(db)).toBe(before);
  });

  it('an empty note is still allowed (it clears nothing, it says nothing)', async () => {
    const db = await seeded();
    const answer = await cli(
      db,
      'ratings',
      'set',
      '--unit',
      'PC01',
      '--year',
      '2016',
      '--level',
      'HTTNV',
      '--note',
      '',
    );
    expect(answer.code, answer.err).toBe(0);
  });
});

describe('tccsd log file', () => {
  it('log lines go to the file with their time, not to the console', () => {
    const path = join(makeTempDir(), 'logs', 'tccsd.log');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      logToFile(path);
      log.warn('slow: units.list took 812.0 ms');
      log.error('command failed', new TypeError('x is not a function'));
      expect(warn).not.toHaveBeenCalled();
      expect(error).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
      error.mockRestore();
    }
    const text = readFileSync(path, 'utf8');
    expect(text).toMatch(/^\d{4}-\d\d-\d\dT\S+ WARN \[tccsd\] slow: units\.list took 812\.0 ms$/m);
    expect(text).toMatch(/ERROR \[tccsd\] command failed TypeError: x is not a function\n\s+at /);
  });

  it('an unexpected failure is said in Vietnamese with where its detail went', () => {
    const path = join(makeTempDir(), 'tccsd.log');
    logToFile(path);
    const said = unexpectedFailure(new TypeError('Cannot read properties of undefined'), path);
    expect(said).toBe(
      `Lỗi ngoài dự kiến; dữ liệu không bị thay đổi. Chi tiết đã được ghi vào nhật ký: ${path}`,
    );
    expect(readFileSync(path, 'utf8')).toContain('Cannot read properties of undefined');
  });

  it('the real command: English of node:util in the log file, Vietnamese on the terminal', () => {
    const db = tempDbPath();
    const logFile = join(makeTempDir(), 'nhat-ky', 'tccsd.log');
    const run = spawnSync(
      'node_modules/.bin/tsx',
      ['electron/cli.ts', '--db', db, 'units', 'list', '--yaer', '2017'],
      { encoding: 'utf8', env: { ...process.env, TCCSD_LOG_FILE: logFile } },
    );
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^Lỗi: Không có tham số --yaer\./);
    expect(run.stderr).not.toMatch(ENGLISH);
    expect(run.stdout).toBe('');
    expect(existsSync(logFile)).toBe(true);
    expect(readFileSync(logFile, 'utf8')).toContain("Unknown option '--yaer'");
    // The usage names the log file, so a technician knows where to look.
    expect(
      execFileSync('node_modules/.bin/tsx', ['electron/cli.ts', '--help'], {
        encoding: 'utf8',
        env: { ...process.env, TCCSD_LOG_FILE: logFile },
      }),
    ).toContain(`Nhật ký (chi tiết lỗi cho cán bộ kỹ thuật): ${logFile}`);
  });
});
