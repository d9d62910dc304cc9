// The SQL a piece of backend code prepares, for the tests that check those statements' query
// plans (EXPLAIN QUERY PLAN): `db.prepare` watched while `work` runs, then put back; and the plans.
import { vi } from 'vitest';
import type { Db } from '../../electron/backend/db/open';

/** Every statement `work` prepares on `db`, in order (statements cached before are not seen). */
export function preparedDuring(db: Db, work: () => void): string[] {
  const statements: string[] = [];
  const prepare = db.prepare.bind(db);
  const spy = vi.spyOn(db, 'prepare').mockImplementation((sql: string) => {
    statements.push(sql);
    return prepare(sql);
  });
  try {
    work();
  } finally {
    spy.mockRestore();
  }
  return statements;
}

/** The steps of SQLite's plan for `sql` with `params` bound (EXPLAIN QUERY PLAN), in order. */
export function queryPlanSteps(
  db: Db,
  sql: string,
  params: Record<string, unknown> = {},
): string[] {
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map(
    (step) => step.detail,
  );
}

/** The plan of `sql` as one text, a step a line: what the plan tests match against. */
export function queryPlan(db: Db, sql: string, params: Record<string, unknown> = {}): string {
  return queryPlanSteps(db, sql, params).join('\n');
}
