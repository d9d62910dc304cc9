// Nhật ký thay đổi over the sample data (Lạng Sơn 2016–2018: units, ratings, watchlists, their
// members and measures) in Chromium: every page an officer pages through names units, lists and
// members by their names, never by a record's id. Views saved to test-results/screens/
// (1366-audit-sample.png, 1024-audit-sample.png) and checked for layout problems.
import { expect } from '@playwright/test';
import { layoutProblems } from './layout';
import { invoke, screenshot, test } from './preview';

/** A record's id as the app makes them (UUID v7): what a person must never have to read. */
const RECORD_ID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

test('Nhật ký thay đổi of the sample data shows names, not ids', async ({ page, preview }) => {
  test.setTimeout(120_000);
  await invoke(preview, 'sample.load', { operatorName: 'Dương Minh Phong' });
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(preview.url);
  await page
    .getByRole('navigation')
    .getByRole('button', { name: 'Nhật ký thay đổi', exact: true })
    .click();
  const table = page.getByRole('table', { name: 'Các thay đổi' });
  await expect(table).toContainText('Tổ chức theo dõi');
  await screenshot(page, '1366-audit-sample');
  expect(await layoutProblems(page)).toEqual([]);
  await page.setViewportSize({ width: 1024, height: 640 });
  await screenshot(page, '1024-audit-sample');
  expect(await layoutProblems(page)).toEqual([]);
  // Page through the whole log ("Xem tiếp"): no id anywhere.
  const more = page.getByRole('button', { name: 'Xem tiếp' });
  for (let pages = 0; pages < 40 && (await more.isVisible()); pages++) {
    const rows = await table.locator('tbody tr').count();
    await more.click();
    await expect(table.locator('tbody tr')).not.toHaveCount(rows);
  }
  await expect(more).toBeHidden();
  const text = (await table.textContent()) ?? '';
  expect(text.match(RECORD_ID)?.[0] ?? null).toBeNull();
  // Days as dd/mm/yyyy, no empty list shown as "[]", a measure's kind named as such.
  expect(text.match(/\d{4}-\d{2}-\d{2}/)?.[0] ?? null).toBeNull();
  expect(text).not.toContain('[]');
  await expect(table).toContainText('Loại biện pháp: Sơ kết, tổng kết');
  // Every field named in Vietnamese: a stored key (keptLocal) starts with a small letter.
  const fieldNames = await table.locator('.audit-field').allTextContents();
  expect(fieldNames.filter((f) => !/^\p{Lu}/u.test(f))).toEqual([]);
});
