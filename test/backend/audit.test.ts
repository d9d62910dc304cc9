import { afterEach, describe, expect, test } from 'vitest';
import { WHOLE_RECORD, auditValues } from '../../electron/backend/audit';
import type { TestBackend } from '../helpers/backend';
import { DEFAULT_OPERATOR, addUnit, cleanupTemp, makeBackend } from '../helpers/backend';
import type { AuditRow } from '../helpers/audit';
import { auditSince as storedSince, lastAuditSeq as lastSeq, perField } from '../helpers/audit';

afterEach(cleanupTemp);

/** The rows after `seq`, field by field (each stored row is one record, its fields together). */
const auditSince = (b: TestBackend, seq: number): AuditRow[] => perField(storedSince(b, seq));

/** What was stored: one row per changed record, entity and id, its fields as JSON. */
const records = (b: TestBackend, seq: number) =>
  storedSince(b, seq).map((r) => [r.entity, r.entity_id, r.field]);

const changes = (rows: AuditRow[]) =>
  rows.map((r) => [r.entity, r.field, r.old_value, r.new_value]);

describe('audit log', () => {
  test('create writes one row per record (the unit, its version, its founded event), every field in it', () => {
    const b = makeBackend();
    const installationId = b.call('app.info', {}).installationId;
    // The operator's name set by makeBackend is audited too (a settings row): start after it.
    const start = lastSeq(b);
    const unit = addUnit(b, 'Chi bộ Thôn Bản Quan', 2010, { code: 'BQ-1', basis: '5-QĐ/ĐU' });
    const rows = auditSince(b, start);
    const versionId = unit.versions[0]!.id;
    const eventId = unit.events[0]!.id;

    expect(records(b, start)).toEqual([
      ['unit', unit.id, WHOLE_RECORD],
      ['unit_version', versionId, WHOLE_RECORD],
      ['lineage_event', eventId, WHOLE_RECORD],
    ]);
    expect(storedSince(b, start)[1]).toMatchObject({
      old_value: null,
      new_value: JSON.stringify({
        unit_id: unit.id,
        valid_from: 2010,
        name: 'Chi bộ Thôn Bản Quan',
        code: 'BQ-1',
        kind: 'base_cell',
      }),
    });
    expect(rows.filter((r) => r.entity === 'unit').map((r) => r.entity_id)).toEqual([unit.id]);
    expect(changes(rows)).toEqual([
      ['unit', 'founded_year', null, '2010'],
      ['unit_version', 'unit_id', null, unit.id],
      ['unit_version', 'valid_from', null, '2010'],
      ['unit_version', 'name', null, 'Chi bộ Thôn Bản Quan'],
      ['unit_version', 'code', null, 'BQ-1'],
      ['unit_version', 'kind', null, 'base_cell'],
      ['lineage_event', 'unit_id', null, unit.id],
      ['lineage_event', 'type', null, 'founded'],
      ['lineage_event', 'year', null, '2010'],
      ['lineage_event', 'basis', null, '5-QĐ/ĐU'],
    ]);
    expect(
      new Set(rows.filter((r) => r.entity === 'unit_version').map((r) => r.entity_id)),
    ).toEqual(new Set([versionId]));
    expect(
      new Set(rows.filter((r) => r.entity === 'lineage_event').map((r) => r.entity_id)),
    ).toEqual(new Set([eventId]));
    for (const row of rows) {
      expect(row.operator).toBe(DEFAULT_OPERATOR);
      expect(row.origin).toBe('app');
      expect(row.installation).toBe(installationId);
      expect(Date.parse(row.at)).not.toBeNaN();
    }
  });

  test('rename writes the closed version, the new version and the event', () => {
    const b = makeBackend();
    const unit = addUnit(b, 'Đảng bộ xã Tân Lang', 2010, { kind: 'base_committee' });
    const seq = lastSeq(b);
    const after = b.call('units.rename', {
      id: unit.id,
      year: 2025,
      name: 'Đảng bộ xã Tân Lang mới',
    });
    const rows = auditSince(b, seq);
    const oldVersion = after.versions[0]!.id;
    const newVersion = after.versions[1]!.id;
    expect(records(b, seq)).toEqual([
      ['unit_version', oldVersion, WHOLE_RECORD],
      ['unit_version', newVersion, WHOLE_RECORD],
      ['lineage_event', after.events[1]!.id, WHOLE_RECORD],
    ]);
    expect(rows.map((r) => [r.entity, r.entity_id, r.field, r.old_value, r.new_value])).toEqual([
      ['unit_version', oldVersion, 'valid_to', null, '2024'],
      ['unit_version', newVersion, 'unit_id', null, unit.id],
      ['unit_version', newVersion, 'valid_from', null, '2025'],
      ['unit_version', newVersion, 'name', null, 'Đảng bộ xã Tân Lang mới'],
      ['unit_version', newVersion, 'kind', null, 'base_committee'],
      ['lineage_event', after.events[1]!.id, 'unit_id', null, unit.id],
      ['lineage_event', after.events[1]!.id, 'type', null, 'renamed'],
      ['lineage_event', after.events[1]!.id, 'year', null, '2025'],
    ]);
    expect(new Set(rows.map((r) => r.operator))).toEqual(new Set([DEFAULT_OPERATOR]));
  });

  test('a correction in place records old and new value of the changed field only', () => {
    const b = makeBackend();
    const unit = addUnit(b, 'Chi bộ Thôn Khau Khem', 2010, { sector: 'commune' });
    const seq = lastSeq(b);
    b.call('units.correct', {
      id: unit.id,
      versionId: unit.versions[0]!.id,
      name: 'Chi bộ Thôn Khau Khém',
      sector: 'commune',
    });
    expect(changes(auditSince(b, seq))).toEqual([
      ['unit_version', 'name', 'Chi bộ Thôn Khau Khem', 'Chi bộ Thôn Khau Khém'],
    ]);
  });

  test('a correction of several fields is one row: only the changed fields, old → new as JSON', () => {
    const b = makeBackend();
    const unit = addUnit(b, 'Chi bộ Thôn Khau Khem', 2010, { sector: 'commune', code: 'KK' });
    const seq = lastSeq(b);
    b.call('units.correct', {
      id: unit.id,
      versionId: unit.versions[0]!.id,
      name: 'Chi bộ Thôn Khau Khém',
      code: 'KK-2',
      sector: 'commune',
    });
    const stored = storedSince(b, seq);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      entity: 'unit_version',
      entity_id: unit.versions[0]!.id,
      field: WHOLE_RECORD,
    });
    expect(JSON.parse(stored[0]!.old_value ?? 'null')).toEqual({
      name: 'Chi bộ Thôn Khau Khem',
      code: 'KK',
    });
    expect(JSON.parse(stored[0]!.new_value ?? 'null')).toEqual({
      name: 'Chi bộ Thôn Khau Khém',
      code: 'KK-2',
    });
  });

  test('rows of the old per-field shape read back as the same field changes', () => {
    expect(auditValues({ field: 'name', old_value: 'Chi bộ A', new_value: 'Chi bộ B' })).toEqual([
      { field: 'name', old: 'Chi bộ A', new: 'Chi bộ B' },
    ]);
    expect(auditValues({ field: 'code', old_value: null, new_value: 'KK' })).toEqual([
      { field: 'code', old: null, new: 'KK' },
    ]);
    expect(
      auditValues({
        field: WHOLE_RECORD,
        old_value: '{"level_code":"HTNV","exemplary":0}',
        new_value: '{"level_code":"HTTNV","exemplary":1}',
      }),
    ).toEqual([
      { field: 'level_code', old: 'HTNV', new: 'HTTNV' },
      { field: 'exemplary', old: 0, new: 1 },
    ]);
    expect(
      auditValues({ field: WHOLE_RECORD, old_value: null, new_value: '{"year":2019}' }),
    ).toEqual([{ field: 'year', old: null, new: 2019 }]);
  });

  test('merge records the end of the source, the moved child and both events', () => {
    const b = makeBackend();
    const source = addUnit(b, 'Đảng bộ xã Bằng Mạc', 2000, { kind: 'base_committee' });
    const target = addUnit(b, 'Đảng bộ xã Chi Lăng', 2000, { kind: 'base_committee' });
    const child = addUnit(b, 'Chi bộ thôn Nà Pá', 2000, {
      kind: 'subordinate_cell',
      parentId: source.id,
    });
    const seq = lastSeq(b);
    b.call('units.merge', { sourceIds: [source.id], targetId: target.id, year: 2025 });
    const rows = auditSince(b, seq);

    expect(rows).toContainEqual(
      expect.objectContaining({
        entity: 'unit',
        entity_id: source.id,
        field: 'ended_year',
        old_value: null,
        new_value: '2025',
        operator: DEFAULT_OPERATOR,
        origin: 'app',
      }),
    );
    expect(rows).toContainEqual(
      expect.objectContaining({
        entity: 'unit_version',
        entity_id: source.versions[0]!.id,
        field: 'valid_to',
        old_value: null,
        new_value: '2025',
      }),
    );
    expect(rows).toContainEqual(
      expect.objectContaining({
        entity: 'unit_version',
        entity_id: child.versions[0]!.id,
        field: 'valid_to',
        new_value: '2024',
      }),
    );
    expect(rows).toContainEqual(
      expect.objectContaining({ entity: 'unit_version', field: 'parent_id', new_value: target.id }),
    );
    const eventTypes = rows
      .filter((r) => r.entity === 'lineage_event' && r.field === 'type')
      .map((r) => r.new_value);
    expect(eventTypes).toEqual(['moved', 'merged_into', 'absorbed']);
    const related = rows
      .filter((r) => r.entity === 'lineage_event' && r.field === 'related_unit_id')
      .map((r) => r.new_value);
    expect(related).toEqual([target.id, target.id, source.id]);
    expect(new Set(rows.map((r) => r.operator))).toEqual(new Set([DEFAULT_OPERATOR]));
  });

  test('remove records the tombstone', () => {
    const b = makeBackend();
    const unit = addUnit(b, 'Chi bộ nhầm', 2010);
    const seq = lastSeq(b);
    b.call('units.remove', { id: unit.id });
    const rows = auditSince(b, seq);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      entity: 'unit',
      entity_id: unit.id,
      field: 'deleted_at',
      old_value: null,
    });
    expect(rows[0]!.new_value).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  test('names the operator in charge at the time of each change', () => {
    const b = makeBackend();
    const unit = addUnit(b, 'Chi bộ A', 2010);
    b.call('settings.setOperator', { operatorName: '  Hoàng   Văn Thụ ' });
    const seq = lastSeq(b);
    b.call('units.rename', { id: unit.id, year: 2015, name: 'Chi bộ B' });
    const rows = auditSince(b, seq);
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.operator))).toEqual(new Set(['Hoàng Văn Thụ']));
    expect(
      new Set(
        auditSince(b, 0)
          .slice(0, 3)
          .map((r) => r.operator),
      ),
    ).toEqual(new Set([DEFAULT_OPERATOR]));
  });

  test('records where a change came from (the command line)', () => {
    const b = makeBackend({ origin: 'cli', operator: null });
    addUnit(b, 'Chi bộ qua dòng lệnh', 2010);
    const rows = auditSince(b, 0);
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.origin))).toEqual(new Set(['cli']));
    // No operator set: the CLI falls back to the name it was given.
    expect(new Set(rows.map((r) => r.operator))).toEqual(new Set(['Người kiểm thử']));
  });

  test('reads write nothing to the audit log', () => {
    const b = makeBackend();
    const unit = addUnit(b, 'Chi bộ A', 2010);
    const before = b.snapshot();
    b.call('units.list', { year: 2010, search: 'chi bo' });
    b.call('units.get', { id: unit.id, year: 2010 });
    b.call('app.info', {});
    expect(b.snapshot()).toBe(before);
  });
});
