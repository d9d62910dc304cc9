// The synchronous part of a preview, once the files are read: the first pass over each file
// (schema, order, duplicates, an index of ids), the "same unit?" candidates, each file's
// direction, and the second pass that matches and classifies every record into one decision
// byte per line. Writes nothing; what it returns is the plan and the preview the user sees.
import type {
  ChangeCounts,
  ExchangePreview,
  FilePreview,
  RecordChange,
  SameUnitCandidate,
} from '../../../../shared/contract';
import { CHANGES_LIMIT } from '../../../../shared/methods/exchange';
import { AppError } from '../../../../shared/errors';
import type { Db } from '../../db/open';
import { getMeta } from '../../meta';
import type { DataVersion } from '../../ratings/import/plans';
import type { OpenedExchangeFile } from '../format/reader';
import type { ExchangeRecord } from '../format/records';
import { importedBefore, sequenceWarning } from './batches';
import { findCandidates } from './candidates';
import type { Classification } from './classify';
import { classify } from './classify';
import { directionOf, isAuthoritative, takesFrom } from './direction';
import type { NameOf } from './fields';
import { fieldChanges } from './fields';
import { LocalUnits, MemberIds, RatedUnits, UnitIds } from './identity';
import { namesFor, recordLabel } from './names';
import type { ExchangePlan, PlannedFile } from './plan';
import { Decision, changeKey, isConflict } from './plan';
import type { FileScope, Resolution } from './resolve';
import { referencesOf, resolveRecord } from './resolve';
import type { FileIndex, ParseLine } from './validate';
import { addIssue, emptyIndex, indexFile, readChecked } from './validate';

/** A file as the preview got it: read (its temporary .jsonl) or refused with a message. */
export interface ReadFile {
  fileName: string;
  source: OpenedExchangeFile | null;
  failure: string | null;
  /** In the password envelope, and whether its password is still needed (format/sealed.ts). */
  sealed?: boolean;
  passwordNeeded?: 'required' | 'wrong' | null;
}

export interface PlanningInput {
  db: Db;
  planId: string;
  files: ReadFile[];
  version: DataVersion;
  parse: ParseLine;
  /** Told each line of each pass. */
  progress: () => void;
  /**
   * Whether the second pass may decide a rating from the first pass's facts (quickRating);
   * false only in the test that compares both ways.
   */
  quickRatings?: boolean;
}

/** The decision byte of a classified record. */
export function decisionOf(resolution: Resolution): Decision {
  if (resolution.kind === 'error') return Decision.error;
  if (resolution.kind === 'skipped') return Decision.skipped;
  return classified(resolution.classification);
}

function classified(c: Classification): Decision {
  switch (c.kind) {
    case 'new':
      return Decision.new;
    case 'changed':
      return Decision.changed;
    case 'identical':
      return c.sync ? Decision.sync : Decision.identical;
    case 'skipped':
      return Decision.skipped;
    case 'conflict':
      return c.reason === 'older' ? Decision.conflictOlder : Decision.conflictBoth;
  }
}

/** The key under which two files' copies of one record meet (references in local ids). */
function identityKey(record: ExchangeRecord): string {
  switch (record.t) {
    case 'rating':
      return `rating|${record.d.unitId}|${record.d.year}`;
    case 'member':
      return `member|${record.d.watchlistId}|${record.d.unitId}`;
    case 'result':
      return `result|${record.d.memberId}|${record.d.year}`;
    default:
      return `${record.t}|${record.id}`;
  }
}

function zeroCounts(): ChangeCounts {
  return { new: 0, changed: 0, identical: 0, conflicts: 0, errors: 0, skipped: 0 };
}

function countsOf(decisions: Uint8Array, errors: number): ChangeCounts {
  const counts = zeroCounts();
  for (const d of decisions) {
    if (d === Decision.new) counts.new += 1;
    else if (d === Decision.changed) counts.changed += 1;
    else if (d === Decision.identical || d === Decision.sync || d === Decision.superseded) {
      counts.identical += 1;
    } else if (isConflict(d)) counts.conflicts += 1;
    else if (d === Decision.skipped) counts.skipped += 1;
  }
  counts.errors = errors;
  return counts;
}

