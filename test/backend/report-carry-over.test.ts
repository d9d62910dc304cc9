// The Báo cáo screen asks for a report's carry-over list apart (reports.carryOver) and for the
// report without it (reports.progress with carryOver: false), so its first answer after a write
// does not read the nation's units at the lowest level one by one. Together they must give what
// the one call gave: on a generated register with lists, a unit whose kind changed, units at the
// lowest level in both years and official orders, for every scope, compared year, choice of
// named cases and grouping, the report without the list equals the old answer less its list,
// the list equals the old answer's, and the document built from both equals the old document.
// Also: the pairs N - 1 → N read by number and, on damaged data, as stored, give the old figures;
// the statement without the lowest level reads the listed units by id; a bad flag is refused.
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, test } from 'vitest';
import { NATION_WALK, SUBTREE_WALK } from '../../electron/backend/ratings/tallies';
import { summaryGroups } from '../../electron/backend/ratings/transition-summary';
import { unitsReadApartSql } from '../../electron/backend/reports/register-summary';
import type { ProgressReport, ReportGroup } from '../../shared/contract';
import { defaultReportDocument } from '../../shared/domain/report-document';
import { RATED_KINDS } from '../../shared/domain/scales';
import type { TestBackend } from '../helpers/backend';
import { cleanupTemp } from '../helpers/backend';
import type { NationalData } from '../helpers/national';
import { referenceProgressReport } from '../helpers/reference-reports-progress';
import { reportRegister } from '../helpers/report-register';
import { createList, expectRefused } from '../helpers/watchlists';

afterEach(cleanupTemp);

function register(): { b: TestBackend; data: NationalData; listId: string } {
  const { b, data, movable } = reportRegister({
    seed: 31,
    orderedFrom: 50,
    kindChangedAt: 45,
  });
  const db = b.ctx.db;
  // The lowest level in 2023 and in 2024 for some units, some in both years.
  for (const [year, offset] of [
    [2023, 0],
    [2024, 20],
  ] as const) {
    db.prepare(
      `UPDATE ratings SET level_code = 'KHTNV' WHERE year = ? AND unit_id IN
         (SELECT unit_id FROM ratings WHERE year = ? ORDER BY unit_id LIMIT 40 OFFSET ?)`,
    ).run(year, year, offset);
  }
  const list = createList(b, data.provinceIds[0] ?? '', 2024);
  for (const unitId of movable.slice(40, 60)) {
    b.call('watchlists.addMember', { watchlistId: list.id, unitId });
  }
  return { b, data, listId: list.id };
}

function cut(report: ProgressReport): ProgressReport {
  const none = (g: ReportGroup): ReportGroup => ({ ...g, units: [] });
  return { ...report, groups: report.groups.map(none), totals: none(report.totals) };
}

/** A unit's committee in 2024. */
const PARENT = `SELECT parent_id FROM unit_versions WHERE unit_id = ? AND deleted_at IS NULL
  AND valid_from <= 2024 AND (valid_to IS NULL OR valid_to >= 2024)`;

const CONTEXT = { ownUnitName: 'Ban Tổ chức Tỉnh ủy Mẫu', today: '2025-03-10' };

/** The screen's two calls against the old one call, for one input. */
function expectAsOneCall(b: TestBackend, input: Parameters<typeof referenceProgressReport>[1]) {
  const label = JSON.stringify(input);
  const old = referenceProgressReport(b.ctx, input);
  const without = b.call('reports.progress', { ...input, unitsPerGroup: 0, carryOver: false });
  const list = b.call('reports.carryOver', input);
  expect(without, label).toEqual({ ...cut(old), carryOver: [] });
  expect(list, label).toEqual(old.carryOver);
  // The one call as it is still made (the files, the CLI) gives the same list.
  expect(b.call('reports.progress', { ...input, unitsPerGroup: 0 }).carryOver, label).toEqual(
    old.carryOver,
  );
  expect(defaultReportDocument({ ...without, carryOver: list }, CONTEXT), label).toEqual(
    defaultReportDocument(old, CONTEXT),
  );
  return old.carryOver.length;
}

