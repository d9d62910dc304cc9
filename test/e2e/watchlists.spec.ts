// Resolution 33-NQ/TU end to end in a real browser (DOMAIN.md §1): the province's list of 16
// units in two groups, built from the keyboard; measures for a unit, one past its due date (the
// preview host runs on the real clock); the 2017 ratings entered in Xếp loại; the arrows on the
// list and the overdue measure on Tổng quan; the slow units carried to the 2018 list. Every view
// is saved to test-results/screens/ at 1366×768 and checked for layout problems.
import type { Page } from '@playwright/test';
import { expect } from '@playwright/test';
import { layoutProblems } from './layout';
import type { Preview } from './preview';
import { invoke, screenshot, test } from './preview';

/** The 11 district pilots (one per district committee) and the 5 units under the Khối. */
const DISTRICT_PILOTS = [
  ['Huyện ủy Bắc Sơn', 'Đảng bộ xã Đồng Ý', 'YK', '1'],
  ['Thành ủy Lạng Sơn', 'Đảng bộ xã Mai Pha', 'HTTNV', '1'],
  ['Huyện ủy Hữu Lũng', 'Đảng bộ xã Hòa Sơn', 'HTTNV', '2'],
  ['Huyện ủy Bình Gia', 'Đảng bộ xã Tân Văn', 'HTNV', '2'],
  ['Huyện ủy Cao Lộc', 'Đảng bộ xã Thụy Hùng', 'HTNV', '2'],
  ['Huyện ủy Chi Lăng', 'Đảng bộ xã Vân An', 'YK', '3'],
  ['Huyện ủy Đình Lập', 'Đảng bộ xã Bắc Xa', 'HTTNV', '2'],
  ['Huyện ủy Lộc Bình', 'Đảng bộ xã Ái Quốc', 'HTTNV', '2'],
  ['Huyện ủy Tràng Định', 'Đảng bộ xã Đào Viên', 'HTNV', '3'],
  ['Huyện ủy Văn Lãng', 'Đảng bộ xã Tân Mỹ', 'HTNV', '3'],
  ['Huyện ủy Văn Quan', 'Đảng bộ xã Tràng Sơn', 'HTNV', '3'],
] as const;
const KHOI = 'Đảng bộ Khối các cơ quan tỉnh';
const KHOI_PILOTS = [
  ['Chi bộ Cục Thống kê', 'HTTNV', '1'],
  ['Chi bộ Sở Khoa học và Công nghệ', 'HTTNV', '2'],
  ['Chi bộ Thanh tra tỉnh', 'HTTNV', '2'],
  ['Chi bộ Liên minh Hợp tác xã', 'HTTNV', '2'],
  ['Chi bộ Ban Dân tộc', 'HTNV', '3'],
] as const;
const DISTRICT_GROUP = 'Các đảng bộ huyện, thành phố';
const TITLE_2017 = 'Củng cố tổ chức cơ sở đảng yếu kém năm 2017';
const TITLE_2018 = 'Củng cố tổ chức cơ sở đảng yếu kém năm 2018';
const code = (prefix: string, i: number) => `${prefix}${String(i + 1).padStart(2, '0')}`;

/** The register and its 2016 ratings, through the backend as the CLI or an import would. */
async function seed(preview: Preview) {
  await invoke(preview, 'setup.complete', {
    operatorName: 'Dương Minh Phong',
    ownUnit: { mode: 'new', name: 'Đảng bộ tỉnh Lạng Sơn', kind: 'province', fromYear: 1930 },
  });
  const { ownUnitId: province } = await invoke<{ ownUnitId: string }>(preview, 'app.info', {});
  const create = async (input: Record<string, unknown>) =>
    (await invoke<{ id: string }>(preview, 'units.create', { fromYear: 2000, ...input })).id;
  const entries: { unitId: string; levelCode: string }[] = [];
  for (const [i, [district, name, level]] of DISTRICT_PILOTS.entries()) {
    const parentId = await create({ name: district, kind: 'upper_committee', parentId: province });
    const unitId = await create({
      name,
      code: code('P', i),
      kind: 'base_committee',
      sector: 'commune',
      parentId,
    });
    entries.push({ unitId, levelCode: level });
  }
  const khoi = await create({ name: KHOI, kind: 'upper_committee', parentId: province });
  for (const [i, [name, level]] of KHOI_PILOTS.entries()) {
    const unitId = await create({
      name,
      code: code('K', i),
      kind: 'base_cell',
      sector: 'agency',
      parentId: khoi,
    });
    entries.push({ unitId, levelCode: level });
  }
  await invoke(preview, 'ratings.saveYear', { year: 2016, entries });
}

