// Trao đổi dữ liệu in a real browser between two installations, each a preview host with its own
// data file: the province sends its master list down through the screen (a download), the
// Bắc Sơn district takes it, rates its units and sends its file up through its own screen; the
// province receives it through the screen (preview, apply), sees the ledger and who has not
// reported; then both sides change the same rating, the district sends only what changed, the
// province decides the conflict for the file's side, applies, and undoes that import. Every view
// is saved to test-results/screens/ at 1366×768 and 1024×640 and checked for layout problems.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect } from '@playwright/test';
import { layoutProblems } from './layout';
import type { Preview } from './preview';
import { invoke, screenshot, startPreview, test } from './preview';

const SIZES = [
  { width: 1366, height: 768 },
  { width: 1024, height: 640 },
] as const;

const PROVINCE = 'Đảng bộ tỉnh Lạng Sơn';
const DISTRICTS = [
  {
    code: 'BS',
    name: 'Đảng bộ huyện Bắc Sơn',
    units: [
      { code: 'BS01', name: 'Đảng bộ xã Đồng Ý', kind: 'base_committee', sector: 'commune' },
      { code: 'BS02', name: 'Đảng bộ xã Vũ Sơn', kind: 'base_committee', sector: 'commune' },
      {
        code: 'BS03',
        name: 'Chi bộ Trường THPT Bắc Sơn',
        kind: 'base_cell',
        sector: 'public_service',
      },
    ],
  },
  {
    code: 'HL',
    name: 'Đảng bộ huyện Hữu Lũng',
    units: [
      { code: 'HL01', name: 'Đảng bộ xã Hòa Sơn', kind: 'base_committee', sector: 'commune' },
    ],
  },
  {
    code: 'CL',
    name: 'Đảng bộ huyện Chi Lăng',
    units: [
      {
        code: 'CL01',
        name: 'Đảng bộ thị trấn Đồng Mỏ',
        kind: 'base_committee',
        sector: 'township',
      },
    ],
  },
] as const;

/** Saves the view at its size and collects what a person would find wrong with its layout. */
async function look(page: Page, name: string, problems: string[]) {
  await page.mouse.move(1, 1);
  await screenshot(page, `${page.viewportSize()?.width}-${name}`);
  for (const problem of await layoutProblems(page)) problems.push(`${name}: ${problem}`);
}

/** Each size in turn, the view saved and checked, back at 1366×768 afterwards. */
async function lookAtBothSizes(page: Page, name: string, problems: string[]) {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await look(page, name, problems);
  }
  await page.setViewportSize(SIZES[0]);
}

async function seedProvince(preview: Preview) {
  await invoke(preview, 'setup.complete', {
    operatorName: 'Ban Tổ chức Tỉnh ủy',
    ownUnit: { mode: 'new', name: PROVINCE, code: 'LS', kind: 'province' },
  });
  const info = await invoke<{ ownUnitId: string }>(preview, 'app.info', {});
  for (const district of DISTRICTS) {
    const created = await invoke<{ id: string }>(preview, 'units.create', {
      name: district.name,
      code: district.code,
      kind: 'upper_committee',
      parentId: info.ownUnitId,
    });
    for (const unit of district.units) {
      await invoke(preview, 'units.create', { ...unit, parentId: created.id });
    }
  }
}

/** A file handed to a preview host as the page's upload does; its handle. */
async function upload(preview: Preview, path: string, name: string): Promise<string> {
  const url = new URL(preview.url);
  const response = await fetch(new URL(`/api/upload?name=${encodeURIComponent(name)}`, url), {
    method: 'POST',
    headers: {
      'content-type': 'application/octet-stream',
      'x-tccsd-token': url.searchParams.get('token') ?? '',
    },
    body: readFileSync(path),
  });
  const result = (await response.json()) as { ok: boolean; value?: { handle: string } };
  if (!result.ok || !result.value) throw new Error(`upload of ${name} failed`);
  return result.value.handle;
}

async function unitId(preview: Preview, code: string): Promise<string> {
  const list = await invoke<{ rows: { id: string; code: string | null }[] }>(
    preview,
    'units.list',
    { year: 2017, search: code },
  );
  const row = list.rows.find((r) => r.code === code);
  if (!row) throw new Error(`no unit ${code}`);
  return row.id;
}

async function levelOf(preview: Preview, code: string, year: number): Promise<string | null> {
  const history = await invoke<{ ratings: { year: number; levelCode: string | null }[] }>(
    preview,
    'ratings.history',
    { unitId: await unitId(preview, code) },
  );
  return history.ratings.find((r) => r.year === year)?.levelCode ?? null;
}

