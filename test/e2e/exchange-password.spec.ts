// Exchange files with a password (issue 11 item 7) in Chromium: Gửi dữ liệu with "Đặt mật khẩu
// cho tệp" typed twice from the keyboard, the sealed file saved; another installation chooses it
// in Nhận dữ liệu, is asked for the password ("Tệp có mật khẩu"), a wrong one is said and nothing
// is written, the right one opens the preview; imported, Nhật ký thay đổi names the file. Views saved to test-results/screens/ at 1366×768
// and 1024×640 (exchange-password-send, exchange-password-ask, exchange-password-wrong,
// exchange-password-preview, exchange-password-audit) and checked for layout problems.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect } from '@playwright/test';
import { layoutProblems } from './layout';
import { invoke, screenshot, startPreview, test } from './preview';

const SIZES = [
  { width: 1366, height: 768 },
  { width: 1024, height: 640 },
] as const;
const PASSWORD = 'Đồng Ý vững mạnh 2017';

/** Each size in turn: the view saved and checked, back at 1366×768 afterwards. */
async function lookAtBothSizes(page: Page, name: string, problems: string[]) {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.mouse.move(1, 1);
    await screenshot(page, `${size.width}-${name}`);
    for (const problem of await layoutProblems(page)) problems.push(`${name}: ${problem}`);
  }
  await page.setViewportSize(SIZES[0]);
}

async function openExchange(page: Page, tab: string) {
  await page
    .getByRole('navigation')
    .getByRole('button', { name: 'Trao đổi dữ liệu', exact: true })
    .click();
  await page.getByRole('tab', { name: tab }).click();
  return page.getByRole('tabpanel', { name: tab });
}

test('a file sent with a password: asked for, a wrong one refused, the right one previewed', async ({
  page,
  preview,
}) => {
  test.setTimeout(180_000);
  const problems: string[] = [];
  await invoke(preview, 'setup.complete', {
    operatorName: 'Ban Tổ chức Huyện ủy',
    ownUnit: { mode: 'new', name: 'Huyện ủy Bắc Sơn', kind: 'upper_committee', fromYear: 2008 },
  });
  const info = await invoke<{ ownUnitId: string }>(preview, 'app.info', {});
  await invoke(preview, 'units.create', {
    name: 'Đảng bộ xã Đồng Ý',
    kind: 'base_committee',
    parentId: info.ownUnitId,
    fromYear: 2008,
  });
  const receiver = await startPreview();
  try {
    await invoke(receiver, 'setup.complete', {
      operatorName: 'Ban Tổ chức Tỉnh ủy',
      ownUnit: { mode: 'new', name: 'Đảng bộ tỉnh Lạng Sơn', kind: 'province' },
    });

    // The sender: the password typed twice from the keyboard.
    await page.setViewportSize(SIZES[0]);
    await page.goto(preview.url);
    const send = await openExchange(page, 'Gửi dữ liệu');
    await send.getByRole('checkbox', { name: 'Đặt mật khẩu cho tệp' }).check();
    await send.getByLabel('Mật khẩu (ít nhất 8 ký tự)').focus();
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Tab');
    await expect(send.getByLabel('Nhập lại mật khẩu')).toBeFocused();
    await page.keyboard.type(PASSWORD);
    await lookAtBothSizes(page, 'exchange-password-send', problems);
    const started = page.waitForEvent('download');
    await send.getByRole('button', { name: 'Tạo tệp và lưu…' }).click();
    const download = await started;
    const name = download.suggestedFilename();
    await expect(send.getByText(`Đã lưu tệp ${name}`, { exact: false })).toBeVisible({
      timeout: 30_000,
    });
    const path = join(mkdtempSync(join(tmpdir(), 'tccsd-e2e-files-')), name);
    await download.saveAs(path);
    expect(readFileSync(path).subarray(0, 8).toString('latin1')).toBe('TCCSDENC');

    // The receiver: asked for the password, a wrong one, then the right one.
    // The data file and its write-ahead log, where an uncheckpointed write would be.
    const hashOf = () => {
      const hash = createHash('sha256').update(readFileSync(receiver.dbPath));
      const wal = `${receiver.dbPath}-wal`;
      if (existsSync(wal)) hash.update(readFileSync(wal));
      return hash.digest('hex');
    };
    const other = await page.context().newPage();
    await other.setViewportSize(SIZES[0]);
    await other.goto(receiver.url);
    const receive = await openExchange(other, 'Nhận dữ liệu');
    const chooser = other.waitForEvent('filechooser');
    await receive.getByRole('button', { name: /^Chọn tệp dữ liệu/ }).click();
    await (await chooser).setFiles([path]);
    const dialog = other.getByRole('dialog', { name: 'Tệp có mật khẩu' });
    await expect(dialog).toContainText(`Tệp ${name} được đặt mật khẩu.`);
    const field = dialog.getByLabel('Mật khẩu của tệp');
    await expect(field).toBeFocused();
    await lookAtBothSizes(other, 'exchange-password-ask', problems);
    const before = hashOf();
    await other.keyboard.type('Dong Y vung manh 2017');
    await other.keyboard.press('Enter');
    await expect(dialog.getByRole('alert')).toContainText('Mật khẩu không đúng.', {
      timeout: 30_000,
    });
    await lookAtBothSizes(other, 'exchange-password-wrong', problems);
    expect(hashOf()).toBe(before);

    await field.fill(PASSWORD);
    await other.keyboard.press('Enter');
    await expect(receive.getByRole('region', { name: 'Xem trước' })).toBeVisible({
      timeout: 30_000,
    });
    await expect(dialog).toBeHidden();
    await expect(receive).toContainText(name);
    await lookAtBothSizes(other, 'exchange-password-preview', problems);

    // Imported: Nhật ký thay đổi names the file, its origin and where it came from.
    await receive.getByRole('button', { name: 'Nhập dữ liệu' }).click();
    await expect(receive.getByRole('status').filter({ hasText: /Đã nhập/ })).toBeVisible({
      timeout: 30_000,
    });
    await other
      .getByRole('navigation')
      .getByRole('button', { name: 'Nhật ký thay đổi', exact: true })
      .click();
    const log = other.getByRole('table', { name: 'Các thay đổi' });
    await expect(log).toContainText(name);
    await expect(log).toContainText('Chiều gửi: Từ đơn vị ngang cấp');
    // Every field named in Vietnamese: a stored key (keptLocal) starts with a small letter.
    const fieldNames = await log.locator('.audit-field').allTextContents();
    expect(fieldNames.filter((f) => !/^\p{Lu}/u.test(f))).toEqual([]);
    await lookAtBothSizes(other, 'exchange-password-audit', problems);
    expect(problems).toEqual([]);
  } finally {
    await receiver.stop();
  }
});
