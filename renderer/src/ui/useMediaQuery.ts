// Whether a CSS media query matches now, following the window as it changes size. For layouts
// that must know in code what CSS decides (a table's column count for a cell spanning the row).
import { useSyncExternalStore } from 'react';

export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const list = window.matchMedia?.(query);
      list?.addEventListener('change', onChange);
      return () => list?.removeEventListener('change', onChange);
    },
    // jsdom has no matchMedia: the wide layout.
    () => window.matchMedia?.(query).matches ?? false,
  );
}

/** The smallest windows (1024×640 and anything below 1280 px wide). */
export const NARROW_WINDOW = '(max-width: 1279px)';
