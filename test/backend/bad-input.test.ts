import { afterEach, describe, expect, test, vi } from 'vitest';
import type { ErrorCode } from '../../shared/errors';
import { NAME_MAX_LENGTH } from '../../shared/schemas';
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
 * A register to break things against:
 *   P (2010) ─ C (2010) ─ G (2010)        A (2010, code ĐU-01)
 *   D (2008–2015, dissolved, code D-1)
 */
function fixture() {
  const b = makeBackend();
  const P = addUnit(b, 'Đảng bộ huyện Hữu Lũng', 2010, { kind: 'upper_committee' });
  const C = addUnit(b, 'Đảng bộ xã Hòa Lạc', 2010, { kind: 'base_committee', parentId: P.id });
  const G = addUnit(b, 'Chi bộ thôn Đồng Bục', 2010, {
    kind: 'subordinate_cell',
    parentId: C.id,
  });
  const A = addUnit(b, 'Đảng bộ xã Yên Thịnh', 2010, { kind: 'base_committee', code: 'ĐU-01' });
  const D = addUnit(b, 'Chi bộ Nông trường Hữu Lũng', 2008, { code: 'D-1' });
  b.call('units.dissolve', { id: D.id, year: 2015 });
  return { b, ids: { P: P.id, C: C.id, G: G.id, A: A.id, D: D.id } };
}
type Ids = ReturnType<typeof fixture>['ids'];

interface Case {
  name: string;
  method: string;
  input: (ids: Ids) => unknown;
  code: ErrorCode;
  message?: RegExp;
}

const missing = '00000000-0000-4000-8000-000000000000';