const nav = (page: Page, name: string) =>
  page.getByRole('navigation').getByRole('button', { name, exact: true }).click();

async function openExchange(page: Page, tab: string) {
  await nav(page, 'Trao đổi dữ liệu');
  await expect(page.getByRole('heading', { name: 'Trao đổi dữ liệu', level: 1 })).toBeVisible();
  await page.getByRole('tab', { name: tab }).click();
}

/** Gửi dữ liệu → "Tạo tệp và lưu…": the file as downloaded, with its name. */
async function sendFile(page: Page, sinceLast = false): Promise<{ path: string; name: string }> {
  await openExchange(page, 'Gửi dữ liệu');
  const panel = page.getByRole('tabpanel', { name: 'Gửi dữ liệu' });
  if (sinceLast) await panel.getByRole('checkbox', { name: /^Chỉ những gì thay đổi/ }).check();
  const started = page.waitForEvent('download');
  await panel.getByRole('button', { name: 'Tạo tệp và lưu…' }).click();
  const download = await started;
  const name = download.suggestedFilename();
  await expect(panel.getByText(`Đã lưu tệp ${name}`, { exact: false })).toBeVisible();
  // Kept under its own name, as a person saves it (the chooser then shows that name).
  const path = join(mkdtempSync(join(tmpdir(), 'tccsd-e2e-files-')), name);
  await download.saveAs(path);
  return { path, name };
}

/** Nhận dữ liệu → choose the files in the browser's chooser; the preview is shown. */
async function chooseFiles(page: Page, paths: string[]) {
  await openExchange(page, 'Nhận dữ liệu');
  const panel = page.getByRole('tabpanel', { name: 'Nhận dữ liệu' });
  const chooser = page.waitForEvent('filechooser');
  await panel.getByRole('button', { name: /^Chọn tệp dữ liệu|^Thêm tệp/ }).click();
  await (await chooser).setFiles(paths);
  await expect(panel.getByRole('region', { name: 'Xem trước' })).toBeVisible();
  return panel;
}

