import { afterEach, describe, expect, test } from 'vitest';
import { addUnit, cleanupTemp, makeBackend, namesIn } from '../helpers/backend';

afterEach(cleanupTemp);

describe('units.list as of a year', () => {
  test('shows only the units valid in that year', () => {
    const b = makeBackend();
    addUnit(b, 'Chi bộ Thôn Nà Rang', 2005);
    addUnit(b, 'Chi bộ Thôn Pác Cáp', 2012);
    const ended = addUnit(b, 'Chi bộ Trường Tiểu học Hoàng Đồng', 2008);
    b.call('units.dissolve', { id: ended.id, year: 2016 });

    expect(namesIn(b, 2004)).toEqual([]);
    expect(namesIn(b, 2005)).toEqual(['Chi bộ Thôn Nà Rang']);
    expect(namesIn(b, 2011)).toEqual(['Chi bộ Thôn Nà Rang', 'Chi bộ Trường Tiểu học Hoàng Đồng']);
    expect(namesIn(b, 2016)).toEqual([
      'Chi bộ Thôn Nà Rang',
      'Chi bộ Thôn Pác Cáp',
      'Chi bộ Trường Tiểu học Hoàng Đồng',
    ]);
    expect(namesIn(b, 2017)).toEqual(['Chi bộ Thôn Nà Rang', 'Chi bộ Thôn Pác Cáp']);
  });

  test('sorts rows in Vietnamese alphabetical order', () => {
    const b = makeBackend();
    for (const name of ['Đảng bộ xã Yên Trạch', 'Đảng bộ xã Ái Quốc', 'Đảng bộ xã Ân Tình']) {
      addUnit(b, name, 2020, { kind: 'base_committee' });
    }
    addUnit(b, 'Chi bộ Dương Xá', 2020);
    expect(namesIn(b, 2020)).toEqual([
      'Chi bộ Dương Xá',
      'Đảng bộ xã Ái Quốc',
      'Đảng bộ xã Ân Tình',
      'Đảng bộ xã Yên Trạch',
    ]);
  });

  test("gives each row its parent's name as of that year", () => {
    const b = makeBackend();
    const district = addUnit(b, 'Huyện ủy Cao Lộc', 2000, { kind: 'upper_committee' });
    const commune = addUnit(b, 'Đảng bộ xã Hợp Thành', 2000, {
      kind: 'base_committee',
      parentId: district.id,
    });
    b.call('units.rename', { id: district.id, year: 2020, name: 'Đảng bộ huyện Cao Lộc' });
    const rowIn = (year: number) =>
      b.call('units.list', { year }).rows.find((r) => r.id === commune.id)!;
    expect(rowIn(2019).parentName).toBe('Huyện ủy Cao Lộc');
    expect(rowIn(2020).parentName).toBe('Đảng bộ huyện Cao Lộc');
    expect(rowIn(2020).parentId).toBe(district.id);
  });

  test('filters by kind, sector, parent and whole subtree', () => {
    const b = makeBackend();
    const province = addUnit(b, 'Đảng bộ tỉnh Lạng Sơn', 1990, { kind: 'province' });
    const district = addUnit(b, 'Đảng bộ huyện Bắc Sơn', 1990, {
      kind: 'upper_committee',
      parentId: province.id,
    });
    const commune = addUnit(b, 'Đảng bộ xã Vũ Lễ', 1990, {
      kind: 'base_committee',
      sector: 'commune',
      parentId: district.id,
    });
    addUnit(b, 'Chi bộ thôn Nà Hin', 1990, { kind: 'subordinate_cell', parentId: commune.id });
    addUnit(b, 'Chi bộ Công an huyện', 1990, {
      kind: 'base_cell',
      sector: 'armed_forces',
      parentId: district.id,
    });

    expect(namesIn(b, 2000, { kind: 'base_committee' })).toEqual(['Đảng bộ xã Vũ Lễ']);
    expect(namesIn(b, 2000, { sector: 'armed_forces' })).toEqual(['Chi bộ Công an huyện']);
    expect(namesIn(b, 2000, { parentId: district.id })).toEqual([
      'Chi bộ Công an huyện',
      'Đảng bộ xã Vũ Lễ',
    ]);
    expect(namesIn(b, 2000, { parentId: province.id, descendants: true })).toEqual([
      'Chi bộ Công an huyện',
      'Chi bộ thôn Nà Hin',
      'Đảng bộ huyện Bắc Sơn',
      'Đảng bộ xã Vũ Lễ',
    ]);
  });

  test('the subtree follows the tree of the requested year', () => {
    const b = makeBackend();
    const oldDistrict = addUnit(b, 'Đảng bộ huyện Văn Quan', 2000, { kind: 'upper_committee' });
    const province = addUnit(b, 'Đảng bộ tỉnh Lạng Sơn', 2000, { kind: 'province' });
    const commune = addUnit(b, 'Đảng bộ xã Tân Đoàn', 2000, {
      kind: 'base_committee',
      parentId: oldDistrict.id,
    });
    addUnit(b, 'Chi bộ thôn Bản Chặng', 2000, {
      kind: 'subordinate_cell',
      parentId: commune.id,
    });
    b.call('units.move', { id: commune.id, year: 2025, parentId: province.id });

    const subtree = (root: string, year: number) =>
      namesIn(b, year, { parentId: root, descendants: true });
    expect(subtree(oldDistrict.id, 2024)).toEqual(['Chi bộ thôn Bản Chặng', 'Đảng bộ xã Tân Đoàn']);
    expect(subtree(oldDistrict.id, 2025)).toEqual([]);
    expect(subtree(province.id, 2025)).toEqual(['Chi bộ thôn Bản Chặng', 'Đảng bộ xã Tân Đoàn']);
  });
});

