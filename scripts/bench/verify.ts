// Whether an import brought every rating with its values: the live ratings of two files, by
// unit and year, compared through one digest each (read in the parent, after the child ended).
import { createHash } from 'node:crypto';
import { openDatabase } from '../../electron/backend/db/open';

export interface RatingsDigest {
  count: number;
  sha256: string;
}

export function ratingsDigest(path: string): RatingsDigest {
  const { db } = openDatabase(path);
  try {
    const hash = createHash('sha256');
    let count = 0;
    const rows = db
      .prepare(
        `SELECT unit_id, year, scale_id, level_code, not_rated_reason, exemplary, rank, change,
           score, member_count, rated_by, decision_number, decision_date, note
         FROM ratings WHERE deleted_at IS NULL ORDER BY unit_id, year`,
      )
      .raw()
      .iterate() as IterableIterator<unknown[]>;
    for (const row of rows) {
      hash.update(`${JSON.stringify(row)}\n`);
      count++;
    }
    return { count, sha256: hash.digest('hex') };
  } finally {
    db.close();
  }
}
