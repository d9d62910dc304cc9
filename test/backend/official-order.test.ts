import { afterEach, describe, expect, it } from 'vitest';
import { addUnit, cleanupTemp, errorOf, makeBackend, namesIn } from '../helpers/backend';

afterEach(cleanupTemp);

describe('official order', () => {
  it('lists alphabetically (Vietnamese) until an official order is set, then by that order first', () => {
    const b = makeBackend();
    const ids = [
      'Huyện ủy Văn Lãng',
      'Thành ủy Lạng Sơn',
      'Huyện ủy Bắc Sơn',
      'Huyện ủy Đình Lập',
    ].map((name) => addUnit(b, name, 2010, { kind: 'upper_committee' }));
    expect(namesIn(b, 2017)).toEqual([
      'Huyện ủy Bắc Sơn',
      'Huyện ủy Đình Lập',
      'Huyện ủy Văn Lãng',
      'Thành ủy Lạng Sơn',
    ]);
    const [vanLang, thanhUy] = ids;
    b.call('units.correct', {
      id: thanhUy!.id,
      versionId: thanhUy!.current.versionId,
      officialOrder: 1,
    });
    b.call('units.correct', {
      id: vanLang!.id,
      versionId: vanLang!.current.versionId,
      officialOrder: 2,
    });
    expect(namesIn(b, 2017)).toEqual([
      'Thành ủy Lạng Sơn',
      'Huyện ủy Văn Lãng',
      'Huyện ủy Bắc Sơn',
      'Huyện ủy Đình Lập',
    ]);
    expect(b.call('units.get', { id: thanhUy!.id }).current.officialOrder).toBe(1);
    const audit = b.ctx.db
      .prepare(
        "SELECT old_value, new_value FROM audit_log WHERE entity_id = ? AND new_value LIKE '%official_order%'",
      )
      .all(thanhUy!.id);
    expect(audit).toEqual([
      { old_value: '{"official_order":null}', new_value: '{"official_order":1}' },
    ]);
    // The rating grid lists the TCCSĐ (not these upper committees) by the same rule.
    const cells = ['Chi bộ Thôn Bản Ranh', 'Chi bộ Cục Thống kê', 'Đảng bộ xã Đồng Ý'].map((name) =>
      addUnit(b, name, 2010, { parentId: thanhUy!.id }),
    );
    const grid = () => b.call('ratings.grid', { year: 2017 }).rows.map((r) => r.name);
    expect(grid()).toEqual(['Chi bộ Cục Thống kê', 'Chi bộ Thôn Bản Ranh', 'Đảng bộ xã Đồng Ý']);
    b.call('units.correct', {
      id: cells[2]!.id,
      versionId: cells[2]!.current.versionId,
      officialOrder: 1,
    });
    expect(grid()).toEqual(['Đảng bộ xã Đồng Ý', 'Chi bộ Cục Thống kê', 'Chi bộ Thôn Bản Ranh']);
  });

  it('refuses an order that is not a positive whole number, changing nothing', () => {
    const b = makeBackend();
    const unit = addUnit(b, 'Huyện ủy Bắc Sơn', 2010);
    const before = b.snapshot();
    for (const officialOrder of [0, -3, 1.5, 'một']) {
      const error = errorOf(
        b.attempt('units.correct', {
          id: unit.id,
          versionId: unit.current.versionId,
          officialOrder,
        }),
      );
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.message).toMatch(/Thứ tự/);
    }
    expect(b.snapshot()).toBe(before);
  });
});
