// Trao đổi dữ liệu against real backends: the province's data file in the harness, and a
// district's own data file beside it (another installation). The district sends its file, the
// province receives it through the screen (preview, conflicts decided, apply), the ledger shows
// who sent what and who has not reported, and a batch is undone.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../electron/backend/context';
import type { Bridge } from '../../shared/contract';
import { getBridge, setBridge } from '../../renderer/src/api/bridge';
import type { TestBackend } from '../helpers/backend';
import { readParts, saveTemp } from '../helpers/exchange-files';
import type { LowerSite } from '../helpers/exchange-sites';
import {
  DISTRICTS,
  PROVINCE_NAME,
  exportFile,
  makeLowerSite,
  recordSiteWork,
  siteUnitId,
} from '../helpers/exchange-sites';
import { renderApp } from './harness';

const CLOCK = fixedClock('2018-01-20T03:00:00.000Z');

/** The province: its own unit, the three districts and their TCCSĐ (as the exchange helpers). */
function seedProvince(b: TestBackend): void {
  const own = b.call('setup.complete', {
    operatorName: 'Ban Tổ chức Tỉnh ủy',
    ownUnit: { mode: 'new', name: PROVINCE_NAME, code: 'LS', kind: 'province' },
  }).ownUnitId;
  if (own === null) throw new Error('no own unit');
  for (const district of DISTRICTS) {
    const created = b.call('units.create', {
      name: district.name,
      code: district.code,
      kind: 'upper_committee',
      parentId: own,
    });
    for (const unit of district.units) b.call('units.create', { ...unit, parentId: created.id });
  }
}

function renderExchange(prepare: (b: TestBackend) => void = seedProvince) {
  return renderApp({ prepare, clock: CLOCK, year: 2018, screen: 'exchange' });
}

const BAC_SON = (() => {
  const plan = DISTRICTS.find((d) => d.code === 'BS');
  if (!plan) throw new Error('no Bắc Sơn in the exchange helpers');
  return plan;
})();

const tab = (name: string) => screen.getByRole('tab', { name });
const panel = () => screen.getByRole('tabpanel');

describe('Gửi dữ liệu', () => {
  it('writes the own unit’s file, offers it for saving and numbers it', async () => {
    const { user, saved, backend } = renderExchange();
    await screen.findByRole('heading', { level: 1, name: 'Trao đổi dữ liệu' });
    expect(tab('Gửi dữ liệu').getAttribute('aria-selected')).toBe('true');
    expect(
      within(panel()).getByText(
        'Máy này chưa gửi tệp nào: tệp đầu tiên có toàn bộ dữ liệu trong phạm vi.',
      ),
    ).toBeTruthy();
    await user.click(within(panel()).getByRole('button', { name: 'Tạo tệp và lưu…' }));
    const done = await within(panel()).findByText(/^Đã lưu tệp /);
    expect(saved).toHaveLength(1);
    const file = saved[0];
    if (!file) throw new Error('nothing saved');
    expect(file.suggestedName).toMatch(/\.tccsd$/);
    expect(done.textContent).toBe(
      `Đã lưu tệp ${file.suggestedName} (tệp số 1). Nội dung: Tổ chức: 13; Thông tin tổ chức theo năm: 13.`,
    );
    const header = readParts(readFileSync(backend.ctx.files.pathOf(file.file.handle))).header;
    expect(header).toMatchObject({ sequence: 1, sinceLast: false, senderUnitName: PROVINCE_NAME });
    // The ledger's list of this installation's files now has it, and the next one is number 2.
    await within(panel()).findByText(/^Lần gửi trước: tệp số 1, lúc /);
    await user.click(tab('Sổ theo dõi'));
    const exports = await screen.findByRole('table', { name: 'Các lần gửi của máy này' });
    expect(within(exports).getByText(file.suggestedName)).toBeTruthy();
  });
});

/**
 * The real bridge, except that the answers of the exchange's file methods wait for `release()`:
 * the backend has done its work (and sent its progress) while the screen still waits, as it does
 * with a worker on a big file.
 */
function holdExchangeAnswers() {
  const real = getBridge();
  const waiting: (() => void)[] = [];
  const bridge: Bridge = {
    ...real,
    async invoke(method, input) {
      const answer = await real.invoke(method, input);
      if (method === 'exchange.export' || method === 'exchange.preview') {
        await new Promise<void>((resolve) => waiting.push(resolve));
      }
      return answer;
    },
  };
  setBridge(bridge);
  return {
    release: () => {
      for (const resolve of waiting.splice(0)) resolve();
    },
  };
}

