// Báo cáo against the real backend: the controls (a committee or a watchlist, the compared year,
// the groupings a scope offers), a year without results said plainly with no chart of zeros, the
// 2017 → 2018 scale change said in words, the summary edited, copied and written again from the
// figures (one text with the document's results section), edits kept when the year changes, and
// the exports handed to the save dialog — or refused in Vietnamese with every typed line kept.
import { readFileSync } from 'node:fs';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { TestBackend } from '../helpers/backend';
import { DISTRICT_PILOTS, KHOI_PILOTS } from '../helpers/ratings';
import { renderApp } from './harness';
import { CLOCK, seedList, seedRegister } from './watchlist-data';

const TITLE = 'Củng cố tổ chức cơ sở đảng yếu kém năm 2017';

function renderReports(prepare: (b: TestBackend) => void, year = 2017) {
  return renderApp({ prepare, clock: CLOCK, year, screen: 'reports' });
}

const withList = (b: TestBackend) => void seedList(b);

/** The summary's text area (also the document's results section). */
const summaryField = () =>
  screen.getByRole<HTMLTextAreaElement>('textbox', { name: /^Đoạn tóm tắt/ });
const resultsSection = () =>
  screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Nội dung phần 3' });
const controls = () => screen.getByRole('group', { name: 'Phạm vi và cách lập báo cáo' });
const radio = (name: string) => within(controls()).getByRole<HTMLInputElement>('radio', { name });
const select = (name: string) =>
  within(controls()).getByRole<HTMLSelectElement>('combobox', { name });
const shown = (el: HTMLSelectElement) => el.selectedOptions[0]?.textContent;
/** The report's heading: "Năm 2017 — Nghị quyết 33-NQ/TU: củng cố …". */
const LIST_HEADING =
  /^Năm 2017 — Nghị quyết 33-NQ\/TU: củng cố tổ chức cơ sở đảng yếu kém năm 2017$/;

/** Opens the report of Resolution 33-NQ/TU's list for 2017. */
async function chooseList(user: ReturnType<typeof renderApp>['user']) {
  await screen.findByRole('heading', { level: 1, name: 'Báo cáo' });
  await user.click(within(controls()).getByRole('radio', { name: 'Danh sách diện củng cố' }));
  const select = within(controls()).getByRole('combobox', { name: 'Danh sách' });
  await waitFor(() =>
    expect(within(select).getByRole('option', { name: new RegExp(TITLE) })).toBeTruthy(),
  );
  const option = within(select).getByRole('option', { name: new RegExp(TITLE) });
  await user.selectOptions(select, option);
  await screen.findByRole('heading', { level: 2, name: LIST_HEADING });
}

describe('the report controls', () => {
  it('offers the whole register first, then a watchlist with its own groups and lower lists', async () => {
    const { user } = renderReports(withList);
    await screen.findByRole('heading', { level: 1, name: 'Báo cáo' });
    const grouping = () => select('Nhóm theo');
    const options = () =>
      within(grouping())
        .getAllByRole('option')
        .map((o) => o.textContent);
    expect(radio('Cấp ủy').checked).toBe(true);
    expect(options()).toEqual(['Cấp ủy cấp trên trực tiếp', 'Cấp ủy lựa chọn', 'Loại hình']);
    expect(grouping().value).toBe('parent');
    expect(shown(select('So sánh với'))).toBe('Năm 2016 (năm trước)');

    await user.click(radio('Danh sách diện củng cố'));
    expect(
      await screen.findByText('Hãy chọn một danh sách diện củng cố để lập báo cáo.'),
    ).toBeTruthy();
    expect(
      within(controls()).getByRole<HTMLInputElement>('checkbox', {
        name: 'Kèm danh sách bổ sung của cấp dưới',
      }).checked,
    ).toBe(false);
    await chooseList(user);
    expect(options()).toEqual([
      'Cấp ủy cấp trên trực tiếp',
      'Cấp ủy lựa chọn',
      'Loại hình',
      'Nhóm trong danh sách',
    ]);
    expect(grouping().value).toBe('watchlist_group');
  });

  it('opens from a list’s page with that list as the scope', async () => {
    const { user } = renderApp({
      prepare: withList,
      clock: CLOCK,
      year: 2019,
      screen: 'watchlists',
    });
    await user.click(await screen.findByRole('button', { name: TITLE }));
    await screen.findByRole('heading', { level: 1, name: TITLE });
    const page = screen.getByRole('main');
    await user.click(within(page).getByRole('button', { name: 'Báo cáo' }));
    await screen.findByRole('heading', { level: 1, name: 'Báo cáo' });
    expect(radio('Danh sách diện củng cố').checked).toBe(true);
    await waitFor(() => expect(shown(select('Danh sách'))).toMatch(TITLE));
    // The list's year, not the year the app was on.
    expect(
      within(controls()).getByRole<HTMLInputElement>('spinbutton', { name: 'Năm báo cáo' }).value,
    ).toBe('2017');
    await screen.findByRole('heading', { level: 2, name: LIST_HEADING });
  });
});

