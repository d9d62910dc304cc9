// Units whose founding year is not known ("có từ trước"), and corrections of the founding year
// and the parent: a register of units that already exist must take their whole history.
import { afterEach, describe, expect, test } from 'vitest';
import { MIN_YEAR } from '../../shared/domain/years';
import type { TestBackend } from '../helpers/backend';
import {
  VIETNAMESE_LETTER,
  addUnit,
  cleanupTemp,
  errorOf,
  makeBackend,
  namesIn,
} from '../helpers/backend';

afterEach(cleanupTemp);

/** A unit registered the way the form and `units add` now do by default: no founding year. */
function addExisting(
  b: TestBackend,
  name: string,
  extra: { parentId?: string; code?: string } = {},
) {
  return b.call('units.create', { name, kind: 'base_committee', sector: 'commune', ...extra });
}

function eventTypes(b: TestBackend, id: string) {
  return b.call('units.get', { id }).events.map((e) => [e.type, e.year]);
}

describe('a unit registered without a founding year', () => {
  test('exists in every earlier year, has no invented founding event and says so', () => {
    const b = makeBackend();
    const unit = addExisting(b, 'Đảng bộ xã Đồng Ý');
    expect(unit.foundedYear).toBeNull();
    expect(unit.current.foundedYear).toBeNull();
    expect(unit.events).toEqual([]);
    expect(unit.versions.map((v) => [v.validFrom, v.validTo])).toEqual([[MIN_YEAR, null]]);
    for (const year of [MIN_YEAR, 1975, 2008, 2016, 2026]) {
      expect(namesIn(b, year), String(year)).toEqual(['Đảng bộ xã Đồng Ý']);
    }
    expect(b.call('units.list', { year: 2016 }).rows[0]!.foundedYear).toBeNull();
  });

  test('takes ratings of earlier years (the 2016 rating of Đồng Ý)', () => {
    const b = makeBackend();
    const unit = addExisting(b, 'Đảng bộ xã Đồng Ý');
    const rating = b.call('ratings.set', { unitId: unit.id, year: 2016, levelCode: 'yếu kém' });
    expect(rating.levelCode).toBe('YK');
    b.call('ratings.set', { unitId: unit.id, year: 2008, levelCode: 'HTNV' });
    expect(b.call('ratings.history', { unitId: unit.id }).ratings.map((r) => r.year)).toEqual([
      2008, 2016,
    ]);
  });

  test('a clash with another unit "có từ trước" names no year (not 1930)', () => {
    const b = makeBackend();
    addExisting(b, 'Đảng bộ xã Đồng Ý', { code: 'BS01' });
    const before = b.snapshot();
    const code = errorOf(
      b.attempt('units.create', { name: 'Đảng bộ xã Trùng Mã', code: 'bs01', kind: 'base_cell' }),
    );
    expect(code.message).toBe(
      'Mã "bs01" đã được dùng cho "Đảng bộ xã Đồng Ý" trong cùng các năm (cả hai đều có từ ' +
        'trước). Mỗi mã chỉ dùng cho một tổ chức trong cùng một năm.',
    );
    const name = errorOf(
      b.attempt('units.create', { name: 'Đảng bộ xã Đồng Ý', kind: 'base_cell' }),
    );
    expect(name.message).toMatch(/trong cùng các năm \(cả hai đều có từ trước\)\./);
    expect(b.snapshot()).toBe(before);
  });

  test('is found by search in earlier years', () => {
    const b = makeBackend();
    addExisting(b, 'Đảng bộ xã Đồng Ý', { code: 'BS01' });
    expect(namesIn(b, 2010, { search: 'dong y' })).toEqual(['Đảng bộ xã Đồng Ý']);
    expect(namesIn(b, 2010, { search: 'bs01' })).toEqual(['Đảng bộ xã Đồng Ý']);
  });

  test('can be renamed, moved and merged in any earlier year', () => {
    const b = makeBackend();
    const district = b.call('units.create', { name: 'Huyện ủy Bắc Sơn', kind: 'upper_committee' });
    const a = addExisting(b, 'Đảng bộ xã Vũ Lễ', { parentId: district.id });
    const c = addExisting(b, 'Đảng bộ xã Đồng Ý', { parentId: district.id });
    const renamed = b.call('units.rename', { id: a.id, year: 2012, name: 'Đảng bộ xã Vũ Lăng' });
    expect(renamed.versions.map((v) => [v.validFrom, v.validTo, v.name])).toEqual([
      [MIN_YEAR, 2011, 'Đảng bộ xã Vũ Lễ'],
      [2012, null, 'Đảng bộ xã Vũ Lăng'],
    ]);
    b.call('units.merge', { sourceIds: [a.id], targetId: c.id, year: 2015 });
    expect(namesIn(b, 2010, { parentId: district.id })).toEqual([
      'Đảng bộ xã Đồng Ý',
      'Đảng bộ xã Vũ Lễ',
    ]);
    expect(namesIn(b, 2016, { parentId: district.id })).toEqual(['Đảng bộ xã Đồng Ý']);
  });

  test('a founding date without a year gives the year', () => {
    const b = makeBackend();
    const unit = b.call('units.create', {
      name: 'Chi bộ Trường THPT Bắc Sơn',
      kind: 'base_cell',
      foundedOn: '05/09/2001',
      basis: '45-QĐ/HU',
    });
    expect(unit.foundedYear).toBe(2001);
    expect(unit.events.map((e) => [e.type, e.year, e.eventDate, e.basis])).toEqual([
      ['founded', 2001, '2001-09-05', '45-QĐ/HU'],
    ]);
  });

  test('a founding basis without a year is refused, changing nothing', () => {
    const b = makeBackend();
    const before = b.snapshot();
    const error = errorOf(
      b.attempt('units.create', { name: 'Chi bộ X', kind: 'base_cell', basis: '12-QĐ/HU' }),
    );
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toBe(
      'Chỉ ghi được số, ký hiệu văn bản thành lập khi biết năm thành lập. ' +
        'Hãy ghi năm thành lập, hoặc để trống ô số, ký hiệu văn bản.',
    );
    expect(b.snapshot()).toBe(before);
  });

  test('cannot sit under a parent founded in a known year, and the message says why', () => {
    const b = makeBackend();
    const district = addUnit(b, 'Huyện ủy Bắc Sơn', 2008, { kind: 'upper_committee' });
    const before = b.snapshot();
    const error = errorOf(
      b.attempt('units.create', {
        name: 'Đảng bộ xã Đồng Ý',
        kind: 'base_committee',
        parentId: district.id,
      }),
    );
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toBe(
      'Tổ chức cấp trên "Huyện ủy Bắc Sơn" có từ năm 2008, còn tổ chức này có từ trước ' +
        '(không rõ năm thành lập). Hãy ghi năm thành lập của tổ chức này (từ 2008 trở đi), ' +
        'hoặc đính chính năm thành lập của "Huyện ủy Bắc Sơn" thành "có từ trước".',
    );
    expect(b.snapshot()).toBe(before);
  });

  test('first-run setup without a founding year makes the own unit "có từ trước"', () => {
    const b = makeBackend({ operator: null });
    const info = b.call('setup.complete', {
      operatorName: 'Dương Minh Phong',
      ownUnit: { mode: 'new', name: 'Đảng bộ xã Hòa Sơn', kind: 'base_committee' },
    });
    const own = b.call('units.get', { id: info.ownUnitId! });
    expect(own.foundedYear).toBeNull();
    expect(namesIn(b, 2016)).toEqual(['Đảng bộ xã Hòa Sơn']);
  });
});

