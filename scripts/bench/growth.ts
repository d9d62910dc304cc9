// The growth rows' timing: a province's case on each nation (5.5k, 22k, 55k units), all three
// files open in one process and their calls interleaved run by run. Timed one nation after the
// other, in separate processes minutes apart, the ratio 55k ÷ 5.5k swung from 1.3× to 2.4×
// between whole runs on this 2-core machine (the load moved in between, and the national
// figures came from a process that had just answered 800 KB reports); interleaved, a busy
// moment falls on the three nations alike, and only the query's own growth is left.
import { anotherRun, anotherWarmUp } from './stats';

/** One nation's call of the case, its input looked up in that nation's file. */
export type NationCall = () => Promise<unknown>;

/**
 * Warms the case up on every nation, then times it round after round, one call per nation a
 * round, each round starting on the next nation so none always follows the same one. Returns
 * the samples of each nation, in the order of `calls`.
 */
export async function timeInterleaved(calls: NationCall[]): Promise<number[][]> {
  for (const call of calls) {
    let made = 0;
    let elapsed = 0;
    while (anotherWarmUp(made, elapsed)) {
      const started = performance.now();
      await call();
      elapsed += performance.now() - started;
      made++;
    }
  }
  const samples: number[][] = calls.map(() => []);
  const elapsed: number[] = calls.map(() => 0);
  for (let round = 0; anotherRun(round, Math.max(...elapsed)); round++) {
    for (let k = 0; k < calls.length; k++) {
      const index = (round + k) % calls.length;
      const started = performance.now();
      await (calls[index] as NationCall)();
      const ms = performance.now() - started;
      (samples[index] as number[]).push(ms);
      elapsed[index] = (elapsed[index] as number) + ms;
    }
  }
  return samples;
}
