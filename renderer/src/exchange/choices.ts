// What the user decided in an import's preview — conflicts (all at once and per record) and the
// "same unit?" questions — and what is still open before the plan may be applied. Pure, so the
// screen and its tests agree on when "Nhập dữ liệu" is allowed.
import type { ConflictChoice, ExchangePreview, MethodInput } from '../../../shared/contract';

export interface Decisions {
  /** Every conflict at once; per-record choices below override it. */
  all: ConflictChoice | null;
  records: Record<string, ConflictChoice>;
  /** Per SameUnitCandidate.incomingUnitId. */
  sameUnits: Record<string, 'same' | 'new'>;
}

export const NO_DECISIONS: Decisions = { all: null, records: {}, sameUnits: {} };

/** The choice that applies to one conflict: its own, else the one for all, else none yet. */
export function choiceFor(decisions: Decisions, key: string): ConflictChoice | null {
  return decisions.records[key] ?? decisions.all;
}

/**
 * Conflicts without a choice. The list of changes is capped (CHANGES_LIMIT): conflicts beyond
 * it can only be decided all at once, so without that choice they all count as open.
 */
export function undecidedConflicts(preview: ExchangePreview, decisions: Decisions): number {
  if (decisions.all !== null) return 0;
  const decided = preview.changes.filter(
    (c) => c.kind === 'conflict' && decisions.records[c.key] !== undefined,
  ).length;
  return Math.max(0, preview.totals.conflicts - decided);
}

export function undecidedSameUnits(preview: ExchangePreview, decisions: Decisions): number {
  return preview.sameUnits.filter((c) => decisions.sameUnits[c.incomingUnitId] === undefined)
    .length;
}

/** Why "Nhập dữ liệu" cannot run yet, as the key of the message to show; null when it can. */
export function applyBlocker(
  preview: ExchangePreview,
  decisions: Decisions,
): 'errors' | 'conflicts' | 'sameUnits' | null {
  if (!preview.canApply) return 'errors';
  if (undecidedSameUnits(preview, decisions) > 0) return 'sameUnits';
  if (undecidedConflicts(preview, decisions) > 0) return 'conflicts';
  return null;
}

/** exchange.apply's input for the plan with the user's decisions. */
export function applyInput(
  preview: ExchangePreview,
  decisions: Decisions,
): MethodInput<'exchange.apply'> {
  const records: Record<string, ConflictChoice> = {};
  for (const change of preview.changes) {
    const choice = decisions.records[change.key];
    if (change.kind === 'conflict' && choice !== undefined) records[change.key] = choice;
  }
  const sameUnits: Record<string, 'same' | 'new'> = {};
  for (const candidate of preview.sameUnits) {
    const answer = decisions.sameUnits[candidate.incomingUnitId];
    if (answer !== undefined) sameUnits[candidate.incomingUnitId] = answer;
  }
  const input: MethodInput<'exchange.apply'> = { planId: preview.planId };
  const anyRecord = Object.keys(records).length > 0;
  if (decisions.all !== null || anyRecord) {
    input.conflicts = {
      ...(decisions.all !== null && { all: decisions.all }),
      ...(anyRecord && { records }),
    };
  }
  if (Object.keys(sameUnits).length > 0) input.sameUnits = sameUnits;
  return input;
}
