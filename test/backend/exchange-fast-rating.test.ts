// The plain-rating fast path (exchange/format/fast-rating.ts) returns exactly what the record
// schema returns: on generated ratings of every year and scale, and on each of them mutated field
// by field (types, ranges, texts the schema cleans, keys missing, extra or out of order,
// tombstones, impossible timestamps), the answer of parseRecordLine — record, key order, or
// Vietnamese message — is the reference's (every line through the schema).
import { describe, expect, test } from 'vitest';
import { parseRecordLine } from '../../electron/backend/exchange/format/records';
import { SCALES, scaleForYear } from '../../shared/domain/scales';
import { withSchemaYear } from '../../shared/domain/years';
import { referenceParseRecordLine } from '../helpers/reference-exchange';

const YEAR_NOW = 2026;

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function uuid(next: () => number): string {
  const hex = () => Math.floor(next() * 16).toString(16);
  const part = (n: number) => Array.from({ length: n }, hex).join('');
  return `${part(8)}-${part(4)}-4${part(3)}-a${part(3)}-${part(12)}`;
}

type Json = Record<string, unknown>;

/** The years a scale covers, up to next year (a year field's upper bound). */
const RATED_YEARS = Array.from({ length: YEAR_NOW + 2 - 2000 }, (_, i) => 2000 + i).filter(
  (y) => scaleForYear(y) !== null,
);

function rating(next: () => number): Json {
  const year = RATED_YEARS[Math.floor(next() * RATED_YEARS.length)] ?? YEAR_NOW;
  const scale = scaleForYear(year);
  if (!scale) throw new Error(`no scale for ${year}`);
  const level = scale.levels[Math.floor(next() * scale.levels.length)];
  return {
    t: 'rating',
    id: uuid(next),
    rev: 1 + Math.floor(next() * 5),
    by: 'scale-test',
    at: new Date(Date.UTC(2016, 0, 1) + Math.floor(next() * 3e11)).toISOString(),
    del: null,
    d: {
      unitId: uuid(next),
      year,
      scaleId: scale.id,
      levelCode: level?.code ?? null,
      notRatedReason: null,
      exemplary:
        scale.exemplaryLevel !== null && level?.code === scale.exemplaryLevel && next() < 0.5,
      rank: null,
      change: null,
      score: null,
      memberCount: next() < 0.5 ? null : Math.floor(next() * 300),
      ratedBy: null,
      decisionNumber: null,
      decisionDate: null,
      note: null,
    },
  };
}

/** Odd values every field is tried with. */
const ODD: unknown[] = [
  null,
  '',
  ' ',
  'x',
  'HTNV',
  ' HTNV ',
  0,
  -1,
  1,
  1.5,
  2017,
  1e20,
  Number.MAX_SAFE_INTEGER + 2,
  true,
  false,
  [],
  {},
  'a'.repeat(31),
  'a'.repeat(51),
  'a'.repeat(101),
  '2017-02-30',
  '2017-01-01T00:00:00.000Z',
  '2017-02-30T00:00:00.000Z',
  '2017-01-01T24:00:00.000Z',
  '2017-01-01T00:00:00Z',
  '2017-01-01T00:00:00.000+07:00',
  '0000-01-01T00:00:00.000Z',
  'F47AC10B-58CC-4372-A567-0E02B2C3D479',
  'new',
  'top',
  'clear',
  'self',
  'QĐ 12',
  'ghi chú  ',
  ...SCALES.map((s) => s.id),
];

function mutations(base: Json): Json[] {
  const out: Json[] = [];
  const d = base.d as Json;
  for (const key of Object.keys(base)) {
    if (key === 'd' || key === 't') continue;
    for (const value of ODD) out.push({ ...base, [key]: value });
    const { [key]: _dropped, ...without } = base;
    out.push(without);
  }
  for (const key of Object.keys(d)) {
    for (const value of ODD) out.push({ ...base, d: { ...d, [key]: value } });
    const { [key]: _dropped, ...without } = d;
    out.push({ ...base, d: without });
  }
  for (const year of [1999, 2000, 2007, 2008, YEAR_NOW, YEAR_NOW + 1, YEAR_NOW + 2]) {
    out.push({ ...base, d: { ...d, year } });
  }
  out.push({ ...base, extra: 1 });
  out.push({ ...base, d: { ...d, extra: 1 } });
  // The same keys in another order.
  out.push({ d: base.d, ...Object.fromEntries(Object.entries(base).filter(([k]) => k !== 'd')) });
  const [first, ...rest] = Object.entries(d);
  out.push({ ...base, d: Object.fromEntries([...rest, ...(first ? [first] : [])]) });
  // Not rated instead of a level; exemplary on another level.
  out.push({ ...base, d: { ...d, levelCode: null, notRatedReason: 'new' } });
  out.push({ ...base, d: { ...d, exemplary: !d.exemplary } });
  return out;
}

function same(text: string): void {
  const fast = withSchemaYear(YEAR_NOW, () => parseRecordLine(text));
  const reference = withSchemaYear(YEAR_NOW, () => referenceParseRecordLine(text));
  expect(fast, text).toEqual(reference);
  // The record's keys in the same order (the first pass compares its JSON with the line's).
  if (fast.ok && reference.ok)
    expect(JSON.stringify(fast.record)).toBe(JSON.stringify(reference.record));
}

describe('exchange: plain ratings read without the schema', () => {
  test('generated ratings of every year and scale: the same record as the schema gives', () => {
    const next = random(20261130);
    let taken = 0;
    for (let i = 0; i < 3000; i += 1) {
      const text = JSON.stringify(rating(next));
      same(text);
      if (withSchemaYear(YEAR_NOW, () => parseRecordLine(text)).ok) taken += 1;
    }
    expect(taken).toBe(3000);
  });

  test('each field mutated, keys missing, extra or reordered: the same answer or message', () => {
    const next = random(7);
    let refused = 0;
    let cases = 0;
    for (let i = 0; i < 40; i += 1) {
      for (const mutated of mutations(rating(next))) {
        const text = JSON.stringify(mutated);
        same(text);
        cases += 1;
        if (!withSchemaYear(YEAR_NOW, () => referenceParseRecordLine(text)).ok) refused += 1;
      }
    }
    // Most mutations are refusals, some are still valid ratings: both kinds were compared.
    expect(cases).toBeGreaterThan(10_000);
    expect(refused).toBeGreaterThan(cases / 2);
    expect(refused).toBeLessThan(cases);
  });
});
