// What an incoming record is to this installation: new, identical, changed, or a conflict
// (docs/exchange-format.md, "Hợp nhất"). Pure: the caller looks the local record up, compares
// the values and knows whether the sender is authoritative for this kind of record.
import type { ConflictReason } from '../../../../shared/methods/exchange';

/** The local record's revision bookkeeping, or null when there is no local record. */
export interface LocalRevision {
  rev: number;
  /** The revision last exchanged (base); null = never exchanged. */
  syncedRev: number | null;
}

export interface IncomingRevision {
  rev: number;
  deleted: boolean;
}

export type Classification =
  | { kind: 'new' }
  /** Same values: nothing to write, except the revision bookkeeping when `sync`. */
  | { kind: 'identical'; sync: boolean }
  | { kind: 'changed' }
  | { kind: 'conflict'; reason: ConflictReason }
  /** Not taken from this sender (an older copy of an authoritative record). */
  | { kind: 'skipped' };

/**
 * The three-way rule with `base = local.syncedRev`: a side changed when its revision moved off
 * the base (or there is no base). An older copy never overwrites: an incoming revision below
 * the base, or an unchanged incoming copy of a locally changed record, is a conflict `older`.
 * Both changed, or values that differ while neither revision moved (revisions of different
 * installations that happen to agree), is `both_changed`: only a person can tell which is right.
 *
 * `authoritative`: the sender is above us and this record is the register's or a list decision.
 * Its changes win without asking; an older copy of it is simply not taken.
 */
export function classify(
  local: LocalRevision | null,
  incoming: IncomingRevision,
  sameValues: boolean,
  authoritative: boolean,
): Classification {
  if (!local) return incoming.deleted ? { kind: 'identical', sync: false } : { kind: 'new' };
  if (sameValues) return { kind: 'identical', sync: syncAfterIdentical(local, incoming) !== null };
  const base = local.syncedRev;
  const localChanged = base === null || local.rev !== base;
  const incomingChanged = base === null || incoming.rev !== base;
  const older = (base !== null && incoming.rev < base) || (!incomingChanged && localChanged);
  if (older) return authoritative ? { kind: 'skipped' } : { kind: 'conflict', reason: 'older' };
  if (incomingChanged && !localChanged) return { kind: 'changed' };
  return authoritative ? { kind: 'changed' } : { kind: 'conflict', reason: 'both_changed' };
}

/** Revisions a record is written with. */
export interface Revisions {
  rev: number;
  syncedRev: number;
}

/**
 * After an identical copy: both sides hold the same values, so the base becomes the higher of
 * the revisions and the local revision catches up with the incoming one (a later change on
 * either side then moves off that base). Null when nothing changes (re-importing a file).
 */
export function syncAfterIdentical(
  local: LocalRevision,
  incoming: { rev: number },
): Revisions | null {
  const syncedRev = Math.max(local.syncedRev ?? 0, incoming.rev);
  const rev = Math.max(local.rev, incoming.rev);
  if (syncedRev === local.syncedRev && rev === local.rev) return null;
  return { rev, syncedRev };
}

/** Taking the incoming record (new, changed, or a conflict decided for the file). */
export function takeIncoming(incoming: { rev: number }): Revisions {
  return { rev: incoming.rev, syncedRev: incoming.rev };
}

/**
 * Keeping the local record on a conflict: the incoming revision is now known (never lowered),
 * and the local one moves above both, so the local version wins the next time it travels.
 */
export function keepLocal(local: LocalRevision, incoming: { rev: number }): Revisions {
  return {
    rev: Math.max(local.rev, incoming.rev) + 1,
    syncedRev: Math.max(local.syncedRev ?? 0, incoming.rev),
  };
}
