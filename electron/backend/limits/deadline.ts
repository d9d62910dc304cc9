// A time limit on reading one file. Parsing runs in the backend's worker, partly synchronously,
// so nothing can interrupt it from outside: the readers call `check()` between steps (rows,
// chunks), and a file still being read past its limit is refused there. Wall-clock time of the
// process (performance.now), not the backend's clock: this limits real work, it is no rule.
import { limitError, limitMessages } from './limits';

export interface Deadline {
  /** Throws BAD_FILE naming the limit once the time is up. */
  check(): void;
}

export function startDeadline(fileName: string, limitMs: number): Deadline {
  const started = performance.now();
  return {
    check() {
      if (performance.now() - started > limitMs) {
        throw limitError(limitMessages.time(fileName, limitMs));
      }
    },
  };
}

/** No limit: for callers that read trusted bytes (tests of the readers themselves). */
export const NO_DEADLINE: Deadline = { check() {} };
