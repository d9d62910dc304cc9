// Issue 11 item 5, the seeded fuzz test of untrusted files: 1,000 mutated spreadsheets (.xlsx
// written by exceljs and by hand, .csv) and 100 mutated exchange files — truncated, bit-flipped,
// zip bombs (honest, lying, in a picture), parts renamed, missing or doubled, hidden sheets, huge
// cells and rows, cells of the wrong type, malformed XML, gzip bombs — run through the real
// import preview, and the apply where the preview passes. Each ends in a valid answer or an
// AppError with a Vietnamese message, never a crash; a refusal leaves every table as it was, an
// apply writes its whole plan. The mutations of the exchange format's records are covered by
// exchange-fuzz.test.ts; peak memory of the bombs is measured in a child (parse-memory.test.ts).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportPreview } from '../../shared/contract';
import type { Result } from '../../shared/errors';
import { fixedClock } from '../../electron/backend/context';
import type { TestBackend } from '../helpers/backend';
import {
  VIETNAMESE_LETTER,
  addUnit,
  cleanupTemp,
  makeBackend,
  makeTempDir,
} from '../helpers/backend';
import { exportFile, makeProvince, previewBytes } from '../helpers/exchange-sites';
import type { Prng } from '../helpers/prng';
import { prng } from '../helpers/prng';
import type { CellXml, ZipPart } from '../helpers/zip-files';
import {
  buildZip,
  deflatedRepeat,
  inlineCell,
  numberCell,
  sharedCell,
  sheetXml,
  workbookParts,
} from '../helpers/zip-files';

const SPREADSHEET_CASES = 1000;
const EXCHANGE_CASES = 100;
const SEED = 17_02_2017;
/** A fresh data file every so many cases, so applied imports do not pile up. */
const FRESH_EVERY = 100;

