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

/** hash53 is never negative: -1 marks a free slot. */
const EMPTY = -1;
const INITIAL_SLOTS = 1 << 12;

/**
 * Keys seen so far, as hashes, each with the first line that had it: an open-addressing table in
 * two typed arrays (a national file adds over a million keys; a Map of numbers that large spends
 * more time allocating and rehashing than hashing, and twice the memory).
 */
export class SeenKeys {
  /** The hashes (EMPTY where no key is), and the first line of each. */
  private hashes = new Float64Array(INITIAL_SLOTS).fill(EMPTY);
  private firsts = new Int32Array(INITIAL_SLOTS);
  private count = 0;
  readonly suspects: Suspect[] = [];

  /** False when the key's hash was seen before (the line is then a suspect). */
  add(key: string, kind: DuplicateKind, line: number): boolean {
    const hash = hash53(key);
    const slot = this.slotOf(hash);
    if (this.hashes[slot] === hash) {
      this.suspects.push({ kind, line, first: this.firsts[slot]! });
      return false;
    }
    this.hashes[slot] = hash;
    this.firsts[slot] = line;
    this.count += 1;
    // At most half full, so a probe ends soon.
    if (this.count * 2 > this.hashes.length) this.grow();
    return true;
  }

  /** The slot holding `hash`, or the empty slot where it goes (linear probing). */
  private slotOf(hash: number): number {
    const mask = this.hashes.length - 1;
    // The low 32 bits mix both halves of the hash (hash53 puts the second one there).
    let slot = (hash >>> 0) & mask;
    for (;;) {
      const held = this.hashes[slot];
      if (held === EMPTY || held === hash) return slot;
      slot = (slot + 1) & mask;
    }
  }

  private grow(): void {
    const hashes = this.hashes;
    const firsts = this.firsts;
    this.hashes = new Float64Array(hashes.length * 2).fill(EMPTY);
    this.firsts = new Int32Array(hashes.length * 2);
    for (let i = 0; i < hashes.length; i++) {
      const hash = hashes[i]!;
      if (hash === EMPTY) continue;
      const slot = this.slotOf(hash);
      this.hashes[slot] = hash;
      this.firsts[slot] = firsts[i]!;
    }
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
