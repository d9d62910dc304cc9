import { afterEach, describe, expect, test } from 'vitest';
import type { TestBackend } from '../helpers/backend';
import { addUnit, cleanupTemp, errorOf, makeBackend, namesIn } from '../helpers/backend';

afterEach(cleanupTemp);

function eventsOf(b: TestBackend, id: string) {
  return b.call('units.get', { id }).events.map((e) => [e.type, e.year, e.relatedUnitId]);
}

/** A province with one former district committee holding two communes and a cell. */
function smallTree(b: TestBackend) {
  const province = addUnit(b, 'Đảng bộ tỉnh Lạng Sơn', 1990, { kind: 'province' });
  const district = addUnit(b, 'Đảng bộ huyện Chi Lăng', 1990, {
    kind: 'upper_committee',
    parentId: province.id,
  });
  const communeA = addUnit(b, 'Đảng bộ xã Chi Lăng', 1990, {
    kind: 'base_committee',
    sector: 'commune',
    parentId: district.id,
    code: 'CL-01',
  });
  const communeB = addUnit(b, 'Đảng bộ xã Mai Sao', 1990, {
    kind: 'base_committee',
    sector: 'commune',
    parentId: district.id,
    code: 'CL-02',
  });
  const cell = addUnit(b, 'Chi bộ thôn Đồng Bành', 1990, {
    kind: 'subordinate_cell',
    parentId: communeB.id,
  });
  return { province, district, communeA, communeB, cell };
}

describe('create', () => {
  test('records a founded event and one open version', () => {
    const b = makeBackend();
    const unit = addUnit(b, '  Chi bộ   Trường THPT Đình Lập ', 2001, {
      code: ' DL-THPT ',
      sector: 'public_service',
      foundedOn: '2001-09-05',
      basis: '45-QĐ/HU',
    });
    expect(unit.foundedYear).toBe(2001);
    expect(unit.endedYear).toBeNull();
    expect(unit.versions).toHaveLength(1);
    expect(unit.current).toMatchObject({
      id: unit.id,
      name: 'Chi bộ Trường THPT Đình Lập',
      code: 'DL-THPT',
      kind: 'base_cell',
      sector: 'public_service',
      parentId: null,
      validFrom: 2001,
      validTo: null,
    });
    expect(unit.events).toEqual([
      expect.objectContaining({
        type: 'founded',
        year: 2001,
        eventDate: '2001-09-05',
        basis: '45-QĐ/HU',
        relatedUnitId: null,
      }),
    ]);
    const row = b.ctx.db.prepare('SELECT * FROM units WHERE id = ?').get(unit.id) as Record<
      string,
      unknown
    >;
    expect(row).toMatchObject({ founded_year: 2001, founded_on: '2001-09-05', deleted_at: null });
    expect(row.changed_by_installation).toBe(b.call('app.info', {}).installationId);
  });

  test('stores names in NFC', () => {
    const b = makeBackend();
    const unit = addUnit(b, 'Chi bộ Thôn Khuổi Phầy'.normalize('NFD'), 2010);
    expect(unit.current.name).toBe('Chi bộ Thôn Khuổi Phầy'.normalize('NFC'));
    const stored = b.ctx.db.prepare('SELECT name FROM unit_versions').get() as { name: string };
    expect(stored.name).toBe(stored.name.normalize('NFC'));
  });

  test('under a parent that does not exist yet that year is NOT_FOUND', () => {
    const b = makeBackend();
    const parent = addUnit(b, 'Đảng bộ khối Doanh nghiệp', 2015, { kind: 'upper_committee' });
    const result = b.attempt('units.create', {
      name: 'Chi bộ Công ty X',
      kind: 'base_cell',
      fromYear: 2010,
      parentId: parent.id,
    });
    expect(errorOf(result).code).toBe('NOT_FOUND');
  });

  test('under a parent that ends later is UNIT_ENDED (the child would outlive it)', () => {
    const b = makeBackend();
    const parent = addUnit(b, 'Đảng bộ huyện Văn Lãng', 2000, { kind: 'upper_committee' });
    b.call('units.dissolve', { id: parent.id, year: 2025 });
    const result = b.attempt('units.create', {
      name: 'Chi bộ mới',
      kind: 'base_cell',
      fromYear: 2020,
      parentId: parent.id,
    });
    expect(errorOf(result).code).toBe('UNIT_ENDED');
  });

  test('a founding date outside the founding year is INVALID_INPUT', () => {
    const b = makeBackend();
    const result = b.attempt('units.create', {
      name: 'Chi bộ A',
      kind: 'base_cell',
      fromYear: 2010,
      foundedOn: '2011-01-01',
    });
    expect(errorOf(result)).toEqual({
      code: 'INVALID_INPUT',
      message: 'Ngày thành lập phải nằm trong năm thành lập.',
    });
  });
});

