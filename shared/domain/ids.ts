// Ids are UUIDs made where the record is born, so files from many PCs merge without collisions.
// They are version 7 (RFC 9562): the first 48 bits are the Unix time in milliseconds, the rest
// random but for a counter that keeps the ids of one program ascending. Ids born one after the
// other then sort one after the other, so a bulk write (an import's 55,000 ratings and their
// audit rows) appends to the end of the id-keyed indexes instead of landing on a random page of
// a 520,000-row index each time. Ids stay opaque: nothing reads the time back out of them.

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Random bytes drawn a pool at a time: one call to the system's source per 512 ids. */
const POOL_IDS = 512;
const RANDOM_BYTES_PER_ID = 10;
const pool = new Uint8Array(POOL_IDS * RANDOM_BYTES_PER_ID);
let poolAt = pool.length;

function randomBytes(): number {
  if (poolAt === pool.length) {
    crypto.getRandomValues(pool);
    poolAt = 0;
  }
  const at = poolAt;
  poolAt += RANDOM_BYTES_PER_ID;
  return at;
}

/** The 12-bit counter (rand_a) of the last id, and the millisecond it belongs to. */
const COUNTER_MAX = 0xfff;
let lastMs = 0;
let counter = 0;

export function newId(): string {
  const at = randomBytes();
  let ms = Date.now();
  if (ms > lastMs) {
    lastMs = ms;
    // Start low in the millisecond so there is room to count up (RFC 9562 §6.2, method 1).
    counter = ((pool[at] ?? 0) << 3) | ((pool[at + 1] ?? 0) & 0x7);
  } else if (counter < COUNTER_MAX) {
    // The same millisecond, or the clock stepped back: stay on the last one and count up.
    counter++;
  } else {
    // 4,096 ids in one millisecond: borrow the next millisecond rather than repeat an id.
    lastMs++;
    counter = 0;
  }
  ms = lastMs;
  const b = (i: number) => HEX[pool[at + i] ?? 0];
  const timeHex = ms.toString(16).padStart(12, '0');
  const counterHex = (0x7000 | counter).toString(16);
  const variant = HEX[0x80 | ((pool[at + 2] ?? 0) & 0x3f)];
  return (
    `${timeHex.slice(0, 8)}-${timeHex.slice(8)}-${counterHex}-` +
    `${variant}${b(3)}-${b(4)}${b(5)}${b(6)}${b(7)}${b(8)}${b(9)}`
  );
}

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
