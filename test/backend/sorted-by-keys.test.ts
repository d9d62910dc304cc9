// sortedByKeys (reports/sorted-by-keys.ts): the groups' order by their names' stored sort keys
// equals a stable sort with the Vietnamese collator whenever it answers, and it declines (null)
// whenever a key is missing or does not agree with the collator, so the caller sorts as before.
import { describe, expect, test } from 'vitest';
import { sortedByKeys } from '../../electron/backend/reports/sorted-by-keys';
import { unitSortKey } from '../../shared/domain/sort-key';
import { compareVietnamese } from '../../shared/domain/text';
import { prng } from '../helpers/prng';

interface Item {
  id: number;
  name: string;
  key: string | null;
}

const WORDS = [
  'Đảng bộ',
  'Đảng ủy',
  'Chi bộ',
  'xã',
  'phường',
  'Ân',
  'An',
  'Ấp',
  'Bình',
  'Đông',
  'Dương',
  'Ơn',
  'ơn',
  'Hòa',
  'Hoà',
  'Thị trấn',
  'Số 2',
  'Số 10',
  'Số 9',
];

function items(seed: number, n: number): Item[] {
  const rng = prng(seed);
  return Array.from({ length: n }, (_, id) => {
    const name = Array.from({ length: 1 + rng.int(4) }, () => rng.pick(WORDS)).join(' ');
    return { id, name, key: unitSortKey(name) };
  });
}

const collatorSort = (list: readonly Item[]) =>
  [...list].sort((a, b) => compareVietnamese(a.name, b.name));

const byKeys = (list: readonly Item[]) =>
  sortedByKeys(
    list,
    (i) => i.key,
    (i) => i.name,
  );

describe('the groups sorted by their stored keys', () => {
  test('equal to the collator’s stable sort whenever it answers, names repeated included', () => {
    let answered = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const list = items(seed, 5 + (seed % 60));
      const sorted = byKeys(list);
      if (sorted === null) continue;
      answered++;
      expect(sorted.map((i) => i.id)).toEqual(collatorSort(list).map((i) => i.id));
    }
    // The stored keys agree with the collator for such names: the cheap order is the usual one.
    expect(answered).toBeGreaterThan(150);
  });

  test('declines a key missing, a key out of the collator’s order, one name with two keys', () => {
    const list = items(7, 40);
    expect(byKeys(list)).not.toBeNull();
    const missing = list.map((i, n) => (n === 3 ? { ...i, key: null } : i));
    expect(byKeys(missing)).toBeNull();
    // Sorted first by its key while the collator puts it elsewhere.
    const last = collatorSort(list).at(-1);
    const wrong = list.map((i) => (i.id === last?.id ? { ...i, key: '' } : i));
    expect(byKeys(wrong)).toBeNull();
    const one: Item = { id: 1, name: 'Chi bộ An', key: unitSortKey('Chi bộ An') };
    const two: Item = { id: 2, name: 'Chi bộ An', key: `${unitSortKey('Chi bộ An')}x` };
    expect(byKeys([one, two])).toBeNull();
    const oneKey = [two, one].map((i) => ({ ...i, key: 'k' }));
    expect(byKeys(oneKey)?.map((i) => i.id)).toEqual([2, 1]);
  });
});
