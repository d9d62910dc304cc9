// Progress of long work as `progress` events, throttled: a 600,000-row import must not send
// 600,000 messages to the window, yet the bar must move and end at 100%.
import type { Emit } from './context';

/** Events per phase, at most (plus the first and the last). */
const STEPS = 50;

/**
 * A reporter for one phase of a job: call it with how much is done; it emits at 0, every
 * 1/50 of the total, and at the total, never twice for the same amount.
 */
export function phaseProgress(
  emit: Emit,
  job: string,
  phase: string,
  total: number,
): (done: number) => void {
  const stride = Math.max(1, Math.ceil(total / STEPS));
  let next = 0;
  let last = -1;
  return (done) => {
    if (done === last || (done < next && done < total)) return;
    emit('progress', { job, phase, done, total });
    last = done;
    next = (Math.floor(done / stride) + 1) * stride;
  };
}