describe('progress', () => {
  it('is shown while the file is written and while received files are checked', async () => {
    const view = renderExchange();
    await screen.findByRole('heading', { level: 1, name: 'Trao đổi dữ liệu' });
    const held = holdExchangeAnswers();
    const start = within(panel()).getByRole<HTMLButtonElement>('button', {
      name: 'Tạo tệp và lưu…',
    });
    await view.user.click(start);
    const writing = await within(panel()).findByRole('progressbar', {
      name: 'Đang ghi tệp dữ liệu',
    });
    expect(writing.getAttribute('value')).toBe(writing.getAttribute('max'));
    expect(within(panel()).getByText('Đang ghi tệp dữ liệu: 100%')).toBeTruthy();
    // One export at a time.
    expect(start.disabled).toBe(true);
    act(() => held.release());
    await within(panel()).findByText(/^Đã lưu tệp /);
    expect(within(panel()).queryByRole('progressbar')).toBeNull();

    const file = view.saved[0];
    if (!file) throw new Error('nothing saved');
    await view.user.click(tab('Nhận dữ liệu'));
    view.pickNextFiles([view.backend.ctx.files.pathOf(file.file.handle)]);
    await view.user.click(within(panel()).getByRole('button', { name: 'Chọn tệp dữ liệu…' }));
    expect(
      await within(panel()).findByRole('progressbar', {
        name: 'Đang kiểm tra và so sánh với dữ liệu đang có',
      }),
    ).toBeTruthy();
    act(() => held.release());
    await screen.findByRole('region', { name: 'Xem trước' });
    expect(within(panel()).queryByRole('progressbar')).toBeNull();
  });
});

describe('the tabs', () => {
  it('move with the arrow keys and keep what was typed', async () => {
    const { user } = renderExchange();
    await screen.findByRole('heading', { level: 1, name: 'Trao đổi dữ liệu' });
    await user.click(within(panel()).getByRole('checkbox', { name: /^Chỉ những gì thay đổi/ }));
    tab('Gửi dữ liệu').focus();
    await user.keyboard('{ArrowRight}');
    expect(document.activeElement).toBe(tab('Nhận dữ liệu'));
    expect(tab('Nhận dữ liệu').getAttribute('aria-selected')).toBe('true');
    await user.keyboard('{End}');
    expect(tab('Sổ theo dõi').getAttribute('aria-selected')).toBe('true');
    await user.keyboard('{ArrowRight}');
    expect(tab('Gửi dữ liệu').getAttribute('aria-selected')).toBe('true');
    await waitFor(() =>
      expect(
        within(panel()).getByRole<HTMLInputElement>('checkbox', { name: /^Chỉ những gì/ }).checked,
      ).toBe(true),
    );
  });
});

/**
 * The province in the harness and Bắc Sơn's installation beside it, born from the province's
 * master list and with a year's work recorded; `sent` is Bắc Sơn's first file.
 */
async function provinceAndDistrict() {
  const view = renderExchange();
  await screen.findByRole('heading', { level: 1, name: 'Trao đổi dữ liệu' });
  const master = await exportFile(view.backend);
  const site = await makeLowerSite(master.path, BAC_SON);
  recordSiteWork(site);
  const sent = await exportFile(site.backend);
  // The name the province sees: the file's own, as the dialog hands it over.
  return { ...view, site, sent, sentName: basename(sent.path) };
}

type View = Awaited<ReturnType<typeof provinceAndDistrict>>;

/** Nhận dữ liệu: the files chosen in the dialog, the preview shown. */
async function receive(view: View, paths: string[]) {
  await view.user.click(tab('Nhận dữ liệu'));
  view.pickNextFiles(paths);
  await view.user.click(
    within(panel()).getByRole('button', { name: /^Chọn tệp dữ liệu|^Thêm tệp/ }),
  );
  return screen.findByRole('region', { name: 'Xem trước' });
}

function levelHere(b: TestBackend, code: string, year: number): string | null {
  const unitId = siteUnitId(b, code);
  return (
    b.call('ratings.history', { unitId }).ratings.find((r) => r.year === year)?.levelCode ?? null
  );
}

const applyButton = () =>
  within(panel()).getByRole<HTMLButtonElement>('button', { name: 'Nhập dữ liệu' });

