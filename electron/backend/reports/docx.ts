// The editable Word report (issue 8 item 4): the party-document layout of Hướng dẫn 36-HD/VPTW on
// A4 portrait, page numbers from page 2, then the tables of the "Biểu tổng hợp" on their own
// (landscape when they need it) pages. Editable on purpose: the clerk numbers, signs and stamps.
import { writeFile } from 'node:fs/promises';
import type { FileChild, ISectionOptions } from 'docx';
import {
  AlignmentType,
  Document,
  Footer,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  TextRun,
  convertMillimetersToTwip,
} from 'docx';
import type { ProgressReport, ReportDocument } from '../../../shared/contract';
import {
  gap,
  halfPoints,
  headerBlock,
  line,
  sectionBlocks,
  signatureBlock,
  titleBlock,
} from './document/docx-parts';
import { tableBlocks } from './document/docx-tables';
import type { Margins } from './document/page';
import {
  A4_TWIPS,
  FONT,
  LANDSCAPE_MARGINS,
  LANDSCAPE_TEXT_WIDTH,
  PORTRAIT_MARGINS,
  PORTRAIT_TEXT_WIDTH,
  appendixIsLandscape,
  scaledWidths,
} from './document/page';
import { appendixTables, documentNotes, isEmptyReport } from './document/summary-table';

function pageNumberFooter(): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: [PageNumber.CURRENT], size: halfPoints(FONT.body) })],
      }),
    ],
  });
}

function page(orientation: 'portrait' | 'landscape', margins: Margins) {
  const mm = convertMillimetersToTwip;
  return {
    size: {
      width: A4_TWIPS.width,
      height: A4_TWIPS.height,
      orientation:
        orientation === 'portrait' ? PageOrientation.PORTRAIT : PageOrientation.LANDSCAPE,
    },
    margin: {
      top: mm(margins.top),
      right: mm(margins.right),
      bottom: mm(margins.bottom),
      left: mm(margins.left),
      header: mm(12),
      footer: mm(12),
    },
  };
}

/** Pages of the document's text: header, title, sections, and the signature block. */
function mainSection(report: ProgressReport, document: ReportDocument): ISectionOptions {
  const empty: FileChild[] = isEmptyReport(report)
    ? documentNotes(report).map((note) =>
        line(note, { italics: true, align: AlignmentType.LEFT, keepNext: true }),
      )
    : [];
  return {
    // The first page carries no number (its footer is empty); the others are numbered.
    properties: { page: page('portrait', PORTRAIT_MARGINS), titlePage: true },
    footers: { default: pageNumberFooter(), first: new Footer({ children: [] }) },
    children: [
      headerBlock(document),
      ...titleBlock(document),
      ...sectionBlocks(document),
      ...empty,
      gap(12),
      signatureBlock(document),
    ],
  };
}

/** The appended tables, one after another, on landscape pages when one needs the width. */
function appendixSection(report: ProgressReport, document: ReportDocument): ISectionOptions | null {
  const tables = appendixTables(report, document);
  if (tables.length === 0) return null;
  const landscape = appendixIsLandscape(tables);
  const width = landscape ? LANDSCAPE_TEXT_WIDTH : PORTRAIT_TEXT_WIDTH;
  const children = tables.flatMap((table, index) => [
    ...(index > 0 ? [new Paragraph({ pageBreakBefore: true, children: [] })] : []),
    ...tableBlocks(table, scaledWidths(table, width)),
  ]);
  return {
    properties: {
      page: landscape ? page('landscape', LANDSCAPE_MARGINS) : page('portrait', PORTRAIT_MARGINS),
    },
    footers: { default: pageNumberFooter() },
    children,
  };
}

export function reportDocx(report: ProgressReport, document: ReportDocument): Document {
  const appendix = appendixSection(report, document);
  return new Document({
    creator: document.issuingBody || 'tccsd',
    title: document.subject || 'Báo cáo',
    styles: {
      default: {
        document: {
          run: {
            font: FONT.family,
            size: halfPoints(FONT.body),
            language: { value: 'vi-VN' },
          },
        },
      },
    },
    sections: [mainSection(report, document), ...(appendix ? [appendix] : [])],
  });
}

export async function writeReportDocx(
  report: ProgressReport,
  document: ReportDocument,
  path: string,
): Promise<void> {
  await writeFile(path, await Packer.toBuffer(reportDocx(report, document)));
}
