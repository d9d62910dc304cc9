// Rules of the register: one name per parent and year (unless confirmed), nothing under a chi
// bộ trực thuộc, and names cleaned of invisible characters on every path.
import { afterEach, describe, expect, test } from 'vitest';
import type { ErrorCode } from '../../shared/errors';
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

/**
 * Huyện ủy Hữu Lũng (2008) ─ Đảng bộ xã Hòa Sơn (2008, HS) ─ Chi bộ thôn Nà Rang (2008)
 *                          ─ Đảng bộ xã Yên Thịnh (2008)   ─ Chi bộ thôn Đồng Tân (2008)
 */
function fixture() {
  const b = makeBackend();
  const district = addUnit(b, 'Huyện ủy Hữu Lũng', 2008, { kind: 'upper_committee' });
  const hoaSon = addUnit(b, 'Đảng bộ xã Hòa Sơn', 2008, {
    kind: 'base_committee',
    parentId: district.id,
    code: 'HS',
  });
  const yenThinh = addUnit(b, 'Đảng bộ xã Yên Thịnh', 2008, {
    kind: 'base_committee',
    parentId: district.id,
  });
  const naRang = addUnit(b, 'Chi bộ thôn Nà Rang', 2008, {
    kind: 'subordinate_cell',
    parentId: hoaSon.id,
  });
  const dongTan = addUnit(b, 'Chi bộ thôn Đồng Tân', 2008, {
    kind: 'subordinate_cell',
    parentId: yenThinh.id,
  });
  return { b, district, hoaSon, yenThinh, naRang, dongTan };
}

/** Asserts a refusal with its code and Vietnamese message, and that nothing was written. */
function refused(b: TestBackend, method: string, input: unknown, code: ErrorCode): string {
  const before = b.snapshot();
  const error = errorOf(b.raw(method, input));
  expect(error.code).toBe(code);
  expect(error.message).toMatch(VIETNAMESE_LETTER);
  expect(b.snapshot()).toBe(before);
  return error.message;
}