describe('renaming from a year', () => {
  test('shows the old name before that year and the new name from it on', () => {
    const b = makeBackend();
    const unit = addUnit(b, 'Đảng bộ thị trấn Đồng Đăng', 2010, { kind: 'base_committee' });
    b.call('units.rename', {
      id: unit.id,
      year: 2025,
      name: 'Đảng bộ xã Đồng Đăng',
      eventDate: '2025-07-01',
      basis: '1672/NQ-UBTVQH15',
    });
    expect(namesIn(b, 2024)).toEqual(['Đảng bộ thị trấn Đồng Đăng']);
    expect(namesIn(b, 2025)).toEqual(['Đảng bộ xã Đồng Đăng']);
    expect(namesIn(b, 2026)).toEqual(['Đảng bộ xã Đồng Đăng']);
    // The identity is the same in both years.
    expect(b.call('units.list', { year: 2024 }).rows[0]!.id).toBe(unit.id);
    expect(b.call('units.list', { year: 2025 }).rows[0]!.id).toBe(unit.id);
  });

  test('a rename between two versions leaves the later version alone', () => {
    const b = makeBackend();
    const unit = addUnit(b, 'Chi bộ A', 2010);
    b.call('units.changeFrom', { id: unit.id, year: 2018, sector: 'agency' });
    b.call('units.rename', { id: unit.id, year: 2014, name: 'Chi bộ B' });
    const versions = b.call('units.get', { id: unit.id }).versions;
    expect(versions.map((v) => [v.validFrom, v.validTo, v.name, v.sector])).toEqual([
      [2010, 2013, 'Chi bộ A', null],
      [2014, 2017, 'Chi bộ B', null],
      [2018, null, 'Chi bộ A', 'agency'],
    ]);
    expect(namesIn(b, 2017)).toEqual(['Chi bộ B']);
    expect(namesIn(b, 2018)).toEqual(['Chi bộ A']);
  });

  test('renaming to the same name records nothing', () => {
    const b = makeBackend();
    const unit = addUnit(b, 'Chi bộ Thôn Khòn Pảng', 2010);
    const before = b.snapshot();
    b.call('units.rename', { id: unit.id, year: 2015, name: '  Chi bộ   Thôn Khòn Pảng ' });
    expect(b.snapshot()).toBe(before);
  });
});