describe('the figures of Resolution 33-NQ/TU for 2017', () => {
  it('draws the charts, the transition table and the group table with the article’s figures', async () => {
    const { user } = renderReports(withList);
    await chooseList(user);
    expect(screen.getByRole('figure', { name: 'Cơ cấu xếp loại qua các năm' })).toBeTruthy();
    const transitions = screen.getByRole('figure', {
      name: 'Chuyển mức xếp loại từ năm 2016 sang năm 2017',
    });
    // Đồng Ý and Vân An rose from yếu kém; the diagonal (kept the level) is highlighted.
    const ykRow = within(transitions).getByRole('row', { name: /^Yếu kém/ });
    expect(
      within(ykRow)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['1', '0', '1', '0', '2']);
    expect(transitions.querySelectorAll('td.diagonal')).toHaveLength(4);
    expect(
      screen.getByRole('figure', {
        name: 'Nâng lên, giữ nguyên, giảm theo nhóm (năm 2017 so với năm 2016)',
      }),
    ).toBeTruthy();
    const multiples = screen.getByRole('figure', {
      name: 'Diễn biến xếp loại của từng tổ chức được theo dõi',
    });
    expect(within(multiples).getAllByRole('listitem')).toHaveLength(16);
    expect(
      within(multiples).getByRole('img', { name: /^Đảng bộ xã Đồng Ý: 2016 Yếu kém; 2017 TSVM/ }),
    ).toBeTruthy();

    const table = screen.getByRole('table', { name: 'Biểu tổng hợp' });
    const total = within(table).getByRole('row', { name: /^Tổng cộng/ });
    // 16 units, all rated: 3 TSVM (18,8%), 8 HTTNV (50%), 5 HTNV (31,3%), 0 yếu kém; 6 up, 10 same.
    expect(
      within(total)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual([
      '',
      '16',
      '16',
      '3',
      '18,8%',
      '0',
      '8',
      '50%',
      '5',
      '31,3%',
      '0',
      '0%',
      '0',
      '0',
      '6',
      '10',
      '0',
    ]);
    expect(summaryField().value).toContain('2 TCCSĐ đạt TSVM; 5 HTTNV; 4 HTNV');
  });
});

describe('a year without results', () => {
  it('says what is missing and draws no chart and no table of zeros', async () => {
    renderReports(withList, 2019);
    await screen.findByRole('heading', { level: 2, name: /^Năm 2019 — / });
    expect(
      screen.getByText(
        'Chưa có kết quả xếp loại năm 2019 trong phạm vi này, nên chưa có biểu đồ và biểu tổng hợp.',
      ),
    ).toBeTruthy();
    const notes = screen.getByRole('list', { name: 'Lưu ý về số liệu' });
    expect(notes.textContent).toMatch(/2019/);
    expect(document.querySelector('.recharts-wrapper')).toBeNull();
    expect(screen.queryByRole('figure')).toBeNull();
    expect(screen.queryByRole('table', { name: 'Biểu tổng hợp' })).toBeNull();
  });
});

describe('across the 2017 → 2018 scale change', () => {
  const with2018 = (b: TestBackend) => {
    const { ls } = seedRegister(b);
    const level = (name: string) => (name === 'Đảng bộ xã Đồng Ý' ? 'HTXSNV' : 'HTTNV');
    b.call('ratings.saveYear', {
      year: 2018,
      entries: [...DISTRICT_PILOTS, ...KHOI_PILOTS].map((p) => ({
        unitId: ls.units.get(p.name)!,
        levelCode: level(p.name),
      })),
    });
  };

  it('says the years cannot be compared, counts no drop and marks the change on the chart', async () => {
    renderReports(with2018, 2018);
    await screen.findByRole('heading', { level: 2, name: /^Năm 2018 — / });
    expect(
      screen.getByText(
        /Năm 2017 và năm 2018 xếp loại theo hai thang khác nhau: không so sánh được/,
      ),
    ).toBeTruthy();
    const transitions = screen.getByRole('figure', {
      name: 'Chuyển mức xếp loại từ năm 2017 sang năm 2018',
    });
    expect(
      within(transitions).getByText(
        'Năm 2017 và năm 2018: không so sánh được do thay đổi thang xếp loại.',
      ),
    ).toBeTruthy();
    expect(transitions.querySelectorAll('td.diagonal')).toHaveLength(0);
    const changes = screen.getByRole('figure', { name: /^Nâng lên, giữ nguyên, giảm theo nhóm/ });
    expect(changes.querySelector('svg')).toBeNull();
    expect(within(changes).getByRole('note').textContent).toMatch(/thay đổi thang xếp loại/);
    const distribution = screen.getByRole('figure', { name: 'Cơ cấu xếp loại qua các năm' });
    await waitFor(() => expect(distribution.textContent).toContain('Đổi thang xếp loại (2018)'));
    // The table: no columns of zeros for up, unchanged and down; "HTTNV trở lên" from 2018.
    const table = screen.getByRole('table', { name: 'Biểu tổng hợp' });
    const headers = [...table.querySelectorAll('thead th')].map((th) => th.textContent);
    expect(headers).toContain('So với năm 2017');
    expect(headers).toContain('Không so sánh được');
    expect(headers).toContain('HTTNV trở lên');
    expect(headers).not.toContain('Nâng lên');
    expect(headers).not.toContain('Giảm');
    const total = within(table).getByRole('row', { name: /^Tổng cộng/ });
    expect(within(total).getAllByRole('cell').at(-1)?.textContent).toBe('16');
  });
});

describe('the summary', () => {
  it('is edited in one place for the screen and the document, copied, and written again', async () => {
    const { user } = renderReports(withList);
    await chooseList(user);
    const generated = summaryField().value;
    expect(generated).toMatch(/^Kết quả xếp loại năm 2017 của 16 TCCSĐ/);
    expect(resultsSection().value).toBe(generated);
    const regenerate = screen.getByRole<HTMLButtonElement>('button', {
      name: 'Tạo lại từ số liệu',
    });
    expect(regenerate.disabled).toBe(true);

    await user.clear(summaryField());
    await user.type(summaryField(), 'Năm 2017 có chuyển biến rõ.');
    expect(resultsSection().value).toBe('Năm 2017 có chuyển biến rõ.');
    expect(screen.getByText('Đoạn tóm tắt đã được sửa.')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Sao chép' }));
    expect(await navigator.clipboard.readText()).toBe('Năm 2017 có chuyển biến rõ.');
    expect(screen.getByText('Đã sao chép đoạn tóm tắt.').getAttribute('role')).toBe('status');

    await user.click(regenerate);
    expect(summaryField().value).toBe(generated);
    expect(resultsSection().value).toBe(generated);
    expect(regenerate.disabled).toBe(true);
  });

  it('follows the style and named cases asked for, keeping what the user typed elsewhere', async () => {
    const { user } = renderReports(withList);
    await chooseList(user);
    const subject = screen.getByRole<HTMLInputElement>('textbox', { name: 'Trích yếu' });
    await user.clear(subject);
    await user.type(subject, 'Kết quả củng cố năm 2017');
    await user.selectOptions(select('Cách viết số liệu'), 'fractions');
    await user.click(within(controls()).getByRole('checkbox', { name: 'Nêu điển hình' }));
    await waitFor(() => expect(summaryField().value).toContain('Điển hình:'));
    expect(summaryField().value).toMatch(/1\/5 đạt TSVM/);
    expect(summaryField().value).toMatch(/Đảng bộ xã Đồng Ý từ yếu kém lên TSVM/);
    expect(subject.value).toBe('Kết quả củng cố năm 2017');
  });
});

describe('what the user typed', () => {
  it('is still there after a visit to another screen', async () => {
    const { user } = renderReports(withList);
    await chooseList(user);
    await user.clear(summaryField());
    await user.type(summaryField(), 'Đoạn đã sửa.');
    const menu = screen.getByRole('navigation');
    await user.click(within(menu).getByRole('button', { name: 'Tổng quan' }));
    await screen.findByRole('heading', { level: 1, name: 'Tổng quan' });
    await user.click(within(menu).getByRole('button', { name: 'Báo cáo' }));
    await screen.findByRole('heading', { level: 2, name: LIST_HEADING });
    expect(radio('Danh sách diện củng cố').checked).toBe(true);
    expect(summaryField().value).toBe('Đoạn đã sửa.');
  });
});

describe('the exports', () => {
  it('writes the Excel tables and offers them for saving', async () => {
    const view = renderReports(withList);
    const { user } = view;
    await chooseList(user);
    const date = screen.getByRole('textbox', { name: 'Ngày báo cáo' });
    await user.clear(date);
    await user.type(date, '15/01/2018');
    await user.click(screen.getByRole('button', { name: 'Xuất Excel' }));
    expect(
      await screen.findByText(/^Đã lưu tệp Bieu-tong-hop-2017-[A-Za-z0-9-]+\.xlsx\.$/, undefined, {
        timeout: 20_000,
      }),
    ).toBeTruthy();
    expect(view.saved).toHaveLength(1);
    const xlsx = view.saved[0]!;
    const bytes = readFileSync(view.backend.ctx.files.pathOf(xlsx.file.handle));
    // A zip (the .xlsx container), written whole.
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(bytes.length).toBe(xlsx.file.size);
  });

  it('writes the Word file from the edited document and offers it for saving', async () => {
    const view = renderReports(withList);
    const { user } = view;
    await chooseList(user);
    // A date the backend's clock allows (the test runs in January 2018).
    const date = screen.getByRole('textbox', { name: 'Ngày báo cáo' });
    await user.clear(date);
    await user.type(date, '15/01/2018');
    const signer = screen.getByRole('textbox', { name: 'Họ và tên người ký' });
    await user.type(signer, 'Dương Minh Phong');
    await user.click(screen.getByRole('button', { name: 'Xuất Word' }));
    expect(
      await screen.findByText(/^Đã lưu tệp Bao-cao-2017-[A-Za-z0-9-]+\.docx\.$/, undefined, {
        timeout: 20_000,
      }),
    ).toBeTruthy();
    expect(view.saved).toHaveLength(1);
    expect(view.saved[0]?.suggestedName).toMatch(/^Bao-cao-2017-Nghi-quyet-33-NQ-TU-/);
    expect(view.saved[0]?.file.size).toBeGreaterThan(4000);
    // The buttons are ready again, and what was typed is still there.
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Xuất Word' }).disabled).toBe(
      false,
    );
    expect((signer as HTMLInputElement).value).toBe('Dương Minh Phong');
  });

  it('prints the report page to PDF and offers the PDF for saving', async () => {
    const view = renderReports(withList);
    const { user } = view;
    await chooseList(user);
    const date = screen.getByRole('textbox', { name: 'Ngày báo cáo' });
    await user.clear(date);
    await user.type(date, '15/01/2018');
    await user.click(screen.getByRole('button', { name: 'Xuất PDF' }));
    expect(
      await screen.findByText(/^Đã lưu tệp Bao-cao-2017-[A-Za-z0-9-]+\.pdf\.$/, undefined, {
        timeout: 20_000,
      }),
    ).toBeTruthy();
    expect(view.saved).toHaveLength(1);
    const pdf = view.saved[0]!;
    expect(pdf.suggestedName).toMatch(/^Bao-cao-2017-Nghi-quyet-33-NQ-TU-.*\.pdf$/);
    const bytes = readFileSync(view.backend.ctx.files.pathOf(pdf.file.handle));
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('refuses a wrong date in Vietnamese, writes nothing and keeps every typed line', async () => {
    const view = renderReports(withList);
    const { user } = view;
    await chooseList(user);
    await user.clear(summaryField());
    await user.type(summaryField(), 'Đoạn đã sửa.');
    const date = screen.getByRole<HTMLInputElement>('textbox', { name: 'Ngày báo cáo' });
    await user.clear(date);
    await user.type(date, '31/02/2018');
    const note = document.getElementById(date.getAttribute('aria-describedby') ?? '');
    expect(note?.textContent).toBe('Ngày không hợp lệ.');
    const before = view.backend.snapshot();
    await user.click(screen.getByRole('button', { name: 'Xuất Word' }));
    expect(
      await screen.findByText('Chưa xuất được: ngày báo cáo chưa đúng. Ngày không hợp lệ.'),
    ).toBeTruthy();
    expect(view.saved).toEqual([]);
    expect(view.backend.snapshot()).toBe(before);
    expect(summaryField().value).toBe('Đoạn đã sửa.');
    expect(date.value).toBe('31/02/2018');
  });
});