describe('one name per parent and year', () => {
  test('a second unit with the same name under the same parent is DUPLICATE_NAME, naming the first', () => {
    const { b, district } = fixture();
    // Old tone placement and other case: the same name to the register.
    const message = refused(
      b,
      'units.create',
      { name: 'ĐẢNG BỘ XÃ HOÀ SƠN', kind: 'base_committee', parentId: district.id, fromYear: 2010 },
      'DUPLICATE_NAME',
    );
    expect(message).toBe(
      'Đã có tổ chức "Đảng bộ xã Hòa Sơn" (mã HS) trực thuộc "Huyện ủy Hữu Lũng" trong năm 2010. ' +
        'Nếu đúng là hai tổ chức khác nhau cùng tên, hãy xác nhận để vẫn lưu.',
    );
  });

  test('is accepted when confirmed', () => {
    const { b, district } = fixture();
    const second = b.call('units.create', {
      name: 'Đảng bộ xã Hòa Sơn',
      kind: 'base_committee',
      parentId: district.id,
      fromYear: 2010,
      allowDuplicateName: true,
    });
    expect(second.current.name).toBe('Đảng bộ xã Hòa Sơn');
    expect(namesIn(b, 2010, { parentId: district.id })).toEqual([
      'Đảng bộ xã Hòa Sơn',
      'Đảng bộ xã Hòa Sơn',
      'Đảng bộ xã Yên Thịnh',
    ]);
  });

  test('the same name is fine under another parent, or once the first unit has ended', () => {
    const { b, district, yenThinh } = fixture();
    addUnit(b, 'Chi bộ thôn Nà Rang', 2010, { kind: 'subordinate_cell', parentId: yenThinh.id });
    const farm = addUnit(b, 'Chi bộ Nông trường Hữu Lũng', 2008, { parentId: district.id });
    b.call('units.dissolve', { id: farm.id, year: 2015 });
    const again = addUnit(b, 'Chi bộ Nông trường Hữu Lũng', 2016, { parentId: district.id });
    expect(again.id).not.toBe(farm.id);
  });

  test('top-level units: the message says so', () => {
    const b = makeBackend();
    addUnit(b, 'Đảng bộ tỉnh Lạng Sơn', 2000, { kind: 'province' });
    const message = refused(
      b,
      'units.create',
      { name: 'Đảng bộ tỉnh Lạng Sơn', kind: 'province', fromYear: 2005 },
      'DUPLICATE_NAME',
    );
    expect(message).toMatch(/ở cấp cao nhất \(không trực thuộc tổ chức nào\) trong năm 2005/);
  });

  test('renaming to a sibling name, moving next to one or correcting into one is refused too', () => {
    const { b, district, hoaSon, yenThinh, naRang, dongTan } = fixture();
    refused(
      b,
      'units.rename',
      { id: yenThinh.id, year: 2012, name: 'Đảng bộ xã Hòa Sơn' },
      'DUPLICATE_NAME',
    );
    refused(
      b,
      'units.correct',
      { id: yenThinh.id, versionId: yenThinh.current.versionId, name: 'Đảng bộ xã hòa sơn' },
      'DUPLICATE_NAME',
    );
    b.call('units.rename', { id: dongTan.id, year: 2012, name: 'Chi bộ thôn Nà Rang' });
    // Moving Yên Thịnh's "Nà Rang" under Hòa Sơn, which has its own.
    refused(b, 'units.move', { id: dongTan.id, year: 2013, parentId: hoaSon.id }, 'DUPLICATE_NAME');
    const moved = b.call('units.move', {
      id: dongTan.id,
      year: 2013,
      parentId: hoaSon.id,
      allowDuplicateName: true,
    });
    expect(moved.current.parentId).toBe(hoaSon.id);
    expect(namesIn(b, 2013, { parentId: hoaSon.id })).toEqual([
      'Chi bộ thôn Nà Rang',
      'Chi bộ thôn Nà Rang',
    ]);
    expect(naRang.current.parentId).toBe(hoaSon.id);
    expect(district.id).not.toBe(hoaSon.id);
  });

  test('a rename that keeps the name apart from siblings is fine, and so is re-saving an unchanged name', () => {
    const { b, hoaSon } = fixture();
    b.call('units.create', {
      name: 'Đảng bộ xã Hòa Sơn',
      kind: 'base_committee',
      fromYear: 2008,
      parentId: hoaSon.current.parentId,
      allowDuplicateName: true,
    });
    // A correction of the code only does not ask again about the confirmed name.
    const after = b.call('units.correct', {
      id: hoaSon.id,
      versionId: hoaSon.current.versionId,
      name: 'Đảng bộ xã Hòa Sơn',
      code: 'HS-1',
    });
    expect(after.current.code).toBe('HS-1');
  });

  test('split parts may not share a name with each other or with a unit already there', () => {
    const { b, hoaSon, yenThinh, dongTan } = fixture();
    const twins = refused(
      b,
      'units.split',
      {
        id: yenThinh.id,
        year: 2020,
        endSource: true,
        parts: [{ name: 'Đảng bộ xã Yên Bình' }, { name: 'Đảng bộ xã Yên  Bình' }],
      },
      'DUPLICATE_NAME',
    );
    expect(twins).toMatch(/tên trùng nhau/);
    const clash = refused(
      b,
      'units.split',
      { id: yenThinh.id, year: 2020, endSource: false, parts: [{ name: 'Đảng bộ xã Hòa Sơn' }] },
      'DUPLICATE_NAME',
    );
    expect(clash).toMatch(/^Đã có tổ chức "Đảng bộ xã Hòa Sơn" \(mã HS\)/);
    // Dividing a unit into one part that keeps its name is no clash with the unit it replaces.
    b.call('units.move', { id: dongTan.id, year: 2020, parentId: hoaSon.id });
    const kept = b.call('units.split', {
      id: yenThinh.id,
      year: 2020,
      endSource: true,
      parts: [{ name: 'Đảng bộ xã Yên Thịnh' }, { name: 'Đảng bộ xã Yên Bình' }],
    });
    expect(kept.created).toHaveLength(2);
    expect(hoaSon.current.name).toBe('Đảng bộ xã Hòa Sơn');
  });

  test('a merge that brings two same-named cells under one committee asks first', () => {
    const { b, hoaSon, yenThinh } = fixture();
    addUnit(b, 'Chi bộ thôn Nà Rang', 2008, { kind: 'subordinate_cell', parentId: yenThinh.id });
    const message = refused(
      b,
      'units.merge',
      { sourceIds: [yenThinh.id], targetId: hoaSon.id, year: 2025 },
      'DUPLICATE_NAME',
    );
    expect(message).toMatch(/trực thuộc "Đảng bộ xã Hòa Sơn" trong năm 2025/);
    b.call('units.merge', {
      sourceIds: [yenThinh.id],
      targetId: hoaSon.id,
      year: 2025,
      allowDuplicateName: true,
    });
    expect(namesIn(b, 2025, { parentId: hoaSon.id })).toEqual([
      'Chi bộ thôn Đồng Tân',
      'Chi bộ thôn Nà Rang',
      'Chi bộ thôn Nà Rang',
    ]);
  });
});

