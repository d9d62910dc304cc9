// lazyPart (renderer/src/app/lazy.tsx): how a screen or a chart loaded when first shown behaves
// while its code loads, once it has, and in the tests' preload.
import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { Suspense, useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import {
  lazyPart,
  preloadAllParts,
  preloadWhenIdle,
  showWhenLoaded,
} from '../../renderer/src/app/lazy';

function Counter({ label }: { label: string }) {
  const [count, setCount] = useState(0);
  return (
    <button type="button" onClick={() => setCount((n) => n + 1)}>
      {label}: {count}
    </button>
  );
}

/** A load the test settles by hand, counting how often the code was asked for. */
function deferredLoad() {
  const calls: { resolve: () => void }[] = [];
  const load = () =>
    new Promise<typeof Counter>((resolve) => {
      calls.push({ resolve: () => resolve(Counter) });
    });
  return { load, calls };
}

const shown = (node: ReactNode) => <Suspense fallback={<p>Đang tải…</p>}>{node}</Suspense>;

describe('lazyPart', () => {
  it('shows the fallback while its code loads, then the part', async () => {
    const { load, calls } = deferredLoad();
    const Part = lazyPart(load);
    render(shown(<Part label="Số lần" />));
    expect(screen.getByText('Đang tải…')).toBeTruthy();
    expect(calls).toHaveLength(1);
    await act(async () => calls[0]?.resolve());
    expect(await screen.findByRole('button', { name: 'Số lần: 0' })).toBeTruthy();
    expect(screen.queryByText('Đang tải…')).toBeNull();
  });

  it('once loaded, a new mount renders at once with no fallback and no second load', async () => {
    const { load, calls } = deferredLoad();
    const Part = lazyPart(load);
    const preloaded = Part.preload();
    calls[0]?.resolve();
    await preloaded;
    render(shown(<Part label="Lần đầu" />));
    // Synchronously, in the first commit: no "Đang tải…" frame.
    expect(screen.getByRole('button', { name: 'Lần đầu: 0' })).toBeTruthy();
    expect(screen.queryByText('Đang tải…')).toBeNull();
    expect(calls).toHaveLength(1);
  });

  it('a part mounted while loading keeps its state when its parent renders again', async () => {
    const { load, calls } = deferredLoad();
    const Part = lazyPart(load);
    const user = userEvent.setup();
    const view = render(shown(<Part label="Đếm" />));
    await act(async () => calls[0]?.resolve());
    await user.click(await screen.findByRole('button', { name: 'Đếm: 0' }));
    view.rerender(shown(<Part label="Đếm" />));
    expect(screen.getByRole('button', { name: 'Đếm: 1' })).toBeTruthy();
  });

  it('preloadAllParts loads every part, and the parts their code declares', async () => {
    let innerLoads = 0;
    let Inner: ReturnType<typeof lazyPart<{ label: string }>> | null = null;
    const Outer = lazyPart(() => {
      // As a screen's module declares its own lazily loaded chart when it is evaluated.
      Inner = lazyPart(() => {
        innerLoads += 1;
        return Promise.resolve(Counter);
      });
      return Promise.resolve(Counter);
    });
    await preloadAllParts();
    expect(innerLoads).toBe(1);
    render(shown(<Outer label="Ngoài" />));
    expect(screen.getByRole('button', { name: 'Ngoài: 0' })).toBeTruthy();
    expect(Inner).not.toBeNull();
  });

  it('showWhenLoaded opens a part once its code is here: no fallback frame at all', async () => {
    // React commits what replaces a fallback no sooner than 300 ms after the fallback showed:
    // the register's rows came ~400 ms after the click while its chunk took 30 ms.
    const { load, calls } = deferredLoad();
    const Part = lazyPart(load);
    let fallbacks = 0;
    function Fallback() {
      fallbacks += 1;
      return <p>Đang tải…</p>;
    }
    function Menu() {
      const [open, setOpen] = useState(false);
      return (
        <>
          <button type="button" onClick={() => showWhenLoaded(Part, () => setOpen(true))}>
            Mở
          </button>
          {open ? (
            <Suspense fallback={<Fallback />}>
              <Part label="Màn hình" />
            </Suspense>
          ) : (
            <p>Tổng quan</p>
          )}
        </>
      );
    }
    const user = userEvent.setup();
    render(<Menu />);
    await user.click(screen.getByRole('button', { name: 'Mở' }));
    // The code is being read: the screen before stays, the part is not mounted yet.
    expect(calls).toHaveLength(1);
    expect(screen.getByText('Tổng quan')).toBeTruthy();
    await act(async () => calls[0]?.resolve());
    expect(screen.getByRole('button', { name: 'Màn hình: 0' })).toBeTruthy();
    expect(fallbacks).toBe(0);
    expect(Part.isLoaded()).toBe(true);
  });

  it('showWhenLoaded shows at once, in the same call, a part already loaded', async () => {
    const Part = lazyPart(() => Promise.resolve(Counter));
    await Part.preload();
    const show = vi.fn();
    showWhenLoaded(Part, show);
    expect(show).toHaveBeenCalledTimes(1);
  });

  it('showWhenLoaded still shows after a failed load (the mount reports the error)', async () => {
    const Part = lazyPart<{ label: string }>(() => Promise.reject(new Error('mất tệp')));
    const shownAfter = new Promise<void>((resolve) => showWhenLoaded(Part, resolve));
    await expect(shownAfter).resolves.toBeUndefined();
    expect(Part.isLoaded()).toBe(false);
  });

  it('preloadWhenIdle loads the parts one after another once idle, and can be cancelled', async () => {
    vi.useFakeTimers();
    try {
      const first = deferredLoad();
      const second = deferredLoad();
      const third = deferredLoad();
      preloadWhenIdle([lazyPart(first.load), lazyPart(second.load)]);
      // Nothing during the first screen's own work.
      expect(first.calls).toHaveLength(0);
      await vi.runAllTimersAsync();
      expect(first.calls).toHaveLength(1);
      expect(second.calls).toHaveLength(0);
      await act(async () => first.calls[0]?.resolve());
      await vi.runAllTimersAsync();
      expect(second.calls).toHaveLength(1);

      const cancel = preloadWhenIdle([lazyPart(third.load)]);
      cancel();
      await vi.runAllTimersAsync();
      expect(third.calls).toHaveLength(0);
    } finally {
      vi.useRealTimers();
    }
  });
});
