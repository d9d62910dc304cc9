// A form's save: calls one contract method with the form's values, then `onDone`; a refusal is
// kept as the Vietnamese message the form shows (ServerError), and cleared on the next try.
import { useState } from 'react';
import type { MethodInput, MethodName, MethodOutput } from '../../../shared/contract';
import { call, errorMessage } from '../api/client';

export function useSubmit<M extends MethodName>(
  method: M,
  onDone: (value: MethodOutput<M>) => void,
): { error: string | null; submit: (values: MethodInput<M>) => Promise<void> } {
  const [error, setError] = useState<string | null>(null);
  const submit = async (values: MethodInput<M>) => {
    setError(null);
    try {
      onDone(await call(method, values));
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return { error, submit };
}
