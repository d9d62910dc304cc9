// The one rule for merging a rating (issue 6 §2.6), shared by every write path.
import { describe, expect, test } from 'vitest';
import type { RatingFields } from '../../shared/domain/rating-merge';
import {
  canBeExemplary,
  mergeCell,
  mergeRating,
  parseRatingCell,
} from '../../shared/domain/rating-merge';
import type { RatingScale } from '../../shared/domain/scales';
import { scaleForYear } from '../../shared/domain/scales';

function scale(year: number): RatingScale {
  const s = scaleForYear(year);
  if (!s) throw new Error(`no scale for ${year}`);
  return s;
}

const s2016 = scale(2016);
const s2019 = scale(2019);

const stored: RatingFields & { scaleId: string } = {
  scaleId: 'hd20-2008',
  levelCode: 'TSVM',
  notRatedReason: null,
  exemplary: true,
  rank: 'top',
  change: 'clear',
  score: null,
  memberCount: 42,
  ratedBy: 'upper',
  decisionNumber: '125-QĐ/HU',
  decisionDate: '2017-01-20',
  note: 'Đoàn kết tốt',
};

describe('mergeRating', () => {
  test('fields not given keep their stored value', () => {
    expect(mergeRating(s2016, stored, {})).toEqual(
      Object.fromEntries(Object.entries(stored).filter(([k]) => k !== 'scaleId')),
    );
  });

  test('null clears a field; a given value replaces it', () => {
    expect(mergeRating(s2016, stored, { note: null, memberCount: 50 })).toMatchObject({
      note: null,
      memberCount: 50,
      rank: 'top',
    });
  });

  test('the same level again keeps "tiêu biểu"', () => {
    expect(mergeRating(s2016, stored, { levelCode: 'TSVM' })).toMatchObject({
      levelCode: 'TSVM',
      exemplary: true,
    });
  });

  test('another level drops "tiêu biểu" (it cannot carry it) and keeps the other fields', () => {
    expect(mergeRating(s2016, stored, { levelCode: 'HTTNV' })).toMatchObject({
      levelCode: 'HTTNV',
      exemplary: false,
      rank: 'top',
      note: 'Đoàn kết tốt',
    });
  });

  test('"tiêu biểu" given explicitly wins, either way', () => {
    expect(mergeRating(s2016, stored, { levelCode: 'TSVM', exemplary: false })?.exemplary).toBe(
      false,
    );
    const plain = { ...stored, exemplary: false };
    expect(mergeRating(s2016, plain, { levelCode: 'TSVM', exemplary: true })?.exemplary).toBe(true);
  });

  test('a reason for not rating replaces the level, and the flag with it', () => {
    expect(mergeRating(s2016, stored, { notRatedReason: 'exempt' })).toMatchObject({
      levelCode: null,
      notRatedReason: 'exempt',
      exemplary: false,
    });
    const notRated = {
      ...stored,
      levelCode: null,
      exemplary: false,
      notRatedReason: 'new' as const,
    };
    expect(mergeRating(s2016, notRated, { levelCode: 'HTNV' })).toMatchObject({
      levelCode: 'HTNV',
      notRatedReason: null,
    });
  });

  test('a level given with a reason: the level wins', () => {
    expect(mergeCell(s2016, null, { levelCode: 'HTNV', notRatedReason: 'new' })).toEqual({
      levelCode: 'HTNV',
      notRatedReason: null,
      exemplary: false,
    });
  });

  test('neither a level nor a reason left: cleared (null)', () => {
    expect(mergeRating(s2016, stored, { levelCode: null })).toBeNull();
    expect(mergeRating(s2016, stored, { levelCode: null, notRatedReason: null })).toBeNull();
    expect(mergeRating(s2016, null, {})).toBeNull();
  });

  test('nothing stored: the given fields, the rest empty', () => {
    expect(mergeRating(s2016, null, { levelCode: 'HTTNV', note: 'mới' })).toEqual({
      levelCode: 'HTTNV',
      notRatedReason: null,
      exemplary: false,
      rank: null,
      change: null,
      score: null,
      memberCount: null,
      ratedBy: null,
      decisionNumber: null,
      decisionDate: null,
      note: 'mới',
    });
  });

  test('"tiêu biểu" stored on another scale is not carried over', () => {
    const other = { ...stored, scaleId: 'qd132-2018', levelCode: 'HTXSNV' };
    expect(mergeCell(s2019, other, { levelCode: 'HTXSNV' })?.exemplary).toBe(true);
    expect(mergeCell(s2019, { ...other, scaleId: 'x' }, { levelCode: 'HTXSNV' })?.exemplary).toBe(
      false,
    );
    // A stored cell without a scale (the grid's own edits) is on the grid's scale.
    const { scaleId: _scaleId, ...unscaled } = other;
    expect(mergeCell(s2019, unscaled, { levelCode: 'HTXSNV' })?.exemplary).toBe(true);
  });

  test('an impossible "tiêu biểu" is returned as given, for the caller to refuse', () => {
    expect(mergeCell(s2016, null, { levelCode: 'HTNV', exemplary: true })).toMatchObject({
      exemplary: true,
    });
    expect(canBeExemplary(s2016, 'HTNV')).toBe(false);
    expect(canBeExemplary(s2016, 'TSVM')).toBe(true);
    expect(canBeExemplary(s2019, 'HTXSNV')).toBe(true);
    expect(canBeExemplary(s2019, null)).toBe(false);
  });
});

describe('parseRatingCell', () => {
  test('empty or blank text is an explicitly empty cell', () => {
    for (const text of ['', '  ', '\t']) expect(parseRatingCell(s2016, text)).toBe('empty');
  });

  test('a plain level leaves "tiêu biểu" not given (so the merge keeps it)', () => {
    expect(parseRatingCell(s2016, 'tsvm')).toEqual({ levelCode: 'TSVM' });
    expect(parseRatingCell(s2019, 'Hoàn thành tốt nhiệm vụ')).toEqual({ levelCode: 'HTTNV' });
  });

  test('the exemplary rating of the period sets the flag', () => {
    expect(parseRatingCell(s2016, 'TSVM tiêu biểu')).toEqual({
      levelCode: 'TSVM',
      exemplary: true,
    });
    expect(parseRatingCell(s2019, 'tsvm tieu bieu')).toEqual({
      levelCode: 'HTXSNV',
      exemplary: true,
    });
    expect(parseRatingCell(scale(2025), 'HTXSNV tiêu biểu')).toEqual({
      levelCode: 'HTXSNV',
      exemplary: true,
    });
  });

  test('a reason for not rating, as labelled, with or without diacritics', () => {
    expect(parseRatingCell(s2016, 'Mới thành lập')).toEqual({
      levelCode: null,
      notRatedReason: 'new',
    });
    expect(parseRatingCell(s2016, 'khong xep loai')).toEqual({
      levelCode: null,
      notRatedReason: 'exempt',
    });
  });

  test('anything else is not a rating', () => {
    expect(parseRatingCell(s2016, 'HTXSNV')).toBeNull();
    expect(parseRatingCell(s2016, 'Đảng bộ xã Đồng Ý')).toBeNull();
  });
});
