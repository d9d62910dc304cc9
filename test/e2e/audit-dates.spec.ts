// Nhật ký thay đổi's date filters in Chromium, typed dd/mm/yyyy from the keyboard (f3a2351 made
// them text fields: the browser's own date input showed mm/dd/yyyy in an English Chromium). A day
// with changes keeps them, the next day shows none, a half-typed or impossible date is said under
// its field and not applied. Views saved to test-results/screens/ (1366-audit-dates.png,
// 1024-audit-dates.png, 1366-audit-dates-bad.png) and checked for layout problems.
import { expect } from '@playwright/test';
import { layoutProblems } from './layout';
import { invoke, screenshot, test } from './preview';

/** A day as the app writes it (dd/mm/yyyy), in this machine's time zone like the browser's. */
function ddmmyyyy(day: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(day.getDate())}/${pad(day.getMonth() + 1)}/${day.getFullYear()}`;
}

test('Nhật ký thay đổi: the date filters typed dd/mm/yyyy', async ({ page, preview }) => {
  await invoke(preview, 'setup.complete', {
    operatorName: 'Nguyễn Thị Hương',
    ownUnit: { mode: 'new', name: 'Huyện ủy Bắc Sơn', kind: 'upper_committee', fromYear: 2008 },
  });
  const info = await invoke<{ ownUnitId: string }>(preview, 'app.info', {});
  await invoke(preview, 'units.create', {
    name: 'Đảng bộ xã Đồng Ý',
    kind: 'base_committee',
    parentId: info.ownUnitId,
    fromYear: 2008,
  });
  const today = new Date();
  const tomorrow = new Date(today.getFullYear(), today.getMonth(), today.getDate() + 1);

  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(preview.url);
  await page
    .getByRole('navigation')
    .getByRole('button', { name: 'Nhật ký thay đổi', exact: true })
    .click();
  const table = page.getByRole('table', { name: 'Các thay đổi' });
  await expect(table).toContainText('Đảng bộ xã Đồng Ý');
  // The setup's own unit is named, not shown by its id.
  await expect(table).toContainText('Giá trị: (trống) → Huyện ủy Bắc Sơn');
  await expect(table).not.toContainText(info.ownUnitId);

  // From the keyboard: Tab reaches the field, the day is typed as a person types it.
  const from = page.getByLabel('Từ ngày');
  const to = page.getByLabel('Đến ngày');
  await expect(from).toHaveAttribute('placeholder', 'dd/mm/yyyy');
  await from.focus();
  await page.keyboard.type(ddmmyyyy(today));
  await page.keyboard.press('Tab');
  await expect(to).toBeFocused();
  await page.keyboard.type(ddmmyyyy(today));
  await expect(table).toContainText('Đảng bộ xã Đồng Ý');
  await screenshot(page, '1366-audit-dates');
  expect(await layoutProblems(page)).toEqual([]);
  await page.setViewportSize({ width: 1024, height: 640 });
  await screenshot(page, '1024-audit-dates');
  expect(await layoutProblems(page)).toEqual([]);
  await page.setViewportSize({ width: 1366, height: 768 });

  // From tomorrow on: nothing of today.
  await from.fill(ddmmyyyy(tomorrow));
  await to.fill('');
  await expect(page.getByText('Không có thay đổi nào khớp với bộ lọc.')).toBeVisible();

  // An impossible day is said under its field and not applied: today's rows come back.
  await from.fill('31/02/2026');
  await expect(from).toHaveAttribute('aria-invalid', 'true');
  const problem = page.locator(`[id="${await from.getAttribute('aria-describedby')}"]`);
  await expect(problem).toBeVisible();
  await expect(problem).not.toHaveText('');
  await expect(table).toContainText('Đảng bộ xã Đồng Ý');
  await screenshot(page, '1366-audit-dates-bad');
  expect(await layoutProblems(page)).toEqual([]);
});
