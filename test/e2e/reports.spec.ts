// Báo cáo in a real browser on the illustrative Lạng Sơn data (resources/sample): the report of
// Resolution 33-NQ/TU for 2017 states the article's figures for both groups, draws its charts,
// and exports the Excel, Word and PDF files as downloads that are not empty. Every view is saved to
// test-results/screens/ at 1366×768 and at the 1024×640 minimum window and checked for layout
// problems (text under 13 px, anything cut off at the right, a page wider than the window).
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';
import { layoutProblems } from './layout';
import type { ProgressReport } from '../../shared/contract';
import { invoke, screenshot, test } from './preview';

const SIZES = [
  { width: 1366, height: 768 },
  { width: 1024, height: 640 },
] as const;

/** Saves the view at its size and collects what a person would find wrong with its layout. */
async function look(page: Page, name: string, problems: string[]) {
  // The pointer rests on the menu, so no chart shows its hover box in the picture.
  await page.mouse.move(1, 1);
  await screenshot(page, `${page.viewportSize()?.width}-${name}`);
  for (const problem of await layoutProblems(page)) problems.push(`${name}: ${problem}`);
}

/** Scrolls a part of the report to the top of the window before looking at it. */
async function lookAt(page: Page, part: Locator, name: string, problems: string[]) {
  await part.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await look(page, name, problems);
}

/** Clicks an export button and returns the downloaded file's name and size. */
async function download(page: Page, button: string) {
  const started = page.waitForEvent('download');
  await page.getByRole('button', { name: button, exact: true }).click();
  const file = await started;
  const path = await file.path();
  const head = readFileSync(path).subarray(0, 5).toString('latin1');
  return { name: file.suggestedFilename(), size: statSync(path).size, head, path };
}

test('reports Resolution 33-NQ/TU for 2017 with the article’s figures, charts and files', async ({
  page,
  preview,
}) => {
  test.setTimeout(240_000);
  const problems: string[] = [];
  await invoke(preview, 'sample.load', { operatorName: 'Dương Minh Phong' });
  await page.setViewportSize(SIZES[0]);
  await page.goto(preview.url);
  await expect(page.getByRole('heading', { name: 'Tổng quan', level: 1 })).toBeVisible();

  await page.getByRole('navigation').getByRole('button', { name: 'Báo cáo', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Báo cáo', level: 1 })).toBeVisible();
  const controls = page.getByRole('group', { name: 'Phạm vi và cách lập báo cáo' });
  await controls.getByRole('radio', { name: 'Danh sách diện củng cố' }).check();
  const lists = controls.getByRole('combobox', { name: 'Danh sách' });
  const option = lists.getByRole('option', { name: /33-NQ\/TU\) — / });
  await expect(option).toHaveCount(1);
  await lists.selectOption({ label: (await option.textContent()) ?? '' });
  // Choosing a 2017 list reports on 2017 against 2016.
  await expect(controls.getByRole('spinbutton', { name: 'Năm báo cáo' })).toHaveValue('2017');
  await expect(
    page.getByRole('heading', { level: 2, name: /^Năm 2017 — .*33-NQ\/TU/ }),
  ).toBeVisible();

  // The article's sentences for both groups.
  const summary = page.getByRole('textbox', { name: /^Đoạn tóm tắt/ });
  await expect(summary).toHaveValue(
    /11 TCCSĐ[^\n]*: 2 TCCSĐ đạt TSVM; 5 HTTNV; 4 HTNV; trong đó 5 TCCSĐ mức xếp loại được nâng lên, 6 giữ nguyên so với năm 2016\./,
  );
  await expect(summary).toHaveValue(
    /5 TCCSĐ[^\n]*: 1 TCCSĐ đạt TSVM; 3 HTTNV; 1 HTNV; trong đó 1 TCCSĐ mức xếp loại được nâng lên, 4 giữ nguyên so với năm 2016\./,
  );
  // The charts: SVG drawn, the transition table, one small chart per unit of the list.
  const distribution = page.getByRole('figure', { name: 'Cơ cấu xếp loại qua các năm' });
  await expect(distribution.locator('svg.recharts-surface')).toBeVisible();
  await expect(distribution.locator('.recharts-bar-rectangle').first()).toBeVisible();
  const transitions = page.getByRole('figure', {
    name: 'Chuyển mức xếp loại từ năm 2016 sang năm 2017',
  });
  await expect(transitions.getByRole('row', { name: /^Yếu kém/ })).toBeVisible();
  const changes = page.getByRole('figure', { name: /^Nâng lên, giữ nguyên, giảm theo nhóm/ });
  await expect(changes.locator('.recharts-bar-rectangle').first()).toBeVisible();
  const multiples = page.getByRole('figure', {
    name: 'Diễn biến xếp loại của từng tổ chức được theo dõi',
  });
  await expect(multiples.getByRole('listitem')).toHaveCount(16);
  await expect(
    multiples.getByRole('img', { name: /^Đảng bộ xã Đồng Ý: .*2016 Yếu kém; 2017 TSVM/ }),
  ).toHaveCount(1);

  // The fraction style of the article's second sentence, with the named cases.
  await controls.getByRole('combobox', { name: 'Cách viết số liệu' }).selectOption('fractions');
  await controls.getByRole('checkbox', { name: 'Nêu điển hình' }).check();
  await expect(summary).toHaveValue(/1\/5 đạt TSVM; 3\/5 đạt HTTNV; 1\/5 đạt HTNV/);
  await expect(summary).toHaveValue(/Đảng bộ xã Đồng Ý từ yếu kém lên TSVM/);

  const table = page.getByRole('table', { name: 'Biểu tổng hợp' });
  const documentForm = page.getByRole('region', { name: 'Văn bản báo cáo' });
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await lookAt(
      page,
      page.getByRole('heading', { name: 'Báo cáo', level: 1 }),
      'report',
      problems,
    );
    await lookAt(page, distribution, 'report-charts', problems);
    await lookAt(page, multiples, 'report-trajectories', problems);
    await lookAt(
      page,
      page.getByRole('region', { name: 'Tóm tắt kết quả' }),
      'report-summary',
      problems,
    );
    await lookAt(page, table, 'report-table', problems);
    await lookAt(page, documentForm, 'report-document', problems);
  }

  // The files, from the document as edited: downloads that are not empty (the xlsx and docx
  // zip packages start with "PK").
  await page.setViewportSize(SIZES[0]);
  const signer = documentForm.getByRole('textbox', { name: 'Họ và tên người ký' });
  await signer.fill('Dương Minh Phong');
  const excel = await download(page, 'Xuất Excel');
  expect(excel.name).toMatch(/^Bieu-tong-hop-2017-[A-Za-z0-9-]+\.xlsx$/);
  expect(excel.head.slice(0, 2)).toBe('PK');
  expect(excel.size).toBeGreaterThan(4000);
  await expect(documentForm.getByText(`Đã lưu tệp ${excel.name}.`)).toBeVisible();
  const word = await download(page, 'Xuất Word');
  expect(word.name).toMatch(/^Bao-cao-2017-[A-Za-z0-9-]+\.docx$/);
  expect(word.head.slice(0, 2)).toBe('PK');
  expect(word.size).toBeGreaterThan(4000);
  await expect(documentForm.getByText(`Đã lưu tệp ${word.name}.`)).toBeVisible();
  // The PDF: the report page printed by the preview host's Chromium.
  const pdf = await download(page, 'Xuất PDF');
  expect(pdf.name).toMatch(/^Bao-cao-2017-[A-Za-z0-9-]+\.pdf$/);
  expect(pdf.head).toBe('%PDF-');
  expect(pdf.size).toBeGreaterThan(4000);
  await expect(documentForm.getByText(`Đã lưu tệp ${pdf.name}.`)).toBeVisible();
  // What was typed in the form is in the document (poppler-utils, installed by .ci/run).
  const text = spawnSync('pdftotext', ['-layout', pdf.path, '-'], { encoding: 'utf8' }).stdout;
  expect(text).toContain('Dương Minh Phong');
  expect(text.replace(/\s+/g, ' ')).toContain('1/5 đạt TSVM; 3/5 đạt HTTNV; 1/5 đạt HTNV');
  await expect(signer).toHaveValue('Dương Minh Phong');
  await lookAt(page, documentForm, 'report-exported', problems);

  expect(problems).toEqual([]);
});

