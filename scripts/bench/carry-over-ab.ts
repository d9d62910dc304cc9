// reports.carryOver's reading before helper CARRYOVER (register-figures.ts carryOverScope, kept as
// the reference of test/helpers/reference-carry-over.ts) against reports/carry-over-units.ts
// carryOverList,
// alternated in one process on a copy of the bench's screens file (a busy machine weighs on
// both alike), each call after a write, the two lists compared as JSON every round:
//
//   cp .bench/nation-s22-d1-screens1.sqlite3 /tmp/copy.sqlite3
//   tsx scripts/bench/carry-over-ab.ts /tmp/copy.sqlite3 [ROUNDS]
//
// CPU time (process.cpuUsage) and wall time per call, for the nation, a province and the whole
// register, 2024 against 2023; the first five rounds are not counted.
import { loadavg } from 'node:os';
import { openDatabase } from '../../electron/backend/db/open';
import { scaleOrThrow } from '../../electron/backend/ratings/rules';
import { carryOver } from '../../electron/backend/reports/carry-over';
import { carryOverList } from '../../electron/backend/reports/carry-over-units';
import { settleQuery } from '../../electron/backend/reports/progress';
import { carryOverScope } from '../../electron/backend/reports/register-figures';
import { lookupContext, touchData } from './cases';

const [dbPath, roundsText] = process.argv.slice(2);
if (!dbPath) throw new Error('usage: carry-over-ab.ts <copy.sqlite3> [rounds]');
const rounds = Number(roundsText ?? 40);
const WARM_UP = 5;
const { db } = openDatabase(dbPath);
const c = lookupContext(db);
const scopes = [
  ['nation', c.rootId],
  ['province', c.provinceId],
  ['register', null],
] as const;

function read<T>(data: T | null): T {
  if (!data) throw new Error('2024 against 2023 is answered by both readings');
  return data;
}

const cpu = new Map<string, number[]>();
const wall = new Map<string, number[]>();
for (let round = 0; round < rounds + WARM_UP; round++) {
  for (const [label, scope] of scopes) {
    const q = settleQuery({ year: 2024, scope: { type: 'register', unitId: scope } });
    const scale = scaleOrThrow(q.year);
    const ways = {
      old: () => carryOver(read(carryOverScope(db, scope, q, scale)), q),
      new: () => read(carryOverList(db, scope, q)),
    };
    const answers = new Map<string, string>();
    // Each round starts with the other way, so neither always goes first.
    for (const way of round % 2 ? (['old', 'new'] as const) : (['new', 'old'] as const)) {
      touchData(db);
      const started = performance.now();
      const used = process.cpuUsage();
      const list = ways[way]();
      const { user, system } = process.cpuUsage(used);
      const ms = performance.now() - started;
      answers.set(way, JSON.stringify(list));
      if (round < WARM_UP) continue;
      const key = `${label} ${way}`;
      cpu.set(key, [...(cpu.get(key) ?? []), (user + system) / 1000]);
      wall.set(key, [...(wall.get(key) ?? []), ms]);
    }
    if (answers.get('old') !== answers.get('new')) throw new Error(`${label}: the lists differ`);
  }
}
const at = (xs: number[] | undefined, p: number) => {
  const sorted = [...(xs ?? [])].sort((a, b) => a - b);
  return (sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN).toFixed(1);
};
for (const key of cpu.keys()) {
  console.log(
    `${key.padEnd(14)} CPU p50 ${at(cpu.get(key), 0.5)} p95 ${at(cpu.get(key), 0.95)} ms | ` +
      `wall p50 ${at(wall.get(key), 0.5)} p95 ${at(wall.get(key), 0.95)} ms`,
  );
}
console.log(
  `lists equal as JSON in every round; ${rounds} rounds; load ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
db.close();