function addCounts(a: ChangeCounts, b: ChangeCounts): ChangeCounts {
  return {
    new: a.new + b.new,
    changed: a.changed + b.changed,
    identical: a.identical + b.identical,
    conflicts: a.conflicts + b.conflicts,
    errors: a.errors + b.errors,
    skipped: a.skipped + b.skipped,
  };
}

interface Listed {
  conflicts: RecordChange[];
  others: RecordChange[];
  /** Conflicts of records of a candidate unit (see ExchangePlan.conflictUnits). */
  conflictUnits: Map<string, string>;
}

interface FileWork {
  scope: FileScope;
  index: FileIndex;
  candidates: ReadonlyMap<string, SameUnitCandidate>;
}

/** The candidate unit a record belongs to or names (incoming ids), if any. */
function candidateOf(
  record: ExchangeRecord,
  candidates: ReadonlyMap<string, SameUnitCandidate>,
): string | null {
  if (candidates.size === 0) return null;
  if (record.t === 'unit' && candidates.has(record.id)) return record.id;
  return referencesOf(record).unit.find((id) => id !== null && candidates.has(id)) ?? null;
}

/** A listed change, named (conflicts and the first CHANGES_LIMIT others only). */
function describe(
  file: PlannedFile,
  names: NameOf,
  line: number,
  incomingId: string,
  resolution: Extract<Resolution, { kind: 'resolved' }>,
): RecordChange {
  const { record, local, classification } = resolution;
  return {
    key: changeKey(file.fileIndex, line),
    fileIndex: file.fileIndex,
    entity: record.t,
    recordId: incomingId,
    label: recordLabel(record, names),
    kind: classification.kind === 'conflict' ? 'conflict' : local ? 'changed' : 'new',
    conflictReason: classification.kind === 'conflict' ? classification.reason : null,
    fields: local ? fieldChanges(local.record, record, names) : [],
  };
}

/** Per unit of a file's ratings: whether its ratings may be decided from their facts. */
const UnitState = { unasked: 0, quick: 1, full: 2 } as const;

/**
 * Whether a unit's ratings can be decided from the first pass's facts as resolveRecord would
 * decide them: the unit is in the file or here (else the error is worded the full way), the
 * sender's ratings are taken, and the unit has no rating here (then a rating is new, or an
 * unknown tombstone, without a look-up: identity.ts, RatedUnits). Asked once per unit: the
 * answers hold for the whole preview, which writes nothing.
 */
function unitIsQuick(scope: FileScope, unitId: string): boolean {
  const { units, rated, references } = scope;
  if (!rated || !references) return false;
  if (!references.unit.has(unitId) && units.known(unitId) === null) return false;
  if (!takesFrom(scope.direction, 'rating')) return false;
  return !rated.has(units.map(unitId));
}

/**
 * A rating line decided from the first pass's facts, or null when it needs the full way: a unit
 * that is not quick (above), several files (copies of one record meet), a line read through the
 * schema again, or a change still to be listed (named from the record). What is left is the
 * bulk of a national file: a rating of a unit with none here.
 */
function quickRating(
  scope: FileScope,
  index: FileIndex,
  states: Uint8Array,
  line: number,
  listedOthers: number,
): Decision | null {
  const unit = index.ratings.unitAt(line);
  if (unit < 0 || index.reparse.has(line)) return null;
  let state = states[unit];
  if (state === UnitState.unasked) {
    state = unitIsQuick(scope, index.ratings.unitId(unit)) ? UnitState.quick : UnitState.full;
    states[unit] = state;
  }
  if (state !== UnitState.quick) return null;
  const fact = index.ratings.at(line);
  if (!fact) return null;
  const decision = classified(
    classify(
      null,
      { rev: fact.rev, deleted: fact.deleted },
      false,
      isAuthoritative(scope.direction, 'rating'),
    ),
  );
  const listed = decision === Decision.new || decision === Decision.changed;
  return listed && listedOthers < CHANGES_LIMIT ? null : decision;
}