describe('đính chính of the founding year', () => {
  test('from a known year to unknown: the unit reaches back, the founding event goes', () => {
    const b = makeBackend();
    const unit = addUnit(b, 'Đảng bộ xã Đồng Ý', 2026, { kind: 'base_committee' });
    expect(namesIn(b, 2016)).toEqual([]);
    const after = b.call('units.correct', {
      id: unit.id,
      versionId: unit.current.versionId,
      foundedYear: null,
    });
    expect(after.foundedYear).toBeNull();
    expect(after.versions.map((v) => [v.validFrom, v.validTo])).toEqual([[MIN_YEAR, null]]);
    expect(after.events).toEqual([]);
    expect(namesIn(b, 2016)).toEqual(['Đảng bộ xã Đồng Ý']);
    b.call('ratings.set', { unitId: unit.id, year: 2016, levelCode: 'YK' });
  });

  test('from unknown to a known year: a founding event appears, earlier years are gone', () => {
    const b = makeBackend();
    const unit = addExisting(b, 'Đảng bộ xã Đồng Ý');
    const after = b.call('units.correct', {
      id: unit.id,
      versionId: unit.current.versionId,
      foundedYear: 1946,
    });
    expect(after.foundedYear).toBe(1946);
    expect(after.versions.map((v) => [v.validFrom, v.validTo])).toEqual([[1946, null]]);
    expect(eventTypes(b, unit.id)).toEqual([['founded', 1946]]);
    expect(namesIn(b, 1945)).toEqual([]);
    expect(namesIn(b, 1946)).toEqual(['Đảng bộ xã Đồng Ý']);
  });

  test('from one known year to another moves the founding event with it', () => {
    const b = makeBackend();
    const unit = addUnit(b, 'Chi bộ Thôn Pác Cáp', 2012, { foundedOn: '2012-03-01' });
    const after = b.call('units.correct', {
      id: unit.id,
      versionId: unit.current.versionId,
      foundedYear: 2010,
    });
    expect(after.versions[0]!.validFrom).toBe(2010);
    // The date belonged to the wrong year, so it cannot stand; the audit log keeps it.
    expect(after.events.map((e) => [e.type, e.year, e.eventDate])).toEqual([
      ['founded', 2010, null],
    ]);
  });

  test('a later founding year is refused while earlier years hold a rating, a change or a subordinate unit', () => {
    const b = makeBackend();
    const unit = addExisting(b, 'Đảng bộ xã Đồng Ý');
    const versionId = unit.current.versionId;
    b.call('ratings.set', { unitId: unit.id, year: 2016, levelCode: 'YK' });
    const before = b.snapshot();
    const rated = errorOf(
      b.attempt('units.correct', { id: unit.id, versionId, foundedYear: 2020 }),
    );
    expect(rated.message).toBe(
      '"Đảng bộ xã Đồng Ý" đã có kết quả xếp loại năm 2016, nên năm thành lập không thể sau năm ' +
        '2016. Hãy xóa kết quả đó trước nếu nó ghi nhầm.',
    );
    expect(b.snapshot()).toBe(before);

    const cell = b.call('units.create', {
      name: 'Chi bộ thôn Khuổi Cầm',
      kind: 'subordinate_cell',
      parentId: unit.id,
      fromYear: 2010,
    });
    const withChild = b.snapshot();
    const child = errorOf(
      b.attempt('units.correct', { id: unit.id, versionId, foundedYear: 2012 }),
    );
    expect(child.message).toBe(
      '"Chi bộ thôn Khuổi Cầm" trực thuộc "Đảng bộ xã Đồng Ý" từ năm 2010, nên năm thành lập ' +
        'của "Đảng bộ xã Đồng Ý" không thể sau năm 2010.',
    );
    expect(b.snapshot()).toBe(withChild);
    expect(cell.current.parentId).toBe(unit.id);

    b.call('units.rename', { id: unit.id, year: 2005, name: 'Đảng bộ xã Đồng Ý mới' });
    const renamed = b.snapshot();
    const first = b.call('units.get', { id: unit.id }).versions[0]!.id;
    const change = errorOf(
      b.attempt('units.correct', { id: unit.id, versionId: first, foundedYear: 2006 }),
    );
    expect(change.message).toBe(
      '"Đảng bộ xã Đồng Ý" đã có thông tin thay đổi từ năm 2005, nên năm thành lập không thể ' +
        'sau năm 2004.',
    );
    expect(b.snapshot()).toBe(renamed);
  });

  test('an earlier founding year must fit the parent and the code', () => {
    const b = makeBackend();
    const district = addUnit(b, 'Huyện ủy Bắc Sơn', 2008, { kind: 'upper_committee' });
    const unit = addUnit(b, 'Đảng bộ xã Đồng Ý', 2010, {
      kind: 'base_committee',
      parentId: district.id,
    });
    const before = b.snapshot();
    const error = errorOf(
      b.attempt('units.correct', {
        id: unit.id,
        versionId: unit.current.versionId,
        foundedYear: null,
      }),
    );
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toMatch(/^Tổ chức cấp trên "Huyện ủy Bắc Sơn" có từ năm 2008/);
    expect(b.snapshot()).toBe(before);

    const old = addUnit(b, 'Chi bộ Nông trường', 2000, { code: 'NT' });
    b.call('units.dissolve', { id: old.id, year: 2004 });
    const coded = addUnit(b, 'Chi bộ Nông trường mới', 2006, { code: 'NT' });
    const withCode = b.snapshot();
    const code = errorOf(
      b.attempt('units.correct', {
        id: coded.id,
        versionId: coded.current.versionId,
        foundedYear: 2003,
      }),
    );
    expect(code.code).toBe('DUPLICATE_CODE');
    expect(code.message).toMatch(VIETNAMESE_LETTER);
    expect(b.snapshot()).toBe(withCode);
  });
});

