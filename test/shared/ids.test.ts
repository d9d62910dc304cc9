import { afterEach, describe, expect, test, vi } from 'vitest';
import { UUID_PATTERN, newId } from '../../shared/domain/ids';

const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The Unix milliseconds an id carries in its first 48 bits. */
const msOf = (id: string) => parseInt(id.slice(0, 8) + id.slice(9, 13), 16);

afterEach(() => {
  vi.restoreAllMocks();
});

describe('newId', () => {
  test('is a version 7 UUID, accepted where a UUID is expected', () => {
    for (let i = 0; i < 1_000; i++) {
      const id = newId();
      expect(id).toMatch(V7);
      expect(id).toMatch(UUID_PATTERN);
    }
  });

  test('carries the time it was made', () => {
    const before = Date.now();
    const id = newId();
    const after = Date.now();
    // At or after the last id's millisecond: ids made in a burst may borrow the next one.
    expect(msOf(id)).toBeGreaterThanOrEqual(before);
    expect(msOf(id)).toBeLessThanOrEqual(after + 1);
  });

  test('ids made one after the other ascend and never repeat', () => {
    const ids = Array.from({ length: 20_000 }, () => newId());
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...ids].sort());
  });

  test('within one millisecond, across its 4,096 counter values and a clock stepped back', () => {
    const now = vi.spyOn(Date, 'now').mockReturnValue(4_102_444_800_000);
    const ids = Array.from({ length: 5_000 }, () => newId());
    now.mockReturnValue(4_102_444_700_000);
    ids.push(...Array.from({ length: 100 }, () => newId()));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...ids].sort());
    for (const id of ids) expect(id).toMatch(V7);
    // Past 4,096 in one millisecond the next millisecond is borrowed, never more.
    expect(msOf(ids[0] ?? '')).toBe(4_102_444_800_000);
    expect(msOf(ids[ids.length - 1] ?? '')).toBe(4_102_444_800_001);
  });
});
