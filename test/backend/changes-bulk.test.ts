// data.changed after a bulk write names its entities but not every id: an exchange file of half
// a million ratings must not hold all their ids in memory nor send them to the window at once.
import { afterEach, expect, test } from 'vitest';
import {
  MAX_CHANGED_IDS,
  recordChange,
  startCollecting,
  takeChanges,
} from '../../electron/backend/changes';
import { cleanupTemp, makeBackend } from '../helpers/backend';

afterEach(cleanupTemp);

test('a bulk write keeps its entities and at most MAX_CHANGED_IDS ids', () => {
  const { db } = makeBackend().ctx;
  startCollecting(db);
  for (let i = 0; i < MAX_CHANGED_IDS + 500; i++) recordChange(db, 'rating', `r${i}`);
  recordChange(db, 'unit', 'u1');
  const changes = takeChanges(db);
  expect(changes?.entities).toEqual(['ratings', 'units']);
  expect(changes?.ids).toHaveLength(MAX_CHANGED_IDS);
});