const CASES: Case[] = [
  // Input the contract refuses.
  {
    name: 'a name that is a number',
    method: 'units.create',
    input: () => ({ name: 123, kind: 'base_cell', fromYear: 2020 }),
    code: 'INVALID_INPUT',
    message: /Tên tổ chức phải là chữ/,
  },
  {
    name: 'a year given as text',
    method: 'units.create',
    input: () => ({ name: 'Chi bộ X', kind: 'base_cell', fromYear: '2020' }),
    code: 'INVALID_INPUT',
    message: /Năm phải là số/,
  },
  {
    name: 'a year with a fraction',
    method: 'units.rename',
    input: (ids) => ({ id: ids.A, year: 2020.5, name: 'X' }),
    code: 'INVALID_INPUT',
  },
  {
    name: 'a year out of range',
    method: 'units.list',
    input: () => ({ year: 1800 }),
    code: 'INVALID_INPUT',
    message: /1930/,
  },
  {
    name: 'an unknown kind',
    method: 'units.create',
    input: () => ({ name: 'Chi bộ X', kind: 'village', fromYear: 2020 }),
    code: 'INVALID_INPUT',
    message: /Loại tổ chức không hợp lệ/,
  },
  {
    name: 'an unknown sector',
    method: 'units.changeFrom',
    input: (ids) => ({ id: ids.A, year: 2020, sector: 'space' }),
    code: 'INVALID_INPUT',
    message: /Loại hình không hợp lệ; chọn một trong: Xã, Phường/,
  },
  {
    name: 'an unknown key',
    method: 'units.create',
    input: () => ({ name: 'Chi bộ X', kind: 'base_cell', fromYear: 2020, colour: 'đỏ' }),
    code: 'INVALID_INPUT',
    message: /colour/,
  },
  {
    name: 'an unknown key on a read',
    method: 'units.list',
    input: () => ({ year: 2020, colour: 'red' }),
    code: 'INVALID_INPUT',
  },
  {
    name: 'a bad uuid',
    method: 'units.rename',
    input: () => ({ id: 'not-a-uuid', year: 2020, name: 'Chi bộ X' }),
    code: 'INVALID_INPUT',
    message: /Mã định danh tổ chức không hợp lệ/,
  },
  {
    name: 'a bad parent uuid',
    method: 'units.create',
    input: () => ({ name: 'Chi bộ X', kind: 'base_cell', fromYear: 2020, parentId: '42' }),
    code: 'INVALID_INPUT',
  },
  {
    name: 'input that is not an object',
    method: 'units.create',
    input: () => 'Chi bộ X',
    code: 'INVALID_INPUT',
  },
  {
    name: 'input that is an array',
    method: 'units.list',
    input: () => [2020],
    code: 'INVALID_INPUT',
  },
  {
    name: 'no input for a method that needs some',
    method: 'units.create',
    input: () => undefined,
    code: 'INVALID_INPUT',
  },
  {
    name: 'an event date outside the event year',
    method: 'units.rename',
    input: (ids) => ({ id: ids.A, year: 2020, eventDate: '2019-12-31', name: 'Chi bộ X' }),
    code: 'INVALID_INPUT',
    message: /Ngày quyết định phải nằm trong năm áp dụng/,
  },
  {
    name: 'an impossible date',
    method: 'units.dissolve',
    input: (ids) => ({ id: ids.A, year: 2021, eventDate: '2021-02-29' }),
    code: 'INVALID_INPUT',
    message: /Ngày không hợp lệ/,
  },
  {
    name: 'a merge with no sources',
    method: 'units.merge',
    input: (ids) => ({ sourceIds: [], targetId: ids.A, year: 2020 }),
    code: 'INVALID_INPUT',
    message: /ít nhất một/,
  },
  {
    name: 'a split with no parts',
    method: 'units.split',
    input: (ids) => ({ id: ids.A, year: 2020, endSource: true, parts: [] }),
    code: 'INVALID_INPUT',
    message: /ít nhất một/,
  },
  {
    name: 'a setup with no mode',
    method: 'setup.complete',
    input: () => ({ operatorName: 'Lê Văn Tám', ownUnit: {} }),
    code: 'INVALID_INPUT',
  },
  // Unknown methods.
  { name: 'an unknown method', method: 'units.drop', input: () => ({}), code: 'UNKNOWN_METHOD' },
  { name: 'an inherited name', method: 'toString', input: () => ({}), code: 'UNKNOWN_METHOD' },
  { name: 'a prototype name', method: '__proto__', input: () => ({}), code: 'UNKNOWN_METHOD' },
  // Names.
  {
    name: 'an empty name',
    method: 'units.create',
    input: () => ({ name: '', kind: 'base_cell', fromYear: 2020 }),
    code: 'INVALID_INPUT',
    message: /^Tên tổ chức không được để trống\.$/,
  },
  {
    name: 'a whitespace-only name',
    method: 'units.rename',
    input: (ids) => ({ id: ids.A, year: 2020, name: ' \t\u00a0\n ' }),
    code: 'INVALID_INPUT',
    message: /^Tên tổ chức không được để trống\.$/,
  },
  {
    name: `a name over ${NAME_MAX_LENGTH} characters`,
    method: 'units.create',
    input: () => ({
      name: 'Chi bộ '.padEnd(NAME_MAX_LENGTH + 1, 'x'),
      kind: 'base_cell',
      fromYear: 2020,
    }),
    code: 'INVALID_INPUT',
    message: /dài quá 500 ký tự/,
  },
  {
    name: 'an empty name in a split part',
    method: 'units.split',
    input: (ids) => ({ id: ids.A, year: 2020, endSource: false, parts: [{ name: '  ' }] }),
    code: 'INVALID_INPUT',
  },
  // Official codes.
  {
    name: 'a code used by another unit the same year (other case)',
    method: 'units.create',
    input: () => ({ name: 'Chi bộ X', kind: 'base_cell', fromYear: 2020, code: 'đu-01' }),
    code: 'DUPLICATE_CODE',
    message: /ĐU-01|đu-01/,
  },
  {
    name: 'a code of a dissolved unit in its last year',
    method: 'units.create',
    input: () => ({ name: 'Chi bộ X', kind: 'base_cell', fromYear: 2015, code: 'd-1' }),
    code: 'DUPLICATE_CODE',
  },
  {
    name: 'a code of a unit that starts later, from an earlier year',
    method: 'units.create',
    input: () => ({ name: 'Chi bộ X', kind: 'base_cell', fromYear: 2000, code: 'ĐU-01' }),
    code: 'DUPLICATE_CODE',
  },
  {
    name: 'a code taken from a year by changeFrom',
    method: 'units.changeFrom',
    input: (ids) => ({ id: ids.C, year: 2020, code: 'Đu-01' }),
    code: 'DUPLICATE_CODE',
  },
  {
    name: 'a code taken by a correction',
    method: 'units.correct',
    input: (ids) => ({ id: ids.C, versionId: 'VERSION_OF_C', code: 'ĐU-01' }),
    code: 'DUPLICATE_CODE',
  },
  {
    name: 'a correction of a version that does not exist',
    method: 'units.correct',
    input: (ids) => ({ id: ids.C, versionId: missing, code: 'X-1' }),
    code: 'NOT_FOUND',
  },
  {
    name: 'a split part with a code in use',
    method: 'units.split',
    input: (ids) => ({
      id: ids.C,
      year: 2020,
      endSource: false,
      parts: [{ name: 'Chi bộ Mới', code: 'ĐU-01' }],
    }),
    code: 'DUPLICATE_CODE',
  },
  {
    name: 'a new own unit whose code is in use',
    method: 'setup.complete',
    input: () => ({
      operatorName: 'Lê Văn Tám',
      ownUnit: {
        mode: 'new',
        name: 'Đảng bộ X',
        kind: 'base_committee',
        fromYear: 2020,
        code: 'ĐU-01',
      },
    }),
    code: 'DUPLICATE_CODE',
  },
  // Cycles.
  {
    name: 'moving a unit under itself',
    method: 'units.move',
    input: (ids) => ({ id: ids.P, year: 2020, parentId: ids.P }),
    code: 'CYCLE',
  },
  {
    name: 'moving a unit under its child',
    method: 'units.move',
    input: (ids) => ({ id: ids.P, year: 2020, parentId: ids.C }),
    code: 'CYCLE',
  },
  {
    name: 'moving a unit under its grandchild',
    method: 'units.move',
    input: (ids) => ({ id: ids.P, year: 2012, parentId: ids.G }),
    code: 'CYCLE',
  },
  {
    name: 'correcting a parent to a descendant',
    method: 'units.correct',
    input: (ids) => ({ id: ids.C, versionId: 'VERSION_OF_C', parentId: ids.G }),
    code: 'CYCLE',
  },
  {
    name: 'changing from a year with a descendant as parent',
    method: 'units.changeFrom',
    input: (ids) => ({ id: ids.P, year: 2010, parentId: ids.G, name: 'Đảng bộ mới' }),
    code: 'CYCLE',
  },
  // Merges.
  {
    name: 'merging a unit into itself',
    method: 'units.merge',
    input: (ids) => ({ sourceIds: [ids.A], targetId: ids.A, year: 2020 }),
    code: 'INVALID_MERGE',
    message: /chính nó/,
  },
  {
    name: 'merging into a dissolved unit',
    method: 'units.merge',
    input: (ids) => ({ sourceIds: [ids.A], targetId: ids.D, year: 2020 }),
    code: 'INVALID_MERGE',
    message: /giải thể/,
  },
  {
    name: 'merging into a unit in the year it was dissolved',
    method: 'units.merge',
    input: (ids) => ({ sourceIds: [ids.A], targetId: ids.D, year: 2015 }),
    code: 'INVALID_MERGE',
  },
  {
    name: 'merging into a unit not yet founded',
    method: 'units.merge',
    input: (ids) => ({ sourceIds: [ids.D], targetId: ids.A, year: 2009 }),
    code: 'INVALID_MERGE',
  },
  {
    name: 'merging a dissolved unit',
    method: 'units.merge',
    input: (ids) => ({ sourceIds: [ids.D], targetId: ids.A, year: 2020 }),
    code: 'UNIT_ENDED',
  },
  {
    name: 'merging where one of several sources is bad (nothing of the others is kept)',
    method: 'units.merge',
    input: (ids) => ({ sourceIds: [ids.G, ids.A], targetId: ids.A, year: 2020 }),
    code: 'INVALID_MERGE',
  },
  // Years before founding.
  {
    name: 'changeFrom before the unit was founded',
    method: 'units.changeFrom',
    input: (ids) => ({ id: ids.A, year: 2009, sector: 'commune' }),
    code: 'BEFORE_FOUNDED',
    message: /2009.*2010/,
  },
  {
    name: 'rename before the unit was founded',
    method: 'units.rename',
    input: (ids) => ({ id: ids.A, year: 2005, name: 'Đảng bộ xã Cũ' }),
    code: 'BEFORE_FOUNDED',
  },
  {
    name: 'move before the unit was founded',
    method: 'units.move',
    input: (ids) => ({ id: ids.A, year: 2005, parentId: null }),
    code: 'BEFORE_FOUNDED',
  },
  {
    name: 'dissolve before the unit was founded',
    method: 'units.dissolve',
    input: (ids) => ({ id: ids.A, year: 2005 }),
    code: 'BEFORE_FOUNDED',
  },
  {
    name: 'split before the unit was founded',
    method: 'units.split',
    input: (ids) => ({ id: ids.A, year: 2005, endSource: false, parts: [{ name: 'Phần' }] }),
    code: 'BEFORE_FOUNDED',
  },
  // Ended units and children.
  {
    name: 'renaming a unit after it was dissolved',
    method: 'units.rename',
    input: (ids) => ({ id: ids.D, year: 2016, name: 'Chi bộ X' }),
    code: 'UNIT_ENDED',
  },
  {
    name: 'dissolving a unit with children',
    method: 'units.dissolve',
    input: (ids) => ({ id: ids.C, year: 2020 }),
    code: 'HAS_CHILDREN',
    message: /Chi bộ thôn Đồng Bục/,
  },
  {
    name: 'removing a unit with children',
    method: 'units.remove',
    input: (ids) => ({ id: ids.P }),
    code: 'HAS_CHILDREN',
  },
  {
    name: 'moving under a dissolved unit',
    method: 'units.move',
    input: (ids) => ({ id: ids.A, year: 2012, parentId: ids.D }),
    code: 'UNIT_ENDED',
  },
  // Unknown ids.
  {
    name: 'renaming a unit that does not exist',
    method: 'units.rename',
    input: () => ({ id: missing, year: 2020, name: 'Chi bộ X' }),
    code: 'NOT_FOUND',
  },
  {
    name: 'creating under a parent that does not exist',
    method: 'units.create',
    input: () => ({ name: 'Chi bộ X', kind: 'base_cell', fromYear: 2020, parentId: missing }),
    code: 'NOT_FOUND',
  },
  // Register rules.
  {
    name: 'a second unit of the same name under the same parent',
    method: 'units.create',
    input: (ids) => ({
      name: 'Chi bộ thôn Đồng\u200B Bục',
      kind: 'subordinate_cell',
      fromYear: 2012,
      parentId: ids.C,
    }),
    code: 'DUPLICATE_NAME',
    message: /Đã có tổ chức "Chi bộ thôn Đồng Bục"/,
  },
  {
    name: 'a unit under a chi bộ trực thuộc',
    method: 'units.create',
    input: (ids) => ({
      name: 'Tổ đảng 1',
      kind: 'subordinate_cell',
      fromYear: 2012,
      parentId: ids.G,
    }),
    code: 'INVALID_PARENT',
    message: /cấp thấp nhất/,
  },
  {
    name: 'a kind without subunits for a unit that has some',
    method: 'units.changeFrom',
    input: (ids) => ({ id: ids.C, year: 2015, kind: 'subordinate_cell' }),
    code: 'HAS_CHILDREN',
  },
  {
    name: 'a name of punctuation only',
    method: 'units.rename',
    input: (ids) => ({ id: ids.A, year: 2020, name: '...' }),
    code: 'INVALID_INPUT',
    message: /ít nhất một chữ cái hoặc chữ số/,
  },
  {
    name: 'a founding year after the unit has changed',
    method: 'units.correct',
    input: (ids) => ({ id: ids.C, versionId: 'VERSION_OF_C', foundedYear: 2011 }),
    code: 'INVALID_INPUT',
    message: /trực thuộc "Đảng bộ xã Hòa Lạc" từ năm 2010/,
  },
  {
    name: 'choosing an own unit that does not exist',
    method: 'setup.complete',
    input: () => ({ operatorName: 'Lê Văn Tám', ownUnit: { mode: 'existing', unitId: missing } }),
    code: 'NOT_FOUND',
  },
];

