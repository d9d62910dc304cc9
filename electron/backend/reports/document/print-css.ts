// The printable page's style sheet: the page of Hướng dẫn 36-HD/VPTW (A4 portrait, margins
// 25/15/25/35 mm), numbers at the foot of every page but the first (Chromium ≥ 131 prints CSS
// page-margin boxes), landscape pages for the wide tables, Tinos standing in for Times New Roman.
import { FONT_FAMILY, tinosFontFaces } from './fonts';
import type { Margins } from './page';
import { FIRST_LINE_INDENT, FONT, LANDSCAPE_MARGINS, PORTRAIT_MARGINS } from './page';

function margin(m: Margins): string {
  return `${m.top}mm ${m.right}mm ${m.bottom}mm ${m.left}mm`;
}

const PAGE_NUMBER = `@bottom-center{content:counter(page);font-family:'${FONT_FAMILY}',serif;font-size:${FONT.body}pt;}`;

export function printCss(): string {
  return `${tinosFontFaces()}
@page{size:A4 portrait;margin:${margin(PORTRAIT_MARGINS)};${PAGE_NUMBER}}
@page:first{@bottom-center{content:none}}
@page wide{size:A4 landscape;margin:${margin(LANDSCAPE_MARGINS)};${PAGE_NUMBER}}
*{box-sizing:border-box}
html{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{margin:0;font-family:'${FONT_FAMILY}','Times New Roman',serif;font-size:${FONT.body}pt;line-height:1.2;color:#000;background:#fff}
p{margin:0}
.side{width:100%;border-collapse:collapse;table-layout:fixed}
.side td{vertical-align:top;padding:0;text-align:center}
.header .left{width:68mm}
.header .party{font-size:${FONT.party}pt;font-weight:700;text-decoration:underline;text-underline-offset:3pt}
.header .date{font-style:italic;margin-top:14pt}
.bold{font-weight:700}
.blank{white-space:pre-wrap}
.kind{font-size:${FONT.kind}pt;font-weight:700;text-align:center;margin-top:24pt}
.subject{font-weight:700;text-align:center}
.rule{text-align:center;margin-bottom:12pt}
.body p{text-align:justify;text-indent:${FIRST_LINE_INDENT}mm;margin:3pt 0;line-height:1.2}
.body p.heading{font-weight:700;break-after:avoid}
.body p:last-child{break-after:avoid}
.note{font-style:italic;margin:3pt 0}
.signature{margin-top:12pt;break-inside:avoid}
.signature .left{width:75mm;text-align:left}
.signature .recipients-label{font-size:${FONT.recipientsLabel}pt;font-style:italic;text-decoration:underline}
.signature .recipient{font-size:${FONT.recipients}pt}
.signature .space{height:80pt}
.appendix{page:wide}
.appendix.portrait{page:auto}
.sheet{break-before:page}
.sheet .label{text-align:right;font-weight:700}
.sheet .title,.sheet .scope{text-align:center;font-weight:700}
.sheet .attached{text-align:center;font-style:italic;margin-bottom:8pt}
.grid{width:100%;border-collapse:collapse;table-layout:fixed;font-size:${FONT.table}pt}
.grid th,.grid td{border:0.5pt solid #000;padding:1pt 2pt;vertical-align:middle;overflow-wrap:break-word}
.grid th,.grid td.h{font-size:${FONT.tableHeading}pt}
.grid thead{display:table-header-group}
.grid tr{break-inside:avoid}
.grid .l{text-align:left}.grid .c{text-align:center}.grid .r{text-align:right}
.grid .b{font-weight:700}.grid .i{font-style:italic}
.sheet .note{font-size:${FONT.table}pt}
@media screen{body{max-width:${210}mm;margin:0 auto;padding:${margin(PORTRAIT_MARGINS)}}}
`;
}
