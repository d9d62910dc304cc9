// Nhật ký thay đổi: who changed what and when, with Vietnamese field names and old → new values;
// the filters by person, channel, unit, source and dates, driven from the keyboard; "Xem tiếp"
// reads the next page. Cài đặt → Kiểm tra nhật ký says whether the log was edited outside the app.
import { screen, waitFor, within } from '@testing-library/react';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { TestBackend } from '../helpers/backend';
import { addUnit, makeBackend } from '../helpers/backend';
import { renderApp } from './harness';

const CLOCK = { now: () => new Date('2025-03-05T09:00:00.000Z') };

function seed(b: TestBackend) {
  b.call('setup.complete', {
    operatorName: 'Nguyễn Văn Bình',
    ownUnit: { mode: 'new', name: 'Huyện ủy Bắc Sơn', kind: 'upper_committee', fromYear: 2008 },
  });
  const quan = addUnit(b, 'Chi bộ Thôn Bản Quan', 2010);
  const own = b.call('app.info', {}).ownUnitId ?? '';
  addUnit(b, 'Đảng bộ xã Nà Phòng', 2012, { kind: 'base_committee', parentId: own });
  b.call('ratings.set', { unitId: quan.id, year: 2017, levelCode: 'HTTNV' });
  b.call('ratings.set', { unitId: quan.id, year: 2017, levelCode: 'TSVM' });
  // A write from the command line on the same file, by another person.
  const cli = makeBackend({ dbPath: b.dbPath, origin: 'cli', operator: null, clock: CLOCK });
  cli.ctx.actorOperator = 'Trần Thị Cúc';
  addUnit(cli, 'Chi bộ Khuổi Lầy', 2011);
  cli.close();
}

async function openLog(user: ReturnType<typeof renderApp>['user']) {
  await user.click(await screen.findByRole('button', { name: 'Nhật ký thay đổi' }));
  await screen.findByRole('heading', { name: 'Nhật ký thay đổi' });
  return screen.findByRole('table', { name: 'Các thay đổi' });
}

const rowsOf = (table: HTMLElement) => within(table).getAllByRole('row').slice(1);

