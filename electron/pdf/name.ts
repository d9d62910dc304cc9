// The name a printed PDF is offered under: the report page's own name with ".pdf"
// ("Bao-cao-2017-Huyen-Bac-Son.html" → "Bao-cao-2017-Huyen-Bac-Son.pdf"), never a path.
import { basename } from 'node:path';

export function pdfFileName(pageName: string): string {
  // eslint-disable-next-line no-control-regex
  const name = basename(pageName.replace(/\\/g, '/')).replace(/[\u0000-\u001f\u007f]/g, '');
  const stem = name.replace(/\.html?$/i, '').slice(0, 200);
  return `${stem || 'Bao-cao'}.pdf`;
}

/** Only a report page the backend wrote is printed: an .html file. */
export function isPrintablePage(path: string): boolean {
  return /\.html?$/i.test(path);
}
