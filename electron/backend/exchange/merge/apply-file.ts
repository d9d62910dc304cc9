// The writes of one file of an apply, inside the apply's transaction: each record matched and
// classified again exactly as the preview did (the data is the preview's, checked by the plan's
// version, plus what earlier files of the same apply wrote), then written by its decision.
import { AppError } from '../../../../shared/errors';
import type { Choices } from './choices';
import { keepLocal, syncAfterIdentical, takeIncoming } from './classify';
import type { UnitIds } from './identity';
import { MemberIds } from './identity';
import type { PlannedFile } from './plan';
import { Decision, changeKey } from './plan';
import type { FileScope } from './resolve';
import { mapRecord, resolveRecord } from './resolve';
import type { ParseLine } from './validate';
import { readChecked } from './validate';
import type { BatchWriter } from './write';
import { insertRecord, keepLocalRecord, overwriteRecord, setRevisions } from './write';

export interface FileCounts {
  inserted: number;
  updated: number;
  keptLocal: number;
  identical: number;
  /** Identical records whose revision bookkeeping was written (a write, not a change). */
  synced: number;
}

export interface FileWork {
  file: PlannedFile;
  units: UnitIds;
  choices: Choices;
  parse: ParseLine;
  progress: () => void;
  /**
   * Every unit is mapped as the preview mapped it (each "same unit?" decided the same, as the
   * preview assumed), so a record the preview found new is still new.
   */
  newAsPlanned: boolean;
}

function changedSincePreview(line: number): AppError {
  return new AppError(
    'PLAN_STALE',
    `Dòng ${line} của tệp không còn như lúc xem trước; không có gì được ghi. Hãy xem trước lại các tệp.`,
  );
}

export function applyFile(w: BatchWriter, work: FileWork): FileCounts {
  const { file, choices } = work;
  const counts: FileCounts = { inserted: 0, updated: 0, keptLocal: 0, identical: 0, synced: 0 };
  const { source, direction } = file;
  if (!source || !direction) return counts;
  const scope: FileScope = {
    db: w.db,
    carried: file.carried,
    references: null,
    direction,
    units: work.units,
    members: new MemberIds(w.db, work.units, file.members),
    rated: null,
  };
  for (const { line, text } of source.lines()) {
    work.progress();
    const planned = file.decisions[line - 2];
    if (planned === undefined || planned === Decision.none || planned === Decision.error) continue;
    if (planned === Decision.superseded) {
      counts.identical += 1;
      continue;
    }
    if (planned === Decision.skipped) continue;
    const parsed = readChecked(file.reparse, work.parse, line, text);
    if (!parsed.ok) throw changedSincePreview(line);
    if (planned === Decision.new && work.newAsPlanned) {
      // Nothing here was this record at the preview, and nothing has been written since but
      // this apply, which writes each record once: no need to look it up again.
      const record = mapRecord(scope, parsed.record);
      insertRecord(w, record, takeIncoming(record));
      counts.inserted += 1;
      continue;
    }
    const resolution = resolveRecord(scope, parsed.record);
    if (resolution.kind === 'skipped') continue;
    if (resolution.kind === 'error') throw changedSincePreview(line);
    const { record, local, classification } = resolution;
    if (classification.kind === 'skipped') continue;
    if (classification.kind === 'new') {
      insertRecord(w, record, takeIncoming(record));
      counts.inserted += 1;
      continue;
    }
    if (!local) {
      // An incoming tombstone of a record never seen here: nothing to do.
      counts.identical += 1;
      continue;
    }
    if (classification.kind === 'identical') {
      const revisions = syncAfterIdentical(local.revision, record);
      if (revisions) {
        setRevisions(w, local, revisions);
        counts.synced += 1;
      }
      counts.identical += 1;
      continue;
    }
    // A conflict the preview could not show (an earlier file of this apply wrote the record)
    // follows the choice for all; without one the local record stays: nothing is overwritten
    // that nobody decided.
    const choice =
      classification.kind === 'changed'
        ? 'take_incoming'
        : (choices.records[changeKey(file.fileIndex, line)] ?? choices.all ?? 'keep_local');
    if (choice === 'take_incoming') {
      overwriteRecord(w, local, record, takeIncoming(record));
      counts.updated += 1;
    } else {
      keepLocalRecord(w, local, keepLocal(local.revision, record));
      counts.keptLocal += 1;
    }
  }
  return counts;
}
