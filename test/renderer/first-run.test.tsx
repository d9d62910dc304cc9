import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp } from './harness';

describe('first run', () => {
  it('asks for the operator and the own unit, refuses blanks in Vietnamese, then opens the app', async () => {
    const { backend, user } = renderApp({ operator: null });
    await screen.findByRole('heading', { name: 'Thiết lập lần đầu' });
    const before = backend.snapshot();

    await user.click(screen.getByRole('button', { name: 'Bắt đầu sử dụng' }));
    expect(await screen.findByText('Tên người sử dụng không được để trống.')).toBeTruthy();
    expect(screen.getByText('Tên tổ chức không được để trống.')).toBeTruthy();
    expect(backend.snapshot()).toBe(before);

    await user.type(screen.getByLabelText('Họ và tên người sử dụng'), 'Dương Minh Phong');
    await user.type(screen.getByLabelText('Tổ chức đảng của đơn vị cài đặt'), 'Đảng bộ xã Hòa Sơn');
    await user.selectOptions(screen.getByLabelText('Loại tổ chức'), 'Đảng bộ cơ sở');
    await user.click(screen.getByRole('button', { name: 'Bắt đầu sử dụng' }));

    await screen.findByRole('heading', { name: 'Tổ chức đảng', level: 1 });
    const info = backend.call('app.info', {});
    expect(info.needsSetup).toBe(false);
    expect(info.operatorName).toBe('Dương Minh Phong');
    expect(info.ownUnitName).toBe('Đảng bộ xã Hòa Sơn');
    await screen.findByText('1 tổ chức trong năm 2017');
    await waitFor(() =>
      expect(screen.getByRole('table', { name: 'Danh sách tổ chức' }).textContent).toContain(
        'Đảng bộ xã Hòa Sơn',
      ),
    );
  });

  it('shows the data folder and the operator in Cài đặt, and changes the operator', async () => {
    const { backend, user } = renderApp({
      operator: null,
      prepare: (b) =>
        b.call('setup.complete', {
          operatorName: 'Hoàng Văn Thụ',
          ownUnit: {
            mode: 'new',
            name: 'Huyện ủy Bắc Sơn',
            kind: 'upper_committee',
            fromYear: 2010,
          },
        }),
    });
    await user.click(await screen.findByRole('button', { name: 'Cài đặt' }));
    expect(screen.getByTestId('data-dir').textContent).toBe(backend.ctx.dataDir);
    expect(screen.getByTestId('operator').textContent).toBe('Hoàng Văn Thụ');

    const input = screen.getByLabelText('Đổi người sử dụng');
    await user.clear(input);
    await user.type(input, 'Lương Văn Tri');
    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    await waitFor(() => expect(screen.getByTestId('operator').textContent).toBe('Lương Văn Tri'));
    expect(backend.call('app.info', {}).operatorName).toBe('Lương Văn Tri');
  });
});