describe('nothing under a chi bộ trực thuộc', () => {
  const WHY =
    '"Chi bộ thôn Nà Rang" là chi bộ trực thuộc (cấp thấp nhất của tổ chức đảng), nên không thể ' +
    'có tổ chức đảng trực thuộc. Hãy chọn tổ chức cấp trên khác.';

  test('creating a unit under one is INVALID_PARENT, saying why', () => {
    const { b, naRang } = fixture();
    const message = refused(
      b,
      'units.create',
      { name: 'Tổ đảng số 1', kind: 'subordinate_cell', parentId: naRang.id, fromYear: 2010 },
      'INVALID_PARENT',
    );
    expect(message).toBe(WHY);
  });

  test('moving a unit under one, or correcting the parent to one, is refused', () => {
    const { b, naRang, dongTan, yenThinh } = fixture();
    expect(
      refused(
        b,
        'units.move',
        { id: dongTan.id, year: 2015, parentId: naRang.id },
        'INVALID_PARENT',
      ),
    ).toBe(WHY);
    expect(
      refused(
        b,
        'units.correct',
        { id: dongTan.id, versionId: dongTan.current.versionId, parentId: naRang.id },
        'INVALID_PARENT',
      ),
    ).toBe(WHY);
    expect(
      refused(
        b,
        'units.changeFrom',
        { id: dongTan.id, year: 2015, parentId: naRang.id },
        'INVALID_PARENT',
      ),
    ).toBe(WHY);
    expect(yenThinh.current.kind).toBe('base_committee');
  });

  test('merging a unit that has subordinate units into one is refused', () => {
    const { b, naRang, yenThinh } = fixture();
    expect(
      refused(
        b,
        'units.merge',
        { sourceIds: [yenThinh.id], targetId: naRang.id, year: 2020 },
        'INVALID_PARENT',
      ),
    ).toBe(WHY);
  });

  test('a unit that has subordinate units cannot become one (correction or change from a year)', () => {
    const { b, hoaSon } = fixture();
    const correct = refused(
      b,
      'units.correct',
      { id: hoaSon.id, versionId: hoaSon.current.versionId, kind: 'subordinate_cell' },
      'HAS_CHILDREN',
    );
    expect(correct).toBe(
      '"Đảng bộ xã Hòa Sơn" còn tổ chức đảng trực thuộc (ví dụ "Chi bộ thôn Nà Rang"), nên không ' +
        'thể là chi bộ trực thuộc: đó là cấp thấp nhất, không có tổ chức nào trực thuộc. Hãy ' +
        'chuyển các tổ chức đó sang cấp trên khác trước.',
    );
    refused(
      b,
      'units.changeFrom',
      { id: hoaSon.id, year: 2020, kind: 'subordinate_cell' },
      'HAS_CHILDREN',
    );
  });

  test('a unit whose subordinate units left before a year may become one from that year', () => {
    const { b, hoaSon, naRang, yenThinh } = fixture();
    b.call('units.move', { id: naRang.id, year: 2019, parentId: yenThinh.id });
    const after = b.call('units.changeFrom', {
      id: hoaSon.id,
      year: 2019,
      kind: 'subordinate_cell',
      parentId: yenThinh.id,
    });
    expect(after.current.kind).toBe('subordinate_cell');
  });
});

describe('invisible characters', () => {
  test('"Hò\\u200Ba Sơn" is the same name as "Hòa Sơn": stored clean and refused as a duplicate', () => {
    const { b, district } = fixture();
    refused(
      b,
      'units.create',
      {
        name: 'Đảng bộ xã Hò\u200Ba Sơn',
        kind: 'base_committee',
        parentId: district.id,
        fromYear: 2010,
      },
      'DUPLICATE_NAME',
    );
    const elsewhere = b.call('units.create', {
      name: '\uFEFFĐảng bộ xã Hò\u200Ba\u00AD Sơn\u202E',
      code: 'HS\u200B-2',
      kind: 'base_committee',
      fromYear: 2010,
    });
    expect(elsewhere.current.name).toBe('Đảng bộ xã Hòa Sơn');
    expect(elsewhere.current.code).toBe('HS-2');
    expect(namesIn(b, 2010, { search: 'hoa son' })).toHaveLength(2);
  });

  test('the operator name is cleaned too', () => {
    const b = makeBackend();
    const info = b.call('settings.setOperator', { operatorName: 'Dương\u200B Minh\u0000 Phong' });
    expect(info.operatorName).toBe('Dương Minh Phong');
  });

  test('a name or code of punctuation only is refused with a Vietnamese message', () => {
    const b = makeBackend();
    expect(refused(b, 'units.create', { name: '— … —', kind: 'base_cell' }, 'INVALID_INPUT')).toBe(
      'Tên tổ chức phải có ít nhất một chữ cái hoặc chữ số.',
    );
    expect(
      refused(
        b,
        'units.create',
        { name: 'Chi bộ A', code: '--', kind: 'base_cell' },
        'INVALID_INPUT',
      ),
    ).toBe('Mã tổ chức phải có ít nhất một chữ cái hoặc chữ số.');
  });
});