test('a district sends its file up, the province previews, decides a conflict, applies and undoes', async ({
  page,
  preview,
}) => {
  test.setTimeout(240_000);
  const problems: string[] = [];
  const district = await startPreview();
  try {
    await seedProvince(preview);
    await page.setViewportSize(SIZES[0]);
    await page.goto(preview.url);
    await expect(page.getByRole('heading', { name: 'Tổng quan', level: 1 })).toBeVisible();

    // The province's master list goes down as a file.
    const master = await sendFile(page);
    expect(master.name).toMatch(/\.tccsd$/);
    await lookAtBothSizes(page, 'exchange-send', problems);
    const send = page.getByRole('tabpanel', { name: 'Gửi dữ liệu' });
    await send.getByRole('radio', { name: 'Chỉ các năm' }).check();
    await expect(send.getByRole('spinbutton', { name: 'Từ năm' })).toBeVisible();
    await lookAtBothSizes(page, 'exchange-send-years', problems);
    await send.getByRole('radio', { name: 'Mọi năm' }).check();

    // The district's new installation takes it and names its own unit among the units received.
    await invoke(district, 'settings.setOperator', { operatorName: 'Ban Tổ chức Huyện ủy' });
    const masterPlan = await invoke<{ planId: string }>(district, 'exchange.preview', {
      files: [await upload(district, master.path, master.name)],
    });
    await invoke(district, 'exchange.apply', { planId: masterPlan.planId });
    await invoke(district, 'setup.complete', {
      operatorName: 'Ban Tổ chức Huyện ủy Bắc Sơn',
      ownUnit: { mode: 'existing', unitId: await unitId(district, 'BS') },
    });
    for (const [code, level] of [
      ['BS01', 'HTTNV'],
      ['BS02', 'HTNV'],
      ['BS03', 'TSVM'],
    ] as const) {
      await invoke(district, 'ratings.set', {
        unitId: await unitId(district, code),
        year: 2017,
        levelCode: level,
      });
    }
    // …and sends its file up through its own screen.
    const districtPage = await page.context().newPage();
    await districtPage.setViewportSize(SIZES[0]);
    await districtPage.goto(district.url);
    await expect(districtPage.getByRole('heading', { name: 'Tổng quan', level: 1 })).toBeVisible();
    const first = await sendFile(districtPage);

    // The province receives it: the preview, then the import.
    let panel = await chooseFiles(page, [first.path]);
    const files = panel.getByRole('table', { name: 'Các tệp và những gì sẽ thay đổi' });
    await expect(files.getByRole('row', { name: new RegExp(first.name) })).toBeVisible();
    await expect(panel.getByText('Từ cấp dưới gửi lên', { exact: false })).toBeVisible();
    await lookAtBothSizes(page, 'exchange-preview', problems);
    await panel.getByRole('button', { name: 'Nhập dữ liệu' }).click();
    await expect(panel.getByRole('status').filter({ hasText: /./ }).first()).toBeVisible();
    expect(await levelOf(preview, 'BS01', 2017)).toBe('HTTNV');

    // The ledger: Bắc Sơn has sent; Hữu Lũng and Chi Lăng have not reported for 2017.
    await panel.getByRole('button', { name: 'Xem sổ theo dõi' }).click();
    const ledger = page.getByRole('tabpanel', { name: 'Sổ theo dõi' });
    const year = ledger.getByRole('spinbutton', { name: 'Năm' });
    await year.fill('2017');
    await year.press('Enter');
    const senders = ledger.getByRole('table', { name: 'Các đơn vị đã gửi' });
    await expect(senders.getByRole('row', { name: /Đảng bộ huyện Bắc Sơn/ })).toContainText(
      'Đã nhận',
    );
    const notReported = ledger.getByRole('list', { name: 'Chưa gửi báo cáo năm 2017' });
    await expect(notReported.getByRole('listitem')).toHaveText([
      /Đảng bộ huyện Chi Lăng/,
      /Đảng bộ huyện Hữu Lũng/,
    ]);
    await lookAtBothSizes(page, 'exchange-ledger', problems);

    // Both sides change Đồng Ý's 2017 rating; the district also changes Vũ Sơn's and sends only
    // what changed since its last file.
    await invoke(preview, 'ratings.set', {
      unitId: await unitId(preview, 'BS01'),
      year: 2017,
      levelCode: 'HTNV',
    });
    await invoke(district, 'ratings.set', {
      unitId: await unitId(district, 'BS01'),
      year: 2017,
      levelCode: 'TSVM',
    });
    await invoke(district, 'ratings.set', {
      unitId: await unitId(district, 'BS02'),
      year: 2017,
      levelCode: 'HTTNV',
    });
    const second = await sendFile(districtPage, true);

    panel = await chooseFiles(page, [second.path]);
    const changes = panel.getByRole('table', { name: 'Các bản ghi sẽ thay đổi' });
    const conflict = changes.getByRole('row', { name: /Đảng bộ xã Đồng Ý/ });
    await expect(conflict).toContainText('Xung đột');
    await expect(conflict).toContainText('đang có HTNV, trong tệp TSVM');
    await expect(changes.getByRole('row', { name: /Đảng bộ xã Vũ Sơn/ })).toContainText(
      'HTNV → HTTNV',
    );
    const apply = panel.getByRole('button', { name: 'Nhập dữ liệu' });
    await expect(apply).toBeDisabled();
    await expect(panel.getByText('Còn 1 xung đột chưa chọn cách xử lý.')).toBeVisible();
    await lookAtBothSizes(page, 'exchange-conflict', problems);
    // Decided from the keyboard: the record's own choice.
    const choice = conflict.getByRole('combobox');
    await choice.focus();
    await choice.selectOption({ label: 'Lấy dữ liệu trong tệp' });
    await expect(apply).toBeEnabled();
    await apply.click();
    await expect(panel.getByRole('button', { name: 'Xem sổ theo dõi' })).toBeVisible();
    expect(await levelOf(preview, 'BS01', 2017)).toBe('TSVM');
    expect(await levelOf(preview, 'BS02', 2017)).toBe('HTTNV');

    // Undo the second import, after confirming: the province's own value comes back.
    await panel.getByRole('button', { name: 'Xem sổ theo dõi' }).click();
    const batches = ledger.getByRole('table', { name: 'Các lần nhận tệp' });
    await expect(batches.getByRole('row')).toHaveCount(3);
    await batches.getByRole('button', { name: `Hoàn tác lần nhập tệp ${second.name}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Hoàn tác lần nhập?' });
    await expect(dialog).toContainText(second.name);
    await lookAtBothSizes(page, 'exchange-undo-confirm', problems);
    await dialog.getByRole('button', { name: 'Hoàn tác', exact: true }).click();
    await expect(
      ledger.getByText(`Đã hoàn tác lần nhập tệp ${second.name}`, { exact: false }),
    ).toBeVisible();
    expect(await levelOf(preview, 'BS01', 2017)).toBe('HTNV');
    expect(await levelOf(preview, 'BS02', 2017)).toBe('HTNV');
    await expect(batches.getByRole('row', { name: new RegExp(second.name) })).toContainText(
      'Đã hoàn tác',
    );
    await lookAtBothSizes(page, 'exchange-ledger-undone', problems);
  } finally {
    await district.stop();
  }
  expect(problems).toEqual([]);
});
