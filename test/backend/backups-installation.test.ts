// A backup made by another installation (its installation id differs from the data file's):
// restoring it takes that installation's id, right when moving to a new PC, wrong when both keep
// working (two offices sending exchange files under one id). backups.list and backups.check say
// so, and backups.restore refuses it unless told the user knows (fromOtherInstallation).
import Database from 'better-sqlite3';
import { copyFileSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { backupFileName } from '../../electron/backend/backup/names';
import type { TestBackend } from '../helpers/backend';
import { addUnit, cleanupTemp, errorOf, makeBackend, makeTempDir } from '../helpers/backend';

afterEach(cleanupTemp);

function installationOf(b: TestBackend): string {
  return b.ctx.db
    .prepare("SELECT value FROM meta WHERE key = 'installation_id'")
    .pluck()
    .get() as string;
}

function backupsFolder(b: TestBackend): string {
  return join(dirname(b.dbPath), 'backups');
}

function folderNames(b: TestBackend): string[] {
  return readdirSync(backupsFolder(b)).sort();
}

/**
 * This PC (`here`, with its own backup) and another PC's backup (`there`, 3 units) copied into
 * this PC's backups folder under a name of the list, with its facts file.
 */
async function twoInstallations() {
  const other = makeBackend();
  for (const name of ['Chi bộ Thôn Một', 'Chi bộ Thôn Hai', 'Chi bộ Thôn Ba']) {
    addUnit(other, name, 2008);
  }
  const made = await other.callAsync('backups.create', {});
  const here = makeBackend();
  addUnit(here, 'Đảng bộ Xã Tân Lập', 2008);
  const own = await here.callAsync('backups.create', {});
  const there = backupFileName(here.dbPath, new Date(2026, 0, 5, 9, 0, 0), 'manual');
  const source = join(backupsFolder(other), made.name);
  copyFileSync(source, join(backupsFolder(here), there));
  copyFileSync(`${source}.json`, join(backupsFolder(here), `${there}.json`));
  return { other, here, own: own.name, there, source };
}

const OTHER_MESSAGE =
  'được tạo ở một bản cài đặt khác (một máy khác, hoặc máy này trước khi khôi phục dữ liệu của ' +
  'máy khác). Khôi phục nó thì máy này nhận mã bản cài đặt của máy đó: chỉ đúng khi chuyển sang ' +
  'máy mới và máy cũ thôi dùng. Nếu cả hai máy còn làm việc, hai nơi sẽ gửi dữ liệu trao đổi ' +
  'dưới cùng một mã. Chưa khôi phục; dữ liệu đang dùng không bị thay đổi.';

describe('a backup of another installation', () => {
  it('is marked in the list; this installation’s own backups are not', async () => {
    const { here, own, there } = await twoInstallations();
    const list = here.call('backups.list', {}).backups;
    expect(list.map((b) => [b.name, b.units, b.otherInstallation])).toEqual([
      [own, 1, false],
      [there, 3, true],
    ]);
  });

  it('is marked from the backup itself when its facts file predates the installation id', async () => {
    const { here, there } = await twoInstallations();
    const sidecar = join(backupsFolder(here), `${there}.json`);
    const facts = JSON.parse(readFileSync(sidecar, 'utf8')) as Record<string, unknown>;
    expect(typeof facts.installationId).toBe('string');
    delete facts.installationId;
    writeFileSync(sidecar, JSON.stringify(facts));
    const listed = here.call('backups.list', {}).backups.find((b) => b.name === there);
    expect(listed).toMatchObject({
      units: 3,
      appVersion: expect.any(String),
      otherInstallation: true,
    });
  });

  it('backups.check says so for a listed backup and for a chosen file, and changes nothing', async () => {
    const { here, own, there, source } = await twoInstallations();
    const before = here.snapshot();
    const names = folderNames(here);
    expect(here.call('backups.check', { name: there })).toEqual({
      name: there,
      units: 3,
      ratings: 0,
      schemaVersion: expect.any(Number),
      otherInstallation: true,
    });
    expect(here.call('backups.check', { name: own })).toMatchObject({ otherInstallation: false });
    const file = here.ctx.files.register(source);
    expect(here.call('backups.check', { file: file.handle })).toMatchObject({
      name: file.name,
      units: 3,
      otherInstallation: true,
    });
    expect(here.snapshot()).toBe(before);
    expect(folderNames(here)).toEqual(names);
  });

  it('backups.check refuses a damaged or foreign file as the restore would', async () => {
    const { here } = await twoInstallations();
    const before = here.snapshot();
    const junk = join(makeTempDir(), 'khong-phai.sqlite3');
    writeFileSync(junk, 'không phải tệp dữ liệu');
    const error = errorOf(
      here.attempt('backups.check', { file: here.ctx.files.register(junk).handle }),
    );
    expect(error.code).toBe('NOT_A_DATABASE');
    expect(error.message).toContain('không phải là bản sao lưu tệp dữ liệu của ứng dụng này');
    expect(here.snapshot()).toBe(before);
  });

  it('is refused without fromOtherInstallation: the reason in Vietnamese, nothing changed or backed up', async () => {
    const { here, there, source } = await twoInstallations();
    const before = here.snapshot();
    const names = folderNames(here);
    const byName = errorOf(await here.attemptAsync('backups.restore', { name: there }));
    expect(byName.code).toBe('OTHER_INSTALLATION');
    expect(byName.message).toBe(`Bản sao lưu "${there}" ${OTHER_MESSAGE}`);
    const file = here.ctx.files.register(source);
    const byFile = errorOf(
      await here.attemptAsync('backups.restore', {
        file: file.handle,
        fromOtherInstallation: false,
      }),
    );
    expect(byFile.code).toBe('OTHER_INSTALLATION');
    expect(byFile.message).toBe(`Bản sao lưu "${file.name}" ${OTHER_MESSAGE}`);
    expect(here.snapshot()).toBe(before);
    expect(folderNames(here)).toEqual(names);
  });

  it('is restored with fromOtherInstallation, and this file takes the other installation’s id', async () => {
    const { other, here, there } = await twoInstallations();
    const theirs = installationOf(other);
    expect(installationOf(here)).not.toBe(theirs);
    const done = await here.callAsync('backups.restore', {
      name: there,
      fromOtherInstallation: true,
    });
    expect(done).toMatchObject({ restored: there, units: 3 });
    expect(installationOf(here)).toBe(theirs);
    // The backup made just before is this installation's data, now "another" one's.
    expect(done.before.otherInstallation).toBe(false);
    const list = here.call('backups.list', {}).backups;
    expect(list.find((b) => b.name === done.before.name)?.otherInstallation).toBe(true);
    expect(list.find((b) => b.name === there)?.otherInstallation).toBe(false);
  });

  it('a backup of this installation needs no such word', async () => {
    const { here, own } = await twoInstallations();
    addUnit(here, 'Chi bộ Thôn Mới', 2020);
    const done = await here.callAsync('backups.restore', { name: own });
    expect(done).toMatchObject({ restored: own, units: 1 });
  });

  it('a backup without an installation id is not called another installation’s (unknown)', async () => {
    const here = makeBackend();
    addUnit(here, 'Đảng bộ Xã Tân Lập', 2008);
    const made = await here.callAsync('backups.create', {});
    const path = join(backupsFolder(here), made.name);
    const db = new Database(path);
    db.prepare("DELETE FROM meta WHERE key = 'installation_id'").run();
    db.close();
    // Read from the file itself: no facts file (a backup copied in by hand).
    rmSync(`${path}.json`);
    expect(here.call('backups.list', {}).backups[0]).toMatchObject({
      name: made.name,
      otherInstallation: null,
    });
  });
});
