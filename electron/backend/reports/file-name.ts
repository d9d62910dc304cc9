// Names of the files a report is saved as: ASCII only, so they survive e-mail, USB sticks and
// old Windows tools ("Bieu-tong-hop-2017-Huyen-Bac-Son.xlsx"); the diacritics stay inside.
import type { ProgressReport, ReportFormat } from '../../../shared/contract';

/** "Huyện ủy Bắc Sơn" → "Huyen-uy-Bac-Son"; "đ" → "d"; anything else unsafe becomes a dash. */
export function asciiSlug(text: string, maxLength = 60): string {
  const slug = text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug.slice(0, maxLength).replace(/-+$/, '');
}

const PREFIX: Record<ReportFormat, string> = {
  xlsx: 'Bieu-tong-hop',
  docx: 'Bao-cao',
  html: 'Bao-cao',
};

/** The name offered when saving; `extension` overrides the format's (a PDF printed from html). */
export function reportFileName(
  report: Pick<ProgressReport, 'year' | 'scope'>,
  format: ReportFormat,
  extension: string = format,
): string {
  const scope = asciiSlug(report.scope.title);
  return [PREFIX[format], String(report.year), scope].filter(Boolean).join('-') + `.${extension}`;
}
