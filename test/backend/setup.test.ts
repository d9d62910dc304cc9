import { afterEach, describe, expect, test } from 'vitest';
import { LATEST_SCHEMA_VERSION } from '../../electron/backend/db/migrations';
import { APP_VERSION } from '../../electron/backend/version';
import { currentYear } from '../../shared/domain/years';
import { addUnit, cleanupTemp, errorOf, makeBackend } from '../helpers/backend';

afterEach(cleanupTemp);

describe('app.info', () => {
  test('a fresh data file needs setup and says where it lives', () => {
    const b = makeBackend({ operator: null });
    const info = b.call('app.info', {});
    expect(info).toMatchObject({
      appVersion: APP_VERSION,
      schemaVersion: LATEST_SCHEMA_VERSION,
      needsSetup: true,
      operatorName: null,
      ownUnitId: null,
      ownUnitName: null,
      dbPath: b.dbPath,
    });
    expect(info.installationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(b.dbPath.startsWith(info.dataDir)).toBe(true);
  });

  test('the installation id is born with the file and survives reopening', () => {
    const b = makeBackend({ operator: null });
    const id = b.call('app.info', {}).installationId;
    b.close();
    const again = makeBackend({ dbPath: b.dbPath, operator: null });
    expect(again.call('app.info', {}).installationId).toBe(id);
    const other = makeBackend({ operator: null });
    expect(other.call('app.info', {}).installationId).not.toBe(id);
  });

  test('an operator alone is not a finished setup', () => {
    const b = makeBackend({ operator: null });
    const info = b.call('settings.setOperator', { operatorName: ' Trần  Thị Mai ' });
    expect(info.operatorName).toBe('Trần Thị Mai');
    expect(info.needsSetup).toBe(true);
  });
});

describe('setup.complete', () => {
  test('mode new: creates the own unit at the top level and flips needsSetup', () => {
    const b = makeBackend({ operator: null });
    expect(b.call('app.info', {}).needsSetup).toBe(true);
    const info = b.call('setup.complete', {
      operatorName: 'Nguyễn Văn Bình',
      ownUnit: {
        mode: 'new',
        name: 'Đảng bộ xã Đồng Ý',
        code: 'BS-DY',
        kind: 'base_committee',
        sector: 'commune',
        fromYear: 2025,
      },
    });
    expect(info.needsSetup).toBe(false);
    expect(info.operatorName).toBe('Nguyễn Văn Bình');
    expect(info.ownUnitName).toBe('Đảng bộ xã Đồng Ý');
    const unit = b.call('units.get', { id: info.ownUnitId! });
    expect(unit.current).toMatchObject({
      name: 'Đảng bộ xã Đồng Ý',
      code: 'BS-DY',
      kind: 'base_committee',
      sector: 'commune',
      parentId: null,
      validFrom: 2025,
    });
    expect(unit.events.map((e) => e.type)).toEqual(['founded']);
    expect(b.call('app.info', {})).toEqual(info);

    const operators = b.ctx.db.prepare('SELECT DISTINCT operator FROM audit_log').all();
    expect(operators).toEqual([{ operator: 'Nguyễn Văn Bình' }]);
  });

  test('mode existing: adopts a unit already in the register', () => {
    const cli = makeBackend({ operator: null, origin: 'cli' });
    const unit = addUnit(cli, 'Đảng bộ phường Kỳ Lừa', 2000, { kind: 'base_committee' });
    cli.close();
    const b = makeBackend({ dbPath: cli.dbPath, operator: null });
    expect(b.call('app.info', {}).needsSetup).toBe(true);
    const before = b.ctx.db.prepare('SELECT count(*) AS n FROM units').get();
    const info = b.call('setup.complete', {
      operatorName: 'Vi Thị Hoa',
      ownUnit: { mode: 'existing', unitId: unit.id },
    });
    expect(info).toMatchObject({
      needsSetup: false,
      operatorName: 'Vi Thị Hoa',
      ownUnitId: unit.id,
      ownUnitName: 'Đảng bộ phường Kỳ Lừa',
    });
    expect(b.ctx.db.prepare('SELECT count(*) AS n FROM units').get()).toEqual(before);
  });

  test("the own unit's name follows renames (as of this year)", () => {
    const b = makeBackend();
    const unit = addUnit(b, 'Tên cũ', 2000, { kind: 'base_committee' });
    b.call('setup.complete', {
      operatorName: 'Vi Thị Hoa',
      ownUnit: { mode: 'existing', unitId: unit.id },
    });
    b.call('units.rename', { id: unit.id, year: currentYear(), name: 'Tên mới' });
    expect(b.call('app.info', {}).ownUnitName).toBe('Tên mới');
  });

  test('a removed unit cannot be chosen, and nothing is kept of the attempt', () => {
    const b = makeBackend({ operator: null, origin: 'cli' });
    const unit = addUnit(b, 'Chi bộ đã xoá', 2000);
    b.call('units.remove', { id: unit.id });
    const app = makeBackend({ dbPath: b.dbPath, operator: null });
    const before = app.snapshot();
    const result = app.attempt('setup.complete', {
      operatorName: 'Vi Thị Hoa',
      ownUnit: { mode: 'existing', unitId: unit.id },
    });
    expect(errorOf(result).code).toBe('NOT_FOUND');
    expect(app.snapshot()).toBe(before);
    expect(app.call('app.info', {}).operatorName).toBeNull();
  });

  test('setup survives reopening the data file', () => {
    const b = makeBackend({ operator: null });
    b.call('setup.complete', {
      operatorName: 'Hoàng Thị Lan',
      ownUnit: { mode: 'new', name: 'Chi bộ Cơ quan', kind: 'base_cell', fromYear: 2020 },
    });
    b.close();
    const again = makeBackend({ dbPath: b.dbPath, operator: null });
    expect(again.call('app.info', {})).toMatchObject({
      needsSetup: false,
      operatorName: 'Hoàng Thị Lan',
      ownUnitName: 'Chi bộ Cơ quan',
    });
  });

  test('an empty operator name is refused', () => {
    const b = makeBackend({ operator: null });
    const result = b.attempt('setup.complete', {
      operatorName: '   ',
      ownUnit: { mode: 'new', name: 'Chi bộ A', kind: 'base_cell', fromYear: 2020 },
    });
    expect(errorOf(result)).toEqual({
      code: 'INVALID_INPUT',
      message: 'Tên người sử dụng không được để trống.',
    });
    expect(b.call('app.info', {}).needsSetup).toBe(true);
  });
});
