// The flat rows of the "Dữ liệu" sheet: every rating of the report's units in the report's years,
// with the unit's name, code, kind, sector and parent as they were that year. One set-based
// statement over the ids and years passed as JSON (json_each), so a national scope is one query
// walked by the (unit_id, year) index, never a query per unit.
import type { NotRatedReason } from '../../../../shared/domain/scales';
import type { UnitKind, UnitSector } from '../../../../shared/domain/units';
import type { Db } from '../../db/open';
import { stmt } from '../../db/statements';

export interface DataRow {
  unitId: string;
  year: number;
  scaleId: string;
  levelCode: string | null;
  notRatedReason: NotRatedReason | null;
  exemplary: boolean;
  score: number | null;
  decisionNumber: string | null;
  decisionDate: string | null;
  name: string;
  code: string | null;
  kind: UnitKind;
  sector: UnitSector | null;
  parentName: string | null;
  parentCode: string | null;
}

interface RawRow {
  unit_id: string;
  year: number;
  scale_id: string;
  level_code: string | null;
  not_rated_reason: NotRatedReason | null;
  exemplary: number;
  score: number | null;
  decision_number: string | null;
  decision_date: string | null;
  name: string;
  code: string | null;
  kind: UnitKind;
  sector: UnitSector | null;
  parent_name: string | null;
  parent_code: string | null;
}

/**
 * In the order of the ids given (the report's groups and units), then by year. CROSS JOIN fixes
 * the ids as the outer loop, so each unit's ratings come by the (unit_id, year) index; left to
 * itself the planner walks every rating of the years and scans the ids for each (national size:
 * hundreds of thousands of ratings times tens of thousands of ids).
 */
export const DATA_ROWS_SQL = /* sql */ `
SELECT r.unit_id, r.year, r.scale_id, r.level_code, r.not_rated_reason, r.exemplary, r.score,
       r.decision_number, r.decision_date,
       v.name, v.code, v.kind, v.sector, pv.name AS parent_name, pv.code AS parent_code
FROM json_each(:units) AS u
CROSS JOIN ratings AS r
  ON r.unit_id = u.value AND r.deleted_at IS NULL
 AND r.year IN (SELECT value FROM json_each(:years))
JOIN unit_versions AS v
  ON v.unit_id = r.unit_id AND v.deleted_at IS NULL
 AND v.valid_from <= r.year AND (v.valid_to IS NULL OR v.valid_to >= r.year)
LEFT JOIN unit_versions AS pv
  ON pv.unit_id = v.parent_id AND pv.deleted_at IS NULL
 AND pv.valid_from <= r.year AND (pv.valid_to IS NULL OR pv.valid_to >= r.year)
ORDER BY u.key, r.year`;

/**
 * The rows, one at a time (a national scope has hundreds of thousands). The statement holds the
 * connection until the iteration ends: the caller consumes it without awaiting anything.
 */
export function* dataRows(
  db: Db,
  unitIds: readonly string[],
  years: readonly number[],
): Generator<DataRow> {
  const unique = [...new Set(unitIds)];
  const raw = stmt<[{ units: string; years: string }], RawRow>(db, DATA_ROWS_SQL).iterate({
    units: JSON.stringify(unique),
    years: JSON.stringify([...new Set(years)]),
  });
  for (const r of raw) {
    yield {
      unitId: r.unit_id,
      year: r.year,
      scaleId: r.scale_id,
      levelCode: r.level_code,
      notRatedReason: r.not_rated_reason,
      exemplary: r.exemplary === 1,
      score: r.score,
      decisionNumber: r.decision_number,
      decisionDate: r.decision_date,
      name: r.name,
      code: r.code,
      kind: r.kind,
      sector: r.sector,
      parentName: r.parent_name,
      parentCode: r.parent_code,
    };
  }
}
