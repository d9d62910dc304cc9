// lazyPart (renderer/src/app/lazy.tsx): how a screen or a chart loaded when first shown behaves
// while its code loads, once it has, and in the tests' preload.
import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { Suspense, useState } from 'react';
import { describe, expect, it } from 'vitest';
import { lazyPart, preloadAllParts } from '../../renderer/src/app/lazy';

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
});
