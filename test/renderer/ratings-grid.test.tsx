import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { TestBackend } from '../helpers/backend';
import { renderApp } from './harness';

const COMMUNES = [
  'Đảng bộ xã Đồng Ý',
  'Đảng bộ xã Hòa Sơn',
  'Đảng bộ xã Vũ Lễ',
  'Đảng bộ xã Tân Tri',
];

function seed(b: TestBackend) {
  b.call('setup.complete', {
    operatorName: 'Nguyễn Văn Bình',
    ownUnit: { mode: 'new', name: 'Huyện ủy Bắc Sơn', kind: 'upper_committee', fromYear: 2008 },
  });
  const district = b.call('app.info', {}).ownUnitId!;
  const ids = COMMUNES.map(
    (name, i) =>
      b.call('units.create', {
        name,
        code: `BS0${i + 1}`,
        kind: 'base_committee',
        sector: 'commune',
        parentId: district,
        fromYear: 2008,
      }).id,
  );
  b.call('ratings.saveYear', {
    year: 2016,
    entries: [
      { unitId: ids[0]!, levelCode: 'YK' },
      { unitId: ids[1]!, levelCode: 'HTTNV' },
    ],
  });
  return ids;
}

async function openRatings(year = 2017, prepare: (b: TestBackend) => unknown = seed) {
  const view = renderApp({ prepare, year });
  await view.user.click(await screen.findByRole('button', { name: 'Xếp loại' }));
  const grid = await screen.findByRole('grid', { name: `Bảng xếp loại năm ${year}` });
  return { ...view, grid };
}

const rowOf = (grid: HTMLElement, name: string) =>
  within(grid)
    .getAllByRole('row')
    .find((r) => r.textContent?.includes(name))!;
const currentOf = (grid: HTMLElement, name: string) =>
  rowOf(grid, name).querySelector('.current')!.textContent ?? '';

