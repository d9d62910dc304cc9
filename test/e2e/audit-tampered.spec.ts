// Cài đặt → Kiểm tra nhật ký in Chromium after someone edited the log with another SQLite tool
// (the append-only triggers dropped, a rating's row changed, the triggers put back) while the
// app runs: the check says the log was tampered with, which row, by whom, and about which unit
// by its name. Views saved to test-results/screens/ (1366-settings-audit-tampered.png,
// 1024-settings-audit-tampered.png) and checked for layout problems.
import Database from 'better-sqlite3';
import { expect } from '@playwright/test';
import { layoutProblems } from './layout';
import { invoke, screenshot, test } from './preview';

test('Kiểm tra nhật ký finds an edit made with another SQLite tool', async ({ page, preview }) => {
  await invoke(preview, 'setup.complete', {
    operatorName: 'Nguyễn Thị Hương',
    ownUnit: { mode: 'new', name: 'Huyện ủy Bắc Sơn', kind: 'upper_committee', fromYear: 2008 },
  });
  const info = await invoke<{ ownUnitId: string }>(preview, 'app.info', {});
  const unit = await invoke<{ id: string }>(preview, 'units.create', {
    name: 'Đảng bộ xã Đồng Ý',
    kind: 'base_committee',
    parentId: info.ownUnitId,
    fromYear: 2008,
  });
  await invoke(preview, 'ratings.set', { unitId: unit.id, year: 2017, levelCode: 'TSVM' });

  const tool = new Database(preview.dbPath);
  try {
    const seq = tool.prepare(`SELECT seq FROM audit_log WHERE entity = 'rating'`).pluck().get();
    tool.exec(`
      DROP TRIGGER audit_log_no_update;
      UPDATE audit_log SET new_value = replace(new_value, 'TSVM', 'YK') WHERE seq = ${Number(seq)};
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: rows cannot be changed'); END;`);
  } finally {
    tool.close();
  }

  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(preview.url);
  await page.getByRole('navigation').getByRole('button', { name: 'Cài đặt', exact: true }).click();
  const check = page.getByRole('region', { name: 'Kiểm tra nhật ký' });
  // What the check finds is said before it is run, the newest rows removed included.
  await expect(check).toContainText('xóa (kể cả những dòng mới nhất)');
  await check.getByRole('button', { name: 'Kiểm tra nhật ký' }).focus();
  await page.keyboard.press('Enter');
  const status = check.getByRole('status');
  await expect(status).toContainText('Nhật ký thay đổi đã bị can thiệp từ bên ngoài ứng dụng.');
  await expect(status).toContainText(
    'bởi Nguyễn Thị Hương, về xếp loại chất lượng (Đảng bộ xã Đồng Ý): nội dung của dòng này đã bị sửa.',
  );
  await check.scrollIntoViewIfNeeded();
  await screenshot(page, '1366-settings-audit-tampered');
  expect(await layoutProblems(page)).toEqual([]);
  await page.setViewportSize({ width: 1024, height: 640 });
  await check.scrollIntoViewIfNeeded();
  await screenshot(page, '1024-settings-audit-tampered');
  expect(await layoutProblems(page)).toEqual([]);
});
