// reports.export of a nation's document: its results section (435 district committees' sentences)
// and its direction section (the carry-over list of ~2,700 units) are each far over the 50,000
// characters a section once held, so the nation's export was refused with zod's own message. The
// document here has the nation's real shape and size (measured on the bench's national data:
// 124,007 and 142,669 characters); every format the screen offers is written and read back, and
// a section or a whole document over its limit is refused in Vietnamese, naming the section, with
// nothing written.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { fixedClock } from '../../electron/backend/context';
import { createFileRegistry } from '../../electron/backend/files';
import { printHtmlFileToPdf } from '../../electron/pdf/chromium';
import type { ReportDocument } from '../../shared/contract';
import { defaultReportDocument } from '../../shared/domain/report-document';
import {
  SECTION_BODY_MAX,
  SECTIONS_TOTAL_MAX,
  reportDocument,
} from '../../shared/methods/report-document';
import { cleanupTemp, makeBackend, makeTempDir } from '../helpers/backend';
import {
  CHROMIUM,
  canRun,
  convertToPdf,
  hasChromium,
  hasLibreOffice,
  hasPoppler,
  pdfPageCount,
  pdfText,
  squash,
  zipEntryText,
} from '../helpers/documents';

afterEach(cleanupTemp);

const IMAGES = resolve(import.meta.dirname, '../../test-results/documents');
/** The nation's sections as the screen fills them (bench national data, 2024 against 2023). */
const NATION_RESULTS_CHARS = 124_007;
const NATION_DIRECTION_CHARS = 142_669;
const RESULTS = 2;
const DIRECTION = 4;

function sampleBackend() {
  const b = makeBackend({ clock: fixedClock('2018-06-15T03:00:00Z'), operator: null });
  b.call('sample.load', {});
  const query = { year: 2017, scope: { type: 'register' as const, unitId: null } };
  const report = b.call('reports.progress', query);
  const document = defaultReportDocument(report, {
    ownUnitName: b.call('app.info', {}).ownUnitName,
    today: '2018-01-15',
  });
  const output = join(makeTempDir('tccsd-out-'), 'reports');
  b.ctx.files = createFileRegistry(output);
  return { b, query, document, output };
}

/** Text of exactly `length` characters: `lines(i)` joined by `separator`, the last one cut. */
function textOf(length: number, separator: string, lines: (i: number) => string): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 1; size < length; i++) {
    const part = (i === 1 ? '' : separator) + lines(i);
    parts.push(part);
    size += part.length;
  }
  return parts.join('').slice(0, length);
}

/** The results section as the nation's reads: one paragraph per district committee. */
function nationResults(length: number): string {
  return textOf(
    length,
    '\n\n',
    (i) =>
      `Kết quả xếp loại năm 2024 của 125 TCCSĐ trực thuộc Đảng bộ huyện Miền ${i}: 9 TCCSĐ đạt ` +
      'HTXSNV; 75 HTTNV; 30 HTNV; 7 xếp loại KHTNV; trong đó 34 TCCSĐ mức xếp loại được nâng ' +
      'lên, 50 giữ nguyên, 33 giảm, 4 không so sánh được so với năm 2023. 4 TCCSĐ chưa có kết ' +
      'quả xếp loại năm 2024.',
  );
}

/** The direction section as the nation's reads: one paragraph naming every unit carried over. */
function nationDirection(length: number): string {
  const head = 'Tiếp tục quan tâm lãnh đạo, chỉ đạo 2.725 TCCSĐ năm 2024 chuyển biến còn chậm: ';
  return (
    head +
    textOf(length - head.length, '; ', (i) =>
      i % 3 === 0
        ? `Đảng bộ xã Tân Lập ${i} (Giảm từ HTTNV xuống HTNV so với năm 2023)`
        : `Chi bộ thôn Nà Pàn ${i} (Xếp loại KHTNV năm 2024)`,
    )
  );
}

