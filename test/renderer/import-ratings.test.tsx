// The import dialog against the real backend: a file chosen through "Chọn tệp…" (the harness
// plays the host's file dialog), the preview with its sheet and encoding, real progress events,
// and the plan applied or refused.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { screen, waitFor, within } from '@testing-library/react';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Bridge } from '../../shared/contract';
import { getBridge, setBridge } from '../../renderer/src/api/bridge';
import type { TestBackend } from '../helpers/backend';
import { makeTempDir } from '../helpers/backend';
import { renderApp } from './harness';

function seed(b: TestBackend) {
  b.call('setup.complete', {
    operatorName: 'Nguyễn Văn Bình',
    ownUnit: { mode: 'new', name: 'Huyện ủy Bắc Sơn', kind: 'upper_committee', fromYear: 2008 },
  });
  const district = b.call('app.info', {}).ownUnitId!;
  return ['Đảng bộ xã Đồng Ý', 'Đảng bộ xã Hòa Sơn'].map(
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
}

function fileAt(name: string, bytes: Buffer | string): string {
  const path = join(makeTempDir(), name);
  writeFileSync(path, bytes);
  return path;
}

/** The ratings screen's import dialog; `before` runs once the app is up, before it opens. */
async function openImport(before: () => void = () => undefined) {
  const view = renderApp({ prepare: seed, year: 2017 });
  before();
  await view.user.click(await screen.findByRole('button', { name: 'Xếp loại' }));
  await view.user.click(await screen.findByRole('button', { name: 'Nhập từ tệp…' }));
  const dialog = await screen.findByRole('dialog', { name: 'Nhập kết quả xếp loại từ tệp' });
  const choose = async (path: string) => {
    view.pickNext(path);
    await view.user.click(within(dialog).getByRole('button', { name: 'Chọn tệp…' }));
    return within(dialog).findByRole('region', { name: 'Xem trước' });
  };
  return { ...view, dialog, choose };
}

const levelOf = (b: TestBackend, unitId: string, year: number) =>
  b.call('ratings.history', { unitId }).ratings.find((r) => r.year === year)?.levelCode ?? null;

/**
 * The real bridge, except that the answers of the import methods wait for `release()`: the
 * backend runs (and sends its progress events) at once, as a worker would, while the dialog is
 * still waiting. Counts the event subscriptions the page holds.
 */
function holdImportAnswers() {
  const real = getBridge();
  let waiting: (() => void)[] = [];
  let subscriptions = 0;
  const bridge: Bridge = {
    ...real,
    async invoke(method, input) {
      const answer = await real.invoke(method, input);
      if (method.startsWith('ratings.import')) {
        await new Promise<void>((resolve) => waiting.push(resolve));
      }
      return answer;
    },
    on(event, listener) {
      const off = real.on(event, listener);
      if (event !== 'progress') return off;
      subscriptions++;
      return () => {
        subscriptions--;
        off();
      };
    },
  };
  setBridge(bridge);
  return {
    subscriptions: () => subscriptions,
    release: () => {
      for (const resolve of waiting) resolve();
      waiting = [];
    },
  };
}

describe('Nhập từ tệp: the import dialog', () => {
  it('previews a picked CSV with its encoding, shows real progress, then imports it', async () => {
    let held: ReturnType<typeof holdImportAnswers> | undefined;
    const { dialog, backend, user, pickNext } = await openImport(() => {
      held = holdImportAnswers();
    });
    if (!held) throw new Error('the bridge was not wrapped');
    const [dongY, hoaSon] = backend.call('units.list', { year: 2017, search: 'dang bo xa' }).rows;
    const path = fileAt(
      'xep-loai-2017.csv',
      'Mã;Năm;Xếp loại\nBS01;2017;TSVM\nBS02;2017;HTTNV\nBS09;2017;Giỏi\n',
    );
    pickNext(path);
    await user.click(within(dialog).getByRole('button', { name: 'Chọn tệp…' }));
    // The backend has read and checked the file; its answer is still on the way.
    const checking = await within(dialog).findByRole('progressbar', { name: 'Kiểm tra' });
    expect(checking.getAttribute('value')).toBe('3');
    expect(checking.getAttribute('max')).toBe('3');
    expect(within(dialog).getByText('Kiểm tra: 100%')).toBeTruthy();
    expect(held.subscriptions()).toBe(1);
    held.release();

    const summary = await within(dialog).findByRole('region', { name: 'Xem trước' });
    expect(within(dialog).queryByRole('progressbar')).toBeNull();
    expect(dialog.textContent).toContain('xep-loai-2017.csv');
    expect(summary.textContent).toContain('Bảng mã: UTF-8');
    expect(summary.textContent).not.toContain('Trang tính');
    expect(summary.textContent).toContain('Kết quả xếp loại mới: 2');
    expect(summary.textContent).toContain('Dòng 4:');
    expect(within(dialog).getByRole('button', { name: 'Nhập dữ liệu' })).toHaveProperty(
      'disabled',
      true,
    );

    await user.click(within(dialog).getByRole('button', { name: 'Chỉ nhập các dòng hợp lệ' }));
    const writing = await within(dialog).findByRole('progressbar', { name: 'Ghi dữ liệu' });
    expect(writing.getAttribute('value')).toBe('2');
    held.release();
    expect((await within(dialog).findByRole('status')).textContent).toContain(
      'Đã nhập xong: 2 kết quả mới',
    );
    expect(levelOf(backend, dongY!.id, 2017)).toBe('TSVM');
    expect(levelOf(backend, hoaSon!.id, 2017)).toBe('HTTNV');
    // Closing the dialog ends its subscription.
    await user.click(within(dialog).getByRole('button', { name: 'Đóng' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(held.subscriptions()).toBe(0);
  });

  it('names the sheet read and previews again when another visible sheet is chosen', async () => {
    const { dialog, choose, backend, user } = await openImport();
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Cũ', { state: 'hidden' }).addRows([
      ['Mã', 'Năm', 'Xếp loại'],
      ['BS01', 2016, 'Yếu kém'],
    ]);
    book.addWorksheet('Năm 2017').addRows([
      ['Mã', 'Năm', 'Xếp loại'],
      ['BS01', 2017, 'TSVM'],
    ]);
    book.addWorksheet('Năm 2018').addRows([
      ['Mã', 'Năm', 'Xếp loại'],
      ['BS01', 2018, 'HTXSNV'],
      ['BS02', 2018, 'HTTNV'],
    ]);
    const summary = await choose(
      fileAt('hai-nam.xlsx', Buffer.from(await book.xlsx.writeBuffer())),
    );
    const select = within(summary).getByRole('combobox', { name: 'Trang tính:' });
    expect(
      within(select)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Năm 2017', 'Năm 2018']);
    expect((select as HTMLSelectElement).value).toBe('Năm 2017');
    expect(summary.textContent).toContain('Kết quả xếp loại mới: 1');
    expect(summary.textContent).not.toContain('Bảng mã');

    await user.selectOptions(select, 'Năm 2018');
    await waitFor(() => {
      const again = within(dialog).getByRole('region', { name: 'Xem trước' });
      expect(again.textContent).toContain('Kết quả xếp loại mới: 2');
    });
    await user.click(within(dialog).getByRole('button', { name: 'Nhập dữ liệu' }));
    await within(dialog).findByText(/Đã nhập xong: 2 kết quả mới/);
    const [dongY] = backend.call('units.list', { year: 2018, search: 'dong y' }).rows;
    expect(levelOf(backend, dongY!.id, 2018)).toBe('HTXSNV');
    expect(levelOf(backend, dongY!.id, 2016)).toBe(null);
  });

  it('offers "only the valid rows" only when some row is valid, and names the encoding read', async () => {
    const { dialog, choose, backend } = await openImport();
    const before = backend.snapshot();
    // Windows-1258 as Excel's "CSV (Comma delimited)" writes it: "Khá" is "Kha" + U+0301 (0xEC).
    const bytes = Buffer.concat([
      Buffer.from('Ma,Nam,Xep loai\r\nBS01,2017,Kha', 'ascii'),
      Buffer.from([0xec]),
      Buffer.from('\r\nBS02,2016,HTXSNV\r\n', 'ascii'),
    ]);
    const summary = await choose(fileAt('loi.csv', bytes));
    expect(summary.textContent).toContain('Bảng mã: Windows-1258');
    expect(summary.textContent).toContain('Dòng có lỗi: 2');
    expect(within(dialog).queryByRole('button', { name: 'Chỉ nhập các dòng hợp lệ' })).toBeNull();
    expect(within(dialog).getByRole('button', { name: 'Nhập dữ liệu' })).toHaveProperty(
      'disabled',
      true,
    );
    expect(backend.snapshot()).toBe(before);
  });

  it('refuses a plan the data moved under, then previews the same file again', async () => {
    const { dialog, choose, backend, user } = await openImport();
    const [dongY, hoaSon] = backend.call('units.list', { year: 2017, search: 'dang bo xa' }).rows;
    await choose(fileAt('a.csv', 'Mã;Năm;Xếp loại\nBS01;2017;TSVM\n'));
    // Meanwhile someone rates another unit (the grid, the CLI, another window).
    backend.call('ratings.set', { unitId: hoaSon!.id, year: 2017, levelCode: 'HTNV' });
    const before = backend.snapshot();
    await user.click(within(dialog).getByRole('button', { name: 'Nhập dữ liệu' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe(
      'Dữ liệu đã thay đổi kể từ lúc xem trước; hãy xem trước lại tệp.',
    );
    expect(within(dialog).queryByRole('region', { name: 'Xem trước' })).toBeNull();
    expect(backend.snapshot()).toBe(before);

    await user.click(within(dialog).getByRole('button', { name: 'Xem trước lại' }));
    await within(dialog).findByRole('region', { name: 'Xem trước' });
    await user.click(within(dialog).getByRole('button', { name: 'Nhập dữ liệu' }));
    await within(dialog).findByText(/Đã nhập xong: 1 kết quả mới/);
    expect(levelOf(backend, dongY!.id, 2017)).toBe('TSVM');
  });

  it('refuses a file saved again after its preview, then previews its new rows and imports them', async () => {
    const { dialog, choose, backend, user } = await openImport();
    const [dongY, hoaSon] = backend.call('units.list', { year: 2017, search: 'dang bo xa' }).rows;
    const path = fileAt('b.csv', 'Mã;Năm;Xếp loại\nBS01;2017;TSVM\n');
    await choose(path);
    // Saved again in Excel before "Nhập dữ liệu": other rows than the preview showed.
    writeFileSync(path, 'Mã;Năm;Xếp loại\nBS02;2017;HTNV\n');
    const before = backend.snapshot();
    await user.click(within(dialog).getByRole('button', { name: 'Nhập dữ liệu' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe(
      'Tệp "b.csv" đã thay đổi kể từ lúc xem trước (tệp vừa được sửa hoặc lưu lại); chưa có gì ' +
        'được nhập. Hãy xem trước lại tệp để thấy đúng những gì sẽ được nhập.',
    );
    expect(within(dialog).queryByRole('region', { name: 'Xem trước' })).toBeNull();
    expect(backend.snapshot()).toBe(before);

    await user.click(within(dialog).getByRole('button', { name: 'Xem trước lại' }));
    await within(dialog).findByRole('region', { name: 'Xem trước' });
    await user.click(within(dialog).getByRole('button', { name: 'Nhập dữ liệu' }));
    await within(dialog).findByText(/Đã nhập xong: 1 kết quả mới/);
    expect(levelOf(backend, dongY!.id, 2017)).toBeNull();
    expect(levelOf(backend, hoaSon!.id, 2017)).toBe('HTNV');
  });
});