/** The second pass over one file: every record matched and classified. */
function classifyFile(
  input: PlanningInput,
  file: PlannedFile,
  { scope, index, candidates }: FileWork,
  seen: Map<string, { file: PlannedFile; line: number; rev: number }> | null,
  listed: Listed,
): void {
  const { source } = file;
  if (!source) return;
  const names = namesFor(input.db, index, scope.units);
  const quick = input.quickRatings !== false && seen === null;
  const states = new Uint8Array(index.ratings.unitCount);
  for (const { line, text } of source.lines()) {
    input.progress();
    if (index.badLines.has(line)) continue;
    const decided = quick ? quickRating(scope, index, states, line, listed.others.length) : null;
    if (decided !== null) {
      file.decisions[line - 2] = decided;
      continue;
    }
    const parsed = readChecked(index.reparse, input.parse, line, text);
    if (!parsed.ok) continue;
    const resolution = resolveRecord(scope, parsed.record);
    let decision = decisionOf(resolution);
    if (resolution.kind === 'error') addIssue(index, line, resolution.message);
    if (resolution.kind === 'resolved' && seen) {
      // The same record in several files of one import: the highest revision is the one taken
      // (the first file's copy when revisions tie: the same record sent twice).
      const key = identityKey(resolution.record);
      const earlier = seen.get(key);
      if (earlier && earlier.rev >= parsed.record.rev) decision = Decision.superseded;
      else {
        if (earlier) earlier.file.decisions[earlier.line - 2] = Decision.superseded;
        seen.set(key, { file, line, rev: parsed.record.rev });
      }
    }
    file.decisions[line - 2] = decision;
    if (resolution.kind !== 'resolved') continue;
    if (isConflict(decision)) {
      const unit = candidateOf(parsed.record, candidates);
      if (unit !== null) listed.conflictUnits.set(changeKey(file.fileIndex, line), unit);
    }
    const list = isConflict(decision)
      ? listed.conflicts
      : decision === Decision.new || decision === Decision.changed
        ? listed.others
        : null;
    if (list && list.length < CHANGES_LIMIT) {
      list.push(describe(file, names, line, parsed.record.id, resolution));
    }
  }
}

function fileIndexOf(input: PlanningInput, file: ReadFile): FileIndex {
  const index = emptyIndex();
  if (!file.source) return index;
  try {
    return indexFile(file.source.lines, input.parse, input.progress, file.source.recordLines);
  } catch (error) {
    // A line that is not UTF-8 stops the read: the whole file is refused with that sentence.
    if (error instanceof AppError && error.code === 'BAD_FILE') {
      addIssue(index, null, error.message);
      return index;
    }
    throw error;
  }
}

/** Plans the merge of the files; nothing is written. */
export function planMerge(input: PlanningInput): { plan: ExchangePlan; preview: ExchangePreview } {
  const { db } = input;
  const indexes = input.files.map((file) => fileIndexOf(input, file));
  const shas = new Set<string>();
  const files: PlannedFile[] = input.files.map((file, fileIndex) => {
    const index = indexes[fileIndex] ?? emptyIndex();
    if (file.failure !== null) addIssue(index, null, file.failure);
    const sha256 = file.source?.sha256 ?? '';
    const repeated = sha256 !== '' && shas.has(sha256);
    shas.add(sha256);
    return {
      fileIndex,
      fileName: file.fileName,
      sha256,
      header: file.source?.header ?? null,
      direction: null,
      source: file.source,
      alreadyImported: sha256 !== '' && (repeated || importedBefore(db, sha256)),
      hasErrors: index.errorCount > 0,
      decisions: new Uint8Array(file.source?.recordLines ?? 0),
      carried: { unit_version: index.ids.unit_version, lineage_event: index.ids.lineage_event },
      members: index.members,
      reparse: index.reparse,
    };
  });
  const applicable = files.filter((f) => !f.hasErrors && !f.alreadyImported);
  // The preview writes nothing: the database's answer for a unit id holds for every file.
  const localUnits = new LocalUnits(db);
  const candidates = findCandidates(
    db,
    applicable.map((f) => indexes[f.fileIndex] ?? emptyIndex()),
    new UnitIds(db, new Map(), localUnits),
  );
  // The preview shows candidates as the same unit, so their conflicts can be decided; a unit
  // decided 'new' at apply simply makes its records new.
  const assumed = new Map([...candidates].map(([id, c]) => [id, c.localUnitId]));
  const ownUnitId = getMeta(db, 'own_unit_id');
  const seen =
    applicable.length > 1
      ? new Map<string, { file: PlannedFile; line: number; rev: number }>()
      : null;
  const listed: Listed = { conflicts: [], others: [], conflictUnits: new Map() };
  const rated = new RatedUnits(db);
  for (const file of files) {
    const index = indexes[file.fileIndex] ?? emptyIndex();
    if (!file.header) continue;
    const units = new UnitIds(db, assumed, localUnits);
    file.direction = directionFor(db, ownUnitId, file.header.senderUnitId, index, units);
    if (file.hasErrors || file.alreadyImported) continue;
    const scope: FileScope = {
      db,
      carried: file.carried,
      references: index.ids,
      direction: file.direction,
      units,
      members: new MemberIds(db, units, index.members),
      rated,
    };
    classifyFile(input, file, { scope, index, candidates }, seen, listed);
    file.hasErrors = index.errorCount > 0;
  }
  const sameUnitFile = new Map<string, number>();
  for (const id of candidates.keys()) {
    const first = applicable.find((f) => indexes[f.fileIndex]?.ids.unit.has(id));
    if (first) sameUnitFile.set(id, first.fileIndex);
  }
  return assemble(input, files, indexes, { candidates, sameUnitFile }, listed);
}

