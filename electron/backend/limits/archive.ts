// A zip archive (an .xlsx workbook) checked against the spreadsheet limits before any part is
// inflated, from its central directory: the number of parts, each part's declared size and
// their total. The declared sizes are then made to hold on the real bytes: zip.ts stops
// inflating a part one chunk past its declared size (a CRC error), and here every byte of the
// file must belong to a listed part, so a streaming reader that walks the local headers (exceljs
// does) meets no part the directory hides. Pictures and other media are not counted, not
// inflated, and left out of the archive handed to exceljs.
import type { ZipEntry } from '../ratings/import/zip';
import { centralDirectory, zipEntries } from '../ratings/import/zip';
import { SPREADSHEET_LIMITS, isMediaEntry, limitError, limitMessages } from './limits';

const LOCAL = 0x04034b50;
const EOCD = 0x06054b50;
/** A data descriptor after a part's data: signature, CRC and two sizes of 4 or 8 bytes. */
const MAX_DESCRIPTOR = 24;
const MAX_32 = 0xffffffff;

export type ArchiveLimits = Pick<
  typeof SPREADSHEET_LIMITS,
  'maxEntries' | 'maxEntryBytes' | 'maxTotalBytes'
>;

export interface CheckedArchive {
  /** The archive to parse: the file itself, or a copy without its media parts. */
  bytes: Buffer;
  entries: ZipEntry[];
}

/**
 * Refuses (BAD_FILE) an archive beyond the limits, naming the limit and the value, or one whose
 * structure cannot be read or hides bytes from its directory (parts that overlap, data between
 * parts), with the message of a damaged file.
 */
export function checkArchive(
  fileName: string,
  bytes: Buffer,
  limits: ArchiveLimits = SPREADSHEET_LIMITS,
): CheckedArchive {
  let entries: ZipEntry[];
  let directoryAt: number;
  try {
    entries = zipEntries(bytes);
    directoryAt = centralDirectory(bytes).offset;
  } catch {
    throw limitError(limitMessages.damaged(fileName));
  }
  if (entries.length > limits.maxEntries) {
    throw limitError(limitMessages.entries(fileName, entries.length, limits.maxEntries));
  }
  let total = 0;
  for (const entry of entries) {
    if (isMediaEntry(entry.name)) continue;
    if (entry.uncompressedSize > limits.maxEntryBytes) {
      throw limitError(
        limitMessages.entrySize(fileName, entry.name, entry.uncompressedSize, limits.maxEntryBytes),
      );
    }
    total += entry.uncompressedSize;
  }
  if (total > limits.maxTotalBytes) {
    throw limitError(limitMessages.totalSize(fileName, total, limits.maxTotalBytes));
  }
  const spans = localSpans(bytes, entries, directoryAt);
  if (!spans) throw limitError(limitMessages.damaged(fileName));
  return { bytes: withoutMedia(bytes, entries, spans), entries };
}

interface Span {
  entry: ZipEntry;
  start: number;
  end: number;
}

/**
 * Each part's local header, data and descriptor, in file order, covering the bytes before the
 * central directory with nothing between them; null when the local headers disagree with the
 * directory or bytes lie outside every listed part.
 */
function localSpans(bytes: Buffer, entries: ZipEntry[], directoryAt: number): Span[] | null {
  const sorted = [...entries].sort((a, b) => a.localHeaderOffset - b.localHeaderOffset);
  const spans: Span[] = [];
  let expected = 0;
  for (const [i, entry] of sorted.entries()) {
    const at = entry.localHeaderOffset;
    if (at !== expected || at + 30 > bytes.length || bytes.readUInt32LE(at) !== LOCAL) return null;
    const flags = bytes.readUInt16LE(at + 6);
    const localCompressed = bytes.readUInt32LE(at + 18);
    // Without a data descriptor (flag bit 3) the local header states the size a streaming
    // reader goes by: it must be the directory's.
    if ((flags & 0x8) === 0 && localCompressed !== MAX_32) {
      if (localCompressed !== entry.compressedSize) return null;
    }
    const dataEnd = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
    const end = dataEnd + entry.compressedSize;
    const next = sorted[i + 1]?.localHeaderOffset ?? directoryAt;
    if (next < end || next - end > MAX_DESCRIPTOR) return null;
    spans.push({ entry, start: at, end: next });
    expected = next;
  }
  return expected === directoryAt ? spans : null;
}

/** The archive without its media parts: local parts copied as they are, the directory renumbered. */
function withoutMedia(bytes: Buffer, entries: ZipEntry[], spans: Span[]): Buffer {
  if (!entries.some((e) => isMediaEntry(e.name))) return bytes;
  const parts: Buffer[] = [];
  const offsets = new Map<ZipEntry, number>();
  let at = 0;
  for (const span of spans) {
    if (isMediaEntry(span.entry.name)) continue;
    offsets.set(span.entry, at);
    parts.push(bytes.subarray(span.start, span.end));
    at += span.end - span.start;
  }
  const directoryStart = at;
  let kept = 0;
  for (const entry of entries) {
    const offset = offsets.get(entry);
    if (offset === undefined) continue;
    const record = Buffer.from(bytes.subarray(entry.centralStart, entry.centralEnd));
    // Files within the import's size limit never need zip64 offsets.
    if (record.readUInt32LE(42) === MAX_32) return bytes;
    record.writeUInt32LE(offset, 42);
    parts.push(record);
    at += record.length;
    kept += 1;
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(EOCD, 0);
  end.writeUInt16LE(kept, 8);
  end.writeUInt16LE(kept, 10);
  end.writeUInt32LE(at - directoryStart, 12);
  end.writeUInt32LE(directoryStart, 16);
  parts.push(end);
  return Buffer.concat(parts);
}
