// The blocks of word initials (migration 13) checked against the versions they summarise,
// recomputed here in JavaScript from the rows: what makes the search's walk exact.
import type { Db } from '../../electron/backend/db/open';
import { INITIALS } from '../../electron/backend/db/migrations/0013-unit-search-blocks';

interface Block {
  start: string;
  stop: string | Buffer;
  mask: bigint;
  size: bigint;
}

/** The bits of a version's words, counted as the migration's SQL counts them. */
export function wordBitsOf(text: string): bigint {
  let bits = 0n;
  for (const word of text.split(' ')) {
    const first = [...word][0];
    if (first !== undefined) bits |= 1n << BigInt(INITIALS.indexOf(first) + 1);
  }
  return bits;
}

/**
 * Throws unless the blocks cut the register into consecutive ranges of sort keys ('' to X'FF'),
 * each holding the initials of every version in its range and its true size, none grown past
 * 128 versions unless they all share one key. Returns how many blocks there are.
 */
export function checkSearchBlocks(db: Db): number {
  const blocks = db
    .prepare('SELECT start, stop, mask, size FROM unit_search_blocks ORDER BY start')
    .safeIntegers()
    .all() as Block[];
  const fail = (why: string): never => {
    throw new Error(`unit_search_blocks: ${why}`);
  };
  if (blocks[0]?.start !== '') fail('the first block does not start at the empty key');
  blocks.forEach((block, i) => {
    const next = blocks[i + 1];
    const stop = block.stop;
    if (next ? stop !== next.start : !(Buffer.isBuffer(stop) && stop.equals(Buffer.from([0xff])))) {
      fail(`block ${i} (${block.start}) does not stop where the next one starts`);
    }
  });
  // Each version's block found by SQLite, which compares keys as it does in the walk (UTF-8
  // bytes; JavaScript compares UTF-16 units, another order above U+FFFF).
  const versions = db
    .prepare(
      `SELECT sort_key, name_folded || ' ' || coalesce(code_folded, '') AS words,
         (SELECT max(b.start) FROM unit_search_blocks b WHERE b.start <= v.sort_key) AS block
       FROM unit_versions v`,
    )
    .all() as { sort_key: string; words: string; block: string }[];
  const index = new Map(blocks.map((b, i) => [b.start, i]));
  const inBlock: { count: number; keys: Set<string> }[] = blocks.map(() => ({
    count: 0,
    keys: new Set(),
  }));
  for (const version of versions) {
    const at = index.get(version.block) ?? fail(`no block for ${version.words}`);
    const block = blocks[at];
    const seen = inBlock[at];
    if (!block || !seen) return fail('no block');
    const bits = wordBitsOf(version.words);
    if ((block.mask & bits) !== bits) {
      fail(`block ${at} lacks an initial of "${version.words}"`);
    }
    seen.count++;
    seen.keys.add(version.sort_key);
  }
  blocks.forEach((block, i) => {
    const seen = inBlock[i];
    if (!seen) return;
    if (Number(block.size) !== seen.count) {
      fail(`block ${i} says ${block.size} versions, holds ${seen.count}`);
    }
    if (seen.count > 128 && seen.keys.size > 1) fail(`block ${i} holds ${seen.count} versions`);
  });
  return blocks.length;
}
