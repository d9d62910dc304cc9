// The width a chart may take: its box's, followed as the window changes size. Charts draw at a
// fixed pixel width (Recharts without a ResponsiveContainer), so they never overflow the page.
import { useCallback, useState } from 'react';

export function useWidth<T extends HTMLElement>(
  fallback: number,
): [(el: T | null) => void, number] {
  const [width, setWidth] = useState(fallback);
  const ref = useCallback((el: T | null) => {
    if (!el) return;
    const measure = () => {
      const w = Math.floor(el.clientWidth);
      if (w > 0) setWidth(w);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    // React 19: the callback ref's cleanup runs when the element goes.
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}
