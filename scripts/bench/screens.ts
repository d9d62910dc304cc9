// The screens' part of the bench: opening the file cold, every case of cases.ts on the national
// file, and the province-scoped cases again on the smaller nations (growth). Each job runs in a
// bundled child (screen-child.ts), so the parent's memory (the yardstick's rows) does not weigh
// on the timings.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AnyCase } from './cases';
import { CASES, OPEN_BUDGET_MS } from './cases';
import { runBundled } from './child';
import type { GrowthOutcome, OpenOutcome, QueriesOutcome } from './screen-child';
import type { Row } from './report';
import type { Summary } from './stats';
import { RUNS, anotherRun, growthOf, summarize, withinBudget } from './stats';

export interface ResultEntry {
  name: string;
  p50Ms: number;
  p95Ms: number;
  budgetMs: number;
  ok: boolean;
  /** A figure with no budget of its own: ok, shown without a verdict. */
  informative?: boolean;
}

export interface GrowthEntry {
  name: string;
  /** p50 per data set, smallest first; the last is the nation. */
  p50Ms: { label: string; units: number; ms: number }[];
  ratio: number;
  flat: boolean;
}

/** Fresh processes opening the file, one after the other (RUNS, or fewer past the time cap). */
export async function measureOpen(dbPath: string, dir: string): Promise<Summary> {
  const path = join(dir, 'open.sqlite3');
  copyFileSync(dbPath, path);
  const samples: number[] = [];
  let elapsed = 0;
  while (anotherRun(samples.length, elapsed)) {
    const outcome = (await runBundled('screen-child', ['open', path])) as OpenOutcome;
    samples.push(outcome.ms);
    elapsed += outcome.ms;
  }
  return summarize(samples);
}

export function openEntry(summary: Summary): ResultEntry {
  return entry('open the file and show Tổng quan (cold)', summary, OPEN_BUDGET_MS);
}

function entry(name: string, s: Summary, budgetMs: number): ResultEntry {
  return { name, p50Ms: s.p50Ms, p95Ms: s.p95Ms, budgetMs, ok: withinBudget(s.p95Ms, budgetMs) };
}

export interface QueryRun {
  case: AnyCase;
  summary: Summary;
  answerKb: number;
}

/**
 * The cases on a scratch copy of a data file, in a child process: some cases write between runs
 * (`afterWrite`), and the cached file stays as built.
 */
export async function measureQueries(
  dbPath: string,
  cases: AnyCase[],
  dir: string,
): Promise<QueryRun[]> {
  if (cases.length === 0) return [];
  const copy = join(dir, 'queries.sqlite3');
  copyFileSync(dbPath, copy);
  const names = JSON.stringify(cases.map((c) => c.name));
  const outcome = (await runBundled('screen-child', ['queries', copy, names])) as QueriesOutcome;
  return outcome.cases.map((c) => {
    const found = CASES.find((k) => k.name === c.name);
    if (found === undefined) throw new Error(`screen-child measured an unknown case ${c.name}`);
    return { case: found, summary: summarize(c.samples), answerKb: c.answerKb };
  });
}

export interface GrowthSet {
  label: string;
  units: number;
  runs: QueryRun[];
}

/**
 * The province-scoped cases on every nation at once, in one child, the nations' calls
 * interleaved (growth.ts), each on a scratch copy of its file; the last nation is the national
 * one. The answer's size is not measured here (the national rows give it).
 */
export async function measureGrowth(
  nations: { label: string; units: number; path: string }[],
  cases: AnyCase[],
  dir: string,
): Promise<GrowthSet[]> {
  if (cases.length === 0) return [];
  const copies = nations.map((n, i) => {
    const copy = join(dir, `growth-${i}.sqlite3`);
    copyFileSync(n.path, copy);
    return copy;
  });
  const names = JSON.stringify(cases.map((c) => c.name));
  const outcome = (await runBundled('screen-child', [
    'growth',
    JSON.stringify(copies),
    names,
  ])) as GrowthOutcome;
  return nations.map((n, i) => ({
    label: n.label,
    units: n.units,
    runs: outcome.cases.map((c) => {
      const found = CASES.find((k) => k.name === c.name);
      if (found === undefined) throw new Error(`screen-child measured an unknown case ${c.name}`);
      return { case: found, summary: summarize(c.samples[i] ?? []), answerKb: 0 };
    }),
  }));
}

export const queryEntry = (run: QueryRun): ResultEntry =>
  run.case.informative
    ? { ...entry(run.case.name, run.summary, run.case.budgetMs), ok: true, informative: true }
    : entry(run.case.name, run.summary, run.case.budgetMs);

export function growthEntries(runs: GrowthSet[]): GrowthEntry[] {
  const nation = runs[runs.length - 1];
  if (nation === undefined) return [];
  return nation.runs.map((r) => {
    const p50Ms = runs.map((set) => {
      const same = set.runs.find((x) => x.case.name === r.case.name);
      if (same === undefined) throw new Error(`${r.case.name} missing at ${set.label}`);
      return { label: set.label, units: set.units, ms: same.summary.p50Ms };
    });
    const { ratio, verdict } = growthOf(p50Ms[0]?.ms ?? 0, r.summary.p50Ms);
    return { name: r.case.name, p50Ms, ratio, flat: verdict === 'flat' };
  });
}

const ms = (n: number) => (n >= 100 ? `${Math.round(n)} ms` : `${n.toFixed(n >= 10 ? 1 : 2)} ms`);

export function resultRow(e: ResultEntry, runs: number, detail = ''): Row {
  const notes = [...(runs < RUNS ? [`${runs} runs`] : []), ...(detail ? [detail] : [])];
  return {
    what: e.name,
    budget: e.informative ? 'none' : `p95 ≤ ${e.budgetMs} ms`,
    measured: `p50 ${ms(e.p50Ms)}, p95 ${ms(e.p95Ms)}${notes.map((n) => `, ${n}`).join('')}`,
    ratio: e.informative ? '' : (e.p95Ms / e.budgetMs).toFixed(2),
    ok: e.informative ? null : e.ok,
  };
}

export function growthRow(g: GrowthEntry): Row {
  return {
    what: `growth: ${g.name}`,
    budget: `55k ÷ ${g.p50Ms[0]?.label ?? '?'} ≤ 1.5`,
    measured: g.p50Ms.map((p) => `${p.label} ${ms(p.ms)}`).join(' → '),
    ratio: `${g.ratio.toFixed(2)}×`,
    ok: g.flat,
  };
}
