// The report as a document (issue 8 item 4): the Word file checked inside (header, fonts, page,
// margins, the blank number) and converted by LibreOffice; the printable page printed by
// Chromium; both turned into text and images. The images go to test-results/documents/ for a
// person to look at.
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ProgressReport } from '../../shared/contract';
import { writeReportDocx } from '../../electron/backend/reports/docx';
import { reportHtml } from '../../electron/backend/reports/html';
import { printHtmlFileToPdf } from '../../electron/pdf/chromium';
import { defaultReportDocument } from '../../shared/domain/report-document';
import { fixedClock } from '../../electron/backend/context';
import { documentNotes } from '../../electron/backend/reports/document/summary-table';
import { cleanupTemp, makeBackend, makeTempDir } from '../helpers/backend';
import {
  CHROMIUM,
  canRun,
  convertToPdf,
  hasChromium,
  hasLibreOffice,
  hasPoppler,
  pdfImages,
  pdfPageCount,
  pdfText,
  squash,
  zipEntryText,
} from '../helpers/documents';
import { emptyReport, reportDocument, resolution33Report } from '../helpers/report-fixture';

const IMAGES = resolve(import.meta.dirname, '../../test-results/documents');

afterEach(() => cleanupTemp());

function imagesFolder(name: string): string {
  const dir = join(IMAGES, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** A report whose first unit carries a hostile name (names are user data). */
function hostileReport(): ProgressReport {
  const report = resolution33Report();
  const [first, ...rest] = report.groups;
  if (!first) throw new Error('fixture without groups');
  const [unit, ...others] = first.units;
  if (!unit) throw new Error('fixture without units');
  const renamed = { ...unit, name: '<script>alert("x")</script> & Đồng Ý' };
  return { ...report, groups: [{ ...first, units: [renamed, ...others] }, ...rest] };
}

async function docx(report: ProgressReport, name = 'Bao-cao.docx', doc = reportDocument()) {
  const path = join(makeTempDir(), name);
  await writeReportDocx(report, doc, path);
  return path;
}

/** The paragraphs of a document.xml: their text and their markup (to check run properties). */
function paragraphs(xml: string): { text: string; xml: string }[] {
  return [...xml.matchAll(/<w:p>.*?<\/w:p>|<w:p\/>/g)].map(([p]) => ({
    xml: p,
    text: [...p.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''),
  }));
}

function paragraph(xml: string, text: string): { text: string; xml: string } {
  const found = paragraphs(xml).find((p) => p.text === text);
  if (!found) throw new Error(`no paragraph "${text}"`);
  return found;
}

function html(report: ProgressReport, doc = reportDocument()): string {
  const path = join(makeTempDir(), 'Bao-cao.html');
  writeFileSync(path, reportHtml(report, doc), 'utf8');
  return path;
}

describe('the Word report', () => {
  it('is A4 portrait in Times New Roman with margins 25/25/35/15 mm and a landscape appendix', async () => {
    const path = await docx(resolution33Report());
    const xml = zipEntryText(path, 'word/document.xml');
    const sections = [...xml.matchAll(/<w:sectPr>.*?<\/w:sectPr>/g)].map((m) => m[0]);
    expect(sections).toHaveLength(2);
    const [main, appendix] = sections as [string, string];
    expect(main).toContain('<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"/>');
    // 25 mm = 1417 twips, 15 mm = 850, 35 mm = 1984.
    expect(main).toMatch(/<w:pgMar w:top="1417" w:right="850" w:bottom="1417" w:left="1984"/);
    // The first page has its own (empty) footer: page numbers start on page 2.
    expect(main).toContain('<w:titlePg/>');
    expect(main).toMatch(/w:type="first"/);
    expect(appendix).toContain('w:orient="landscape"');
    const styles = zipEntryText(path, 'word/styles.xml');
    expect(styles).toMatch(/<w:rFonts w:ascii="Times New Roman"[^>]*w:hAnsi="Times New Roman"/);
    expect(styles).toContain('<w:sz w:val="28"/>'); // 14 pt body
    const footers = zipEntryText(path, 'word/footer1.xml') + zipEntryText(path, 'word/footer2.xml');
    expect(footers).toContain('PAGE');
  });

  it('has the party-document header, with the number left blank for the clerk', async () => {
    const xml = zipEntryText(await docx(resolution33Report()), 'word/document.xml');
    const text = [...xml.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('|');
    expect(text).toContain('TỈNH ỦY LẠNG SƠN|BAN TỔ CHỨC|*|Số     -BC/BTCTU');
    expect(text).toContain('ĐẢNG CỘNG SẢN VIỆT NAM|Lạng Sơn, ngày 05 tháng 01 năm 2018');
    expect(text).toContain('BÁO CÁO');
    // Headings the user numbered keep their numeral; the others get the next one.
    expect(text).toContain('I. CĂN CỨ');
    expect(text).toContain('IV. Hạn chế, nguyên nhân');
    expect(text).toContain('T/M BAN THƯỜNG VỤ|PHÓ BÍ THƯ');
    expect(text).toContain('Nơi nhận:|- Ban Tổ chức Trung ương,');
    // No digit between "Số" and the suffix: the app never invents a document number.
    expect(text).not.toMatch(/Số\s*\d/);
    // "ĐẢNG CỘNG SẢN VIỆT NAM" is 15 pt bold and underlined (the rule under it).
    const party = paragraph(xml, 'ĐẢNG CỘNG SẢN VIỆT NAM').xml;
    for (const property of ['<w:b/>', '<w:sz w:val="30"/>', '<w:u w:val="single"/>']) {
      expect(party).toContain(property);
    }
    // The date line is italic, the issuing body bold, the superior body not.
    expect(paragraph(xml, 'Lạng Sơn, ngày 05 tháng 01 năm 2018').xml).toContain('<w:i/>');
    expect(paragraph(xml, 'BAN TỔ CHỨC').xml).toContain('<w:b/>');
    expect(paragraph(xml, 'TỈNH ỦY LẠNG SƠN').xml).not.toContain('<w:b/>');
    const kind = paragraph(xml, 'BÁO CÁO').xml;
    expect(kind).toContain('<w:sz w:val="32"/>');
    expect(kind).toContain('<w:jc w:val="center"/>');
    expect(paragraph(xml, 'II. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO').xml).toContain('<w:jc w:val="both"/>');
  });

  it('leaves "ngày   tháng   năm" blank without a date, and keeps an empty section as a headed blank', async () => {
    const doc = reportDocument({ date: null });
    const xml = zipEntryText(await docx(resolution33Report(), 'x.docx', doc), 'word/document.xml');
    const texts = paragraphs(xml).map((p) => p.text);
    expect(texts).toContain('Lạng Sơn, ngày     tháng     năm     ');
    // "II." has no text: its heading is followed by one empty paragraph, then "III.".
    const at = texts.indexOf('II. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO');
    expect(texts.slice(at, at + 3)).toEqual(['II. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO', '', 'III. KẾT QUẢ']);
  });

  it.runIf(canRun(hasLibreOffice && hasPoppler))(
    'opens in LibreOffice: header, figures and diacritics in its PDF; page images written',
    async () => {
      const path = await docx(resolution33Report());
      const pdf = convertToPdf(path, makeTempDir());
      const text = squash(pdfText(pdf));
      for (const expected of [
        'TỈNH ỦY LẠNG SƠN',
        'ĐẢNG CỘNG SẢN VIỆT NAM',
        'Lạng Sơn, ngày 05 tháng 01 năm 2018',
        'BÁO CÁO',
        'Kết quả củng cố tổ chức cơ sở đảng yếu kém năm 2017',
        '2 TCCSĐ đạt TSVM; 5 HTTNV; 4 HTNV',
        '1 TCCSĐ đạt TSVM; 3 HTTNV; 1 HTNV',
        'Đảng bộ xã Đồng Ý',
        'TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI TỔ CHỨC CƠ SỞ ĐẢNG NĂM 2017',
        // The totals row: 16 units, 16 rated, TSVM 3 (18,8%), up 6, same 10.
        'Tổng cộng 16 16 3 0 18,8 8 50 5 31,3 0 0 0 6 10 0',
      ]) {
        expect(text).toContain(squash(expected));
      }
      expect(pdfPageCount(pdf)).toBe(3);
      // No page number on page 1; "2" at the foot of page 2.
      expect(pdfText(pdf, 1).trim()).not.toMatch(/\n\s*1\s*$/);
      expect(pdfText(pdf, 2).trim()).toMatch(/\n\s*2$/);
      const images = pdfImages(pdf, imagesFolder('docx'), 'bao-cao-docx');
      expect(images).toHaveLength(3);
      for (const image of images) expect(readFileSync(image).length).toBeGreaterThan(3000);
    },
  );
});

describe('the printable page', () => {
  it('is one self-contained page: fonts inside, no address outside it', () => {
    const page = reportHtml(resolution33Report(), reportDocument());
    expect(page).toContain("font-family:'Tinos'");
    expect(page.match(/src:url\(data:font\/woff2;base64,/g)).toHaveLength(12);
    expect(page).toContain('unicode-range:U+0102-0103');
    expect(page).toContain('@page{size:A4 portrait;margin:25mm 15mm 25mm 35mm;');
    expect(page).toContain('@page:first{@bottom-center{content:none}}');
    // No request of any kind: nothing but data: URLs.
    expect(page).not.toMatch(/(?:src|href)\s*=\s*["'](?!data:)/i);
    expect(page).not.toMatch(/url\((?!data:)/);
    expect(page).not.toMatch(/<script|<link|<img|<iframe/i);
  });

  it('prints a hostile unit name as text, never as markup', () => {
    const page = reportHtml(
      hostileReport(),
      reportDocument({ subject: 'Báo cáo <b>đậm</b> & "trích"' }),
    );
    expect(page).not.toMatch(/<script/i);
    expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Đồng Ý');
    expect(page).toContain('Báo cáo &lt;b&gt;đậm&lt;/b&gt; &amp; &quot;trích&quot;');
    expect(page).not.toContain('<b>đậm</b>');
  });

  it('says plainly that a year has no ratings, instead of a table of zeros', () => {
    const page = reportHtml(emptyReport(), reportDocument());
    expect(page).toContain('Năm 2019 chưa có kết quả xếp loại của 16 tổ chức.');
    expect(page).not.toContain('class="grid"');
  });

  it('marks a comparison across the 2017 → 2018 scale change instead of counting drops', () => {
    const report = resolution33Report();
    const crossing: ProgressReport = {
      ...report,
      year: 2018,
      compareYear: 2017,
      scaleId: 'qd132-2018',
      crossesScale: true,
      groups: report.groups.map((g) => ({
        ...g,
        levels: { HTXSNV: 1, HTTNV: g.rated - 1, HTNV: 0, KHTNV: 0 },
      })),
      totals: { ...report.totals, levels: { HTXSNV: 2, HTTNV: 14, HTNV: 0, KHTNV: 0 } },
    };
    const page = reportHtml(crossing, reportDocument());
    expect(page).toContain('áp dụng hai thang xếp loại khác nhau');
    expect(page).toContain('HTTNV trở lên');
    expect(page).toContain('Khác thang xếp loại');
    expect(page).not.toContain('>Nâng lên</td>');
    // No up/unchanged/down columns (as in the Excel table): the note says why.
    expect(page).not.toContain('So với năm 2017');
    expect(page).not.toContain('>Giảm</th>');
  });

  it.runIf(canRun(hasChromium && hasPoppler))(
    'printed by Chromium: header, figures, diacritics, and page numbers from page 2 only',
    async () => {
      const pdf = join(makeTempDir(), 'Bao-cao.pdf');
      await printHtmlFileToPdf(html(hostileReport()), pdf, { browser: CHROMIUM });
      const text = squash(pdfText(pdf));
      for (const expected of [
        'TỈNH ỦY LẠNG SƠN',
        'ĐẢNG CỘNG SẢN VIỆT NAM',
        'Lạng Sơn, ngày 05 tháng 01 năm 2018',
        'BÁO CÁO',
        'Kết quả củng cố tổ chức cơ sở đảng yếu kém năm 2017',
        '2 TCCSĐ đạt TSVM; 5 HTTNV; 4 HTNV',
        'Tổng cộng 16 16 3 0 18,8 8 50 5 31,3 0 0 0 6 10 0',
        'T/M BAN THƯỜNG VỤ',
        '<script>alert("x")</script> & Đồng Ý',
      ]) {
        expect(text).toContain(squash(expected));
      }
      const pages = pdfPageCount(pdf);
      expect(pages).toBe(3);
      expect(pdfText(pdf, 1).trim()).not.toMatch(/\n\s*1$/);
      for (let page = 2; page <= pages; page += 1) {
        expect(pdfText(pdf, page).trim()).toMatch(new RegExp(`\\n\\s*${page}$`));
      }
      const images = pdfImages(pdf, imagesFolder('html'), 'bao-cao-html');
      expect(images).toHaveLength(3);
      expect(readdirSync(join(pdf, '..'))).toEqual(['Bao-cao.pdf']);
    },
  );
});

describe('the documents of the sample, through reports.export', () => {
  /** The sample loaded, and the 2017 report of Resolution 33-NQ/TU with its default texts. */
  function sample2017() {
    const b = makeBackend({ clock: fixedClock('2018-06-15T03:00:00Z'), operator: null });
    b.call('sample.load', {});
    const list = b.call('watchlists.list', {}).find((l) => l.number === '33-NQ/TU');
    if (!list) throw new Error('the sample has no Resolution 33-NQ/TU');
    const query = {
      year: 2017,
      scope: { type: 'watchlist' as const, watchlistId: list.id },
      namedCases: true,
    };
    const report = b.call('reports.progress', query);
    const info = b.call('app.info', {});
    const document = defaultReportDocument(report, {
      ownUnitName: info.ownUnitName,
      today: '2018-01-15',
    });
    return { b, query, report, document };
  }

  it('keeps only the notes of the report’s years (the chart’s earlier years stay on screen)', () => {
    const { b, query } = sample2017();
    const report = b.call('reports.progress', { ...query, fromYear: 2014 });
    expect(report.notes.some((n) => n.includes('2014'))).toBe(true);
    expect(documentNotes(report).every((n) => /\b201[67]\b/.test(n))).toBe(true);
    const page = reportHtml(report, reportDocument());
    expect(page).not.toContain('Năm 2014 chưa có kết quả');
  });

  it.runIf(canRun(hasLibreOffice && hasChromium && hasPoppler))(
    'the Word file and the printed page state the article’s figures for both groups',
    async () => {
      const { b, query, document } = sample2017();
      const before = b.snapshot();
      const docxFile = await b.callAsync('reports.export', { ...query, format: 'docx', document });
      const htmlFile = await b.callAsync('reports.export', { ...query, format: 'html', document });
      expect(docxFile.suggestedName).toMatch(/^Bao-cao-2017-[A-Za-z0-9-]+\.docx$/);
      const wordPdf = convertToPdf(b.ctx.files.pathOf(docxFile.file.handle), makeTempDir());
      const printed = join(makeTempDir(), 'Bao-cao.pdf');
      await printHtmlFileToPdf(b.ctx.files.pathOf(htmlFile.file.handle), printed, {
        browser: CHROMIUM,
      });
      for (const pdf of [wordPdf, printed]) {
        const text = squash(pdfText(pdf));
        for (const expected of [
          'TỈNH ỦY LẠNG SƠN',
          'ĐẢNG CỘNG SẢN VIỆT NAM',
          'Lạng Sơn, ngày 15 tháng 01 năm 2018',
          '2 TCCSĐ đạt TSVM; 5 HTTNV; 4 HTNV; trong đó 5 TCCSĐ mức xếp loại được nâng lên, 6 giữ nguyên so với năm 2016',
          'Đảng bộ xã Đồng Ý từ yếu kém lên TSVM',
          // The Biểu tổng hợp: the district group (11, 11, TSVM 2 …, up 5, same 6) and the Khối's.
          'Các đảng bộ huyện 11 11 2 0 18,2 5 45,5 4 36,4 0 0 0 5 6 0',
          'Đảng bộ Khối 5 5 1 0 20 3 60 1 20 0 0 0 1 4 0',
        ]) {
          expect(text).toContain(squash(expected));
        }
      }
      pdfImages(wordPdf, imagesFolder('sample-docx'), 'nghi-quyet-33');
      pdfImages(printed, imagesFolder('sample-html'), 'nghi-quyet-33');
      // Exporting reads the data and writes none.
      expect(b.snapshot()).toBe(before);
    },
  );
});
