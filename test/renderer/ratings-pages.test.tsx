// Xếp loại read page by page: the first page of a province's grid is shown at once, the following
// pages are read in the background in order (held back here until the test lets them through),
// and what needs every row (select-all, a paste by name, the counts and quota warnings) waits
// for them and says so. The draft survives the pages and a write elsewhere.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { RatingGrid } from '../../shared/contract';
import { getBridge, setBridge } from '../../renderer/src/api/bridge';
import { FIRST_PAGE_SIZE } from '../../renderer/src/ratings/useGridPages';
import type { TestBackend } from '../helpers/backend';
import type { NationalData } from '../helpers/national';
import { generateNational } from '../helpers/national';
import { renderApp } from './harness';

const YEAR = 2018;
let data: NationalData;

function seed(b: TestBackend) {
  data = generateNational(b.ctx.db, {
    provinces: 1,
    districts: 3,
    units: 760,
    firstYear: 2015,
    years: 4,
    seed: 99,
  });
  b.call('setup.complete', {
    operatorName: 'Nguyễn Văn Bình',
    ownUnit: { mode: 'existing', unitId: data.provinceIds[0]! },
  });
  b.call('ratings.setQuota', { scaleId: 'qd132-2018', enabled: true, base: 'level' });
}

/** The later pages' calls wait for `release` (the first page and every other call go through). */
function holdLaterPages() {
  const real = getBridge();
  let release = () => {};
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const asked: unknown[] = [];
  setBridge({
    ...real,
    invoke: async (method, input) => {
      if (method === 'ratings.grid') {
        asked.push(input);
        if ((input as { after?: string }).after !== undefined) await gate;
      }
      return real.invoke(method, input);
    },
  });
  return { release: () => act(release), asked };
}

async function openRatings() {
  const view = renderApp({ prepare: seed, year: YEAR });
  const held = holdLaterPages();
  await view.user.click(await screen.findByRole('button', { name: 'Xếp loại' }));
  const grid = await screen.findByRole('grid', { name: `Bảng xếp loại năm ${YEAR}` });
  const whole = view.backend.call('ratings.grid', { year: YEAR, scopeId: data.provinceIds[0]! });
  return { ...view, ...held, grid, whole };
}

const activeId = (grid: HTMLElement) =>
  grid.getAttribute('aria-activedescendant')?.replace('rating-row-', '');
const statusText = () => screen.getByRole('status').textContent ?? '';
const paste = (grid: HTMLElement, text: string) =>
  act(() => {
    fireEvent.paste(grid, { clipboardData: { getData: () => text } });
  });

/** A unit of the grid whose name no other row has, at or after `from`. */
function uniqueRow(whole: RatingGrid, from: number) {
  const count = new Map<string, number>();
  for (const r of whole.rows) count.set(r.name, (count.get(r.name) ?? 0) + 1);
  const index = whole.rows.findIndex((r, i) => i >= from && count.get(r.name) === 1);
  return { index, row: whole.rows[index]! };
}

