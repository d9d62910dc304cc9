// Diện củng cố against the real backend: the member table in "Biểu 01" order with its arrows,
// filters and sorting; adding the 16 units from the keyboard; the measure form refusing bad
// dates with the contract's and the backend's messages and writing nothing; carry-over naming
// what it will create.
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { TestBackend } from '../helpers/backend';
import { DISTRICT_PILOTS, KHOI_PILOTS } from '../helpers/ratings';
import { createList } from '../helpers/watchlists';
import { renderApp } from './harness';
import { CLOCK, DISTRICT_GROUP, KHOI_GROUP, seedList, seedRegister } from './watchlist-data';

const TITLE = 'Củng cố tổ chức cơ sở đảng yếu kém năm 2017';
const memberTable = () => screen.getByRole('table', { name: 'Các tổ chức trong diện củng cố' });
/** The members' rows (not the header, not the group headings). */
const bodyRows = () =>
  within(memberTable())
    .getAllByRole('row')
    .filter((r) => r.querySelector('td'));
const groupHeadings = () =>
  [...memberTable().querySelectorAll('tr.group-row')].map((r) => r.textContent);
const cells = (row: HTMLElement) =>
  within(row)
    .getAllByRole('cell')
    .map((c) => c.textContent);
const names = () => bodyRows().map((r) => cells(r)[1]);
const rowOf = (name: string) => within(memberTable()).getByRole('row', { name: new RegExp(name) });

/** Renders the app on Diện củng cố and opens the list titled `title`. */
async function openList(prepare: (b: TestBackend) => void, title = TITLE) {
  const view = renderApp({ prepare, clock: CLOCK, year: 2017, screen: 'watchlists' });
  await view.user.click(await screen.findByRole('button', { name: title }));
  await screen.findByRole('heading', { level: 1, name: title });
  return view;
}

const withList = (b: TestBackend) => void seedList(b);

