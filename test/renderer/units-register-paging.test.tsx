// The register screen at size (issue 10): it never asks for the whole register — the table reads
// a page at a time and the next one as the user scrolls near the end, the tree a level at a time.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { TestBackend } from '../helpers/backend';
import type * as Dispatch from '../../electron/backend/dispatch';
import { renderApp } from './harness';

const calls = vi.hoisted(() => [] as { method: string; input: Record<string, unknown> }[]);

vi.mock('../../electron/backend/dispatch', async (importOriginal) => {
  const real = await importOriginal<typeof Dispatch>();
  const dispatch: typeof Dispatch.dispatch = (ctx, method, input) => {
    calls.push({ method: String(method), input: (input ?? {}) as Record<string, unknown> });
    return real.dispatch(ctx, method, input);
  };
  return { ...real, dispatch };
});

function seed(b: TestBackend) {
  b.call('setup.complete', {
    operatorName: 'Nguyễn Văn Bình',
    ownUnit: { mode: 'new', name: 'Đảng bộ tỉnh Lạng Sơn', kind: 'province', fromYear: 2008 },
  });
  const province = b.call('app.info', {}).ownUnitId ?? '';
  const district = b.call('units.create', {
    name: 'Huyện ủy Bắc Sơn',
    kind: 'upper_committee',
    parentId: province,
    fromYear: 2008,
  });
  b.ctx.db.transaction(() => {
    for (let i = 1; i <= 250; i++) {
      b.call('units.create', {
        name: `Chi bộ thôn ${i}`,
        kind: 'base_cell',
        parentId: district.id,
        fromYear: 2010,
      });
    }
  })();
}

const table = () => screen.getByRole('table', { name: 'Danh sách tổ chức' });

describe('the register at size', () => {
  it('reads a page at a time, the next as the user scrolls near the end, never the whole register', async () => {
    calls.length = 0;
    renderApp({ prepare: seed });
    await screen.findByText('252 tổ chức trong năm 2017');
    // Only the first page is in the table's row count (plus the header and the "loading" row).
    expect(table().getAttribute('aria-rowcount')).toBe('101');
    // The numeric order of the names: "Chi bộ thôn 2" before "Chi bộ thôn 10".
    const names = within(table())
      .getAllByRole('row')
      .slice(1, 4)
      .map((r) => r.querySelector('td')?.textContent);
    expect(names).toEqual(['Chi bộ thôn 1', 'Chi bộ thôn 2', 'Chi bộ thôn 3']);
    // Sorting by a column waits for the whole list.
    expect(within(table()).getByRole('button', { name: 'Mã' })).toHaveProperty('disabled', true);

    const scroller = table().closest('.table-scroll');
    if (!(scroller instanceof HTMLElement)) throw new Error('no scroll container');
    for (const rows of ['201', '253']) {
      scroller.scrollTop = 34 * (Number(table().getAttribute('aria-rowcount')) - 20);
      fireEvent.scroll(scroller);
      await waitFor(() => expect(table().getAttribute('aria-rowcount')).toBe(rows));
    }
    expect(within(table()).getByRole('button', { name: 'Mã' })).toHaveProperty('disabled', false);

    const lists = calls.filter((c) => c.method === 'units.list');
    expect(lists.length).toBeGreaterThanOrEqual(3);
    for (const c of lists) expect(c.input.pageSize ?? c.input.limit).toBeDefined();
    expect(lists.filter((c) => c.input.after !== undefined)).toHaveLength(2);
    // The tree read its top level and the open province's children, a level at a time.
    const levels = calls.filter((c) => c.method === 'units.children');
    expect(levels.some((c) => c.input.parentId === undefined)).toBe(true);
    expect(levels.every((c) => c.input.pageSize !== undefined)).toBe(true);
  });

  it('expands a unit of the tree by reading its children then', async () => {
    calls.length = 0;
    const { user } = renderApp({ prepare: seed });
    const tree = await screen.findByRole('tree');
    const label = await within(tree).findByRole('button', { name: /^Huyện ủy Bắc Sơn/ });
    const district = label.closest('li');
    if (!district) throw new Error('no tree item');
    expect(district.getAttribute('aria-expanded')).toBe('false');
    const before = calls.filter((c) => c.method === 'units.children').length;
    await user.click(within(district).getByRole('button', { name: 'Mở rộng' }));
    expect(await within(district).findByText('Chi bộ thôn 10')).toBeTruthy();
    const after = calls.filter((c) => c.method === 'units.children');
    expect(after.length).toBe(before + 1);
    expect(within(district).getByText(/\(250\)/)).toBeTruthy();
    // 200 of the 250 are read; the rest on request.
    await user.click(within(district).getByRole('button', { name: 'Xem thêm…' }));
    expect(await within(district).findByText('Chi bộ thôn 99')).toBeTruthy();
    await waitFor(() => expect(within(district).getAllByRole('treeitem')).toHaveLength(250));
  });
});