describe('Xếp loại: the grid read page by page', () => {
  it('shows the first page at once, then the later pages as they arrive, with the progress', async () => {
    const { grid, whole, release, asked } = await openRatings();
    const total = whole.rows.length;
    expect(total).toBeGreaterThan(FIRST_PAGE_SIZE);
    expect(grid.getAttribute('aria-rowcount')).toBe(String(total + 1));
    expect(grid.getAttribute('aria-busy')).toBe('true');
    // Under the figures that wait for the last page: "Đang tải 300/760 đơn vị".
    const progress = screen.getByTestId('grid-progress');
    expect(progress.querySelector('dt')?.textContent).toBe('Đang tải');
    expect(progress.querySelector('dd')?.textContent).toBe(`${FIRST_PAGE_SIZE}/${total} đơn vị`);
    expect(progress.getAttribute('title')).toBe(
      `Đang tải bảng: đã tải ${FIRST_PAGE_SIZE}/${total} đơn vị. Số lượng từng mức và cảnh báo tỷ lệ HTXSNV hiện khi đã tải xong.`,
    );
    expect(screen.getByTestId('count-HTXSNV').textContent).toBe('…');
    // Never one call for the whole set: a first page, then the next one asked after its cursor.
    expect(asked[0]).toMatchObject({ pageSize: FIRST_PAGE_SIZE });
    expect((asked[0] as { after?: string }).after).toBeUndefined();
    await waitFor(() => expect(asked).toHaveLength(2));
    expect(asked[1]).toMatchObject({ after: expect.any(String) });

    // The keys reach the last row read, not further, until the next page is here.
    grid.focus();
    await userKey(grid, 'End');
    expect(activeId(grid)).toBe(whole.rows[FIRST_PAGE_SIZE - 1]!.unitId);
    await userKey(grid, 'ArrowDown');
    expect(activeId(grid)).toBe(whole.rows[FIRST_PAGE_SIZE - 1]!.unitId);

    await release();
    await waitFor(() => expect(screen.queryByTestId('grid-progress')).toBeNull());
    expect(grid.getAttribute('aria-busy')).toBe('false');
    await userKey(grid, 'ArrowDown');
    expect(activeId(grid)).toBe(whole.rows[FIRST_PAGE_SIZE]!.unitId);
    await userKey(grid, 'End');
    expect(activeId(grid)).toBe(whole.rows[total - 1]!.unitId);
    const htxs = whole.rows.filter((r) => r.current?.levelCode === 'HTXSNV').length;
    expect(screen.getByTestId('count-HTXSNV').textContent).toBe(String(htxs));
  });

  it('a paste by name waits for every page, then finds a row of a later page', async () => {
    const { grid, whole, release } = await openRatings();
    const { row } = uniqueRow(whole, FIRST_PAGE_SIZE + 10);
    const level = row.current?.levelCode === 'KHTNV' ? 'HTTNV' : 'KHTNV';
    grid.focus();
    paste(grid, `Tên tổ chức\tXếp loại\n${row.name}\t${level}\n`);
    expect(statusText()).toBe(
      `Bảng chưa tải xong (${FIRST_PAGE_SIZE}/${whole.rows.length} đơn vị): dán theo tên, hoặc dán quá dòng cuối đã tải, cần có đủ các dòng. Hãy dán lại khi đã tải xong.`,
    );
    expect(screen.queryByText(/thay đổi chưa lưu/)).toBeNull();
    // A column pasted within the rows read is applied at once.
    paste(grid, 'HTTNV\nHTTNV\n');
    expect(statusText()).toBe('Đã dán 2 dòng.');
    const drafted = () =>
      Number(
        /^(\d+) thay đổi/.exec(screen.queryByText(/thay đổi chưa lưu/)?.textContent ?? '0')?.[1] ??
          0,
      );
    const before = drafted();

    await release();
    await waitFor(() => expect(screen.queryByTestId('grid-progress')).toBeNull());
    paste(grid, `Tên tổ chức\tXếp loại\n${row.name}\t${level}\n`);
    expect(statusText()).toBe('Đã dán 1 dòng.');
    // The row far down, on the second page, is drafted: one change more, one more of its level.
    expect(drafted()).toBe(before + 1);
    expect(screen.getByTestId(`count-${level}`).textContent).toBe(
      String(
        countOf(whole, level, {
          [whole.rows[0]!.unitId]: 'HTTNV',
          [whole.rows[1]!.unitId]: 'HTTNV',
          [row.unitId]: level,
        }),
      ),
    );
  });

  it('select-all waits for every page, then selects every row of the set', async () => {
    const { grid, whole, release, user } = await openRatings();
    grid.focus();
    await user.keyboard('{Control>}a{/Control}');
    expect(statusText()).toBe(
      `Bảng chưa tải xong (${FIRST_PAGE_SIZE}/${whole.rows.length} đơn vị): hãy chọn tất cả khi đã tải xong.`,
    );
    expect(screen.queryByText(/dòng đã chọn/)).toBeNull();
    await release();
    await waitFor(() => expect(screen.queryByTestId('grid-progress')).toBeNull());
    await user.keyboard('{Control>}a{/Control}');
    expect(screen.getByText(`Đặt cho ${whole.rows.length} dòng đã chọn`)).toBeTruthy();
  });

  it('the quota warnings wait for every page, then count the draft of every committee', async () => {
    const { grid, whole, release, user } = await openRatings();
    expect(whole.quotaGroups.length).toBeGreaterThan(0);
    grid.focus();
    // The first 40 rows HTXSNV: over the 20 % of their committees' HTTNV.
    await user.keyboard('{Shift>}' + '{ArrowDown}'.repeat(39) + '{/Shift}');
    fireEvent.change(screen.getByRole('combobox', { name: /Đặt cho 40 dòng/ }), {
      target: { value: 'HTXSNV' },
    });
    const changed = whole.rows.slice(0, 40).filter((r) => r.current?.levelCode !== 'HTXSNV');
    expect(screen.getByText(`${changed.length} thay đổi chưa lưu`)).toBeTruthy();
    expect(screen.queryAllByTestId('quota-warning')).toHaveLength(0);
    await release();
    await waitFor(() => expect(screen.queryByTestId('grid-progress')).toBeNull());
    const warnings = screen.getAllByTestId('quota-warning');
    expect(warnings.length).toBeGreaterThan(0);
    const committees = new Set(whole.rows.slice(0, 40).map((r) => r.parentName));
    for (const w of warnings) {
      expect([...committees].some((name) => name && w.textContent?.includes(name))).toBe(true);
    }
    expect(screen.getByText(`${changed.length} thay đổi chưa lưu`)).toBeTruthy();
  });

  it('a write elsewhere while pages load reads the grid again and keeps the draft', async () => {
    const { grid, whole, release, user, backend, asked } = await openRatings();
    grid.focus();
    await user.keyboard('k'); // KHTNV on the first row, which moves to the second
    expect(screen.getByText('1 thay đổi chưa lưu')).toBeTruthy();
    const far = whole.rows[FIRST_PAGE_SIZE + 5]!;
    const level = far.current?.levelCode === 'HTTNV' ? 'HTNV' : 'HTTNV';
    const before = asked.length;
    act(() => {
      backend.call('ratings.set', { unitId: far.unitId, year: YEAR, levelCode: level });
    });
    // A first page again, for the data as it is now.
    await waitFor(() => expect(asked.length).toBeGreaterThan(before));
    expect((asked[before] as { after?: string }).after).toBeUndefined();
    await release();
    await waitFor(() => expect(screen.queryByTestId('grid-progress')).toBeNull());
    expect(screen.getByText('1 thay đổi chưa lưu')).toBeTruthy();
    const first = within(grid).getAllByRole('row')[1]!;
    expect(first.id).toBe(`rating-row-${whole.rows[0]!.unitId}`);
    expect(first.classList.contains('changed')).toBe(true);
    // The written rating is in the grid read again (counted with the draft over every row).
    const now = { [far.unitId]: level, [whole.rows[0]!.unitId]: 'KHTNV' };
    for (const code of ['HTXSNV', 'HTTNV', 'HTNV', 'KHTNV']) {
      expect(screen.getByTestId(`count-${code}`).textContent, code).toBe(
        String(countOf(whole, code, now)),
      );
    }
  });

  it('a write once every page is here: the whole grid stays until the new one is whole', async () => {
    const { grid, whole, release, backend } = await openRatings();
    await release();
    await waitFor(() => expect(screen.queryByTestId('grid-progress')).toBeNull());
    const again = holdLaterPages();
    const far = whole.rows[FIRST_PAGE_SIZE + 5]!;
    const level = far.current?.levelCode === 'HTTNV' ? 'HTNV' : 'HTTNV';
    act(() => {
      backend.call('ratings.set', { unitId: far.unitId, year: YEAR, levelCode: level });
    });
    // The new first page is read and the next one asked for, held back: the old whole grid stays,
    // its figures shown, no progress (the rows do not shrink to a page under the user).
    await waitFor(() => expect(again.asked).toHaveLength(2));
    expect(screen.queryByTestId('grid-progress')).toBeNull();
    expect(grid.getAttribute('aria-busy')).toBe('false');
    expect(screen.getByTestId(`count-${level}`).textContent).toBe(
      String(countOf(whole, level, {})),
    );
    await again.release();
    await waitFor(() =>
      expect(screen.getByTestId(`count-${level}`).textContent).toBe(
        String(countOf(whole, level, { [far.unitId]: level })),
      ),
    );
    expect(screen.queryByTestId('grid-progress')).toBeNull();
  });
});

