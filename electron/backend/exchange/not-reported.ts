// The "who has not reported" board: the units directly under this installation's own unit in a
// year from which no imported file (not undone) brought ratings of that year.
//
// "From which" is judged on the ratings themselves, not on the sender named in a header: a
// direct unit has reported when a batch wrote a rating of the year for it or for any unit of
// its subtree (as the register stood that year). So a district's file counts for the district
// whoever exported it, and a file that only carried the register or the lists does not count.
import { compareUnits } from '../../../shared/domain/units';
import { compareVietnamese } from '../../../shared/domain/text';
import type { ExchangeLedger } from '../../../shared/contract';
import type { Db } from '../db/open';
import { stmt } from '../db/statements';

const VALID = (alias: string) =>
  `${alias}.deleted_at IS NULL AND ${alias}.valid_from <= :year ` +
  `AND (${alias}.valid_to IS NULL OR ${alias}.valid_to >= :year)`;

/**
 * The direct units with, for each, whether a live batch wrote a rating of the year in its
 * subtree. Driven from the year's ratings of the subtree (by the covering index), each looked up
 * among the batches' changes by (entity, record_id): no scan of all batches ever made.
 */
const DIRECT_UNITS = `WITH RECURSIVE
  direct(id) AS (
    SELECT v.unit_id FROM unit_versions v WHERE v.parent_id = :own AND ${VALID('v')}),
  sub(id, root) AS (
    SELECT id, id FROM direct UNION
    SELECT v.unit_id, sub.root FROM unit_versions v JOIN sub ON v.parent_id = sub.id
    WHERE ${VALID('v')})
  SELECT v.unit_id, v.name, v.code, u.official_order,
    EXISTS (
      SELECT 1 FROM sub
      JOIN ratings r ON r.unit_id = sub.id AND r.year = :year
      JOIN exchange_batch_changes c ON c.entity = 'rating' AND c.record_id = r.id
      JOIN exchange_batches b ON b.id = c.batch_id AND b.undone_at IS NULL
      WHERE sub.root = v.unit_id) AS reported
  FROM unit_versions v JOIN units u ON u.id = v.unit_id AND u.deleted_at IS NULL
  WHERE v.parent_id = :own AND ${VALID('v')}`;

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
  return stmt<[{ own: string; year: number }], DirectUnitRow>(db, DIRECT_UNITS)
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
