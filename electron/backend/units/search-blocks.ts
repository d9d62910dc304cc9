// A wide search's walk of the register through the blocks of migration 13: only the blocks whose
// versions have words beginning with each of the search's first letters are walked, each through
// the register index within its own range of sort keys. The blocks are disjoint ranges in the
// register's order, so rows come out in the order of the plain walk and a page stops as soon as
// it is full; a block left out holds no version that could match.
import { INITIALS } from '../db/migrations/0013-unit-search-blocks';

/**
 * The bits a block must hold for a search's words (each word's first letter, as the migration
 * counts it: bit n for the n-th character of INITIALS, bit 0 for any other). A JavaScript number:
 * the highest bit, 36, is far within its exact integers.
 */
export function searchBits(words: readonly string[]): number {
  let bits = 0;
  for (const word of words) {
    const first = [...word][0];
    if (first === undefined) continue;
    const bit = 2 ** (INITIALS.indexOf(first) + 1);
    if (Math.floor(bits / bit) % 2 === 0) bits += bit;
  }
  return bits;
}

/**
 * `FROM` of the walk: blocks in order (`b`), then inside each the register index from the block's
 * start, or from the cursor's key in the block it falls in (never from the cursor in a later block,
 * which would walk the blocks between again). The caller tests `v` and orders by BLOCK_ORDER.
 */
export function blockWalkFrom(resume: boolean): string {
  return `unit_search_blocks b INDEXED BY unit_search_blocks_walk
    CROSS JOIN unit_versions v INDEXED BY unit_versions_register
      ON v.sort_key >= ${resume ? 'max(b.start, :afterKey)' : 'b.start'} AND v.sort_key < b.stop`;
}

/**
 * What a block must satisfy, and a cursor's resume point (`+` keeps SQLite from taking the
 * cursor as the index's lower bound in every block).
 */
export function blockWalkWhere(resume: boolean): string {
  return (
    '(b.mask & :bits) = :bits' +
    (resume ? ' AND b.stop > :afterKey AND (+v.sort_key, v.unit_id) > (:afterKey, :afterId)' : '')
  );
}

/**
 * The walk's order: the block's, then the register index's within it (no sort). Every column of
 * the blocks' unique index is named, so SQLite knows each block comes once and the rows within
 * it keep the index's order (`start` alone orders the blocks: it is the table's key).
 */
export const BLOCK_ORDER = 'b.start, b.mask, b.stop, v.sort_key, v.unit_id';