function versionOf(b: TestBackend, id: string): string {
  return b.call('units.get', { id }).versions[0]!.id;
}

describe('bad input is refused with a Vietnamese message and changes nothing', () => {
  test('(the snapshot used here notices any write, index storage included)', () => {
    const { b, ids } = fixture();
    const before = JSON.parse(b.snapshot()) as Record<string, unknown>;
    for (const table of ['meta', 'units', 'unit_versions', 'lineage_events', 'audit_log']) {
      expect(before[table], table).not.toEqual([]);
    }
    expect(before).toHaveProperty('unit_search_data');
    const snapshot = b.snapshot();
    b.ctx.db.prepare("UPDATE unit_versions SET name_folded = 'x' WHERE unit_id = ?").run(ids.A);
    expect(b.snapshot()).not.toBe(snapshot);
  });

  test.each(CASES)('$name → $code', ({ method, input, code, message }) => {
    const { b, ids } = fixture();
    let raw = input(ids);
    if (raw && typeof raw === 'object' && 'versionId' in raw && raw.versionId === 'VERSION_OF_C') {
      raw = { ...raw, versionId: versionOf(b, ids.C) };
    }
    const before = b.snapshot();
    const error = errorOf(b.raw(method, raw));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(VIETNAMESE_LETTER);
    if (message) expect(error.message).toMatch(message);
    expect(b.snapshot()).toBe(before);
  });

  test('a method name that is not a string is UNKNOWN_METHOD', () => {
    const { b } = fixture();
    const before = b.snapshot();
    for (const method of [42, null, undefined, { name: 'units.list' }]) {
      const error = errorOf(b.raw(method, { year: 2020 }));
      expect(error.code).toBe('UNKNOWN_METHOD');
      expect(error.message).toMatch(VIETNAMESE_LETTER);
    }
    expect(b.snapshot()).toBe(before);
  });

  test('every refusal above is among the errors the contract declares for the method', async () => {
    const { contract } = await import('../../shared/contract');
    for (const { method, code, name } of CASES) {
      if (code === 'INVALID_INPUT' || code === 'UNKNOWN_METHOD') continue;
      const declared = contract[method as keyof typeof contract].errors as readonly string[];
      expect(declared, `${method}: ${name}`).toContain(code);
    }
  });
});