describe('rename', () => {
  test('records a renamed event with its date and basis', () => {
    const b = makeBackend();
    const unit = addUnit(b, 'Đảng bộ phường Hoàng Văn Thụ', 2000, { kind: 'base_committee' });
    const after = b.call('units.rename', {
      id: unit.id,
      year: 2025,
      eventDate: '2025-06-16',
      basis: '1672/NQ-UBTVQH15',
      name: 'Đảng bộ phường Lương Văn Tri',
    });
    expect(after.current.name).toBe('Đảng bộ phường Lương Văn Tri');
    expect(after.events.at(-1)).toMatchObject({
      type: 'renamed',
      year: 2025,
      eventDate: '2025-06-16',
      basis: '1672/NQ-UBTVQH15',
    });
  });
});

describe('move', () => {
  test('puts a unit under another parent from a year, with a moved event', () => {
    const b = makeBackend();
    const { province, district, communeA } = smallTree(b);
    const after = b.call('units.move', {
      id: communeA.id,
      year: 2025,
      eventDate: '2025-07-01',
      parentId: province.id,
    });
    expect(after.current.parentId).toBe(province.id);
    expect(after.events.at(-1)).toMatchObject({
      type: 'moved',
      year: 2025,
      relatedUnitId: province.id,
      relatedUnitName: 'Đảng bộ tỉnh Lạng Sơn',
    });
    expect(namesIn(b, 2024, { parentId: district.id })).toContain('Đảng bộ xã Chi Lăng');
    expect(namesIn(b, 2025, { parentId: district.id })).not.toContain('Đảng bộ xã Chi Lăng');
    expect(namesIn(b, 2025, { parentId: province.id })).toContain('Đảng bộ xã Chi Lăng');
  });

  test('to the top level (parentId null)', () => {
    const b = makeBackend();
    const { district, communeA } = smallTree(b);
    const after = b.call('units.move', { id: communeA.id, year: 2020, parentId: null });
    expect(after.versions.map((v) => [v.validFrom, v.validTo, v.parentId])).toEqual([
      [1990, 2019, district.id],
      [2020, null, null],
    ]);
    expect(after.events.at(-1)).toMatchObject({ type: 'moved', year: 2020, relatedUnitId: null });
    const row = b.call('units.list', { year: 2020 }).rows.find((r) => r.id === communeA.id)!;
    expect([row.parentId, row.parentName]).toEqual([null, null]);
  });

  test('carries the subtree along (children stay under the moved unit)', () => {
    const b = makeBackend();
    const { province, communeB } = smallTree(b);
    b.call('units.move', { id: communeB.id, year: 2025, parentId: province.id });
    expect(namesIn(b, 2025, { parentId: province.id, descendants: true })).toEqual([
      'Chi bộ thôn Đồng Bành',
      'Đảng bộ huyện Chi Lăng',
      'Đảng bộ xã Chi Lăng',
      'Đảng bộ xã Mai Sao',
    ]);
  });
});

