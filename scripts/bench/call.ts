// A method called through `dispatch` as the app's worker calls it, its answer awaited and a
// refusal thrown with its code and message: what every measured job of the bench needs.
import type { MethodInput, MethodName, MethodOutput } from '../../shared/contract';
import type { BackendContext } from '../../electron/backend/context';
import { dispatch } from '../../electron/backend/dispatch';

/** A method named by the contract, its input and answer typed. */
export async function callMethod<M extends MethodName>(
  ctx: BackendContext,
  method: M,
  input: MethodInput<M>,
): Promise<MethodOutput<M>> {
  return (await callAny(ctx, method, input)) as MethodOutput<M>;
}

/** A method named at run time (a bench case's), its input checked by the contract's schema. */
export async function callAny(
  ctx: BackendContext,
  method: string,
  input: unknown,
): Promise<unknown> {
  const result = await dispatch(ctx, method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value;
}