describe('Xếp loại: a later page that cannot be read', () => {
  it('keeps the rows read and the draft, says why, and reads the grid again on “Tải lại bảng”', async () => {
    const view = renderApp({ prepare: seed, year: YEAR });
    const real = getBridge();
    let failures = 1;
    setBridge({
      ...real,
      invoke: (method, input) => {
        if (method === 'ratings.grid' && (input as { after?: string }).after && failures > 0) {
          failures--;
          return Promise.resolve({
            ok: false,
            error: {
              code: 'DATA_BUSY',
              message: 'Tệp dữ liệu đang được một chương trình khác ghi.',
            },
          });
        }
        return real.invoke(method, input);
      },
    });
    await view.user.click(await screen.findByRole('button', { name: 'Xếp loại' }));
    const grid = await screen.findByRole('grid', { name: `Bảng xếp loại năm ${YEAR}` });
    const whole = view.backend.call('ratings.grid', { year: YEAR, scopeId: data.provinceIds[0]! });
    await waitFor(() =>
      expect(statusText()).toBe('Tệp dữ liệu đang được một chương trình khác ghi. Tải lại bảng'),
    );
    // Not "Đang tải": the rows stop at the first page until the grid is read again.
    const progress = screen.getByTestId('grid-progress');
    expect(progress.querySelector('dt')?.textContent).toBe('Chưa tải xong');
    expect(progress.querySelector('dd')?.textContent).toBe(
      `${FIRST_PAGE_SIZE}/${whole.rows.length} đơn vị`,
    );
    expect(screen.getByTestId('count-HTXSNV').textContent).toBe('…');
    // An edit made meanwhile survives the new read.
    const first = whole.rows[0]!;
    const level = first.current?.levelCode === 'KHTNV' ? 'HTTNV' : 'KHTNV';
    grid.focus();
    paste(grid, `${level}\n`);
    await view.user.click(screen.getByRole('button', { name: 'Tải lại bảng' }));
    await waitFor(() => expect(screen.queryByTestId('grid-progress')).toBeNull());
    expect(statusText()).not.toContain('chương trình khác');
    expect(grid.getAttribute('aria-rowcount')).toBe(String(whole.rows.length + 1));
    expect(screen.getByTestId(`count-${level}`).textContent).toBe(
      String(countOf(whole, level, { [first.unitId]: level })),
    );
  });
});

/** Rows of `whole` at `level`, with some rows' levels replaced. */
function countOf(whole: RatingGrid, level: string, replaced: Record<string, string>): number {
  return whole.rows.filter((r) => (replaced[r.unitId] ?? r.current?.levelCode) === level).length;
}

async function userKey(grid: HTMLElement, key: string) {
  await act(async () => {
    fireEvent.keyDown(grid, { key });
    await Promise.resolve();
  });
}