describe('Nhận dữ liệu', () => {
  it('previews a district’s file per file, applies it and shows the ledger', async () => {
    const view = await provinceAndDistrict();
    const before = view.backend.snapshot();
    const preview = await receive(view, [view.sent.path]);
    const files = within(preview).getByRole('table', { name: 'Các tệp và những gì sẽ thay đổi' });
    const row = within(files).getByRole('row', {
      name: new RegExp(view.sentName),
    });
    expect(row.textContent).toContain('Đảng bộ huyện Bắc Sơn, tệp số 1');
    expect(row.textContent).toContain('Từ cấp dưới gửi lên');
    const cells = within(row)
      .getAllByRole('cell')
      .map((c) => c.textContent);
    // Years; new, changed, identical, conflicts, skipped, errors.
    expect(cells[0]).toBe('Mọi năm');
    expect(Number(cells[1])).toBeGreaterThan(0);
    expect(cells.slice(4)).toEqual(['0', '0', '0']);
    const changes = within(preview).getByRole('table', { name: 'Các bản ghi sẽ thay đổi' });
    expect(
      within(changes).getByRole('row', { name: /Đảng bộ xã Đồng Ý — xếp loại năm 2017/ }),
    ).toBeTruthy();
    // Nothing is written by the preview.
    expect(view.backend.snapshot()).toBe(before);

    await view.user.click(applyButton());
    const done = await within(panel()).findByRole('status');
    expect(done.textContent).toMatch(/^Đã nhập/);
    expect(levelHere(view.backend, 'BS01', 2017)).toBe('TSVM');
    expect(screen.queryByRole('region', { name: 'Xem trước' })).toBeNull();

    await view.user.click(within(done).getByRole('button', { name: 'Xem sổ theo dõi' }));
    expect(tab('Sổ theo dõi').getAttribute('aria-selected')).toBe('true');
    const senders = await within(panel()).findByRole('table', { name: 'Các đơn vị đã gửi' });
    const sender = within(senders).getByRole('row', { name: /Đảng bộ huyện Bắc Sơn/ });
    expect(sender.textContent).toContain('Đã nhận');
    const board = within(panel()).getByRole('list', { name: 'Chưa gửi báo cáo năm 2017' });
    expect(
      within(board)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Đảng bộ huyện Chi Lăng (CL)', 'Đảng bộ huyện Hữu Lũng (HL)']);
  });

  it('asks for every conflict before applying, and keeps the province’s value when told', async () => {
    const view = await provinceAndDistrict();
    await receive(view, [view.sent.path]);
    await view.user.click(applyButton());
    await within(panel()).findByRole('status');
    // Both sides change Đồng Ý's 2017 rating; the district sends only what changed.
    view.backend.call('ratings.set', {
      unitId: siteUnitId(view.backend, 'BS01'),
      year: 2017,
      levelCode: 'HTNV',
    });
    view.site.backend.call('ratings.set', {
      unitId: siteUnitId(view.site.backend, 'BS01'),
      year: 2017,
      levelCode: 'HTTNV',
    });
    const second = await exportFile(view.site.backend, { sinceLast: true });
    const preview = await receive(view, [second.path]);
    const changes = within(preview).getByRole('table', { name: 'Các bản ghi sẽ thay đổi' });
    const conflict = within(changes).getByRole('row', { name: /Đảng bộ xã Đồng Ý/ });
    expect(conflict.textContent).toContain('Cả hai bên cùng sửa từ lần trao đổi trước');
    expect(conflict.textContent).toContain('Mức xếp loại: đang có HTNV, trong tệp HTTNV');
    expect(applyButton().disabled).toBe(true);
    expect(within(preview).getByText('Còn 1 xung đột chưa chọn cách xử lý.')).toBeTruthy();

    await view.user.click(
      within(preview).getByRole('radio', { name: 'Tất cả: Giữ dữ liệu đang có' }),
    );
    expect(
      within(conflict).getByRole<HTMLSelectElement>('combobox', { name: /^Xử lý xung đột/ }).value,
    ).toBe('keep_local');
    expect(applyButton().disabled).toBe(false);
    await view.user.click(applyButton());
    await within(panel()).findByRole('status');
    expect(levelHere(view.backend, 'BS01', 2017)).toBe('HTNV');
    await view.user.click(tab('Sổ theo dõi'));
    const senders = await within(panel()).findByRole('table', { name: 'Các đơn vị đã gửi' });
    await waitFor(() =>
      expect(
        within(senders).getByRole('row', { name: /Đảng bộ huyện Bắc Sơn/ }).textContent,
      ).toContain('Có xung đột đã giữ dữ liệu đang có'),
    );
  });

  it('keeps the chosen files, the preview and the decisions across a visit to another screen', async () => {
    const view = await provinceAndDistrict();
    await receive(view, [view.sent.path]);
    await view.user.click(applyButton());
    await within(panel()).findByRole('status');
    view.backend.call('ratings.set', {
      unitId: siteUnitId(view.backend, 'BS01'),
      year: 2017,
      levelCode: 'HTNV',
    });
    view.site.backend.call('ratings.set', {
      unitId: siteUnitId(view.site.backend, 'BS01'),
      year: 2017,
      levelCode: 'HTTNV',
    });
    const second = await exportFile(view.site.backend, { sinceLast: true });
    const preview = await receive(view, [second.path]);
    await view.user.click(
      within(preview).getByRole('radio', { name: 'Tất cả: Lấy dữ liệu trong tệp' }),
    );
    const nav = screen.getByRole('navigation');
    await view.user.click(within(nav).getByRole('button', { name: 'Tổ chức đảng' }));
    await screen.findByRole('heading', { level: 1, name: 'Tổ chức đảng' });
    await view.user.click(within(nav).getByRole('button', { name: 'Trao đổi dữ liệu' }));
    const again = await screen.findByRole('region', { name: 'Xem trước' });
    expect(tab('Nhận dữ liệu').getAttribute('aria-selected')).toBe('true');
    expect(
      within(again).getByRole<HTMLInputElement>('radio', { name: 'Tất cả: Lấy dữ liệu trong tệp' })
        .checked,
    ).toBe(true);
    await view.user.click(applyButton());
    await within(panel()).findByRole('status');
    expect(levelHere(view.backend, 'BS01', 2017)).toBe('HTTNV');
  });

  it('says a file was imported before, and that applying it again changed nothing', async () => {
    const view = await provinceAndDistrict();
    await receive(view, [view.sent.path]);
    await view.user.click(applyButton());
    await within(panel()).findByRole('status');
    const before = view.backend.snapshot();
    const preview = await receive(view, [view.sent.path]);
    expect(
      within(preview).getByText(
        `Tệp ${view.sentName} đã được nhập trước đây: nhập lại không thay đổi gì.`,
      ),
    ).toBeTruthy();
    await view.user.click(applyButton());
    const said = await within(panel()).findByRole('status');
    expect(said.className).toBe('muted');
    expect(view.backend.snapshot()).toBe(before);
  });

  it('refuses a damaged file in Vietnamese, whole, and writes nothing', async () => {
    const view = await provinceAndDistrict();
    const bytes = readFileSync(view.sent.path);
    const damaged = saveTemp('Bac-Son-hong.tccsd', bytes.subarray(0, Math.floor(bytes.length / 2)));
    const before = view.backend.snapshot();
    const preview = await receive(view, [damaged]);
    const alert = within(preview).getByRole('alert');
    expect(alert.textContent).toContain('Tệp Bac-Son-hong.tccsd có 1 lỗi nên sẽ không được nhập.');
    expect(alert.textContent).toMatch(/[ăâđêôơư]/);
    expect(applyButton().disabled).toBe(true);
    expect(
      within(preview).getByText(
        'Chưa nhập được: có tệp bị lỗi. Hãy bỏ tệp đó ra rồi xem trước lại.',
      ),
    ).toBeTruthy();
    // The damaged file is taken out; the good one is added: the preview is made again.
    await view.user.click(
      within(panel()).getByRole('button', { name: 'Bỏ tệp Bac-Son-hong.tccsd' }),
    );
    expect(screen.queryByRole('region', { name: 'Xem trước' })).toBeNull();
    const again = await receive(view, [view.sent.path]);
    expect(within(again).queryByRole('alert')).toBeNull();
    expect(applyButton().disabled).toBe(false);
    expect(view.backend.snapshot()).toBe(before);
  });

  it('refuses a plan the data moved under, keeping the files for another preview', async () => {
    const view = await provinceAndDistrict();
    await receive(view, [view.sent.path]);
    const before = view.backend.snapshot();
    // Someone else writes meanwhile (another window, the command line).
    view.backend.call('ratings.set', {
      unitId: siteUnitId(view.backend, 'HL01'),
      year: 2017,
      levelCode: 'HTNV',
    });
    const moved = view.backend.snapshot();
    expect(moved).not.toBe(before);
    await view.user.click(applyButton());
    const alert = await within(panel()).findByRole('alert');
    expect(alert.textContent).toMatch(/xem trước lại|Xem trước lại/i);
    expect(view.backend.snapshot()).toBe(moved);
    expect(within(panel()).getByText(view.sentName)).toBeTruthy();
    await view.user.click(within(panel()).getByRole('button', { name: 'Xem trước lại' }));
    await screen.findByRole('region', { name: 'Xem trước' });
    await view.user.click(applyButton());
    expect((await within(panel()).findByRole('status')).textContent).toMatch(/^Đã nhập/);
  });

  it('asks "the same unit?" and takes the answer, never adding a duplicate', async () => {
    const view = await provinceAndDistrict();
    // The same new cell is registered on both sides after the master list went down.
    const cell = { name: 'Chi bộ Trạm Y tế xã Đồng Ý', code: 'BS04', kind: 'base_cell' } as const;
    view.backend.call('units.create', { ...cell, parentId: siteUnitId(view.backend, 'BS') });
    view.site.backend.call('units.create', {
      ...cell,
      parentId: siteUnitId(view.site.backend, 'BS'),
    });
    const sent = await exportFile(view.site.backend);
    const preview = await receive(view, [sent.path]);
    const question = within(preview).getByRole('group', {
      name: '“Chi bộ Trạm Y tế xã Đồng Ý (BS04)” trong tệp và “Chi bộ Trạm Y tế xã Đồng Ý (BS04)” đang có',
    });
    expect(question.textContent).toContain('Trùng mã.');
    expect(applyButton().disabled).toBe(true);
    expect(
      within(preview).getByText('Còn 1 tổ chức chưa trả lời là cùng một tổ chức hay tổ chức mới.'),
    ).toBeTruthy();
    await view.user.click(
      within(question).getByRole('radio', {
        name: 'Là một tổ chức (dùng “Chi bộ Trạm Y tế xã Đồng Ý” đang có)',
      }),
    );
    expect(applyButton().disabled).toBe(false);
    await view.user.click(applyButton());
    await within(panel()).findByRole('status');
    const found = view.backend.call('units.list', { year: 2018, search: 'BS04' }).rows;
    expect(found.map((r) => r.name)).toEqual(['Chi bộ Trạm Y tế xã Đồng Ý']);
  });
});

describe('Sổ theo dõi: Hoàn tác', () => {
  async function imported(): Promise<View & { site: LowerSite }> {
    const view = await provinceAndDistrict();
    await receive(view, [view.sent.path]);
    await view.user.click(applyButton());
    await within(panel()).findByRole('status');
    await view.user.click(tab('Sổ theo dõi'));
    return view;
  }
  const undoButton = async (name: string) =>
    within(await within(panel()).findByRole('table', { name: 'Các lần nhận tệp' })).getByRole(
      'button',
      { name: `Hoàn tác lần nhập tệp ${name}` },
    );

  it('asks first; "Không hoàn tác" changes nothing, "Hoàn tác" puts the data back', async () => {
    const view = await imported();
    const name = view.sentName;
    expect(levelHere(view.backend, 'BS01', 2017)).toBe('TSVM');
    await view.user.click(await undoButton(name));
    let dialog = screen.getByRole('dialog', { name: 'Hoàn tác lần nhập?' });
    expect(dialog.textContent).toContain(name);
    const before = view.backend.snapshot();
    await view.user.click(within(dialog).getByRole('button', { name: 'Không hoàn tác' }));
    expect(view.backend.snapshot()).toBe(before);

    await view.user.click(await undoButton(name));
    dialog = screen.getByRole('dialog', { name: 'Hoàn tác lần nhập?' });
    await view.user.click(within(dialog).getByRole('button', { name: 'Hoàn tác' }));
    expect((await within(panel()).findByText(/^Đã hoàn tác lần nhập tệp /)).textContent).toBe(
      `Đã hoàn tác lần nhập tệp ${name} của Đảng bộ huyện Bắc Sơn.`,
    );
    expect(levelHere(view.backend, 'BS01', 2017)).toBeNull();
    const batches = within(panel()).getByRole('table', { name: 'Các lần nhận tệp' });
    await waitFor(() => expect(batches.textContent).toContain('Đã hoàn tác lúc'));
    // Undone: Bắc Sơn has not reported 2017 any more.
    const board = within(panel()).getByRole('list', { name: 'Chưa gửi báo cáo năm 2017' });
    await waitFor(() => expect(within(board).getAllByRole('listitem')).toHaveLength(3));
  });

  it('is refused with the reason once a record the file brought was changed here', async () => {
    const view = await imported();
    view.backend.call('ratings.set', {
      unitId: siteUnitId(view.backend, 'BS01'),
      year: 2017,
      levelCode: 'HTTNV',
    });
    const button = await undoButton(view.sentName);
    await waitFor(() => expect((button as HTMLButtonElement).disabled).toBe(true));
    const cell = button.closest('td');
    expect(cell?.textContent).toContain(
      'Không hoàn tác được: đã có thay đổi sau lần nhập này ở 1 bản ghi',
    );
  });
});
