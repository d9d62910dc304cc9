// Code loaded the first time it is needed (issue 10: the first screen's JavaScript stays small;
// the other screens, the charts, the forms and their schemas come when first shown).
import type { ComponentType } from 'react';
import { lazy } from 'react';

type Preload = () => Promise<void>;

/** Every part declared so far, so tests can load them all before anything times out. */
const parts = new Set<Preload>();

/**
 * React's lazy() for a component that is not a default export. Render it inside <Suspense>:
 * it suspends while its code loads; mounted once the code is there (loaded by an earlier mount
 * or by `preload`), it renders at once, with no fallback frame.
 */
export function lazyPart<P extends object>(
  load: () => Promise<ComponentType<P>>,
): ComponentType<P> & { preload: Preload } {
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
  return Object.assign(Part, { preload });
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