describe('the carry-over list asked apart', () => {
  test('the report without it and the list equal the one call, for every scope and choice', () => {
    const { b, data, listId } = register();
    const db = b.ctx.db;
    const scopes = [null, data.rootId, data.provinceIds[0] ?? '', data.districtIds[0] ?? ''];
    let named = 0;
    for (const unitId of scopes) {
      for (const compareYear of [undefined, 2021, null]) {
        for (const namedCases of [false, true]) {
          const scope = { type: 'register' as const, unitId };
          const input = {
            year: 2024,
            scope,
            namedCases,
            ...(compareYear === undefined ? {} : { compareYear }),
          };
          named = Math.max(named, expectAsOneCall(b, input));
        }
      }
      expectAsOneCall(b, { year: 2024, scope: { type: 'register', unitId }, groupBy: 'sector' });
    }
    // The whole list is there: the lowest level's units and the list's slow ones (many of each),
    // under both committees of one name.
    expect(named).toBeGreaterThan(40);
    const tied = new Set(
      b
        .call('reports.carryOver', { year: 2024, scope: { type: 'register', unitId: null } })
        .map((u) => db.prepare(PARENT).pluck().get(u.unitId)),
    );
    expect(tied.has(data.districtIds[0])).toBe(true);
    expect(tied.has(data.districtIds[4])).toBe(true);
    expectAsOneCall(b, { year: 2024, scope: { type: 'watchlist', watchlistId: listId } });
    // Unchanged after a write (nothing kept from before it).
    const unit = data.baseIds.find(
      (_, i) => data.validFrom[i] === 2008 && data.validTo[i] === 9999,
    );
    db.prepare("UPDATE ratings SET level_code = 'KHTNV' WHERE unit_id = ? AND year = 2024").run(
      unit,
    );
    expectAsOneCall(b, { year: 2024, scope: { type: 'register', unitId: data.rootId } });
  });

  test('pairs with a level no scale knows are read as stored and give the old figures', () => {
    const { b, data } = register();
    const db = b.ctx.db;
    const unit = db
      .prepare(
        "SELECT unit_id FROM ratings WHERE year = 2024 AND level_code = 'HTTNV' AND deleted_at IS NULL ORDER BY unit_id LIMIT 1",
      )
      .pluck()
      .get() as string;
    db.prepare("UPDATE ratings SET level_code = 'LA' WHERE unit_id = ? AND year = 2024").run(unit);
    const question = {
      fromYear: 2023,
      toYear: 2024,
      scopeId: data.rootId ?? undefined,
      kinds: RATED_KINDS,
    };
    expect(summaryGroups(db, question)).toBeNull();
    for (const unitId of [null, data.rootId, data.provinceIds[0] ?? '']) {
      const input = { year: 2024, scope: { type: 'register' as const, unitId } };
      const old = referenceProgressReport(b.ctx, input);
      expect(b.call('reports.progress', { ...input, unitsPerGroup: 0 })).toEqual(cut(old));
    }
  });

  test('without the lowest level, the listed and changed units are looked up by id', () => {
    const { b, data } = register();
    const db = b.ctx.db;
    const planOf = (sql: string) =>
      (
        db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all({
          scope: data.provinceIds[0] ?? '',
          year: 2024,
          compareYear: 2023,
          kinds: JSON.stringify(RATED_KINDS),
          watched: '[]',
          changed: '[]',
        }) as { detail: string }[]
      )
        .map((r) => r.detail)
        .join('\n');
    for (const [walk, children] of [
      [null, false],
      [NATION_WALK, false],
      [SUBTREE_WALK, true],
    ] as const) {
      const plan = planOf(unitsReadApartSql(walk, children, false));
      expect(plan).toMatch(/SEARCH v USING INDEX unit_versions_by_unit \(unit_id=\?/);
      expect(plan).toMatch(
        /SEARCH c USING COVERING INDEX ratings_by_year \(year=\? AND unit_id=\?/,
      );
      // Neither the year's ratings nor a committee's children are read.
      expect(plan).not.toMatch(/ratings_by_year \(year=\?\)/);
      expect(plan).not.toMatch(/SEARCH v USING INDEX unit_versions_tree/);
      expect(plan).not.toMatch(/SCAN (r|v|c|ratings|unit_versions)\b/);
    }
  });

  test('a bad carry-over choice, committee or year is refused in Vietnamese, nothing written', () => {
    const { b } = register();
    expectRefused(
      b,
      'reports.progress',
      { year: 2024, scope: { type: 'register', unitId: null }, carryOver: 'không' },
      'INVALID_INPUT',
      /Lựa chọn danh sách chuyển năm sau không hợp lệ\./,
    );
    expectRefused(
      b,
      'reports.carryOver',
      { year: 2024, scope: { type: 'register', unitId: randomUUID() } },
      'NOT_FOUND',
      /^Không tìm thấy tổ chức đảng này \(có thể đã bị xóa\)\.$/,
    );
    expectRefused(
      b,
      'reports.carryOver',
      { year: 2024, scope: { type: 'register', unitId: null }, compareYear: 2024 },
      'INVALID_INPUT',
      /^Năm so sánh \(2024\) phải trước năm báo cáo \(2024\)\.$/,
    );
  });
});
