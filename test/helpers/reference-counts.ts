// ratings.counts as it was before the rating tallies (electron/backend/ratings/queries.ts at
// ea658e3: the scope walked unit by unit in SQL and every member joined to its rating), kept only
// so that tests can compare the tallies' answers with it, figure for figure, also on damaged
// data (overlapping versions, loops of parents). Not used by the app.
import type { LevelCounts, ParsedInput } from '../../shared/contract';
import { quotaWarnings } from '../../shared/domain/quota';
import type { NotRatedReason } from '../../shared/domain/scales';
import type { UnitKind } from '../../shared/domain/units';
import type { Db } from '../../electron/backend/db/open';
import { allOver, membersOf } from '../../electron/backend/ratings/members';
import { quotaFor, quotaGroups } from '../../electron/backend/ratings/quota';
import { scaleOrThrow } from '../../electron/backend/ratings/rules';
import { ratedKinds } from '../../electron/backend/ratings/scope';

interface CountRecord {
  level_code: string | null;
  not_rated_reason: NotRatedReason | null;
  exemplary: number | null;
  n: number;
}

export function levelCounts(db: Db, input: ParsedInput<'ratings.counts'>): LevelCounts {
  const scale = scaleOrThrow(input.year);
  const members = membersOf(
    db,
    input.year,
    { ...input, kinds: ratedKinds(input.kinds) },
    { light: true },
  );
  const records = allOver<CountRecord>(
    db,
    members,
    `SELECT r.level_code, r.not_rated_reason, r.exemplary, count(*) AS n
     FROM members m LEFT JOIN ratings r ON r.unit_id = m.unit_id AND r.year = :year
       AND r.deleted_at IS NULL
     GROUP BY r.level_code, r.not_rated_reason, r.exemplary`,
  );
  const result: LevelCounts = {
    year: input.year,
    scaleId: scale.id,
    total: 0,
    counts: Object.fromEntries(scale.levels.map((l) => [l.code, 0])),
    exemplary: 0,
    notRated: {},
    missing: 0,
    warnings: [],
  };
  for (const r of records) {
    result.total += r.n;
    if (r.level_code) {
      result.counts[r.level_code] = (result.counts[r.level_code] ?? 0) + r.n;
      if (r.exemplary === 1) result.exemplary += r.n;
    } else if (r.not_rated_reason) {
      result.notRated[r.not_rated_reason] = (result.notRated[r.not_rated_reason] ?? 0) + r.n;
    } else {
      result.missing += r.n;
    }
  }
  const quota = quotaFor(db, scale);
  result.warnings = quota
    ? quotaWarnings(
        quota,
        scale,
        quotaGroups(
          db,
          scale,
          input.year,
          allOver<{ parent_id: string | null; kind: UnitKind }>(
            db,
            members,
            'SELECT DISTINCT parent_id, kind FROM members',
          ),
        ),
      )
    : [];
  return result;
}
