// The Excel report as an office opens it: exported through reports.export from a real backend,
// converted by LibreOffice headless to PDF (text by pdftotext, page images by pdftoppm into
// test-results/xlsx/ for a person to look at) and to CSV, one file per sheet. Title, figures and
// diacritics must survive; the summary must print on one landscape page width; a unit named
// "=1+1" must stay text, and its CSV must hold it behind an apostrophe, so that opening the CSV
// in a spreadsheet does not run it (OWASP "CSV injection").
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, test } from 'vitest';
import { fixedClock } from '../../electron/backend/context';
import { addUnit, cleanupTemp, makeBackend, makeTempDir } from '../helpers/backend';
import {
  canRun,
  convertToPdf,
  hasLibreOffice,
  hasPoppler,
  pdfImages,
  pdfText,
  squash,
} from '../helpers/documents';
import { LANG_SON_DOCUMENT } from '../helpers/hand-report';
import { buildLangSon } from '../helpers/ratings';
import { createList } from '../helpers/watchlists';

afterEach(cleanupTemp);

const IMAGES = resolve(import.meta.dirname, '../../test-results/xlsx');
const OFFICE = canRun(hasLibreOffice && hasPoppler);
if (!OFFICE) {
  console.warn(
    'reports-xlsx-office: LibreOffice (soffice) or poppler-utils (pdftotext, pdftoppm) is not ' +
      'installed; the conversion tests are skipped here (in CI they run).',
  );
}

/**
 * Every sheet as CSV (UTF-8, cells as shown), LibreOffice naming each `<file>-<sheet>.csv`; a
 * profile of its own per run, as parallel conversions sharing one fail.
 */
