// Xếp loại opens on the installation's own unit (its subtree), never on the whole register: a
// province's installation sees its province, not the units of another one it also holds; a
// grassroots installation, with nothing under its own unit to rate, sees the whole register.
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { TestBackend } from '../helpers/backend';
import { renderApp } from './harness';

/** Two provinces, each with a district and two communes; rated in 2016. */
function twoProvinces(b: TestBackend, own: 'province' | 'commune') {
  const units: Record<string, string> = {};
  for (const p of ['Lạng Sơn', 'Cao Bằng']) {
    const province = b.call('units.create', {
      name: `Đảng bộ tỉnh ${p}`,
      kind: 'province',
      fromYear: 1990,
    }).id;
    const district = b.call('units.create', {
      name: `Huyện ủy ${p}`,
      kind: 'upper_committee',
      parentId: province,
      fromYear: 2000,
    }).id;
    units[p] = province;
    for (const c of ['Đồng Ý', 'Hòa Sơn']) {
      units[`${c} ${p}`] = b.call('units.create', {
        name: `Đảng bộ xã ${c} (${p})`,
        kind: 'base_committee',
        parentId: district,
        fromYear: 2000,
      }).id;
    }
  }
  b.call('setup.complete', {
    operatorName: 'Nguyễn Văn Bình',
    ownUnit: {
      mode: 'existing',
      unitId: own === 'province' ? units['Lạng Sơn']! : units['Đồng Ý Lạng Sơn']!,
    },
  });
}

const namesIn = (grid: HTMLElement) =>
  within(grid)
    .getAllByRole('row')
    .slice(1)
    .map((r) => r.querySelector('.c-name')?.textContent);

describe('Xếp loại: the scope it opens on', () => {
  it("opens on the installation's own unit, with its name in the scope field", async () => {
    const view = renderApp({ prepare: (b) => twoProvinces(b, 'province') });
    await view.user.click(await screen.findByRole('button', { name: 'Xếp loại' }));
    const grid = await screen.findByRole('grid', { name: /Bảng xếp loại năm/ });
    expect(namesIn(grid)).toEqual([
      'Đảng bộ xã Đồng Ý (Lạng Sơn)',
      'Đảng bộ xã Hòa Sơn (Lạng Sơn)',
    ]);
    expect(screen.getByRole('combobox', { name: 'Phạm vi' })).toHaveProperty(
      'value',
      'Đảng bộ tỉnh Lạng Sơn',
    );
  });

  it('a grassroots installation, with nothing under it to rate, sees the whole register', async () => {
    const view = renderApp({ prepare: (b) => twoProvinces(b, 'commune') });
    await view.user.click(await screen.findByRole('button', { name: 'Xếp loại' }));
    const grid = await screen.findByRole('grid', { name: /Bảng xếp loại năm/ });
    expect(namesIn(grid)).toHaveLength(4);
    expect(screen.getByRole('combobox', { name: 'Phạm vi' })).toHaveProperty('value', '');
  });
});
