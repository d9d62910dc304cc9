// The printable page of the report (issue 8 item 4): the same party-document layout as the Word
// file, as one self-contained HTML page (fonts inside, no request of any kind) that the host
// prints to PDF (Electron's printToPDF in the app, headless Chromium on the preview host and in
// the CLI). Every text is escaped: unit names and the edited texts are user data.
import type { ProgressReport, ReportDocument } from '../../../shared/contract';
import {
  bodyParagraphs,
  documentDateLine,
  documentNumberLine,
  sectionHeading,
} from '../../../shared/domain/party-document';
import { appendixIsLandscape } from './document/page';
import { printCss } from './document/print-css';
import type { Cell, DocumentTable } from './document/summary-table';
import { appendixTables, documentNotes, isEmptyReport } from './document/summary-table';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** Escaped, with each "\n" a line break. */
function lines(text: string): string {
  return text.split('\n').map(escapeHtml).join('<br>');
}

function p(text: string, className?: string): string {
  return `<p${className ? ` class="${className}"` : ''}>${lines(text)}</p>`;
}

function upper(text: string): string {
  return text.toLocaleUpperCase('vi');
}

function header(document: ReportDocument): string {
  const left = [
    document.superiorBody ? p(upper(document.superiorBody)) : '',
    p(upper(document.issuingBody), 'bold'),
    p('*'),
    // The blank for the clerk's number keeps its width: white-space is preserved there.
    p(documentNumberLine(document.numberSuffix), 'blank'),
  ].join('');
  const right = [
    p('ĐẢNG CỘNG SẢN VIỆT NAM', 'party'),
    p(documentDateLine(document.place, document.date), 'date blank'),
  ].join('');
  return `<table class="side header"><tr><td class="left">${left}</td><td>${right}</td></tr></table>`;
}

function title(document: ReportDocument): string {
  return [
    p('BÁO CÁO', 'kind'),
    document.subject ? p(document.subject, 'subject') : '',
    p('-----', 'rule'),
  ].join('');
}

function sections(document: ReportDocument): string {
  const html = document.sections.map((section, index) => {
    const paragraphs = bodyParagraphs(section.body);
    // A section the data could not fill keeps its heading and a blank line for the user.
    const body =
      paragraphs.length > 0 ? paragraphs.map((text) => p(text)).join('') : '<p>&nbsp;</p>';
    return p(sectionHeading(index, section.heading), 'heading') + body;
  });
  return `<div class="body">${html.join('')}</div>`;
}

function recipientLine(text: string): string {
  return /^[-–•]/.test(text) ? text : `- ${text}`;
}

function signature(document: ReportDocument): string {
  const left = [
    p('Nơi nhận:', 'recipients-label'),
    ...document.recipients.map((r) => p(recipientLine(r), 'recipient')),
  ].join('');
  const { onBehalf, role, name } = document.signature;
  const right = [
    onBehalf ? p(upper(onBehalf), 'bold') : '',
    role ? p(upper(role), 'bold') : '',
    '<div class="space"></div>',
    p(name, 'bold'),
  ].join('');
  return `<table class="side signature"><tr><td class="left">${left}</td><td>${right}</td></tr></table>`;
}

const ALIGN_CLASS = { left: 'l', center: 'c', right: 'r' } as const;

function cell(tag: 'th' | 'td', c: Cell): string {
  const classes = [ALIGN_CLASS[c.align ?? 'center'], c.bold ? 'b' : '', c.italic ? 'i' : '']
    .filter(Boolean)
    .join(' ');
  const spans =
    (c.colSpan && c.colSpan > 1 ? ` colspan="${c.colSpan}"` : '') +
    (c.rowSpan && c.rowSpan > 1 ? ` rowspan="${c.rowSpan}"` : '');
  return `<${tag} class="${classes}"${spans}>${lines(c.text)}</${tag}>`;
}

function sheet(table: DocumentTable): string {
  const total = table.widths.reduce((a, b) => a + b, 0);
  const columns = table.widths
    .map((w) => `<col style="width:${((w / total) * 100).toFixed(3)}%">`)
    .join('');
  const head = table.header.map((row) => `<tr>${row.map((c) => cell('th', c)).join('')}</tr>`);
  const body = table.body.map((row) => `<tr>${row.map((c) => cell('td', c)).join('')}</tr>`);
  return [
    '<section class="sheet">',
    table.label ? p(table.label, 'label') : '',
    p(table.title, 'title'),
    p(table.scope, 'scope'),
    table.attachedTo ? p(table.attachedTo, 'attached blank') : '',
    `<table class="grid"><colgroup>${columns}</colgroup>`,
    `<thead>${head.join('')}</thead><tbody>${body.join('')}</tbody></table>`,
    ...table.notes.map((note) => p(note, 'note')),
    '</section>',
  ].join('');
}

function appendix(report: ProgressReport, document: ReportDocument): string {
  const tables = appendixTables(report, document);
  if (tables.length === 0) return '';
  const orientation = appendixIsLandscape(tables) ? '' : ' portrait';
  return `<div class="appendix${orientation}">${tables.map(sheet).join('')}</div>`;
}

export function reportHtml(report: ProgressReport, document: ReportDocument): string {
  const empty = isEmptyReport(report)
    ? documentNotes(report)
        .map((note) => p(note, 'note'))
        .join('')
    : '';
  return [
    '<!doctype html>',
    '<html lang="vi"><head><meta charset="utf-8">',
    `<title>${escapeHtml(document.subject || 'Báo cáo')}</title>`,
    `<style>${printCss()}</style>`,
    '</head><body>',
    header(document),
    title(document),
    sections(document),
    empty,
    signature(document),
    appendix(report, document),
    '</body></html>',
  ].join('\n');
}
