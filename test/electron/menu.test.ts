import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { installMenu, menuTemplate } from '../../electron/main/menu';
import { Menu } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).default);

function roles(items: MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [
    ...(item.role ? [item.role] : []),
    ...(Array.isArray(item.submenu) ? roles(item.submenu) : []),
  ]);
}

describe('menu', () => {
  it('is in Vietnamese: Tệp / Thoát, Chỉnh sửa, Xem', () => {
    const template = menuTemplate(false);
    expect(template.map((item) => item.label)).toEqual(['Tệp', 'Chỉnh sửa', 'Xem']);
    expect(template[0]!.submenu).toEqual([{ role: 'quit', label: 'Thoát' }]);
    for (const role of ['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']) {
      expect(roles([template[1]!])).toContain(role);
    }
  });

  it('has reload and developer tools only in development', () => {
    expect(roles(menuTemplate(false))).not.toContain('reload');
    expect(roles(menuTemplate(false))).not.toContain('toggleDevTools');
    expect(roles(menuTemplate(false))).not.toContain('forceReload');
    expect(roles(menuTemplate(true))).toContain('reload');
    expect(roles(menuTemplate(true))).toContain('toggleDevTools');
  });

  it('labels every item a person sees', () => {
    const unlabeled = (items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] =>
      items.flatMap((item) => [
        ...(item.type !== 'separator' && !item.label ? [item] : []),
        ...(Array.isArray(item.submenu) ? unlabeled(item.submenu) : []),
      ]);
    expect(unlabeled(menuTemplate(true))).toEqual([]);
  });

  it('installs the template as the application menu', () => {
    installMenu(false);
    expect(Menu.buildFromTemplate).toHaveBeenCalledWith(menuTemplate(false));
    expect(Menu.setApplicationMenu).toHaveBeenCalledOnce();
  });
});
