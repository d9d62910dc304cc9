// Two programs writing the same data file at once (the app and the CLI, two windows, an import
// and the grid): every write takes the lock up front and waits its turn, so none fails and none
// is lost; a lock held past the timeout gives a Vietnamese message and changes nothing.
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { BackendPort } from '../../electron/backend/worker/host';
import { startBackendWorker } from '../../electron/backend/worker/host';
import { BUSY_MESSAGE } from '../../electron/backend/db/write';
import { cleanupTemp, makeBackend, tempDbPath } from '../helpers/backend';

const ports: BackendPort[] = [];
afterEach(async () => {
  for (const port of ports.splice(0)) await port.close();
  cleanupTemp();
});

async function writer(dbPath: string, operator: string, busyTimeoutMs?: number) {
  const port = await startBackendWorker({ dbPath, origin: 'app', busyTimeoutMs });
  ports.push(port);
  await port.invoke('settings.setOperator', { operatorName: operator });
  return port;
}

describe('two writers on one data file', () => {
  it('both succeed every time and no update is lost', async () => {
    const dbPath = tempDbPath();
    const seed = makeBackend({ dbPath });
    const units = Array.from({ length: 60 }, (_, i) =>
      seed.call('units.create', {
        name: `Chi bộ thôn ${i + 1}`,
        kind: 'base_cell',
        fromYear: 2010,
      }),
    );
    seed.close();
    const [app, cli] = await Promise.all([writer(dbPath, 'Ứng dụng'), writer(dbPath, 'Dòng lệnh')]);
    // Each writer rates half the units for 2016 and 2017 (every call its own transaction),
    // interleaved with the other's calls, and also registers units of its own.
    const run = async (port: BackendPort, offset: number) => {
      const failures: unknown[] = [];
      for (let i = offset; i < units.length; i += 2) {
        for (const year of [2016, 2017]) {
          const answer = await port.invoke('ratings.set', {
            unitId: units[i]!.id,
            year,
            levelCode: year === 2016 ? 'HTNV' : 'HTTNV',
          });
          if (!answer.ok) failures.push(answer.error);
        }
        const created = await port.invoke('units.create', {
          name: `Chi bộ mới ${offset}-${i}`,
          kind: 'base_cell',
          fromYear: 2018,
        });
        if (!created.ok) failures.push(created.error);
      }
      return failures;
    };
    const [appFailures, cliFailures] = await Promise.all([run(app, 0), run(cli, 1)]);
    expect(appFailures).toEqual([]);
    expect(cliFailures).toEqual([]);
    const check = new Database(dbPath, { readonly: true });
    const rated = check
      .prepare('SELECT year, count(*) AS n FROM ratings WHERE deleted_at IS NULL GROUP BY year')
      .all();
    expect(rated).toEqual([
      { year: 2016, n: 60 },
      { year: 2017, n: 60 },
    ]);
    expect(check.prepare('SELECT count(*) FROM units').pluck().get()).toBe(120);
    check.close();
  });

  it('says in Vietnamese that the file is being written elsewhere when the lock outlasts the wait', async () => {
    const dbPath = tempDbPath();
    makeBackend({ dbPath }).close();
    const app = await writer(dbPath, 'Ứng dụng', 200);
    const other = new Database(dbPath);
    other.exec('BEGIN IMMEDIATE'); // another program holds the write lock
    const before = other.prepare('SELECT count(*) FROM units').pluck().get();
    const answer = await app.invoke('units.create', {
      name: 'Chi bộ Cục Thống kê',
      kind: 'base_cell',
      fromYear: 2015,
    });
    expect(answer).toEqual({ ok: false, error: { code: 'DATA_BUSY', message: BUSY_MESSAGE } });
    other.exec('ROLLBACK');
    expect(other.prepare('SELECT count(*) FROM units').pluck().get()).toBe(before);
    other.close();
    // Once the other program is done, the same write goes through.
    expect(
      (
        await app.invoke('units.create', {
          name: 'Chi bộ Cục Thống kê',
          kind: 'base_cell',
          fromYear: 2015,
        })
      ).ok,
    ).toBe(true);
  });
});
