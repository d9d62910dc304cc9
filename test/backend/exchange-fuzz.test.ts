// A seeded fuzz test of the exchange import (issue 9): valid files mutated — bytes flipped,
// cut short, lines deleted, duplicated or swapped, fields given wrong types, huge numbers,
// unknown entities, missing fields, other records' ids, headers edited with the hash recomputed
// so the records are really parsed — at least 1,000 cases. Each ends in a clean preview or a
// Vietnamese refusal, never a crash; every apply either applies its whole plan (which undo then
// takes back exactly) or changes nothing at all.
import { copyFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExchangePreview } from '../../shared/contract';
import type { ErrorCode } from '../../shared/errors';
import type { TestBackend } from '../helpers/backend';
import {
  VIETNAMESE_LETTER,
  checkSearchIndex,
  cleanupTemp,
  makeBackend,
  tempDbPath,
} from '../helpers/backend';
import type { ExchangeParts } from '../helpers/exchange-files';
import { editRecords, readParts, saveTemp, writeParts } from '../helpers/exchange-files';
import {
  DISTRICTS,
  exportFile,
  idOf,
  importFiles,
  makeLowerSite,
  makeProvince,
  recordSiteWork,
} from '../helpers/exchange-sites';
import type { Prng } from '../helpers/prng';
import { prng } from '../helpers/prng';

const CASES = 1000;
const SEED = 33_2017;

