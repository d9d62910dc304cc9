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

/** Diện củng cố: the lists, a list's page, a member's panel, and every dialog of them. */
async function tourWatchlists(page: Page, problems: string[]) {
  await nav(page, 'Diện củng cố');
  const title = 'Củng cố tổ chức cơ sở đảng yếu kém năm 2017';
  await expect(page.getByRole('button', { name: title })).toBeVisible();
  await look(page, 'watchlists', problems);
  await page.getByRole('button', { name: 'Lập danh sách mới' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await look(page, 'watchlists-dialog-create', problems);
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: title }).click();
  const table = page.getByRole('table', { name: 'Các tổ chức trong diện củng cố' });
  await expect(table.locator('tbody tr:not(.group-row)')).toHaveCount(16);
  await look(page, 'watchlist', problems);
  await page.getByText('Số liệu tổng hợp theo nhóm').click();
  await look(page, 'watchlist-figures', problems);
  await page.getByText('Số liệu tổng hợp theo nhóm').click();

  const dialogs = [
    ['Thêm tổ chức', 'add-members'],
    ['Lập danh sách năm sau', 'carry-over'],
    ['Sửa thông tin', 'edit'],
  ] as const;
  for (const [button, name] of dialogs) {
    await page.getByRole('button', { name: button, exact: true }).click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await look(page, `watchlist-dialog-${name}`, problems);
    await closeDialog(page);
  }

  await table.locator('tbody tr:not(.group-row)').first().click();
  const panel = page.getByRole('complementary');
  await expect(panel.getByText('Quá hạn', { exact: true })).toBeVisible();
  await look(page, 'watchlist-member', problems);
  const measures = panel.getByRole('region', { name: 'Biện pháp' });
  const memberDialogs = [
    [panel.getByRole('button', { name: 'Sửa thông tin' }), 'member-edit'],
    [panel.getByRole('button', { name: 'Đổi tình trạng' }), 'member-status'],
    [measures.getByRole('button', { name: 'Thêm biện pháp' }), 'measure-add'],
    [measures.getByRole('button', { name: /^Hoàn thành:/ }), 'measure-complete'],
    [panel.getByRole('button', { name: 'Sửa 2017' }), 'result'],
  ] as const;
  for (const [button, name] of memberDialogs) {
    await button.click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await look(page, `watchlist-dialog-${name}`, problems);
    await closeDialog(page);
  }
  await panel.getByRole('region', { name: 'Kết quả qua các năm' }).scrollIntoViewIfNeeded();
  await look(page, 'watchlist-member-results', problems);
}

/** Escape closes a dialog; an open list of matches in it takes the first Escape. */
async function closeDialog(page: Page) {
  const dialog = page.getByRole('dialog');
  await page.keyboard.press('Escape');
  if (await dialog.isVisible()) await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
}

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

      // Tổng quan, where the app opens: this year (nothing listed yet), then 2017.
      await expect(page.getByRole('heading', { name: 'Tổng quan', level: 1 })).toBeVisible();
      await expect(page.getByRole('region', { name: /^Chưa có kết quả xếp loại/ })).toBeVisible();
      await look(page, 'dashboard', problems);
      const year = page.getByRole('spinbutton', { name: 'Năm', exact: true });
      await year.fill('2017');
      await year.press('Enter');
      await expect(
        page.getByRole('region', { name: 'Biện pháp quá hạn' }).locator('.count-pill'),
      ).toHaveText('1');
      await look(page, 'dashboard-2017', problems);

      // Tổ chức đảng: the register, then a unit's page beside it, then each of its dialogs.
      await nav(page, 'Tổ chức đảng');
      await expect(page.getByRole('heading', { name: 'Tổ chức đảng', level: 1 })).toBeVisible();
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

      await tourWatchlists(page, problems);

      // Cài đặt.
      await nav(page, 'Cài đặt');
      await expect(page.getByRole('heading', { name: 'Cài đặt', level: 1 })).toBeVisible();
      await look(page, 'settings', problems);
      // Báo cáo and Trao đổi dữ liệu have their own specs (reports.spec.ts, exchange.spec.ts);
      // here the ledger of a province that has received nothing yet: every district to chase.
      await nav(page, 'Trao đổi dữ liệu');
      await expect(page.getByRole('heading', { name: 'Trao đổi dữ liệu', level: 1 })).toBeVisible();
      await page.getByRole('tab', { name: 'Sổ theo dõi' }).click();
      await expect(page.getByRole('list', { name: /^Chưa gửi báo cáo năm / })).toBeVisible();
      await look(page, 'exchange-ledger-nothing-received', problems);
      expect(problems).toEqual([]);
    });
  }
});
