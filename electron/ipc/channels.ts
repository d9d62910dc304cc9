// The two ipc channels of the app: one request/answer channel for every contract method and one
// push channel for events. Imported by preload (bundled in) and by main; defines nothing else.
export const INVOKE_CHANNEL = 'tccsd:invoke';
export const EVENT_CHANNEL = 'tccsd:event';

/** What main sends on EVENT_CHANNEL. */
export interface EventMessage {
  event: string;
  payload: unknown;
}
