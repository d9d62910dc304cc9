// Tổng quan, the home screen, against the real backend: this year's lists and how their members
// moved, the overdue measures (each opening its member), the units still rated weakest and those
// with no rating yet for the last year (each opening the unit's page).
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { HOME_SCREEN, useAppStore } from '../../renderer/src/stores/app';
import type { TestBackend } from '../helpers/backend';
import { renderApp } from './harness';
import { CLOCK, seedList, seedRegister } from './watchlist-data';

const region = (name: string | RegExp) => screen.getByRole('region', { name });
const pill = (section: HTMLElement) => section.querySelector('.count-pill')?.textContent;

function openOverview(prepare: (b: TestBackend) => void, year = 2017) {
  return renderApp({ prepare, clock: CLOCK, year, screen: HOME_SCREEN });
}

describe('Tổng quan', () => {
  it('is where the app opens once set up', () => {
    expect(HOME_SCREEN).toBe('dashboard');
    expect(useAppStore.getInitialState().screen).toBe('dashboard');
    expect(useAppStore.getInitialState().route.screen).toBe('dashboard');
  });

  it('counts this year’s members, overdue measures, weakest and unrated units', async () => {
    openOverview(seedList);
    await screen.findByRole('heading', { level: 1, name: 'Tổng quan' });
    const lists = await screen.findByRole('region', { name: 'Diện củng cố năm 2017' });
    const counts = Object.fromEntries(
      ['total', 'up', 'same', 'down', 'notComparable', 'notRated'].map((k) => [
        k,
        within(lists).getByTestId(`members-${k}`).querySelector('dd')?.textContent,
      ]),
    );
    expect(counts).toEqual({
      total: '16',
      up: '6',
      same: '10',
      down: '0',
      notComparable: '0',
      notRated: '0',
    });
    expect(lists.textContent).toContain('33-NQ/TU — Củng cố tổ chức cơ sở đảng yếu kém năm 2017');
    expect(lists.textContent).toContain('6/16 tổ chức nâng lên · 1 quá hạn');

    const overdue = region('Biện pháp quá hạn');
    expect(pill(overdue)).toBe('1');
    expect(
      within(overdue)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      'Kiểm tra việc thực hiện quy chế làm việc' +
        'Đảng bộ xã Đồng Ý · hạn 31/12/2017, quá 20 ngày · Ủy ban Kiểm tra Huyện ủy',
    ]);

    const weakest = region('Xếp loại thấp nhất năm 2016');
    expect(pill(weakest)).toBe('2');
    expect(
      within(weakest)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Đảng bộ xã Đồng Ý', 'Đảng bộ xã Vân An']);
    expect(weakest.textContent).toContain(
      'Yếu kém · Đảng bộ huyện Bắc Sơn · đang trong diện củng cố',
    );

    const unrated = region('Chưa có kết quả xếp loại năm 2016');
    expect(pill(unrated)).toBe('1');
    expect(within(unrated).getByRole('listitem').textContent).toBe(
      'Đảng bộ xã Quỳnh Sơn — Đảng bộ huyện Bắc Sơn',
    );
  });

  it('an overdue measure opens its member on the list’s page', async () => {
    const { user } = openOverview(seedList);
    const overdue = await screen.findByRole('region', { name: 'Biện pháp quá hạn' });
    await user.click(
      await within(overdue).findByRole('button', {
        name: 'Kiểm tra việc thực hiện quy chế làm việc',
      }),
    );
    const panel = await screen.findByRole('complementary', { name: 'Đảng bộ xã Đồng Ý' });
    expect(
      screen.getByRole('heading', {
        level: 1,
        name: 'Củng cố tổ chức cơ sở đảng yếu kém năm 2017',
      }),
    ).toBeTruthy();
    const measures = within(panel).getByRole('region', { name: 'Biện pháp' });
    await within(measures).findByText('Quá hạn');
  });

  it('a unit not rated yet opens the unit’s page in that year', async () => {
    const { user } = openOverview(seedList);
    const unrated = await screen.findByRole('region', {
      name: 'Chưa có kết quả xếp loại năm 2016',
    });
    await user.click(within(unrated).getByRole('button', { name: 'Đảng bộ xã Quỳnh Sơn' }));
    await screen.findByRole('complementary', { name: 'Đảng bộ xã Quỳnh Sơn' });
    expect(screen.getByRole('spinbutton', { name: 'Năm' })).toHaveProperty('value', '2016');
  });

  it('follows the year and the ratings as they are entered', async () => {
    const { user, backend } = openOverview(seedRegister, 2018);
    const lists = await screen.findByRole('region', { name: 'Diện củng cố năm 2018' });
    expect(lists.textContent).toContain('Chưa có danh sách diện củng cố nào theo dõi năm 2018.');
    // 2017: nobody at the lowest level; Quỳnh Sơn not rated.
    expect(pill(region('Xếp loại thấp nhất năm 2017'))).toBe('0');
    expect(pill(region('Chưa có kết quả xếp loại năm 2017'))).toBe('1');
    const quynhSon = backend.call('units.list', { year: 2017, search: 'Quỳnh Sơn' }).rows[0]!.id;
    backend.call('ratings.set', { unitId: quynhSon, year: 2017, levelCode: 'YK' });
    await waitFor(() => expect(pill(region('Xếp loại thấp nhất năm 2017'))).toBe('1'));
    expect(pill(region('Chưa có kết quả xếp loại năm 2017'))).toBe('0');
    expect(region('Xếp loại thấp nhất năm 2017').textContent).toContain('chưa trong diện củng cố');

    const year = screen.getByRole('spinbutton', { name: 'Năm' });
    await user.clear(year);
    await user.type(year, '2017{Enter}');
    await screen.findByRole('region', { name: 'Xếp loại thấp nhất năm 2016' });
  });
});