/** Words of code, not of people: a stack, an exception's or a parser's own words. */
const NOT_FOR_PEOPLE =
  /undefined|NaN|\[object|TypeError|RangeError|Error\b|Unexpected|Cannot read|is not a function|ENOENT|SQLITE|\bat \S+ \(|GMT|Invalid Date/;
/** zod's Vietnamese locale names the JavaScript type it got (see exchange-fuzz.test.ts). */
const ZOD_TYPE_WORDS = /mong đợi [^\s,]+, nhận được [^\s,.)]+/g;

const HEADER = ['Mã', 'Tên tổ chức', 'Cấp trên', 'Loại tổ chức', 'Năm', 'Xếp loại'];
const UNITS = [
  ['CB01', 'Chi bộ thôn Bản Chang'],
  ['CB02', 'Chi bộ thôn Nà Pàn'],
  ['CB03', 'Chi bộ Trường Tiểu học Đồng Ý'],
  ['CB04', 'Chi bộ Cục Thống kê'],
  ['CB05', 'Đảng bộ xã Hòa Sơn'],
] as const;
const LEVELS = ['HTXSNV', 'HTTNV', 'HTNV', 'KHTNV'];
const COLUMNS = 'ABCDEF';

function expectForPeople(message: string, context: string): void {
  expect(message, context).toMatch(VIETNAMESE_LETTER);
  expect(message.replace(ZOD_TYPE_WORDS, ''), `${context}: ${message}`).not.toMatch(NOT_FOR_PEOPLE);
}

/** The data rows: every unit rated in 2022–2024. */
function dataRows(random: Prng): string[][] {
  const rows: string[][] = [];
  for (const [code, name] of UNITS) {
    for (const year of [2022, 2023, 2024])
      rows.push([code, name, '', '', String(year), random.pick(LEVELS)]);
  }
  return rows;
}

/** A spreadsheet as parts (hand-written workbooks), so mutations can work on its structure. */
interface Model {
  sheets: { name: string; rows: CellXml[][]; state?: 'hidden' }[];
  shared: string[] | undefined;
  extra: ZipPart[];
}

function model(random: Prng, inline: boolean): Model {
  const shared: string[] = [];
  const cell = (ref: string, text: string): CellXml => {
    if (inline) return inlineCell(ref, text);
    if (/^\d+$/.test(text)) return numberCell(ref, Number(text));
    let index = shared.indexOf(text);
    if (index < 0) index = shared.push(text) - 1;
    return sharedCell(ref, index);
  };
  const rows = [HEADER, ...dataRows(random)].map((values, r) =>
    values.flatMap((v, c) => (v === '' ? [] : [cell(`${COLUMNS[c]}${r + 1}`, v)])),
  );
  return { sheets: [{ name: 'Xếp loại', rows }], shared: inline ? undefined : shared, extra: [] };
}

function zipOf(m: Model): Buffer {
  return buildZip([
    ...workbookParts(
      m.sheets.map((s) => ({
        name: s.name,
        xml: sheetXml(s.rows),
        ...(s.state ? { state: s.state } : {}),
      })),
      m.shared,
    ),
    ...m.extra,
  ]);
}

function partsOf(m: Model): ZipPart[] {
  return [
    ...workbookParts(
      m.sheets.map((s) => ({
        name: s.name,
        xml: sheetXml(s.rows),
        ...(s.state ? { state: s.state } : {}),
      })),
      m.shared,
    ),
    ...m.extra,
  ];
}

let exceljsBase: Buffer;
let honestBomb: NonNullable<ZipPart['deflated']>;
let lyingBomb: NonNullable<ZipPart['deflated']>;

async function exceljsWorkbook(random: Prng): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const old = workbook.addWorksheet('Cũ');
  old.addRow(HEADER);
  old.state = 'hidden';
  const sheet = workbook.addWorksheet('Xếp loại');
  sheet.addRow(HEADER);
  for (const row of dataRows(random)) sheet.addRow(row.map((v, i) => (i === 4 ? Number(v) : v)));
  sheet.getCell('G1').value = new Date(Date.UTC(2025, 0, 15));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

type Mutation = (random: Prng) => { bytes: Buffer; name: string; what: string };

const flip = (bytes: Buffer, random: Prng, count: number): Buffer => {
  const copy = Buffer.from(bytes);
  for (let i = 0; i < count; i++) {
    const at = random.int(copy.length);
    copy[at] = (copy[at] ?? 0) ^ (1 << random.int(8));
  }
  return copy;
};

/** A random base spreadsheet as bytes: exceljs's, a plain one, an inline one. */
function baseBytes(random: Prng): Buffer {
  const which = random.int(3);
  if (which === 0) return exceljsBase;
  return zipOf(model(random, which === 2));
}

/** Mutations of the parts before zipping (CRCs and sizes stay right: the parsers meet them). */
const structural: Record<string, (m: Model, random: Prng) => string> = {
  renamePart(m, random) {
    const parts = partsOf(m);
    const victim = random.pick(parts);
    const to = random.pick([
      'xl/worksheets/sheet9.xml',
      'xl/Workbook.xml',
      'xl/worksheets/sheet1.XML',
      'khac.xml',
    ]);
    m.extra.push({ ...victim, name: to });
    dropped.add(victim.name);
    return `part ${victim.name} renamed ${to}`;
  },
  dropPart(m, random) {
    const victim = random.pick(partsOf(m)).name;
    dropped.add(victim);
    return `part ${victim} missing`;
  },
  doublePart(m, random) {
    const victim = random.pick(partsOf(m));
    m.extra.push({ ...victim, data: '<?xml version="1.0"?><khac/>' });
    return `part ${victim.name} twice`;
  },
  hideSheet(m, random) {
    const sheet = m.sheets[0];
    if (sheet) sheet.state = 'hidden';
    if (random.chance(0.5)) m.sheets.push({ name: 'Trang 2', rows: m.sheets[0]?.rows ?? [] });
    return 'first sheet hidden';
  },
  honestBomb(m) {
    m.extra.push({ name: 'xl/worksheets/sheet2.xml', data: '', deflated: honestBomb });
    return 'a 129 MB part';
  },
  lyingBomb(m, random) {
    const name = random.pick([
      'xl/worksheets/sheet1.xml',
      'xl/sharedStrings.xml',
      'xl/theme/theme1.xml',
    ]);
    dropped.add(name);
    m.extra.push({ name, data: '', deflated: lyingBomb, declaredSize: 1 + random.int(4096) });
    return `a part declaring a few KB, inflating to 16 MB (${name})`;
  },
  mediaBomb(m) {
    m.extra.push({ name: 'xl/media/image1.png', data: '', deflated: lyingBomb, declaredSize: 100 });
    return 'a lying picture';
  },
  manyParts(m, random) {
    const n = random.chance(0.5) ? 2001 : 300;
    for (let i = 0; i < n; i++) m.extra.push({ name: `xl/x/${i}.xml`, data: '<a/>', stored: true });
    return `${n} more parts`;
  },
  hugeCell(m, random) {
    const rows = m.sheets[0]?.rows;
    const text = 'Đảng bộ '.repeat(1 + random.int(200_000));
    rows?.push([
      inlineCell(`B${rows.length + 1}`, text),
      inlineCell(`A${rows.length + 1}`, 'CB01'),
    ]);
    return `a cell of ${text.length} characters`;
  },
  farCell(m, random) {
    const rows = m.sheets[0]?.rows ?? [];
    const n = random.chance(0.3) ? 320 : 1 + random.int(20);
    for (let i = 0; i < n; i++) rows.push([inlineCell(`XFD${rows.length + 1}`, 'x')]);
    return `${n} rows with a cell in column XFD`;
  },
  manyRows(m, random) {
    const rows = m.sheets[0]?.rows ?? [];
    const n = 500 + random.int(3000);
    for (let i = 0; i < n; i++) {
      const r = rows.length + 1;
      rows.push([
        inlineCell(`A${r}`, 'CB01'),
        numberCell(`E${r}`, 2000 + random.int(40)),
        inlineCell(`F${r}`, random.pick(LEVELS)),
      ]);
    }
    return `${n} more rows`;
  },
  wrongTypes(m, random) {
    const rows = m.sheets[0]?.rows ?? [];
    const kinds = [
      (ref: string) => `<c r="${ref}" t="b"><v>1</v></c>`,
      (ref: string) => `<c r="${ref}" t="e"><v>#DIV/0!</v></c>`,
      (ref: string) => `<c r="${ref}" t="s"><v>99999</v></c>`,
      (ref: string) => `<c r="${ref}" t="n"><v>abc</v></c>`,
      (ref: string) => `<c r="${ref}"><f>1+1</f><v>2</v></c>`,
      (ref: string) => `<c r="${ref}" t="str"><f>"a"&amp;"b"</f><v>ab</v></c>`,
      (ref: string) => `<c r="${ref}" s="1"><v>${random.int(60000)}</v></c>`,
      (ref: string) => `<c r="${ref}" t="d"><v>2024-13-45T99:00:00</v></c>`,
      (ref: string) => `<c r="${ref}" s="7"><v>1e308</v></c>`,
      (ref: string) => `<c r="${ref}"><is><t>không có kiểu</t></is></c>`,
    ];
    const n = 1 + random.int(6);
    for (let i = 0; i < n; i++) {
      const r = 1 + random.int(Math.max(1, rows.length));
      const row = rows[r - 1];
      if (row) row.push(random.pick(kinds)(`${random.pick([...COLUMNS])}${r}`));
    }
    return `${n} cells of the wrong type`;
  },
  badXml(m, random) {
    const rows = m.sheets[0]?.rows ?? [];
    const row = rows[random.int(Math.max(1, rows.length))];
    row?.push(
      random.pick([
        '<c r="A1"',
        '<c r="ZZZZ1"><v>1</v></c>',
        '<c><v>1</v></c>',
        '</row>',
        '&bogus;',
        '<![CDATA[x]]>',
        '<c r="A0"><v>1</v></c>',
      ]),
    );
    return 'malformed XML in the sheet';
  },
};

/** Parts left out of the zip by the current structural mutation. */
const dropped = new Set<string>();

function structuralCase(random: Prng): { bytes: Buffer; what: string } {
  const m = model(random, random.chance(0.5));
  dropped.clear();
  const names = Object.keys(structural);
  const count = 1 + (random.chance(0.2) ? 1 : 0);
  const what: string[] = [];
  for (let i = 0; i < count; i++) {
    const name = random.pick(names);
    what.push(structural[name]?.(m, random) ?? name);
  }
  const parts = partsOf(m);
  // A renamed or lying part replaces its original; a doubled one stays beside it.
  const kept = parts.filter((p) => m.extra.includes(p) || !dropped.has(p.name));
  return { bytes: buildZip(kept), what: what.join(', ') };
}

const mutations: Record<string, Mutation> = {
  structure(random) {
    const { bytes, what } = structuralCase(random);
    return { bytes, name: 'xep-loai.xlsx', what };
  },
  truncated(random) {
    const bytes = baseBytes(random);
    const at = random.int(bytes.length);
    return {
      bytes: bytes.subarray(0, at),
      name: 'cut.xlsx',
      what: `cut at ${at} of ${bytes.length}`,
    };
  },
  bitFlipped(random) {
    const n = 1 + random.int(8);
    return {
      bytes: flip(baseBytes(random), random, n),
      name: 'flip.xlsx',
      what: `${n} bits flipped`,
    };
  },
  spliced(random) {
    const bytes = Buffer.from(baseBytes(random));
    const at = random.int(bytes.length);
    const length = 1 + random.int(64);
    for (let i = at; i < Math.min(bytes.length, at + length); i++) bytes[i] = random.int(256);
    return { bytes, name: 'splice.xlsx', what: `${length} random bytes at ${at}` };
  },
  structureThenFlip(random) {
    const { bytes, what } = structuralCase(random);
    return {
      bytes: flip(bytes, random, 1 + random.int(3)),
      name: 'ca-hai.xlsx',
      what: `${what}, bits flipped`,
    };
  },
  csv(random) {
    const rows = [HEADER, ...dataRows(random)];
    let text = rows
      .map((r) => r.join(random.pick([',', ';', '\t'])))
      .join(random.pick(['\n', '\r\n']));
    const edits = [
      () => (text = text.slice(0, random.int(text.length))),
      () => (text = text.replace(/2023/g, '"2023')),
      () => (text += `\n${'"'.repeat(1 + random.int(5))}CB01,${'x'.repeat(random.int(300_000))}`),
      () => (text += `\nCB01,${','.repeat(random.int(200_000))}`),
      () => (text = text.replace(/20(2\d)/, '15/02/20$1')),
      () => (text += '\nCB01,Chi bộ thôn Bản Chang,,,2024,=cmd|"/c calc"!A1'),
      () => (text = `\uFEFF${text}`),
    ];
    random.pick(edits)();
    let bytes: Buffer = Buffer.from(text, 'utf8');
    if (random.chance(0.2))
      bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    if (random.chance(0.2)) bytes = flip(bytes, random, 1 + random.int(6));
    return { bytes, name: random.pick(['xep-loai.csv', 'xep-loai.txt']), what: 'a CSV edited' };
  },
  wrongKind(random) {
    const choices: [string, Buffer][] = [
      ['zip.csv', baseBytes(random)],
      ['gzip.xlsx', gzipSync(Buffer.from('Mã,Tên\n'))],
      ['empty.xlsx', Buffer.alloc(0)],
      [
        'ole.xlsx',
        Buffer.from([
          0xd0,
          0xcf,
          0x11,
          0xe0,
          0xa1,
          0xb1,
          0x1a,
          0xe1,
          ...Array<number>(504).fill(0),
        ]),
      ],
      [
        'random.xlsx',
        Buffer.from(Array.from({ length: 1 + random.int(5000) }, () => random.int(256))),
      ],
      ['pk.xlsx', Buffer.from('PK\x03\x04 chỉ có phần đầu', 'latin1')],
    ];
    const [name, bytes] = random.pick(choices);
    return { bytes, name, what: `a file of the wrong kind (${name})` };
  },
};

const WEIGHTS: [string, number][] = [
  ['structure', 40],
  ['truncated', 12],
  ['bitFlipped', 14],
  ['spliced', 6],
  ['structureThenFlip', 8],
  ['csv', 14],
  ['wrongKind', 6],
];

function pickMutation(random: Prng): string {
  let roll = random.int(100);
  for (const [name, weight] of WEIGHTS) {
    if (roll < weight) return name;
    roll -= weight;
  }
  return 'structure';
}

function fresh(): TestBackend {
  const backend = makeBackend({ clock: fixedClock('2025-03-01T08:00:00+07:00') });
  for (const [code, name] of UNITS) addUnit(backend, name, 2010, { code });
  return backend;
}

function count(backend: TestBackend, table: string): number {
  const row = backend.ctx.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number };
  return row.n;
}

