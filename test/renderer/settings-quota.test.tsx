// Cài đặt → Giới hạn tỷ lệ HTXSNV: switching a scale's quota on shows its warning in the grid.
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { TestBackend } from '../helpers/backend';
import { renderApp } from './harness';

/** Huyện ủy Bắc Sơn with 5 communes in 2019: 2 HTXSNV, 3 HTTNV (over 20% of HTTNV). */
function seed(b: TestBackend) {
  b.call('setup.complete', {
    operatorName: 'Nguyễn Văn Bình',
    ownUnit: { mode: 'new', name: 'Huyện ủy Bắc Sơn', kind: 'upper_committee', fromYear: 2008 },
  });
  const district = b.call('app.info', {}).ownUnitId!;
  const ids = ['Đồng Ý', 'Hòa Sơn', 'Vũ Lễ', 'Tân Tri', 'Long Đống'].map(
    (name) =>
      b.call('units.create', {
        name: `Đảng bộ xã ${name}`,
        kind: 'base_committee',
        parentId: district,
        fromYear: 2008,
      }).id,
  );
  b.call('ratings.saveYear', {
    year: 2019,
    entries: ids.map((unitId, i) => ({ unitId, levelCode: i < 2 ? 'HTXSNV' : 'HTTNV' })),
  });
}

describe('Cài đặt: the HTXSNV quota per scale', () => {
  it('is off before 2025 by default; switched on with its base, the grid warns', async () => {
    const { user, backend } = renderApp({ prepare: seed, year: 2019 });
    await user.click(await screen.findByRole('button', { name: 'Xếp loại' }));
    await screen.findByRole('grid', { name: 'Bảng xếp loại năm 2019' });
    expect(screen.queryByTestId('quota-warning')).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Cài đặt' }));
    const section = await screen.findByRole('region', { name: 'Giới hạn tỷ lệ HTXSNV' });
    const apply2018 = within(section).getByRole('checkbox', {
      name: 'Áp dụng: Thang xếp loại 2018–2022',
    });
    const apply2025 = within(section).getByRole('checkbox', {
      name: 'Áp dụng: Thang xếp loại từ 2025 (khung 100 điểm)',
    });
    expect(apply2018).toHaveProperty('checked', false);
    expect(apply2025).toHaveProperty('checked', true);
    expect(section.textContent).toContain('Tối đa 20%, đến 25% nếu có thành tích nổi bật');
    await user.click(apply2018);
    await within(section).findByText('Đã lưu: Thang xếp loại 2018–2022.');
    const applied = within(section).getByRole('checkbox', {
      name: 'Áp dụng: Thang xếp loại 2018–2022',
    });
    expect(applied).toHaveProperty('checked', true);
    await user.selectOptions(
      within(section).getByRole('combobox', { name: 'Cơ sở tính tỷ lệ: Thang xếp loại 2018–2022' }),
      'Số xếp loại HTTNV trở lên',
    );
    await waitFor(() =>
      expect(
        backend.call('ratings.quotas', {}).find((r) => r.scaleId === 'qd132-2018'),
      ).toMatchObject({ enabled: true, base: 'level_and_above' }),
    );

    await user.click(screen.getByRole('button', { name: 'Xếp loại' }));
    await screen.findByRole('grid', { name: 'Bảng xếp loại năm 2019' });
    expect((await screen.findByTestId('quota-warning')).textContent).toBe(
      '⚠ Huyện ủy Bắc Sơn, các đảng bộ cơ sở: 2 tổ chức xếp loại HTXSNV, vượt quá 20% số xếp ' +
        'loại HTTNV trở lên (5; tối đa 1). Đây chỉ là cảnh báo.',
    );
  });
});
