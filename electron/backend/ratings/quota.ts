// The HTXSNV quota of each rating scale: its setting (kept in the data file's `meta` table, so
// every installation sharing the file agrees; each change audited), and the saved levels per
// deciding committee and kind of unit that its warnings are computed from.
import { z } from 'zod';
import type { ParsedInput, QuotaSettingRow } from '../../../shared/contract';
import type { AppliedQuota, QuotaGroup, QuotaSetting } from '../../../shared/domain/quota';
import { appliedQuota, defaultQuotaSetting } from '../../../shared/domain/quota';
import type { RatingScale } from '../../../shared/domain/scales';
import { QUOTA_BASES, SCALES, scaleById } from '../../../shared/domain/scales';
import { compareVietnamese } from '../../../shared/domain/text';
import type { UnitKind } from '../../../shared/domain/units';
import { UNIT_KINDS } from '../../../shared/domain/units';
import { AppError } from '../../../shared/errors';
import { auditUpdate } from '../audit';
import type { Actor } from '../context';
import type { Db } from '../db/open';
import { stmt } from '../db/statements';
import { writeTransaction } from '../db/write';
import type { MetaKey } from '../meta';
import { getMeta, setMeta } from '../meta';
import { namesInYear } from './scope';

const keyOf = (scaleId: string): MetaKey => `rating_quota:${scaleId}`;

const storedSetting = z.object({ enabled: z.boolean(), base: z.enum(QUOTA_BASES) });

