// The kept pairs of ratings with their pair numbers (issue 10: the nation's report, cold). The
// report reads the nation's year N - 1 → N as each committee's pairs numbered by
// transition-sides.ts (a CASE over the scales' catalog per side) and joined into one string:
// ~7,400 rows, of which the CASE cost ~2 ms, about half of the statement. An index on the
// expression holds each row's number beside its (year, parent, kind) and count, so SQLite reads
// the number from it, covering, instead of working the CASE out per row. Every write to
// rating_transitions (the rating triggers, the imports' recount) keeps it as any index; ~6.8 MB
// on the bench's national file (~74,000 pairs over ten years).
//
// The expression is rankedPairSql's as the catalog stands when the index is made. SQLite takes an
// index's value only where the statement writes the same expression: were the catalog to gain a
// scale, the statement's CASE would no longer match, and the pairs would be read by the primary
// key with the CASE worked out as before (the same answers, the time of before) until a migration
// makes the index again. test/backend/transitions-coded-index.test.ts checks the plan.
import { rankedPairSql } from '../../ratings/transition-sides';

export const sql = /* sql */ `
CREATE INDEX IF NOT EXISTS rating_transitions_coded
  ON rating_transitions(year, parent_id, kind, (${rankedPairSql(null)}), n);
`;
