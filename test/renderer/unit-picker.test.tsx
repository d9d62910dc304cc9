// The unit picker under fast typing. The race it had: every list of matches arrives a little
// after the text it answers (a typing pause, then a backend call), and Enter used to take the
// highlighted row of whatever list was on screen, which was often the list of an earlier text
// (the whole register shown on focus, or the matches of "BG0" while "BG02" was typed). A fast
// "BG02 Enter" then picked BG01, or the province at the top of the register. Now every list is
// tagged with the text it answers, and Enter waits for the list of the text in the field.
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { TestBackend } from '../helpers/backend';
import { renderApp } from './harness';

const COUNT = 50;
const code = (i: number) => `BG${String(i + 1).padStart(2, '0')}`;
const nameOf = (i: number) => `Chi bộ thôn Nà ${i + 1}`;

function seed(b: TestBackend) {
  b.call('setup.complete', {
    operatorName: 'Nguyễn Văn Bình',
    ownUnit: { mode: 'new', name: 'Huyện ủy Bình Gia', kind: 'upper_committee', fromYear: 2008 },
  });
  const district = b.call('app.info', {}).ownUnitId!;
  const source = b.call('units.create', {
    name: 'Chi bộ Ban Tuyên giáo',
    code: 'BG00',
    kind: 'base_cell',
    parentId: district,
    fromYear: 2008,
  });
  for (let i = 0; i < COUNT; i++) {
    b.call('units.create', {
      name: nameOf(i),
      code: code(i),
      kind: 'base_cell',
      parentId: district,
      fromYear: 2008,
    });
  }
  // Decoys that match the typed text without being the unit meant by it: a longer code, and a
  // name that carries the code.
  b.call('units.create', {
    name: 'Chi bộ Trường Tiểu học',
    code: 'BG020',
    kind: 'base_cell',
    parentId: district,
    fromYear: 2008,
  });
  b.call('units.create', {
    name: 'Chi bộ thôn BG02 cũ',
    kind: 'base_cell',
    parentId: district,
    fromYear: 2008,
  });
  return source.id;
}

describe('Unit picker', () => {
  it('typing a code and pressing Enter at once always picks that unit (50 codes)', async () => {
    const { user, backend } = renderApp({ prepare: seed });
    await screen.findByText(`${COUNT + 4} tổ chức trong năm 2017`);
    const table = screen.getByRole('table', { name: 'Danh sách tổ chức' });
    await user.click(within(table).getByRole('row', { name: /Chi bộ Ban Tuyên giáo/ }));
    const panel = await screen.findByRole('complementary', { name: 'Chi bộ Ban Tuyên giáo' });

    // Fresh state each time: the dialog and its picker are opened anew, so the register shown
    // on focus is there to be picked wrongly.
    const order = Array.from({ length: COUNT }, (_, i) => (i * 7) % COUNT);
    for (const i of order) {
      await user.click(within(panel).getByRole('button', { name: 'Sáp nhập vào…' }));
      const dialog = screen.getByRole('dialog', { name: 'Sáp nhập tổ chức' });
      const picker = within(dialog).getByRole('combobox', { name: 'Sáp nhập vào tổ chức' });
      await user.type(picker, `${code(i)}{Enter}`);
      await waitFor(() => expect(picker).toHaveProperty('value', nameOf(i)));
      expect(picker.getAttribute('aria-expanded')).toBe('false');
      await user.keyboard('{Escape}');
      await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    }

    // And the write goes where the picker said: BG02 typed, not BG020 nor "thôn BG02 cũ".
    await user.click(within(panel).getByRole('button', { name: 'Sáp nhập vào…' }));
    const dialog = screen.getByRole('dialog', { name: 'Sáp nhập tổ chức' });
    const picker = within(dialog).getByRole('combobox', { name: 'Sáp nhập vào tổ chức' });
    await user.type(picker, 'bg02{Enter}');
    await waitFor(() => expect(picker).toHaveProperty('value', nameOf(1)));
    await user.click(within(dialog).getByRole('button', { name: 'Lưu' }));
    await screen.findByRole('complementary', { name: nameOf(1) });
    const target = backend.call('units.list', { year: 2017, search: 'BG02', limit: 1 }).rows[0]!;
    expect(target.name).toBe(nameOf(1));
    const events = backend.call('units.get', { id: target.id }).events;
    expect(events.map((e) => [e.type, e.relatedUnitName])).toContainEqual([
      'absorbed',
      'Chi bộ Ban Tuyên giáo',
    ]);
  }, 60_000);

  it('Enter before any match has arrived does nothing wrong: it waits for the matches', async () => {
    const { user } = renderApp({ prepare: seed });
    await screen.findByText(`${COUNT + 4} tổ chức trong năm 2017`);
    await user.click(
      within(screen.getByRole('table', { name: 'Danh sách tổ chức' })).getByRole('row', {
        name: /Chi bộ Ban Tuyên giáo/,
      }),
    );
    const panel = await screen.findByRole('complementary', { name: 'Chi bộ Ban Tuyên giáo' });
    await user.click(within(panel).getByRole('button', { name: 'Sáp nhập vào…' }));
    const dialog = screen.getByRole('dialog', { name: 'Sáp nhập tổ chức' });
    const picker = within(dialog).getByRole('combobox', { name: 'Sáp nhập vào tổ chức' });
    // Focused, the register's first units are offered; typing more makes that list stale.
    await user.click(picker);
    await within(dialog).findAllByRole('option');
    await user.type(picker, 'na 37');
    expect(picker.getAttribute('aria-busy')).toBe('true');
    await user.keyboard('{Enter}');
    await waitFor(() => expect(picker).toHaveProperty('value', nameOf(36)));
  });
});