test('a committee’s report on the screen says what the files count unit by unit', async ({
  page,
  preview,
}) => {
  test.setTimeout(120_000);
  const problems: string[] = [];
  await invoke(preview, 'sample.load', { operatorName: 'Dương Minh Phong' });
  // The whole register, 2017 against 2016, as the files count it (every unit listed): the screen
  // asks for none and gets its figures from the summaries kept by the writes.
  const full = await invoke<ProgressReport>(preview, 'reports.progress', {
    year: 2017,
    scope: { type: 'register', unitId: null },
  });
  expect(full.totals.units.length).toBeGreaterThan(10);
  await page.setViewportSize(SIZES[0]);
  await page.goto(preview.url);
  await page.getByRole('navigation').getByRole('button', { name: 'Báo cáo', exact: true }).click();
  const controls = page.getByRole('group', { name: 'Phạm vi và cách lập báo cáo' });
  await controls.getByRole('radio', { name: 'Cấp ủy' }).check();
  const year = controls.getByRole('spinbutton', { name: 'Năm báo cáo' });
  await year.fill('2017');
  await year.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: /^Năm 2017 — / })).toBeVisible();
  const summary = page.getByRole('textbox', { name: /^Đoạn tóm tắt/ });
  await expect(summary).toHaveValue(new RegExp(escaped(full.totals.summary)));
  for (const group of full.groups) {
    await expect(summary).toHaveValue(new RegExp(escaped(group.summary)));
  }
  const table = page.getByRole('table', { name: 'Biểu tổng hợp' });
  const first = full.groups[0];
  if (!first) throw new Error('no group');
  await expect(table.getByRole('row', { name: new RegExp(escaped(first.name)) })).toBeVisible();
  await lookAt(
    page,
    page.getByRole('heading', { name: 'Báo cáo', level: 1 }),
    'report-register',
    problems,
  );
  await lookAt(page, table, 'report-register-table', problems);
  expect(problems).toEqual([]);
});

function escaped(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