describe('merge', () => {
  test('ends the source that year: listed that year, not the next', () => {
    const b = makeBackend();
    const { communeA, communeB } = smallTree(b);
    const target = b.call('units.merge', {
      sourceIds: [communeA.id],
      targetId: communeB.id,
      year: 2025,
      eventDate: '2025-07-01',
      basis: '1672/NQ-UBTVQH15',
    });
    expect(target.id).toBe(communeB.id);
    expect(namesIn(b, 2025, { kind: 'base_committee' })).toEqual([
      'Đảng bộ xã Chi Lăng',
      'Đảng bộ xã Mai Sao',
    ]);
    expect(namesIn(b, 2026, { kind: 'base_committee' })).toEqual(['Đảng bộ xã Mai Sao']);
    const source = b.call('units.get', { id: communeA.id });
    expect(source.endedYear).toBe(2025);
    expect(source.versions.at(-1)?.validTo).toBe(2025);
  });

  test('records merged_into on the source and absorbed on the target', () => {
    const b = makeBackend();
    const { communeA, communeB } = smallTree(b);
    b.call('units.merge', {
      sourceIds: [communeA.id],
      targetId: communeB.id,
      year: 2025,
      basis: '1672/NQ-UBTVQH15',
    });
    const source = b.call('units.get', { id: communeA.id });
    expect(source.events.at(-1)).toMatchObject({
      type: 'merged_into',
      year: 2025,
      basis: '1672/NQ-UBTVQH15',
      relatedUnitId: communeB.id,
      relatedUnitName: 'Đảng bộ xã Mai Sao',
    });
    const target = b.call('units.get', { id: communeB.id });
    expect(target.events.at(-1)).toMatchObject({
      type: 'absorbed',
      year: 2025,
      relatedUnitId: communeA.id,
      relatedUnitName: 'Đảng bộ xã Chi Lăng',
    });
    expect(target.endedYear).toBeNull();
  });

  test("moves the source's children under the target from that year", () => {
    const b = makeBackend();
    const { communeA, communeB, cell } = smallTree(b);
    const later = addUnit(b, 'Chi bộ thôn Mới', 2027, {
      kind: 'subordinate_cell',
      parentId: communeB.id,
    });
    b.call('units.merge', { sourceIds: [communeB.id], targetId: communeA.id, year: 2025 });

    expect(namesIn(b, 2024, { parentId: communeB.id })).toEqual(['Chi bộ thôn Đồng Bành']);
    expect(namesIn(b, 2025, { parentId: communeB.id })).toEqual([]);
    expect(namesIn(b, 2025, { parentId: communeA.id })).toEqual(['Chi bộ thôn Đồng Bành']);
    expect(namesIn(b, 2027, { parentId: communeA.id })).toEqual([
      'Chi bộ thôn Đồng Bành',
      'Chi bộ thôn Mới',
    ]);
    const child = b.call('units.get', { id: cell.id });
    expect(child.versions.map((v) => [v.validFrom, v.validTo, v.parentId])).toEqual([
      [1990, 2024, communeB.id],
      [2025, null, communeA.id],
    ]);
    expect(child.events.at(-1)).toMatchObject({ type: 'moved', relatedUnitId: communeA.id });
    // A child recorded to start after the merge is re-pointed in place.
    expect(b.call('units.get', { id: later.id }).versions.map((v) => v.parentId)).toEqual([
      communeA.id,
    ]);
  });

  test('several sources at once', () => {
    const b = makeBackend();
    const x = addUnit(b, 'Đảng bộ xã Quang Lang', 2000, { kind: 'base_committee' });
    const y = addUnit(b, 'Đảng bộ xã Thượng Cường', 2000, { kind: 'base_committee' });
    const z = addUnit(b, 'Đảng bộ thị trấn Đồng Mỏ', 2000, { kind: 'base_committee' });
    const target = b.call('units.merge', {
      sourceIds: [x.id, y.id, x.id],
      targetId: z.id,
      year: 2025,
    });
    expect(target.events.filter((e) => e.type === 'absorbed').map((e) => e.relatedUnitId)).toEqual([
      x.id,
      y.id,
    ]);
    expect(namesIn(b, 2026)).toEqual(['Đảng bộ thị trấn Đồng Mỏ']);
  });

  test('a source cannot be merged twice, nor dissolved after its merge', () => {
    const b = makeBackend();
    const a = addUnit(b, 'Chi bộ A', 2010);
    const t1 = addUnit(b, 'Chi bộ T1', 2010);
    const t2 = addUnit(b, 'Chi bộ T2', 2010);
    b.call('units.merge', { sourceIds: [a.id], targetId: t1.id, year: 2015 });
    const before = b.snapshot();
    const again = b.attempt('units.merge', { sourceIds: [a.id], targetId: t2.id, year: 2015 });
    expect(errorOf(again).code).toBe('UNIT_ENDED');
    expect(errorOf(b.attempt('units.dissolve', { id: a.id, year: 2015 })).code).toBe('UNIT_ENDED');
    expect(errorOf(b.attempt('units.dissolve', { id: a.id, year: 2014 })).code).toBe('UNIT_ENDED');
    expect(b.snapshot()).toBe(before);
    expect(eventsOf(b, a.id)).toEqual([
      ['founded', 2010, null],
      ['merged_into', 2015, t1.id],
    ]);
  });

  test('merging a unit into its own subordinate is INVALID_MERGE', () => {
    const b = makeBackend();
    const { district, communeB, cell } = smallTree(b);
    const result = b.attempt('units.merge', {
      sourceIds: [district.id],
      targetId: cell.id,
      year: 2020,
    });
    expect(errorOf(result).code).toBe('INVALID_MERGE');
    expect(namesIn(b, 2021, { parentId: communeB.id })).toEqual(['Chi bộ thôn Đồng Bành']);
  });
});

