// Frozen copy of electron/backend/ratings/import/encoding.ts as it was before issue 10's bulk path (commit
// dbbe2f3), kept so that a test compares the old answers with the new ones. Do not edit.
// The text encodings a CSV file saved by Excel on Vietnamese Windows comes in: "CSV UTF-8"
// (UTF-8, with BOM), "CSV (Comma delimited)" (the ANSI code page, Windows-1258 on Vietnamese
// Windows) and "Unicode Text" (UTF-16 LE with BOM, tab-separated).
import type { CsvEncoding } from '../../../shared/contract';

/**
 * Windows-1258 bytes 0x80–0xFF as Unicode code points (0x00–0x7F are ASCII). Source: the WHATWG
 * Encoding Standard, https://encoding.spec.whatwg.org/index-windows-1258.txt, which agrees with
 * Microsoft's table (https://www.unicode.org/Public/MAPPINGS/VENDORS/MICSFT/WINDOWS/CP1258.TXT)
 * and maps the bytes Microsoft leaves undefined to the C1 control of the same value.
 * Kept here rather than asking TextDecoder because not every ICU build (Electron's among them)
 * is guaranteed to carry this code page; a test checks the table against Node's full ICU.
 * Five bytes are combining tone marks (0xCC, 0xD2, 0xDE, 0xEC, 0xF2): Windows writes "ả" as
 * "a" + U+0309, so decoded text must be normalised to NFC.
 */
// prettier-ignore
const WINDOWS_1258_HIGH = [
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
  0x02c6, 0x2030, 0x008a, 0x2039, 0x0152, 0x008d, 0x008e, 0x008f,
  0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
  0x02dc, 0x2122, 0x009a, 0x203a, 0x0153, 0x009d, 0x009e, 0x0178,
  0x00a0, 0x00a1, 0x00a2, 0x00a3, 0x00a4, 0x00a5, 0x00a6, 0x00a7,
  0x00a8, 0x00a9, 0x00aa, 0x00ab, 0x00ac, 0x00ad, 0x00ae, 0x00af,
  0x00b0, 0x00b1, 0x00b2, 0x00b3, 0x00b4, 0x00b5, 0x00b6, 0x00b7,
  0x00b8, 0x00b9, 0x00ba, 0x00bb, 0x00bc, 0x00bd, 0x00be, 0x00bf,
  0x00c0, 0x00c1, 0x00c2, 0x0102, 0x00c4, 0x00c5, 0x00c6, 0x00c7,
  0x00c8, 0x00c9, 0x00ca, 0x00cb, 0x0300, 0x00cd, 0x00ce, 0x00cf,
  0x0110, 0x00d1, 0x0309, 0x00d3, 0x00d4, 0x01a0, 0x00d6, 0x00d7,
  0x00d8, 0x00d9, 0x00da, 0x00db, 0x00dc, 0x01af, 0x0303, 0x00df,
  0x00e0, 0x00e1, 0x00e2, 0x0103, 0x00e4, 0x00e5, 0x00e6, 0x00e7,
  0x00e8, 0x00e9, 0x00ea, 0x00eb, 0x0301, 0x00ed, 0x00ee, 0x00ef,
  0x0111, 0x00f1, 0x0323, 0x00f3, 0x00f4, 0x01a1, 0x00f6, 0x00f7,
  0x00f8, 0x00f9, 0x00fa, 0x00fb, 0x00fc, 0x01b0, 0x20ab, 0x00ff,
] as const;

/** Every byte 0x00–0xFF as its character in Windows-1258. */
const WINDOWS_1258 = Array.from({ length: 256 }, (_, byte) =>
  String.fromCharCode(byte < 0x80 ? byte : (WINDOWS_1258_HIGH[byte - 0x80] ?? 0xfffd)),
);

export function decodeWindows1258(bytes: Uint8Array): string {
  // Joined in slices: one string per byte for a 50 MB file would be slow and large.
  const parts: string[] = [];
  const slice = 64 * 1024;
  for (let start = 0; start < bytes.length; start += slice) {
    let part = '';
    const end = Math.min(bytes.length, start + slice);
    for (let i = start; i < end; i++) part += WINDOWS_1258[bytes[i]!];
    parts.push(part);
  }
  return parts.join('');
}

const startsWith = (bytes: Uint8Array, bom: readonly number[]) =>
  bom.every((b, i) => bytes[i] === b);

/**
 * The text of a CSV file and the encoding it was read in: a BOM decides (UTF-8, UTF-16 LE/BE);
 * without one, bytes that are valid UTF-8 are UTF-8 (plain ASCII included), anything else is
 * Windows-1258. The result is NFC, without the BOM.
 */
export function decodeCsvText(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  let encoding: CsvEncoding;
  let text: string;
  if (startsWith(bytes, [0xff, 0xfe])) {
    encoding = 'utf-16le';
    text = new TextDecoder('utf-16le').decode(bytes.subarray(2));
  } else if (startsWith(bytes, [0xfe, 0xff])) {
    encoding = 'utf-16be';
    // Swapped to little-endian: Node decodes UTF-16 LE without ICU, BE only through ICU.
    const body = Buffer.from(bytes.subarray(2, bytes.length - (bytes.length % 2)));
    text = new TextDecoder('utf-16le').decode(body.swap16());
  } else {
    const body = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? bytes.subarray(3) : bytes;
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
      encoding = 'utf-8';
    } catch {
      text = decodeWindows1258(bytes);
      encoding = 'windows-1258';
    }
  }
  return { text: text.normalize('NFC'), encoding };
}
