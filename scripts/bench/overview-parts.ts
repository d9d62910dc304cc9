// Where a cold overview.get spends its CPU, part by part, and the register figures of the code
// before helper OVERVIEW (test/helpers/reference-overview.ts) against the code now, in ONE
// process, interleaved call by call, each after a write (touchData) so no answer is kept. CPU
// time (process.cpuUsage), which the shared machine's load moves far less than wall time; the
// two answers are compared as JSON on every round.
//
//   tsx scripts/bench/overview-parts.ts <copy of the bench's screens file> [rounds]
import { clockDay } from '../../electron/backend/context';
import { stmt } from '../../electron/backend/db/statements';
import { dispatch } from '../../electron/backend/dispatch';
import { openBackend } from '../../electron/backend/index';
import {
  REGISTER_TOTALS,
  UNRATED_OF_REMOVED,
  WEAK_LISTED,
  WEAK_OF_REMOVED,
  registerCounts,
  registerFigures,
  unratedFirst,
  weakFirst,
} from '../../electron/backend/watchlists/overview-register';
import { readLists } from '../../electron/backend/watchlists/queries';
import { unitTracker } from '../../electron/backend/watchlists/tracking';
import { OVERVIEW_LIMIT } from '../../shared/methods/watchlists';
import { RATED_KINDS, scaleForYear } from '../../shared/domain/scales';
import { unratedCount } from '../../electron/backend/ratings/tallies';
import {
  UNRATED_FIRST,
  WEAK_FIRST,
  WEAK_TALLIED,
  referenceRegisterFigures,
} from '../../test/helpers/reference-overview';
import { YEAR, touchData } from './cases';
import { OPERATOR } from './dataset';
import { percentile } from './stats';

const [dbPath, roundsArg] = process.argv.slice(2);
if (!dbPath) throw new Error('usage: overview-parts.ts <copy.sqlite3> [rounds]');
const rounds = Number(roundsArg ?? 30);
const ctx = openBackend({ dbPath, origin: 'cli', fallbackOperator: OPERATOR });
const db = ctx.db;
const today = clockDay(ctx);

/** One call's CPU time in ms, after a write; the answer as JSON when `keep`. */
function cpuMs(f: () => unknown): { ms: number; answer: unknown } {
  touchData(db);
  const c0 = process.cpuUsage();
  const answer = f();
  const c = process.cpuUsage(c0);
  return { ms: (c.user + c.system) / 1000, answer };
}

const lists = readLists(db, YEAR + 1, today, unitTracker(db));
const listed = [...new Set(lists.flatMap((l) => l.members.map((m) => m.unitId)))].sort();
const level = scaleForYear(YEAR)?.levels.find((l) => l.tier === 4)?.code ?? '';
const params = { year: YEAR, level };
const ids = JSON.stringify(listed);
/** The totals decide which way the first rows are read (a walk, or under the committees). */
const counts = registerCounts(db, YEAR);
const parts: [string, () => unknown][] = [
  ["readLists (the year's lists)", () => readLists(db, YEAR + 1, today, unitTracker(db))],
  [
    'before: WEAK_FIRST (200 rows)',
    () => stmt(db, WEAK_FIRST).all({ ...params, listed: ids, limit: OVERVIEW_LIMIT }),
  ],
  [
    'before: UNRATED_FIRST (200 rows)',
    () => stmt(db, UNRATED_FIRST).all({ year: YEAR, limit: OVERVIEW_LIMIT }),
  ],
  [
    'before: WEAK_TALLIED + unratedCount',
    () => [stmt(db, WEAK_TALLIED).get(params), unratedCount(db, YEAR, RATED_KINDS)],
  ],
  ['REGISTER_TOTALS (tallies, spans)', () => stmt(db, REGISTER_TOTALS).get(params)],
  ['WEAK_OF_REMOVED', () => stmt(db, WEAK_OF_REMOVED).get(params)],
  ['UNRATED_OF_REMOVED', () => stmt(db, UNRATED_OF_REMOVED).get(params)],
  [
    'weakFirst (200 rows)',
    () => weakFirst(db, { ...params, listed: ids }, OVERVIEW_LIMIT, counts.weak.way),
  ],
  ['WEAK_LISTED', () => stmt(db, WEAK_LISTED).all({ ...params, listed: ids })],
  ['unratedFirst (200 rows)', () => unratedFirst(db, YEAR, OVERVIEW_LIMIT, counts.unrated.way)],
  ['registerFigures, before (reference)', () => referenceRegisterFigures(db, YEAR, listed)],
  ['registerCounts (totals, ways)', () => registerCounts(db, YEAR)],
  ['registerFigures, now', () => registerFigures(db, YEAR, listed)],
  [
    'overview.get (dispatch)',
    () => {
      const r = dispatch(ctx, 'overview.get', { year: YEAR + 1 });
      if (r instanceof Promise || !r.ok) throw new Error('overview.get failed');
    },
  ],
];
const samples = parts.map(() => [] as number[]);
for (let round = -3; round < rounds; round++) {
  const answers = new Map<string, string>();
  parts.forEach(([label, f], i) => {
    const { ms, answer } = cpuMs(f);
    if (label.startsWith('registerFigures')) answers.set(label, JSON.stringify(answer));
    if (round >= 0) samples[i]?.push(ms);
  });
  const [before, now] = [...answers.values()];
  if (before !== now) throw new Error(`round ${round}: the answers differ`);
}
console.log(`${rounds} rounds, ${listed.length} units listed; answers equal on every round`);
console.log(
  `weak ${counts.weak.total} (${counts.weak.way}), unrated ${counts.unrated.total} (${counts.unrated.way})`,
);
parts.forEach(([label], i) => {
  const xs = [...(samples[i] ?? [])].sort((a, b) => a - b);
  console.log(
    `${label.padEnd(40)} CPU p50 ${percentile(xs, 50).toFixed(2)}  p95 ${percentile(xs, 95).toFixed(2)} ms`,
  );
});
db.close();
