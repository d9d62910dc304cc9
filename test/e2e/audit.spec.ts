// Nhật ký thay đổi in Chromium at 1366×768 (and 1024×640): the log of a district's first work,
// filtered by person from the keyboard; Cài đặt → Kiểm tra nhật ký. Each view saved to
// test-results/screens/ (1366-audit-log.png, 1366-audit-log-filtered.png, 1024-audit-log.png,
// 1366-settings-audit-check.png) and checked for layout problems. The preview host writes with
// the channel "Bản xem trước (trình duyệt)".
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test as base } from '@playwright/test';
import { startPreviewHost } from '../helpers/preview-host';
import { layoutProblems } from './layout';
import type { Preview } from './preview';
import { invoke, screenshot } from './preview';

/** A fresh preview host per test; TCCSD_E2E_RENDERER serves a renderer built elsewhere. */
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

test('Nhật ký thay đổi: who changed what, filtered; the check in Cài đặt', async ({
  page,
  preview,
}) => {
  await invoke(preview, 'setup.complete', {
    operatorName: 'Nguyễn Thị Hương',
    ownUnit: { mode: 'new', name: 'Huyện ủy Bắc Sơn', kind: 'upper_committee', fromYear: 2008 },
  });
  const info = await invoke<{ ownUnitId: string }>(preview, 'app.info', {});
  const ids: string[] = [];
  for (const name of ['Đồng Ý', 'Hòa Sơn', 'Vũ Lễ']) {
    const unit = await invoke<{ id: string }>(preview, 'units.create', {
      name: `Đảng bộ xã ${name}`,
      kind: 'base_committee',
      parentId: info.ownUnitId,
      fromYear: 2008,
    });
    ids.push(unit.id);
  }
  await invoke(preview, 'settings.setOperator', { operatorName: 'Hoàng Văn Nam' });
  await invoke(preview, 'ratings.set', { unitId: ids[0], year: 2017, levelCode: 'HTTNV' });
  await invoke(preview, 'ratings.set', { unitId: ids[0], year: 2017, levelCode: 'TSVM' });
  await invoke(preview, 'units.rename', {
    id: ids[1],
    year: 2020,
    name: 'Đảng bộ xã Hòa Sơn mới',
  });

  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(preview.url);
  await page
    .getByRole('navigation')
    .getByRole('button', { name: 'Nhật ký thay đổi', exact: true })
    .click();
  const table = page.getByRole('table', { name: 'Các thay đổi' });
  const rows = table.locator('tbody tr');
  await expect(rows.first()).toContainText('Hoàng Văn Nam');
  await expect(rows.first()).toContainText('Bản xem trước (trình duyệt)');
  await expect(table).toContainText('Mức xếp loại: HTTNV → TSVM');
  await screenshot(page, '1366-audit-log');
  expect(await layoutProblems(page)).toEqual([]);

  // The person filter from the keyboard: focus, choose, the table follows.
  const person = page.getByLabel('Người thay đổi');
  await person.focus();
  await person.selectOption('Nguyễn Thị Hương');
  await expect(rows.first()).toContainText('Nguyễn Thị Hương');
  await expect(table).not.toContainText('Hoàng Văn Nam');
  await screenshot(page, '1366-audit-log-filtered');
  expect(await layoutProblems(page)).toEqual([]);
  await page.setViewportSize({ width: 1024, height: 640 });
  await screenshot(page, '1024-audit-log');
  expect(await layoutProblems(page)).toEqual([]);
  await page.setViewportSize({ width: 1366, height: 768 });

  await page.getByRole('navigation').getByRole('button', { name: 'Cài đặt', exact: true }).click();
  const check = page.getByRole('region', { name: 'Kiểm tra nhật ký' });
  await check.getByRole('button', { name: 'Kiểm tra nhật ký' }).click();
  await expect(check.getByRole('status')).toContainText('Nhật ký thay đổi toàn vẹn');
  await check.scrollIntoViewIfNeeded();
  await screenshot(page, '1366-settings-audit-check');
  expect(await layoutProblems(page)).toEqual([]);
});
