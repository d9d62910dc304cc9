// The Nhật ký thay đổi screen's backend (audit.list, audit.operators): who changed what and
// when, filtered by unit, person, channel, source and time, newest first, paged by key; every
// filter read through an index in the page's order (EXPLAIN QUERY PLAN), bad filters refused in
// Vietnamese with nothing written.
import { afterEach, describe, expect, test } from 'vitest';
import { pageQuery } from '../../electron/backend/audit/list';
import type { AuditEntry, MethodInput } from '../../shared/contract';
import type { TestBackend } from '../helpers/backend';
import { addUnit, cleanupTemp, makeBackend, VIETNAMESE_LETTER } from '../helpers/backend';
import { fixedClock } from '../../electron/backend/context';

afterEach(cleanupTemp);

type Filter = MethodInput<'audit.list'>;

/** Every entry the filter lists, page after page of `limit`. */
function readAll(b: TestBackend, filter: Filter, limit: number): AuditEntry[] {
  const entries: AuditEntry[] = [];
  let after: Filter['after'];
  for (let pages = 0; pages < 1000; pages++) {
    const page = b.call('audit.list', { ...filter, limit, ...(after ? { after } : {}) });
    entries.push(...page.entries);
    if (!page.next) return entries;
    after = page.next;
  }
  throw new Error('too many pages');
}

/** A backend with writes by two people, on two days, one unit renamed and rated. */
function history() {
  const clock = { at: new Date('2025-03-01T02:00:00.000Z') };
  const b = makeBackend({ clock: { now: () => new Date(clock.at) } });
  const a = addUnit(b, 'Chi bộ Thôn Bản Quan', 2010);
  const other = addUnit(b, 'Chi bộ Nà Phòng', 2012);
  clock.at = new Date('2025-03-05T09:00:00.000Z');
  b.call('settings.setOperator', { operatorName: 'Hoàng Văn Nam' });
  b.call('units.rename', { id: a.id, year: 2015, name: 'Chi bộ Bản Quan Mới' });
  b.call('ratings.set', { unitId: a.id, year: 2017, levelCode: 'HTTNV' });
  b.call('ratings.set', { unitId: a.id, year: 2017, levelCode: 'TSVM' });
  return { b, a, other };
}

