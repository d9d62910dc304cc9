// The ratings import's bulk path (issue 10) answers exactly as the code before it: on a generated
// register and a generated file of 1,500 rows (every kind of row: by code, by name, under a
// parent, new units and parents, new, changed, unchanged and revived ratings, "tiêu biểu",
// repeats, and rows with errors), the preview, the rows read from CSV and .xlsx, and the data
// written are compared with the old implementation, frozen in test/helpers/reference-ratings-import/.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../electron/backend/context';
import { fixedClock } from '../../electron/backend/context';
import { YEAR_READ_FROM } from '../../electron/backend/ratings/import/cached';
import { readCsv } from '../../electron/backend/ratings/import/csv';
import { planImport } from '../../electron/backend/ratings/import/plan';
import { readSheet } from '../../electron/backend/ratings/import/sheet';
import { PREFETCH_SQL } from '../../electron/backend/ratings/import/units';
import { readXlsxStreaming } from '../../electron/backend/ratings/import/xlsx';
import type { AppEvents, ImportPreview } from '../../shared/contract';
import type { TestBackend } from '../helpers/backend';
import { cleanupTemp, makeBackend, makeTempDir } from '../helpers/backend';
import { perField } from '../helpers/audit';
import { referenceApply } from '../helpers/reference-ratings-import/apply';
import { planImport as referencePlan } from '../helpers/reference-ratings-import/plan';
import { readSheet as referenceSheet } from '../helpers/reference-ratings-import/sheet';
import { readXlsx as referenceXlsx } from '../helpers/reference-ratings-import/xlsx';

afterEach(cleanupTemp);

const CLOCK = fixedClock('2026-03-02T08:00:00.000Z');
const THIS_YEAR = 2026;
const HEADER = ['Mã', 'Tên tổ chức', 'Cấp trên', 'Loại tổ chức', 'Năm', 'Xếp loại'];
const DISTRICTS = 4;
const PER_DISTRICT = 45;

