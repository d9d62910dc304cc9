// A restore that cannot reach the data file says why and what to do (issue 11 item 3), and
// leaves the data exactly as it was (issue 11 item 1): a read-only data file is refused before
// anything is backed up; a disk that fills up during the copy is said as a full disk. Both
// were "không ghi được vào tệp dữ liệu (chi tiết đã được ghi vào nhật ký)" or a bare
// "ổ đĩa đã đầy", with nothing for the user to do.
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BackupInfo } from '../../shared/contract';
import { LATEST_SCHEMA_VERSION } from '../../electron/backend/db/migrations';
import { openDatabase } from '../../electron/backend/db/open';
import {
  VIETNAMESE_LETTER,
  addUnit,
  cleanupTemp,
  errorOf,
  makeBackend,
  makeTempDir,
} from '../helpers/backend';
import { fileHash } from '../helpers/damaged-files';
import { canDenyWrites, denyWrites } from '../helpers/permissions';

afterEach(() => cleanupTemp());

const CAN_DENY = canDenyWrites('restore-causes');

/** A tmpfs of `size` mounted on a new folder (root only), or null when this machine refuses. */
function smallDisk(size: string): { dir: string; unmount: () => void } | null {
  const dir = makeTempDir('tccsd-small-');
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], {
      stdio: 'ignore',
    });
  } catch {
    return null;
  }
  return { dir, unmount: () => execFileSync('umount', [dir], { stdio: 'ignore' }) };
}

const CAN_MOUNT = (() => {
  const disk = smallDisk('64k');
  disk?.unmount();
  cleanupTemp();
  return disk !== null;
})();
if (!CAN_MOUNT) console.warn('restore-causes: no small filesystem can be mounted here; skipped');

function backupsIn(dbPath: string): string[] {
  const dir = join(dirname(dbPath), 'backups');
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

function expectVietnameseCause(message: string): void {
  expect(message).toMatch(VIETNAMESE_LETTER);
  expect(message).not.toMatch(/SQLITE|Error:|không phải là tệp dữ liệu|chi tiết đã được ghi/);
}

describe.skipIf(!CAN_DENY)('restoring into a read-only data file', () => {
  it('is refused by its cause before anything is backed up; data and folder unchanged', async () => {
    const b = makeBackend();
    addUnit(b, 'Chi bộ thôn Nà Làng', 2015);
    const backup: BackupInfo = await b.callAsync('backups.create', {});
    addUnit(b, 'Chi bộ thôn Khòn Quắc', 2016);
    const path = b.dbPath;
    const before = b.snapshot();
    b.close();
    const hash = fileHash(path);
    const folder = backupsIn(path);
    const undo = denyWrites(path);
    try {
      const ro = makeBackend({ dbPath: path, operator: null });
      const error = errorOf(await ro.attemptAsync('backups.restore', { name: backup.name }));
      expect(error.code).toBe('DATA_READ_ONLY');
      expect(error.message).toMatch(/^Không khôi phục được: tệp dữ liệu ".+" chỉ cho phép đọc/);
      expect(error.message).toMatch(/Hãy bỏ thuộc tính "Chỉ đọc" của tệp/);
      expect(error.message).toMatch(/Chưa sao lưu hay thay đổi gì/);
      expectVietnameseCause(error.message);
      expect(ro.snapshot()).toBe(before);
      ro.close();
    } finally {
      undo?.();
    }
    expect(fileHash(path)).toBe(hash);
    expect(backupsIn(path)).toEqual(folder);
  });
});

describe.skipIf(!CAN_MOUNT)('a disk that fills up during the restore', () => {
  it('is said as a full disk with what to do; the data is exactly as it was', async () => {
    // The data file (one unit) lives on a 1.5 MB disk; the chosen backup, elsewhere, holds
    // enough units that its pages do not fit beside the data file and its backup.
    const big = makeBackend();
    for (let i = 0; i < 1500; i++) addUnit(big, `Chi bộ thôn số ${i} xã Hòa Cư`, 2015);
    const bigPath = big.dbPath;
    big.close();
    const disk = smallDisk('1500k');
    if (!disk) throw new Error('the small disk could not be mounted again');
    try {
      const dbPath = join(disk.dir, 'tccsd.sqlite3');
      const b = makeBackend({ dbPath });
      addUnit(b, 'Chi bộ thôn Nà Làng', 2015);
      const before = b.snapshot();
      const chosen = join(makeTempDir('tccsd-chosen-'), 'chosen.sqlite3');
      copyFileSync(bigPath, chosen);
      mkdirSync(join(disk.dir, 'backups'), { recursive: true });
      // The chosen file was made by another backend: another installation, told to the user.
      const file = b.ctx.files.register(chosen).handle;
      const error = errorOf(
        await b.attemptAsync('backups.restore', { file, fromOtherInstallation: true }),
      );
      expect(error.code).toBe('DISK_FULL');
      expect(error.message).toMatch(/^Không khôi phục được: ổ đĩa chứa tệp dữ liệu .+ đã đầy/);
      expect(error.message).toMatch(/Hãy giải phóng dung lượng/);
      expect(error.message).toMatch(/Dữ liệu đang dùng không bị thay đổi/);
      expectVietnameseCause(error.message);
      expect(b.snapshot()).toBe(before);
      b.close();
    } finally {
      disk.unmount();
    }
  });
});

describe('temporary copies left by a killed restore', () => {
  it('an older backup restored sweeps copies hours old from the temporary folder, not fresh ones', async () => {
    const stale = mkdtempSync(join(tmpdir(), 'tccsd-restore-'));
    writeFileSync(join(stale, 'restore.sqlite3'), 'bản sao tạm của lần khôi phục bị ngắt');
    const hoursAgo = new Date(Date.now() - 7 * 60 * 60 * 1000);
    utimesSync(stale, hoursAgo, hoursAgo);
    // A restore running in another window right now keeps its copy.
    const fresh = mkdtempSync(join(tmpdir(), 'tccsd-restore-'));
    try {
      const b = makeBackend();
      addUnit(b, 'Chi bộ thôn Nà Làng', 2015);
      const older = join(makeTempDir(), 'older.sqlite3');
      // A data file of the previous schema version: restored through a migrated temporary copy.
      const { db } = openDatabase(older, { migrateTo: LATEST_SCHEMA_VERSION - 1 });
      db.prepare("INSERT INTO meta(key, value) VALUES ('installation_id', 'cai-dat-cu')").run();
      db.close();
      await b.callAsync('backups.restore', {
        file: b.ctx.files.register(older).handle,
        fromOtherInstallation: true,
      });
      expect(existsSync(stale)).toBe(false);
      expect(existsSync(fresh)).toBe(true);
      b.close();
    } finally {
      rmSync(stale, { recursive: true, force: true });
      rmSync(fresh, { recursive: true, force: true });
    }
  });
});
