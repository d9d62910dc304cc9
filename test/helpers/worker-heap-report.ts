// A backend worker script that only reports the heap it was given and does not start: it
// churns through short-lived objects (as an import's records are), then refuses to open with its
// resourceLimits and the young generation's size V8 reached as the message, which
// startBackendWorker rejects with.
import { getHeapSpaceStatistics } from 'node:v8';
import { parentPort, resourceLimits } from 'node:worker_threads';

let kept: { n: number; text: string }[] = [];
for (let i = 0; i < 2_000_000; i++) {
  kept.push({ n: i, text: `bản ghi ${i}` });
  if (kept.length > 100_000) kept = [];
}
const newSpace = getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
const report = { resourceLimits, newSpaceMb: (newSpace?.space_size ?? 0) / 1024 / 1024 };
parentPort?.postMessage({
  type: 'open-failed',
  error: { code: 'INTERNAL', message: JSON.stringify(report) },
});