describe('đính chính of the parent', () => {
  test('placing the own unit under a district added later records no move', () => {
    const b = makeBackend({ operator: null });
    const info = b.call('setup.complete', {
      operatorName: 'Dương Minh Phong',
      ownUnit: { mode: 'new', name: 'Đảng bộ xã Hòa Sơn', kind: 'base_committee' },
    });
    const own = b.call('units.get', { id: info.ownUnitId! });
    const district = b.call('units.create', { name: 'Huyện ủy Hữu Lũng', kind: 'upper_committee' });
    const after = b.call('units.correct', {
      id: own.id,
      versionId: own.current.versionId,
      parentId: district.id,
    });
    expect(after.events).toEqual([]);
    expect(after.versions.map((v) => [v.validFrom, v.validTo, v.parentName])).toEqual([
      [MIN_YEAR, null, 'Huyện ủy Hữu Lũng'],
    ]);
    expect(namesIn(b, 2016, { parentId: district.id })).toEqual(['Đảng bộ xã Hòa Sơn']);
  });

  test('a later founding year and a parent founded in between are checked together', () => {
    const b = makeBackend();
    const province = addUnit(b, 'Đảng bộ tỉnh Lạng Sơn', 1947, { kind: 'province' });
    const unit = addExisting(b, 'Đảng bộ xã Hòa Sơn');
    // Alone, either change would be refused: the province did not exist "from before".
    const after = b.call('units.correct', {
      id: unit.id,
      versionId: unit.current.versionId,
      parentId: province.id,
      foundedYear: 1950,
    });
    expect(after.versions.map((v) => [v.validFrom, v.parentName])).toEqual([
      [1950, 'Đảng bộ tỉnh Lạng Sơn'],
    ]);
    expect(after.events.map((e) => e.type)).toEqual(['founded']);
  });

  test('the parent and the founding year can be corrected together', () => {
    const b = makeBackend();
    const district = addUnit(b, 'Huyện ủy Hữu Lũng', 2000, { kind: 'upper_committee' });
    const unit = addUnit(b, 'Đảng bộ xã Hòa Sơn', 2026, { kind: 'base_committee' });
    const after = b.call('units.correct', {
      id: unit.id,
      versionId: unit.current.versionId,
      parentId: district.id,
      foundedYear: 2000,
    });
    expect(after.versions.map((v) => [v.validFrom, v.parentId])).toEqual([[2000, district.id]]);
    expect(after.events.map((e) => [e.type, e.year])).toEqual([['founded', 2000]]);
  });
});