describe('the member table of a list', () => {
  it('lists the 16 units in Biểu 01 order with every column, the baseline and arrows', async () => {
    await openList(withList);
    const headers = [...memberTable().querySelectorAll('thead th')].map((h) => h.textContent);
    expect(headers).toEqual([
      'STT',
      'Tên TCCSĐ',
      'Đảng bộ trực thuộc',
      'Loại hình',
      'Lý do',
      'Đồng chí phụ trách',
      'Xếp loại năm trước (2016)',
      'Xếp loại năm nay (2017)',
      'So sánh',
      'Mức độ chuyển biến',
      'Biện pháp xong / tổng',
      'Quá hạn',
      'Ghi chú',
    ]);
    expect(names()).toEqual([...DISTRICT_PILOTS, ...KHOI_PILOTS].map((p) => p.name));
    expect(bodyRows().map((r) => cells(r)[0])).toEqual(
      Array.from({ length: 16 }, (_, i) => String(i + 1)),
    );
    expect(groupHeadings()).toEqual([`I. ${DISTRICT_GROUP} (11)`, `II. ${KHOI_GROUP} (5)`]);
    expect(cells(rowOf('Đảng bộ xã Đồng Ý'))).toEqual([
      '1',
      'Đảng bộ xã Đồng Ý',
      'Đảng bộ huyện Bắc Sơn',
      'Xã',
      'Xếp loại yếu kém, không hoàn thành nhiệm vụ',
      'Đồng chí Lương Văn Dũng',
      'Yếu kém',
      'TSVM',
      '↑Nâng lên',
      '',
      '1/3',
      '1',
      '',
    ]);
    // Hòa Sơn kept HTTNV but changed clearly; a Khối unit is grouped under its parent committee.
    expect(cells(rowOf('Đảng bộ xã Hòa Sơn')).slice(6, 10)).toEqual([
      'HTTNV',
      'HTTNV',
      '→Giữ nguyên',
      'Chuyển biến tích cực, rõ nét',
    ]);
    expect(cells(rowOf('Chi bộ Ban Dân tộc')).slice(2, 9)).toEqual([
      'Đảng bộ Khối các cơ quan tỉnh',
      'Cơ quan',
      'Sinh hoạt không đều, chất lượng thấp',
      '',
      'HTNV',
      'HTNV',
      '→Giữ nguyên',
    ]);
    expect(screen.getByText('16 tổ chức')).toBeTruthy();
  });

  it('filters by group, by status and to the units with overdue measures', async () => {
    const { user } = await openList(withList);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Lọc theo nhóm' }), KHOI_GROUP);
    expect(names()).toEqual(KHOI_PILOTS.map((p) => p.name));
    expect(screen.getByText('5 trong 16 tổ chức')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Bỏ lọc' }));
    expect(bodyRows()).toHaveLength(16);

    await user.click(screen.getByRole('checkbox', { name: 'Chỉ tổ chức có biện pháp quá hạn' }));
    expect(names()).toEqual(['Đảng bộ xã Đồng Ý']);
    await user.click(screen.getByRole('checkbox', { name: 'Chỉ tổ chức có biện pháp quá hạn' }));

    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Lọc theo tình trạng' }),
      'Đã ra khỏi diện yếu kém',
    );
    expect(within(memberTable()).queryAllByRole('row')).toHaveLength(1);
    expect(screen.getByText('0 trong 16 tổ chức')).toBeTruthy();
  });

  it('sorts by name in Vietnamese order and by comparison, and back to STT order', async () => {
    const { user } = await openList(withList);
    const header = (name: string) =>
      within(memberTable()).getByRole('button', { name: new RegExp(`^${name}`) });
    await user.click(header('Tên TCCSĐ'));
    const sorted = [...DISTRICT_PILOTS, ...KHOI_PILOTS]
      .map((p) => p.name)
      .sort((a, b) => a.localeCompare(b, 'vi'));
    expect(names()).toEqual(sorted);
    expect(names()[0]).toBe('Chi bộ Ban Dân tộc');
    // Sorted by anything else, the rows leave their group headings.
    expect(groupHeadings()).toEqual([]);
    await user.click(header('So sánh'));
    expect(
      bodyRows()
        .slice(0, 6)
        .map((r) => cells(r)[8]),
    ).toEqual(Array(6).fill('↑Nâng lên'));
    await user.click(header('So sánh'));
    await user.click(header('So sánh'));
    expect(names()).toEqual([...DISTRICT_PILOTS, ...KHOI_PILOTS].map((p) => p.name));
    expect(groupHeadings()).toHaveLength(2);
  });

  it('says "không so sánh được" across the 2017→2018 scale change, never a drop', async () => {
    await openList((b) => {
      const { ls } = seedRegister(b);
      const list = createList(b, ls.province, 2018, { title: 'Củng cố năm 2018' });
      const dongY = ls.units.get('Đảng bộ xã Đồng Ý')!;
      const maiPha = ls.units.get('Đảng bộ xã Mai Pha')!;
      b.call('watchlists.addMember', { watchlistId: list.id, unitId: dongY });
      b.call('watchlists.addMember', { watchlistId: list.id, unitId: maiPha });
      b.call('ratings.saveYear', { year: 2018, entries: [{ unitId: dongY, levelCode: 'HTTNV' }] });
    }, 'Củng cố năm 2018');
    const dongY = rowOf('Đảng bộ xã Đồng Ý');
    expect(cells(dongY).slice(6, 9)).toEqual(['TSVM', 'HTTNV', 'Không so sánh được']);
    expect(within(dongY).getByText('Không so sánh được').getAttribute('title')).toBe(
      'Khác thang xếp loại (từ năm 2018)',
    );
    // No rating yet for 2018: nothing to compare, which is not the same thing.
    expect(cells(rowOf('Đảng bộ xã Mai Pha')).slice(6, 9)).toEqual([
      'TSVM',
      '',
      '—Chưa có kết quả xếp loại',
    ]);
  });
});

