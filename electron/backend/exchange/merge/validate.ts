// The first pass over a file's records: every record checked against its schema (the app's own
// field rules, a level valid for its year's scale), duplicates (the same
// id twice, or the same rating, member or yearly remark twice), and an index of what the file
// carries, so the second pass can tell a reference to a record of the file from a dangling one.
//
// The index keeps ids and a few names, never the records: a national file's ids are a few tens
// of megabytes, its records would be gigabytes.
import type { ExchangeEntity, FileIssue } from '../../../../shared/methods/exchange';
import { EXCHANGE_ENTITIES } from '../../../../shared/methods/exchange';
import { foldForSearch } from '../../../../shared/domain/text';
import type { ExchangeLine } from '../format/reader';
import type { DuplicateKind } from './duplicates';
import { SeenKeys, confirmDuplicates, keyOf } from './duplicates';
import type { FileMember } from './identity';
import { RatingFacts } from './rating-facts';
import type { ExchangeRecord, ParsedLine } from '../format/records';

/** Reads one record line through the record schemas (inside the backend's year rule). */
export type ParseLine = (text: string) => ParsedLine;

/** Issues listed per file at most; the count goes on. */
export const ISSUES_LISTED = 200;

/** A version of a unit of the file, as the "same unit?" search needs it. */
export interface FileVersion {
  nameFolded: string;
  codeFolded: string | null;
  parentId: string | null;
  from: number;
  to: number | null;
}

export interface FileIndex {
  /**
   * Ids of each kind the file carries, with the line of each; none for ratings (nothing refers
   * to a rating, and their duplicates are found by hash: see duplicates.ts).
   */
  ids: Record<ExchangeEntity, Map<string, number>>;
  /** A unit of the file → its name, code and parent in its latest version in the file. */
  units: Map<string, { name: string; code: string | null; parentId: string | null; from: number }>;
  /** Every version of every unit of the file (the "same unit?" search), by unit. */
  versions: Map<string, FileVersion[]>;
  /** A list of the file → its title; a member of the file → its list and unit. */
  lists: Map<string, string>;
  members: Map<string, FileMember>;
  /** Lines whose record is invalid (their records are not read again). */
  badLines: Set<number>;
  /**
   * Valid lines that are not byte for byte the JSON of their checked record (another program's
   * spacing or key order, text the schema cleaned): read again through the schema.
   */
  reparse: Set<number>;
  issues: FileIssue[];
  errorCount: number;
  /** Each rating's unit, revision and tombstone by line, for the second pass (rating-facts.ts). */
  ratings: RatingFacts;
}

/** `lines`: the file's record lines, for the ratings' facts (none kept for an empty index). */
export function emptyIndex(lines = 0): FileIndex {
  const ids = Object.fromEntries(
    EXCHANGE_ENTITIES.map((e) => [e, new Map<string, number>()]),
  ) as Record<ExchangeEntity, Map<string, number>>;
  return {
    ids,
    units: new Map(),
    versions: new Map(),
    lists: new Map(),
    members: new Map(),
    badLines: new Set(),
    reparse: new Set(),
    issues: [],
    errorCount: 0,
    ratings: new RatingFacts(lines),
  };
}

export function addIssue(index: FileIndex, line: number | null, message: string): void {
  index.errorCount += 1;
  if (line !== null) index.badLines.add(line);
  if (index.issues.length < ISSUES_LISTED) {
    index.issues.push({ line, message: line === null ? message : `Dòng ${line}: ${message}` });
  }
}

const NATURAL_DUPLICATE: Partial<Record<ExchangeEntity, string>> = {
  rating: 'tổ chức này đã có một kết quả xếp loại của cùng năm ở dòng',
  member: 'tổ chức này đã có trong cùng danh sách ở dòng',
  result: 'tổ chức này đã có nhận xét của cùng năm ở dòng',
};

/**
 * What the first pass remembers of one record (the rest is read again in the second pass, but
 * for a rating it can decide from its facts alone).
 */