describe('Nhật ký thay đổi', () => {
  it('shows who changed what, and filters by person, channel, unit and source', async () => {
    const { user } = renderApp({ prepare: seed, clock: CLOCK, year: 2017 });
    let table = await openLog(user);
    const first = rowsOf(table)[0]!;
    // Newest first: the CLI's unit, its founding event.
    expect(first.textContent).toContain('Trần Thị Cúc');
    expect(first.textContent).toContain('Dòng lệnh (tccsd)');
    const rating = rowsOf(table).find((r) => r.textContent?.includes('Sửa: Xếp loại chất lượng'));
    expect(rating?.textContent).toContain('Chi bộ Thôn Bản Quan');
    expect(rating?.textContent).toContain('Mức xếp loại: HTTNV → TSVM');
    expect(rating?.textContent).toContain('05/03/2025');
    // A unit named by its id (the parent) is shown by its name, kinds by their Vietnamese names.
    const version = rowsOf(table).find(
      (r) =>
        r.textContent?.includes('Thêm: Thông tin tổ chức đảng') &&
        r.textContent.includes('Đảng bộ xã Nà Phòng'),
    );
    expect(version?.textContent).toContain('Cấp trên trực tiếp: Huyện ủy Bắc Sơn');
    expect(version?.textContent).toContain('Loại tổ chức: Đảng bộ cơ sở');

    const search = screen.getByRole('search', { name: 'Lọc nhật ký' });
    await user.selectOptions(within(search).getByLabelText('Người thay đổi'), 'Trần Thị Cúc');
    await waitFor(() => {
      table = screen.getByRole('table', { name: 'Các thay đổi' });
      expect(rowsOf(table).every((r) => r.textContent?.includes('Trần Thị Cúc'))).toBe(true);
      expect(rowsOf(table)).toHaveLength(3);
    });
    await user.selectOptions(within(search).getByLabelText('Người thay đổi'), '');
    await user.selectOptions(within(search).getByLabelText('Kênh'), 'Ứng dụng');
    await waitFor(() => {
      table = screen.getByRole('table', { name: 'Các thay đổi' });
      expect(rowsOf(table).some((r) => r.textContent?.includes('Trần Thị Cúc'))).toBe(false);
    });
    await user.selectOptions(within(search).getByLabelText('Kênh'), '');

    // The unit filter from the keyboard: type, Enter takes the first match.
    const picker = within(search).getByRole('combobox', { name: 'Tổ chức đảng' });
    await user.click(picker);
    await user.keyboard('Bản Quan');
    await within(search).findAllByRole('option');
    await user.keyboard('{Enter}');
    await waitFor(() => {
      table = screen.getByRole('table', { name: 'Các thay đổi' });
      const rows = rowsOf(table);
      expect(rows.length).toBe(5);
      expect(rows.every((r) => r.textContent?.includes('Chi bộ Thôn Bản Quan'))).toBe(true);
    });
    await user.selectOptions(within(search).getByLabelText('Nguồn'), 'Tệp trao đổi dữ liệu');
    expect(await screen.findByText('Không có thay đổi nào khớp với bộ lọc.')).toBeTruthy();
    await user.click(within(search).getByRole('button', { name: 'Bỏ lọc' }));
    table = await screen.findByRole('table', { name: 'Các thay đổi' });
    await waitFor(() => expect(rowsOf(table).length).toBeGreaterThan(10));
  });

  it('dates filter by day, and "Xem tiếp" reads the next page', async () => {
    const { user, backend } = renderApp({
      clock: CLOCK,
      prepare: (b) => {
        seed(b);
        for (let i = 0; i < 20; i++) addUnit(b, `Chi bộ số ${i + 1}`, 2015);
      },
    });
    const total = backend.ctx.db.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;
    expect(total).toBeGreaterThan(50);
    let table = await openLog(user);
    expect(rowsOf(table)).toHaveLength(50);
    await user.click(screen.getByRole('button', { name: 'Xem tiếp' }));
    await waitFor(() => expect(rowsOf(table)).toHaveLength(total));
    expect(screen.queryByRole('button', { name: 'Xem tiếp' })).toBeNull();

    const search = screen.getByRole('search', { name: 'Lọc nhật ký' });
    // Typed as every date of the app is (dd/mm/yyyy); a half-typed date is said, not applied.
    await user.type(within(search).getByLabelText('Từ ngày'), '06/03/20');
    expect(within(search).getByText(/Ngày phải có dạng ngày\/tháng\/năm/)).toBeTruthy();
    expect(rowsOf(table)).toHaveLength(total);
    await user.type(within(search).getByLabelText('Từ ngày'), '25');
    expect(await screen.findByText('Không có thay đổi nào khớp với bộ lọc.')).toBeTruthy();
    expect(within(search).queryByText(/Ngày phải có dạng/)).toBeNull();
    await user.clear(within(search).getByLabelText('Từ ngày'));
    await user.type(within(search).getByLabelText('Đến ngày'), '05/03/2025');
    table = await screen.findByRole('table', { name: 'Các thay đổi' });
    await waitFor(() => expect(rowsOf(table)).toHaveLength(50));
  });

  it('Cài đặt → Kiểm tra nhật ký: whole, then edited outside the app', async () => {
    const { user, backend } = renderApp({ prepare: seed, clock: CLOCK });
    await user.click(await screen.findByRole('button', { name: 'Cài đặt' }));
    const section = await screen.findByRole('region', { name: 'Kiểm tra nhật ký' });
    await user.click(within(section).getByRole('button', { name: 'Kiểm tra nhật ký' }));
    expect((await within(section).findByRole('status')).textContent).toMatch(
      /^Nhật ký thay đổi toàn vẹn: đã kiểm tra \d+ dòng/,
    );
    const before = backend.snapshot();
    const other = new Database(backend.dbPath);
    other.exec(
      "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET operator = 'Người lạ' WHERE seq = 3",
    );
    other.close();
    const edited = backend.snapshot();
    expect(edited).not.toBe(before);
    await user.click(within(section).getByRole('button', { name: 'Kiểm tra nhật ký' }));
    await waitFor(() =>
      expect(within(section).getByRole('status').textContent).toContain(
        'Nhật ký thay đổi đã bị can thiệp từ bên ngoài ứng dụng. Dòng hỏng đầu tiên: số 3',
      ),
    );
    // The check itself writes nothing.
    expect(backend.snapshot()).toBe(edited);
  });
});
