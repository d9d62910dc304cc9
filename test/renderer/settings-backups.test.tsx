// Cài đặt → Sao lưu và khôi phục: a backup now shows in the list with its facts; a restore asks
// first, says what it will do, then brings the data back; a refused restore changes nothing.
import { screen, waitFor, within } from '@testing-library/react';
import {
  closeSync,
  copyFileSync,
  mkdirSync,
  openSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { enableAutoBackup } from '../../electron/backend/backup/index';
import { fixedClock } from '../../electron/backend/context';
import type { TestBackend } from '../helpers/backend';
import { addUnit, makeBackend, makeTempDir } from '../helpers/backend';
import { backupFileName } from '../../electron/backend/backup/names';
import { renderApp } from './harness';

function seed(b: TestBackend) {
  b.call('setup.complete', {
    operatorName: 'Nguyễn Văn Bình',
    ownUnit: { mode: 'new', name: 'Huyện ủy Bắc Sơn', kind: 'upper_committee', fromYear: 2008 },
  });
  const district = { id: b.call('app.info', {}).ownUnitId ?? '' };
  for (const name of ['Đồng Ý', 'Hòa Sơn', 'Vũ Lễ']) {
    const unit = addUnit(b, `Đảng bộ xã ${name}`, 2008, {
      kind: 'base_committee',
      parentId: district.id,
    });
    b.call('ratings.set', { unitId: unit.id, year: 2017, levelCode: 'HTTNV' });
  }
}

const OTHER_WARNING =
  'Lưu ý: bản sao lưu này được tạo ở một bản cài đặt khác (một máy khác, hoặc máy này trước khi ' +
  'khôi phục dữ liệu của máy khác). Khôi phục nó thì máy này nhận mã bản cài đặt của máy đó. Chỉ ' +
  'làm vậy khi chuyển sang máy mới và máy cũ thôi dùng. Nếu cả hai máy còn làm việc, hai nơi sẽ ' +
  'gửi dữ liệu trao đổi dưới cùng một mã và nơi nhận không phân biệt được.';

function installationOf(b: TestBackend): unknown {
  return b.ctx.db.prepare("SELECT value FROM meta WHERE key = 'installation_id'").pluck().get();
}

/** A backup made on another PC (another data file, so another installation): 2 units. */
async function otherPcBackup(): Promise<{ path: string; installation: unknown }> {
  const other = makeBackend({ operator: null });
  // Set up, as a PC in use is (a file not set up would bring the app back to its setup).
  other.call('setup.complete', {
    operatorName: 'Hoàng Văn Nam',
    ownUnit: { mode: 'new', name: 'Huyện ủy Văn Lãng', kind: 'upper_committee', fromYear: 2008 },
  });
  addUnit(other, 'Chi bộ Thôn Một', 2008);
  const made = await other.callAsync('backups.create', {});
  const path = join(dirname(other.dbPath), 'backups', made.name);
  const installation = installationOf(other);
  other.close();
  return { path, installation };
}

async function openBackups(user: ReturnType<typeof renderApp>['user']) {
  await user.click(await screen.findByRole('button', { name: 'Cài đặt' }));
  return screen.findByRole('region', { name: 'Sao lưu và khôi phục' });
}

describe('Cài đặt: Sao lưu và khôi phục', () => {
  it('backs up now, lists it with its facts, and restores it after saying what will happen', async () => {
    const { user, backend } = renderApp({
      prepare: seed,
      clock: fixedClock('2026-11-30T09:15:00'),
    });
    const section = await openBackups(user);
    expect(await within(section).findByText('Chưa có bản sao lưu nào.')).toBeTruthy();
    expect(section.textContent).toContain(join(dirname(backend.dbPath), 'backups'));

    await user.click(within(section).getByRole('button', { name: 'Sao lưu ngay' }));
    const table = await within(section).findByRole('table', { name: 'Các bản sao lưu' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(1);
    const cells = within(rows[0]!)
      .getAllByRole('cell')
      .map((c) => c.textContent);
    expect(cells.slice(0, 2)).toEqual(['30/11/2026 09:15:00', 'Sao lưu ngay']);
    expect(cells[2]).toMatch(/^\d+ KB$/);
    expect(cells.slice(3, 5)).toEqual(['4', '3']);
    expect(within(section).getByRole('status').textContent).toMatch(/^Đã sao lưu: tccsd\./);
    const saved = backend.snapshot();

    // Later work, then the user goes back to the backup; cancelling first changes nothing.
    addUnit(backend, 'Chi bộ Thôn Mới', 2020);
    const changed = backend.snapshot();
    const restoreButton = within(table).getByRole('button', {
      name: 'Khôi phục bản sao lưu lúc 30/11/2026 09:15:00',
    });
    await user.click(restoreButton);
    let dialog = await screen.findByRole('dialog', { name: 'Khôi phục dữ liệu từ bản sao lưu?' });
    expect(dialog.textContent).toContain(
      'Toàn bộ dữ liệu đang dùng sẽ được thay bằng bản sao lưu lúc 30/11/2026 09:15:00 (4 tổ chức, 3 kết quả xếp loại)',
    );
    expect(dialog.textContent).toContain('sao lưu dữ liệu hiện tại, nên vẫn có thể quay lại');
    await user.click(within(dialog).getByRole('button', { name: 'Hủy' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(backend.snapshot()).toBe(changed);

    await user.click(restoreButton);
    dialog = await screen.findByRole('dialog', { name: 'Khôi phục dữ liệu từ bản sao lưu?' });
    await user.click(within(dialog).getByRole('button', { name: 'Khôi phục' }));
    await within(section).findByText(
      /^Đã khôi phục dữ liệu từ tccsd\..*: 4 tổ chức, 3 kết quả xếp loại\./,
    );
    expect(backend.snapshot()).toBe(saved);
    // The data it replaced is the newest backup now.
    await waitFor(() =>
      expect(
        within(table)
          .getAllByRole('row')
          .slice(1)
          .map((r) => r.textContent),
      ).toEqual([
        expect.stringContaining('Trước khi khôi phục'),
        expect.stringContaining('Sao lưu ngay'),
      ]),
    );
  });

  it('restores a backup file chosen elsewhere (a copy on a USB stick), after saying so', async () => {
    const { user, backend, pickNext } = renderApp({ prepare: seed });
    const copy = join(makeTempDir(), 'ban-sao-usb.sqlite3');
    const saved = backend.snapshot();
    await backend.callAsync('backups.create', {});
    const [made] = backend.call('backups.list', {}).backups;
    copyFileSync(join(dirname(backend.dbPath), 'backups', made?.name ?? ''), copy);
    addUnit(backend, 'Chi bộ Thôn Mới', 2020);

    const section = await openBackups(user);
    pickNext(copy);
    await user.click(within(section).getByRole('button', { name: 'Khôi phục từ tệp khác…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Khôi phục dữ liệu từ bản sao lưu?' });
    expect(dialog.textContent).toContain(
      'Toàn bộ dữ liệu đang dùng sẽ được thay bằng dữ liệu trong tệp "ban-sao-usb.sqlite3".',
    );
    // This installation's own copy: nothing to warn about.
    expect(dialog.textContent).not.toContain('bản cài đặt khác');
    await user.click(within(dialog).getByRole('button', { name: 'Khôi phục' }));
    await within(section).findByText(/^Đã khôi phục dữ liệu từ ban-sao-usb\.sqlite3: 4 tổ chức/);
    expect(backend.snapshot()).toBe(saved);
  });

  it("another installation's backup in the list: marked, and the confirmation says what restoring it means", async () => {
    const { user, backend } = renderApp({ prepare: seed });
    const { path: source, installation } = await otherPcBackup();
    const name = backupFileName(backend.dbPath, new Date(2026, 0, 5, 9, 0, 0), 'manual');
    mkdirSync(join(dirname(backend.dbPath), 'backups'), { recursive: true });
    copyFileSync(source, join(dirname(backend.dbPath), 'backups', name));
    const before = backend.snapshot();

    const section = await openBackups(user);
    const table = await within(section).findByRole('table', { name: 'Các bản sao lưu' });
    const row = within(table).getAllByRole('row')[1];
    expect(row?.textContent).toContain('Sao lưu ngay (Máy khác)');
    const restoreButton = within(table).getByRole('button', {
      name: 'Khôi phục bản sao lưu lúc 05/01/2026 09:00:00',
    });
    await user.click(restoreButton);
    let dialog = await screen.findByRole('dialog', { name: 'Khôi phục dữ liệu từ bản sao lưu?' });
    expect(dialog.textContent).toContain(OTHER_WARNING);
    await user.click(within(dialog).getByRole('button', { name: 'Hủy' }));
    expect(backend.snapshot()).toBe(before);

    await user.click(restoreButton);
    dialog = await screen.findByRole('dialog', { name: 'Khôi phục dữ liệu từ bản sao lưu?' });
    await user.click(within(dialog).getByRole('button', { name: 'Khôi phục' }));
    await within(section).findByText(/^Đã khôi phục dữ liệu từ tccsd\..*: 2 tổ chức, 0 kết quả/);
    expect(installationOf(backend)).toBe(installation);
  });

  it("another installation's file chosen elsewhere: checked first, the confirmation warns", async () => {
    const { user, backend, pickNext } = renderApp({ prepare: seed });
    const { path: source, installation } = await otherPcBackup();
    const copy = join(makeTempDir(), 'may-cu.sqlite3');
    copyFileSync(source, copy);
    const section = await openBackups(user);
    pickNext(copy);
    await user.click(within(section).getByRole('button', { name: 'Khôi phục từ tệp khác…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Khôi phục dữ liệu từ bản sao lưu?' });
    expect(dialog.textContent).toContain('dữ liệu trong tệp "may-cu.sqlite3"');
    expect(dialog.textContent).toContain(OTHER_WARNING);
    await user.click(within(dialog).getByRole('button', { name: 'Khôi phục' }));
    await within(section).findByText(/^Đã khôi phục dữ liệu từ may-cu\.sqlite3: 2 tổ chức/);
    expect(installationOf(backend)).toBe(installation);
  });

  it('a file chosen elsewhere that is not a backup is refused before any confirmation', async () => {
    const { user, backend, pickNext } = renderApp({ prepare: seed });
    const junk = join(makeTempDir(), 'ghi-chu.sqlite3');
    writeFileSync(junk, 'không phải tệp dữ liệu');
    const before = backend.snapshot();
    const section = await openBackups(user);
    pickNext(junk);
    await user.click(within(section).getByRole('button', { name: 'Khôi phục từ tệp khác…' }));
    await within(section).findByText(
      'Tệp "ghi-chu.sqlite3" không phải là bản sao lưu tệp dữ liệu của ứng dụng này, nên không ' +
        'khôi phục được. Hãy chọn đúng tệp sao lưu (trong thư mục backups). Dữ liệu đang dùng ' +
        'không bị thay đổi.',
    );
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(backend.snapshot()).toBe(before);
  });

  it("shows the day's backup made by a write elsewhere while the page is open", async () => {
    const { user, backend } = renderApp({ prepare: seed });
    const section = await openBackups(user);
    await within(section).findByText('Chưa có bản sao lưu nào.');
    enableAutoBackup(backend.ctx);
    await backend.callAsync('units.create', {
      name: 'Chi bộ Thôn Mới',
      kind: 'base_cell',
      fromYear: 2020,
    });
    const table = await within(section).findByRole('table', { name: 'Các bản sao lưu' });
    expect(within(table).getAllByRole('row')[1]?.textContent).toContain('Hằng ngày');
  });

  it('a damaged backup is refused with its message, and the data stays as it is', async () => {
    const { user, backend } = renderApp({ prepare: seed });
    const backup = await backend.callAsync('backups.create', {});
    const path = join(dirname(backend.dbPath), 'backups', backup.name);
    const fd = openSync(path, 'r+');
    const pages = statSync(path).size / 4096;
    writeSync(fd, Buffer.alloc(4096 * 2, 0x5a), 0, 4096 * 2, 4096 * Math.floor(pages / 2));
    closeSync(fd);
    addUnit(backend, 'Chi bộ Thôn Mới', 2020);
    const before = backend.snapshot();

    const section = await openBackups(user);
    const table = await within(section).findByRole('table', { name: 'Các bản sao lưu' });
    await user.click(within(table).getByRole('button', { name: /^Khôi phục bản sao lưu lúc / }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Khôi phục' }));
    await within(section).findByText(
      `Bản sao lưu "${backup.name}" bị hỏng (SQLite kiểm tra thấy lỗi), nên không khôi phục được. ` +
        'Hãy chọn một bản sao lưu khác. Dữ liệu đang dùng không bị thay đổi.',
    );
    expect(backend.snapshot()).toBe(before);
    expect(within(table).getAllByRole('row')).toHaveLength(2);
  });
});
