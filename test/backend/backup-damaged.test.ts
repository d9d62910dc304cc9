// Backups of a damaged data file (issue 11 items 1 and 2): a copy of a damaged file is damaged
// too, and being the newest it pushed good backups out of the kept set — a nightly `tccsd
// backup` on a damaged file left none of the month's good daily backups after ten nights, and
// the red line's "newest good backup" went with them. "Sao lưu ngay" / `tccsd backup` now refuse
// it with the damaged file's message; the backup a restore makes of the damaged data prunes
// nothing.
import { copyFileSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../electron/backend/context';
import { parseBackupName } from '../../electron/backend/backup/names';
import { VIETNAMESE_LETTER, cleanupTemp, errorOf, makeBackend } from '../helpers/backend';
import { cli } from '../helpers/cli';
import { damagedCopy, fileHash, pristineDataFile } from '../helpers/damaged-files';

afterEach(() => cleanupTemp());

function clockAt(day: number): Clock {
  return { now: () => new Date(2026, 10, day, 21, 0, 0) };
}

function backupsOf(dbPath: string): string[] {
  return readdirSync(join(dirname(dbPath), 'backups'))
    .filter((name) => parseBackupName(dbPath, name) !== null)
    .sort();
}

/**
 * A data file backed up on each of ten evenings (1–10 Nov 2026: as many days as the rule keeps),
 * then damaged on the disk in a ratings page. Returns its path and the backups' names.
 */
async function damagedAfterTenBackups(): Promise<{ path: string; good: string[]; newest: string }> {
  const path = pristineDataFile(300);
  for (let day = 1; day <= 10; day++) {
    const b = makeBackend({ dbPath: path, clock: clockAt(day), operator: null });
    await b.callAsync('backups.create', {});
    b.close();
  }
  const good = backupsOf(path);
  expect(good).toHaveLength(10);
  const broken = damagedCopy(path, 'table-leaf');
  rmSync(`${path}-wal`, { force: true });
  rmSync(`${path}-shm`, { force: true });
  copyFileSync(broken, path);
  return { path, good, newest: good.at(-1) ?? '' };
}

describe('backing up a damaged data file', () => {
  it('"Sao lưu ngay" is refused with the damaged message; no backup made, none pruned', async () => {
    const { path, good, newest } = await damagedAfterTenBackups();
    const hash = fileHash(path);
    const b = makeBackend({ dbPath: path, clock: clockAt(11), operator: null });
    const error = errorOf(await b.attemptAsync('backups.create', {}));
    expect(error.code).toBe('DATA_DAMAGED');
    expect(error.message).toMatch(/^Không sao lưu: bản sao của tệp hỏng cũng hỏng/);
    expect(error.message).toMatch(/bị hỏng/);
    // The red line's pointer survives: the newest good backup is named.
    expect(error.message).toContain(newest);
    expect(error.message).toMatch(VIETNAMESE_LETTER);
    b.close();
    expect(backupsOf(path)).toEqual(good);
    expect(fileHash(path)).toBe(hash);
  });

  it('tccsd backup says the same in Vietnamese, exit code 1, the backups folder unchanged', async () => {
    const { path, good, newest } = await damagedAfterTenBackups();
    const result = await cli(path, 'backup');
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/Không sao lưu: bản sao của tệp hỏng cũng hỏng/);
    expect(result.err).toContain(newest);
    expect(result.err).not.toMatch(/SQLITE|Error:|at .*\.[jt]s/);
    expect(backupsOf(path)).toEqual(good);
  });

  it('the backup a restore makes of the damaged data prunes no good backup', async () => {
    const { path, good, newest } = await damagedAfterTenBackups();
    const b = makeBackend({ dbPath: path, clock: clockAt(11), operator: null });
    const restored = await b.callAsync('backups.restore', { name: newest });
    expect(restored.before.kind).toBe('restore');
    b.close();
    // Eleven days now hold a backup: the rule would drop 1 Nov's, the oldest good one.
    expect(backupsOf(path)).toEqual([...good, restored.before.name].sort());
  });
});
