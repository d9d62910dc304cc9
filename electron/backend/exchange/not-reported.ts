// The "who has not reported" board: the units directly under this installation's own unit in a
// year from which no imported file (not undone) brought ratings of that year.
//
// "From which" is judged on the ratings themselves, not on the sender named in a header: a
// direct unit has reported when a batch wrote a rating of the year for it or for any unit of
// its subtree (as the register stood that year; a removed rating is not a report). So a
// district's file counts for the district whoever exported it, and a file that only carried the
// register or the lists does not count.
import { compareUnits } from '../../../shared/domain/units';
import { compareVietnamese } from '../../../shared/domain/text';
import type { ExchangeLedger } from '../../../shared/contract';
import type { Db } from '../db/open';
import { stmt } from '../db/statements';

const VALID = (alias: string) =>
  `${alias}.deleted_at IS NULL AND ${alias}.valid_from <= :year ` +
  `AND (${alias}.valid_to IS NULL OR ${alias}.valid_to >= :year)`;

/**
 * The units that reported: those a live batch wrote a rating of the year for, and their
 * ancestors up to (not including) the own unit, as the register stood that year. Ratings a batch
 * changed: driven from the year's ratings (by the covering index of the year), each looked up
 * among the batches' changes by (entity, record_id) (while no batch was ever undone, the batch
 * row is not read at all). Ratings a batch inserted: the live batches' insert books of that year
 * (a chunk holds one year's ratings), each still there. The walk up is a set (UNION), so a
 * district with a thousand reporting communes is reached once.
 */
const reportedSql = (anyUndone: boolean) => `WITH RECURSIVE
  reported(unit_id) AS (
    SELECT r.unit_id FROM ratings r
    WHERE r.year = :year AND r.deleted_at IS NULL AND EXISTS (
      SELECT 1 FROM exchange_batch_changes c
      WHERE c.entity = 'rating' AND c.record_id = r.id${
        anyUndone
          ? ' AND c.batch_id IN (SELECT id FROM exchange_batches WHERE undone_at IS NULL)'
          : ''
      })
    UNION
    SELECT r.unit_id FROM exchange_batch_inserts b, json_each(b.records) e
    JOIN ratings r ON r.id = e.value ->> 0
    WHERE b.batch_id IN (SELECT id FROM exchange_batches WHERE undone_at IS NULL)
      AND b.entity = 'rating' AND b.year = :year AND r.year = :year AND r.deleted_at IS NULL),
  up(id) AS (
    SELECT unit_id FROM reported UNION
    SELECT v.parent_id FROM up JOIN unit_versions v ON v.unit_id = up.id
    WHERE ${VALID('v')} AND v.parent_id IS NOT NULL AND v.parent_id <> :own)
  SELECT v.unit_id, v.name, v.code, u.official_order, v.unit_id IN (SELECT id FROM up) AS reported
  FROM unit_versions v JOIN units u ON u.id = v.unit_id AND u.deleted_at IS NULL
  WHERE v.parent_id = :own AND ${VALID('v')}`;
const DIRECT_UNITS = reportedSql(false);
const DIRECT_UNITS_SOME_UNDONE = reportedSql(true);

interface DirectUnitRow {
  unit_id: string;
  name: string;
  code: string | null;
  official_order: number | null;
  reported: 0 | 1;
}

/** The direct units of `ownUnitId` in `year` that sent no ratings of `year`, in display order. */
export function notReported(
  db: Db,
  ownUnitId: string | null,
  year: number,
): ExchangeLedger['notReported'] {
  if (ownUnitId === null) return [];
  const anyUndone =
    stmt<[], { n: number }>(
      db,
      'SELECT EXISTS (SELECT 1 FROM exchange_batches WHERE undone_at IS NOT NULL) AS n',
    ).get()?.n === 1;
  return stmt<[{ own: string; year: number }], DirectUnitRow>(
    db,
    anyUndone ? DIRECT_UNITS_SOME_UNDONE : DIRECT_UNITS,
  )
    .all({ own: ownUnitId, year })
    .filter((row) => row.reported === 0)
    .map((row) => ({
      unitId: row.unit_id,
      name: row.name,
      code: row.code,
      officialOrder: row.official_order,
    }))
    .sort((a, b) => compareUnits(a, b, compareVietnamese))
    .map(({ unitId, name, code }) => ({ unitId, name, code }));
}