/** What leaks from code into a message: a stack, an exception's or a parser's own words. */
const NOT_FOR_PEOPLE =
  /undefined|NaN|\[object|Error\b|Unexpected|SyntaxError|at position|Expected|Received|Invalid input|Cannot read|is not a function|ENOENT|SQLITE|\bat \S+ \(/;
/**
 * zod's Vietnamese locale (set for the whole app in shared/schemas.ts) names the JavaScript type
 * it got for a field of the wrong type: "mong đợi string, nhận được undefined". That sentence is
 * the app's chosen wording for values only another program could write, so it is allowed.
 */
const ZOD_TYPE_WORDS = /mong đợi [^\s,]+, nhận được [^\s,.)]+/g;
const PREVIEW_CODES: ErrorCode[] = ['BAD_FILE'];
const APPLY_CODES: ErrorCode[] = ['BAD_FILE', 'CONFLICTS_UNDECIDED', 'INVALID_INPUT'];
/** The tables an exchange writes records into (undo must bring them back exactly). */
const RECORD_TABLES = [
  'units',
  'unit_versions',
  'lineage_events',
  'ratings',
  'watchlists',
  'watchlist_members',
  'measures',
  'watchlist_results',
  'exchange_unit_aliases',
];

interface Target {
  name: string;
  /** A copy of the target as set up, to start again from. */
  pristine: string;
  backend: TestBackend;
}

/**
 * Every this many cases a target starts again from its copy (after its health is checked): the
 * books and audit rows each apply and undo leave would otherwise make every snapshot slower.
 */
const FRESH_EVERY = 50;

let targets: Target[];
let base: ExchangeParts;
let baseBytes: Buffer;

beforeAll(async () => {
  const province = makeProvince();
  const master = await exportFile(province.backend);
  const site = await makeLowerSite(master.path, DISTRICTS[0]!);
  recordSiteWork(site);
  const up = await exportFile(site.backend);
  baseBytes = up.bytes;
  base = readParts(up.bytes);
  // Two copies of the province: one that takes the district's file first (so mutations make
  // changes, conflicts and identical records) and one that has not seen it (new records).
  const copyPath = tempDbPath('province-copy.sqlite3');
  province.backend.ctx.db.prepare('VACUUM INTO ?').run(copyPath);
  const fresh = makeBackend({ dbPath: copyPath, operator: null });
  await importFiles(province.backend, [up.path]);
  // The province has since re-rated two of the district's units: any file that carries those
  // ratings meets a local change (conflicts, to be kept or taken).
  for (const [code, year, levelCode] of [
    ['BS01', 2017, 'HTNV'],
    ['BS02', 2016, 'TSVM'],
  ] as const) {
    province.backend.call('ratings.set', { unitId: idOf(province.ids, code), year, levelCode });
  }
  targets = [
    { name: 'already has the file', pristine: copyOf(province.backend), backend: province.backend },
    { name: 'is new to the file', pristine: copyOf(fresh), backend: fresh },
  ];
}, 120_000);

afterAll(cleanupTemp);

function copyOf(backend: TestBackend): string {
  const path = tempDbPath('pristine.sqlite3');
  backend.ctx.db.prepare('VACUUM INTO ?').run(path);
  return path;
}

/** The files saved and picked together, then previewed as one import. */
function previewAll(backend: TestBackend, files: Buffer[], name: string) {
  const handles = files.map(
    (bytes, i) => backend.ctx.files.register(saveTemp(`${name}-${i + 1}.tccsd`, bytes)).handle,
  );
  return backend.attemptAsync('exchange.preview', { files: handles });
}

/** The file is sound: SQLite's own checks, foreign keys, the search index. */
function expectHealthy(backend: TestBackend): void {
  expect(backend.ctx.db.pragma('integrity_check', { simple: true })).toBe('ok');
  expect(backend.ctx.db.pragma('foreign_key_check')).toEqual([]);
  checkSearchIndex(backend.ctx.db);
}

function startAgain(target: Target): void {
  expectHealthy(target.backend);
  target.backend.close();
  const path = tempDbPath();
  copyFileSync(target.pristine, path);
  target.backend = makeBackend({ dbPath: path, operator: null });
}

/** The record tables only, every row in a stable order, as JSON (what undo must restore). */
function recordState(backend: TestBackend): string {
  const { db } = backend.ctx;
  return JSON.stringify(
    RECORD_TABLES.map((table) => {
      const columns = db.prepare('SELECT count(*) FROM pragma_table_info(?)').pluck().get(table);
      const order = Array.from({ length: columns as number }, (_, i) => i + 1).join(', ');
      return db.prepare(`SELECT * FROM "${table}" ORDER BY ${order}`).all();
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// Mutations

type Mutation = (random: Prng) => { bytes: Buffer; what: string };

const HUGE = [1e308, -1, 0, 2 ** 53 + 1, 1.5, -1e20, Number.MAX_SAFE_INTEGER];
const STRANGE: unknown[] = [
  null,
  '',
  ' ',
  'x'.repeat(10_000),
  '\u0000\u202e',
  'Hoà Sơn',
  true,
  [],
  {},
  [1, 2],
  { a: 1 },
  '2017-02-30',
  '31/12/2017',
  '1800',
  3000,
  1800,
  ...HUGE,
];

type Json = Record<string, unknown>;

function isJson(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function without(object: Json, key: string): Json {
  return Object.fromEntries(Object.entries(object).filter(([k]) => k !== key));
}

/** The record lines as plain JSON objects, edited by `edit`, the header kept. */
function editLines(parts: ExchangeParts, edit: (records: Json[]) => Json[]): ExchangeParts {
  const records = parts.lines.map((line) => JSON.parse(line) as Json);
  return { header: parts.header, lines: edit(records).map((r) => JSON.stringify(r)) };
}

/** One edit of one record (a top-level field or one of its data fields), in place. */
function recordFieldEdit(random: Prng, records: Json[]): string {
  const at = random.int(records.length);
  const record = records[at];
  if (!record) return 'nothing';
  const where = `line ${at + 2}`;
  if (random.chance(0.3)) {
    const field = random.pick(['t', 'id', 'rev', 'by', 'at', 'del', 'd']);
    if (random.chance(0.15)) {
      records[at] = without(record, field);
      return `${where}: ${field} removed`;
    }
    const value = random.chance(0.5) ? random.pick(STRANGE) : otherValue(random, records, field);
    records[at] = { ...record, [field]: value };
    return `${where}: ${field} = ${short(value)}`;
  }
  const data = isJson(record.d) ? record.d : {};
  const fields = Object.keys(data);
  const field = fields.length > 0 && random.chance(0.9) ? random.pick(fields) : 'unknownField';
  const roll = random.int(4);
  if (roll === 0) {
    records[at] = { ...record, d: without(data, field) };
    return `${where}: d.${field} removed`;
  }
  const value =
    roll === 1
      ? random.pick(STRANGE)
      : roll === 2
        ? otherValue(random, records, field)
        : sameTypeValue(random, data[field]);
  records[at] = { ...record, d: { ...data, [field]: value } };
  return `${where}: d.${field} = ${short(value)}`;
}

/** A value another record has (an id of another record, another level, another year …). */
function otherValue(random: Prng, records: Json[], field: string): unknown {
  const other = random.pick(records);
  if (field === 'id' || field.endsWith('Id')) return random.chance(0.2) ? random.uuid() : other.id;
  if (field === 't') return random.pick(['unit', 'rating', 'measure', 'budget', 'Unit', '']);
  const data = isJson(other.d) ? other.d : {};
  return field in data ? data[field] : (other[field] ?? null);
}

/** A plausible value of the same type: the edits that make valid changes and conflicts. */
function sameTypeValue(random: Prng, value: unknown): unknown {
  if (typeof value === 'number') return value + random.pick([1, -1, 10]);
  if (typeof value === 'boolean') return !value;
  if (typeof value === 'string') {
    return random.pick([
      `${value} (sửa)`,
      value.toUpperCase(),
      'HTTNV',
      'HTNV',
      'TSVM',
      'HTXSNV',
      'YK',
    ]);
  }
  return random.pick(STRANGE);
}

function short(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/** Values a real edit could give a field (with what must change along with it). */
const PLAUSIBLE: Record<string, (random: Prng, value: unknown) => Record<string, unknown>> = {
  levelCode: (random) => ({
    levelCode: random.pick(['TSVM', 'HTTNV', 'HTNV', 'YK']),
    exemplary: false,
  }),
  memberCount: (random) => ({ memberCount: 10 + random.int(90) }),
  change: (random) => ({ change: random.pick(['clear', 'some', 'slow', 'none', null]) }),
  rank: (random) => ({ rank: random.pick(['top', 'bottom', null]) }),
  note: (random, value) => ({ note: edited(random, value) }),
  remark: (random, value) => ({ remark: edited(random, value) }),
  resultNote: (random, value) => ({ resultNote: edited(random, value) }),
  responsible: (random, value) => ({ responsible: edited(random, value) }),
  purpose: (random, value) => ({ purpose: edited(random, value) }),
  title: (random, value) => ({ title: edited(random, value) }),
  name: (random, value) => ({ name: edited(random, value) }),
  officialOrder: (random) => ({ officialOrder: 1 + random.int(99) }),
};

function edited(random: Prng, value: unknown): string {
  const text = typeof value === 'string' ? value : 'Ghi chú';
  return `${text} (sửa lần ${1 + random.int(9)})`;
}

const HEADER_FIELDS = [
  'format',
  'formatVersion',
  'appVersion',
  'installationId',
  'installationName',
  'senderUnitId',
  'senderUnitName',
  'scope',
  'years',
  'sinceLast',
  'createdAt',
  'sequence',
  'counts',
  'contentSha256',
  'extra',
];

const mutations: Record<string, Mutation> = {
  flipBytes(random) {
    const bytes = Buffer.from(baseBytes);
    const n = 1 + random.int(3);
    for (let i = 0; i < n; i++) {
      const at = random.int(bytes.length);
      bytes[at] = (bytes[at] ?? 0) ^ (1 + random.int(255));
    }
    return { bytes, what: `${n} bytes flipped` };
  },
  truncate(random) {
    const length = random.int(baseBytes.length);
    return { bytes: baseBytes.subarray(0, length), what: `cut at ${length}` };
  },
  cutText(random) {
    // The uncompressed text cut mid-line, then compressed whole: the zip is fine, the text not.
    const text = [JSON.stringify(base.header), ...base.lines].join('\n');
    const at = random.int(text.length);
    const cut = text.slice(0, at).split('\n');
    const [head, ...lines] = cut;
    const parts = { header: safeJson(head), lines };
    return {
      bytes: writeParts(parts, random.chance(0.5) ? 'recompute' : 'keep'),
      what: `text cut at ${at}`,
    };
  },
  deleteLines(random) {
    const lines = [...base.lines];
    const n = 1 + random.int(3);
    for (let i = 0; i < n && lines.length > 0; i++) lines.splice(random.int(lines.length), 1);
    return { bytes: writeParts({ header: base.header, lines }), what: `${n} lines deleted` };
  },
  duplicateLine(random) {
    const lines = [...base.lines];
    const at = random.int(lines.length);
    lines.splice(random.int(lines.length + 1), 0, lines[at] ?? '');
    return { bytes: writeParts({ header: base.header, lines }), what: `line ${at + 2} duplicated` };
  },
  swapLines(random) {
    const lines = [...base.lines];
    const a = random.int(lines.length);
    const b = random.int(lines.length);
    [lines[a], lines[b]] = [lines[b] ?? '', lines[a] ?? ''];
    return { bytes: writeParts({ header: base.header, lines }), what: `lines ${a + 2}↔${b + 2}` };
  },
  junkLine(random) {
    const lines = [...base.lines];
    const junk = random.pick(['', '{', 'null', '[]', '{"t":"rating"}', 'ăâđ', '{"t":1,"id":2}']);
    lines.splice(random.int(lines.length + 1), 0, junk);
    return { bytes: writeParts({ header: base.header, lines }), what: `junk line ${short(junk)}` };
  },
  editFields(random) {
    const n = 1 + random.int(3);
    const what: string[] = [];
    const parts = editLines(base, (records) => {
      for (let i = 0; i < n; i++) what.push(recordFieldEdit(random, records));
      return records;
    });
    return { bytes: writeParts(parts), what: what.join('; ') };
  },
  validEdits(random) {
    // Newer (now and then older) revisions of a few records with plausible values: changes,
    // conflicts and tombstones a real installation could send.
    const what: string[] = [];
    const parts = editRecords(base, (records) => {
      const editable = records.filter((r) => Object.keys(r.d).some((f) => f in PLAUSIBLE));
      for (let i = 0; i < 1 + random.int(3); i++) {
        const record = random.pick(editable);
        const older = record.rev > 1 && random.chance(0.15);
        record.rev = older ? record.rev - 1 : record.rev + 1 + random.int(2);
        const field = random.pick(Object.keys(record.d).filter((f) => f in PLAUSIBLE));
        record.d = { ...record.d, ...PLAUSIBLE[field]!(random, record.d[field]) };
        if (random.chance(0.08)) record.del = '2018-01-15T08:00:00.000Z';
        what.push(`line ${records.indexOf(record) + 2}: rev ${record.rev} d.${field}`);
      }
      return records;
    });
    return { bytes: writeParts(parts), what: what.join('; ') };
  },
  renumberUnit(random) {
    // A unit known here under another id (created on both sides): "the same unit?".
    const parts = editRecords(base, (records) => {
      const units = records.filter((r) => r.t === 'unit');
      const old = random.pick(units).id;
      const id = random.uuid();
      const swap = (value: unknown) => (value === old ? id : value);
      return records.map((r) => ({
        ...r,
        id: swap(r.id) as string,
        d: Object.fromEntries(Object.entries(r.d).map(([k, v]) => [k, swap(v)])),
      }));
    });
    return { bytes: writeParts(parts), what: 'a unit renumbered' };
  },
  editHeader(random) {
    const field = random.pick(HEADER_FIELDS);
    const header: Json = { ...base.header };
    const value =
      field === 'formatVersion'
        ? random.pick([0, 1, 2, -1, 1.5, '1', null])
        : field === 'sequence'
          ? random.pick([0, -1, 1, 99, 1e20, '3', null])
          : field === 'years'
            ? random.pick([
                null,
                { from: 2018, to: 2016 },
                { from: 2016 },
                { from: 1800, to: 2017 },
              ])
            : field === 'senderUnitId'
              ? random.pick([null, random.uuid(), 'x'])
              : random.pick(STRANGE);
    const edited = random.chance(0.2) ? without(header, field) : { ...header, [field]: value };
    const mode = field === 'contentSha256' || field === 'counts' ? 'keep' : 'recompute';
    return {
      bytes: writeParts({ header: edited, lines: base.lines }, mode),
      what: `header ${field} = ${short(value)}`,
    };
  },
  tamper(random) {
    // A record edited while the old hash is kept: refused as altered.
    const parts = editLines(base, (records) => {
      recordFieldEdit(random, records);
      return records;
    });
    return {
      bytes: writeParts({ header: base.header, lines: parts.lines }, 'keep'),
      what: 'tampered',
    };
  },
  combined(random) {
    const header: Json = { ...base.header, sequence: 1 + random.int(50) };
    const parts = editLines({ header, lines: base.lines }, (records) => {
      recordFieldEdit(random, records);
      const i = random.int(records.length);
      const j = random.int(records.length);
      const a = records[i];
      const b = records[j];
      if (a && b) [records[i], records[j]] = [b, a];
      return records.filter(() => !random.chance(0.05));
    });
    return { bytes: writeParts(parts), what: 'combined' };
  },
};

function safeJson(text: string | undefined): Record<string, unknown> {
  try {
    const value = JSON.parse(text ?? '') as unknown;
    return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

// ---------------------------------------------------------------------------------------------

function expectForPeople(message: string, context: string): void {
  expect(message, context).toMatch(VIETNAMESE_LETTER);
  expect(message.replace(ZOD_TYPE_WORDS, ''), context).not.toMatch(NOT_FOR_PEOPLE);
}

interface Tally {
  refusedAtRead: number;
  previewWithErrors: number;
  applied: number;
  applyRefused: number;
  /** Applies refused for undecided conflicts or 'same unit?' questions, before deciding. */
  undecidedRefused: number;
  unchanged: number;
  /** Applied plans that held conflicts, 'same unit?' questions, changed records. */
  withConflicts: number;
  withSameUnits: number;
  withChanges: number;
}

describe('exchange fuzz', () => {
  it(`${CASES} mutated files: a clean preview or a Vietnamese refusal, never a partial write`, async () => {
    const random = prng(SEED);
    const names = Object.keys(mutations);
    const tally: Tally = {
      refusedAtRead: 0,
      previewWithErrors: 0,
      applied: 0,
      applyRefused: 0,
      undecidedRefused: 0,
      unchanged: 0,
      withConflicts: 0,
      withSameUnits: 0,
      withChanges: 0,
    };
    for (let n = 0; n < CASES; n++) {
      const target = targets[n % targets.length]!;
      if (n >= targets.length && n % (FRESH_EVERY * targets.length) < targets.length) {
        startAgain(target);
      }
      const { backend } = target;
      const name = random.pick(names);
      const { bytes, what } = mutations[name]!(random);
      // Now and then with a second file in the same import: the valid file or another mutant.
      const second = random.chance(0.15)
        ? random.chance(0.5)
          ? { bytes: baseBytes, what: 'the valid file' }
          : mutations[random.pick(names)]!(random)
        : null;
      const context =
        `case ${n} (${name}: ${what}${second ? ` + ${second.what}` : ''}) ` +
        `into the province that ${target.name}`;
      const before = backend.snapshot();
      const records = recordState(backend);
      const answer = await previewAll(
        backend,
        second ? [bytes, second.bytes] : [bytes],
        `tep-${n}`,
      );
      if (!answer.ok) {
        expect(PREVIEW_CODES, `${context}: ${answer.error.message}`).toContain(answer.error.code);
        expectForPeople(answer.error.message, context);
        expect(backend.snapshot(), context).toBe(before);
        tally.refusedAtRead += 1;
        continue;
      }
      const preview = answer.value;
      for (const file of preview.files) {
        for (const issue of file.errors) expectForPeople(issue.message, context);
      }
      if (!preview.canApply) {
        if (preview.files.some((file) => file.header === null)) tally.refusedAtRead += 1;
        else tally.previewWithErrors += 1;
        const refused = backend.attempt('exchange.apply', {
          planId: preview.planId,
          conflicts: { all: 'take_incoming' },
        });
        expect(refused.ok ? null : refused.error.code, context).toBe('BAD_FILE');
        if (!refused.ok) expectForPeople(refused.error.message, context);
        expect(backend.snapshot(), context).toBe(before);
        continue;
      }
      // (A preview that wrote is caught below: by the snapshot after a refused apply, or by the
      // records undo must restore exactly.)
      applyAndUndo(backend, preview, random, { snapshot: before, records }, context, tally);
    }
    // The mutations reach every outcome, so the test exercises more than the reader.
    const seen = JSON.stringify(tally);
    expect(tally.refusedAtRead, seen).toBeGreaterThan(100);
    expect(tally.previewWithErrors, seen).toBeGreaterThan(100);
    expect(tally.applied, seen).toBeGreaterThan(100);
    expect(tally.withConflicts, seen).toBeGreaterThan(20);
    expect(tally.withSameUnits, seen).toBeGreaterThan(5);
    expect(tally.withChanges, seen).toBeGreaterThan(20);
    expect(tally.undecidedRefused, seen).toBeGreaterThan(20);
    for (const { backend } of targets) expectHealthy(backend);
  }, 120_000);
});

/**
 * Applies with random choices. A refusal changes nothing; a success wrote the whole plan: its
 * batch counts are the preview's, and undoing it brings every record back exactly.
 */
function applyAndUndo(
  backend: TestBackend,
  preview: ExchangePreview,
  random: Prng,
  before: { snapshot: string; records: string },
  context: string,
  tally: Tally,
): void {
  const sameUnits = Object.fromEntries(
    preview.sameUnits.map((c) => [c.incomingUnitId, random.pick(['same', 'new'] as const)]),
  );
  const all = random.pick(['keep_local', 'take_incoming'] as const);
  const undecided = preview.totals.conflicts > 0 || preview.sameUnits.length > 0;
  if (undecided && random.chance(0.25)) {
    // Applied before the questions are answered: refused, nothing written, the plan kept.
    const refused = backend.attempt('exchange.apply', { planId: preview.planId });
    expect(refused.ok ? null : refused.error.code, context).toBe('CONFLICTS_UNDECIDED');
    if (!refused.ok) expectForPeople(refused.error.message, context);
    expect(backend.snapshot(), context).toBe(before.snapshot);
    tally.undecidedRefused += 1;
  }
  const answer = backend.attempt('exchange.apply', {
    planId: preview.planId,
    conflicts: { all },
    sameUnits,
  });
  if (!answer.ok) {
    expect(APPLY_CODES, `${context}: ${answer.error.message}`).toContain(answer.error.code);
    expectForPeople(answer.error.message, context);
    expect(backend.snapshot(), context).toBe(before.snapshot);
    tally.applyRefused += 1;
    return;
  }
  const result = answer.value;
  expectForPeople(result.message, context);
  const written = result.batches.reduce(
    (sum, b) => sum + b.counts.inserted + b.counts.updated + b.counts.keptLocal,
    0,
  );
  // The preview counts a "same unit?" as the same unit; decided new, its records are new too.
  const { totals } = preview;
  if (!Object.values(sameUnits).includes('new')) {
    expect(written, context).toBe(totals.new + totals.changed + totals.conflicts);
  }
  // Every write is booked for undo (identical records too when they only record the revision).
  const booked = backend.ctx.db
    .prepare(
      `SELECT (SELECT count(*) FROM exchange_batch_changes WHERE batch_id IN (SELECT value FROM json_each(:ids)))
            + (SELECT coalesce(sum(n), 0) FROM exchange_batch_inserts WHERE batch_id IN (SELECT value FROM json_each(:ids)))`,
    )
    .pluck()
    .get({ ids: JSON.stringify(result.batches.map((b) => b.id)) });
  const identical = result.batches.reduce((sum, b) => sum + b.counts.identical, 0);
  expect(booked, context).toBeGreaterThanOrEqual(written);
  expect(booked, context).toBeLessThanOrEqual(written + identical);
  if (result.unchanged || result.batches.length === 0) {
    expect(recordState(backend), context).toBe(before.records);
    tally.unchanged += 1;
    return;
  }
  tally.applied += 1;
  if (totals.conflicts > 0) tally.withConflicts += 1;
  if (preview.sameUnits.length > 0) tally.withSameUnits += 1;
  if (totals.changed > 0) tally.withChanges += 1;
  for (const batch of [...result.batches].reverse()) {
    backend.call('exchange.undo', { batchId: batch.id });
  }
  expect(recordState(backend), `${context}: undo did not restore the records`).toBe(before.records);
}
