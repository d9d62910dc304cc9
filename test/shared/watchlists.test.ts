// The pure rules of shared/domain/watchlists.ts: choices typed as labels, document numbers,
// overdue, comparison across a kind change, and which members a carry-over keeps.
import { describe, expect, test } from 'vitest';
import type { WatchComparison } from '../../shared/domain/watchlists';
import {
  MEASURE_KINDS,
  MEASURE_KIND_LABELS,
  WATCH_REASONS,
  WATCH_REASON_LABELS,
  carryReason,
  choiceByLabel,
  compareWatchYears,
  documentNumberProblem,
  isOverdue,
  normalizeDocumentNumber,
} from '../../shared/domain/watchlists';

describe('choices typed as their Vietnamese labels', () => {
  test('with or without diacritics, whole, by their start, or by words only one label has', () => {
    const reason = (t: string) => choiceByLabel(WATCH_REASONS, WATCH_REASON_LABELS, t);
    expect(reason('Mất đoàn kết nội bộ')).toBe('disunity');
    expect(reason('mat doan ket')).toBe('disunity');
    expect(reason('yeu kem')).toBe('weak_rating');
    expect(reason('khac')).toBe('other');
    expect(reason('slow_change')).toBe('slow_change');
    const kind = (t: string) => choiceByLabel(MEASURE_KINDS, MEASURE_KIND_LABELS, t);
    expect(kind('kiem tra')).toBe('inspection');
    expect(kind('Sinh hoạt chuyên đề')).toBe('themed_meeting');
  });

  test('nothing, or more than one choice, is no answer', () => {
    const kind = (t: string) => choiceByLabel(MEASURE_KINDS, MEASURE_KIND_LABELS, t);
    expect(kind('')).toBeNull();
    expect(kind('họp')).toBeNull();
    // "sinh hoạt" is in two kinds (chi bộ meetings, themed meetings).
    expect(kind('sinh hoat')).toBeNull();
  });
});

describe('document numbers', () => {
  test('party and state shapes pass, in one stored form', () => {
    for (const [typed, stored] of [
      ['33-NQ/TU', '33-NQ/TU'],
      [' 33 - nq / tu', '33-NQ/TU'],
      ['1672/NQ-UBTVQH15', '1672/NQ-UBTVQH15'],
      ['18-KL/TW', '18-KL/TW'],
      ['132-QĐ/TW', '132-QĐ/TW'],
    ] as const) {
      const normalized = normalizeDocumentNumber(typed);
      expect(normalized).toBe(stored);
      expect(documentNumberProblem(normalized)).toBeNull();
    }
  });

  test('text that is no document number gets a message with examples', () => {
    for (const typed of ['Nghị quyết 33', '33', 'NQ/TU', '33-NQ']) {
      expect(documentNumberProblem(normalizeDocumentNumber(typed))).toMatch(
        /không đúng dạng; ví dụ 33-NQ\/TU/,
      );
    }
  });
});

test('a measure is overdue from the day after its due date, until done', () => {
  expect(isOverdue({ status: 'planned', dueOn: '2017-06-30' }, '2017-06-30')).toBe(false);
  expect(isOverdue({ status: 'in_progress', dueOn: '2017-06-30' }, '2017-07-01')).toBe(true);
  expect(isOverdue({ status: 'done', dueOn: '2017-06-30' }, '2017-07-01')).toBe(false);
  expect(isOverdue({ status: 'planned', dueOn: null }, '2030-01-01')).toBe(false);
});

describe('comparing two years of a watched unit', () => {
  test('a TCCSĐ that became a committee above the grassroots is not like for like', () => {
    expect(
      compareWatchYears(
        { year: 2024, scaleId: 'qd124-2023', levelCode: 'HTNV', kind: 'base_committee' },
        { year: 2025, scaleId: 'qd366-2025', levelCode: 'HTTNV', kind: 'upper_committee' },
      ),
    ).toEqual({
      trend: 'not_comparable',
      crossesScale: false,
      crossesKindChange: true,
      reason: 'kind_change',
    });
  });

  test('a chi bộ cơ sở that became a đảng bộ cơ sở still compares', () => {
    expect(
      compareWatchYears(
        { year: 2019, scaleId: 'qd132-2018', levelCode: 'HTNV', kind: 'base_cell' },
        { year: 2020, scaleId: 'qd132-2018', levelCode: 'HTTNV', kind: 'base_committee' },
      ).trend,
    ).toBe('up');
  });
});

describe('carry-over', () => {
  const compared = (trend: WatchComparison['trend'], reason: WatchComparison['reason'] = null) => ({
    trend,
    reason,
    crossesScale: false,
    crossesKindChange: false,
  });

  test('the recorded change decides first, then the level', () => {
    const active = 'active' as const;
    expect(carryReason({ status: active, change: 'slow', comparison: compared('up') })).toBe(
      'slow_change',
    );
    expect(
      carryReason({ status: active, change: 'clear', comparison: compared('same') }),
    ).toBeNull();
    expect(carryReason({ status: active, change: null, comparison: compared('up') })).toBeNull();
    expect(carryReason({ status: active, change: null, comparison: compared('same') })).toBe(
      'not_improved',
    );
    expect(
      carryReason({
        status: active,
        change: null,
        comparison: compared('not_comparable', 'missing'),
      }),
    ).toBe('not_rated');
  });

  test('members that left the list or are no longer followed are never carried', () => {
    for (const status of ['left', 'stopped'] as const) {
      expect(carryReason({ status, change: 'none', comparison: compared('down') })).toBeNull();
    }
  });
});
