// Báo cáo's document sections hold what a nation's report fills them with (the form's limit is
// the contract's, 400,000 characters, no longer 50,000), and a section over it is refused by the
// backend with its Vietnamese message naming the section: shown beside the export buttons, no
// file offered, nothing written, every typed line kept.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { SECTION_BODY_MAX } from '../../shared/methods/report-document';
import { renderApp } from './harness';
import { CLOCK, seedList } from './watchlist-data';

const TITLE = 'Củng cố tổ chức cơ sở đảng yếu kém năm 2017';
const LIST_HEADING =
  /^Năm 2017 — Nghị quyết 33-NQ\/TU: củng cố tổ chức cơ sở đảng yếu kém năm 2017$/;

const controls = () => screen.getByRole('group', { name: 'Phạm vi và cách lập báo cáo' });
const section = (n: number) =>
  screen.getByRole<HTMLTextAreaElement>('textbox', { name: `Nội dung phần ${n}` });

/** The report of Resolution 33-NQ/TU's list for 2017, with a date the clock allows. */
async function openList() {
  const view = renderApp({
    prepare: (b) => void seedList(b),
    clock: CLOCK,
    year: 2017,
    screen: 'reports',
  });
  const { user } = view;
  await screen.findByRole('heading', { level: 1, name: 'Báo cáo' });
  await user.click(within(controls()).getByRole('radio', { name: 'Danh sách diện củng cố' }));
  const select = within(controls()).getByRole('combobox', { name: 'Danh sách' });
  await waitFor(() =>
    expect(within(select).getByRole('option', { name: new RegExp(TITLE) })).toBeTruthy(),
  );
  await user.selectOptions(select, within(select).getByRole('option', { name: new RegExp(TITLE) }));
  await screen.findByRole('heading', { level: 2, name: LIST_HEADING });
  const date = screen.getByRole('textbox', { name: 'Ngày báo cáo' });
  await user.clear(date);
  await user.type(date, '15/01/2018');
  return view;
}

/** A body of `length` characters, lines of a carry-over list. */
function body(length: number): string {
  return 'Chi bộ thôn Nà Pàn (Xếp loại yếu kém năm 2017); '
    .repeat(length / 40 + 1)
    .slice(0, length);
}

describe("the document's sections at a nation's size", () => {
  it('take the contract’s limit and export a section of the nation’s size', async () => {
    const view = await openList();
    expect(section(5).maxLength).toBe(SECTION_BODY_MAX);
    expect(section(3).maxLength).toBe(SECTION_BODY_MAX);
    // The nation's direction section (~143,000 characters) was over the old 50,000.
    fireEvent.change(section(5), { target: { value: body(142_669) } });
    await view.user.click(screen.getByRole('button', { name: 'Xuất Word' }));
    expect(
      await screen.findByText(/^Đã lưu tệp Bao-cao-2017-[A-Za-z0-9-]+\.docx\.$/, undefined, {
        timeout: 20_000,
      }),
    ).toBeTruthy();
    expect(view.saved).toHaveLength(1);
  });

  it('refuses a section over the limit with the backend’s message naming it, keeping the text', async () => {
    const view = await openList();
    const before = view.backend.snapshot();
    const long = body(SECTION_BODY_MAX + 1);
    fireEvent.change(section(5), { target: { value: long } });
    await view.user.click(screen.getByRole('button', { name: 'Xuất Word' }));
    const alert = await screen.findByRole('alert', undefined, { timeout: 20_000 });
    expect(alert.textContent).toBe(
      'Phần "V. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2018" dài 400.001 ký tự, quá 400.000 ký tự một phần ' +
        'được phép; hãy rút gọn phần này.',
    );
    expect(view.saved).toEqual([]);
    expect(view.backend.snapshot()).toBe(before);
    expect(section(5).value).toBe(long);
  });
});
