// The register's forms against the real backend: unknown founding years ("có từ trước"), đính
// chính of the founding year and the parent, the duplicate-name confirmation, the year range.
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { currentYear } from '../../shared/domain/years';
import type { TestBackend } from '../helpers/backend';
import { renderApp } from './harness';

/** A district "có từ trước" with one commune, as a new installation would register them. */
function seed(b: TestBackend) {
  b.call('setup.complete', {
    operatorName: 'Dương Minh Phong',
    ownUnit: { mode: 'new', name: 'Huyện ủy Hữu Lũng', kind: 'upper_committee' },
  });
  const district = b.call('app.info', {}).ownUnitId!;
  b.call('units.create', {
    name: 'Đảng bộ xã Hòa Sơn',
    kind: 'base_committee',
    sector: 'commune',
    parentId: district,
  });
}

const table = () => screen.getByRole('table', { name: 'Danh sách tổ chức' });
const rowOf = (name: RegExp) => within(table()).getByRole('row', { name });

describe('the register forms', () => {
  it('registers a unit without a founding year: it shows "có từ trước" and exists in 2017', async () => {
    const { user, backend } = renderApp({ prepare: seed });
    await screen.findByText('2 tổ chức trong năm 2017');
    await user.click(screen.getByRole('button', { name: 'Thêm tổ chức' }));
    const dialog = screen.getByRole('dialog', { name: 'Thêm tổ chức đảng' });
    const founded = within(dialog).getByLabelText('Năm thành lập');
    expect(founded).toHaveProperty('value', '');
    expect(founded.getAttribute('placeholder')).toBe('có từ trước');
    expect(within(dialog).getByLabelText('Loại hình')).toBeTruthy();
    await user.type(within(dialog).getByLabelText('Tên tổ chức'), 'Đảng bộ xã Đồng Ý');
    await user.click(within(dialog).getByRole('button', { name: 'Lưu' }));

    const panel = await screen.findByRole('complementary', { name: 'Đảng bộ xã Đồng Ý' });
    expect(panel.textContent).toContain('Có từ trước (không rõ năm thành lập)');
    expect(within(panel).getByRole('heading', { name: 'Thông tin qua các thời kỳ' })).toBeTruthy();
    const rows = within(panel).getAllByRole('row');
    expect(rows[1]!.textContent).toMatch(/^có từ trướcnayĐảng bộ xã Đồng Ý/);
    await screen.findByText('3 tổ chức trong năm 2017');
    const id = backend.call('units.list', { year: 2016, search: 'dong y' }).rows[0]!.id;
    expect(backend.call('units.get', { id }).foundedYear).toBeNull();
  });

  it('refuses a second "Hòa Sơn" under the same district until the user confirms it', async () => {
    const { user, backend } = renderApp({ prepare: seed });
    await screen.findByText('2 tổ chức trong năm 2017');
    await user.click(within(screen.getByRole('tree')).getByRole('button', { name: /Hữu Lũng/ }));
    await user.click(screen.getByRole('button', { name: 'Thêm tổ chức' }));
    const dialog = screen.getByRole('dialog', { name: 'Thêm tổ chức đảng' });
    // A zero-width space pasted inside the name makes no difference.
    await user.type(within(dialog).getByLabelText('Tên tổ chức'), 'Đảng bộ xã Hò\u200Ba Sơn');
    const before = backend.snapshot();
    await user.click(within(dialog).getByRole('button', { name: 'Lưu' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toBe(
      'Đã có tổ chức "Đảng bộ xã Hòa Sơn" trực thuộc "Huyện ủy Hữu Lũng" trong cùng các năm ' +
        '(cả hai đều có từ trước). ' +
        'Nếu đúng là hai tổ chức khác nhau cùng tên, hãy xác nhận để vẫn lưu.',
    );
    expect(backend.snapshot()).toBe(before);

    await user.click(
      within(dialog).getByRole('button', { name: 'Vẫn lưu (đây là tổ chức khác cùng tên)' }),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const names = backend.call('units.list', { year: 2017, search: 'hoa son' }).rows;
    expect(names.map((r) => r.name)).toEqual(['Đảng bộ xã Hòa Sơn', 'Đảng bộ xã Hòa Sơn']);
  });

  it('a rename onto a sibling name asks, and saves once confirmed', async () => {
    const { user, backend } = renderApp({
      prepare: (b) => {
        seed(b);
        b.call('units.create', {
          name: 'Đảng bộ xã Yên Thịnh',
          kind: 'base_committee',
          parentId: b.call('app.info', {}).ownUnitId!,
        });
      },
    });
    await screen.findByText('3 tổ chức trong năm 2017');
    await user.click(rowOf(/Đảng bộ xã Yên Thịnh/));
    const panel = await screen.findByRole('complementary', { name: 'Đảng bộ xã Yên Thịnh' });
    await user.click(within(panel).getByRole('button', { name: 'Đổi tên' }));
    const dialog = screen.getByRole('dialog', { name: 'Đổi tên tổ chức' });
    const name = within(dialog).getByLabelText('Tên mới');
    await user.clear(name);
    await user.type(name, 'Đảng bộ xã Hoà Sơn');
    const before = backend.snapshot();
    await user.click(within(dialog).getByRole('button', { name: 'Lưu' }));
    expect((await within(dialog).findByRole('alert')).textContent).toMatch(
      /^Đã có tổ chức "Đảng bộ xã Hòa Sơn"/,
    );
    expect(backend.snapshot()).toBe(before);
    await user.click(
      within(dialog).getByRole('button', { name: 'Vẫn lưu (đây là tổ chức khác cùng tên)' }),
    );
    await screen.findByRole('complementary', { name: 'Đảng bộ xã Hoà Sơn' });
  });

  it('đính chính sets the parent and the founding year without recording any event', async () => {
    const { user, backend } = renderApp({
      prepare: (b) => {
        seed(b);
        b.call('units.create', { name: 'Đảng bộ tỉnh Lạng Sơn', kind: 'province', fromYear: 1947 });
      },
    });
    await screen.findByText('3 tổ chức trong năm 2017');
    await user.click(rowOf(/Đảng bộ xã Hòa Sơn/));
    const panel = await screen.findByRole('complementary', { name: 'Đảng bộ xã Hòa Sơn' });
    await user.click(within(panel).getByRole('button', { name: 'Đính chính' }));
    const dialog = screen.getByRole('dialog', { name: 'Sửa thông tin (đính chính)' });
    await user.type(within(dialog).getByLabelText('Năm thành lập'), '1950');
    const picker = within(dialog).getByRole('combobox', { name: 'Trực thuộc' });
    await user.clear(picker);
    await user.type(picker, 'lang son');
    await user.click(await within(dialog).findByRole('option', { name: /Đảng bộ tỉnh Lạng Sơn/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Lưu' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    const id = backend.call('units.list', { year: 2017, search: 'hoa son' }).rows[0]!.id;
    const detail = backend.call('units.get', { id });
    expect(detail.foundedYear).toBe(1950);
    expect(detail.current.parentName).toBe('Đảng bộ tỉnh Lạng Sơn');
    // The founding is now known (an event of its own); nothing was moved.
    expect(detail.events.map((e) => e.type)).toEqual(['founded']);
    await waitFor(() =>
      expect(
        screen.getByRole('complementary', { name: 'Đảng bộ xã Hòa Sơn' }).textContent,
      ).toContain('Thành lập năm 1950'),
    );
  });

  it('đính chính says why a committee with a subunit "có từ trước" cannot get a later founding year', async () => {
    const { user, backend } = renderApp({ prepare: seed });
    await screen.findByText('2 tổ chức trong năm 2017');
    await user.click(rowOf(/^Huyện ủy Hữu Lũng/));
    const panel = await screen.findByRole('complementary', { name: 'Huyện ủy Hữu Lũng' });
    await user.click(within(panel).getByRole('button', { name: 'Đính chính' }));
    const dialog = screen.getByRole('dialog', { name: 'Sửa thông tin (đính chính)' });
    await user.type(within(dialog).getByLabelText('Năm thành lập'), '1948');
    const before = backend.snapshot();
    await user.click(within(dialog).getByRole('button', { name: 'Lưu' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe(
      '"Đảng bộ xã Hòa Sơn" có từ trước và trực thuộc "Huyện ủy Hữu Lũng", nên "Huyện ủy Hữu ' +
        'Lũng" cũng phải có từ trước (không rõ năm thành lập).',
    );
    expect(backend.snapshot()).toBe(before);
  });

  it('the year field names the range and keeps the year when given one outside it', async () => {
    const { user } = renderApp({ prepare: seed });
    await screen.findByText('2 tổ chức trong năm 2017');
    const year = screen.getByRole('spinbutton', { name: 'Năm' });
    await user.clear(year);
    await user.type(year, '2099{Enter}');
    expect((await screen.findByRole('alert')).textContent).toBe(
      `Năm phải từ 1930 đến ${currentYear() + 1}.`,
    );
    expect(year).toHaveProperty('value', '2017');
    expect(screen.getByText('2 tổ chức trong năm 2017')).toBeTruthy();
    await user.clear(year);
    await user.type(year, '2016{Enter}');
    await screen.findByText('2 tổ chức trong năm 2016');
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

describe('first run', () => {
  it('defaults to a đảng bộ cơ sở of unknown founding, so earlier years can be rated', async () => {
    const { user, backend } = renderApp({ operator: null });
    await screen.findByRole('heading', { name: 'Thiết lập lần đầu' });
    expect(screen.getByLabelText('Loại tổ chức')).toHaveProperty('value', 'base_committee');
    expect(screen.getByLabelText('Năm thành lập')).toHaveProperty('value', '');
    await user.type(screen.getByLabelText('Họ và tên người sử dụng'), 'Dương Minh Phong');
    await user.type(screen.getByLabelText('Tổ chức đảng của đơn vị cài đặt'), 'Đảng bộ xã Đồng Ý');
    await user.selectOptions(screen.getByLabelText('Loại hình'), 'Xã');
    await user.click(screen.getByRole('button', { name: 'Bắt đầu sử dụng' }));
    await screen.findByRole('heading', { name: 'Tổ chức đảng', level: 1 });
    const own = backend.call('units.get', { id: backend.call('app.info', {}).ownUnitId! });
    expect(own.foundedYear).toBeNull();
    expect(own.current).toMatchObject({ kind: 'base_committee', sector: 'commune' });
    expect(backend.call('ratings.set', { unitId: own.id, year: 2016, levelCode: 'YK' }).year).toBe(
      2016,
    );
  });
});
