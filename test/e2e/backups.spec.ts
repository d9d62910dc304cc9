// Cài đặt → Sao lưu và khôi phục in Chromium at 1366×768 (and the list at 1024×640): the list
// with a few backups, the confirmation of a restore, and the restore itself; each view saved to
// test-results/screens/ (1366-settings-backups.png, 1024-settings-backups.png,
// 1366-settings-backups-confirm.png, 1366-settings-backups-restored.png) and checked for layout
// problems.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test as base } from '@playwright/test';
import { startPreviewHost } from '../helpers/preview-host';
import { layoutProblems } from './layout';
import type { Preview } from './preview';
import { invoke, screenshot } from './preview';

/**
 * A fresh preview host per test; TCCSD_E2E_RENDERER serves a renderer built elsewhere (a build
 * into a private folder while others use out/), else the host's own out/renderer.
 */
const test = base.extend<{ preview: Preview }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures must destructure.
  preview: async ({}, use) => {
    const dbPath = join(mkdtempSync(join(tmpdir(), 'tccsd-e2e-')), 'tccsd.sqlite3');
    const host = await startPreviewHost(dbPath, {
      rendererDir: process.env.TCCSD_E2E_RENDERER,
    });
    await use({ ...host, dbPath });
    await host.stop();
  },
});

test('Sao lưu và khôi phục: the list, the confirmation, a restore', async ({ page, preview }) => {
  await invoke(preview, 'setup.complete', {
    operatorName: 'Nguyễn Thị Hương',
    ownUnit: { mode: 'new', name: 'Huyện ủy Bắc Sơn', kind: 'upper_committee', fromYear: 2008 },
  });
  const info = await invoke<{ ownUnitId: string }>(preview, 'app.info', {});
  for (const name of ['Đồng Ý', 'Hòa Sơn', 'Vũ Lễ', 'Tân Tri', 'Long Đống']) {
    await invoke(preview, 'units.create', {
      name: `Đảng bộ xã ${name}`,
      kind: 'base_committee',
      parentId: info.ownUnitId,
      fromYear: 2008,
    });
  }
  await invoke(preview, 'backups.create', {});
  await invoke(preview, 'units.create', {
    name: 'Chi bộ Thôn Mới',
    kind: 'base_cell',
    fromYear: 2008,
  });

  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(preview.url);
  await page.getByRole('navigation').getByRole('button', { name: 'Cài đặt', exact: true }).click();
  const section = page.getByRole('region', { name: 'Sao lưu và khôi phục' });
  await section.getByRole('button', { name: 'Sao lưu ngay' }).click();
  await expect(section.getByRole('status')).toContainText('Đã sao lưu: tccsd.');
  const rows = section.getByRole('table', { name: 'Các bản sao lưu' }).locator('tbody tr');
  // The day's first write (setup) made the daily backup; then two made on request.
  await expect(rows).toHaveCount(3);
  await expect(rows.first()).toContainText('Sao lưu ngay');
  await expect(rows.last()).toContainText('Hằng ngày');
  await section.scrollIntoViewIfNeeded();
  await screenshot(page, '1366-settings-backups');
  expect(await layoutProblems(page)).toEqual([]);
  // The smallest window the app allows.
  await page.setViewportSize({ width: 1024, height: 640 });
  await section.scrollIntoViewIfNeeded();
  await screenshot(page, '1024-settings-backups');
  expect(await layoutProblems(page)).toEqual([]);
  await page.setViewportSize({ width: 1366, height: 768 });

  // Back to the backup made before "Chi bộ Thôn Mới": the confirmation says what will happen.
  await expect(rows.nth(1)).toContainText('Sao lưu ngay');
  await rows
    .nth(1)
    .getByRole('button', { name: /^Khôi phục bản sao lưu lúc / })
    .click();
  const dialog = page.getByRole('dialog', { name: 'Khôi phục dữ liệu từ bản sao lưu?' });
  await expect(dialog).toContainText('Toàn bộ dữ liệu đang dùng sẽ được thay bằng bản sao lưu lúc');
  await expect(dialog).toContainText('(6 tổ chức, 0 kết quả xếp loại)');
  await screenshot(page, '1366-settings-backups-confirm');
  expect(await layoutProblems(page)).toEqual([]);
  await dialog.getByRole('button', { name: 'Khôi phục' }).click();
  await expect(section.getByRole('status').last()).toContainText('Đã khôi phục dữ liệu từ tccsd.');
  await expect(rows).toHaveCount(4);
  await expect(rows.first()).toContainText('Trước khi khôi phục');
  const units = await invoke<{ rows: { name: string }[] }>(preview, 'units.list', { year: 2020 });
  expect(units.rows.map((r) => r.name)).not.toContain('Chi bộ Thôn Mới');
  expect(units.rows.map((r) => r.name)).toContain('Đảng bộ xã Hòa Sơn');
  await screenshot(page, '1366-settings-backups-restored');
});
