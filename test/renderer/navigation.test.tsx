// Navigation with parameters: a unit's page (the register at that unit, in a year) opens from
// other screens, and leaving unsaved ratings still asks first.
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useAppStore } from '../../renderer/src/stores/app';
import type { TestBackend } from '../helpers/backend';
import { renderApp } from './harness';

const COMMUNES = ['Đảng bộ xã Đồng Ý', 'Đảng bộ xã Hòa Sơn', 'Đảng bộ xã Vũ Lễ'];

function seed(b: TestBackend) {
  b.call('setup.complete', {
    operatorName: 'Nguyễn Văn Bình',
    ownUnit: { mode: 'new', name: 'Huyện ủy Bắc Sơn', kind: 'upper_committee', fromYear: 2008 },
  });
  const district = b.call('app.info', {}).ownUnitId!;
  const ids = COMMUNES.map(
    (name, i) =>
      b.call('units.create', {
        name,
        code: `BS0${i + 1}`,
        kind: 'base_committee',
        sector: 'commune',
        parentId: district,
        fromYear: 2008,
      }).id,
  );
  // Hòa Sơn was renamed in 2017: its page in 2016 shows the old name.
  b.call('units.rename', { id: ids[1]!, year: 2017, name: 'Đảng bộ xã Hòa Sơn mới' });
  b.call('ratings.saveYear', { year: 2016, entries: [{ unitId: ids[1]!, levelCode: 'HTTNV' }] });
  b.call('ratings.saveYear', { year: 2017, entries: [{ unitId: ids[1]!, levelCode: 'TSVM' }] });
  return ids;
}

const yearField = () => screen.getByRole('spinbutton', { name: 'Năm' });
const register = () => screen.getByRole('table', { name: 'Danh sách tổ chức' });

async function openGrid(year: number) {
  const view = renderApp({ prepare: seed, year });
  await view.user.click(await screen.findByRole('button', { name: 'Xếp loại' }));
  const grid = await screen.findByRole('grid', { name: `Bảng xếp loại năm ${year}` });
  return { ...view, grid };
}

describe('Opening a unit’s page from other screens', () => {
  it('a name in the ratings grid opens the unit’s page in the grid’s year', async () => {
    const { user, grid } = await openGrid(2016);
    await user.click(within(grid).getByRole('button', { name: 'Đảng bộ xã Hòa Sơn' }));
    const panel = await screen.findByRole('complementary', { name: 'Đảng bộ xã Hòa Sơn' });
    expect(screen.getByRole('heading', { level: 1, name: 'Tổ chức đảng' })).toBeTruthy();
    expect(yearField()).toHaveProperty('value', '2016');
    const row = within(register()).getByRole('row', { name: /Đảng bộ xã Hòa Sơn/ });
    expect(row.getAttribute('aria-selected')).toBe('true');
    expect(within(panel).getByRole('region', { name: 'Xếp loại qua các năm' })).toBeTruthy();
  });

  it('Ctrl+Enter opens the page of the grid’s active row', async () => {
    const { user, grid } = await openGrid(2017);
    grid.focus();
    await user.keyboard('{ArrowDown}{Control>}{Enter}{/Control}');
    await screen.findByRole('complementary', { name: 'Đảng bộ xã Hòa Sơn mới' });
    expect(yearField()).toHaveProperty('value', '2017');
  });

  it('with unsaved ratings, the link asks first: staying keeps the edits, leaving opens the page', async () => {
    const { user, grid } = await openGrid(2017);
    grid.focus();
    await user.keyboard('t');
    await user.click(within(grid).getByRole('button', { name: 'Đảng bộ xã Vũ Lễ' }));
    let dialog = await screen.findByRole('dialog', { name: 'Thay đổi chưa lưu' });
    await user.click(within(dialog).getByRole('button', { name: 'Ở lại' }));
    expect(screen.getByRole('grid')).toBeTruthy();
    expect(screen.getByText('1 thay đổi chưa lưu')).toBeTruthy();
    expect(screen.queryByRole('complementary')).toBeNull();

    await user.click(within(grid).getByRole('button', { name: 'Đảng bộ xã Vũ Lễ' }));
    dialog = await screen.findByRole('dialog', { name: 'Thay đổi chưa lưu' });
    await user.click(within(dialog).getByRole('button', { name: 'Bỏ thay đổi' }));
    await screen.findByRole('complementary', { name: 'Đảng bộ xã Vũ Lễ' });
  });

  it('a year in the unit’s rating history shows the unit as it was that year, clearing filters', async () => {
    const { user } = renderApp({ prepare: seed, year: 2017 });
    await screen.findByText('4 tổ chức trong năm 2017');
    await user.type(screen.getByRole('searchbox'), 'hoa son');
    await screen.findByText('1 tổ chức trong năm 2017');
    await user.click(within(register()).getByRole('row', { name: /Hòa Sơn mới/ }));
    const panel = await screen.findByRole('complementary', { name: 'Đảng bộ xã Hòa Sơn mới' });
    const history = within(panel).getByRole('region', { name: 'Xếp loại qua các năm' });
    await user.click(await within(history).findByRole('button', { name: '2016' }));
    await screen.findByRole('complementary', { name: 'Đảng bộ xã Hòa Sơn' });
    expect(yearField()).toHaveProperty('value', '2016');
    expect(screen.getByRole('searchbox')).toHaveProperty('value', '');
    await screen.findByText('4 tổ chức trong năm 2016');
    await waitFor(() =>
      expect(
        within(register())
          .getByRole('row', { name: /^Đảng bộ xã Hòa Sơn BS02/ })
          .getAttribute('aria-selected'),
      ).toBe('true'),
    );
  });

  it('navigate() refuses to leave when the screen’s guard says no, and changes nothing', async () => {
    renderApp({ prepare: seed, year: 2017 });
    await screen.findByText('4 tổ chức trong năm 2017');
    const store = useAppStore.getState();
    store.setLeaveGuard(() => Promise.resolve(false));
    const before = useAppStore.getState().route;
    expect(await store.navigate('ratings', { year: 2016 })).toBe(false);
    expect(useAppStore.getState().screen).toBe('units');
    expect(useAppStore.getState().year).toBe(2017);
    expect(useAppStore.getState().route).toBe(before);
  });
});
