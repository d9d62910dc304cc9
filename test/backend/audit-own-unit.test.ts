// Nhật ký thay đổi: the setting of this PC's own unit (written by the setup) names the unit by
// its name, as every other change naming a unit does; it was shown as a bare id
// ("Giá trị: (trống) → 01a22c9b-…"), which no officer can read.
import { afterEach, expect, test } from 'vitest';
import { cleanupTemp, makeBackend } from '../helpers/backend';

afterEach(cleanupTemp);

test("the setup's own unit is named in the log, not shown by its id", () => {
  const b = makeBackend();
  b.call('setup.complete', {
    operatorName: 'Nguyễn Thị Hương',
    ownUnit: { mode: 'new', name: 'Huyện ủy Bắc Sơn', kind: 'upper_committee', fromYear: 2008 },
  });
  const ownUnitId = b.call('app.info', {}).ownUnitId;
  if (!ownUnitId) throw new Error('the setup gave no own unit');
  const entry = b
    .call('audit.list', {})
    .entries.find((e) => e.entity === 'settings' && e.entityId === 'own_unit_id');
  if (!entry) throw new Error('the own unit setting is not in the log');
  expect(entry.changes.find((c) => c.field === 'value')?.new).toBe(ownUnitId);
  expect(entry.unitNames).toEqual({ [ownUnitId]: 'Huyện ủy Bắc Sơn' });
  // Another setting's value is not taken for a unit.
  const operator = b
    .call('audit.list', {})
    .entries.find((e) => e.entity === 'settings' && e.entityId === 'operator_name');
  expect(operator?.unitNames).toEqual({});
});
