// Nhật ký thay đổi: the setting of this PC's own unit (written by the setup) names the unit by
// its name, as every other change naming a unit does; it was shown as a bare id
// ("Giá trị: (trống) → 01a22c9b-…"), which no officer can read. So do a list named by its id (by
// its title) and a list's member named by its id (by its unit's name).
import { afterEach, expect, test } from 'vitest';
import { addUnit, cleanupTemp, makeBackend } from '../helpers/backend';

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

test("a list's member and a measure name the list by its title and the member by its unit", () => {
  const b = makeBackend();
  const province = addUnit(b, 'Đảng bộ tỉnh Lạng Sơn', 2008, { kind: 'province' });
  const unit = addUnit(b, 'Chi bộ thôn Bản Chang', 2010, { parentId: province.id });
  const list = b.call('watchlists.create', {
    title: 'Củng cố tổ chức cơ sở đảng yếu kém năm 2017',
    issuerId: province.id,
    year: 2017,
  });
  const member = b.call('watchlists.addMember', { watchlistId: list.id, unitId: unit.id });
  const measure = b.call('measures.add', {
    memberId: member.id,
    kind: 'committee',
    title: 'Kiện toàn cấp ủy',
  });
  const entries = b.call('audit.list', {}).entries;
  const memberRow = entries.find((e) => e.entity === 'watchlist_member' && e.action === 'insert');
  expect(memberRow?.unitNames).toMatchObject({
    [list.id]: 'Củng cố tổ chức cơ sở đảng yếu kém năm 2017',
    [unit.id]: 'Chi bộ thôn Bản Chang',
  });
  const measureRow = entries.find((e) => e.entity === 'measure' && e.entityId === measure.id);
  expect(measureRow?.unitNames).toEqual({ [member.id]: 'Chi bộ thôn Bản Chang' });
});
