// Runs the `tccsd` command line in-process on a data file, capturing what it prints.
import { runCli } from '../../electron/cli';
import { openDatabase } from '../../electron/backend/db/open';
import { snapshotDb } from './backend';

export async function cli(db: string, ...args: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(
    ['--db', db, ...args],
    { out: (t) => (out += t), err: (t) => (err += t) },
    { TCCSD_OPERATOR: 'Kiểm thử CLI' },
  );
  return { code, out, err };
}

/** Every data row of a file, to compare before and after a refused command. */
export function dataOf(path: string): string {
  const { db } = openDatabase(path);
  const data = snapshotDb(db);
  db.close();
  return data;
}
