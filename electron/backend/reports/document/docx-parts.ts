// The parts of the Word report in the party-document layout (Hướng dẫn 36-HD/VPTW, 2018): the
// two-column header, "BÁO CÁO" and the subject, the numbered sections, the signature block with
// "Nơi nhận". Each part is a list of docx blocks; reports/docx.ts puts them on the pages.
import type { IRunOptions, ParagraphChild } from 'docx';
import {
  AlignmentType,
  BorderStyle,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  UnderlineType,
  VerticalAlignTable,
  WidthType,
  convertMillimetersToTwip,
} from 'docx';
import type { ReportDocument } from '../../../../shared/contract';
import {
  bodyParagraphs,
  documentDateLine,
  documentNumberLine,
  sectionHeading,
} from '../../../../shared/domain/party-document';
import { FIRST_LINE_INDENT, FONT, PORTRAIT_TEXT_WIDTH } from './page';

type RunStyle = Omit<IRunOptions, 'text' | 'children' | 'break'>;

/** Half-points, as Word stores font sizes. */
export function halfPoints(points: number): number {
  return points * 2;
}

/** A point of space before or after a paragraph, in twips. */
function pt(points: number): number {
  return points * 20;
}

/** Runs of `text`, one line break per "\n" (the body's single line breaks stay breaks). */
export function runs(text: string, style: RunStyle = {}): ParagraphChild[] {
  return text
    .split('\n')
    .map((line, index) => new TextRun({ ...style, text: line, break: index > 0 ? 1 : undefined }));
}

interface LineOptions {
  size?: number;
  bold?: boolean;
  italics?: boolean;
  underline?: boolean;
  align?: (typeof AlignmentType)[keyof typeof AlignmentType];
  before?: number;
  after?: number;
  /** Kept on the page of what follows (the text before the signature block). */
  keepNext?: boolean;
}

/** One centred (unless told) line of the header or the signature block. */
export function line(text: string, options: LineOptions = {}): Paragraph {
  return new Paragraph({
    alignment: options.align ?? AlignmentType.CENTER,
    keepNext: options.keepNext,
    spacing: { before: pt(options.before ?? 0), after: pt(options.after ?? 0) },
    children: runs(text, {
      size: halfPoints(options.size ?? FONT.body),
      bold: options.bold,
      italics: options.italics,
      ...(options.underline ? { underline: { type: UnderlineType.SINGLE } } : {}),
    }),
  });
}

const NO_BORDER = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' } as const;
const NO_BORDERS = {
  top: NO_BORDER,
  bottom: NO_BORDER,
  left: NO_BORDER,
  right: NO_BORDER,
  insideHorizontal: NO_BORDER,
  insideVertical: NO_BORDER,
};

/** A borderless two-column table: how party documents set two blocks side by side. */
function sideBySide(leftMm: number, left: Paragraph[], right: Paragraph[]): Table {
  const rightMm = PORTRAIT_TEXT_WIDTH - leftMm;
  const cell = (mm: number, children: Paragraph[]) =>
    new TableCell({
      width: { size: convertMillimetersToTwip(mm), type: WidthType.DXA },
      margins: { left: 0, right: 0, top: 0, bottom: 0 },
      verticalAlign: VerticalAlignTable.TOP,
      children: children.length > 0 ? children : [new Paragraph('')],
    });
  return new Table({
    width: { size: convertMillimetersToTwip(PORTRAIT_TEXT_WIDTH), type: WidthType.DXA },
    columnWidths: [convertMillimetersToTwip(leftMm), convertMillimetersToTwip(rightMm)],
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    rows: [new TableRow({ cantSplit: true, children: [cell(leftMm, left), cell(rightMm, right)] })],
  });
}

/** Left: the superior body, the issuing body, "*", the number line. Right: the party and date. */
export function headerBlock(document: ReportDocument): Table {
  const left = [
    ...(document.superiorBody
      ? [line(document.superiorBody.toLocaleUpperCase('vi'), { size: FONT.body })]
      : []),
    line(document.issuingBody.toLocaleUpperCase('vi'), { size: FONT.body, bold: true }),
    line('*', { size: FONT.body }),
    line(documentNumberLine(document.numberSuffix), { size: FONT.body }),
  ];
  const right = [
    // HD 36: a solid rule under the party's name, as long as the name: its underline.
    line('ĐẢNG CỘNG SẢN VIỆT NAM', { size: FONT.party, bold: true, underline: true }),
    line(documentDateLine(document.place, document.date), {
      size: FONT.body,
      italics: true,
      before: 14,
    }),
  ];
  return sideBySide(68, left, right);
}

/** "BÁO CÁO", the subject in bold, and the short rule under them. */
export function titleBlock(document: ReportDocument): Paragraph[] {
  return [
    line('BÁO CÁO', { size: FONT.kind, bold: true, before: 24 }),
    ...(document.subject ? [line(document.subject, { size: FONT.body, bold: true })] : []),
    line('-----', { size: FONT.body, after: 12 }),
  ];
}

function bodyParagraph(text: string, bold = false, keepNext = false): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    keepNext: keepNext || bold, // a heading stays with its first paragraph
    indent: { firstLine: convertMillimetersToTwip(FIRST_LINE_INDENT) },
    spacing: { before: pt(3), after: pt(3), line: 288 },
    children: runs(text, { size: halfPoints(FONT.body), bold }),
  });
}

/**
 * The numbered sections; a section without text keeps its heading and one empty paragraph, so
 * the clerk writes into the right place in Word.
 */
export function sectionBlocks(document: ReportDocument): Paragraph[] {
  const last = document.sections.length - 1;
  return document.sections.flatMap((section, index) => {
    const paragraphs = bodyParagraphs(section.body);
    const texts = paragraphs.length > 0 ? paragraphs : [''];
    return [
      bodyParagraph(sectionHeading(index, section.heading), true),
      // The last paragraph goes with the signature block: a signature never stands alone.
      ...texts.map((p, i) => bodyParagraph(p, false, index === last && i === texts.length - 1)),
    ];
  });
}

/** "- Như trên," even when typed without the dash. */
function recipientLine(text: string): string {
  return /^[-–•]/.test(text) ? text : `- ${text}`;
}

/** Left "Nơi nhận:" and the recipients; right the signature: on behalf, role, space, name. */
export function signatureBlock(document: ReportDocument): Table {
  const left = [
    line('Nơi nhận:', {
      size: FONT.recipientsLabel,
      italics: true,
      underline: true,
      align: AlignmentType.LEFT,
    }),
    ...document.recipients.map((r) =>
      line(recipientLine(r), { size: FONT.recipients, align: AlignmentType.LEFT }),
    ),
  ];
  const { onBehalf, role, name } = document.signature;
  const right = [
    ...(onBehalf ? [line(onBehalf.toLocaleUpperCase('vi'), { bold: true })] : []),
    ...(role ? [line(role.toLocaleUpperCase('vi'), { bold: true })] : []),
    // Room for the signature and the stamp.
    line('', { after: 60 }),
    line(name, { bold: true }),
  ];
  return sideBySide(75, left, right);
}

/** A paragraph of space between blocks, kept with the block after it. */
export function gap(points: number): Paragraph {
  return new Paragraph({ keepNext: true, spacing: { before: 0, after: pt(points) }, children: [] });
}
