// Trao đổi dữ liệu against real backends: the province's data file in the harness, and a
// district's own data file beside it (another installation). The district sends its file, the
// province receives it through the screen (preview, conflicts decided, apply), the ledger shows
// who sent what and who has not reported, and a batch is undone.
import { readFileSync } from 'node:fs';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../electron/backend/context';
import type { TestBackend } from '../helpers/backend';
import { readParts } from '../helpers/exchange-files';
import { DISTRICTS, PROVINCE_NAME } from '../helpers/exchange-sites';
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

const tab = (name: string) => screen.getByRole('tab', { name });
const panel = () => screen.getByRole('tabpanel');

describe('Gửi dữ liệu', () => {
  it('writes the own unit’s file with progress, offers it for saving and numbers it', async () => {
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