describe('split', () => {
  test('with endSource: the source ends and the parts start under its parent', () => {
    const b = makeBackend();
    const { district, communeA } = smallTree(b);
    const result = b.call('units.split', {
      id: communeA.id,
      year: 2020,
      eventDate: '2020-01-01',
      basis: '10-NQ/TU',
      endSource: true,
      parts: [
        { name: 'Đảng bộ xã Chi Lăng Bắc', code: 'CL-01' },
        { name: 'Đảng bộ xã Chi Lăng Nam', sector: 'township', kind: 'base_cell' },
      ],
    });
    expect(result.source.endedYear).toBe(2020);
    expect(result.created).toHaveLength(2);
    const [north, south] = result.created;
    expect(north!.current).toMatchObject({
      name: 'Đảng bộ xã Chi Lăng Bắc',
      code: 'CL-01',
      kind: 'base_committee',
      sector: 'commune',
      parentId: district.id,
      validFrom: 2020,
      validTo: null,
    });
    expect(north!.foundedYear).toBe(2020);
    expect(south!.current).toMatchObject({ kind: 'base_cell', sector: 'township', code: null });
    expect(north!.events).toEqual([
      expect.objectContaining({
        type: 'split_from',
        year: 2020,
        eventDate: '2020-01-01',
        basis: '10-NQ/TU',
        relatedUnitId: communeA.id,
        relatedUnitName: 'Đảng bộ xã Chi Lăng',
      }),
    ]);
    expect(eventsOf(b, communeA.id)).toEqual([
      ['founded', 1990, null],
      ['split_into', 2020, north!.id],
      ['split_into', 2020, south!.id],
    ]);
    expect(namesIn(b, 2020, { parentId: district.id })).toEqual([
      'Đảng bộ xã Chi Lăng',
      'Đảng bộ xã Chi Lăng Bắc',
      'Đảng bộ xã Chi Lăng Nam',
      'Đảng bộ xã Mai Sao',
    ]);
    expect(namesIn(b, 2021, { parentId: district.id })).toEqual([
      'Đảng bộ xã Chi Lăng Bắc',
      'Đảng bộ xã Chi Lăng Nam',
      'Đảng bộ xã Mai Sao',
    ]);
  });

  test('without endSource: the source goes on beside the new unit', () => {
    const b = makeBackend();
    const { district, communeA } = smallTree(b);
    const result = b.call('units.split', {
      id: communeA.id,
      year: 2018,
      endSource: false,
      parts: [{ name: 'Đảng bộ xã Vân Thủy' }],
    });
    expect(result.source.endedYear).toBeNull();
    expect(result.source.versions.at(-1)?.validTo).toBeNull();
    expect(result.created[0]!.current.parentId).toBe(district.id);
    expect(namesIn(b, 2026, { parentId: district.id })).toEqual([
      'Đảng bộ xã Chi Lăng',
      'Đảng bộ xã Mai Sao',
      'Đảng bộ xã Vân Thủy',
    ]);
    expect(eventsOf(b, communeA.id).at(-1)).toEqual(['split_into', 2018, result.created[0]!.id]);
  });

  test('of a top-level unit puts the parts at the top level', () => {
    const b = makeBackend();
    const top = addUnit(b, 'Đảng bộ Khối cơ quan', 2000, { kind: 'upper_committee' });
    const result = b.call('units.split', {
      id: top.id,
      year: 2010,
      endSource: false,
      parts: [{ name: 'Đảng bộ Khối doanh nghiệp' }],
    });
    expect(result.created[0]!.current.parentId).toBeNull();
    expect(result.created[0]!.current.kind).toBe('upper_committee');
  });

  test('with endSource, a source that still has subordinates is HAS_CHILDREN', () => {
    const b = makeBackend();
    const { communeB } = smallTree(b);
    const before = b.snapshot();
    const result = b.attempt('units.split', {
      id: communeB.id,
      year: 2020,
      endSource: true,
      parts: [{ name: 'Phần 1' }, { name: 'Phần 2' }],
    });
    expect(errorOf(result).code).toBe('HAS_CHILDREN');
    expect(b.snapshot()).toBe(before);
  });

  test('parts with the same code are INVALID_SPLIT', () => {
    const b = makeBackend();
    const { communeA } = smallTree(b);
    const before = b.snapshot();
    const result = b.attempt('units.split', {
      id: communeA.id,
      year: 2020,
      endSource: true,
      parts: [
        { name: 'Phần 1', code: 'P-1' },
        { name: 'Phần 2', code: 'p-1' },
      ],
    });
    expect(errorOf(result).code).toBe('INVALID_SPLIT');
    expect(b.snapshot()).toBe(before);
  });

  test('a part may not take the code of a source that goes on', () => {
    const b = makeBackend();
    const { communeA } = smallTree(b);
    const result = b.attempt('units.split', {
      id: communeA.id,
      year: 2020,
      endSource: false,
      parts: [{ name: 'Phần 1', code: 'cl-01' }],
    });
    expect(errorOf(result).code).toBe('DUPLICATE_CODE');
  });

  test('under a parent that ends later is UNIT_ENDED (the parts would outlive it)', () => {
    const b = makeBackend();
    const parent = addUnit(b, 'Đảng bộ huyện Tràng Định', 2000, { kind: 'upper_committee' });
    const cell = addUnit(b, 'Chi bộ Thôn Nà Cạn', 2000, { parentId: parent.id });
    b.call('units.dissolve', { id: cell.id, year: 2018 });
    b.call('units.dissolve', { id: parent.id, year: 2020 });
    const before = b.snapshot();
    const result = b.attempt('units.split', {
      id: cell.id,
      year: 2015,
      endSource: false,
      parts: [{ name: 'Chi bộ Thôn Nà Cạn 2' }],
    });
    expect(errorOf(result).code).toBe('UNIT_ENDED');
    expect(b.snapshot()).toBe(before);
  });
});

