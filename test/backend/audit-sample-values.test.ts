// Nhật ký thay đổi over the sample data (units, ratings, watchlists, members carried over from the
// year before, measures): every value the screen shows is Vietnamese or a name — no record's id
// ("Chuyển từ: 01a22ca6-…"), no stored code ("Trạng thái: active", a measure's kind
// "resolution"), no JSON ("Lý do: [\"slow_change\",\"violations\"]", "Tài liệu: []"), no day as stored
// ("2018-07-01": dd/mm/yyyy); a measure's kind is not called "Loại tổ chức". The screen shows a value
// as AuditScreen does: the name of an id in unitNames, else auditValueLabel.
import { afterEach, expect, test } from 'vitest';
import { auditFieldLabel, auditValueLabel } from '../../shared/domain/audit-labels';
import {
  MEASURE_KINDS,
  MEASURE_STATUSES,
  MEMBER_STATUSES,
  WATCH_REASONS,
} from '../../shared/domain/watchlists';
import type { AuditEntry } from '../../shared/contract';
import { cleanupTemp, makeBackend } from '../helpers/backend';

afterEach(cleanupTemp);

const RECORD_ID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;
const CODES = new Set<string>([
  ...MEASURE_KINDS,
  ...MEASURE_STATUSES,
  ...MEMBER_STATUSES,
  ...WATCH_REASONS,
]);

function allEntries(b: ReturnType<typeof makeBackend>): AuditEntry[] {
  const entries: AuditEntry[] = [];
  let after: { at: string; seq: number } | undefined;
  for (let pages = 0; pages < 100; pages++) {
    const page = b.call('audit.list', { limit: 200, ...(after ? { after } : {}) });
    entries.push(...page.entries);
    if (!page.next) return entries;
    after = page.next;
  }
  throw new Error('too many pages');
}

test('the sample data’s log shows names and Vietnamese words, never ids, codes or JSON', () => {
  const b = makeBackend();
  b.call('sample.load', { operatorName: 'Dương Minh Phong' });
  const shown: { field: string; text: string }[] = [];
  for (const entry of allEntries(b)) {
    if (entry.entity === 'exchange_batch') continue;
    for (const change of entry.changes) {
      for (const value of [change.old, change.new]) {
        const name = typeof value === 'string' ? entry.unitNames[value] : undefined;
        const text = name ?? auditValueLabel(change.field, value);
        if (text !== null) shown.push({ field: change.field, text });
      }
    }
  }
  const fields = new Set(shown.map((s) => s.field));
  // The sample holds what this test is about.
  for (const field of ['reasons', 'status', 'kind', 'carried_from_id', 'member_id']) {
    expect(fields, field).toContain(field);
  }
  const bad = shown.filter(
    ({ field, text }) =>
      RECORD_ID.test(text) ||
      CODES.has(text) ||
      (field === 'reasons' && text.startsWith('[')) ||
      text === '[]' ||
      /^\d{4}-\d{2}-\d{2}$/.test(text),
  );
  expect(bad).toEqual([]);
  expect(shown).toContainEqual({ field: 'status', text: 'Đang củng cố' });
  expect(shown).toContainEqual({ field: 'kind', text: 'Ban hành nghị quyết, kế hoạch, quy chế' });
  expect(shown.find((s) => s.field === 'reasons')?.text).not.toContain('"');
  // Days as dd/mm/yyyy, like every date of the app.
  expect(
    shown.filter((s) => s.field === 'due_on').every((s) => /^\d\d\/\d\d\/\d{4}$/.test(s.text)),
  ).toBe(true);
});

test("a measure's kind is named as a measure's, a unit's as a unit's", () => {
  expect(auditFieldLabel('kind', 'measure')).toBe('Loại biện pháp');
  expect(auditFieldLabel('title', 'measure')).toBe('Nội dung');
  expect(auditFieldLabel('kind', 'unit_version')).toBe('Loại tổ chức');
  expect(auditFieldLabel('kind')).toBe('Loại tổ chức');
});

test('a unit "có từ trước" is named so, its flag said as có/không', () => {
  expect(auditFieldLabel('founded_unknown', 'unit')).toBe('Có từ trước (không rõ năm thành lập)');
  expect(auditValueLabel('founded_unknown', 1)).toBe('có');
  expect(auditValueLabel('founded_unknown', 0)).toBe('không');
});

test("an exchange batch's counts are named in Vietnamese, not by their keys", () => {
  expect(auditFieldLabel('keptLocal', 'exchange_batch')).toBe('Số bản ghi giữ dữ liệu đang có');
  expect(auditFieldLabel('identical', 'exchange_batch')).toBe('Số bản ghi giống hệt');
});

test("an exchange batch's direction is said in Vietnamese, not as its code", () => {
  expect(auditValueLabel('direction', 'peer')).toBe('Từ đơn vị ngang cấp');
  expect(auditValueLabel('direction', 'up')).toBe('Từ cấp dưới gửi lên');
  expect(auditValueLabel('direction', 'down')).toBe('Từ cấp trên gửi xuống');
});
