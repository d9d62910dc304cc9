// The functions a CPU profile (`npm run bench -- --cpu-prof`) spent its time in, for a terminal:
//   tsx scripts/bench/profile-summary.ts .bench/profiles/import.cpuprofile [TOP]
// Self time per function (where the samples landed) and total time (with what it called).
// The same file opens in Chrome DevTools (Performance → Load profile) for the whole tree.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { REPO_ROOT } from './paths';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, topArg] = process.argv.slice(2);
if (!file) throw new Error('usage: profile-summary.ts FILE.cpuprofile [TOP]');
const top = Number(topArg ?? 25);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const node of profile.nodes)
  for (const child of node.children ?? []) parent.set(child, node.id);

const nameOf = (n: ProfileNode) => {
  const { functionName, url, lineNumber } = n.callFrame;
  const where = url.startsWith('file://') ? relative(REPO_ROOT, url.slice('file://'.length)) : url;
  return `${functionName || '(anonymous)'} ${where ? `${where}:${lineNumber + 1}` : ''}`.trim();
};

// Sample i lasted timeDeltas[i + 1] (µs); the last one is counted as the mean.
const self = new Map<string, number>();
const total = new Map<string, number>();
let all = 0;
profile.samples.forEach((id, i) => {
  const us = profile.timeDeltas[i + 1] ?? 0;
  all += us;
  const node = byId.get(id);
  if (!node) return;
  self.set(nameOf(node), (self.get(nameOf(node)) ?? 0) + us);
  // Every function on the stack once, however deep it recurses.
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const name = nameOf(byId.get(at)!);
    if (seen.has(name)) continue;
    seen.add(name);
    total.set(name, (total.get(name) ?? 0) + us);
  }
});

const show = (title: string, map: Map<string, number>) => {
  console.log(`${title} (of ${(all / 1e6).toFixed(1)} s)`);
  for (const [name, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(
      `${(us / 1e6).toFixed(2).padStart(8)} s ${((100 * us) / all).toFixed(1).padStart(5)}%  ${name}`,
    );
  }
};
show('Self time', self);
console.log('');
show('Total time', total);
