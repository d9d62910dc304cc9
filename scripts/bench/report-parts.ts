// Where a cold reports.progress / overview.get spends its time, part by part, on a copy of the
// bench's screens file (the per-unit path's parts, which the files and the CLI take, and the
// screen's figures): `tsx scripts/bench/report-parts.ts <copy.sqlite3> [rounds]`. Each part
// is timed alone (each statement as the report runs it), after a write so no answer is kept.
import { openBackend } from '../../electron/backend/index';
import { dispatch } from '../../electron/backend/dispatch';
import { displayUnits } from '../../electron/backend/ratings/queries';
import { registerFigures } from '../../electron/backend/reports/register-figures';
import { LEVELS_OF_UNITS, talliesOfYears } from '../../electron/backend/reports/scope-register';
import { settleQuery } from '../../electron/backend/reports/progress';
import { scaleOrThrow } from '../../electron/backend/ratings/rules';
import { RATED_KINDS } from '../../shared/domain/scales';
import type { UnitKind } from '../../shared/domain/units';
import { YEAR, lookupContext, touchData } from './cases';
import { OPERATOR } from './dataset';

const [dbPath, roundsArg] = process.argv.slice(2);
if (!dbPath) throw new Error('usage: report-parts.ts <copy.sqlite3> [rounds]');
const rounds = Number(roundsArg ?? 5);
const ctx = openBackend({ dbPath, origin: 'cli', fallbackOperator: OPERATOR });
const db = ctx.db;
const c = lookupContext(db);
const kinds: UnitKind[] = [...RATED_KINDS];

function time(label: string, f: () => unknown): void {
  const ms: number[] = [];
  for (let i = 0; i < rounds; i++) {
    touchData(db);
    const t = performance.now();
    f();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  console.log(
    `${label.padEnd(48)} min ${ms[0]?.toFixed(1)}  p50 ${ms[Math.floor(rounds / 2)]?.toFixed(1)} ms`,
  );
}

async function call(method: string, input: unknown): Promise<unknown> {
  const r = await dispatch(ctx, method, input);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

async function main(): Promise<void> {
  for (const [label, scope] of [
    ['province', c.provinceId],
    ['nation', c.rootId],
  ] as const) {
    const rows = displayUnits(db, YEAR, { scopeId: scope, kinds });
    const ids = rows.map((r) => r.unit_id);
    console.log(`-- ${label}: ${ids.length} units`);
    time(`${label}: displayUnits`, () => displayUnits(db, YEAR, { scopeId: scope, kinds }));
    const sorted = JSON.stringify([...ids].sort());
    time(`${label}: levels of year N (LEVELS_OF_UNITS)`, () =>
      db.prepare(LEVELS_OF_UNITS).all({ ids: sorted, year: YEAR }),
    );
    const q = settleQuery({ year: YEAR, scope: { type: 'register', unitId: scope } });
    time(`${label}: the screen's figures (registerFigures)`, () =>
      registerFigures(db, scope, q, scaleOrThrow(YEAR)),
    );
    time(`${label}: chart's 5 years (talliesOfYears)`, () =>
      talliesOfYears(db, [2020, 2021, 2022, 2023, 2024], { scopeId: scope, kinds }),
    );
    // The screen's two calls: the report without its carry-over list, then the list.
    const question = { year: YEAR, scope: { type: 'register', unitId: scope } };
    for (const [name, method, input] of [
      ['whole reports.progress cold', 'reports.progress', { ...question, unitsPerGroup: 0 }],
      [
        "the screen's reports.progress cold",
        'reports.progress',
        { ...question, unitsPerGroup: 0, carryOver: false },
      ],
      ['reports.carryOver cold', 'reports.carryOver', question],
    ] as const) {
      const times: number[] = [];
      for (let i = 0; i < rounds; i++) {
        touchData(db);
        const t = performance.now();
        await call(method, input);
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      console.log(
        `${label}: ${name}`.padEnd(48),
        `min ${times[0]?.toFixed(1)}  p50 ${times[Math.floor(rounds / 2)]?.toFixed(1)} ms`,
      );
    }
  }
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    touchData(db);
    const t = performance.now();
    await call('overview.get', { year: YEAR + 1 });
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(
    'overview.get cold'.padEnd(48),
    `min ${times[0]?.toFixed(1)}  p50 ${times[Math.floor(rounds / 2)]?.toFixed(1)} ms`,
  );
}

void main().finally(() => db.close());