describe('a list’s decision', () => {
  it('a city list adds to the province’s: linked both ways, and kept when the list is changed', async () => {
    let provinceList = '';
    let cityList = '';
    const { user, backend } = await openList((b) => {
      const { ls } = seedRegister(b);
      provinceList = createList(b, ls.province, 2017, { title: TITLE }).id;
      cityList = createList(b, ls.districts.get('Đảng bộ thành phố Lạng Sơn')!, 2017, {
        title: 'Thành ủy chọn thêm năm 2017',
        number: '12-NQ/TU',
        extendsId: provinceList,
      }).id;
    }, 'Thành ủy chọn thêm năm 2017');
    await user.click(screen.getByRole('button', { name: `Bổ sung cho danh sách “${TITLE}”` }));
    await screen.findByRole('heading', { level: 1, name: TITLE });
    await user.click(
      screen.getByRole('button', {
        name: 'Danh sách bổ sung của Đảng bộ thành phố Lạng Sơn: “Thành ủy chọn thêm năm 2017”',
      }),
    );
    await screen.findByRole('heading', { level: 1, name: 'Thành ủy chọn thêm năm 2017' });

    await user.click(screen.getByRole('button', { name: 'Sửa thông tin' }));
    const dialog = await screen.findByRole('dialog', { name: 'Sửa thông tin danh sách' });
    expect(within(dialog).getByLabelText('Bổ sung cho danh sách')).toHaveProperty(
      'value',
      provinceList,
    );
    await user.type(within(dialog).getByLabelText('Mục đích, yêu cầu'), 'Chọn thêm 4 đảng bộ.');
    await user.click(within(dialog).getByRole('button', { name: 'Lưu' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(backend.call('watchlists.get', { id: cityList })).toMatchObject({
      extendsId: provinceList,
      number: '12-NQ/TU',
      purpose: 'Chọn thêm 4 đảng bộ.',
    });
  });
});

describe('adding units to a list from the keyboard', () => {
  it('takes the 16 units in a row, with Enter, in two groups', async () => {
    let listId = '';
    const { user, backend } = await openList((b) => {
      const { ls } = seedRegister(b);
      listId = createList(b, ls.province, 2017, { title: TITLE }).id;
    });
    expect(screen.getByText(/Danh sách chưa có tổ chức nào/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Thêm tổ chức' }));
    const dialog = screen.getByRole('dialog', { name: `Thêm tổ chức — ${TITLE}` });
    const picker = within(dialog).getByRole('combobox', { name: /^Tổ chức/ });
    const group = within(dialog).getByRole('textbox', { name: 'Nhóm (đảng bộ trực thuộc)' });
    expect(document.activeElement).toBe(picker);

    await user.type(group, DISTRICT_GROUP);
    await user.click(
      within(dialog).getByRole('checkbox', { name: 'Xếp loại yếu kém, không hoàn thành nhiệm vụ' }),
    );
    await user.click(picker);
    for (const p of DISTRICT_PILOTS) await user.type(picker, `${p.name}{Enter}`);
    await within(dialog).findByText('Đã thêm 11 tổ chức');
    // The Khối units: no group typed (their parent committee), another reason.
    await user.clear(group);
    await user.click(
      within(dialog).getByRole('checkbox', { name: 'Xếp loại yếu kém, không hoàn thành nhiệm vụ' }),
    );
    await user.click(
      within(dialog).getByRole('checkbox', { name: 'Sinh hoạt không đều, chất lượng thấp' }),
    );
    await user.click(picker);
    for (const p of KHOI_PILOTS) await user.type(picker, `${p.name}{Enter}`);
    await within(dialog).findByText('Đã thêm 16 tổ chức');
    expect(within(dialog).getByRole('status').textContent).toBe(
      'Đã thêm “Chi bộ Ban Dân tộc” (STT 16).',
    );
    expect(picker).toHaveProperty('value', '');
    expect(document.activeElement).toBe(picker);

    // The same unit twice: refused with the backend's message, nothing written.
    const before = backend.snapshot();
    await user.type(picker, 'Đảng bộ xã Đồng Ý{Enter}');
    expect((await within(dialog).findByRole('alert')).textContent).toBe(
      '"Đảng bộ xã Đồng Ý" đã có trong danh sách này.',
    );
    expect(backend.snapshot()).toBe(before);

    await user.click(within(dialog).getByRole('button', { name: 'Xong' }));
    await waitFor(() => expect(bodyRows()).toHaveLength(16));
    expect(names()).toEqual([...DISTRICT_PILOTS, ...KHOI_PILOTS].map((p) => p.name));
    const detail = backend.call('watchlists.get', { id: listId });
    expect(detail.members.map((m) => [m.group, m.groupIsDefault, m.reasons])).toEqual([
      ...DISTRICT_PILOTS.map(() => [DISTRICT_GROUP, false, ['weak_rating']]),
      ...KHOI_PILOTS.map(() => [KHOI_GROUP, true, ['poor_meetings']]),
    ]);
  });
});

describe('the add dialog’s picker under fast typing', () => {
  async function openAdd() {
    const view = await openList((b) => {
      const { ls } = seedRegister(b);
      createList(b, ls.province, 2017, { title: TITLE });
    });
    await view.user.click(screen.getByRole('button', { name: 'Thêm tổ chức' }));
    const dialog = screen.getByRole('dialog', { name: `Thêm tổ chức — ${TITLE}` });
    const picker = within(dialog).getByRole('combobox', { name: /^Tổ chức/ });
    const group = within(dialog).getByRole('textbox', { name: 'Nhóm (đảng bộ trực thuộc)' });
    return { ...view, dialog, picker, group };
  }
  const added = (dialog: HTMLElement) =>
    within(within(dialog).getByRole('region', { name: 'Các tổ chức vừa thêm' }))
      .getAllByRole('listitem')
      .map((li) => li.textContent);

  it('Enter adds the typed unit even after Escape closed the list of matches', async () => {
    const { user, dialog, picker } = await openAdd();
    await user.type(picker, 'Đảng bộ xã Đồng Ý');
    await waitFor(() => expect(picker.getAttribute('aria-busy')).toBe('false'));
    await user.keyboard('{Escape}');
    expect(picker.getAttribute('aria-expanded')).toBe('false');
    expect(screen.getByRole('dialog')).toBe(dialog);
    await user.keyboard('{Enter}');
    await waitFor(() => expect(added(dialog)).toEqual(['Đảng bộ xã Đồng Ý']));
    expect(picker).toHaveProperty('value', '');
  });

  it('coming back to the field at once does not have its list closed by the earlier leaving', async () => {
    const { user, picker, group } = await openAdd();
    await user.click(group);
    await user.click(picker);
    expect(picker.getAttribute('aria-expanded')).toBe('true');
    // The leaving closed the list 150 ms later, under the user's typing.
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(picker.getAttribute('aria-expanded')).toBe('true');
  });

  it('keeps every refusal in sight while the next units are added', async () => {
    const { user, dialog, picker } = await openAdd();
    await user.type(picker, 'Đảng bộ xã Mai Pha{Enter}');
    await user.type(picker, 'Đảng bộ xã Mai Pha{Enter}');
    await user.type(picker, 'Đảng bộ huyện Bắc Sơn{Enter}');
    await user.type(picker, 'không có xã này{Enter}');
    await user.type(picker, 'Chi bộ Cục Thống kê{Enter}');
    await waitFor(() =>
      expect(added(dialog)).toEqual(['Đảng bộ xã Mai Pha', 'Chi bộ Cục Thống kê']),
    );
    const refused = within(dialog).getByRole('alert', { name: 'Các tổ chức chưa thêm được' });
    expect(
      within(refused)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      '"Đảng bộ xã Mai Pha" đã có trong danh sách này.',
      expect.stringMatching(/^"Đảng bộ huyện Bắc Sơn" là đảng bộ cấp trên cơ sở; chỉ đưa/),
      'Không tìm thấy tổ chức nào năm 2017 khớp với “không có xã này”.',
    ]);
    expect(within(dialog).getByRole('status').textContent).toBe(
      'Đã thêm “Chi bộ Cục Thống kê” (STT 2).',
    );
  });
});

describe('a member’s panel', () => {
  async function openDongY() {
    const view = await openList(withList);
    await view.user.click(rowOf('Đảng bộ xã Đồng Ý'));
    const panel = await screen.findByRole('complementary', { name: 'Đảng bộ xã Đồng Ý' });
    const measures = within(panel).getByRole('region', { name: 'Biện pháp' });
    await within(measures).findByText('Kiểm tra việc thực hiện quy chế làm việc');
    return { ...view, panel, measures };
  }

  it('shows the measures in time order, the overdue one marked in red, and the trajectory', async () => {
    const { panel, measures } = await openDongY();
    const items = within(measures).getAllByRole('listitem');
    expect(items.map((i) => i.querySelector('strong')?.textContent)).toEqual([
      'Phân công đồng chí Ủy viên Ban Thường vụ phụ trách',
      'Kiểm tra việc thực hiện quy chế làm việc',
      'Sơ kết một năm củng cố',
    ]);
    expect(items.map((i) => i.className)).toEqual(['status-done', 'overdue', 'status-planned']);
    expect(within(items[1]!).getByText('Quá hạn')).toBeTruthy();
    expect(items[1]!.textContent).toContain('Bắt đầu 01/09/2017 · Hạn 31/12/2017');
    expect(within(measures).getByTestId('measure-counts').textContent).toBe(
      '1/3 đã hoàn thành · 1 quá hạn',
    );
    const trajectory = within(panel).getByRole('region', { name: 'Kết quả qua các năm' });
    expect(trajectory.textContent).toContain('Xếp loại năm trước khi vào diện (2016): Yếu kém');
    const chart = await within(trajectory).findByRole('img', { name: /Biểu đồ/ });
    expect(chart.getAttribute('aria-label')).toContain('2016: Yếu kém; 2017: TSVM');
    expect(chart.getAttribute('aria-label')).toContain('Trong diện củng cố: 2017');
  });

  it('refuses a due date before the start date under the field, and saves nothing', async () => {
    const { user, measures, backend } = await openDongY();
    await user.click(within(measures).getByRole('button', { name: 'Thêm biện pháp' }));
    const dialog = screen.getByRole('dialog', { name: 'Thêm biện pháp — Đảng bộ xã Đồng Ý' });
    await user.selectOptions(within(dialog).getByLabelText('Loại biện pháp'), 'Kiện toàn cấp ủy');
    await user.type(within(dialog).getByLabelText('Nội dung biện pháp'), 'Kiện toàn chi ủy');
    await user.type(within(dialog).getByLabelText('Ngày bắt đầu'), '01/03/2017');
    await user.type(within(dialog).getByLabelText('Hạn hoàn thành'), '01/02/2017');
    const before = backend.snapshot();
    await user.click(within(dialog).getByRole('button', { name: 'Lưu' }));
    const due = within(dialog).getByLabelText('Hạn hoàn thành');
    await waitFor(() => expect(due.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(due.getAttribute('aria-describedby')!)?.textContent).toBe(
      'Hạn hoàn thành không được trước ngày bắt đầu.',
    );
    expect(backend.snapshot()).toBe(before);

    // Corrected, it is saved and takes its place in the timeline.
    await user.clear(due);
    await user.type(due, '30/04/2017');
    await user.click(within(dialog).getByRole('button', { name: 'Lưu' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await within(measures).findByText('Kiện toàn chi ủy');
  });

  it('refuses a done date after today (the backend’s clock) with its message, then completes', async () => {
    const { user, measures, backend } = await openDongY();
    await user.click(
      within(measures).getByRole('button', {
        name: 'Hoàn thành: Kiểm tra việc thực hiện quy chế làm việc',
      }),
    );
    const dialog = screen.getByRole('dialog', { name: /^Hoàn thành biện pháp/ });
    const date = within(dialog).getByLabelText('Ngày hoàn thành');
    await user.clear(date);
    await user.type(date, '25/01/2018');
    const before = backend.snapshot();
    await user.click(within(dialog).getByRole('button', { name: 'Lưu' }));
    await waitFor(() => expect(date.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(date.getAttribute('aria-describedby')!)?.textContent).toBe(
      'Ngày hoàn thành (25/01/2018) không được sau ngày hôm nay (20/01/2018).',
    );
    expect(backend.snapshot()).toBe(before);

    await user.clear(date);
    await user.type(date, '15/01/2018');
    await user.click(within(dialog).getByRole('button', { name: 'Lưu' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() =>
      expect(within(measures).getByTestId('measure-counts').textContent).toBe('2/3 đã hoàn thành'),
    );
    expect(within(measures).queryByText('Quá hạn')).toBeNull();
    // The table beside the panel keeps STT, name, this year, comparison and overdue.
    await waitFor(() =>
      expect(cells(rowOf('Đảng bộ xã Đồng Ý'))).toEqual([
        '1',
        'Đảng bộ xã Đồng Ý',
        'TSVM',
        '↑Nâng lên',
        '',
      ]),
    );
  });
});

describe('Lập danh sách năm sau', () => {
  it('names the units it will carry and why, then opens next year’s list with them', async () => {
    const { user } = await openList(withList);
    await user.click(screen.getByRole('button', { name: 'Lập danh sách năm sau' }));
    const dialog = screen.getByRole('dialog', { name: 'Lập danh sách năm sau' });
    expect(dialog.textContent).toContain(
      'Sẽ lập danh sách năm 2018 tiếp nối danh sách này, do Đảng bộ tỉnh Lạng Sơn ban hành, gồm 9 tổ chức',
    );
    const carried = within(dialog).getByRole('region', { name: 'Các tổ chức chuyển sang năm sau' });
    const carriedNames = [
      'Đảng bộ xã Bắc Xa',
      'Đảng bộ xã Ái Quốc',
      'Đảng bộ xã Đào Viên',
      'Đảng bộ xã Tân Mỹ',
      'Đảng bộ xã Tràng Sơn',
      'Chi bộ Sở Khoa học và Công nghệ',
      'Chi bộ Thanh tra tỉnh',
      'Chi bộ Liên minh Hợp tác xã',
      'Chi bộ Ban Dân tộc',
    ];
    expect(within(carried).getByRole('heading').textContent).toBe(
      'Mức xếp loại không được nâng lên (9)',
    );
    expect(
      within(carried)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(carriedNames);
    const staying = within(dialog).getByRole('region', { name: 'Các tổ chức không chuyển sang' });
    expect(
      within(staying)
        .getAllByRole('heading')
        .map((h) => h.textContent),
    ).toEqual(['Mức xếp loại được nâng lên (6)', 'Chuyển biến tích cực, rõ nét (1)']);
    expect(within(staying).getAllByRole('listitem')).toHaveLength(7);
    expect(within(staying).getAllByRole('listitem')[6]?.textContent).toBe('Đảng bộ xã Hòa Sơn');

    await user.click(within(dialog).getByRole('button', { name: 'Lập danh sách năm 2018' }));
    const done = await screen.findByRole('dialog', { name: 'Đã lập danh sách năm sau' });
    expect(within(done).getByRole('status').textContent).toBe(
      'Đã lập danh sách “Củng cố tổ chức cơ sở đảng yếu kém năm 2018” (năm 2018) với 9 tổ chức.',
    );
    await user.click(within(done).getByRole('button', { name: 'Mở danh sách năm 2018' }));
    await screen.findByRole('heading', {
      level: 1,
      name: 'Củng cố tổ chức cơ sở đảng yếu kém năm 2018',
    });
    await waitFor(() => expect(names()).toEqual(carriedNames));
    expect(cells(rowOf('Đảng bộ xã Bắc Xa')).slice(4, 7)).toEqual([
      'Chuyển biến chậm năm trước; Xếp loại yếu kém, không hoàn thành nhiệm vụ',
      '',
      'HTTNV',
    ]);
    expect(screen.getByRole('button', { name: `Tiếp nối danh sách “${TITLE}”` })).toBeTruthy();
  });
});
