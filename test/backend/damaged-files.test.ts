// Issue 11 item 2: a damaged data file is opened to read only, every write is refused with a
// message that points to the newest good backup, and no write reaches the file (its bytes are
// the same after every attempt). Before this, 22 of 34 writes committed into such files.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { contract } from '../../shared/contract';
import type { MethodName } from '../../shared/contract';
import Database from 'better-sqlite3';
import { afterReplace } from '../../electron/backend/db/access';
import { quickCheck } from '../../electron/backend/db/integrity';
import { LATEST_SCHEMA_VERSION } from '../../electron/backend/db/migrations';
import { openDatabase } from '../../electron/backend/db/open';
import type { HostMessage, WorkerMessage } from '../../electron/backend/worker/protocol';
import { serveBackend } from '../../electron/backend/worker/serve';
import { startBackendWorker } from '../../electron/backend/worker/host';
import {
  VIETNAMESE_LETTER,
  cleanupTemp,
  errorOf,
  makeBackend,
  makeTempDir,
} from '../helpers/backend';
import { cli } from '../helpers/cli';
import {
  DAMAGES,
  bitFlippedCopy,
  damagedCopy,
  fileHash,
  pristineDataFile,
} from '../helpers/damaged-files';

const WRITE_METHODS = (Object.keys(contract) as MethodName[]).filter((m) => contract[m].writes);

let pristineDir: string;
let pristine: string;

beforeAll(() => {
  // The corpus source outlives each test's cleanup: copied into a folder of its own.
  pristineDir = mkdtempSync(join(tmpdir(), 'tccsd-pristine-'));
  pristine = join(pristineDir, 'tccsd.sqlite3');
  copyFileSync(pristineDataFile(), pristine);
  cleanupTemp();
}, 60_000);

afterEach(() => cleanupTemp());

afterAll(() => rmSync(pristineDir, { recursive: true, force: true }));

function expectDamagedMessage(error: { code: string; message: string }) {
  expect(error.code).toBe('DATA_DAMAGED');
  expect(error.message).toMatch(/bị hỏng/);
  expect(error.message).toMatch(VIETNAMESE_LETTER);
  expect(error.message).not.toMatch(/SQLITE|malformed|Error/);
}

/** A unit of the corpus, read from a file that may be damaged elsewhere. */
const UNIT_INPUT = { name: 'Chi bộ mới thành lập', fromYear: 2018, kind: 'base_cell' } as const;

