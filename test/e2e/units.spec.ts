import type { Page } from '@playwright/test';
import { expect } from '@playwright/test';
import { screenshot, test } from './preview';

const list = (page: Page) => page.getByRole('table', { name: 'Danh sách tổ chức' });

async function pickUnit(page: Page, label: string, typed: string, option: string) {
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('combobox', { name: label }).fill(typed);
  await dialog.getByRole('option', { name: option }).first().click();
}

async function createUnit(
  page: Page,
  fields: { name: string; code?: string; kind: string; sector?: string; parent?: [string, string] },
) {
  await page.getByRole('button', { name: 'Thêm tổ chức' }).click();
  const dialog = page.getByRole('dialog', { name: 'Thêm tổ chức đảng' });
  await dialog.getByLabel('Tên tổ chức').fill(fields.name);
  if (fields.code) await dialog.getByLabel('Mã tổ chức').fill(fields.code);
  await dialog.getByLabel('Loại tổ chức').selectOption({ label: fields.kind });
  if (fields.sector) await dialog.getByLabel('Loại hình').selectOption({ label: fields.sector });
  if (fields.parent) await pickUnit(page, 'Trực thuộc', fields.parent[0], fields.parent[1]);
  await dialog.getByRole('button', { name: 'Lưu' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('complementary', { name: fields.name })).toBeVisible();
}

test('first run, a small hierarchy, correction, search without diacritics, merge, all persisted', async ({
  page,
  preview,
}) => {
  await page.goto(preview.url);

  // First run: the operator's name and the installation's own unit.
  await expect(page.getByRole('heading', { name: 'Thiết lập lần đầu' })).toBeVisible();
  await page.getByRole('button', { name: 'Bắt đầu sử dụng' }).click();
  await expect(page.getByText('Tên người sử dụng không được để trống.')).toBeVisible();
  await page.getByLabel('Họ và tên người sử dụng').fill('Nguyễn Thị Hoà');
  await page.getByLabel('Tổ chức đảng của đơn vị cài đặt').fill('Đảng bộ tỉnh Lạng Sơn');
  await page.getByLabel('Loại tổ chức').selectOption({ label: 'Đảng bộ tỉnh' });
  await screenshot(page, '01-first-run');
  await page.getByRole('button', { name: 'Bắt đầu sử dụng' }).click();
  // The app opens on Tổng quan; the register is one click away.
  await expect(page.getByRole('heading', { name: 'Tổng quan', level: 1 })).toBeVisible();
  await expect(page.getByText('Nguyễn Thị Hoà')).toBeVisible();
  await page.getByRole('button', { name: 'Tổ chức đảng', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Tổ chức đảng' })).toBeVisible();

  // A small hierarchy: province → two district committees → communes.
  await createUnit(page, {
    name: 'Huyện ủy Bắc Sơn',
    kind: 'Đảng bộ cấp trên cơ sở',
    parent: ['lang son', 'Đảng bộ tỉnh Lạng Sơn'],
  });
  await createUnit(page, {
    name: 'Huyện ủy Hữu Lũng',
    kind: 'Đảng bộ cấp trên cơ sở',
    parent: ['lang son', 'Đảng bộ tỉnh Lạng Sơn'],
  });
  await createUnit(page, {
    name: 'Đảng bộ xã Đồng Ý',
    code: 'BS01',
    kind: 'Đảng bộ cơ sở',
    sector: 'Xã',
    parent: ['bac son', 'Huyện ủy Bắc Sơn'],
  });
  await createUnit(page, {
    name: 'Đảng bộ xã Vũ Lễ',
    code: 'BS02',
    kind: 'Đảng bộ cơ sở',
    sector: 'Xã',
    parent: ['bac son', 'Huyện ủy Bắc Sơn'],
  });
  await createUnit(page, {
    name: 'Đảng bộ xã Hoà Sơn',
    code: 'HL01',
    kind: 'Đảng bộ cơ sở',
    sector: 'Xã',
    parent: ['huu lung', 'Huyện ủy Hữu Lũng'],
  });
  await expect(page.getByRole('status').filter({ hasText: '6 tổ chức' })).toBeVisible();
  await expect(page.getByRole('tree')).toContainText('Huyện ủy Bắc Sơn');

  // A bad input is refused with a Vietnamese message and nothing is saved.
  await page.getByRole('button', { name: 'Thêm tổ chức' }).click();
  const dialog = page.getByRole('dialog', { name: 'Thêm tổ chức đảng' });
  await dialog.getByLabel('Tên tổ chức').fill('Đảng bộ xã Trùng Mã');
  await dialog.getByLabel('Mã tổ chức').fill('bs01');
  await dialog.getByRole('button', { name: 'Lưu' }).click();
  await expect(dialog.getByRole('alert')).toContainText('đã được dùng cho "Đảng bộ xã Đồng Ý"');
  await screenshot(page, '03-create-duplicate-code');
  await dialog.getByRole('button', { name: 'Hủy' }).click();

  // Edit: correct the recorded name (a typo fix, no new version).
  await list(page)
    .getByRole('row', { name: /Đảng bộ xã Hoà Sơn/ })
    .click();
  await page.getByRole('button', { name: 'Đính chính' }).click();
  const correct = page.getByRole('dialog', { name: 'Sửa thông tin (đính chính)' });
  await correct.getByLabel('Tên tổ chức').fill('Đảng bộ xã Hòa Sơn');
  await correct.getByRole('button', { name: 'Lưu' }).click();
  await expect(page.getByRole('complementary', { name: 'Đảng bộ xã Hòa Sơn' })).toBeVisible();

  // Search without diacritics.
  await page.getByRole('searchbox').fill('dong y');
  await expect(page.getByRole('status')).toContainText('1 tổ chức');
  await expect(list(page).getByRole('row', { name: /Đảng bộ xã Đồng Ý/ })).toBeVisible();
  await page.getByRole('searchbox').fill('hoa son');
  await expect(list(page).getByRole('row', { name: /Đảng bộ xã Hòa Sơn/ })).toBeVisible();
  await screenshot(page, '04-search-without-diacritics');
  await page.getByRole('searchbox').fill('');

  // Merge Vũ Lễ into Đồng Ý.
  await list(page)
    .getByRole('row', { name: /Đảng bộ xã Vũ Lễ/ })
    .click();
  await page.getByRole('button', { name: 'Sáp nhập vào…' }).click();
  const merge = page.getByRole('dialog', { name: 'Sáp nhập tổ chức' });
  await pickUnit(page, 'Sáp nhập vào tổ chức', 'dong y', 'Đảng bộ xã Đồng Ý');
  await merge.getByLabel('Số, ký hiệu văn bản').fill('1234-QĐ/TU');
  await screenshot(page, '05-merge-dialog');
  await merge.getByRole('button', { name: 'Lưu' }).click();
  const target = page.getByRole('complementary', { name: 'Đảng bộ xã Đồng Ý' });
  await expect(target).toContainText('Tiếp nhận sáp nhập');
  await expect(target).toContainText('1234-QĐ/TU');
  await screenshot(page, '06-unit-detail-after-merge');

  // Reload: everything persisted in the database file.
  await page.reload();
  await page.getByRole('button', { name: 'Tổ chức đảng', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Tổ chức đảng' })).toBeVisible();
  await expect(list(page).getByRole('row', { name: /Đảng bộ xã Hòa Sơn/ })).toBeVisible();
  await expect(list(page).getByRole('row', { name: /Đảng bộ xã Vũ Lễ/ })).toContainText(
    'kết thúc năm',
  );
  await list(page)
    .getByRole('row', { name: /Đảng bộ xã Đồng Ý/ })
    .click();
  await expect(page.getByRole('complementary', { name: 'Đảng bộ xã Đồng Ý' })).toContainText(
    'Đảng bộ xã Vũ Lễ',
  );
  await screenshot(page, '02-units-after-reload');

  // Every other screen, for a person to look at.
  const screens = [
    'Tổng quan',
    'Xếp loại',
    'Diện củng cố',
    'Báo cáo',
    'Trao đổi dữ liệu',
    'Cài đặt',
  ];
  for (const [i, name] of screens.entries()) {
    await page.getByRole('button', { name, exact: true }).click();
    await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
    await screenshot(
      page,
      `1${i}-${name
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .replace(/\s+/g, '-')
        .toLowerCase()}`,
    );
  }
  await expect(page.getByTestId('operator')).toHaveText('Nguyễn Thị Hoà');
  await expect(page.getByTestId('data-dir')).not.toBeEmpty();
});
