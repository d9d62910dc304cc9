// The SQL a piece of backend code prepares, for the tests that check those statements' query
// plans (EXPLAIN QUERY PLAN): `db.prepare` watched while `work` runs, then put back.
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
