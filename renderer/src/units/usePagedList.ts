// A list read a page at a time by key (units.list, units.children): the first page when the
// input changes or the backend reports a change to the register, then the next page each time
// `loadMore` is called (the table calls it as the user scrolls near the end). The rows already
// shown stay on screen while a new first page loads.
import { useCallback, useEffect, useRef, useState } from 'react';
import { readsOf, useChangeStore } from '../api/changes';
import { call, errorMessage } from '../api/client';
import type { MethodInput, MethodName, MethodOutput } from '../../../shared/contract';

/** Methods that page by key: their input takes `after`, their answer has `rows` and `next`. */
type PagedMethod = 'units.list' | 'units.children';
type RowOf<M extends PagedMethod> = MethodOutput<M>['rows'][number];

export interface PagedList<R> {
  rows: R[];
  /** The whole list's size, when the backend gave it (its first page does). */
  total: number | null;
  hasMore: boolean;
  loading: boolean;
  error: string | null;
  loadMore: () => void;
}

interface State<R> {
  stamp: string | null;
  rows: R[];
  next: string | null;
  total: number | null;
  error: string | null;
}

export function usePagedList<M extends PagedMethod>(
  method: M,
  input: MethodInput<M> | null,
): PagedList<RowOf<M>> {
  const changes = useChangeStore((s) =>
    readsOf(method as MethodName)
      .map((e) => s.versions[e])
      .join('.'),
  );
  const key = input === null ? null : JSON.stringify(input);
  const stamp = key === null ? null : `${key}|${changes}`;
  const [state, setState] = useState<State<RowOf<M>>>({
    stamp: null,
    rows: [],
    next: null,
    total: null,
    error: null,
  });
  // The cursor a page is being read for: one request at a time, never the same page twice.
  const pending = useRef<string | null>(null);

  useEffect(() => {
    if (key === null || stamp === null) return;
    let live = true;
    pending.current = null;
    const first = JSON.parse(key) as MethodInput<M>;
    (call(method, first) as Promise<MethodOutput<M>>).then(
      (page) =>
        live &&
        setState({
          stamp,
          rows: page.rows as RowOf<M>[],
          next: page.next ?? null,
          total: 'total' in page && page.total !== undefined ? page.total : null,
          error: null,
        }),
      (e: unknown) =>
        live && setState({ stamp, rows: [], next: null, total: null, error: errorMessage(e) }),
    );
    return () => {
      live = false;
    };
  }, [method, key, stamp]);

  const current = state.stamp === stamp;
  const { next } = state;
  const loadMore = useCallback(() => {
    if (!current || next === null || key === null || pending.current === next) return;
    pending.current = next;
    const input = { ...(JSON.parse(key) as object), after: next } as MethodInput<M>;
    (call(method, input) as Promise<MethodOutput<M>>).then(
      (page) =>
        setState((s) =>
          // A page of an older list (the input or the data changed meanwhile) is dropped.
          s.stamp !== stamp || s.next !== next
            ? s
            : { ...s, rows: [...s.rows, ...(page.rows as RowOf<M>[])], next: page.next ?? null },
        ),
      (e: unknown) =>
        setState((s) => (s.stamp !== stamp ? s : { ...s, next: null, error: errorMessage(e) })),
    );
  }, [current, next, key, stamp, method]);

  return {
    rows: state.rows,
    total: state.total,
    hasMore: state.next !== null,
    loading: !current,
    error: state.error,
    loadMore,
  };
}