/** Saves the view at its size and collects what a person would find wrong with its layout. */
async function look(page: Page, name: string, problems: string[]) {
  await screenshot(page, name);
  for (const problem of await layoutProblems(page)) problems.push(`${name}: ${problem}`);
}

const nav = (page: Page, name: string) =>
  page.getByRole('navigation').getByRole('button', { name, exact: true }).click();

test('builds the 16-unit list, follows its measures and ratings, and carries it over', async ({
  page,
  preview,
}) => {
  test.setTimeout(180_000);
  const problems: string[] = [];
  await seed(preview);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(preview.url);
  await expect(page.getByRole('heading', { name: 'Tổng quan', level: 1 })).toBeVisible();

  // The list: Resolution 33-NQ/TU of the Provincial Standing Committee.
  await nav(page, 'Diện củng cố');
  await expect(page.getByText('Chưa có danh sách diện củng cố nào.')).toBeVisible();
  await page.getByRole('button', { name: 'Lập danh sách mới' }).click();
  const create = page.getByRole('dialog', { name: 'Lập danh sách diện củng cố' });
  await create.getByLabel('Tên danh sách').fill(TITLE_2017);
  await create.getByLabel('Số, ký hiệu văn bản').fill('33-nq/tu');
  await create.getByLabel('Ngày ban hành').fill('17/02/2017');
  await create.getByLabel('Năm theo dõi').fill('2017');
  await expect(create.getByRole('combobox', { name: 'Cấp ủy ban hành' })).toHaveValue(
    'Đảng bộ tỉnh Lạng Sơn',
  );
  await create
    .getByLabel('Mục đích, yêu cầu')
    .fill('Tập trung lãnh đạo, chỉ đạo củng cố 16 tổ chức cơ sở đảng yếu kém, chuyển biến chậm.');
  await look(page, '30-watchlist-create', problems);
  await create.getByRole('button', { name: 'Lưu' }).click();
  await expect(page.getByRole('heading', { name: TITLE_2017, level: 1 })).toBeVisible();
  await expect(page.getByText('Số 33-NQ/TU, ngày 17/02/2017')).toBeVisible();

  // 16 units from the keyboard: a code, Enter, the next code — in two groups.
  await page.getByRole('button', { name: 'Thêm tổ chức' }).click();
  const add = page.getByRole('dialog', { name: /^Thêm tổ chức/ });
  const picker = add.getByRole('combobox', { name: /^Tổ chức/ });
  const group = add.getByRole('textbox', { name: 'Nhóm (đảng bộ trực thuộc)' });
  await group.fill(DISTRICT_GROUP);
  await add.getByRole('checkbox', { name: 'Sinh hoạt không đều, chất lượng thấp' }).check();
  await picker.click();
  for (let i = 0; i < DISTRICT_PILOTS.length; i++) {
    await picker.pressSequentially(code('P', i));
    await picker.press('Enter');
  }
  await expect(add.getByText('Đã thêm 11 tổ chức')).toBeVisible();
  await group.fill('');
  await picker.click();
  for (let i = 0; i < KHOI_PILOTS.length; i++) {
    await picker.pressSequentially(code('K', i));
    await picker.press('Enter');
  }
  await expect(add.getByText('Đã thêm 16 tổ chức')).toBeVisible();
  await expect(add.getByRole('status')).toHaveText('Đã thêm “Chi bộ Ban Dân tộc” (STT 16).');
  await look(page, '31-watchlist-add-members', problems);
  await add.getByRole('button', { name: 'Xong' }).click();

  const table = page.getByRole('table', { name: 'Các tổ chức trong diện củng cố' });
  const row = (name: string) => table.getByRole('row', { name: new RegExp(name) });
  const memberRows = table.locator('tbody tr:not(.group-row)');
  await expect(memberRows).toHaveCount(16);
  await expect(table.locator('tr.group-row')).toHaveText([
    `I. ${DISTRICT_GROUP} (11)`,
    `II. ${KHOI} (5)`,
  ]);
  await expect(row('Đảng bộ xã Đồng Ý')).toContainText('Huyện ủy Bắc Sơn');
  await expect(row('Chi bộ Ban Dân tộc')).toContainText(KHOI);
  await expect(row('Đảng bộ xã Đồng Ý')).toContainText('Yếu kém');
  await look(page, '32-watchlist-members', problems);

  // Đồng Ý's measures: one done, one past its due date (31/12/2017 by today's clock).
  await row('Đảng bộ xã Đồng Ý').click();
  const panel = page.getByRole('complementary', { name: 'Đảng bộ xã Đồng Ý' });
  const measures = panel.getByRole('region', { name: 'Biện pháp' });
  const addMeasure = async (fields: {
    kind: string;
    title: string;
    start: string;
    due: string;
    responsible?: string;
  }) => {
    await measures.getByRole('button', { name: 'Thêm biện pháp' }).click();
    const form = page.getByRole('dialog', { name: /^Thêm biện pháp/ });
    await form.getByLabel('Loại biện pháp').selectOption({ label: fields.kind });
    await form.getByLabel('Nội dung biện pháp').fill(fields.title);
    if (fields.responsible)
      await form.getByLabel('Người, bộ phận thực hiện').fill(fields.responsible);
    await form.getByLabel('Ngày bắt đầu').fill(fields.start);
    await form.getByLabel('Hạn hoàn thành').fill(fields.due);
    await form.getByRole('button', { name: 'Lưu' }).click();
    return form;
  };
  // First with the dates the wrong way round: refused in the form, nothing saved.
  const wrong = await addMeasure({
    kind: 'Phân công đồng chí phụ trách',
    title: 'Phân công đồng chí Ủy viên Ban Thường vụ Tỉnh ủy phụ trách',
    start: '20/02/2017',
    due: '01/02/2017',
  });
  await expect(wrong.getByText('Hạn hoàn thành không được trước ngày bắt đầu.')).toBeVisible();
  await look(page, '33-measure-refused', problems);
  await wrong.getByLabel('Hạn hoàn thành').fill('01/03/2017');
  await wrong.getByRole('button', { name: 'Lưu' }).click();
  await expect(wrong).toBeHidden();
  await measures
    .getByRole('button', {
      name: 'Hoàn thành: Phân công đồng chí Ủy viên Ban Thường vụ Tỉnh ủy phụ trách',
    })
    .click();
  const done = page.getByRole('dialog', { name: /^Hoàn thành biện pháp/ });
  await done.getByLabel('Ngày hoàn thành').fill('25/02/2017');
  await done
    .getByLabel('Kết quả')
    .fill('Đồng chí Phó Bí thư Thường trực Tỉnh ủy trực tiếp phụ trách.');
  await done.getByRole('button', { name: 'Lưu' }).click();
  await expect(done).toBeHidden();
  await (
    await addMeasure({
      kind: 'Kiểm tra, giám sát',
      title: 'Kiểm tra việc thực hiện quy chế làm việc của Đảng ủy',
      start: '01/09/2017',
      due: '31/12/2017',
      responsible: 'Ủy ban Kiểm tra Huyện ủy Bắc Sơn',
    })
  ).waitFor({ state: 'hidden' });
  const overdueItem = measures.getByRole('listitem').filter({ hasText: 'quy chế làm việc' });
  await expect(overdueItem).toHaveClass('overdue');
  await expect(overdueItem.getByText('Quá hạn')).toBeVisible();
  await expect(measures.getByTestId('measure-counts')).toHaveText('1/2 đã hoàn thành · 1 quá hạn');
  await expect(row('Đảng bộ xã Đồng Ý')).toContainText('1');
  await look(page, '34-member-panel-measures', problems);

  // The 2017 ratings, entered in Xếp loại from the keyboard (tier numbers).
  await nav(page, 'Xếp loại');
  const ratingYear = page.getByRole('spinbutton', { name: 'Năm xếp loại' });
  await ratingYear.fill('2017');
  await ratingYear.press('Enter');
  const grid = page.getByRole('grid', { name: 'Bảng xếp loại năm 2017' });
  for (const [name, tier] of [
    ...DISTRICT_PILOTS.map(([, n, , t]) => [n, t] as const),
    ...KHOI_PILOTS.map(([n, , t]) => [n, t] as const),
  ]) {
    await grid
      .getByRole('row', { name: new RegExp(name) })
      .locator('.c-index')
      .click();
    await page.keyboard.type(tier);
  }
  await expect(page.getByText('16 thay đổi chưa lưu')).toBeVisible();
  await page.getByRole('button', { name: 'Lưu', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Đã lưu: 16 mới' })).toBeVisible();

  // Back on the list: the arrows; Hòa Sơn kept HTTNV but changed clearly (its 2017 result).
  await nav(page, 'Diện củng cố');
  await page.getByRole('button', { name: TITLE_2017 }).click();
  await expect(row('Đảng bộ xã Đồng Ý')).toContainText('↑');
  await expect(row('Đảng bộ xã Đồng Ý')).toContainText('TSVM');
  await expect(row('Đảng bộ xã Hòa Sơn')).toContainText('→');
  await expect(table.getByText('↑')).toHaveCount(6);
  await row('Đảng bộ xã Hòa Sơn').click();
  const hoaSon = page.getByRole('complementary', { name: 'Đảng bộ xã Hòa Sơn' });
  await hoaSon.getByRole('button', { name: 'Sửa 2017' }).click();
  const result = page.getByRole('dialog', { name: /^Kết quả năm 2017/ });
  await result
    .getByLabel('Mức độ chuyển biến')
    .selectOption({ label: 'Chuyển biến tích cực, rõ nét' });
  await result.getByLabel('Nhận xét').fill('Ra khỏi tốp cuối của mức hoàn thành tốt nhiệm vụ.');
  await result.getByRole('button', { name: 'Lưu' }).click();
  await expect(result).toBeHidden();
  await expect(hoaSon.getByRole('region', { name: 'Kết quả qua các năm' })).toContainText(
    'Chuyển biến tích cực, rõ nét',
  );
  await expect(hoaSon.getByRole('img', { name: /Biểu đồ/ })).toHaveAttribute(
    'aria-label',
    /2016: HTTNV; 2017: HTTNV; Trong diện củng cố: 2017/,
  );
  await look(page, '35-member-panel-trajectory', problems);
  await hoaSon.getByRole('button', { name: 'Đóng' }).click();
  await page.getByText('Số liệu tổng hợp theo nhóm').click();
  await expect(page.getByRole('table', { name: 'Kết quả năm 2017' })).toBeVisible();
  await look(page, '36-watchlist-after-ratings', problems);
  await page.getByText('Số liệu tổng hợp theo nhóm').click();

  // Tổng quan for 2017: the members that moved up and the overdue measure.
  await nav(page, 'Tổng quan');
  const year = page.getByRole('spinbutton', { name: 'Năm', exact: true });
  await year.fill('2017');
  await year.press('Enter');
  const overdue = page.getByRole('region', { name: 'Biện pháp quá hạn' });
  await expect(overdue.locator('.count-pill')).toHaveText('1');
  await expect(overdue).toContainText('Đảng bộ xã Đồng Ý · hạn 31/12/2017');
  await expect(page.getByTestId('members-up').locator('dd')).toHaveText('6');
  await expect(page.getByTestId('members-same').locator('dd')).toHaveText('10');
  await look(page, '37-overview-2017', problems);
  await overdue.getByRole('button', { name: /quy chế làm việc/ }).click();
  await expect(page.getByRole('complementary', { name: 'Đảng bộ xã Đồng Ý' })).toBeVisible();

  // Lập danh sách năm sau: it names the 9 slow units, then the 2018 list holds them.
  await page.getByRole('button', { name: 'Lập danh sách năm sau' }).click();
  const carry = page.getByRole('dialog', { name: 'Lập danh sách năm sau' });
  const carried = carry.getByRole('region', { name: 'Các tổ chức chuyển sang năm sau' });
  await expect(carried.getByRole('listitem')).toHaveCount(9);
  await expect(carried).toContainText('Đảng bộ xã Bắc Xa');
  await expect(carried).not.toContainText('Hòa Sơn');
  await carry.getByLabel('Số, ký hiệu văn bản').fill('45-NQ/TU');
  await carry.getByLabel('Ngày ban hành').fill('20/01/2018');
  await look(page, '38-carry-over-confirm', problems);
  await carry.getByRole('button', { name: 'Lập danh sách năm 2018' }).click();
  const carriedDone = page.getByRole('dialog', { name: 'Đã lập danh sách năm sau' });
  await expect(carriedDone.getByRole('status')).toHaveText(
    `Đã lập danh sách “${TITLE_2018}” (năm 2018) với 9 tổ chức.`,
  );
  await look(page, '39-carry-over-done', problems);
  await carriedDone.getByRole('button', { name: 'Mở danh sách năm 2018' }).click();
  await expect(page.getByRole('heading', { name: TITLE_2018, level: 1 })).toBeVisible();
  await expect(memberRows).toHaveCount(9);
  await expect(row('Đảng bộ xã Bắc Xa')).toContainText('Chuyển biến chậm năm trước');
  await look(page, '40-watchlist-2018', problems);

  // The lists, with the 2017 list's units marked "chuyển sang năm sau".
  await nav(page, 'Diện củng cố');
  const lists = page.getByRole('table', { name: 'Các danh sách diện củng cố' });
  await expect(lists.getByRole('row')).toHaveCount(3);
  await expect(lists.getByRole('row', { name: new RegExp(`^${TITLE_2017}`) })).toContainText(
    '6/16',
  );
  await look(page, '41-watchlists', problems);
  expect(problems).toEqual([]);
});
