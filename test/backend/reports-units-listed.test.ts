// reports.progress with `unitsPerGroup` (what the Báo cáo screen asks: none): on a generated
// register of three provinces (a district moved, units moved, dissolved, removed, a watchlist),
// every figure, sentence, chart, note, named case and carry-over equals what the code before it
// answered (test/helpers/reference-reports-progress.ts), and the units listed are the first ones
// of the old lists; an answer kept for one count is never handed out for another.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { fixedClock } from '../../electron/backend/context';
import { writeReportFile } from '../../electron/backend/reports/write';
import { defaultReportDocument } from '../../shared/domain/report-document';
import type { ProgressReport, ReportGroup } from '../../shared/contract';
import type { ReportGrouping } from '../../shared/methods/reports';
import type { TestBackend } from '../helpers/backend';
import { cleanupTemp, makeBackend, makeTempDir } from '../helpers/backend';
import { zipEntryText } from '../helpers/documents';
import type { NationalData } from '../helpers/national';
import { generateNational } from '../helpers/national';
import { referenceProgressReport } from '../helpers/reference-reports-progress';
import { createList, expectRefused } from '../helpers/watchlists';
import { readWorkbook, textsOf } from '../helpers/xlsx-read';

afterEach(cleanupTemp);

function register(): { b: TestBackend; data: NationalData; movedDistrict: string } {
  const b = makeBackend({ clock: fixedClock('2025-03-10T08:00:00Z') });
  const data = generateNational(b.ctx.db, {
    root: 'Đảng bộ toàn quốc Mẫu',
    provinces: 3,
    districts: 12,
    units: 1200,
    firstYear: 2015,
    years: 10,
    seed: 2024,
    renameEvery: 9,
  });
  const [p0, p1] = data.provinceIds;
  const movedDistrict = data.districtIds.find((_, d) => d % 3 === 1) ?? '';
  if (!p0 || !p1 || !movedDistrict) throw new Error('generator shape changed');
  b.call('units.move', { id: movedDistrict, year: 2022, parentId: p1 });
  const movable = data.baseIds.filter(
    (_, i) => data.validFrom[i] === 2008 && data.validTo[i] === 9999,
  );
  for (const [k, id] of movable.slice(0, 5).entries()) {
    const target = data.districtIds[(k + 2) % data.districtIds.length] ?? '';
    b.call('units.move', { id, year: 2020, parentId: target });
  }
  b.call('units.dissolve', { id: movable[9] ?? '', year: 2023 });
  b.call('units.remove', { id: movable[11] ?? '' });
  // Units on a list: the grouping by selecting committee, named cases' remarks, trajectories.
  const list = createList(b, p0, 2024);
  for (const unitId of movable.slice(20, 40)) {
    b.call('watchlists.addMember', { watchlistId: list.id, unitId });
  }
  return { b, data, movedDistrict };
}

/** The old answer with each group's (and the totals') units cut to the first `n`. */
function cut(report: ProgressReport, n: number): ProgressReport {
  const first = (g: ReportGroup): ReportGroup => ({ ...g, units: g.units.slice(0, n) });
  return { ...report, groups: report.groups.map(first), totals: first(report.totals) };
}

const GROUPINGS: ReportGrouping[] = ['parent', 'selector', 'sector'];

