// What keeps the exchange within its national-size budget (docs/performance.md): the export
// writes each kind of record in the order of their ids, so the receiver's inserts, audit rows and
// undo books fill their indexes in key order.
import { afterEach, describe, expect, test } from 'vitest';
import { EXCHANGE_ENTITIES } from '../../shared/methods/exchange';
import { cleanupTemp } from '../helpers/backend';
import { readParts, recordsOf } from '../helpers/exchange-files';
import { makeRichProvince } from '../helpers/exchange-export-fixture';
import { exportFile } from '../helpers/exchange-sites';

afterEach(cleanupTemp);

describe('exchange export order', () => {
  test('each kind of record comes in the order of its ids', async () => {
    const { backend } = makeRichProvince();
    const records = recordsOf(readParts((await exportFile(backend)).bytes));
    let kinds = 0;
    for (const entity of EXCHANGE_ENTITIES) {
      const ids = records.filter((r) => r.t === entity).map((r) => r.id);
      if (ids.length > 1) kinds++;
      // Ids are lower-case UUIDs: SQLite's order is JavaScript's code-unit order.
      expect(ids, entity).toEqual([...ids].sort());
    }
    // The fixture has several records of most kinds: the order is really tested.
    expect(kinds).toBeGreaterThanOrEqual(6);
  });
});