describe('dissolve', () => {
  test('ends the unit: listed that year, not the next', () => {
    const b = makeBackend();
    const unit = addUnit(b, 'Chi bộ Hợp tác xã Tân Thành', 2005, { sector: 'enterprise' });
    const after = b.call('units.dissolve', {
      id: unit.id,
      year: 2019,
      eventDate: '2019-10-15',
      basis: '77-QĐ/HU',
    });
    expect(after.endedYear).toBe(2019);
    expect(after.versions.at(-1)?.validTo).toBe(2019);
    expect(after.events.at(-1)).toMatchObject({
      type: 'dissolved',
      year: 2019,
      eventDate: '2019-10-15',
      basis: '77-QĐ/HU',
    });
    expect(namesIn(b, 2019)).toEqual(['Chi bộ Hợp tác xã Tân Thành']);
    expect(namesIn(b, 2020)).toEqual([]);
  });

  test('a unit whose children all ended by then can be dissolved', () => {
    const b = makeBackend();
    const { communeB, cell } = smallTree(b);
    b.call('units.dissolve', { id: cell.id, year: 2015 });
    expect(b.call('units.dissolve', { id: communeB.id, year: 2015 }).endedYear).toBe(2015);
  });

  test('a unit with later versions recorded is UNIT_ENDED', () => {
    const b = makeBackend();
    const unit = addUnit(b, 'Chi bộ A', 2000);
    b.call('units.rename', { id: unit.id, year: 2020, name: 'Chi bộ B' });
    const result = b.attempt('units.dissolve', { id: unit.id, year: 2015 });
    expect(errorOf(result).code).toBe('UNIT_ENDED');
  });
});

