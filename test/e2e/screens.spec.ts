// A tour of every screen at the two sizes that matter: 1366×768 (the usual office laptop) and
// 1024×640 (the smallest window the app allows). Each view is saved to test-results/screens/
// (e.g. 1366-units-detail.png) for a person to look at, and checked in the browser for text
// under 13 px, controls or columns cut off at the right, a "Lưu" on a row of its own and dialogs
// that do not fit.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test as base } from '@playwright/test';
import { layoutProblems } from './layout';
import type { Preview } from './preview';
import { screenshot, startPreview, test } from './preview';

const SIZES = [
  { width: 1366, height: 768 },
  { width: 1024, height: 640 },
] as const;

/** Saves the view and checks its layout; the problems of every view are reported together. */
async function look(page: Page, name: string, problems: string[]) {
  await screenshot(page, `${page.viewportSize()?.width}-${name}`);
  for (const problem of await layoutProblems(page)) problems.push(`${name}: ${problem}`);
}

const nav = (page: Page, name: string) =>
  page.getByRole('navigation').getByRole('button', { name, exact: true }).click();

test('first run at both sizes', async ({ page, preview }) => {
  const problems: string[] = [];
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.goto(preview.url);
    await expect(page.getByRole('heading', { name: 'Thiết lập lần đầu' })).toBeVisible();
    await look(page, 'first-run', problems);
    // With the messages a first try without a name shows.
    await page.getByRole('button', { name: 'Bắt đầu sử dụng' }).click();
    await expect(page.getByText('Tên người sử dụng không được để trống.')).toBeVisible();
    await look(page, 'first-run-errors', problems);
  }
  expect(problems).toEqual([]);
});

base.describe('a province-sized register', () => {
  base.describe.configure({ mode: 'serial' });
  let preview: Preview;

  base.beforeAll(async () => {
    const dbPath = join(mkdtempSync(join(tmpdir(), 'tccsd-e2e-')), 'tccsd.sqlite3');
    const seeded = spawnSync(
      join('node_modules', '.bin', 'tsx'),
      ['test/e2e/seed-province.ts', dbPath],
      { encoding: 'utf8' },
    );
    if (seeded.status !== 0) throw new Error(`seeding failed:\n${seeded.stderr}`);
    preview = await startPreview(dbPath);
  });
  base.afterAll(async () => {
    await preview?.stop();
  });

  for (const size of SIZES) {
    base(`every screen at ${size.width}×${size.height}`, async ({ page }) => {
      const problems: string[] = [];
      await page.setViewportSize(size);
      await page.goto(preview.url);

      // Tổ chức đảng: the register, then a unit's page beside it, then each of its dialogs.
      await expect(page.getByRole('heading', { name: 'Tổ chức đảng', level: 1 })).toBeVisible();
      const year = page.getByRole('spinbutton', { name: 'Năm', exact: true });
      await year.fill('2017');
      await year.press('Enter');
      const register = page.getByRole('table', { name: 'Danh sách tổ chức' });
      await expect(page.getByRole('status')).toContainText('tổ chức trong năm 2017');
      await look(page, 'units', problems);
      await page
        .getByRole('tree')
        .getByRole('button', { name: /^Huyện ủy Bắc Sơn/ })
        .click();
      await register.getByRole('row', { name: /^Đảng bộ xã Đồng Ý/ }).click();
      const panel = page.getByRole('complementary', { name: 'Đảng bộ xã Đồng Ý' });
      await expect(panel.getByRole('img', { name: /Biểu đồ/ })).toBeVisible();
      // The narrower table keeps the open unit's row in sight.
      await expect(register.getByRole('row', { name: /^Đảng bộ xã Đồng Ý/ })).toBeInViewport();
      await look(page, 'units-detail', problems);

      const dialogs = [
        ['Đính chính', 'correct'],
        ['Đổi tên', 'rename'],
        ['Chuyển trực thuộc', 'move'],
        ['Sáp nhập vào…', 'merge'],
        ['Chia tách', 'split'],
        ['Giải thể', 'dissolve'],
        ['Ghi kết quả năm 2017', 'rating'],
      ] as const;
      for (const [button, name] of dialogs) {
        await panel.getByRole('button', { name: button, exact: true }).click();
        const dialog = page.getByRole('dialog');
        await expect(dialog).toBeVisible();
        await look(page, `units-dialog-${name}`, problems);
        // A unit picker's open list takes the first Escape, the dialog the next.
        await page.keyboard.press('Escape');
        if (await dialog.isVisible()) await page.keyboard.press('Escape');
        await expect(dialog).toBeHidden();
      }
      await page.getByRole('button', { name: 'Thêm tổ chức' }).click();
      await expect(page.getByRole('dialog')).toBeVisible();
      await look(page, 'units-dialog-create', problems);
      await page.keyboard.press('Escape');

      // Xếp loại: the grid, the import dialog, unsaved changes, the list of choices of a cell.
      await nav(page, 'Xếp loại');
      const grid = page.getByRole('grid', { name: 'Bảng xếp loại năm 2017' });
      await expect(grid).toContainText('Chi bộ Ban Chỉ huy Quân sự huyện Bắc Sơn');
      await look(page, 'ratings', problems);
      await page.getByRole('button', { name: 'Nhập từ tệp…' }).click();
      await expect(page.getByRole('dialog')).toBeVisible();
      await look(page, 'ratings-import', problems);
      await page.keyboard.press('Escape');
      await grid.getByRole('row').nth(2).locator('.current').click();
      await page.getByRole('listbox').getByRole('option', { name: /^HTNV/ }).click();
      await expect(page.getByText('1 thay đổi chưa lưu')).toBeVisible();
      await look(page, 'ratings-unsaved', problems);
      // Enter in the year field asks about the unsaved change, and the question stays open.
      const ratingYear = page.getByRole('spinbutton', { name: 'Năm xếp loại' });
      await ratingYear.fill('2016');
      await ratingYear.press('Enter');
      const guard = page.getByRole('dialog', { name: 'Thay đổi chưa lưu' });
      await expect(guard).toBeVisible();
      await look(page, 'ratings-guard', problems);
      await guard.getByRole('button', { name: 'Ở lại' }).click();
      await expect(ratingYear).toHaveValue('2017');
      await expect(page.getByText('1 thay đổi chưa lưu')).toBeVisible();
      await grid.getByRole('row').nth(3).locator('.current').click();
      await expect(page.getByRole('listbox')).toBeVisible();
      await look(page, 'ratings-cell-editor', problems);
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: 'Hủy thay đổi' }).click();

      // Cài đặt and the screens still to come.
      await nav(page, 'Cài đặt');
      await expect(page.getByRole('heading', { name: 'Cài đặt', level: 1 })).toBeVisible();
      await look(page, 'settings', problems);
      for (const [label, name] of [
        ['Tổng quan', 'dashboard'],
        ['Diện củng cố', 'watchlists'],
        ['Báo cáo', 'reports'],
        ['Trao đổi dữ liệu', 'exchange'],
      ] as const) {
        await nav(page, label);
        await expect(page.getByRole('heading', { name: label, level: 1 })).toBeVisible();
        await look(page, `placeholder-${name}`, problems);
      }
      expect(problems).toEqual([]);
    });
  }
});
