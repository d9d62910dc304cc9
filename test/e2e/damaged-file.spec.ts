// A damaged data file opened in the window (issue 11 item 2), in Chromium at 1366×768 and
// 1024×640: the red line says the file is damaged, that nothing is written to it, and names the
// newest good backup; Cài đặt → Sao lưu và khôi phục is reachable by keyboard to restore it.
// Saved to test-results/screens/ (1366-damaged-file.png, 1024-damaged-file.png,
// 1366-damaged-file-backups.png) and checked for layout problems.
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startPreviewHost } from '../helpers/preview-host';
import { layoutProblems } from './layout';
import type { Preview } from './preview';
import { invoke, screenshot } from './preview';

async function startOn(dbPath: string): Promise<Preview> {
  const host = await startPreviewHost(dbPath, { rendererDir: process.env.TCCSD_E2E_RENDERER });
  return { ...host, dbPath };
}

/**
 * Scrambles the header and cell pointers of every leaf page of the ratings table, as a failing
 * disk does: quick_check reports it, the rest of the file still reads.
 */
function damageRatings(path: string): void {
  const db = new Database(path, { readonly: true });
  const pageSize = Number(db.pragma('page_size', { simple: true }));
  const pages = (
    db.prepare("SELECT pageno FROM dbstat WHERE name = 'ratings' AND pagetype = 'leaf'").all() as {
      pageno: number;
    }[]
  ).map((row) => row.pageno);
  db.close();
  expect(pages.length).toBeGreaterThan(0);
  const bytes = readFileSync(path);
  for (const page of pages) {
    const start = (page - 1) * pageSize;
    for (let offset = 3; offset < 40; offset++) {
      bytes.writeUInt8(bytes.readUInt8(start + offset) ^ 0xa5, start + offset);
    }
  }
  writeFileSync(path, bytes);
}

test('a damaged data file: the red line, the newest good backup, the way to restore', async ({
  page,
}) => {
  const dbPath = join(mkdtempSync(join(tmpdir(), 'tccsd-e2e-')), 'tccsd.sqlite3');
  const healthy = await startOn(dbPath);
  await invoke(healthy, 'setup.complete', {
    operatorName: 'Nguyễn Thị Hương',
    ownUnit: { mode: 'new', name: 'Huyện ủy Bắc Sơn', kind: 'upper_committee', fromYear: 2008 },
  });
  const info = await invoke<{ ownUnitId: string }>(healthy, 'app.info', {});
  for (let i = 0; i < 60; i++) {
    const unit = await invoke<{ id: string }>(healthy, 'units.create', {
      name: `Đảng bộ xã Thử Nghiệm ${i + 1}`,
      kind: 'base_committee',
      parentId: info.ownUnitId,
      fromYear: 2008,
    });
    await invoke(healthy, 'ratings.set', { unitId: unit.id, year: 2017, levelCode: 'HTTNV' });
  }
  const backup = await invoke<{ name: string }>(healthy, 'backups.create', {});
  await healthy.stop(); // closes the file: the WAL is folded in, the file alone holds the data
  damageRatings(dbPath);

  const preview = await startOn(dbPath);
  try {
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(preview.url);
    // The worker checks the file once it is idle after opening, then tells the window.
    const alert = page.locator('.data-refusal');
    await expect(alert).toBeVisible({ timeout: 15_000 });
    await expect(alert).toContainText('bị hỏng');
    await expect(alert).toContainText(backup.name);
    await expect(alert).not.toContainText(/SQLITE_|Error|corrupt|malformed|database disk image/);
    await screenshot(page, '1366-damaged-file');
    expect(await layoutProblems(page)).toEqual([]);
    await page.setViewportSize({ width: 1024, height: 640 });
    await screenshot(page, '1024-damaged-file');
    expect(await layoutProblems(page)).toEqual([]);

    // By keyboard alone to Cài đặt → Sao lưu và khôi phục, where the backup is listed.
    await page.setViewportSize({ width: 1366, height: 768 });
    const settings = page
      .getByRole('navigation')
      .getByRole('button', { name: 'Cài đặt', exact: true });
    await settings.focus();
    await page.keyboard.press('Enter');
    const section = page.getByRole('region', { name: 'Sao lưu và khôi phục' });
    await expect(section).toBeVisible();
    const restore = section.getByRole('button', { name: /^Khôi phục bản sao lưu lúc / }).first();
    await restore.focus();
    await expect(restore).toBeFocused();
    await restore.scrollIntoViewIfNeeded();
    await screenshot(page, '1366-damaged-file-backups');
    expect(await layoutProblems(page)).toEqual([]);
  } finally {
    await preview.stop();
  }
});
