// Issue 11 items 2 and 3 in the window: a damaged data file is said above every screen, with the
// newest good backup or what to do, and a refused write says the same — the file keeps its bytes.
import { screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanupTemp } from '../helpers/backend';
import { damagedCopy, fileHash, pristineDataFile } from '../helpers/damaged-files';
import { renderApp } from './harness';

afterEach(() => cleanupTemp());

function banner(container: HTMLElement): string | null {
  return container.querySelector('.data-refusal')?.textContent ?? null;
}

describe('a damaged data file in the window', () => {
  it('a file cut short: the banner says so from the start', async () => {
    const path = damagedCopy(pristineDataFile(40), 'truncated-mid-page');
    const before = fileHash(path);
    const { container, backend } = renderApp({ dbPath: path, operator: null });
    await screen.findByRole('heading', { name: 'Thiết lập lần đầu' });
    expect(banner(container)).toMatch(/bị hỏng, nên ứng dụng chỉ mở để xem/);
    expect(banner(container)).toMatch(/Không có thư mục sao lưu/);
    backend.close();
    expect(fileHash(path)).toBe(before);
  });

  it('damaged in a page: the first write is refused, and from then on the banner stays', async () => {
    const path = damagedCopy(pristineDataFile(40), 'table-leaf');
    const before = fileHash(path);
    const { container, backend, user } = renderApp({ dbPath: path, operator: null });
    await screen.findByRole('heading', { name: 'Thiết lập lần đầu' });
    // Not yet checked: nothing to say until the first write runs quick_check.
    expect(banner(container)).toBeNull();
    await user.type(screen.getByLabelText('Họ và tên người sử dụng'), 'Dương Minh Phong');
    await user.type(screen.getByLabelText('Tổ chức đảng của đơn vị cài đặt'), 'Đảng bộ xã Hòa Sơn');
    await user.selectOptions(screen.getByLabelText('Loại tổ chức'), 'Đảng bộ cơ sở');
    await user.click(screen.getByRole('button', { name: 'Bắt đầu sử dụng' }));
    await waitFor(() => expect(banner(container)).toMatch(/bị hỏng/));
    // The form says it too, in the same words, not "lỗi ngoài dự kiến".
    const said = screen.getAllByText(/bị hỏng, nên ứng dụng chỉ mở để xem/);
    expect(said.length).toBeGreaterThanOrEqual(2);
    expect(container.textContent).not.toMatch(/ngoài dự kiến|SQLITE/);
    expect(backend.call('app.info', {}).needsSetup).toBe(true);
    backend.close();
    expect(fileHash(path)).toBe(before);
  });
});
