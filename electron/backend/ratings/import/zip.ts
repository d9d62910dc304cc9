// Checks a zip archive (an .xlsx file is one) entry by entry against the CRC-32 its central
// directory records. exceljs reads workbooks through JSZip without its `checkCRC32` option, and
// raw deflate has no checksum of its own, so a flipped bit inside compressed data would inflate
// to different text and be read as data ("Năm" became a unit name). Verifying here closes that.
import { Readable } from 'node:stream';
import { createInflateRaw, crc32 } from 'node:zlib';
import type { Deadline } from '../../limits/deadline';
import { NO_DEADLINE } from '../../limits/deadline';
import { isMediaEntry } from '../../limits/limits';

export interface ZipEntry {
  name: string;
  /** 0 = stored, 8 = deflated (the only two methods spreadsheet files use). */
  method: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
  /** Where the entry's record lies in the central directory (limits/archive.ts copies it). */
  centralStart: number;
  centralEnd: number;
}

/** What is wrong with an archive: its structure, or one entry's content. */
export type ZipProblem =
  | { kind: 'structure' }
  | { kind: 'crc'; entry: string }
  | { kind: 'method'; entry: string; method: number };

class ZipStructureError extends Error {}

const EOCD = 0x06054b50;
const EOCD64_LOCATOR = 0x07064b50;
const EOCD64 = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const ZIP64_EXTRA = 0x0001;
const MAX_16 = 0xffff;
const MAX_32 = 0xffffffff;

function need(condition: boolean): asserts condition {
  if (!condition) throw new ZipStructureError();
}

/** The end-of-central-directory record: searched backwards over the comment (at most 64 KiB). */
function findEndRecord(bytes: Buffer): number {
  const earliest = Math.max(0, bytes.length - 22 - MAX_16);
  for (let at = bytes.length - 22; at >= earliest; at--) {
    if (bytes.readUInt32LE(at) === EOCD) return at;
  }
  throw new ZipStructureError();
}

export function centralDirectory(bytes: Buffer): { count: number; offset: number } {
  const end = findEndRecord(bytes);
  let count = bytes.readUInt16LE(end + 10);
  let offset = bytes.readUInt32LE(end + 16);
  if (count === MAX_16 || offset === MAX_32) {
    const locator = end - 20;
    need(locator >= 0 && bytes.readUInt32LE(locator) === EOCD64_LOCATOR);
    const record = Number(bytes.readBigUInt64LE(locator + 8));
    need(record + 56 <= bytes.length && bytes.readUInt32LE(record) === EOCD64);
    count = Number(bytes.readBigUInt64LE(record + 32));
    offset = Number(bytes.readBigUInt64LE(record + 48));
  }
  return { count, offset };
}

/** Sizes and offset that did not fit 32 bits live in the zip64 extra field, in this order. */
function applyZip64(entry: ZipEntry, extra: Buffer): void {
  for (let at = 0; at + 4 <= extra.length;) {
    const id = extra.readUInt16LE(at);
    const size = extra.readUInt16LE(at + 2);
    if (id === ZIP64_EXTRA) {
      let field = at + 4;
      const next = () => {
        need(field + 8 <= at + 4 + size);
        const value = Number(extra.readBigUInt64LE(field));
        field += 8;
        return value;
      };
      if (entry.uncompressedSize === MAX_32) entry.uncompressedSize = next();
      if (entry.compressedSize === MAX_32) entry.compressedSize = next();
      if (entry.localHeaderOffset === MAX_32) entry.localHeaderOffset = next();
      return;
    }
    at += 4 + size;
  }
}

/** The entries listed in the central directory, which records every entry's CRC and sizes. */
export function zipEntries(bytes: Buffer): ZipEntry[] {
  try {
    const { count, offset } = centralDirectory(bytes);
    const entries: ZipEntry[] = [];
    let at = offset;
    for (let i = 0; i < count; i++) {
      need(at + 46 <= bytes.length && bytes.readUInt32LE(at) === CENTRAL);
      const nameLength = bytes.readUInt16LE(at + 28);
      const extraLength = bytes.readUInt16LE(at + 30);
      const commentLength = bytes.readUInt16LE(at + 32);
      need(at + 46 + nameLength + extraLength <= bytes.length);
      const entry: ZipEntry = {
        name: bytes.toString('utf8', at + 46, at + 46 + nameLength),
        method: bytes.readUInt16LE(at + 10),
        crc32: bytes.readUInt32LE(at + 16),
        compressedSize: bytes.readUInt32LE(at + 20),
        uncompressedSize: bytes.readUInt32LE(at + 24),
        localHeaderOffset: bytes.readUInt32LE(at + 42),
        centralStart: at,
        centralEnd: at + 46 + nameLength + extraLength + commentLength,
      };
      applyZip64(entry, bytes.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength));
      entries.push(entry);
      at += 46 + nameLength + extraLength + commentLength;
    }
    return entries;
  } catch (error) {
    if (error instanceof ZipStructureError || error instanceof RangeError) {
      throw new ZipStructureError();
    }
    throw error;
  }
}

/** The compressed bytes of an entry, found through its local header. */
export function compressedData(bytes: Buffer, entry: ZipEntry): Buffer {
  const at = entry.localHeaderOffset;
  need(at + 30 <= bytes.length && bytes.readUInt32LE(at) === LOCAL);
  const start = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
  need(start + entry.compressedSize <= bytes.length);
  return bytes.subarray(start, start + entry.compressedSize);
}

/**
 * CRC-32 and length of the inflated data, computed chunk by chunk (never the whole entry). The
 * real bytes are counted: inflating stops one chunk past the size the directory declares (a
 * zip bomb's declared sizes lie; the declared ones are within limits/archive.ts's limits).
 */
async function inflatedChecksum(
  data: Buffer,
  declared: number,
  deadline: Deadline,
): Promise<{ crc: number; size: number }> {
  let crc = 0;
  let size = 0;
  const inflate = createInflateRaw();
  for await (const chunk of Readable.from([data]).pipe(inflate)) {
    crc = crc32(chunk as Buffer, crc);
    size += (chunk as Buffer).length;
    deadline.check();
    if (size > declared) break;
  }
  return { crc, size };
}

/** Null when every entry inflates to exactly the bytes its CRC-32 and size promise. */
export async function findZipProblem(
  bytes: Buffer,
  deadline: Deadline = NO_DEADLINE,
): Promise<ZipProblem | null> {
  let entries: ZipEntry[];
  try {
    entries = zipEntries(bytes);
  } catch (error) {
    if (error instanceof ZipStructureError) return { kind: 'structure' };
    throw error;
  }
  for (const entry of entries) {
    // Pictures and embedded files are never read (they are left out of what exceljs is given).
    if (isMediaEntry(entry.name)) continue;
    if (entry.method !== 0 && entry.method !== 8) {
      return { kind: 'method', entry: entry.name, method: entry.method };
    }
    let data: Buffer;
    try {
      data = compressedData(bytes, entry);
    } catch (error) {
      if (error instanceof ZipStructureError) return { kind: 'structure' };
      throw error;
    }
    let actual: { crc: number; size: number };
    try {
      actual =
        entry.method === 0
          ? { crc: crc32(data), size: data.length }
          : await inflatedChecksum(data, entry.uncompressedSize, deadline);
    } catch {
      // Data that does not even inflate is damaged the same way, only worse.
      return { kind: 'crc', entry: entry.name };
    }
    if (actual.crc !== entry.crc32 || actual.size !== entry.uncompressedSize) {
      return { kind: 'crc', entry: entry.name };
    }
  }
  return null;
}