function convertToCsv(file: string, outDir: string): void {
  const profile = join(tmpdir(), `lo-${randomBytes(6).toString('hex')}`);
  try {
    execFileSync(
      'soffice',
      [
        `-env:UserInstallation=${pathToFileURL(profile).href}`,
        '--headless',
        '--convert-to',
        // Comma, double quote, UTF-8, from line 1, …, "as shown" on, every sheet (-1).
        'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1',
        '--outdir',
        outDir,
        file,
      ],
      { stdio: 'ignore', timeout: 120_000 },
    );
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

function pageSize(pdf: string, page: number): { width: number; height: number } {
  const info = execFileSync('pdfinfo', ['-f', String(page), '-l', String(page), pdf], {
    encoding: 'utf8',
  });
  const match = new RegExp(`^Page\\s+${page} size:\\s+([\\d.]+) x ([\\d.]+)`, 'm').exec(info);
  if (!match) throw new Error(`no size for page ${page}`);
  return { width: Number(match[1]), height: Number(match[2]) };
}

/** The article's list exported as xlsx, plus a unit named like a formula on it. */
async function exported(): Promise<string> {
  const b = makeBackend({ clock: fixedClock('2018-01-20T12:00:00Z') });
  const ls = buildLangSon(b);
  const formula = addUnit(b, '=1+1', 2008, {
    parentId: ls.districts.get('Đảng bộ huyện Bắc Sơn')!,
    sector: 'agency',
  }).id;
  b.call('ratings.saveYear', { year: 2016, entries: [{ unitId: formula, levelCode: 'HTNV' }] });
  b.call('ratings.saveYear', { year: 2017, entries: [{ unitId: formula, levelCode: 'HTTNV' }] });
  const list = createList(b, ls.province, 2017);
  for (const unitId of [...ls.districtPilotIds, formula]) {
    b.call('watchlists.addMember', { watchlistId: list.id, unitId, group: 'Đảng bộ huyện' });
  }
  for (const unitId of ls.khoiIds) {
    b.call('watchlists.addMember', { watchlistId: list.id, unitId, group: 'Đảng bộ Khối' });
  }
  const file = await b.callAsync('reports.export', {
    year: 2017,
    scope: { type: 'watchlist', watchlistId: list.id },
    format: 'xlsx',
    document: LANG_SON_DOCUMENT,
  });
  return b.ctx.files.pathOf(file.file.handle);
}

describe('the Excel report in LibreOffice', () => {
  test.runIf(OFFICE)(
    'prints the summary on one A4 landscape page with its title, figures and diacritics',
    async () => {
      const xlsx = await exported();
      const out = makeTempDir();
      const pdf = convertToPdf(xlsx, out);
      const first = squash(pdfText(pdf, 1));
      for (const text of [
        'TỈNH ỦY LẠNG SƠN',
        'BAN TỔ CHỨC',
        'ĐẢNG CỘNG SẢN VIỆT NAM',
        'Biểu số 01',
        'BIỂU TỔNG HỢP KẾT QUẢ XẾP LOẠI CHẤT LƯỢNG TỔ CHỨC CƠ SỞ ĐẢNG NĂM 2017',
        'Đảng bộ trực thuộc',
        // (Headers that wrap come out line by line: one that does not.)
        'So với năm 2016',
        // The last column on the same page as the first: one page wide.
        'Ghi chú',
        'T/M BAN THƯỜNG VỤ',
        'Trang 1/',
      ]) {
        expect(first, text).toContain(squash(text));
      }
      // Đảng bộ huyện: 12 units (the article's 11 and "=1+1"), 2 TSVM (16,7%) …; the total row.
      expect(first).toContain(squash('Đảng bộ huyện 12 12 2 16.7%'));
      expect(first).toContain(squash('Tổng cộng 17 17 3 17.6%'));
      const size = pageSize(pdf, 1);
      expect(size.width).toBeCloseTo(841.9, 0);
      expect(size.height).toBeCloseTo(595.3, 0);
      const all = squash(pdfText(pdf));
      expect(all).toContain(squash('DANH SÁCH TỔ CHỨC CƠ SỞ ĐẢNG DIỆN CỦNG CỐ NĂM 2017'));
      expect(all).toContain(squash('Đảng bộ xã Đồng Ý'));
      expect(all).toContain(squash('Chi bộ Cục Thống kê'));
      expect(all).toContain('=1+1');

      mkdirSync(IMAGES, { recursive: true });
      for (const old of ['bieu-tong-hop-1.png', 'bieu-tong-hop-2.png', 'bieu-tong-hop-3.png']) {
        rmSync(join(IMAGES, old), { force: true });
      }
      const images = pdfImages(pdf, IMAGES, 'bieu-tong-hop');
      expect(images.length).toBeGreaterThanOrEqual(3);
    },
  );

  test.runIf(OFFICE)(
    'every sheet converts to CSV with its figures, and "=1+1" stays text behind an apostrophe',
    async () => {
      const xlsx = await exported();
      const out = makeTempDir();
      convertToCsv(xlsx, out);
      const base = xlsx.replace(/^.*[\\/]/, '').replace(/\.xlsx$/, '');
      const csv = (sheet: string) => {
        const path = join(out, `${base}-${sheet}.csv`);
        expect(existsSync(path), path).toBe(true);
        return readFileSync(path, 'utf8').split('\n');
      };
      const summary = csv('Biểu tổng hợp');
      expect(summary).toContain(
        '1,Đảng bộ huyện,12,12,2,16.7%,0,0.0%,6,50.0%,4,33.3%,0,0.0%,0,,6,6,0,',
      );
      expect(summary).toContain(
        ',Tổng cộng,17,17,3,17.6%,0,0.0%,9,52.9%,5,29.4%,0,0.0%,0,,7,10,0,',
      );
      const data = csv('Dữ liệu');
      expect(data[0]).toBe(
        'Mã,Tên tổ chức,Cấp trên,Loại tổ chức,Loại hình,Năm,Xếp loại,Tiêu biểu,' +
          'Lý do không xếp loại,Điểm,Số quyết định,Ngày quyết định',
      );
      expect(data).toContain(",'=1+1,Đảng bộ huyện Bắc Sơn,Chi bộ cơ sở,Cơ quan,2017,HTTNV,,,,,");
      expect(data).toContain(
        ',Đảng bộ xã Đồng Ý,Đảng bộ huyện Bắc Sơn,Đảng bộ cơ sở,Xã,2016,Yếu kém,,,,,',
      );
      const list = csv('Danh sách diện củng cố').join('\n');
      expect(list).toContain('I. Đảng bộ huyện');
      expect(list).toContain("'=1+1");
      // No field of any sheet's CSV starts like a formula (a field begins a line or follows a comma).
      for (const sheet of ['Biểu tổng hợp', 'Dữ liệu', 'Danh sách diện củng cố']) {
        expect(csv(sheet).join('\n')).not.toMatch(/(^|\n|,|")[=+@]/);
      }
    },
  );
});