describe('official codes over time', () => {
  test('the same code is allowed again once the first unit has ended', () => {
    const { b, ids } = fixture();
    const reused = addUnit(b, 'Chi bộ Nông trường mới', 2016, { code: 'D-1' });
    expect(reused.current.code).toBe('D-1');
    expect(b.call('units.list', { year: 2015, search: 'd-1' }).rows.map((r) => r.id)).toEqual([
      ids.D,
    ]);
    expect(b.call('units.list', { year: 2016, search: 'd-1' }).rows.map((r) => r.id)).toEqual([
      reused.id,
    ]);
  });

  test('a code can pass from a dissolved unit to a unit already in the register', () => {
    const { b, ids } = fixture();
    const after = b.call('units.changeFrom', { id: ids.C, year: 2016, code: 'D-1' });
    expect(after.current.code).toBe('D-1');
  });

  test('a unit may keep its own code across its versions', () => {
    const { b, ids } = fixture();
    b.call('units.rename', { id: ids.A, year: 2020, name: 'Đảng bộ xã Yên Thịnh mới' });
    const after = b.call('units.changeFrom', { id: ids.A, year: 2022, code: 'đu-01' });
    expect(after.versions.map((v) => v.code)).toEqual(['ĐU-01', 'ĐU-01', 'đu-01']);
  });
});