describe('remove', () => {
  test('tombstones the unit: gone from lists and details, rows kept with deleted_at', () => {
    const b = makeBackend();
    const keep = addUnit(b, 'Chi bộ Giữ lại', 2010);
    const mistake = addUnit(b, 'Chi bộ Nhập nhầm', 2010, { code: 'NHAM-1' });
    b.call('units.rename', { id: mistake.id, year: 2012, name: 'Chi bộ Nhập nhầm 2' });
    expect(b.call('units.remove', { id: mistake.id })).toEqual({ id: mistake.id });

    expect(namesIn(b, 2011)).toEqual(['Chi bộ Giữ lại']);
    expect(namesIn(b, 2015, { search: 'nhap nham' })).toEqual([]);
    expect(errorOf(b.attempt('units.get', { id: mistake.id })).code).toBe('NOT_FOUND');
    expect(b.call('units.get', { id: keep.id }).id).toBe(keep.id);

    const db = b.ctx.db;
    const unitRow = db.prepare('SELECT deleted_at FROM units WHERE id = ?').get(mistake.id) as {
      deleted_at: string | null;
    };
    expect(unitRow.deleted_at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const versions = db
      .prepare('SELECT deleted_at FROM unit_versions WHERE unit_id = ?')
      .all(mistake.id) as { deleted_at: string | null }[];
    expect(versions).toHaveLength(2);
    expect(versions.every((v) => v.deleted_at === unitRow.deleted_at)).toBe(true);
    const events = db
      .prepare('SELECT deleted_at FROM lineage_events WHERE unit_id = ?')
      .all(mistake.id) as { deleted_at: string | null }[];
    expect(events).toHaveLength(2);
    expect(events.every((e) => e.deleted_at !== null)).toBe(true);
  });

  test("frees the removed unit's code", () => {
    const b = makeBackend();
    const mistake = addUnit(b, 'Chi bộ Nhập nhầm', 2010, { code: 'CB-09' });
    b.call('units.remove', { id: mistake.id });
    expect(addUnit(b, 'Chi bộ Đúng', 2010, { code: 'CB-09' }).current.code).toBe('CB-09');
  });

  test('a unit with subordinates is HAS_CHILDREN, even ended ones', () => {
    const b = makeBackend();
    const { communeB, cell } = smallTree(b);
    b.call('units.dissolve', { id: cell.id, year: 2000 });
    const before = b.snapshot();
    expect(errorOf(b.attempt('units.remove', { id: communeB.id })).code).toBe('HAS_CHILDREN');
    expect(b.snapshot()).toBe(before);
  });

  test('removing twice is NOT_FOUND', () => {
    const b = makeBackend();
    const unit = addUnit(b, 'Chi bộ X', 2010);
    b.call('units.remove', { id: unit.id });
    expect(errorOf(b.attempt('units.remove', { id: unit.id })).code).toBe('NOT_FOUND');
  });
});
