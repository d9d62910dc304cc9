// Code loaded the first time it is needed (issue 10: the first screen's JavaScript stays small;
// the other screens, the charts, the forms and their schemas come when first shown).
import type { ComponentType } from 'react';
import { lazy } from 'react';

type Preload = () => Promise<void>;

/** What `lazyPart` adds to the component: its code asked for ahead, and whether it is here. */
export interface PartLoading {
  preload: Preload;
  /** True once the code has loaded: a mount renders at once, with no fallback. */
  isLoaded: () => boolean;
}

/** Every part declared so far, so tests can load them all before anything times out. */
const parts = new Set<Preload>();

/**
 * React's lazy() for a component that is not a default export. Render it inside <Suspense>:
 * it suspends while its code loads; mounted once the code is there (loaded by an earlier mount
 * or by `preload`), it renders at once, with no fallback frame.
 */
export function lazyPart<P extends object>(
  load: () => Promise<ComponentType<P>>,
): ComponentType<P> & PartLoading {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<ComponentType<P>> | null = null;
  const start = () => (loading ??= load().then((component) => (loaded = component)));
  const Loading = lazy(() => start().then((component) => ({ default: component })));
  function Part(props: P) {
    // A mount that suspended is rendered again from scratch once loaded, so a mounted part
    // always renders `loaded` and never switches type (which would lose its state).
    const Shown = loaded ?? Loading;
    return <Shown {...props} />;
  }
  const preload: Preload = () => start().then(() => undefined);
  parts.add(preload);
  return Object.assign(Part, { preload, isLoaded: () => loaded !== null });
}

/**
 * Runs `show` once `part`'s code is here: at once when it is, else after its load (or its
 * failure: the mount then throws the load's error, as a lazy mount always did). A screen
 * opened this way never suspends on its code, and that matters beyond the "Đang tải…" frame:
 * React commits what replaces a Suspense fallback no sooner than 300 ms after the fallback
 * showed, so a chunk read in 30 ms still kept the register empty for 300 ms. `show` should
 * itself ignore a call that came too late (the user went elsewhere meanwhile).
 */
export function showWhenLoaded(part: PartLoading, show: () => void): void {
  if (part.isLoaded()) return show();
  part.preload().then(
    () => show(),
    () => show(),
  );
}

/**
 * Asks for the parts' code, one after another, when the page has nothing else to do (after the
 * first screen's own work), so the screen the user opens next is usually already here. Returns
 * a function that cancels what has not started yet.
 */
export function preloadWhenIdle(toLoad: readonly PartLoading[]): () => void {
  let cancelled = false;
  let handle: (() => void) | null = null;
  const whenIdle = (run: () => void) => {
    if (typeof requestIdleCallback === 'function') {
      const id = requestIdleCallback(run);
      handle = () => cancelIdleCallback(id);
    } else {
      const id = setTimeout(run, 50);
      handle = () => clearTimeout(id);
    }
  };
  const next = (index: number) => {
    const part = toLoad[index];
    if (cancelled || part === undefined) return;
    whenIdle(() => {
      // A failed load is reported when its screen is opened; the rest still come.
      part.preload().then(
        () => next(index + 1),
        () => next(index + 1),
      );
    });
  };
  next(0);
  return () => {
    cancelled = true;
    handle?.();
  };
}

/**
 * Loads every part declared so far and the parts their code declares, until no new one
 * appears (the renderer tests' setup: their timeouts never include loading a screen).
 */
export async function preloadAllParts(): Promise<void> {
  let known = -1;
  while (parts.size !== known) {
    known = parts.size;
    await Promise.all([...parts].map((preload) => preload()));
  }
}
