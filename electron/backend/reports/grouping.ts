// Which group a unit is counted in, and the order groups are shown in: a watchlist's groups in
// the list's own "Biểu 01" order, sectors in the register's order, the list's issuer first among
// selectors, the others by Vietnamese name, and the group of units without one (no list, no
// sector …) last.
import type { UnitSector } from '../../../shared/domain/units';
import { UNIT_SECTORS } from '../../../shared/domain/units';
import { compareVietnamese } from '../../../shared/domain/text';
import type { ReportGrouping } from '../../../shared/methods/reports';
import {
  NO_LIST_GROUP,
  NO_PARENT_GROUP,
  NO_WATCH_GROUP,
  groupDescription,
  sectorName,
} from './descriptions';
import type { ScopeData, ScopedUnit } from './scope-units';

export interface GroupSpec {
  key: string;
  name: string;
  description: string;
  units: ScopedUnit[];
}

interface GroupId {
  key: string;
  /** Null for the units that have none (no parent, no list, no sector, no group). */
  id: string | null;
  name: string;
  sector: UnitSector | null;
}

function groupIdOf(unit: ScopedUnit, groupBy: ReportGrouping): GroupId {
  switch (groupBy) {
    case 'parent':
      return {
        key: `parent:${unit.parentId ?? '-'}`,
        id: unit.parentId,
        name: unit.parentName ?? NO_PARENT_GROUP,
        sector: null,
      };
    case 'selector':
      return {
        key: `selector:${unit.selector?.issuerId ?? '-'}`,
        id: unit.selector?.issuerId ?? null,
        name: unit.selector?.issuerName ?? NO_LIST_GROUP,
        sector: null,
      };
    case 'sector':
      return {
        key: `sector:${unit.sector ?? '-'}`,
        id: unit.sector,
        name: sectorName(unit.sector),
        sector: unit.sector,
      };
    case 'watchlist_group':
      return {
        key: `group:${unit.watchGroup ?? '-'}`,
        id: unit.watchGroup,
        name: unit.watchGroup ?? NO_WATCH_GROUP,
        sector: null,
      };
  }
}

/** The key of the group a unit belongs to (trajectories carry it, whether or not it is counted). */
export function groupKeyOf(unit: ScopedUnit, groupBy: ReportGrouping): string {
  return groupIdOf(unit, groupBy).key;
}

/** The groups of the units counted in year N, in display order; units keep their order inside. */
export function groupUnits(data: ScopeData, groupBy: ReportGrouping): GroupSpec[] {
  const groups = new Map<string, GroupSpec & { id: string | null; sector: UnitSector | null }>();
  for (const unit of data.units) {
    if (!unit.exists) continue;
    const g = groupIdOf(unit, groupBy);
    let spec = groups.get(g.key);
    if (!spec) {
      spec = {
        key: g.key,
        id: g.id,
        sector: g.sector,
        name: g.name,
        description: groupDescription(data.type, groupBy, g.id === null ? null : g.name, g.sector),
        units: [],
      };
      groups.set(g.key, spec);
    }
    spec.units.push(unit);
  }
  const rank = (g: { id: string | null; sector: UnitSector | null }): number => {
    if (g.id === null) return Number.MAX_SAFE_INTEGER;
    if (groupBy === 'watchlist_group') return data.watchGroupOrder.indexOf(g.id);
    if (groupBy === 'selector' && g.id === data.mainIssuerId) return -1;
    // Sectors in the order party tables list them (xã, phường, thị trấn, cơ quan …).
    if (g.sector) return UNIT_SECTORS.indexOf(g.sector);
    return 0;
  };
  return [...groups.values()]
    .sort((a, b) => rank(a) - rank(b) || compareVietnamese(a.name, b.name))
    .map(({ key, name, description, units }) => ({ key, name, description, units }));
}