describe('units.get', () => {
  test('shows versions and lineage events in time order', () => {
    const b = makeBackend();
    const parent = addUnit(b, 'Đảng bộ huyện Lộc Bình', 2000, { kind: 'upper_committee' });
    const unit = addUnit(b, 'Chi bộ Thôn Bản Xâm', 2005, {
      foundedOn: '2005-03-02',
      basis: '12-QĐ/HU',
    });
    b.call('units.rename', { id: unit.id, year: 2008, name: 'Chi bộ Thôn Bản Xâm 1' });
    b.call('units.move', { id: unit.id, year: 2012, parentId: parent.id });
    b.call('units.rename', {
      id: unit.id,
      year: 2020,
      eventDate: '2020-11-20',
      name: 'Chi bộ Thôn Bản Xâm mới',
    });
    b.call('units.dissolve', { id: unit.id, year: 2023, basis: '99-QĐ/HU' });

    const detail = b.call('units.get', { id: unit.id });
    expect(detail.foundedYear).toBe(2005);
    expect(detail.endedYear).toBe(2023);
    expect(detail.versions.map((v) => [v.validFrom, v.validTo, v.name, v.parentName])).toEqual([
      [2005, 2007, 'Chi bộ Thôn Bản Xâm', null],
      [2008, 2011, 'Chi bộ Thôn Bản Xâm 1', null],
      [2012, 2019, 'Chi bộ Thôn Bản Xâm 1', 'Đảng bộ huyện Lộc Bình'],
      [2020, 2023, 'Chi bộ Thôn Bản Xâm mới', 'Đảng bộ huyện Lộc Bình'],
    ]);
    expect(detail.events.map((e) => [e.type, e.year, e.eventDate, e.basis])).toEqual([
      ['founded', 2005, '2005-03-02', '12-QĐ/HU'],
      ['renamed', 2008, null, null],
      ['moved', 2012, null, null],
      ['renamed', 2020, '2020-11-20', null],
      ['dissolved', 2023, null, '99-QĐ/HU'],
    ]);
    expect(detail.events[2]!.relatedUnitId).toBe(parent.id);
    expect(detail.events[2]!.relatedUnitName).toBe('Đảng bộ huyện Lộc Bình');
  });

  test('events recorded out of order come back in time order', () => {
    const b = makeBackend();
    const unit = addUnit(b, 'Chi bộ Một', 2000);
    b.call('units.rename', { id: unit.id, year: 2020, name: 'Chi bộ Ba' });
    b.call('units.rename', { id: unit.id, year: 2010, name: 'Chi bộ Hai' });
    b.call('units.changeFrom', { id: unit.id, year: 2015, sector: 'commune' });
    const detail = b.call('units.get', { id: unit.id });
    expect(detail.events.map((e) => [e.type, e.year])).toEqual([
      ['founded', 2000],
      ['renamed', 2010],
      ['changed', 2015],
      ['renamed', 2020],
    ]);
    expect(detail.versions.map((v) => [v.validFrom, v.validTo, v.name, v.sector])).toEqual([
      [2000, 2009, 'Chi bộ Một', null],
      [2010, 2014, 'Chi bộ Hai', null],
      [2015, 2019, 'Chi bộ Hai', 'commune'],
      // A version recorded earlier keeps its own facts.
      [2020, null, 'Chi bộ Ba', null],
    ]);
  });

  test('current is the version of the requested year, else the latest', () => {
    const b = makeBackend();
    const unit = addUnit(b, 'Tên cũ', 2010);
    b.call('units.rename', { id: unit.id, year: 2015, name: 'Tên mới' });
    expect(b.call('units.get', { id: unit.id, year: 2012 }).current.name).toBe('Tên cũ');
    expect(b.call('units.get', { id: unit.id, year: 2016 }).current.name).toBe('Tên mới');
    expect(b.call('units.get', { id: unit.id }).current.name).toBe('Tên mới');
    expect(b.call('units.get', { id: unit.id, year: 1990 }).current.name).toBe('Tên mới');
    const current = b.call('units.get', { id: unit.id, year: 2012 }).current;
    expect([current.validFrom, current.validTo, current.foundedYear]).toEqual([2010, 2014, 2010]);
  });

  test('an unknown id is NOT_FOUND', () => {
    const b = makeBackend();
    const result = b.attempt('units.get', { id: crypto.randomUUID() });
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('units.changeFrom', () => {
  test('in the year a version starts, corrects that version in place', () => {
    const b = makeBackend();
    const unit = addUnit(b, 'Chi bộ Cơ quan Ủy ban', 2015, { sector: 'agency' });
    const versionId = unit.versions[0]!.id;
    const after = b.call('units.changeFrom', {
      id: unit.id,
      year: 2015,
      name: 'Chi bộ Cơ quan Ủy ban nhân dân',
      code: 'CB-UB',
    });
    expect(after.versions).toHaveLength(1);
    expect(after.versions[0]).toMatchObject({
      id: versionId,
      validFrom: 2015,
      validTo: null,
      name: 'Chi bộ Cơ quan Ủy ban nhân dân',
      code: 'CB-UB',
      sector: 'agency',
    });
    expect(after.events.map((e) => e.type)).toEqual(['founded', 'changed']);
    expect(namesIn(b, 2015)).toEqual(['Chi bộ Cơ quan Ủy ban nhân dân']);
  });

  test('in a later year, closes the version the year before and starts a new one', () => {
    const b = makeBackend();
    const unit = addUnit(b, 'Chi bộ Bưu điện', 2010, { sector: 'enterprise' });
    const after = b.call('units.changeFrom', {
      id: unit.id,
      year: 2016,
      kind: 'base_committee',
      sector: 'public_service',
    });
    expect(after.versions.map((v) => [v.validFrom, v.validTo, v.kind, v.sector])).toEqual([
      [2010, 2015, 'base_cell', 'enterprise'],
      [2016, null, 'base_committee', 'public_service'],
    ]);
    expect(after.versions[0]!.id).toBe(unit.versions[0]!.id);
    expect(after.current.validFrom).toBe(2016);
    expect(after.events.at(-1)?.type).toBe('changed');
    const kinds = (year: number) => b.call('units.list', { year }).rows.map((r) => r.kind);
    expect(kinds(2015)).toEqual(['base_cell']);
    expect(kinds(2016)).toEqual(['base_committee']);
  });

  test('names the event by what changed: name → renamed, parent → moved', () => {
    const b = makeBackend();
    const parent = addUnit(b, 'Đảng bộ khối', 2000, { kind: 'upper_committee' });
    const unit = addUnit(b, 'Chi bộ X', 2010);
    b.call('units.changeFrom', { id: unit.id, year: 2012, name: 'Chi bộ Y' });
    b.call('units.changeFrom', { id: unit.id, year: 2013, parentId: parent.id });
    b.call('units.changeFrom', { id: unit.id, year: 2014, name: 'Chi bộ Z', code: 'Z' });
    expect(b.call('units.get', { id: unit.id }).events.map((e) => e.type)).toEqual([
      'founded',
      'renamed',
      'moved',
      'changed',
    ]);
  });

  test('a change to a unit that ended before that year is UNIT_ENDED', () => {
    const b = makeBackend();
    const unit = addUnit(b, 'Chi bộ Z', 2010);
    b.call('units.dissolve', { id: unit.id, year: 2015 });
    const result = b.attempt('units.changeFrom', { id: unit.id, year: 2016, name: 'Chi bộ Z2' });
    expect(result).toMatchObject({ ok: false, error: { code: 'UNIT_ENDED' } });
  });
});

describe('units.correct', () => {
  test('fixes a typo in one version without a new version or event', () => {
    const b = makeBackend();
    const unit = addUnit(b, 'Chi bộ Thôn Nà Pàn', 2010);
    b.call('units.rename', { id: unit.id, year: 2015, name: 'Chi bộ Thôn Nà Pàn 2' });
    const first = b.call('units.get', { id: unit.id }).versions[0]!;
    const after = b.call('units.correct', {
      id: unit.id,
      versionId: first.id,
      name: 'Chi bộ Thôn Nà Pàn (sửa)',
    });
    expect(after.versions.map((v) => [v.validFrom, v.validTo, v.name])).toEqual([
      [2010, 2014, 'Chi bộ Thôn Nà Pàn (sửa)'],
      [2015, null, 'Chi bộ Thôn Nà Pàn 2'],
    ]);
    expect(after.events.map((e) => e.type)).toEqual(['founded', 'renamed']);
  });

  test('a version id of another unit is NOT_FOUND', () => {
    const b = makeBackend();
    const one = addUnit(b, 'Chi bộ Một', 2010);
    const two = addUnit(b, 'Chi bộ Hai', 2010);
    const result = b.attempt('units.correct', {
      id: one.id,
      versionId: two.versions[0]!.id,
      name: 'Chi bộ Ba',
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(namesIn(b, 2010)).toEqual(['Chi bộ Hai', 'Chi bộ Một']);
  });
});