describe('audit.list', () => {
  test('newest first, every row once across pages, filtered by unit, person and date', () => {
    const { b, a, other } = history();
    const total = b.ctx.db.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;
    const all = readAll(b, {}, 3);
    expect(all.map((e) => e.seq)).toEqual([...Array(total).keys()].map((i) => total - i));
    const ofA = readAll(b, { unitId: a.id }, 2);
    expect(ofA.length).toBeGreaterThan(4);
    expect(new Set(ofA.map((e) => e.unitId))).toEqual(new Set([a.id]));
    expect(ofA.every((e) => e.unitName === 'Chi bộ Bản Quan Mới')).toBe(true);
    expect(readAll(b, { unitId: other.id }, 50).map((e) => e.entity)).toEqual([
      'lineage_event',
      'unit_version',
      'unit',
    ]);
    // The last rating change, old → new, as the screen shows it.
    const rating = ofA.find((e) => e.entity === 'rating');
    expect(rating).toMatchObject({
      operator: 'Hoàng Văn Nam',
      action: 'update',
      channel: 'app',
      source: 'manual',
      changes: [{ field: 'level_code', old: 'HTTNV', new: 'TSVM' }],
    });
    const byNam = readAll(b, { operator: 'Hoàng Văn Nam' }, 4);
    expect(new Set(byNam.map((e) => e.operator))).toEqual(new Set(['Hoàng Văn Nam']));
    expect(byNam.length).toBe(all.filter((e) => e.operator === 'Hoàng Văn Nam').length);
    const firstDay = readAll(
      b,
      { from: '2025-03-01T00:00:00.000Z', to: '2025-03-02T00:00:00.000Z' },
      50,
    );
    expect(firstDay.length).toBe(all.filter((e) => e.at.startsWith('2025-03-01')).length);
    expect(firstDay.length).toBeGreaterThan(0);
    expect(readAll(b, { channel: 'cli' }, 50)).toEqual([]);
    expect(readAll(b, { source: 'import' }, 50)).toEqual([]);
    expect(readAll(b, { source: 'manual' }, 50).length).toBe(total);
    expect(b.call('audit.operators', {})).toEqual(['Hoàng Văn Nam', 'Nguyễn Thị Hương']);
  });

  test('ties of time are paged by seq: nothing lost or repeated', () => {
    const b = makeBackend({ clock: fixedClock('2025-01-01T00:00:00.000Z') });
    for (let i = 0; i < 7; i++) addUnit(b, `Chi bộ số ${i + 1}`, 2010);
    const total = b.ctx.db.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;
    const seqs = readAll(b, {}, 4).map((e) => e.seq);
    expect(seqs).toEqual([...Array(total).keys()].map((i) => total - i));
  });

  test('bad filters are refused in Vietnamese and change nothing', () => {
    const { b } = history();
    const before = b.snapshot();
    const cases: [unknown, string][] = [
      [{ unitId: 'abc' }, 'Mã định danh tổ chức không hợp lệ.'],
      [{ operator: '' }, 'Tên người thay đổi không được để trống.'],
      [{ channel: 'web' }, 'Kênh thay đổi không hợp lệ.'],
      [{ source: 'x' }, 'Nguồn thay đổi không hợp lệ.'],
      [{ from: '01/02/2025' }, 'Thời điểm không hợp lệ.'],
      [
        { from: '2025-03-02T00:00:00.000Z', to: '2025-03-01T00:00:00.000Z' },
        'Ngày bắt đầu phải trước ngày kết thúc.',
      ],
      [{ limit: 0 }, 'Số dòng mỗi trang phải từ 1 đến 200.'],
      [{ limit: 1000 }, 'Số dòng mỗi trang phải từ 1 đến 200.'],
    ];
    for (const [input, message] of cases) {
      const result = b.attempt('audit.list', input);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.message).toContain(message);
        expect(result.error.message).toMatch(VIETNAMESE_LETTER);
      }
    }
    expect(b.snapshot()).toBe(before);
  });
});

describe('audit.list query plans', () => {
  const plan = (b: TestBackend, filter: Filter): string => {
    const { sql, params } = pageQuery(filter);
    const rows = b.ctx.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[];
    return rows.map((r) => r.detail).join('\n');
  };
  const after = { at: '2025-03-05T09:00:00.000Z', seq: 9 };
  const cases: [string, Filter, RegExp][] = [
    [
      'no filter',
      {},
      /SEARCH audit_log USING INDEX audit_log_by_at|SCAN audit_log USING INDEX audit_log_by_at/,
    ],
    ['no filter, next page', { after }, /SEARCH audit_log USING INDEX audit_log_by_at \(at<\?\)/],
    [
      'unit',
      { unitId: '00000000-0000-4000-8000-000000000000', after },
      /USING INDEX audit_log_by_unit \(unit_id=\? AND at<\?\)/,
    ],
    [
      'person',
      { operator: 'A', after },
      /USING INDEX audit_log_by_operator \(operator=\? AND at<\?\)/,
    ],
    ['channel', { channel: 'cli' }, /USING INDEX audit_log_by_channel \(channel=\?\)/],
    [
      'dates',
      { from: '2025-01-01T00:00:00.000Z', to: '2025-02-01T00:00:00.000Z' },
      /USING INDEX audit_log_by_at \(at>\? AND at<\?\)/,
    ],
    [
      'source',
      { source: 'exchange', after },
      /USING INDEX audit_log_by_source \(<expr>=\? AND at<\?\)/,
    ],
  ];
  for (const [name, filter, expected] of cases) {
    test(`${name}: read through its index, newest first, no sort`, () => {
      const b = makeBackend();
      const detail = plan(b, filter);
      expect(detail).toMatch(expected);
      expect(detail).not.toMatch(/SCAN audit_log(?! USING)/);
      expect(detail).not.toContain('TEMP B-TREE');
    });
  }
});