describe('cycles over time', () => {
  test('a move that would close a loop in a later year is CYCLE and changes nothing', () => {
    const b = makeBackend();
    const x = addUnit(b, 'Đảng bộ X', 2010, { kind: 'upper_committee' });
    const y = addUnit(b, 'Đảng bộ Y', 2010, { kind: 'upper_committee' });
    b.call('units.move', { id: y.id, year: 2015, parentId: x.id });
    const before = b.snapshot();
    // In 2012 Y is not under X yet, but from 2015 it is: X under Y from 2012 would loop.
    const error = errorOf(b.attempt('units.move', { id: x.id, year: 2012, parentId: y.id }));
    expect(error.code).toBe('CYCLE');
    expect(error.message).toMatch(/2015/);
    expect(b.snapshot()).toBe(before);
    expect(namesIn(b, 2015, { parentId: x.id })).toEqual(['Đảng bộ Y']);
  });

  test('a move that ends before the other unit moves is allowed', () => {
    const b = makeBackend();
    const x = addUnit(b, 'Đảng bộ X', 2010, { kind: 'upper_committee' });
    const y = addUnit(b, 'Đảng bộ Y', 2010, { kind: 'upper_committee' });
    b.call('units.move', { id: y.id, year: 2015, parentId: x.id });
    b.call('units.rename', { id: x.id, year: 2014, name: 'Đảng bộ X mới' });
    // X's 2010–2013 version may sit under Y: Y is top level until 2014.
    const detail = b.call('units.move', { id: x.id, year: 2012, parentId: y.id });
    expect(detail.versions.map((v) => [v.validFrom, v.validTo, v.parentId])).toEqual([
      [2010, 2011, null],
      [2012, 2013, y.id],
      [2014, null, null],
    ]);
  });

  test('a correction that would loop in a later year of the version is CYCLE', () => {
    const b = makeBackend();
    const x = addUnit(b, 'Đảng bộ X', 2010, { kind: 'upper_committee' });
    const y = addUnit(b, 'Đảng bộ Y', 2010, { kind: 'upper_committee' });
    b.call('units.move', { id: y.id, year: 2015, parentId: x.id });
    const result = b.attempt('units.correct', {
      id: x.id,
      versionId: x.versions[0]!.id,
      parentId: y.id,
    });
    expect(errorOf(result).code).toBe('CYCLE');
  });
});

