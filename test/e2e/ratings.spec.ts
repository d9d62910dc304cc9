import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test as base } from '@playwright/test';
import { layoutProblems } from './layout';
import type { Preview } from './preview';
import { invoke, screenshot, startPreview, test } from './preview';

const COMMUNES = [
  'Đảng bộ xã Đồng Ý',
  'Đảng bộ xã Hòa Sơn',
  'Đảng bộ xã Tân Tri',
  'Đảng bộ xã Vũ Lễ',
];

async function seed(preview: Preview) {
  await invoke(preview, 'setup.complete', {
    operatorName: 'Dương Minh Phong',
    ownUnit: { mode: 'new', name: 'Huyện ủy Bắc Sơn', kind: 'upper_committee', fromYear: 2008 },
  });
  const info = await invoke<{ ownUnitId: string }>(preview, 'app.info', {});
  const ids: string[] = [];
  for (const [i, name] of COMMUNES.entries()) {
    const unit = await invoke<{ id: string }>(preview, 'units.create', {
      name,
      code: `BS0${i + 1}`,
      kind: 'base_committee',
      sector: 'commune',
      parentId: info.ownUnitId,
      fromYear: 2008,
    });
    ids.push(unit.id);
  }
  await invoke(preview, 'ratings.saveYear', {
    year: 2016,
    entries: [
      { unitId: ids[0], levelCode: 'YK' },
      { unitId: ids[1], levelCode: 'HTTNV' },
      { unitId: ids[2], levelCode: 'HTNV' },
      { unitId: ids[3], levelCode: 'HTTNV' },
    ],
  });
}