function remember(index: FileIndex, line: number, record: ExchangeRecord): void {
  switch (record.t) {
    case 'rating':
      index.ratings.add(line, record);
      return;
    case 'unit_version': {
      const d = record.d;
      const known = index.units.get(d.unitId);
      if (!known || d.validFrom >= known.from) {
        index.units.set(d.unitId, {
          name: d.name,
          code: d.code,
          parentId: d.parentId,
          from: d.validFrom,
        });
      }
      if (record.del !== null) return;
      const versions = index.versions.get(d.unitId) ?? [];
      versions.push({
        nameFolded: foldForSearch(d.name),
        codeFolded: d.code ? foldForSearch(d.code) : null,
        parentId: d.parentId,
        from: d.validFrom,
        to: d.validTo,
      });
      index.versions.set(d.unitId, versions);
      return;
    }
    case 'watchlist':
      index.lists.set(record.id, record.d.title);
      return;
    case 'member':
      index.members.set(record.id, { watchlistId: record.d.watchlistId, unitId: record.d.unitId });
      return;
    default:
      return;
  }
}

function duplicateMessage(record: ExchangeRecord, kind: DuplicateKind, first: number): string {
  return kind === 'id'
    ? `mã định danh ${record.id} bị trùng với bản ghi ở dòng ${first}.`
    : `bản ghi trùng: ${NATURAL_DUPLICATE[record.t] ?? 'đã có ở dòng'} ${first}.`;
}

/**
 * Reads every record line once: schema and duplicates; fills the index. The order of the records
 * does not matter: everything that needs another record (references, members) uses the index.
 * `parse` runs the record schema (inside the backend's year rule); `lines` reads the file from
 * its start (again when a duplicate must be confirmed); `progress` is told each line;
 * `recordLines` sizes the ratings' facts.
 *
 * Ids of every kind but ratings are kept exactly (references and matching need them); a
 * rating's id, and every natural key, only as a hash (duplicates.ts).
 */
export function indexFile(
  lines: () => Iterable<ExchangeLine>,
  parse: ParseLine,
  progress: () => void,
  recordLines = 0,
): FileIndex {
  const index = emptyIndex(recordLines);
  const hashed = new SeenKeys();
  const checked = new Map<number, ExchangeRecord>();
  for (const { line, text } of lines()) {
    progress();
    const parsed = parse(text);
    if (!parsed.ok) {
      addIssue(index, line, parsed.message);
      continue;
    }
    const record = parsed.record;
    if (JSON.stringify(record) !== text) index.reparse.add(line);
    if (record.t === 'rating') {
      hashed.add(keyOf(record, 'id') ?? '', 'id', line);
    } else {
      const ids = index.ids[record.t];
      const sameId = ids.get(record.id);
      if (sameId !== undefined) {
        addIssue(index, line, duplicateMessage(record, 'id', sameId));
        continue;
      }
      ids.set(record.id, line);
    }
    const key = keyOf(record, 'natural');
    if (key !== null) hashed.add(key, 'natural', line);
    remember(index, line, record);
  }
  // Suspects are few: their records are kept while they are confirmed.
  const confirmed = confirmDuplicates(hashed.suspects, lines(), (line, text) => {
    const again = readChecked(index.reparse, parse, line, text);
    if (again.ok) checked.set(line, again.record);
    return again.ok ? again.record : null;
  });
  for (const duplicate of confirmed) {
    const record = checked.get(duplicate.line);
    if (record)
      addIssue(index, duplicate.line, duplicateMessage(record, duplicate.kind, duplicate.first));
  }
  return index;
}

/**
 * A line the first pass checked, read again (the second pass, the apply). The schema is the
 * costly part of reading a national file, so a line that is exactly the JSON of its checked
 * record (every line of a file this app wrote) is parsed as plain JSON: it is that very record.
 * Other lines go through the schema again, which cleans them as the first pass did.
 */
export function readChecked(
  reparse: ReadonlySet<number>,
  parse: ParseLine,
  line: number,
  text: string,
): ParsedLine {
  if (reparse.has(line)) return parse(text);
  return { ok: true, record: JSON.parse(text) as ExchangeRecord };
}