describe('writes before an operator is set', () => {
  test('are SETUP_REQUIRED and change nothing; reads still work', () => {
    const b = makeBackend({ operator: null });
    const before = b.snapshot();
    const writes: [string, unknown][] = [
      ['units.create', { name: 'Chi bộ X', kind: 'base_cell', fromYear: 2020 }],
      ['units.rename', { id: missing, year: 2020, name: 'Chi bộ X' }],
      ['units.remove', { id: missing }],
    ];
    for (const [method, input] of writes) {
      const error = errorOf(b.raw(method, input));
      expect(error.code, method).toBe('SETUP_REQUIRED');
      expect(error.message).toMatch(VIETNAMESE_LETTER);
    }
    expect(b.snapshot()).toBe(before);
    expect(b.call('units.list', { year: 2020 }).rows).toEqual([]);
    expect(b.call('app.info', {}).needsSetup).toBe(true);
  });

  test('invalid input is reported before the missing operator', () => {
    const b = makeBackend({ operator: null });
    expect(errorOf(b.raw('units.create', { name: '' })).code).toBe('INVALID_INPUT');
  });

  test('the command line may write without an operator', () => {
    const b = makeBackend({ operator: null, origin: 'cli' });
    expect(addUnit(b, 'Chi bộ X', 2020).current.name).toBe('Chi bộ X');
  });
});

describe('unexpected failures', () => {
  test('are INTERNAL with a Vietnamese message and no details, and change nothing', () => {
    const { b, ids } = fixture();
    const before = b.snapshot();
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    // Break the schema under the backend: the write fails inside its transaction.
    b.ctx.db.exec(`CREATE TRIGGER no_events BEFORE INSERT ON lineage_events
      BEGIN SELECT RAISE(ABORT, 'boom'); END`);
    const snapshotWithTrigger = b.snapshot();
    const error = errorOf(b.raw('units.rename', { id: ids.A, year: 2020, name: 'Chi bộ X' }));
    expect(error.code).toBe('INTERNAL');
    expect(error.message).toMatch(VIETNAMESE_LETTER);
    expect(error.message).not.toMatch(/boom|SqliteError/);
    // The details go to the log instead, as one line: the method, then the error's stack.
    expect(logged).toHaveBeenCalledWith(expect.stringMatching(/units\.rename failed[\s\S]*boom/));
    logged.mockRestore();
    expect(b.snapshot()).toBe(snapshotWithTrigger);
    expect(snapshotWithTrigger).toBe(before);
  });
});
