// Duplicates in one file (the same id twice, the same rating, member or yearly remark twice)
// found without keeping every key: a national file has half a million ratings, whose ids and
// keys as strings would be well over a hundred megabytes. Keys are kept as 53-bit hashes; a
// repeated hash is only a suspect, confirmed or cleared by comparing the exact keys of the two
// lines in one more read of the file (rare: two different keys of a national file share a hash
// about once in ten thousand files).
import type { ExchangeRecord } from '../format/records';

/** Two 32-bit FNV-1a hashes of different primes, joined into one safe integer (2^32 · 2^21). */
export function hash53(key: string): number {
  let a = 0x811c9dc5;
  let b = 0x3c6ef372;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  return (a >>> 0) * 0x200000 + ((b >>> 0) & 0x1fffff);
}

export type DuplicateKind = 'id' | 'natural';

/** The key a record is unique by, of one kind ('natural': null for kinds without one). */
export function keyOf(record: ExchangeRecord, kind: DuplicateKind): string | null {
  if (kind === 'id') return `${record.t}|${record.id}`;
  switch (record.t) {
    case 'rating':
      return `rating|${record.d.unitId}|${record.d.year}`;
    case 'member':
      // Only live members: a removed one may be added again under a new id.
      return record.del === null ? `member|${record.d.watchlistId}|${record.d.unitId}` : null;
    case 'result':
      return `result|${record.d.memberId}|${record.d.year}`;
    default:
      return null;
  }
}

export interface Suspect {
  kind: DuplicateKind;
  line: number;
  /** The earlier line with the same hash. */
  first: number;
}

/** Keys seen so far, as hashes, each with the first line that had it. */
export class SeenKeys {
  private readonly lines = new Map<number, number>();
  readonly suspects: Suspect[] = [];

  /** False when the key's hash was seen before (the line is then a suspect). */
  add(key: string, kind: DuplicateKind, line: number): boolean {
    const hash = hash53(key);
    const first = this.lines.get(hash);
    if (first === undefined) {
      this.lines.set(hash, line);
      return true;
    }
    this.suspects.push({ kind, line, first });
    return false;
  }
}

/**
 * The suspects that are real duplicates: reads the file once more for the lines involved and
 * compares their exact keys. `read` gives a checked line's record.
 */
export function confirmDuplicates(
  suspects: readonly Suspect[],
  lines: Iterable<{ line: number; text: string }>,
  read: (line: number, text: string) => ExchangeRecord | null,
): Suspect[] {
  if (suspects.length === 0) return [];
  const wanted = new Set(suspects.flatMap((s) => [s.line, s.first]));
  const records = new Map<number, ExchangeRecord>();
  for (const { line, text } of lines) {
    if (!wanted.has(line)) continue;
    const record = read(line, text);
    if (record) records.set(line, record);
  }
  return suspects.filter((s) => {
    const a = records.get(s.line);
    const b = records.get(s.first);
    return a !== undefined && b !== undefined && keyOf(a, s.kind) === keyOf(b, s.kind);
  });
}
