// "Dùng dữ liệu mẫu" on the first-run screen: loads the Lạng Sơn sample with the operator typed
// (or the default one), then opens the app; a data file that already has units is refused with
// the backend's Vietnamese message and nothing written.
import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp } from './harness';

describe('first run with the sample data', () => {
  it('explains the button, loads the sample for the operator typed, opens the app at 2018', async () => {
    const { backend, user } = renderApp({ operator: null });
    await screen.findByRole('heading', { name: 'Thiết lập lần đầu' });
    expect(
      screen.getByText('Nạp dữ liệu minh họa của tỉnh Lạng Sơn 2016–2018 để thử các chức năng'),
    ).toBeTruthy();

    await user.type(screen.getByLabelText('Họ và tên người sử dụng'), 'Hà Thị Mẫu');
    await user.click(screen.getByRole('button', { name: 'Dùng dữ liệu mẫu' }));

    await screen.findByRole('heading', { name: 'Tổ chức đảng', level: 1 });
    const info = backend.call('app.info', {});
    expect(info).toMatchObject({
      needsSetup: false,
      operatorName: 'Hà Thị Mẫu',
      ownUnitName: 'Đảng bộ tỉnh Lạng Sơn',
    });
    // Opened at the year of the sample's latest list, not at this year, which has no data.
    const units = backend.call('units.list', { year: 2018 }).rows.length;
    await screen.findByText(`${units} tổ chức trong năm 2018`);
    await waitFor(() =>
      expect(screen.getByRole('table', { name: 'Danh sách tổ chức' }).textContent).toContain(
        'Chi bộ Cục Thống kê',
      ),
    );
  });

  it('without a name, the sample is recorded for the default operator', async () => {
    const { backend, user } = renderApp({ operator: null });
    await user.click(await screen.findByRole('button', { name: 'Dùng dữ liệu mẫu' }));
    await screen.findByRole('heading', { name: 'Tổ chức đảng', level: 1 });
    expect(backend.call('app.info', {}).operatorName).toBe('Người dùng thử');
  });

  it('a data file that already has a unit is refused, and the form stays usable', async () => {
    const { backend, user } = renderApp({
      operator: null,
      origin: 'cli',
      prepare: (b) =>
        b.call('units.create', { name: 'Đảng bộ xã Hòa Sơn', kind: 'base_committee' }),
    });
    await screen.findByRole('heading', { name: 'Thiết lập lần đầu' });
    const before = backend.snapshot();
    await user.click(screen.getByRole('button', { name: 'Dùng dữ liệu mẫu' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe(
      'Chỉ nạp được dữ liệu mẫu vào tệp dữ liệu chưa có tổ chức nào; tệp này đã có 1 tổ chức. ' +
        'Dữ liệu không bị thay đổi. Hãy nạp dữ liệu mẫu vào một tệp dữ liệu mới.',
    );
    expect(backend.snapshot()).toBe(before);
    expect(screen.getByRole('heading', { name: 'Thiết lập lần đầu' })).toBeTruthy();
    expect(
      (screen.getByRole('button', { name: 'Bắt đầu sử dụng' }) as HTMLButtonElement).disabled,
    ).toBe(false);
    expect(
      (screen.getByRole('button', { name: 'Dùng dữ liệu mẫu' }) as HTMLButtonElement).disabled,
    ).toBe(false);
  });
});
