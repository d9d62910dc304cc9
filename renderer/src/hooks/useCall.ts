// Loads a contract read and reloads it when its input changes or when the backend reports a
// change to an entity the read depends on (see api/changes.ts).
// The previous result stays on screen while the next one loads (no flicker on every keystroke).
import { useEffect, useState } from 'react';
import type { MethodInput, MethodName, MethodOutput } from '../../../shared/contract';
import { readsOf, useChangeStore } from '../api/changes';
import { call, errorMessage } from '../api/client';

export interface Loaded<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
}

export function useCall<M extends MethodName>(
  method: M,
  input: MethodInput<M> | null,
): Loaded<MethodOutput<M>> {
  const changes = useChangeStore((s) =>
    readsOf(method)
      .map((e) => s.versions[e])
      .join('.'),
  );
  const key = input === null ? null : JSON.stringify(input);
  const stamp = key === null ? null : `${method}|${key}|${changes}`;
  const [state, setState] = useState<{
    stamp: string | null;
    data: MethodOutput<M> | null;
    error: string | null;
  }>({ stamp: null, data: null, error: null });

  useEffect(() => {
    if (key === null || stamp === null) return;
    let live = true;
    call(method, JSON.parse(key) as MethodInput<M>).then(
      (data) => live && setState({ stamp, data, error: null }),
      (e: unknown) => live && setState({ stamp, data: null, error: errorMessage(e) }),
    );
    return () => {
      live = false;
    };
  }, [method, key, stamp]);

  return { data: state.data, error: state.error, loading: state.stamp !== stamp };
}