/** A small deterministic generator (the same file every run). */
function seeded(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

interface Registered {
  name: string;
  code: string | null;
  district: string;
  id: string;
}

/**
 * Districts with codes; under each, cells and commune committees, some with codes, one name
 * repeated in every district, a unit renamed in 2018, one dissolved in 2019; recorded ratings
 * (some tombstoned, some "TSVM tiêu biểu").
 */
function buildRegister(b: TestBackend): Registered[] {
  const units: Registered[] = [];
  for (let d = 1; d <= DISTRICTS; d++) {
    const district = b.call('units.create', {
      name: `Huyện ủy Số ${d}`,
      code: `HU-${d}`,
      kind: 'upper_committee',
    });
    for (let i = 1; i <= PER_DISTRICT; i++) {
      const shared = i === 1;
      const name = shared ? 'Chi bộ Thôn Chung' : `Chi bộ Thôn Bản ${d}-${i}`;
      const code = i % 5 === 0 ? `CB-${d}-${i}` : null;
      const unit = b.call('units.create', {
        name,
        kind: i % 9 === 0 ? 'base_committee' : 'base_cell',
        parentId: district.id,
        ...(code ? { code } : {}),
        ...(i % 4 === 0 ? { fromYear: 2012 } : {}),
      });
      units.push({ name, code, district: `HU-${d}`, id: unit.id });
    }
  }
  const renamed = units[7]!;
  b.call('units.rename', { id: renamed.id, year: 2018, name: `${renamed.name} Mới` });
  b.call('units.dissolve', { id: units[11]!.id, year: 2019 });
  const random = seeded(7);
  const levels = (year: number) =>
    year < 2018 ? ['TSVM', 'HTTNV', 'HTNV', 'YK'] : ['HTXSNV', 'HTTNV', 'HTNV', 'KHTNV'];
  for (const [index, unit] of units.entries()) {
    if (index === 11) continue;
    for (const year of [2016, 2017, 2018]) {
      const pick = random();
      if (pick < 0.35) continue;
      b.call('ratings.set', {
        unitId: unit.id,
        year,
        levelCode: levels(year)[Math.floor(random() * 4)]!,
      });
    }
    if (index % 6 === 0) {
      b.call('ratings.set', { unitId: unit.id, year: 2017, levelCode: 'TSVM', exemplary: true });
    }
    if (index % 13 === 0) {
      b.call('ratings.set', { unitId: unit.id, year: 2016, levelCode: 'HTNV' });
      b.call('ratings.remove', { unitId: unit.id, year: 2016 });
    }
  }
  return units;
}

type Cell = string | number | null;

/** 1,500-odd rows in every shape the import meets. */
function fileRows(units: Registered[]): Cell[][] {
  const random = seeded(11);
  const texts = [
    'TSVM',
    'HTTNV',
    'Hoàn thành xuất sắc nhiệm vụ',
    'Hoàn thành nhiệm vụ',
    'hoan thanh tot nhiem vu',
    'KHTNV',
    'TSVM tiêu biểu',
    'Mới thành lập',
    'Không xếp loại',
    'XYZ',
    '',
  ];
  const rows: Cell[][] = [];
  for (const year of [2016, 2017, 2018, 2019, 2020, 2021, 2022]) {
    for (const [index, unit] of units.entries()) {
      if (random() < 0.25) continue;
      const level = texts[Math.floor(random() * texts.length)]!;
      const how = random();
      const y: Cell = random() < 0.5 ? year : String(year);
      if (how < 0.3 && unit.code) rows.push([unit.code, null, null, null, y, level]);
      else if (how < 0.55) rows.push([null, unit.name, unit.district, null, y, level]);
      else if (how < 0.7)
        rows.push([
          null,
          unit.name.toUpperCase(),
          `Huyện ủy Số ${unit.district.slice(3)}`,
          null,
          y,
          level,
        ]);
      else if (how < 0.8) rows.push([unit.code, unit.name, null, null, y, level]);
      else rows.push([null, unit.name, null, null, y, level]);
      if (index % 50 === 3) rows.push(rows.at(-1)!);
      if (index % 70 === 5) rows.push([null, unit.name, unit.district, null, y, 'KHTNV']);
    }
    for (let k = 1; k <= 12; k++) {
      const parent = k % 3 === 0 ? 'Đảng ủy Khối Mới' : `HU-${(k % DISTRICTS) + 1}`;
      const kind = k % 4 === 0 ? 'Đảng bộ cơ sở' : k % 5 === 0 ? 'Sai loại' : null;
      rows.push([null, `Chi bộ Mới ${k}`, parent, kind, year, texts[k % 4]!]);
    }
  }
  rows.push(['KHONG-CO', null, null, null, 2019, 'HTTNV']);
  rows.push([null, null, null, null, 2019, 'HTTNV']);
  rows.push([null, 'Chi bộ Thôn Chung', null, null, 2019, 'HTTNV']);
  rows.push([null, 'Chi bộ Lạ', 'HU-1', null, '20x9', 'TSVM']);
  rows.push([null, 'Chi bộ Lạ', 'HU-1', null, 2031, 'TSVM']);
  rows.push([null, 'Chi bộ Lạ', 'HU-1', null, 2019, null]);
  rows.push(['X'.repeat(51), null, null, null, 2019, 'HTTNV']);
  // Names the schema refuses (no letter, too long), for a unit and for a parent.
  rows.push([null, '---', 'HU-1', null, 2019, 'HTTNV']);
  rows.push([null, `Chi bộ ${'A'.repeat(500)}`, 'HU-1', null, 2019, 'HTTNV']);
  rows.push([null, 'Chi bộ Lẻ', '***', null, 2019, 'HTTNV']);
  rows.push([null, '  Chi bộ   Thôn  Chung ', 'HU-2', null, 2020, 'HTNV']);
  return rows;
}

const csvCell = (cell: Cell) => {
  const text = cell === null ? '' : String(cell);
  return /[",\n;]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

function csvOf(rows: Cell[][]): Buffer {
  const text = [HEADER, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n');
  return Buffer.from(`\uFEFF${text}\r\n`, 'utf8');
}

/** A hidden sheet first, the data sheet with a formula and rich text, another sheet after. */
async function xlsxOf(rows: Cell[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const hidden = workbook.addWorksheet('Cũ', { state: 'hidden' });
  hidden.addRow(HEADER);
  hidden.addRow(['HU-1', null, null, null, 2019, 'KHTNV']);
  const sheet = workbook.addWorksheet('Xếp loại');
  sheet.addRow(['Bảng xếp loại tổ chức đảng']);
  sheet.addRow(HEADER);
  for (const row of rows) sheet.addRow(row);
  sheet.getCell(`F${rows.length + 3}`).value = { formula: '"TS"&"VM"', result: 'TSVM' };
  sheet.getCell(`B${rows.length + 3}`).value = {
    richText: [{ text: 'Chi bộ ' }, { font: { bold: true }, text: 'Mới 1' }],
  };
  sheet.getCell(`E${rows.length + 3}`).value = 2020;
  workbook.addWorksheet('Ghi chú').addRow(['Mã', 'Năm', 'Xếp loại']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The preview without its plan id (new every time). */
const comparable = (preview: ImportPreview) => ({ ...preview, planId: '' });

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** What the data file holds, ids left out (new records get new random ids on each side). */
function contents(b: TestBackend) {
  const db = b.ctx.db;
  const ratings = db
    .prepare(
      `SELECT (SELECT group_concat(name, ' / ') FROM (SELECT v.name FROM unit_versions v
                WHERE v.unit_id = r.unit_id ORDER BY v.valid_from)) AS unit,
              (SELECT p.name FROM unit_versions v JOIN unit_versions p ON p.unit_id = v.parent_id
                WHERE v.unit_id = r.unit_id ORDER BY v.valid_from LIMIT 1) AS parent,
              r.year, r.scale_id, r.level_code, r.not_rated_reason, r.exemplary, r.rank, r.change,
              r.score, r.member_count, r.rated_by, r.decision_number, r.decision_date, r.note,
              r.deleted_at IS NULL AS live
       FROM ratings r ORDER BY unit, parent, r.year`,
    )
    .all();
  const versions = db
    .prepare(
      `SELECT v.name, v.code, v.kind, v.sector, v.valid_from, v.valid_to,
              (SELECT p.name FROM unit_versions p WHERE p.unit_id = v.parent_id
                ORDER BY p.valid_from LIMIT 1) AS parent, u.founded_year, u.ended_year
       FROM unit_versions v JOIN units u ON u.id = v.unit_id ORDER BY v.name, parent, v.valid_from`,
    )
    .all();
  const audit = perField(
    db
      .prepare('SELECT entity, field, old_value, new_value, origin FROM audit_log ORDER BY seq')
      .all() as {
      entity: string;
      field: string;
      old_value: string | null;
      new_value: string | null;
    }[],
  )
    .map((r) => JSON.stringify(r).replace(UUID, '<id>'))
    .sort();
  return { ratings, versions, audit };
}

async function world() {
  const a = makeBackend({ clock: CLOCK });
  const units = buildRegister(a);
  a.ctx.db.pragma('wal_checkpoint(TRUNCATE)');
  const path = join(makeTempDir(), 'copy.sqlite3');
  copyFileSync(a.dbPath, path);
  const b = makeBackend({ clock: CLOCK, dbPath: path });
  return { a, b, rows: fileRows(units) };
}

function handleOf(b: TestBackend, fileName: string, bytes: Buffer): string {
  const dir = join(makeTempDir(), 'tep');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, fileName), bytes);
  return b.ctx.files.register(join(dir, fileName)).handle;
}

describe('the ratings import bulk path answers as before', () => {
  for (const format of ['csv', 'xlsx'] as const) {
    it(`${format}: the rows read, the preview and the data written are the old ones`, async () => {
      const { a, b, rows } = await world();
      const fileName = `xep-loai.${format}`;
      const bytes = format === 'csv' ? csvOf(rows) : await xlsxOf(rows);

      const oldSheet = await referenceSheet(fileName, bytes);
      const newSheet = await readSheet(fileName, bytes);
      expect(newSheet).toEqual(oldSheet);
      expect(newSheet.rows.length).toBeGreaterThan(YEAR_READ_FROM);
      if (format === 'xlsx') {
        // Streamed, not loaded whole: the hidden sheet skipped, the same rows.
        const streamed = await readXlsxStreaming(bytes, undefined);
        expect(streamed?.sheet).toBe('Xếp loại');
        expect(streamed).toEqual(await referenceXlsx(fileName, bytes, undefined));
      }

      const source = {
        planId: '',
        fileName,
        sheet: oldSheet.sheet,
        sheets: oldSheet.sheets,
        encoding: oldSheet.encoding,
      };
      const oldPlan = referencePlan(a.ctx.db, source, oldSheet, THIS_YEAR);
      const newPlan = planImport(b.ctx.db, source, newSheet, THIS_YEAR);
      expect(comparable(newPlan.preview)).toEqual(comparable(oldPlan.preview));
      // Every kind of row occurs.
      const p = newPlan.preview;
      expect(p.newUnits.length).toBeGreaterThanOrEqual(10);
      expect(p.newRatings.length).toBeGreaterThan(100);
      expect(p.changedRatings.length).toBeGreaterThan(100);
      expect(p.unchanged).toBeGreaterThan(30);
      expect(p.errors.length).toBeGreaterThan(50);
      const messages = p.errors.map((e) => e.message);
      expect(messages).toContain('Tên tổ chức phải có ít nhất một chữ cái hoặc chữ số.');
      expect(messages).toContain('Tên tổ chức dài quá 500 ký tự.');

      // Through the app: preview and apply (the rows with errors skipped).
      const preview = await b.callAsync('ratings.importPreview', {
        file: handleOf(b, fileName, bytes),
      });
      expect(comparable(preview)).toEqual(comparable(oldPlan.preview));
      b.call('ratings.importApply', { planId: preview.planId, skipErrors: true });
      const info = a.call('app.info', {});
      const actor: Actor = {
        operator: b.ctx.db
          .prepare("SELECT operator FROM audit_log WHERE origin LIKE 'import:%' LIMIT 1")
          .pluck()
          .get() as string,
        installationId: info.installationId,
        origin: `import:${fileName}`,
        channel: 'app',
        at: CLOCK.now().toISOString(),
      };
      referenceApply(a.ctx.db, actor, oldPlan);
      expect(contents(b)).toEqual(contents(a));
    }, 60_000);
  }

  it('reads every code and every name of a file with one query each, through their indexes', () => {
    const b = makeBackend();
    const plan = (sql: string) =>
      (b.ctx.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all('[]') as { detail: string }[])
        .map((r) => r.detail)
        .join('\n');
    // The keys' index walked for the rowids, the versions then read by rowid in its order.
    expect(plan(PREFETCH_SQL.codes)).toMatch(/SEARCH w USING COVERING INDEX unit_versions_by_code/);
    expect(plan(PREFETCH_SQL.names)).toMatch(
      /SEARCH w USING COVERING INDEX unit_versions_(by_name|same_name)/,
    );
    for (const sql of [PREFETCH_SQL.codes, PREFETCH_SQL.names]) {
      expect(plan(sql)).toMatch(/SEARCH v USING INTEGER PRIMARY KEY \(rowid=\?\)/);
      expect(plan(sql)).not.toMatch(/SCAN [vw]\b|TEMP B-TREE/);
    }
  });
});

describe('the import and the memory map', () => {
  it('checks and writes without it (measured: a national import peaked at 630, now 400 MB), then gives it back', async () => {
    const seen: { phase: string; mmap: number }[] = [];
    const holder: { backend: TestBackend | null } = { backend: null };
    const b = makeBackend({
      clock: CLOCK,
      emit: (event, payload) => {
        if (event !== 'progress' || !holder.backend) return;
        const { phase } = payload as AppEvents['progress'];
        seen.push({
          phase,
          mmap: holder.backend.ctx.db.pragma('mmap_size', { simple: true }) as number,
        });
      },
    });
    holder.backend = b;
    const units = buildRegister(b);
    const mapped = b.ctx.db.pragma('mmap_size', { simple: true }) as number;
    expect(mapped).toBeGreaterThan(0);
    const preview = await b.callAsync('ratings.importPreview', {
      file: handleOf(b, 'tep.csv', csvOf(fileRows(units))),
    });
    expect(b.ctx.db.pragma('mmap_size', { simple: true })).toBe(mapped);
    b.call('ratings.importApply', { planId: preview.planId, skipErrors: true });
    expect(b.ctx.db.pragma('mmap_size', { simple: true })).toBe(mapped);
    for (const phase of ['check', 'write']) {
      const during = seen.filter((e) => e.phase === phase);
      expect(during.length, phase).toBeGreaterThan(2);
      expect(during.map((e) => e.mmap)).toEqual(during.map(() => 0));
    }
  }, 60_000);
});

describe('the CSV reader streams and reads as before', () => {
  const PIECES = [
    'a',
    'Hòa',
    'ả',
    'a\u0309',
    '\u0300',
    'Đ',
    '😀',
    ' ',
    ',',
    ';',
    '\t',
    '"',
    '""',
    '\r',
    '\n',
    '\r\n',
    'Năm',
  ];

  function utf16be(text: string): Buffer {
    return Buffer.from(text, 'utf16le').swap16();
  }

  /** Texts and bytes in every encoding the reader knows, with separators, quotes and breaks anywhere. */
  function samples(): { name: string; bytes: Buffer }[] {
    const random = seeded(3);
    const out: { name: string; bytes: Buffer }[] = [];
    for (let n = 0; n < 60; n++) {
      let text = n % 3 === 0 ? 'Mã;Tên tổ chức;Năm;Xếp loại\r\n' : '';
      const length = 1 + Math.floor(random() * 120);
      for (let i = 0; i < length; i++) text += PIECES[Math.floor(random() * PIECES.length)]!;
      out.push({ name: `utf-8 ${n}`, bytes: Buffer.from(text, 'utf8') });
      out.push({ name: `utf-8 BOM ${n}`, bytes: Buffer.from(`\uFEFF${text}`, 'utf8') });
      out.push({ name: `utf-16le ${n}`, bytes: Buffer.from(`\uFEFF${text}`, 'utf16le') });
      out.push({ name: `utf-16be ${n}`, bytes: utf16be(`\uFEFF${text}`) });
      // Windows-1258: ASCII, separators, breaks, quotes, letters and tone marks of its upper half.
      const bytes = Array.from({ length }, () => {
        const pick = random();
        if (pick < 0.4) return 0x61 + Math.floor(random() * 26);
        if (pick < 0.7)
          return [0x2c, 0x3b, 0x09, 0x22, 0x0d, 0x0a, 0x20][Math.floor(random() * 7)]!;
        return 0xc0 + Math.floor(random() * 64);
      });
      out.push({ name: `windows-1258 ${n}`, bytes: Buffer.from(bytes) });
    }
    out.push({
      name: 'odd utf-16le',
      bytes: Buffer.concat([Buffer.from('\uFEFFab,c', 'utf16le'), Buffer.from([0x41])]),
    });
    out.push({ name: 'two BOMs', bytes: Buffer.from('\uFEFF\uFEFFa,b', 'utf16le') });
    out.push({
      name: 'one long first line',
      bytes: Buffer.from(`"${'x,'.repeat(5000)}";y\nz;w`, 'utf8'),
    });
    out.push({ name: 'quote at the end', bytes: Buffer.from('a,"b', 'utf8') });
    out.push({ name: 'closed quote at the end', bytes: Buffer.from('a,"b"', 'utf8') });
    return out;
  }

  it('gives the rows and the encoding of the whole-text reader, however the bytes are sliced', async () => {
    let compared = 0;
    for (const { name, bytes } of samples()) {
      const old = await referenceSheet('tep.csv', bytes).then(
        (sheet) => ({ rows: sheet.rows, encoding: sheet.encoding }),
        (error: Error) => ({ error: error.message }),
      );
      for (const slice of [1, 2, 3, 7, 64, 1024 * 1024]) {
        let read: { rows: unknown; encoding: unknown } | { error: string };
        try {
          read = readCsv(bytes, slice);
        } catch (error) {
          read = { error: (error as Error).message };
        }
        expect(read, `${name}, slices of ${slice}`).toEqual(old);
        compared++;
      }
      expect(await readSheet('tep.csv', bytes).catch((e: Error) => ({ error: e.message }))).toEqual(
        await referenceSheet('tep.csv', bytes).catch((e: Error) => ({ error: e.message })),
      );
    }
    expect(compared).toBeGreaterThan(1500);
  });

  it('refuses a NUL anywhere, in any slice, as before', () => {
    const bytes = Buffer.from(`Mã,Năm\n${'a,2019\n'.repeat(200)}\0`, 'utf8');
    for (const slice of [1, 5, 1024]) {
      expect(() => readCsv(bytes, slice)).toThrow(
        'Tệp không phải tệp văn bản CSV (có ký tự nhị phân).',
      );
    }
  });
});
