// The audit screen's values in words: a flag as có/không, a rating's scale by its name, anything
// unknown as stored.
import { describe, expect, test } from 'vitest';
import { auditValueLabel } from '../../shared/domain/audit-labels';

describe('auditValueLabel', () => {
  test("a rating's scale is named, not shown by its id", () => {
    expect(auditValueLabel('scale_id', 'hd20-2008')).toBe('Thang xếp loại 2008–2017');
    expect(auditValueLabel('scale_id', 'không-có-thang-này')).toBe('không-có-thang-này');
  });

  test('flags and empty values', () => {
    expect(auditValueLabel('exemplary', 1)).toBe('có');
    expect(auditValueLabel('exemplary', 0)).toBe('không');
    expect(auditValueLabel('name', null)).toBeNull();
    expect(auditValueLabel('name', '')).toBeNull();
    expect(auditValueLabel('name', 'Chi bộ số 1')).toBe('Chi bộ số 1');
  });
});