function withSections(
  document: ReportDocument,
  bodies: Record<number, string>,
  heading?: Record<number, string>,
): ReportDocument {
  return {
    ...document,
    sections: document.sections.map((s, i) => ({
      heading: heading?.[i] ?? s.heading,
      body: bodies[i] ?? s.body,
    })),
  };
}

function nationDocument(document: ReportDocument): ReportDocument {
  return withSections(document, {
    [RESULTS]: nationResults(NATION_RESULTS_CHARS),
    [DIRECTION]: nationDirection(NATION_DIRECTION_CHARS),
  });
}

function filesIn(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir) : [];
}

/** The last unit named whole in the direction section (its very end is cut to the size). */
function lastWholeUnit(document: ReportDocument): string {
  const units = (document.sections[DIRECTION]?.body ?? '').split('; ');
  return units[units.length - 2] ?? '';
}

/** Page images of the first, the middle and the last pages, for a person to look at. */
function pageImages(pdf: string, name: string): void {
  const dir = join(IMAGES, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const pages = pdfPageCount(pdf);
  for (const page of new Set([1, 2, Math.ceil(pages / 2), pages])) {
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '60',
      '-f',
      String(page),
      '-l',
      String(page),
      pdf,
      join(dir, 'trang'),
    ]);
  }
}

