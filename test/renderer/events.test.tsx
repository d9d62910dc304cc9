// The page follows the backend's events: a change made elsewhere (another window, the CLI,
// an import) appears without a reload, only the reads that show it are repeated, and a restart
// of the backend worker is said in Vietnamese.
import { act, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { resetChanges } from '../../renderer/src/api/changes';
import { dispatch } from '../../electron/backend/dispatch';
import * as dispatchModule from '../../electron/backend/dispatch';
import { renderApp } from './harness';

afterEach(() => {
  resetChanges();
  vi.restoreAllMocks();
});

async function setUpUnits() {
  const app = renderApp({
    year: 2017,
    prepare: (backend) => {
      const own = backend.call('units.create', {
        name: 'Đảng bộ huyện Bắc Sơn',
        kind: 'upper_committee',
        fromYear: 2000,
      });
      backend.call('setup.complete', {
        operatorName: 'Hoàng Văn Nam',
        ownUnit: { mode: 'existing', unitId: own.id },
      });
    },
  });
  await screen.findByRole('table');
  return app;
}

describe('events from the backend', () => {
  it('shows a unit created elsewhere without reloading the page', async () => {
    const { backend } = await setUpUnits();
    expect(screen.queryByText('Đảng bộ xã Đồng Ý')).toBeNull();
    // Another window or the CLI writes through the same backend: only the event tells the page.
    await act(async () => {
      await dispatch(backend.ctx, 'units.create', {
        name: 'Đảng bộ xã Đồng Ý',
        kind: 'base_committee',
        fromYear: 2010,
      });
    });
    expect(await within(screen.getByRole('table')).findByText('Đảng bộ xã Đồng Ý')).toBeTruthy();
  });

  it('repeats only the reads of the entity that changed', async () => {
    const { backend } = await setUpUnits();
    const spy = vi.spyOn(dispatchModule, 'dispatch');
    spy.mockClear();
    // A settings change (the operator's name) reloads no list of units.
    await act(async () => {
      await dispatch(backend.ctx, 'settings.setOperator', { operatorName: 'Lý Thị Mai' });
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(spy.mock.calls.map(([, method]) => method)).not.toContain('units.list');
    // A change to the units does reload them.
    await act(async () => {
      await dispatch(backend.ctx, 'units.create', {
        name: 'Chi bộ Cục Thống kê',
        kind: 'base_cell',
        fromYear: 2015,
      });
    });
    await vi.waitFor(() =>
      expect(spy.mock.calls.map(([, method]) => method)).toContain('units.list'),
    );
  });

  it('says so when the backend had to be restarted', async () => {
    const { emit } = await setUpUnitsWithEmit();
    act(() => emit('backend.restarted', { message: 'Phần xử lý dữ liệu vừa gặp sự cố.' }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      'Phần xử lý dữ liệu vừa gặp sự cố.',
    );
  });
});

async function setUpUnitsWithEmit() {
  const app = await setUpUnits();
  return {
    ...app,
    emit: (event: 'backend.restarted', payload: { message: string }) =>
      app.backend.ctx.emit(event, payload),
  };
}