function directionFor(
  db: Db,
  ownUnitId: string | null,
  senderUnitId: string | null,
  index: FileIndex,
  units: UnitIds,
) {
  const parents = new Map<string, string | null>();
  for (const [id, unit] of index.units)
    parents.set(units.map(id), units.mapNullable(unit.parentId));
  return directionOf(
    db,
    ownUnitId,
    senderUnitId === null ? null : units.map(senderUnitId),
    parents,
  );
}

function assemble(
  input: PlanningInput,
  files: PlannedFile[],
  indexes: FileIndex[],
  same: { candidates: Map<string, SameUnitCandidate>; sameUnitFile: Map<string, number> },
  listed: Listed,
): { plan: ExchangePlan; preview: ExchangePreview } {
  const { db } = input;
  let totals = zeroCounts();
  const previews: FilePreview[] = files.map((file) => {
    const index = indexes[file.fileIndex] ?? emptyIndex();
    const counts = file.alreadyImported
      ? { ...zeroCounts(), identical: file.decisions.length }
      : countsOf(file.decisions, index.errorCount);
    totals = addCounts(totals, counts);
    return {
      fileIndex: file.fileIndex,
      fileName: file.fileName,
      sha256: file.sha256,
      header: file.header,
      direction: file.direction,
      alreadyImported: file.alreadyImported,
      sequenceWarning: file.header ? sequenceWarning(db, file.header) : null,
      counts,
      errors: index.issues,
      sealed: input.files[file.fileIndex]?.sealed ?? false,
      passwordNeeded: input.files[file.fileIndex]?.passwordNeeded ?? null,
    };
  });
  // A change listed before a later file's newer copy superseded it is no longer one.
  const still = (change: RecordChange) => {
    const line = Number(change.key.split(':')[1]);
    const decision = files[change.fileIndex]?.decisions[line - 2];
    return decision !== undefined && decision !== Decision.superseded;
  };
  const changes = [...listed.conflicts.filter(still), ...listed.others.filter(still)].slice(
    0,
    CHANGES_LIMIT,
  );
  const sameUnits = [...same.candidates.values()];
  const plan: ExchangePlan = {
    id: input.planId,
    files,
    sameUnits: same.candidates,
    sameUnitFile: same.sameUnitFile,
    conflictUnits: listed.conflictUnits,
    listed: changes,
    version: input.version,
  };
  const preview: ExchangePreview = {
    planId: input.planId,
    files: previews,
    totals,
    changes,
    changesTotal: totals.new + totals.changed + totals.conflicts,
    sameUnits,
    canApply: files.length > 0 && files.every((f) => !f.hasErrors),
  };
  return { plan, preview };
}
