// The spreadsheet import meets the register's rules: names cleaned by the same schemas (a pasted
// zero-width space finds the existing unit instead of creating a twin), and units of unknown
// founding take ratings of earlier years.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImportPreview } from '../../shared/contract';
import type { TestBackend } from '../helpers/backend';
import { cleanupTemp, makeBackend, makeTempDir, namesIn } from '../helpers/backend';

afterEach(cleanupTemp);

/** A CSV (UTF-8 with BOM, as Excel's "CSV UTF-8" saves it) handed over as a dialog pick would. */
function csvHandle(b: TestBackend, lines: string[]): string {
  const dir = join(makeTempDir(), 'tep');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'xep-loai.csv');
  writeFileSync(path, '\uFEFF' + ['Mã,Tên tổ chức,Cấp trên,Năm,Xếp loại', ...lines].join('\r\n'));
  return b.ctx.files.register(path).handle;
}

function preview(b: TestBackend, lines: string[]): Promise<ImportPreview> {
  return b.callAsync('ratings.importPreview', { file: csvHandle(b, lines) });
}

/** Huyện ủy Hữu Lũng ─ Đảng bộ xã Hòa Sơn (HS), both registered without a founding year. */
function register(): { b: TestBackend; hoaSon: string } {
  const b = makeBackend();
  const district = b.call('units.create', { name: 'Huyện ủy Hữu Lũng', kind: 'upper_committee' });
  const hoaSon = b.call('units.create', {
    name: 'Đảng bộ xã Hòa Sơn',
    code: 'HS',
    kind: 'base_committee',
    parentId: district.id,
  });
  return { b, hoaSon: hoaSon.id };
}

describe('importing into a register of units "có từ trước"', () => {
  it('a name with a zero-width space finds the existing unit, creating no twin', async () => {
    const { b, hoaSon } = register();
    const plan = await preview(b, [',Đảng bộ xã Hò\u200Ba Sơn,Huyện ủy Hữu\u00AD Lũng,2016,HTTNV']);
    expect(plan.errors).toEqual([]);
    expect(plan.newUnits).toEqual([]);
    expect(plan.newRatings).toHaveLength(1);
    b.call('ratings.importApply', { planId: plan.planId });
    expect(namesIn(b, 2016)).toEqual(['Đảng bộ xã Hòa Sơn', 'Huyện ủy Hữu Lũng']);
    expect(b.call('ratings.history', { unitId: hoaSon }).ratings.map((r) => r.year)).toEqual([
      2016,
    ]);
  });

  it('a code with invisible characters finds its unit too', async () => {
    const { b, hoaSon } = register();
    const plan = await preview(b, ['H\u200BS\uFEFF,,,2012,TSVM']);
    expect(plan.errors).toEqual([]);
    expect(plan.newUnits).toEqual([]);
    b.call('ratings.importApply', { planId: plan.planId });
    expect(b.call('ratings.history', { unitId: hoaSon }).ratings.map((r) => r.year)).toEqual([
      2012,
    ]);
  });

  it('takes the ratings of every earlier year for a unit whose founding year is unknown', async () => {
    const { b, hoaSon } = register();
    const plan = await preview(b, ['HS,,,2008,HTNV', 'HS,,,2016,Yếu kém', 'HS,,,2017,TSVM']);
    expect(plan.errors).toEqual([]);
    b.call('ratings.importApply', { planId: plan.planId });
    expect(b.call('ratings.history', { unitId: hoaSon }).ratings.map((r) => r.year)).toEqual([
      2008, 2016, 2017,
    ]);
  });

  it('a new unit whose name is punctuation only is a row error, in Vietnamese', async () => {
    const { b } = register();
    const before = b.snapshot();
    const plan = await preview(b, [',"— —",Huyện ủy Hữu Lũng,2016,HTTNV']);
    expect(plan.errors.map((e) => e.message)).toEqual([
      'Tên tổ chức phải có ít nhất một chữ cái hoặc chữ số.',
    ]);
    expect(b.snapshot()).toBe(before);
  });
});
