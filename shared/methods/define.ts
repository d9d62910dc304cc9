// The building block of the contract: one method's input schema, result type and error codes.
import type { z } from 'zod';
import type { ErrorCode } from '../errors';

export interface MethodSpec<I extends z.ZodType, O> {
  input: I;
  /** Phantom: carries the result type only. */
  output: O;
  errors: readonly ErrorCode[];
  /** Whether the method changes data (the CLI and logs use it). */
  writes: boolean;
}

/** `method<Result>()(inputSchema, errors, writes)`: the result type is given, the input inferred. */
export function method<O>() {
  return <I extends z.ZodType>(
    input: I,
    errors: readonly ErrorCode[],
    writes: boolean,
  ): MethodSpec<I, O> => ({ input, output: undefined as O, errors, writes });
}
