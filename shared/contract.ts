// The one contract: every method the renderer, the CLI and the preview host may call.
// Each domain declares its methods in shared/methods/; this file joins them into one table.
// Adding a method = one entry there + one handler in electron/backend/handlers.ts + its test.
import type { z } from 'zod';
import { appMethods } from './methods/app';
import { ratingMethods } from './methods/ratings';
import { unitMethods } from './methods/units';

export type * from './methods/app';
export type * from './methods/ratings';
export type * from './methods/units';

export const contract = {
  ...appMethods,
  ...unitMethods,
  ...ratingMethods,
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type ParsedInput<M extends MethodName> = z.output<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = Contract[M]['output'];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}

/** Events main pushes to the renderer (progress of long work, data changed elsewhere). */
export interface AppEvents {
  'data.changed': { entity: string };
  progress: { task: string; done: number; total: number };
}
export type EventName = keyof AppEvents;

/** The one shape every transport offers the renderer. */
export interface Bridge {
  invoke(method: string, input: unknown): Promise<unknown>;
  on(event: EventName, listener: (payload: unknown) => void): () => void;
}
