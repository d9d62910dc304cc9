// Committees put in the Vietnamese collator's order by their names' stored sort keys
// (unit_versions.sort_key, units/sort-key: the collator's order as plain text), checked against
// the collator: the nation's ~440 groups sorted with the collator took ~3,800 comparisons
// (~0.2 µs each) in every cold report; by key, a string sort, then one collator comparison per
// neighbour. reports.carryOver (carry-over-units.ts) orders its committees with it too.
import { compareVietnamese } from '../../../shared/domain/text';

/**
 * `items` as a stable sort by `nameOf` with the collator puts them, or null when that cannot be
 * told cheaply. Sorted by key (stable), then each neighbour checked with the collator: the order
 * stands only if every neighbour is in the collator's order and names the collator finds equal
 * have equal keys. Then names equal to the collator are neighbours with one key, in the order
 * given, as the collator's stable sort leaves them. A key missing (null in the file, a name the
 * report supplies) or not agreeing gives null, and the caller sorts with the collator.
 */
export function sortedByKeys<T>(
  items: readonly T[],
  keyOf: (item: T) => string | null | undefined,
  nameOf: (item: T) => string,
): T[] | null {
  const keyed: { item: T; key: string }[] = [];
  for (const item of items) {
    const key = keyOf(item);
    if (key === undefined || key === null) return null;
    keyed.push({ item, key });
  }
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (let i = 1; i < keyed.length; i++) {
    const a = keyed[i - 1];
    const b = keyed[i];
    if (a === undefined || b === undefined) return null;
    const byName = compareVietnamese(nameOf(a.item), nameOf(b.item));
    if (byName > 0 || (byName === 0) !== (a.key === b.key)) return null;
  }
  return keyed.map((k) => k.item);
}