describe('Xếp loại: whole-year entry grid', () => {
  it('shows every unit valid that year with last year’s level beside this year’s', async () => {
    const { grid } = await openRatings();
    expect(rowOf(grid, 'Đảng bộ xã Đồng Ý').textContent).toContain('Yếu kém');
    expect(rowOf(grid, 'Đảng bộ xã Hòa Sơn').textContent).toContain('HTTNV');
    expect(screen.getByText(/Thang xếp loại 2008–2017/)).toBeTruthy();
  });

  it('takes levels from the keyboard: first letters, tier numbers, Enter, Delete, *', async () => {
    const { user, grid, backend } = await openRatings();
    grid.focus();
    // The TCCSĐ of the year (not the district committee above them), in Vietnamese
    // alphabetical order (Đ after D, before H).
    const names = within(grid)
      .getAllByRole('row')
      .slice(1)
      .map((r) => r.querySelector('.c-name')?.textContent);
    expect(names).toEqual([
      'Đảng bộ xã Đồng Ý',
      'Đảng bộ xã Hòa Sơn',
      'Đảng bộ xã Tân Tri',
      'Đảng bộ xã Vũ Lễ',
    ]);
    const [first, second, third] = names as [string, string, string];
    await user.keyboard('t'); // TSVM: unique prefix, moves to the next row
    expect(currentOf(grid, first)).toContain('TSVM');
    await user.keyboard('ht'); // ambiguous: waits for more
    expect(screen.getByRole('status').textContent).toContain('HTTNV, HTNV');
    await user.keyboard('t');
    expect(currentOf(grid, second)).toContain('HTTNV');
    await user.keyboard('3');
    expect(currentOf(grid, third)).toContain('HTNV');
    await user.keyboard('{ArrowUp}{ArrowUp}{ArrowUp}*');
    expect(currentOf(grid, first)).toContain('TSVM tiêu biểu');
    await user.keyboard('{ArrowDown}{Delete}');
    expect(currentOf(grid, second)).not.toContain('HTTNV');
    await user.keyboard('{ArrowUp}q');
    expect(screen.getByRole('status').textContent).toContain('Không có mức nào bắt đầu bằng “Q”');
    expect(screen.getByText('2 thay đổi chưa lưu')).toBeTruthy();
    expect(screen.getByTestId('count-TSVM').textContent).toBe('1');
    expect(screen.getByTestId('count-HTNV').textContent).toBe('1');

    // Nothing is written before Lưu; then all in one go.
    expect(backend.call('ratings.list', { year: 2017 }).rows).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    await screen.findByText('Đã lưu: 2 mới, 0 thay đổi, 0 xóa.');
    const saved = backend.call('ratings.list', { year: 2017 }).rows;
    expect(saved.map((r) => [r.name, r.levelCode, r.exemplary]).sort()).toEqual(
      [
        [first, 'TSVM', true],
        [third, 'HTNV', false],
      ].sort(),
    );
  });

  it('pastes a column copied from Excel, reporting values that are not levels', async () => {
    const { grid } = await openRatings();
    grid.focus();
    act(() => {
      fireEvent.paste(grid, {
        clipboardData: {
          getData: () => 'TSVM\r\nhoàn thành tốt nhiệm vụ\r\nHTXSNV\r\nyeu kem\r\n',
        },
      });
    });
    const names = within(grid)
      .getAllByRole('row')
      .slice(1)
      .map((r) => r.querySelector('.c-name')!.textContent!);
    expect(currentOf(grid, names[0]!)).toContain('TSVM');
    expect(currentOf(grid, names[1]!)).toContain('HTTNV');
    expect(currentOf(grid, names[2]!)).not.toContain('HTXSNV');
    expect(currentOf(grid, names[3]!)).toContain('Yếu kém');
    expect(screen.getByRole('status').textContent).toContain(
      'Đã dán 3 dòng; 1 giá trị không phải mức xếp loại năm 2017 (dòng 3)',
    );
  });

  it('sets many rows at once and warns (without blocking) when HTXSNV passes 20% of HTTNV', async () => {
    const { user, grid, backend } = await openRatings(2025);
    grid.focus();
    await user.keyboard('{Shift>}{ArrowDown}{ArrowDown}{ArrowDown}{/Shift}');
    await user.selectOptions(
      screen.getByLabelText(/Đặt cho 4 dòng đã chọn/),
      'HTTNV — Hoàn thành tốt nhiệm vụ',
    );
    expect(screen.getByTestId('count-HTTNV').textContent).toBe('4');
    await user.keyboard('{Escape}{Home}1');
    expect(screen.getByTestId('count-HTXSNV').textContent).toBe('1');
    expect(screen.getByTestId('quota-warning').textContent).toMatch(
      /^⚠ Huyện ủy Bắc Sơn, các đảng bộ cơ sở: 1 tổ chức xếp loại HTXSNV, vượt quá 25% số xếp loại HTTNV \(3;/,
    );
    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    await screen.findByText(/Đã lưu: 4 mới/);
    expect(backend.call('ratings.counts', { year: 2025 }).counts).toMatchObject({
      HTXSNV: 1,
      HTTNV: 3,
    });
  });

  it('asks before leaving with unsaved changes, and can stay', async () => {
    const { user, grid } = await openRatings();
    grid.focus();
    await user.keyboard('t');
    await user.click(screen.getByRole('button', { name: 'Tổ chức đảng' }));
    const dialog = await screen.findByRole('dialog', { name: 'Thay đổi chưa lưu' });
    expect(dialog.textContent).toContain('Có 1 thay đổi xếp loại chưa lưu');
    await user.click(within(dialog).getByRole('button', { name: 'Ở lại' }));
    expect(screen.getByRole('grid')).toBeTruthy();
    expect(screen.getByText('1 thay đổi chưa lưu')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Tổ chức đảng' }));
    await user.click(
      within(await screen.findByRole('dialog')).getByRole('button', { name: 'Bỏ thay đổi' }),
    );
    await screen.findByRole('heading', { name: 'Tổ chức đảng', level: 1 });
  });

  it('shows a unit’s ratings over the years as a chart and a table, marking the scale change', async () => {
    const { user, backend } = await openRatings(2019, (b) => {
      const ids = seed(b);
      b.call('ratings.set', { unitId: ids[0]!, year: 2017, levelCode: 'TSVM' });
      b.call('ratings.set', { unitId: ids[0]!, year: 2018, levelCode: 'HTTNV' });
      b.call('ratings.set', { unitId: ids[0]!, year: 2019, levelCode: 'HTXSNV' });
    });
    expect(
      backend.call('ratings.history', {
        unitId: backend.call('units.list', { year: 2019, search: 'dong y' }).rows[0]!.id,
      }).ratings,
    ).toHaveLength(4);
    await user.click(screen.getByRole('button', { name: 'Tổ chức đảng' }));
    const table = await screen.findByRole('table', { name: 'Danh sách tổ chức' });
    await user.click(within(table).getByRole('row', { name: /Đảng bộ xã Đồng Ý/ }));
    const history = await screen.findByRole('region', { name: 'Xếp loại qua các năm' });
    const chart = await within(history).findByRole('img', {
      name: /Biểu đồ mức xếp loại theo năm/,
    });
    expect(chart.getAttribute('aria-label')).toContain(
      '2016: Yếu kém; 2017: TSVM; 2018: HTTNV; 2019: HTXSNV',
    );
    await waitFor(() => expect(chart.querySelector('svg')).not.toBeNull());
    expect(chart.textContent).toContain('Thang mới');
    const rows = within(history)
      .getAllByRole('row')
      .map((r) => r.textContent);
    expect(rows).toEqual([
      expect.stringContaining('Năm'),
      expect.stringMatching(/^2016Yếu kém2008–2017/),
      expect.stringMatching(/^2017TSVM2008–2017/),
      expect.stringMatching(/^2018HTTNV2018–2022/),
      expect.stringMatching(/^2019HTXSNV2018–2022/),
    ]);
  });
});

/** The four communes with their 2017 ratings saved: Đồng Ý "TSVM tiêu biểu", Hòa Sơn HTTNV. */
function seed2017(b: TestBackend) {
  const ids = seed(b);
  b.call('ratings.saveYear', {
    year: 2017,
    entries: [
      { unitId: ids[0]!, levelCode: 'TSVM tiêu biểu' },
      { unitId: ids[1]!, levelCode: 'HTTNV' },
    ],
  });
  return ids;
}

const paste = (grid: HTMLElement, text: string) =>
  act(() => {
    fireEvent.paste(grid, { clipboardData: { getData: () => text } });
  });

describe('Xếp loại: one merge rule for typing, pasting and saving', () => {
  it('typing the level a row already has keeps its "tiêu biểu", through the save', async () => {
    const { user, grid, backend } = await openRatings(2017, seed2017);
    grid.focus();
    await user.keyboard('t'); // Đồng Ý: TSVM again
    expect(currentOf(grid, 'Đảng bộ xã Đồng Ý')).toContain('TSVM tiêu biểu');
    expect(screen.queryByText(/thay đổi chưa lưu/)).toBeNull();
    await user.keyboard('{ArrowUp}3'); // HTNV: the flag goes with TSVM
    await user.keyboard('{ArrowUp}t'); // TSVM once more, now without the flag
    expect(currentOf(grid, 'Đảng bộ xã Đồng Ý')).toMatch(/^TSVM(?! tiêu biểu)/);
    await user.keyboard('{ArrowUp}*{ArrowDown}3'); // flag it back; Hòa Sơn → HTNV
    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    await screen.findByText(/Đã lưu: 0 mới, 1 thay đổi/);
    const saved = backend.call('ratings.list', { year: 2017 }).rows;
    expect(saved.map((r) => [r.name, r.levelCode, r.exemplary])).toEqual([
      ['Đảng bộ xã Đồng Ý', 'TSVM', true],
      ['Đảng bộ xã Hòa Sơn', 'HTNV', false],
    ]);
  });

  it('a pasted column keeps "tiêu biểu" and clears only explicitly empty cells, naming them', async () => {
    const { grid, backend } = await openRatings(2017, seed2017);
    const before = backend.snapshot();
    grid.focus();
    paste(grid, 'TSVM\r\n\r\nHTNV\r\n');
    expect(currentOf(grid, 'Đảng bộ xã Đồng Ý')).toContain('TSVM tiêu biểu');
    expect(currentOf(grid, 'Đảng bộ xã Hòa Sơn')).not.toContain('HTTNV');
    expect(currentOf(grid, 'Đảng bộ xã Tân Tri')).toContain('HTNV');
    expect(screen.getByRole('status').textContent).toBe(
      'Đã dán 3 dòng. Đã xóa xếp loại của 1 tổ chức: Đảng bộ xã Hòa Sơn.',
    );
    // Nothing is written before Lưu.
    expect(backend.snapshot()).toBe(before);
  });

  it('a two-column paste (name and level) finds each row by name, diacritics ignored', async () => {
    const { grid } = await openRatings(2017, seed2017);
    grid.focus();
    paste(
      grid,
      'Tên tổ chức\tXếp loại\r\n' +
        'Đảng bộ xã Vũ Lễ\tHTTNV\r\n' +
        'dang bo xa dong y\tHTNV\r\n' +
        'ĐẢNG BỘ XÃ TÂN TRI\tTSVM tiêu biểu\r\n' +
        'Đảng bộ xã Hòa Sơn\r\n' +
        'Đảng bộ xã Nhất Hòa\tHTNV\r\n',
    );
    expect(currentOf(grid, 'Đảng bộ xã Vũ Lễ')).toContain('HTTNV');
    expect(currentOf(grid, 'Đảng bộ xã Đồng Ý')).toContain('HTNV');
    expect(currentOf(grid, 'Đảng bộ xã Tân Tri')).toContain('TSVM tiêu biểu');
    // A line without a level column changes nothing.
    expect(currentOf(grid, 'Đảng bộ xã Hòa Sơn')).toContain('HTTNV');
    expect(screen.getByRole('status').textContent).toBe(
      'Đã dán 3 dòng. Không tìm thấy 1 tên trong bảng: Đảng bộ xã Nhất Hòa.',
    );
  });
});

describe('Xếp loại: the quota warning is per deciding committee', () => {
  /**
   * Tỉnh ủy Lạng Sơn ─ Huyện ủy Bắc Sơn: 10 communes saved HTTNV in 2025;
   *                  ─ Huyện ủy Bình Gia: 2 communes, one saved HTXSNV.
   * Over the whole grid 1 HTXSNV of 10 HTTNV is within 20%; Bình Gia on its own is not.
   */
  function province(b: TestBackend) {
    b.call('setup.complete', {
      operatorName: 'Nguyễn Văn Bình',
      ownUnit: { mode: 'new', name: 'Tỉnh ủy Lạng Sơn', kind: 'province', fromYear: 2008 },
    });
    const root = b.call('app.info', {}).ownUnitId!;
    const district = (name: string) =>
      b.call('units.create', { name, kind: 'upper_committee', parentId: root, fromYear: 2008 }).id;
    const commune = (name: string, parentId: string) =>
      b.call('units.create', { name, kind: 'base_committee', parentId, fromYear: 2008 }).id;
    const bacSon = district('Huyện ủy Bắc Sơn');
    const binhGia = district('Huyện ủy Bình Gia');
    const bs = Array.from({ length: 10 }, (_, i) => commune(`Đảng bộ xã Bắc Sơn ${i + 1}`, bacSon));
    const bg = [
      commune('Đảng bộ xã Bình Gia 1', binhGia),
      commune('Đảng bộ xã Bình Gia 2', binhGia),
    ];
    b.call('ratings.saveYear', {
      year: 2025,
      entries: [
        ...bs.map((unitId) => ({ unitId, levelCode: 'HTTNV' })),
        { unitId: bg[0]!, levelCode: 'HTXSNV' },
      ],
    });
  }

  it('names the committee over its quota, and follows unsaved edits', async () => {
    const { user, grid } = await openRatings(2025, province);
    const warnings = () => screen.queryAllByTestId('quota-warning').map((w) => w.textContent);
    expect(warnings()).toEqual([
      expect.stringMatching(/^⚠ Huyện ủy Bình Gia, các đảng bộ cơ sở: 1 tổ chức xếp loại HTXSNV/),
    ]);
    // Bình Gia 2 → HTTNV: 1 of 1 is still over; Bắc Sơn 1 and 2 → HTXSNV: 2 of 8 is over.
    grid.focus();
    const rowIndex = (name: string) =>
      within(grid)
        .getAllByRole('row')
        .slice(1)
        .findIndex((r) => r.querySelector('.c-name')?.textContent === name);
    await user.keyboard('{Home}');
    for (let i = 0; i < rowIndex('Đảng bộ xã Bình Gia 2'); i++) await user.keyboard('{ArrowDown}');
    await user.keyboard('2');
    expect(warnings()).toHaveLength(1);
    await user.keyboard(`{Home}${'{ArrowDown}'.repeat(rowIndex('Đảng bộ xã Bắc Sơn 1'))}11`);
    expect(warnings()).toEqual([
      expect.stringMatching(/^⚠ Huyện ủy Bắc Sơn, các đảng bộ cơ sở: 2 tổ chức xếp loại HTXSNV/),
      expect.stringMatching(/^⚠ Huyện ủy Bình Gia, các đảng bộ cơ sở: 1 tổ chức/),
    ]);
  });
});

describe('Xếp loại: the mouse and the year field', () => {
  it('Enter in “Năm xếp loại” with unsaved changes opens the guard; leaving shows the new year', async () => {
    const { user, grid } = await openRatings();
    grid.focus();
    await user.keyboard('t');
    const year = screen.getByRole('spinbutton', { name: 'Năm xếp loại' });
    await user.clear(year);
    await user.type(year, '2016{Enter}');
    const dialog = await screen.findByRole('dialog', { name: 'Thay đổi chưa lưu' });
    // The Enter that committed the year must not also answer the question it raised.
    await new Promise((r) => setTimeout(r, 50));
    expect(dialog.isConnected).toBe(true);
    expect(year).toHaveProperty('value', '2016');
    await user.click(within(dialog).getByRole('button', { name: 'Bỏ thay đổi' }));
    await screen.findByRole('grid', { name: 'Bảng xếp loại năm 2016' });
    expect(year).toHaveProperty('value', '2016');
    expect(screen.queryByText(/thay đổi chưa lưu/)).toBeNull();
  });

  it('Enter in “Năm xếp loại”, then “Ở lại”: the year and the edits stay as they were', async () => {
    const { user, grid } = await openRatings();
    grid.focus();
    await user.keyboard('t');
    const year = screen.getByRole('spinbutton', { name: 'Năm xếp loại' });
    await user.clear(year);
    await user.type(year, '2016{Enter}');
    const dialog = await screen.findByRole('dialog', { name: 'Thay đổi chưa lưu' });
    await user.click(within(dialog).getByRole('button', { name: 'Ở lại' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(year).toHaveProperty('value', '2017');
    expect(screen.getByRole('grid', { name: 'Bảng xếp loại năm 2017' })).toBeTruthy();
    expect(screen.getByText('1 thay đổi chưa lưu')).toBeTruthy();
  });
});

describe('Xếp loại: editing with the mouse', () => {
  const editor = (name: string) =>
    screen.getByRole('listbox', { name: `Chọn mức năm 2017 cho ${name}` });

  it('a click on this year’s cell opens its choices; a click on one sets it', async () => {
    const { user, grid, backend } = await openRatings();
    const cell = rowOf(grid, 'Đảng bộ xã Hòa Sơn').querySelector<HTMLElement>('.current')!;
    await user.click(cell);
    const list = editor('Đảng bộ xã Hòa Sơn');
    // Every level of the year, its "tiêu biểu", each reason for not rating, and clearing.
    expect(
      within(list)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual([
      'TSVM — Trong sạch, vững mạnh',
      'TSVM tiêu biểu',
      'HTTNV — Hoàn thành tốt nhiệm vụ',
      'HTNV — Hoàn thành nhiệm vụ',
      'Yếu kém',
      'Không xếp loại: Mới thành lập',
      'Không xếp loại: Giải thể trong năm',
      'Không xếp loại: Không xếp loại',
      'Không xếp loại: Lý do khác',
      'Xóa kết quả',
    ]);
    await user.click(within(list).getByRole('option', { name: 'TSVM tiêu biểu' }));
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(currentOf(grid, 'Đảng bộ xã Hòa Sơn')).toContain('TSVM tiêu biểu');
    expect(screen.getByText('1 thay đổi chưa lưu')).toBeTruthy();
    expect(document.activeElement).toBe(grid);
    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    await screen.findByText(/Đã lưu: 1 mới/);
    const saved = backend.call('ratings.list', { year: 2017 }).rows;
    expect(saved.map((r) => [r.name, r.levelCode, r.exemplary])).toEqual([
      ['Đảng bộ xã Hòa Sơn', 'TSVM', true],
    ]);
  });

  it('a double-click anywhere on a row opens its choices; arrows and Enter choose, Escape keeps', async () => {
    const { user, grid } = await openRatings();
    await user.dblClick(rowOf(grid, 'Đảng bộ xã Vũ Lễ').querySelector<HTMLElement>('.c-parent')!);
    let list = editor('Đảng bộ xã Vũ Lễ');
    expect(document.activeElement).toBe(list);
    // An empty cell opens on the first level.
    expect(within(list).getByRole('option', { selected: true }).textContent).toContain('TSVM');
    await user.keyboard('{ArrowDown}{ArrowDown}{Enter}');
    expect(currentOf(grid, 'Đảng bộ xã Vũ Lễ')).toContain('HTTNV');

    await user.dblClick(rowOf(grid, 'Đảng bộ xã Vũ Lễ').querySelector<HTMLElement>('.c-index')!);
    list = editor('Đảng bộ xã Vũ Lễ');
    // Opens on the cell's value: HTTNV is the active choice.
    expect(within(list).getByRole('option', { selected: true }).textContent).toContain('HTTNV');
    await user.keyboard('{ArrowDown}{Escape}');
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(currentOf(grid, 'Đảng bộ xã Vũ Lễ')).toContain('HTTNV');
    expect(document.activeElement).toBe(grid);
  });

  it('F2 opens the active row’s choices from the keyboard; a reason for not rating can be chosen', async () => {
    const { user, grid } = await openRatings();
    grid.focus();
    await user.keyboard('{F2}');
    const list = editor('Đảng bộ xã Đồng Ý');
    await user.click(within(list).getByRole('option', { name: 'Không xếp loại: Mới thành lập' }));
    expect(currentOf(grid, 'Đảng bộ xã Đồng Ý')).toContain('Mới thành lập');
    // A click elsewhere closes the list without choosing.
    await user.click(rowOf(grid, 'Đảng bộ xã Tân Tri').querySelector<HTMLElement>('.current')!);
    editor('Đảng bộ xã Tân Tri');
    await user.click(rowOf(grid, 'Đảng bộ xã Hòa Sơn').querySelector<HTMLElement>('.c-index')!);
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(currentOf(grid, 'Đảng bộ xã Tân Tri')).toBe('');
  });
});
