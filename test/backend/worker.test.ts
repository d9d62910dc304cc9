// The backend runs in a worker thread: a slow request never blocks the host's thread, events
// come back as messages, and a crash is reported and survived without losing committed data.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventName } from '../../shared/contract';
import type { BackendPort } from '../../electron/backend/worker/host';
import { BACKEND_WORKER_LIMITS } from '../../electron/backend/worker/heap';
import { CRASH_MESSAGE, startBackendWorker } from '../../electron/backend/worker/host';
import { cleanupTemp, makeTempDir, tempDbPath } from '../helpers/backend';

const HOOKED = join(import.meta.dirname, '../helpers/worker-with-hooks.ts');
const HEAP_REPORT = join(import.meta.dirname, '../helpers/worker-heap-report.ts');
const ports: BackendPort[] = [];

async function start(dbPath = tempDbPath(), script = HOOKED) {
  const port = await startBackendWorker({ dbPath, origin: 'app', script });
  ports.push(port);
  const events: { event: EventName; payload: unknown }[] = [];
  port.onEvent((event, payload) => events.push({ event, payload }));
  return { port, events, dbPath };
}

async function setUp(port: BackendPort) {
  expect(
    await port.invoke('settings.setOperator', { operatorName: 'Hoàng Văn Nam' }),
  ).toMatchObject({ ok: true });
}

afterEach(async () => {
  for (const port of ports.splice(0)) await port.close();
  cleanupTemp();
});

describe('backend worker', () => {
  it('keeps the host thread free while a slow request runs in the worker', async () => {
    const { port } = await start();
    await port.invoke('app.info', {}); // the worker is up and idle
    const order: string[] = [];
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    const slow = port.invoke('units.list', { year: 2017 }).then((result) => {
      order.push(`slow answered after ${ticks} ticks`);
      return result;
    });
    // Meanwhile the host does its own work: a timer fires and a promise chain runs while the
    // worker's thread is still blocked (it busy-waits 800 ms before answering).
    await new Promise((resolve) => setTimeout(resolve, 50));
    order.push('host answered');
    const result = await slow;
    clearInterval(timer);
    expect(result.ok).toBe(true);
    expect(order[0]).toBe('host answered');
    // The host's 10 ms timer kept running during the worker's 800 ms: it was never blocked.
    expect(ticks).toBeGreaterThan(10);
  });

  it('sends data.changed with the entities and ids a committed write changed', async () => {
    const { port, events } = await start();
    await setUp(port);
    const created = await port.invoke('units.create', {
      name: 'Đảng bộ xã Đồng Ý',
      kind: 'base_committee',
      fromYear: 2010,
    });
    expect(created.ok).toBe(true);
    const id = created.ok ? (created.value as { id: string }).id : '';
    const changed = events.filter((e) => e.event === 'data.changed').map((e) => e.payload);
    expect(changed).toContainEqual({ entities: ['settings'], ids: ['operator_name'] });
    expect(changed.at(-1)).toMatchObject({ entities: ['units'] });
    expect((changed.at(-1) as { ids: string[] }).ids).toContain(id);
    // A failed write announces nothing.
    const before = events.length;
    const refused = await port.invoke('units.create', {
      name: '',
      kind: 'base_cell',
      fromYear: 2010,
    });
    expect(refused.ok).toBe(false);
    expect(events.length).toBe(before);
  });

  it('reports a crash, restarts, and keeps what was committed', async () => {
    const { port, events, dbPath } = await start();
    await setUp(port);
    await port.invoke('units.create', {
      name: 'Chi bộ Cục Thống kê',
      kind: 'base_cell',
      fromYear: 2015,
    });
    const crashed = await port.invoke('test.crash', {});
    expect(crashed).toEqual({
      ok: false,
      error: { code: 'BACKEND_UNAVAILABLE', message: CRASH_MESSAGE },
    });
    // The next request waits for the restarted worker and sees the committed unit.
    const list = await port.invoke('units.list', { year: 2017 });
    expect(list.ok && (list.value as { rows: { name: string }[] }).rows.map((r) => r.name)).toEqual(
      ['Chi bộ Cục Thống kê'],
    );
    expect(events.some((e) => e.event === 'backend.restarted')).toBe(true);
    expect(dbPath).toBeTruthy();
  });

  it('refuses a file that is not the app data file when starting, and leaves it alone', async () => {
    const path = join(makeTempDir(), 'notes.sqlite3');
    writeFileSync(path, 'ghi chú, không phải cơ sở dữ liệu');
    await expect(
      startBackendWorker({ dbPath: path, origin: 'app', script: HOOKED }),
    ).rejects.toMatchObject({ code: 'NOT_A_DATABASE' });
  });

  it('hands files to the backend by handle', async () => {
    const { port } = await start();
    const file = join(makeTempDir(), 'xep-loai-2017.csv');
    const text = 'Tên,Xếp loại\n';
    writeFileSync(file, text);
    const ref = await port.registerFile(file);
    expect(ref).toMatchObject({ name: 'xep-loai-2017.csv', size: Buffer.byteLength(text) });
    expect(ref.handle).toMatch(/^f_[0-9a-f]{32}$/);
    expect(await port.filePath(ref.handle)).toBe(file);
    await expect(port.filePath('f_' + '0'.repeat(32))).rejects.toMatchObject({
      code: 'FILE_NOT_FOUND',
    });
  });

  it('runs the real worker entry as well', async () => {
    const { port } = await start(
      tempDbPath(),
      join(import.meta.dirname, '../../electron/backend/worker/entry.ts'),
    );
    expect(await port.invoke('app.info', {})).toMatchObject({
      ok: true,
      value: { needsSetup: true },
    });
  });

  it("starts the worker with the capped young generation (an import's peak memory)", async () => {
    // The script reports its resourceLimits and the young generation V8 reached after churning
    // through short-lived objects; without the cap it grows to 128 MB on this machine.
    const failure = await startBackendWorker({
      dbPath: tempDbPath(),
      origin: 'app',
      script: HEAP_REPORT,
      maxRestarts: 0,
    }).then(
      () => null,
      (error: unknown) => (error instanceof Error ? error.message : String(error)),
    );
    const report = JSON.parse(failure ?? '{}') as {
      resourceLimits: { maxYoungGenerationSizeMb: number };
      newSpaceMb: number;
    };
    expect(report.resourceLimits.maxYoungGenerationSizeMb).toBe(
      BACKEND_WORKER_LIMITS.maxYoungGenerationSizeMb,
    );
    // Two semi-spaces of a third of the young generation each.
    expect(report.newSpaceMb).toBeLessThanOrEqual(
      (2 * BACKEND_WORKER_LIMITS.maxYoungGenerationSizeMb) / 3,
    );
  });
});