test('rates a whole year from the keyboard, saves, reloads, and sees the unit’s history chart', async ({
  page,
  preview,
}) => {
  await seed(preview);
  await page.goto(preview.url);
  await page.getByRole('button', { name: 'Xếp loại', exact: true }).click();
  const year = page.getByRole('spinbutton', { name: 'Năm xếp loại' });
  await year.fill('2017');
  await year.press('Enter');
  const grid = page.getByRole('grid', { name: 'Bảng xếp loại năm 2017' });
  await expect(grid).toContainText('Đảng bộ xã Đồng Ý');

  // Keyboard only: first letters, a tier number, Enter to skip.
  await grid.getByRole('row', { name: /Đảng bộ xã Đồng Ý/ }).click();
  await page.keyboard.type('t');
  await page.keyboard.type('htt');
  await page.keyboard.type('3');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Home');
  await page.keyboard.type('*');
  await expect(page.getByText('3 thay đổi chưa lưu')).toBeVisible();
  await expect(page.getByTestId('count-TSVM')).toHaveText('1');
  await screenshot(page, '20-ratings-grid-editing');
  await page.getByRole('button', { name: 'Lưu', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Đã lưu: 3 mới' })).toBeVisible();

  // Reload: the year's ratings came from the database.
  await page.reload();
  await page.getByRole('button', { name: 'Xếp loại', exact: true }).click();
  await page.getByRole('spinbutton', { name: 'Năm xếp loại' }).fill('2017');
  await page.getByRole('spinbutton', { name: 'Năm xếp loại' }).press('Enter');
  const row = (name: string) => page.getByRole('grid').getByRole('row', { name: new RegExp(name) });
  await expect(row('Đảng bộ xã Đồng Ý')).toContainText('TSVM tiêu biểu');
  await expect(row('Đảng bộ xã Hòa Sơn')).toContainText('HTTNV');
  await expect(row('Đảng bộ xã Tân Tri')).toContainText('HTNV');
  await screenshot(page, '21-ratings-grid-saved');

  // The unit's history: chart and table.
  await page.getByRole('button', { name: 'Tổ chức đảng', exact: true }).click();
  await page
    .getByRole('table', { name: 'Danh sách tổ chức' })
    .getByRole('row', { name: /Đảng bộ xã Đồng Ý/ })
    .click();
  const chart = page.getByRole('img', { name: /Biểu đồ mức xếp loại theo năm/ });
  await expect(chart).toHaveAttribute('aria-label', /2016: Yếu kém; 2017: TSVM tiêu biểu/);
  await expect(chart.locator('svg .recharts-line-dot, svg .recharts-dot').first()).toBeVisible();
  await screenshot(page, '22-unit-rating-history');
});

test('the scale change is shown for 2018, the committee’s quota warning for 2025', async ({
  page,
  preview,
}) => {
  await seed(preview);
  await page.goto(preview.url);
  await page.getByRole('button', { name: 'Xếp loại', exact: true }).click();
  const year = page.getByRole('spinbutton', { name: 'Năm xếp loại' });
  await year.fill('2018');
  await year.press('Enter');
  await expect(page.getByRole('grid', { name: 'Bảng xếp loại năm 2018' })).toBeVisible();
  await expect(page.getByText(/dùng thang khác năm trước/)).toBeVisible();
  // From 2025 HTXSNV is capped per deciding committee (QĐ 366 Điều 11); before, it is off.
  await year.fill('2025');
  await year.press('Enter');
  const grid = page.getByRole('grid', { name: 'Bảng xếp loại năm 2025' });
  await grid.getByRole('row', { name: /Đảng bộ xã Đồng Ý/ }).click();
  await page.keyboard.type('12');
  await expect(
    page.getByText(/Huyện ủy Bắc Sơn, các đảng bộ cơ sở: 1 tổ chức xếp loại HTXSNV, vượt quá/),
  ).toBeVisible();
  await screenshot(page, '23-ratings-quota-warning');
});

test('imports a year from a CSV file: preview first, then one import, and a second import changes nothing', async ({
  page,
  preview,
}, testInfo) => {
  await seed(preview);
  const csv = testInfo.outputPath('xep-loai-2017.csv');
  const { writeFileSync } = await import('node:fs');
  writeFileSync(
    csv,
    '\uFEFFMã;Tên tổ chức;Cấp trên;Năm;Xếp loại\r\n' +
      'BS01;Đảng bộ xã Đồng Ý;Huyện ủy Bắc Sơn;2017;Trong sạch, vững mạnh\r\n' +
      ';Đảng bộ xã Hoà Sơn;Huyện ủy Bắc Sơn;2017;httnv\r\n' +
      ';Đảng bộ xã Bắc Quỳnh;Huyện ủy Bắc Sơn;2017;HTNV\r\n' +
      'BS04;;;2017;HTXSNV\r\n',
    'utf8',
  );
  await page.goto(preview.url);
  await page.getByRole('button', { name: 'Xếp loại', exact: true }).click();
  await page.getByRole('button', { name: 'Nhập từ tệp…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Nhập kết quả xếp loại từ tệp' });
  // "Chọn tệp…" opens the browser's file chooser; the file is uploaded to the preview host and
  // the backend reads it by handle.
  const choose = async () => {
    const chooser = page.waitForEvent('filechooser');
    await dialog.getByRole('button', { name: 'Chọn tệp…' }).click();
    await (await chooser).setFiles(csv);
  };
  await choose();
  const summary = dialog.getByRole('region', { name: 'Xem trước' });
  await expect(dialog).toContainText('xep-loai-2017.csv');
  await expect(summary).toContainText('Bảng mã: UTF-8');
  await expect(summary).toContainText('Tổ chức mới sẽ được tạo: 1');
  await expect(summary).toContainText('Dòng có lỗi: 1');
  await expect(summary).toContainText('Dòng 5:');
  await expect(dialog.getByRole('button', { name: 'Nhập dữ liệu' })).toBeDisabled();
  await screenshot(page, '24-import-preview');
  await dialog.getByRole('button', { name: 'Chỉ nhập các dòng hợp lệ' }).click();
  await expect(dialog.getByRole('status')).toContainText('Đã nhập xong: 3 kết quả mới');
  await dialog.getByRole('button', { name: 'Đóng' }).click();

  // The same file again: everything is already there.
  await page.getByRole('button', { name: 'Nhập từ tệp…' }).click();
  await choose();
  await expect(summary).toContainText('Không thay đổi: 3');
  await expect(summary).toContainText('Kết quả xếp loại mới: 0');
  await dialog.getByRole('button', { name: 'Chỉ nhập các dòng hợp lệ' }).click();
  await expect(dialog.getByRole('status')).toContainText('Tệp không có gì mới');
  await dialog.getByRole('button', { name: 'Đóng' }).click();

  const year = page.getByRole('spinbutton', { name: 'Năm xếp loại' });
  await year.fill('2017');
  await year.press('Enter');
  const grid = page.getByRole('grid', { name: 'Bảng xếp loại năm 2017' });
  await expect(grid.getByRole('row', { name: /Đảng bộ xã Bắc Quỳnh/ })).toContainText('HTNV');
  await expect(grid.getByRole('row', { name: /Đảng bộ xã Hòa Sơn/ })).toContainText('HTTNV');
  await expect(grid.getByRole('row', { name: /Đảng bộ xã Đồng Ý/ })).toContainText('TSVM');
});

base(
  'a province of thousands of units: the first page at once, the rest read page by page',
  async ({ page }) => {
    const dbPath = join(mkdtempSync(join(tmpdir(), 'tccsd-e2e-')), 'tccsd.sqlite3');
    const seeded = spawnSync(
      join('node_modules', '.bin', 'tsx'),
      ['test/e2e/seed-thousands.ts', dbPath],
      { encoding: 'utf8' },
    );
    if (seeded.status !== 0) throw new Error(`seeding failed:\n${seeded.stderr}`);
    const preview = await startPreview(dbPath);
    try {
      const total = (
        await invoke<{ total: number }>(preview, 'ratings.grid', {
          year: 2024,
          scopeId: (await invoke<{ ownUnitId: string }>(preview, 'app.info', {})).ownUnitId,
          pageSize: 1,
        })
      ).total;
      expect(total).toBeGreaterThan(2500);
      const shown = new Intl.NumberFormat('vi-VN').format(total);
      // The later pages held back a moment, to see the screen while they load.
      let release = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      await page.route('**/api/invoke', async (route) => {
        const body = route.request().postDataJSON() as {
          method: string;
          input: { after?: string };
        };
        if (body.method === 'ratings.grid' && body.input.after !== undefined) await held;
        await route.continue();
      });
      await page.setViewportSize({ width: 1366, height: 768 });
      await page.goto(preview.url);
      await page.getByRole('button', { name: 'Xếp loại', exact: true }).click();
      const year = page.getByRole('spinbutton', { name: 'Năm xếp loại' });
      await year.fill('2024');
      await year.press('Enter');
      const grid = page.getByRole('grid', { name: 'Bảng xếp loại năm 2024' });
      await expect(grid).toHaveAttribute('aria-rowcount', String(total + 1));
      const progress = page.getByTestId('grid-progress');
      // Under the figures that wait for it: "Đang tải 300/2.956 đơn vị", the sentence as title.
      await expect(progress.locator('dd')).toHaveText(`300/${shown} đơn vị`);
      // The set's size written as every figure is, with the thousands' dot.
      const totalBox = page.locator('.counts-bar .count', { hasText: 'Tổng số' }).locator('dd');
      await expect(totalBox).toHaveText(shown);
      await expect(progress).toHaveAttribute(
        'title',
        `Đang tải bảng: đã tải 300/${shown} đơn vị. Số lượng từng mức và cảnh báo tỷ lệ HTXSNV hiện khi đã tải xong.`,
      );
      await grid.focus();
      await page.keyboard.press('End');
      await expect(grid.locator('[role=row].active .c-index')).toHaveText('300');
      await screenshot(page, '1366-ratings-province-loading');
      expect(await layoutProblems(page)).toEqual([]);
      // The smallest window: the progress must not push the grid down while pages load.
      const gridTop = async () => (await grid.boundingBox())?.y ?? -1;
      await page.setViewportSize({ width: 1024, height: 640 });
      const loadingTop = await gridTop();
      await screenshot(page, '1024-ratings-province-loading');
      expect(await layoutProblems(page)).toEqual([]);

      release();
      await expect(progress).toBeHidden();
      expect(await gridTop()).toBe(loadingTop);
      await page.setViewportSize({ width: 1366, height: 768 });
      await expect(grid).toHaveAttribute('aria-busy', 'false');
      await page.keyboard.press('ArrowDown');
      await expect(grid.locator('[role=row].active .c-index')).toHaveText('301');
      await page.keyboard.press('End');
      await expect(grid.locator('[role=row].active .c-index')).toHaveText(String(total));
      await expect(page.getByTestId('count-missing')).not.toHaveText('…');
      await screenshot(page, '1366-ratings-province');
      expect(await layoutProblems(page)).toEqual([]);
    } finally {
      await preview.stop();
    }
  },
);
