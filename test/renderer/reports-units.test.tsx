// What Báo cáo asks the backend for: the figures of each group without its units (the screen
// shows none; a nation's would be 24 MB), while the files it exports still list every unit; and
// the carry-over list of the document's direction section apart, after which the section says
// what the one call's list said and the export is offered.
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { getBridge, setBridge } from '../../renderer/src/api/bridge';
import type { MethodInput } from '../../shared/contract';
import { defaultReportDocument } from '../../shared/domain/report-document';
import { renderApp } from './harness';
import { CLOCK, seedList, seedRegister } from './watchlist-data';

/** Records every call the page makes from now on, then hands it on. */
function recordCalls(): { method: string; input: unknown }[] {
  const calls: { method: string; input: unknown }[] = [];
  const bridge = getBridge();
  setBridge({
    ...bridge,
    invoke: (method, input) => {
      calls.push({ method, input });
      return bridge.invoke(method, input);
    },
  });
  return calls;
}

describe('the report screen’s request', () => {
  it('asks for no units per group, shows the figures, and exports every unit', async () => {
    const view = renderApp({
      prepare: (b) => void seedRegister(b),
      clock: CLOCK,
      year: 2017,
      screen: 'reports',
    });
    const { user } = view;
    await screen.findByRole('heading', { level: 2, name: /^Năm 2017 — / });
    const calls = recordCalls();
    const controls = screen.getByRole('group', { name: 'Phạm vi và cách lập báo cáo' });
    await user.selectOptions(within(controls).getByRole('combobox', { name: 'Nhóm theo' }), [
      'sector',
    ]);
    await waitFor(() =>
      expect(calls.filter((c) => c.method === 'reports.progress')).not.toHaveLength(0),
    );
    for (const call of calls.filter((c) => c.method === 'reports.progress')) {
      expect(call.input).toMatchObject({ groupBy: 'sector', unitsPerGroup: 0 });
    }
    // The table's figures are there all the same.
    const table = await screen.findByRole('table', { name: 'Biểu tổng hợp' });
    await waitFor(() => expect(within(table).getByText('Xã')).toBeTruthy());

    // The export is asked with the report's own input, which lists every unit.
    const date = screen.getByRole('textbox', { name: 'Ngày báo cáo' });
    await user.clear(date);
    await user.type(date, '15/01/2018');
    await user.click(screen.getByRole('button', { name: 'Xuất Excel' }));
    await screen.findByText(/^Đã lưu tệp .+\.xlsx\.$/, undefined, { timeout: 20_000 });
    const exported = calls.find((c) => c.method === 'reports.export');
    expect(exported?.input).toMatchObject({ groupBy: 'sector' });
    expect(exported?.input).not.toHaveProperty('unitsPerGroup');
  });

  it('asks for the carry-over list apart and fills the direction section with it', async () => {
    // The list's answer is held back until released, to see the screen before it comes.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const calls: { method: string; input: unknown }[] = [];
    const view = renderApp({
      prepare: (b) => void seedList(b),
      clock: CLOCK,
      year: 2017,
      screen: 'reports',
    });
    const bridge = getBridge();
    setBridge({
      ...bridge,
      invoke: async (method, input) => {
        calls.push({ method, input });
        if (method === 'reports.carryOver') await held;
        return bridge.invoke(method, input);
      },
    });
    const { user } = view;
    const controls = await screen.findByRole('group', { name: 'Phạm vi và cách lập báo cáo' });
    await user.selectOptions(within(controls).getByRole('combobox', { name: 'Nhóm theo' }), [
      'sector',
    ]);
    await screen.findByRole('heading', { level: 2, name: /^Năm 2017 — / });
    await waitFor(() =>
      expect(calls.filter((c) => c.method === 'reports.carryOver')).not.toHaveLength(0),
    );
    const progress = calls.filter((c) => c.method === 'reports.progress');
    for (const call of progress) expect(call.input).toMatchObject({ carryOver: false });
    const direction = screen.getByRole('textbox', { name: 'Nội dung phần 5' });
    // The figures are shown; the export waits for the list.
    await screen.findByRole('table', { name: 'Biểu tổng hợp' });
    expect(screen.getByRole('button', { name: 'Xuất Excel' })).toHaveProperty('disabled', true);
    release();
    // What the one call's report put in the section (the files and the CLI still make it).
    const input = progress.at(-1)?.input as MethodInput<'reports.progress'>;
    const { carryOver: _left, unitsPerGroup: _none, ...query } = input;
    const report = view.backend.call('reports.progress', { ...query, unitsPerGroup: 0 });
    expect(report.carryOver.length).toBeGreaterThan(0);
    const expected = defaultReportDocument(report, { ownUnitName: null, today: '' }).sections[4];
    await waitFor(() => expect(direction).toHaveProperty('value', expected?.body));
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Xuất Excel' })).toHaveProperty('disabled', false),
    );
    const asked = calls.filter((c) => c.method === 'reports.carryOver').at(-1)?.input;
    expect(asked).toEqual(query);
  });
});
