// The walk of a top unit's (the nation's) committees in one year, as NATION_WALK (tallies.ts)
// lists them, followed in JavaScript over the edges that walk reads. In SQL the recursive walk
// probes an automatic index it builds over its materialized edges for each committee reached
// (~1.2 ms CPU for the nation's ~460 committees); reading the same few hundred edges and
// following them here costs ~0.8 ms. The list must be the SQL walk's row for row and in its
// order: the report reads its tallies, pairs and listed units in that order, and the first
// time a pair is met makes its cell of the table.
import type { Db } from '../db/open';
import { stmt } from '../db/statements';

/** How deep the walk goes at most: as NATION_WALK (the members' walk, members.ts). */
const MAX_DEPTH = 64;

/**
 * NATION_WALK's edges in the order it materializes them: the versions valid in :year of each
 * unit with a live child that year (version_spans), each with its parent. The parents are
 * materialized by the same statement as NATION_WALK's, then each one's versions searched by
 * unit (CROSS JOIN: the order NATION_WALK's INDEXED BY leaves SQLite as its only plan).
 */
export const NATION_EDGES_SQL = `WITH parents AS MATERIALIZED (
    SELECT DISTINCT parent_id AS id FROM version_spans
    WHERE parent_id <> '' AND n <> 0 AND valid_from <= :year AND valid_to >= :year)
  SELECT v.parent_id, v.unit_id FROM parents p
  CROSS JOIN unit_versions v INDEXED BY unit_versions_by_unit ON v.unit_id = p.id
  WHERE v.parent_id IS NOT NULL AND v.deleted_at IS NULL AND v.valid_from <= :year
    AND (v.valid_to IS NULL OR v.valid_to >= :year)`;

/**
 * The units NATION_WALK reaches from `scopeId` in `year`, once per path, in its order. SQLite
 * runs a recursive walk without ORDER BY as a queue (first in, first out), and a reached unit's
 * edges come in the order they were materialized: that is a walk level by level, each unit's
 * children in the edges' order. The scope comes first; a unit at depth MAX_DEPTH - 1 is listed
 * and not stepped below (NATION_WALK's `sub.depth < MAX_DEPTH - 1`).
 */
export function nationWalk(db: Db, scopeId: string, year: number): string[] {
  const edges = stmt<[{ year: number }], { parent_id: string; unit_id: string }>(
    db,
    NATION_EDGES_SQL,
  ).all({ year });
  const children = new Map<string, string[]>();
  for (const e of edges) {
    const list = children.get(e.parent_id);
    if (list) list.push(e.unit_id);
    else children.set(e.parent_id, [e.unit_id]);
  }
  const walked: string[] = [];
  let level = [scopeId];
  for (let depth = 0; level.length > 0; depth++) {
    const next: string[] = [];
    for (const id of level) {
      walked.push(id);
      if (depth >= MAX_DEPTH - 1) continue;
      const below = children.get(id);
      if (below) for (const child of below) next.push(child);
    }
    level = next;
  }
  return walked;
}
