// What the first pass keeps of each rating line so the second pass can decide the common case
// without reading the line again: its unit, revision and whether it is a tombstone, in typed
// arrays indexed by line (a national file's 520,000 ratings: about 7 MB). The unit ids are kept
// once per unit. The second pass still walks the lines in order, so errors, listed changes and
// decisions come out exactly as before; a rating it cannot decide from these facts alone (see
// planning.ts, quickRating) goes the full way, parsed and resolved.
import type { ExchangeRecord } from '../format/records';

export interface RatingFact {
  unitId: string;
  rev: number;
  deleted: boolean;
}

const NONE = -1;

export class RatingFacts {
  private readonly unitIds: string[] = [];
  private readonly unitIndex = new Map<string, number>();
  /** Index into unitIds per line − 2; NONE for a line that is not a rating kept here. */
  private readonly unitOf: Int32Array;
  private readonly revOf: Float64Array;
  private readonly deletedOf: Uint8Array;

  /** `lines`: the file's record lines (line 1 is the header). */
  constructor(lines: number) {
    this.unitOf = new Int32Array(lines).fill(NONE);
    this.revOf = new Float64Array(lines);
    this.deletedOf = new Uint8Array(lines);
  }

  add(line: number, record: Extract<ExchangeRecord, { t: 'rating' }>): void {
    const at = line - 2;
    if (at < 0 || at >= this.unitOf.length) return;
    let unit = this.unitIndex.get(record.d.unitId);
    if (unit === undefined) {
      unit = this.unitIds.length;
      this.unitIds.push(record.d.unitId);
      this.unitIndex.set(record.d.unitId, unit);
    }
    this.unitOf[at] = unit;
    this.revOf[at] = record.rev;
    this.deletedOf[at] = record.del === null ? 0 : 1;
  }

  /** Units the file's ratings name (each unit's facts index). */
  get unitCount(): number {
    return this.unitIds.length;
  }

  /** The index of the unit of the rating read at this line, or −1 (not a rating, or not kept). */
  unitAt(line: number): number {
    return this.unitOf[line - 2] ?? NONE;
  }

  unitId(unit: number): string {
    return this.unitIds[unit] ?? '';
  }

  /** The rating read at this line by the first pass, or null (not a rating, or not kept). */
  at(line: number): RatingFact | null {
    const unit = this.unitAt(line);
    if (unit === NONE) return null;
    return {
      unitId: this.unitId(unit),
      rev: this.revOf[line - 2] ?? 0,
      deleted: this.deletedOf[line - 2] === 1,
    };
  }
}
