import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { TestBackend } from '../helpers/backend';
import { renderApp } from './harness';

function seed(b: TestBackend) {
  b.call('setup.complete', {
    operatorName: 'Dương Minh Phong',
    ownUnit: { mode: 'new', name: 'Huyện ủy Hữu Lũng', kind: 'upper_committee', fromYear: 2008 },
  });
  const district = b.call('app.info', {}).ownUnitId!;
  const hoaSon = b.call('units.create', {
    name: 'Đảng bộ xã Hòa Sơn',
    kind: 'base_committee',
    parentId: district,
    fromYear: 2008,
  });
  b.call('ratings.set', { unitId: hoaSon.id, year: 2016, levelCode: 'HTTNV', rank: 'bottom' });
  return hoaSon.id;
}

async function openHistory(year: number) {
  const view = renderApp({ prepare: seed, year });
  const table = await screen.findByRole('table', { name: 'Danh sách tổ chức' });
  await view.user.click(within(table).getByRole('row', { name: /Đảng bộ xã Hòa Sơn/ }));
  const history = await screen.findByRole('region', { name: 'Xếp loại qua các năm' });
  return { ...view, history };
}

describe('a unit’s rating with everything recorded beside the level', () => {
  it('records 2017: HTTNV, out of the bottom, a clear positive change, by the upper committee', async () => {
    const { user, history, backend } = await openHistory(2017);
    await user.click(within(history).getByRole('button', { name: 'Ghi kết quả năm 2017' }));
    const dialog = screen.getByRole('dialog', { name: /Kết quả xếp loại năm 2017/ });
    await user.selectOptions(
      within(dialog).getByLabelText('Mức xếp loại'),
      'HTTNV — Hoàn thành tốt nhiệm vụ',
    );
    await user.selectOptions(
      within(dialog).getByLabelText('Chuyển biến'),
      'Chuyển biến tích cực, rõ nét',
    );
    await user.selectOptions(within(dialog).getByLabelText('Hình thức'), 'Cấp trên quyết định');
    await user.type(within(dialog).getByLabelText('Số quyết định'), '120-QĐ/HU');
    await user.type(within(dialog).getByLabelText('Số đảng viên'), '245');
    await user.click(within(dialog).getByRole('button', { name: 'Lưu' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    const unitId = backend.call('units.list', { year: 2017, search: 'hoa son' }).rows[0]!.id;
    const saved = backend.call('ratings.history', { unitId }).ratings.find((r) => r.year === 2017);
    expect(saved).toMatchObject({
      levelCode: 'HTTNV',
      rank: null,
      change: 'clear',
      ratedBy: 'upper',
      decisionNumber: '120-QĐ/HU',
      memberCount: 245,
    });
    const rows = await within(history).findAllByRole('row');
    expect(rows.map((r) => r.textContent)).toEqual([
      expect.stringContaining('Năm'),
      expect.stringMatching(/^2016HTTNV.*Tốp cuối/),
      expect.stringMatching(/^2017HTTNV.*Chuyển biến tích cực, rõ nét/),
    ]);
  });

  it('refuses a level of another scale era and keeps the data unchanged', async () => {
    const { user, history, backend } = await openHistory(2017);
    await user.click(within(history).getByRole('button', { name: 'Sửa 2016' }));
    const dialog = screen.getByRole('dialog', { name: /Kết quả xếp loại năm 2016/ });
    const options = within(within(dialog).getByLabelText('Mức xếp loại'))
      .getAllByRole('option')
      .map((o) => o.textContent);
    expect(options).toContain('TSVM — Trong sạch, vững mạnh');
    expect(options.join()).not.toContain('HTXSNV');
    const before = backend.snapshot();
    await user.selectOptions(within(dialog).getByLabelText('Mức xếp loại'), '(chưa chọn)');
    await user.click(within(dialog).getByRole('button', { name: 'Lưu' }));
    expect(
      await within(dialog).findByText('Hãy chọn một mức xếp loại, hoặc lý do không xếp loại.'),
    ).toBeTruthy();
    expect(backend.snapshot()).toBe(before);
  });

  it('warns (without blocking) when a 2025 score is below its level’s minimum, never above', async () => {
    const { user, history, backend } = await openHistory(2025);
    await user.click(within(history).getByRole('button', { name: 'Ghi kết quả năm 2025' }));
    const dialog = screen.getByRole('dialog', { name: /Kết quả xếp loại năm 2025/ });
    const level = within(dialog).getByLabelText('Mức xếp loại');
    await user.selectOptions(level, 'HTXSNV — Hoàn thành xuất sắc nhiệm vụ');
    await user.type(within(dialog).getByLabelText('Điểm (0–100)'), '85');
    expect(
      within(dialog).getByText('Điểm 85 chưa đạt khung điểm của mức HTXSNV (từ 90 điểm trở lên)'),
    ).toBeTruthy();
    // 85 is above the HTNV band: the score is necessary, not sufficient, so no warning.
    await user.selectOptions(level, 'HTNV — Hoàn thành nhiệm vụ');
    expect(within(dialog).queryByText(/chưa đạt khung điểm/)).toBeNull();
    await user.selectOptions(level, 'HTXSNV — Hoàn thành xuất sắc nhiệm vụ');
    await user.click(within(dialog).getByRole('button', { name: 'Lưu' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const unitId = backend.call('units.list', { year: 2025, search: 'hoa son' }).rows[0]!.id;
    expect(backend.call('ratings.history', { unitId }).ratings.at(-1)).toMatchObject({
      year: 2025,
      levelCode: 'HTXSNV',
      score: 85,
    });
  });

  it('offers "tiêu biểu" in the words of the period: "TSVM tiêu biểu" for HTXSNV in 2020', async () => {
    const { user, history, backend } = await openHistory(2020);
    await user.click(within(history).getByRole('button', { name: 'Ghi kết quả năm 2020' }));
    const dialog = screen.getByRole('dialog', { name: /Kết quả xếp loại năm 2020/ });
    const level = within(dialog).getByLabelText('Mức xếp loại');
    await user.selectOptions(level, 'HTTNV — Hoàn thành tốt nhiệm vụ');
    expect(within(dialog).queryByRole('checkbox')).toBeNull();
    await user.selectOptions(level, 'HTXSNV — Hoàn thành xuất sắc nhiệm vụ');
    await user.click(
      within(dialog).getByRole('checkbox', { name: 'Được công nhận “TSVM tiêu biểu”' }),
    );
    await user.click(within(dialog).getByRole('button', { name: 'Lưu' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const unitId = backend.call('units.list', { year: 2020, search: 'hoa son' }).rows[0]!.id;
    expect(backend.call('ratings.history', { unitId }).ratings.at(-1)).toMatchObject({
      year: 2020,
      levelCode: 'HTXSNV',
      exemplary: true,
    });
    expect(await within(history).findByText('HTXSNV (TSVM tiêu biểu)')).toBeTruthy();
  });

  it('shows “Tiêu biểu 5 năm liền (2020–2024)” in the unit’s history', async () => {
    const view = renderApp({
      year: 2024,
      prepare: (b) => {
        const id = seed(b);
        for (const year of [2020, 2021, 2022, 2023, 2024]) {
          b.call('ratings.set', { unitId: id, year, levelCode: 'HTXSNV', exemplary: true });
        }
      },
    });
    const table = await screen.findByRole('table', { name: 'Danh sách tổ chức' });
    await view.user.click(within(table).getByRole('row', { name: /Đảng bộ xã Hòa Sơn/ }));
    const history = await screen.findByRole('region', { name: 'Xếp loại qua các năm' });
    expect((await within(history).findByTestId('exemplary-streak')).textContent).toBe(
      'Tiêu biểu 5 năm liền (2020–2024)',
    );
  });
});
