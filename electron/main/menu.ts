// The application menu, in Vietnamese. Reload and developer tools exist only in development.
import { Menu } from 'electron';
import type { MenuItemConstructorOptions } from 'electron';

export function menuTemplate(dev: boolean): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions[] = [
    { role: 'resetZoom', label: 'Cỡ chữ mặc định' },
    { role: 'zoomIn', label: 'Phóng to' },
    { role: 'zoomOut', label: 'Thu nhỏ' },
  ];
  if (dev) {
    view.push(
      { type: 'separator' },
      { role: 'reload', label: 'Tải lại' },
      { role: 'toggleDevTools', label: 'Công cụ phát triển' },
    );
  }
  return [
    { label: 'Tệp', submenu: [{ role: 'quit', label: 'Thoát' }] },
    {
      label: 'Chỉnh sửa',
      submenu: [
        { role: 'undo', label: 'Hoàn tác' },
        { role: 'redo', label: 'Làm lại' },
        { type: 'separator' },
        { role: 'cut', label: 'Cắt' },
        { role: 'copy', label: 'Sao chép' },
        { role: 'paste', label: 'Dán' },
        { role: 'selectAll', label: 'Chọn tất cả' },
      ],
    },
    { label: 'Xem', submenu: view },
  ];
}

export function installMenu(dev: boolean): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(dev)));
}