describe("reports.export of a nation's document", () => {
  test('the bodies are the size measured on the national data', () => {
    const { document } = sampleBackend();
    const nation = nationDocument(document);
    expect(nation.sections[RESULTS]?.body).toHaveLength(NATION_RESULTS_CHARS);
    expect(nation.sections[DIRECTION]?.body).toHaveLength(NATION_DIRECTION_CHARS);
    // The old limit refused it; the new ones leave it room.
    expect(NATION_DIRECTION_CHARS).toBeGreaterThan(50_000);
    expect(SECTION_BODY_MAX).toBeGreaterThan(2 * NATION_DIRECTION_CHARS);
    expect(SECTIONS_TOTAL_MAX).toBeGreaterThan(2 * (NATION_RESULTS_CHARS + NATION_DIRECTION_CHARS));
  });

  test('is written as Excel, Word and the page to print, every section whole', async () => {
    const { b, query, document } = sampleBackend();
    const nation = nationDocument(document);
    const before = b.snapshot();
    const lastUnit = lastWholeUnit(nation);
    expect(lastUnit).toMatch(/^(Chi bộ thôn Nà Pàn|Đảng bộ xã Tân Lập) \d{4} \(/);
    for (const format of ['xlsx', 'docx', 'html'] as const) {
      const out = await b.callAsync('reports.export', { ...query, format, document: nation });
      expect(out.suggestedName.endsWith(`.${format}`)).toBe(true);
      const path = b.ctx.files.pathOf(out.file.handle);
      if (format === 'docx') {
        const xml = zipEntryText(path, 'word/document.xml');
        expect(xml).toContain('Đảng bộ huyện Miền 435:');
        expect(xml).toContain(lastUnit);
      }
      if (format === 'xlsx') expect(out.file.size).toBeGreaterThan(1000);
    }
    expect(b.snapshot()).toBe(before);
  }, 60_000);

  test.runIf(canRun(hasLibreOffice && hasChromium && hasPoppler))(
    "the Word file and the printed page hold the nation's sections to their last line",
    async () => {
      const { b, query, document } = sampleBackend();
      const nation = nationDocument(document);
      const docx = await b.callAsync('reports.export', {
        ...query,
        format: 'docx',
        document: nation,
      });
      const page = await b.callAsync('reports.export', {
        ...query,
        format: 'html',
        document: nation,
      });
      const wordPdf = convertToPdf(b.ctx.files.pathOf(docx.file.handle), makeTempDir());
      const printed = join(makeTempDir(), 'Bao-cao.pdf');
      await printHtmlFileToPdf(b.ctx.files.pathOf(page.file.handle), printed, {
        browser: CHROMIUM,
      });
      for (const [pdf, name] of [
        [wordPdf, 'nation-docx'],
        [printed, 'nation-html'],
      ] as const) {
        // ~267,000 characters of 14-point text: dozens of pages, none lost.
        expect(pdfPageCount(pdf)).toBeGreaterThan(60);
        const text = squash(pdfText(pdf));
        for (const expected of [
          'Đảng bộ huyện Miền 1: 9 TCCSĐ đạt HTXSNV',
          'Đảng bộ huyện Miền 435: 9 TCCSĐ đạt HTXSNV',
          // The name only: the page number printed at a page's foot may fall inside the rest.
          lastWholeUnit(nation).split(' (')[0] ?? '',
          'VI. KIẾN NGHỊ, ĐỀ XUẤT',
        ]) {
          expect(text).toContain(squash(expected));
        }
        pageImages(pdf, name);
      }
    },
    300_000,
  );

  test('a section over its limit is refused in Vietnamese, naming it, and nothing is written', async () => {
    const { b, query, document, output } = sampleBackend();
    const before = b.snapshot();
    const over = withSections(document, {
      [DIRECTION]: nationDirection(SECTION_BODY_MAX + 1),
    });
    for (const format of ['xlsx', 'docx', 'html'] as const) {
      const answer = await b.attemptAsync('reports.export', { ...query, format, document: over });
      expect(answer.ok).toBe(false);
      if (answer.ok) return;
      expect(answer.error.code).toBe('INVALID_INPUT');
      expect(answer.error.message).toBe(
        'Phần "V. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2018" dài 400.001 ký tự, quá 400.000 ký tự một ' +
          'phần được phép; hãy rút gọn phần này.',
      );
    }
    expect(filesIn(output)).toEqual([]);
    expect(b.snapshot()).toBe(before);
    // Exactly at the limit is taken.
    const at = withSections(document, { [DIRECTION]: nationDirection(SECTION_BODY_MAX) });
    expect(reportDocument.safeParse(at).success).toBe(true);
  });

  test('a section with no heading is named by its place; a heading too long is refused', () => {
    const { document } = sampleBackend();
    const untitled = withSections(document, { 1: 'x'.repeat(SECTION_BODY_MAX + 5) }, { 1: ' ' });
    expect(reportDocument.safeParse(untitled).error?.issues.map((i) => i.message)).toEqual([
      'Phần thứ 2 dài 400.005 ký tự, quá 400.000 ký tự một phần được phép; hãy rút gọn phần này.',
    ]);
    const long = withSections(document, {}, { 0: 'Ă'.repeat(301) });
    expect(reportDocument.safeParse(long).error?.issues.map((i) => i.message)).toEqual([
      'Tiêu đề phần dài quá 300 ký tự.',
    ]);
  });

  test('a document over its whole limit is refused in Vietnamese and nothing is written', async () => {
    const { b, query, document, output } = sampleBackend();
    const before = b.snapshot();
    const third = Math.floor(SECTIONS_TOTAL_MAX / 3) + 1;
    const over = withSections(document, {
      0: nationResults(third),
      [RESULTS]: nationResults(third),
      [DIRECTION]: nationDirection(third),
    });
    const answer = await b.attemptAsync('reports.export', {
      ...query,
      format: 'docx',
      document: over,
    });
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.error.code).toBe('INVALID_INPUT');
    expect(answer.error.message).toBe(
      'Các phần của báo cáo dài tổng cộng 1.000.002 ký tự, quá 1.000.000 ký tự được phép; hãy rút gọn.',
    );
    expect(filesIn(output)).toEqual([]);
    expect(b.snapshot()).toBe(before);
  });

  test("the header's lines too long are refused with their own names", async () => {
    const { b, query, document, output } = sampleBackend();
    const before = b.snapshot();
    const answer = await b.attemptAsync('reports.export', {
      ...query,
      format: 'docx',
      document: {
        ...document,
        superiorBody: 'Ư'.repeat(201),
        recipients: ['Như trên', 'Ơ'.repeat(301)],
      },
    });
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.error.message).toBe(
      'Dòng cơ quan cấp trên dài quá 200 ký tự. Dòng nơi nhận dài quá 300 ký tự.',
    );
    expect(filesIn(output)).toEqual([]);
    expect(b.snapshot()).toBe(before);
  });
});