async function previewFile(
  backend: TestBackend,
  name: string,
  bytes: Buffer,
): Promise<Result<ImportPreview>> {
  const dir = join(makeTempDir(), 'tep');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return backend.attemptAsync('ratings.importPreview', {
    file: backend.ctx.files.register(path).handle,
  });
}

beforeAll(async () => {
  const random = prng(SEED + 1);
  exceljsBase = await exceljsWorkbook(random);
  honestBomb = deflatedRepeat(129 * 1024 ** 2);
  lyingBomb = deflatedRepeat(16 * 1024 ** 2, 0x41);
});
afterAll(cleanupTemp);

describe('parse fuzz', () => {
  it(`${SPREADSHEET_CASES} mutated spreadsheets: a valid preview or a Vietnamese refusal, never a partial write`, async () => {
    const random = prng(SEED);
    const tally = { refused: 0, previewed: 0, applied: 0, notApplied: 0 };
    const seen: Record<string, number> = {};
    let backend = fresh();
    for (let n = 0; n < SPREADSHEET_CASES; n++) {
      if (n > 0 && n % FRESH_EVERY === 0) {
        backend.close();
        backend = fresh();
      }
      const kind = pickMutation(random);
      seen[kind] = (seen[kind] ?? 0) + 1;
      const { bytes, name, what } = mutations[kind]?.(random) ?? mutations.truncated!(random);
      const context = `case ${n} (${kind}: ${what})`;
      const before = backend.snapshot();
      const answer = await previewFile(backend, name, bytes);
      expect(backend.snapshot(), context).toBe(before);
      if (!answer.ok) {
        expect(['BAD_FILE', 'INVALID_INPUT'], `${context}: ${answer.error.message}`).toContain(
          answer.error.code,
        );
        expectForPeople(answer.error.message, context);
        tally.refused += 1;
        continue;
      }
      tally.previewed += 1;
      const preview = answer.value;
      for (const issue of preview.errors) expectForPeople(issue.message, context);
      const ratings = count(backend, 'ratings');
      const units = count(backend, 'units');
      const applied = backend.attempt('ratings.importApply', { planId: preview.planId });
      if (!applied.ok) {
        expectForPeople(applied.error.message, context);
        expect(backend.snapshot(), context).toBe(before);
        tally.notApplied += 1;
      } else if (!applied.value.applied) {
        expect(backend.snapshot(), context).toBe(before);
        tally.notApplied += 1;
      } else {
        // The whole plan: every new rating and unit it listed, nothing less.
        expect(count(backend, 'ratings') - ratings, context).toBe(preview.newRatings.length);
        expect(count(backend, 'units') - units, context).toBe(preview.newUnits.length);
        tally.applied += 1;
      }
    }
    backend.close();
    const summary = JSON.stringify({ tally, seen });
    console.log(`spreadsheet fuzz outcomes: ${summary}`);
    expect(tally.refused, summary).toBeGreaterThan(200);
    expect(tally.previewed, summary).toBeGreaterThan(100);
    expect(tally.applied, summary).toBeGreaterThan(50);
  }, 600_000);

  it(`${EXCHANGE_CASES} mutated exchange files: a clean preview or a Vietnamese refusal, nothing written`, async () => {
    const random = prng(SEED + 2);
    const province = makeProvince();
    const valid = (await exportFile(province.backend)).bytes;
    const header = readHeader(valid);
    const target = makeBackend();
    const kinds: Record<string, () => Buffer> = {
      truncated: () => valid.subarray(0, random.int(valid.length)),
      bitFlipped: () => flip(valid, random, 1 + random.int(8)),
      gzipBombLine: () =>
        gzipSync(
          Buffer.concat([
            header,
            Buffer.from('\n'),
            Buffer.alloc((2 + random.int(6)) * 1024 ** 2, 0x20),
          ]),
        ),
      gzipBombLines: () =>
        gzipSync(
          Buffer.concat([
            header,
            Buffer.from('\n'),
            Buffer.alloc((1 + random.int(6)) * 1024 ** 2, 0x0a),
          ]),
        ),
      randomGzip: () =>
        gzipSync(Buffer.from(Array.from({ length: 1 + random.int(4096) }, () => random.int(256)))),
      xlsxRenamed: () => exceljsBase,
      garbageAfter: () =>
        Buffer.concat([
          valid,
          Buffer.from(Array.from({ length: 1 + random.int(64) }, () => random.int(256))),
        ]),
      twice: () => Buffer.concat([valid, valid]),
    };
    const names = Object.keys(kinds);
    for (let n = 0; n < EXCHANGE_CASES; n++) {
      const kind = random.pick(names);
      const bytes = kinds[kind]?.() ?? valid;
      const context = `exchange case ${n} (${kind})`;
      const before = target.snapshot();
      const answer = await previewBytes(target, bytes, `tep-${n}.tccsd`);
      expect(target.snapshot(), context).toBe(before);
      if (!answer.ok) {
        expect(answer.error.code, context).toBe('BAD_FILE');
        expectForPeople(answer.error.message, context);
        continue;
      }
      for (const file of answer.value.files) {
        for (const issue of file.errors) expectForPeople(issue.message, context);
      }
      if (!answer.value.canApply) {
        const refused = target.attempt('exchange.apply', {
          planId: answer.value.planId,
          conflicts: { all: 'take_incoming' },
        });
        expect(refused.ok, context).toBe(false);
        if (!refused.ok) expectForPeople(refused.error.message, context);
        expect(target.snapshot(), context).toBe(before);
      }
    }
    target.close();
  }, 300_000);
});

/** The header line of a valid exchange file (the first line of its inflated text). */
function readHeader(file: Buffer): Buffer {
  const text = gunzipSync(file);
  return text.subarray(0, text.indexOf(0x0a));
}