describe('units listed per group', () => {
  test('none, some or all: every figure equals the old answer, the units its first ones', () => {
    const { b, data, movedDistrict } = register();
    const scopes = [null, data.rootId, data.provinceIds[0] ?? '', movedDistrict];
    for (const unitId of scopes) {
      for (const groupBy of GROUPINGS) {
        const input = {
          year: 2024,
          scope: { type: 'register' as const, unitId },
          groupBy,
          namedCases: true,
        };
        const old = referenceProgressReport(b.ctx, input);
        const label = `${String(unitId)} ${groupBy}`;
        expect(old.totals.units.length, label).toBeGreaterThan(50);
        expect(b.call('reports.progress', input), label).toEqual(old);
        for (const n of [0, 1, 7]) {
          expect(b.call('reports.progress', { ...input, unitsPerGroup: n }), label).toEqual(
            cut(old, n),
          );
        }
        // More than any group holds: the whole lists.
        expect(b.call('reports.progress', { ...input, unitsPerGroup: 100_000 }), label).toEqual(
          old,
        );
      }
    }
  });

  test('a watchlist, another compared year, no comparison, a chart from 2015', () => {
    const { b, data } = register();
    const list = b.call('watchlists.list', {})[0];
    if (!list) throw new Error('no list');
    const inputs = [
      { year: 2024, scope: { type: 'watchlist' as const, watchlistId: list.id } },
      { year: 2024, compareYear: 2020, scope: { type: 'register' as const, unitId: null } },
      {
        year: 2023,
        compareYear: null,
        fromYear: 2015,
        scope: { type: 'register' as const, unitId: data.provinceIds[2] ?? '' },
      },
    ];
    for (const input of inputs) {
      const old = referenceProgressReport(b.ctx, input);
      expect(b.call('reports.progress', { ...input, unitsPerGroup: 0 })).toEqual(cut(old, 0));
      expect(b.call('reports.progress', input)).toEqual(old);
    }
  });

  test('the answer kept for the screen (no units) is not the one a file or the CLI gets', () => {
    const { b, data } = register();
    const input = { year: 2024, scope: { type: 'register' as const, unitId: data.rootId } };
    const screen = b.call('reports.progress', { ...input, unitsPerGroup: 0 });
    expect(screen.totals.units).toEqual([]);
    expect(screen.totals.total).toBeGreaterThan(1000);
    // Asked right after, with nothing written between: every unit listed.
    const full = b.call('reports.progress', input);
    expect(full.totals.units).toHaveLength(full.totals.total);
    expect(b.call('reports.progress', { ...input, unitsPerGroup: 0 }).totals.units).toEqual([]);
    expect(b.call('reports.progress', { ...input, unitsPerGroup: 2 }).totals.units).toEqual(
      full.totals.units.slice(0, 2),
    );
  });
});

describe('the files', () => {
  test('the Excel and Word files of a province hold what the old report gave them', async () => {
    const { b, data } = register();
    const query = {
      year: 2024,
      scope: { type: 'register' as const, unitId: data.provinceIds[0] ?? '' },
      namedCases: true,
    };
    // The screen's call first: its answer without units is kept, and must not reach the files.
    b.call('reports.progress', { ...query, unitsPerGroup: 0 });
    const old = referenceProgressReport(b.ctx, query);
    const document = defaultReportDocument(old, { ownUnitName: null, today: '2025-03-10' });
    const dir = makeTempDir();
    const written = async (format: 'xlsx' | 'docx') => {
      const out = await b.callAsync('reports.export', { ...query, format, document });
      const before = join(dir, `old.${format}`);
      await writeReportFile(b.ctx.db, format, old, document, before);
      return { now: b.ctx.files.pathOf(out.file.handle), before };
    };
    const xlsx = await written('xlsx');
    const [now, before] = [await readWorkbook(xlsx.now), await readWorkbook(xlsx.before)];
    expect(now.worksheets.map((w) => w.name)).toEqual(before.worksheets.map((w) => w.name));
    for (const sheet of before.worksheets) {
      const texts = textsOf(sheet);
      expect(texts.length, sheet.name).toBeGreaterThan(10);
      expect(textsOf(now.getWorksheet(sheet.name) ?? sheet), sheet.name).toEqual(texts);
    }
    // Every unit of the province has its row in the units' table.
    const allTexts = before.worksheets.flatMap((w) => textsOf(w));
    for (const unit of old.totals.units) expect(allTexts).toContain(unit.name);
    const docx = await written('docx');
    const body = (path: string) => zipEntryText(path, 'word/document.xml');
    expect(body(docx.now)).toEqual(body(docx.before));
    expect(readFileSync(docx.now).length).toBeGreaterThan(1000);
  });
});

describe('refused counts of units', () => {
  test('negative, fractional or not a number, said in Vietnamese, nothing written', () => {
    const { b } = register();
    const scope = { type: 'register', unitId: null };
    expectRefused(
      b,
      'reports.progress',
      { year: 2024, scope, unitsPerGroup: -1 },
      'INVALID_INPUT',
      /Số tổ chức liệt kê trong mỗi nhóm không được âm\./,
    );
    expectRefused(
      b,
      'reports.progress',
      { year: 2024, scope, unitsPerGroup: 2.5 },
      'INVALID_INPUT',
      /Số tổ chức liệt kê trong mỗi nhóm phải là số nguyên\./,
    );
    expectRefused(
      b,
      'reports.progress',
      { year: 2024, scope, unitsPerGroup: 'tất cả' },
      'INVALID_INPUT',
      /Số tổ chức liệt kê trong mỗi nhóm phải là số\./,
    );
  });
});