/** The setting chosen for a scale, or null when none was (or it cannot be read: the default applies). */
function settingOf(db: Db, scaleId: string): QuotaSetting | null {
  const text = getMeta(db, keyOf(scaleId));
  if (!text) return null;
  try {
    const parsed = storedSetting.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The quota that applies to a scale in this data file, or null. */
export function quotaFor(db: Db, scale: RatingScale): AppliedQuota | null {
  return appliedQuota(scale, settingOf(db, scale.id));
}

export function listQuotaSettings(db: Db): QuotaSettingRow[] {
  const rows: QuotaSettingRow[] = [];
  for (const scale of SCALES) {
    const rule = scale.quota;
    if (!rule) continue;
    const chosen = settingOf(db, scale.id);
    const setting = chosen ?? defaultQuotaSetting(rule);
    rows.push({
      scaleId: scale.id,
      scaleName: scale.name,
      fromYear: scale.fromYear,
      toYear: scale.toYear,
      level: rule.level,
      ofLevel: rule.ofLevel,
      percent: rule.percent,
      outstandingPercent: rule.outstandingPercent,
      enabled: setting.enabled,
      base: setting.base,
      isDefault: chosen === null,
      enabledByDefault: rule.enabledByDefault,
      basis: rule.basis,
    });
  }
  return rows;
}

/** Switches a scale's quota on or off with its base; the change goes to the audit log. */
export function setQuota(
  db: Db,
  actor: Actor,
  input: ParsedInput<'ratings.setQuota'>,
): QuotaSettingRow[] {
  const scale = scaleById(input.scaleId);
  if (!scale?.quota) {
    throw new AppError(
      'NOT_FOUND',
      `Không có thang xếp loại "${input.scaleId}" có giới hạn tỷ lệ HTXSNV để cài đặt.`,
    );
  }
  writeTransaction(db, () => {
    const key = keyOf(scale.id);
    const before = getMeta(db, key);
    const after = JSON.stringify({ enabled: input.enabled, base: input.base });
    if (before === after) return;
    setMeta(db, key, after);
    auditUpdate(db, actor, 'settings', key, { value: before }, { value: after });
  });
  return listQuotaSettings(db);
}

interface GroupRecord {
  committee_id: string | null;
  kind: UnitKind;
  level_code: string;
  n: number;
}

const groupKey = (committeeId: string | null, kind: UnitKind) => `${committeeId ?? ''}|${kind}`;

/** One empty group per (parent, kind) pair among `units`, by groupKey. */
function emptyGroups(
  scale: RatingScale,
  units: readonly { parent_id: string | null; kind: UnitKind }[],
): Map<string, QuotaGroup> {
  const groups = new Map<string, QuotaGroup>();
  for (const u of units) {
    const key = groupKey(u.parent_id, u.kind);
    if (groups.has(key)) continue;
    groups.set(key, {
      committeeId: u.parent_id,
      committeeName: null,
      kind: u.kind,
      counts: Object.fromEntries(scale.levels.map((l) => [l.code, 0])),
    });
  }
  return groups;
}

/** Adds counted levels to their groups (a record of no group is left out). */
function addCounts(groups: Map<string, QuotaGroup>, records: readonly GroupRecord[]): void {
  for (const r of records) {
    const group = groups.get(groupKey(r.committee_id, r.kind));
    if (group) group.counts[r.level_code] = (group.counts[r.level_code] ?? 0) + r.n;
  }
}

/** The groups with their committees' names, in the order the screens show them. */
function namedInOrder(db: Db, year: number, groups: Map<string, QuotaGroup>): QuotaGroup[] {
  const names = namesInYear(
    db,
    year,
    [...groups.values()].map((g) => g.committeeId),
  );
  for (const group of groups.values()) {
    group.committeeName = group.committeeId ? (names.get(group.committeeId) ?? null) : null;
  }
  return [...groups.values()].sort(
    (a, b) =>
      compareVietnamese(a.committeeName ?? '', b.committeeName ?? '') ||
      UNIT_KINDS.indexOf(a.kind) - UNIT_KINDS.indexOf(b.kind),
  );
}

/**
 * Saved levels in `year` of all the units each deciding committee rates, per kind: for every
 * (parent, kind) pair among `units`, every unit of that kind under that parent, whether or not
 * it is among `units`. One grouped statement, whatever the number of units.
 */
export function quotaGroups(
  db: Db,
  scale: RatingScale,
  year: number,
  units: readonly { parent_id: string | null; kind: UnitKind }[],
): QuotaGroup[] {
  const groups = emptyGroups(scale, units);
  if (groups.size === 0) return [];
  const committees = [...new Set(units.map((u) => u.parent_id))];
  const records = stmt<[Record<string, string | number>], GroupRecord>(
    db,
    `SELECT v.parent_id AS committee_id, v.kind, r.level_code, count(*) AS n
     FROM unit_versions v
     JOIN ratings r ON r.unit_id = v.unit_id AND r.year = :year AND r.deleted_at IS NULL
     WHERE v.deleted_at IS NULL AND v.valid_from <= :year
       AND (v.valid_to IS NULL OR v.valid_to >= :year)
       AND v.kind IN (SELECT value FROM json_each(:kinds))
       AND (v.parent_id IN (SELECT value FROM json_each(:committees))
            OR (:withoutParent = 1 AND v.parent_id IS NULL))
       AND r.level_code IS NOT NULL
     GROUP BY v.parent_id, v.kind, r.level_code`,
  ).all({
    year,
    kinds: JSON.stringify([...new Set(units.map((u) => u.kind))]),
    committees: JSON.stringify(committees.filter((c) => c !== null)),
    withoutParent: committees.includes(null) ? 1 : 0,
  });
  addCounts(groups, records);
  return namedInOrder(db, year, groups);
}

/**
 * The same groups as `quotaGroups`, counted from the rating tallies (migration 12), which hold
 * the live ratings per (year, parent, kind, level) over the versions valid that year: the very
 * rows quotaGroups' join counts. A committee's few tally rows are read instead of every rating of
 * its units, so the grid's first page does not read the whole set's ratings for its warnings.
 */
export function quotaGroupsFromTallies(
  db: Db,
  scale: RatingScale,
  year: number,
  units: readonly { parent_id: string | null; kind: UnitKind }[],
): QuotaGroup[] {
  const groups = emptyGroups(scale, units);
  if (groups.size === 0) return [];
  const records = stmt<[Record<string, string | number>], GroupRecord>(
    db,
    // The tallies key a missing parent or level as ''; rows fallen to n = 0 are kept there.
    `SELECT nullif(t.parent_id, '') AS committee_id, t.kind, t.level_code, sum(t.n) AS n
     FROM rating_tallies t
     WHERE t.year = :year AND t.parent_id IN (SELECT value FROM json_each(:committees))
       AND t.kind IN (SELECT value FROM json_each(:kinds)) AND t.level_code <> ''
     GROUP BY t.parent_id, t.kind, t.level_code HAVING sum(t.n) <> 0`,
  ).all({
    year,
    kinds: JSON.stringify([...new Set(units.map((u) => u.kind))]),
    committees: JSON.stringify([...new Set(units.map((u) => u.parent_id ?? ''))]),
  });
  addCounts(groups, records);
  return namedInOrder(db, year, groups);
}
