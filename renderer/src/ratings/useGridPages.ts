// The year's grid read a page at a time by key (ratings.grid with pageSize/after): the first page
// is shown at once, the following pages are read one after another in the background, in order,
// and added to the rows as they come (never one call for the whole set: a province's 2,750 rows
// were a 1 MB answer). The first page carries what the screen needs of the whole set: its size
// and the quota groups. A change reported by the backend (data.changed) reads the grid again.
import { useEffect, useRef, useState } from 'react';
import type { MethodInput, RatingGrid } from '../../../shared/contract';
import { readsOf, useChangeStore } from '../api/changes';
import { call, errorMessage } from '../api/client';

/** Rows of the first page: what fills the screen at once, read quickly. */
export const FIRST_PAGE_SIZE = 300;
/** Rows of each following page: larger, since each page walks the set again to find its rows. */
export const NEXT_PAGE_SIZE = 1000;

type GridInput = Omit<MethodInput<'ratings.grid'>, 'pageSize' | 'after'>;

interface Shown {
  key: string;
  stamp: string;
  grid: RatingGrid;
  complete: boolean;
}

export interface GridPages {
  /** The rows read so far with the first page's header (the previous grid while another loads). */
  grid: RatingGrid | null;
  /** How many rows the whole set has (the first page says). */
  total: number;
  /** Whether every page of the grid shown is here: until then the set's figures wait. */
  complete: boolean;
  error: string | null;
  /** Reads the grid again after a failed read (a later page that could not be read). */
  retry: () => void;
}

export function useGridPages(input: GridInput | null): GridPages {
  const changes = useChangeStore((s) =>
    readsOf('ratings.grid')
      .map((e) => s.versions[e])
      .join('.'),
  );
  const key = input === null ? null : JSON.stringify(input);
  // A retry after a failed read is a new read of the same set.
  const [attempt, setAttempt] = useState(0);
  const stamp = key === null ? null : `${key}|${changes}|${attempt}`;
  const [shown, setShown] = useState<Shown | null>(null);
  const [error, setError] = useState<{ stamp: string; message: string } | null>(null);
  // What is on screen when a new read starts (kept current by the effect below).
  const shownRef = useRef<Shown | null>(null);
  useEffect(() => {
    shownRef.current = shown;
  }, [shown]);

  useEffect(() => {
    if (key === null || stamp === null) return;
    let live = true;
    const asked = JSON.parse(key) as GridInput;
    // The same set read again after a write: the grid on screen stays whole until the new one is
    // (a grid shrinking to its first page and growing back would move the rows under the user).
    const reread = shownRef.current?.key === key && shownRef.current.complete;
    const read = async () => {
      let grid = await call('ratings.grid', { ...asked, pageSize: FIRST_PAGE_SIZE });
      let next = grid.next ?? null;
      const publish = () => {
        if (live) setShown({ key, stamp, grid, complete: next === null });
      };
      if (!reread) publish();
      while (next !== null) {
        const page = await call('ratings.grid', {
          ...asked,
          pageSize: NEXT_PAGE_SIZE,
          after: next,
        });
        if (!live) return;
        grid = { ...grid, rows: grid.rows.concat(page.rows) };
        next = page.next ?? null;
        if (!reread) publish();
      }
      if (reread) publish();
    };
    read().catch((e: unknown) => {
      if (live) setError({ stamp, message: errorMessage(e) });
    });
    return () => {
      live = false;
    };
  }, [key, stamp]);

  const grid = shown?.grid ?? null;
  return {
    grid,
    total: grid?.total ?? grid?.rows.length ?? 0,
    complete: shown !== null && shown.key === key && shown.complete,
    error: error !== null && error.stamp === stamp ? error.message : null,
    retry: () => setAttempt((n) => n + 1),
  };
}
