// Tinos (a Times New Roman–metric font with Vietnamese glyphs, from @fontsource/tinos) embedded
// in the printable page as data URLs: the page makes no request of any kind, and the PDF looks the
// same on a PC without Times New Roman. Read once per process, then cached.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** The subsets Vietnamese text needs, with the ranges fontsource gives them (unicode.json). */
const SUBSETS = {
  vietnamese:
    'U+0102-0103,U+0110-0111,U+0128-0129,U+0168-0169,U+01A0-01A1,U+01AF-01B0,U+0300-0301,' +
    'U+0303-0304,U+0308-0309,U+0323,U+0329,U+1EA0-1EF9,U+20AB',
  'latin-ext':
    'U+0100-02BA,U+02BD-02C5,U+02C7-02CC,U+02CE-02D7,U+02DD-02FF,U+0304,U+0308,U+0329,' +
    'U+1D00-1DBF,U+1E00-1E9F,U+1EF2-1EFF,U+2020,U+20A0-20AB,U+20AD-20C0,U+2113,U+2C60-2C7F,' +
    'U+A720-A7FF',
  latin:
    'U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,' +
    'U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD',
} as const;

const WEIGHTS = [400, 700] as const;
const STYLES = ['normal', 'italic'] as const;

export const FONT_FAMILY = 'Tinos';

let cached: string | null = null;

function fontFace(subset: keyof typeof SUBSETS, weight: number, style: string): string {
  const file = createRequire(import.meta.url).resolve(
    `@fontsource/tinos/files/tinos-${subset}-${weight}-${style}.woff2`,
  );
  const data = readFileSync(file).toString('base64');
  return (
    `@font-face{font-family:'${FONT_FAMILY}';font-style:${style};font-weight:${weight};` +
    `font-display:block;src:url(data:font/woff2;base64,${data}) format('woff2');` +
    `unicode-range:${SUBSETS[subset]};}`
  );
}

/** The @font-face rules of Tinos, regular, bold and their italics, for the three subsets. */
export function tinosFontFaces(): string {
  if (cached === null) {
    const faces: string[] = [];
    for (const subset of Object.keys(SUBSETS) as (keyof typeof SUBSETS)[]) {
      for (const weight of WEIGHTS)
        for (const style of STYLES) faces.push(fontFace(subset, weight, style));
    }
    cached = faces.join('\n');
  }
  return cached;
}