describe('damaged data files', () => {
  it.each(DAMAGES)('%s: every write method is refused and the file keeps its bytes', (damage) => {
    const path = damagedCopy(pristine, damage);
    const before = fileHash(path);
    if (damage === 'truncated-pages') {
      // Half the file is gone, the schema with it: nothing can be read, so it is not opened.
      expect(() => makeBackend({ dbPath: path, operator: null })).toThrow(
        /bị hỏng, nên ứng dụng không mở/,
      );
      expect(fileHash(path)).toBe(before);
      return;
    }
    const backend = makeBackend({ dbPath: path, operator: null });
    for (const method of WRITE_METHODS) {
      expectDamagedMessage(errorOf(backend.raw(method, {})));
    }
    // Writes a user would really make, with valid input.
    expectDamagedMessage(
      errorOf(backend.attempt('settings.setOperator', { operatorName: 'Lê Văn Tám' })),
    );
    expectDamagedMessage(errorOf(backend.attempt('units.create', UNIT_INPUT)));
    expect(backend.ctx.access.refusal?.code).toBe('DATA_DAMAGED');
    backend.close();
    expect(fileHash(path)).toBe(before);
  });

  it('seeded bit flips: whenever the check sees the damage, no write of any method lands', () => {
    let detected = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const path = bitFlippedCopy(pristine, seed);
      const before = fileHash(path);
      // What the check says of this copy, asked on a connection of its own that writes nothing.
      const probe = new Database(path, { readonly: true });
      const damaged = quickCheck(probe).length > 0;
      probe.close();
      if (!damaged) continue; // a flip the check cannot see (a letter in a name): not this test's case
      detected++;
      let backend;
      try {
        backend = makeBackend({ dbPath: path, operator: null });
      } catch (error) {
        expect((error as { code?: string }).code, `seed ${seed}`).toBe('DATA_DAMAGED');
        expect(fileHash(path), `seed ${seed}`).toBe(before);
        continue;
      }
      for (const method of WRITE_METHODS) {
        expect(errorOf(backend.raw(method, {})).code, `seed ${seed} ${method}`).toBe(
          'DATA_DAMAGED',
        );
      }
      expect(errorOf(backend.attempt('units.create', UNIT_INPUT)).code).toBe('DATA_DAMAGED');
      backend.close();
      expect(fileHash(path), `seed ${seed}`).toBe(before);
    }
    // The seeds are fixed: 34 of the 40 copies are seen as damaged (SQLite 3.54); the bound
    // keeps the test from passing on a corpus the check no longer sees.
    expect(detected).toBeGreaterThanOrEqual(30);
  });

  it('reads still answer on a file damaged in a ratings page, writes do not', () => {
    const path = damagedCopy(pristine, 'table-leaf');
    const before = fileHash(path);
    const backend = makeBackend({ dbPath: path, operator: null });
    expect(backend.attempt('app.info', {}).ok).toBe(true);
    expectDamagedMessage(errorOf(backend.attempt('units.create', UNIT_INPUT)));
    backend.close();
    expect(fileHash(path)).toBe(before);
  });

  it('a damaged page met by a read is said as a damaged file, and writes are refused after it', () => {
    const path = damagedCopy(pristine, 'table-interior');
    const before = fileHash(path);
    const backend = makeBackend({ dbPath: path, operator: null });
    // Not yet checked: the register's list walks into the scrambled page of unit_versions.
    expect(backend.ctx.access.checked).toBe(false);
    const read = backend.attempt('units.list', { year: 2017 });
    expectDamagedMessage(errorOf(read));
    expect(backend.ctx.access.refusal?.code).toBe('DATA_DAMAGED');
    expectDamagedMessage(errorOf(backend.attempt('units.create', UNIT_INPUT)));
    backend.close();
    expect(fileHash(path)).toBe(before);
  });

  it('the message names the newest backup that passes the check, not a newer damaged one', () => {
    const path = damagedCopy(pristine, 'table-leaf');
    const backups = join(dirname(path), 'backups');
    mkdirSync(backups);
    const good = join(backups, 'tccsd.sqlite3.2026-11-28.bak');
    const bad = join(backups, 'tccsd.sqlite3.2026-11-29.bak');
    copyFileSync(pristine, good);
    copyFileSync(damagedCopy(pristine, 'table-interior'), bad);
    utimesSync(good, new Date('2026-11-28T10:00:00Z'), new Date('2026-11-28T10:00:00Z'));
    utimesSync(bad, new Date('2026-11-29T10:00:00Z'), new Date('2026-11-29T10:00:00Z'));
    const backend = makeBackend({ dbPath: path, operator: null });
    const error = errorOf(backend.attempt('units.create', UNIT_INPUT));
    expectDamagedMessage(error);
    expect(error.message).toContain('tccsd.sqlite3.2026-11-28.bak');
    expect(error.message).not.toContain('2026-11-29');
  });

  it('without a backups folder the message says so and what to do', () => {
    const path = damagedCopy(pristine, 'truncated-mid-page');
    const backend = makeBackend({ dbPath: path, operator: null });
    const error = errorOf(backend.attempt('units.create', UNIT_INPUT));
    expectDamagedMessage(error);
    expect(error.message).toContain('Không có thư mục sao lưu');
  });

  it('a damaged file that needs a migration is not opened, and not changed', () => {
    const dir = makeTempDir('tccsd-old-');
    const old = join(dir, 'old.sqlite3');
    openDatabase(old, { migrateTo: LATEST_SCHEMA_VERSION - 1 }).db.close();
    copyFileSync(old, join(dir, 'source.sqlite3'));
    // The same damage on an older file: page scrambled, then opened by this version.
    const path = damagedCopy(join(dir, 'source.sqlite3'), 'truncated-mid-page');
    const before = fileHash(path);
    expect(() => openDatabase(path)).toThrow(/bị hỏng, nên ứng dụng không mở/);
    expect(fileHash(path)).toBe(before);
  });

  it('the command line refuses a write into a damaged file in Vietnamese, file unchanged', async () => {
    const path = damagedCopy(pristine, 'index-page');
    const before = fileHash(path);
    const result = await cli(path, 'units', 'add', '--name', 'Chi bộ Khuổi Khỉn');
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/bị hỏng/);
    expect(result.err).not.toMatch(/SQLITE|at .*\.ts/);
    expect(fileHash(path)).toBe(before);
  });

  it('the worker refuses a write into a damaged file, file unchanged', async () => {
    const path = damagedCopy(pristine, 'table-interior');
    const before = fileHash(path);
    const port = await startBackendWorker({ dbPath: path, origin: 'app' });
    try {
      const result = await port.invoke('settings.setOperator', { operatorName: 'Lê Văn Tám' });
      expect(result).toMatchObject({ ok: false, error: { code: 'DATA_DAMAGED' } });
    } finally {
      await port.close();
    }
    expect(fileHash(path)).toBe(before);
  });

  it('the worker checks the file once idle after opening, and tells the window', async () => {
    const path = damagedCopy(pristine, 'table-leaf');
    const before = fileHash(path);
    const posted: WorkerMessage[] = [];
    let deliver: (message: HostMessage) => void = () => undefined;
    const port = {
      postMessage: (message: WorkerMessage) => posted.push(message),
      on: (_event: 'message', listener: (message: HostMessage) => void) => {
        deliver = listener;
        return port;
      },
    };
    serveBackend(port as never, { dbPath: path, origin: 'app' }, { idleCheckMs: 10 });
    // No call came: the check ran on its own and the window is told to read app.info again.
    await vi.waitFor(() =>
      expect(posted).toContainEqual({
        type: 'event',
        event: 'data.changed',
        payload: { entities: ['settings'], ids: [] },
      }),
    );
    deliver({ type: 'invoke', id: 1, method: 'app.info', input: {} });
    await vi.waitFor(() => expect(posted.some((m) => m.type === 'result')).toBe(true));
    const answer = posted.find((m) => m.type === 'result');
    expect(answer).toMatchObject({
      result: { ok: true, value: { readOnly: { code: 'DATA_DAMAGED' } } },
    });
    deliver({ type: 'close', id: 2 });
    expect(fileHash(path)).toBe(before);
  });

  it('after the file is replaced by a good copy (a restore), writes are allowed again', async () => {
    const path = damagedCopy(pristine, 'table-leaf');
    const backend = makeBackend({ dbPath: path, operator: null });
    expectDamagedMessage(errorOf(backend.attempt('units.create', UNIT_INPUT)));
    // As backups/restore.ts does: SQLite's backup API copies the good file over the data.
    const source = new Database(pristine, { readonly: true });
    await source.backup(path);
    source.close();
    afterReplace(backend.ctx.db, backend.ctx.access);
    expect(backend.attempt('units.create', UNIT_INPUT).ok).toBe(true);
    expect(backend.ctx.access).toEqual({ refusal: null, checked: true });
  });

  it('backups.restore is the way out: allowed on a damaged file, writes allowed after it', async () => {
    const path = damagedCopy(pristine, 'table-leaf');
    const backups = join(dirname(path), 'backups');
    mkdirSync(backups);
    const name = 'tccsd.2026-11-28_100000-000.daily.sqlite3';
    copyFileSync(pristine, join(backups, name));
    const backend = makeBackend({ dbPath: path, operator: null });
    const refused = errorOf(backend.attempt('units.create', UNIT_INPUT));
    expectDamagedMessage(refused);
    expect(refused.message).toContain(name);
    const restored = await backend.attemptAsync('backups.restore', { name });
    expect(restored.ok).toBe(true);
    expect(backend.call('app.info', {}).readOnly).toBeNull();
    expect(backend.attempt('units.create', UNIT_INPUT).ok).toBe(true);
  });

  it('a whole file opens for writing: the check passes and writes go through', () => {
    const path = damagedCopy(pristine, 'table-leaf');
    copyFileSync(pristine, path); // undamaged again, in the same fresh folder
    const backend = makeBackend({ dbPath: path, operator: null });
    expect(backend.attempt('settings.setOperator', { operatorName: 'Lê Văn Tám' }).ok).toBe(true);
    expect(backend.ctx.access).toEqual({ refusal: null, checked: true });
  });
});
