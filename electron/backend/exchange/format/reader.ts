// Opens a .tccsd file for reading: the one asynchronous step of an import. The file is
// stream-gunzipped into a private temporary .jsonl while the whole file and the record lines are
// hashed, with limits on the inflated size and on a line's length (a gzip bomb or random data is
// refused early, never held in memory); the header is checked as soon as it has arrived. What
// follows (validation, preview, apply) reads the .jsonl synchronously line by line, so the apply
// can run in one better-sqlite3 transaction without awaiting inside it.
//
// Every refusal is BAD_FILE with a Vietnamese sentence saying what is wrong and what to do.
import { createHash } from 'node:crypto';
import {
  closeSync,
  createReadStream,
  mkdtempSync,
  openSync,
  readSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import type { ExchangeHeader } from '../../../../shared/methods/exchange';
import { EXCHANGE_FORMAT, EXCHANGE_FORMAT_VERSION } from '../../../../shared/methods/exchange';
import { AppError } from '../../../../shared/errors';
import { startDeadline } from '../../limits/deadline';
import { EXCHANGE_LIMITS, limitError, limitMessages } from '../../limits/limits';
import { asWriteFailure } from '../../write-failure';
import { exchangeHeader } from './records';

export interface ReadOptions {
  /** The name people know the file by (messages); default: the path's last part. */
  displayName?: string;
  /** Refuse a file that inflates beyond this many bytes. */
  maxInflatedBytes?: number;
  /** Refuse a file with a line longer than this many bytes. */
  maxLineBytes?: number;
  /** Refuse a file larger than this as stored. */
  maxFileBytes?: number;
  /** Refuse a file still being read after this many milliseconds. */
  maxMs?: number;
  /** Where the private temporary folder is made; default: the OS temp folder. */
  tempDir?: string;
}

/** The limits of limits/limits.ts (a national file: 27.5 MB, 242 MB inflated, lines < 1 KB). */
export const DEFAULT_MAX_INFLATED_BYTES = EXCHANGE_LIMITS.maxInflatedBytes;
export const DEFAULT_MAX_LINE_BYTES = EXCHANGE_LIMITS.maxLineBytes;

/** Bytes read of the compressed file, of its size. */
export type ReadProgress = (done: number, total: number) => void;

export interface ExchangeLine {
  /** The line's number in the file: 1 is the header, records start at 2. */
  line: number;
  text: string;
}

export interface OpenedExchangeFile {
  header: ExchangeHeader;
  /** SHA-256 (hex) of the file's bytes as stored: the file's identity for "imported before". */
  sha256: string;
  /** Size of the file as stored. */
  bytes: number;
  /** The record lines, uncompressed (header excluded), in a private temporary folder. */
  jsonlPath: string;
  /** How many record lines the file holds. */
  recordLines: number;
  /** The record lines in order, read synchronously in chunks (may be iterated again). */
  lines(): Iterable<ExchangeLine>;
  /** Removes the temporary folder; safe to call twice. */
  dispose(): void;
}

const GZIP_MAGIC = [0x1f, 0x8b];
const NEWLINE = 0x0a;
/**
 * Bytes of the .jsonl read at a time by `lines()`: a chunk's decoded text stays under V8's
 * large-object size (128 KiB) even when every character takes two bytes.
 */
const LINES_CHUNK = 32 * 1024;

function badFile(message: string): AppError {
  return new AppError('BAD_FILE', message);
}

function megabytes(bytes: number): string {
  return bytes >= 1024 ** 3
    ? `${(bytes / 1024 ** 3).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} GB`
    : `${(bytes / 1024 ** 2).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} MB`;
}

/** Vietnamese sentences for each way a file can be wrong; `name` is the file's name. */
export const readerMessages = {
  empty: (name: string) => `Tệp "${name}" rỗng, không có dữ liệu. Hãy xin lại tệp từ nơi gửi.`,
  notOurs: (name: string) =>
    `Tệp "${name}" không phải là tệp dữ liệu trao đổi của phần mềm (tệp .tccsd do chức năng ` +
    `"Xuất dữ liệu" tạo ra). Hãy chọn đúng tệp.`,
  truncated: (name: string) =>
    `Tệp "${name}" không đầy đủ (bị cắt cụt): có thể tệp chưa được chép hoặc tải về xong. ` +
    `Hãy chép lại hoặc xin lại tệp từ nơi gửi.`,
  corrupted: (name: string) =>
    `Tệp "${name}" bị hỏng: dữ liệu nén không đọc được. Hãy chép lại hoặc xin lại tệp từ nơi gửi.`,
  tooLarge: (name: string, limit: number) =>
    `Tệp "${name}" khi giải nén lớn hơn ${megabytes(limit)}: không phải là tệp dữ liệu hợp lệ ` +
    `hoặc đã bị làm hỏng. Tệp không được nhập.`,
  lineTooLong: (name: string, line: number, limit: number) =>
    `Tệp "${name}" có dòng ${line} dài hơn ${megabytes(limit)}: không phải là tệp dữ liệu hợp ` +
    `lệ hoặc đã bị làm hỏng. Tệp không được nhập.`,
  newerVersion: (name: string, version: number, appVersion: string | null) =>
    `Tệp "${name}" theo định dạng phiên bản ${version}${appVersion ? ` (tạo bằng phần mềm phiên bản ${appVersion})` : ''}, ` +
    `mới hơn phiên bản ${EXCHANGE_FORMAT_VERSION} mà phần mềm này đọc được. Hãy cập nhật phần ` +
    `mềm lên phiên bản mới rồi nhập lại tệp.`,
  badHeader: (name: string, detail: string) =>
    `Phần đầu của tệp "${name}" không hợp lệ (${detail}): tệp đã bị sửa hoặc bị hỏng. Hãy xin ` +
    `lại tệp gốc từ nơi gửi.`,
  wrongHash: (name: string) =>
    `Nội dung tệp "${name}" không khớp với mã kiểm tra (SHA-256) ghi ở phần đầu tệp: tệp đã bị ` +
    `sửa hoặc bị hỏng sau khi xuất. Hãy xin lại tệp gốc từ nơi gửi.`,
  unfinishedLine: (name: string, line: number) =>
    `Tệp "${name}" không đầy đủ: dòng ${line} không có ký tự xuống dòng ở cuối (tệp bị cắt ` +
    `cụt). Hãy xin lại tệp từ nơi gửi.`,
  notUtf8: (name: string, line: number) =>
    `Dòng ${line} của tệp "${name}" không phải là văn bản UTF-8: tệp bị hỏng hoặc không do ` +
    `phần mềm tạo ra.`,
  unreadable: (name: string, why: string) =>
    `Không đọc được tệp "${name}" (${why}). Hãy kiểm tra tệp rồi chọn lại.`,
} as const;

/**
 * Opens `path`: checks it is a complete gzip of a tccsd-exchange file of a version this app reads
 * whose record lines match the header's SHA-256, and leaves the record lines in a private
 * temporary .jsonl (removed by `dispose`, or at once when the file is refused).
 */
export async function openExchangeFile(
  path: string,
  options: ReadOptions = {},
  progress?: ReadProgress,
): Promise<OpenedExchangeFile> {
  const name = options.displayName ?? basename(path);
  const maxInflated = options.maxInflatedBytes ?? DEFAULT_MAX_INFLATED_BYTES;
  const maxLine = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;

  const size = sizeOf(path, name);
  if (size === 0) throw badFile(readerMessages.empty(name));
  const maxFile = options.maxFileBytes ?? EXCHANGE_LIMITS.maxFileBytes;
  if (size > maxFile) throw limitError(limitMessages.fileSize(name, size, maxFile));
  const deadline = startDeadline(name, options.maxMs ?? EXCHANGE_LIMITS.maxMs);
  if (!startsWithGzipMagic(path, name, size)) throw badFile(readerMessages.notOurs(name));

  const dir = mkdtempSync(join(options.tempDir ?? tmpdir(), 'tccsd-exchange-'));
  const jsonlPath = join(dir, 'records.jsonl');
  const dispose = () => rmSync(dir, { recursive: true, force: true });
  try {
    const split = new LineSplitter(name, jsonlPath, maxInflated, maxLine);
    const fileHash = createHash('sha256');
    let read = 0;
    const tap = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        try {
          deadline.check();
        } catch (error) {
          done(error instanceof Error ? error : new Error(String(error)));
          return;
        }
        fileHash.update(chunk);
        read += chunk.length;
        progress?.(read, size);
        done(null, chunk);
      },
    });
    try {
      await pipeline(createReadStream(path), tap, createGunzip(), split.sink());
    } catch (error) {
      throw readFailure(error, name, jsonlPath);
    } finally {
      split.close();
    }
    const { header, recordLines } = split.result();
    if (split.contentSha256() !== header.contentSha256) {
      throw badFile(readerMessages.wrongHash(name));
    }
    return {
      header,
      sha256: fileHash.digest('hex'),
      bytes: size,
      jsonlPath,
      recordLines,
      lines: () => readLines(jsonlPath, name),
      dispose,
    };
  } catch (error) {
    dispose();
    throw error;
  }
}

function sizeOf(path: string, name: string): number {
  try {
    return statSync(path).size;
  } catch (error) {
    throw readFailure(error, name, path);
  }
}

function startsWithGzipMagic(path: string, name: string, size: number): boolean {
  if (size < 2) return false;
  const head = Buffer.alloc(2);
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw readFailure(error, name, path);
  }
  try {
    readSync(fd, head, 0, 2, 0);
  } finally {
    closeSync(fd);
  }
  return head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1];
}

/** An error of the read pipeline as the user should read it. */
function readFailure(error: unknown, name: string, tempPath: string): AppError {
  if (error instanceof AppError) return error;
  const code = error instanceof Error && 'code' in error ? String(error.code) : '';
  switch (code) {
    // zlib: the stream ended inside a member.
    case 'Z_BUF_ERROR':
      return badFile(readerMessages.truncated(name));
    // zlib: a bad header, block or checksum.
    case 'Z_DATA_ERROR':
    case 'Z_STREAM_ERROR':
    case 'Z_NEED_DICT':
      return badFile(readerMessages.corrupted(name));
    case 'ENOENT':
      return new AppError(
        'FILE_NOT_FOUND',
        `Tệp "${name}" không còn ở chỗ cũ (đã bị xóa hoặc di chuyển). Hãy chọn lại tệp.`,
      );
    case 'EACCES':
    case 'EPERM':
      return badFile(readerMessages.unreadable(name, 'không có quyền đọc tệp'));
    case 'EISDIR':
      return badFile(readerMessages.unreadable(name, 'đây là một thư mục'));
    case 'ENOSPC':
      return asWriteFailure(error, tempPath);
    default:
      return badFile(
        readerMessages.unreadable(name, code ? `lỗi hệ thống ${code}` : 'lỗi không rõ'),
      );
  }
}

/**
 * The inflated stream's consumer: keeps the first line (the header) in memory and checks it as
 * soon as it is complete; writes everything after it to the .jsonl, hashing it and checking the
 * length of every line.
 */
class LineSplitter {
  private readonly fd: number;
  private readonly contentHash = createHash('sha256');
  private headerParts: Buffer[] = [];
  private headerBytes = 0;
  private header: ExchangeHeader | null = null;
  private inflated = 0;
  /** Length of the line being read so far, and its number (records from line 2). */
  private lineBytes = 0;
  private lineNumber = 2;
  private lastByte = NEWLINE;
  private closed = false;

  constructor(
    private readonly name: string,
    jsonlPath: string,
    private readonly maxInflated: number,
    private readonly maxLine: number,
  ) {
    this.fd = openSync(jsonlPath, 'wx', 0o600);
  }

  sink(): Writable {
    return new Writable({
      write: (chunk: Buffer, _encoding, done) => {
        try {
          this.take(chunk);
          done();
        } catch (error) {
          done(error instanceof Error ? error : new Error(String(error)));
        }
      },
    });
  }

  private take(chunk: Buffer): void {
    this.inflated += chunk.length;
    if (this.inflated > this.maxInflated) {
      throw badFile(readerMessages.tooLarge(this.name, this.maxInflated));
    }
    let rest = chunk;
    if (this.header === null) {
      const end = chunk.indexOf(NEWLINE);
      const part = end < 0 ? chunk : chunk.subarray(0, end);
      this.headerBytes += part.length;
      // A first line this long is no header of ours (random data that happened to be gzip).
      if (this.headerBytes > this.maxLine) throw badFile(readerMessages.notOurs(this.name));
      this.headerParts.push(Buffer.from(part));
      if (end < 0) return;
      this.header = checkHeader(Buffer.concat(this.headerParts), this.name);
      this.headerParts = [];
      rest = chunk.subarray(end + 1);
    }
    if (rest.length === 0) return;
    this.contentHash.update(rest);
    let offset = 0;
    while (offset < rest.length) offset += writeSync(this.fd, rest, offset, rest.length - offset);
    let from = 0;
    for (;;) {
      const end = rest.indexOf(NEWLINE, from);
      const length = (end < 0 ? rest.length : end) - from;
      this.lineBytes += length;
      if (this.lineBytes > this.maxLine) {
        throw badFile(readerMessages.lineTooLong(this.name, this.lineNumber, this.maxLine));
      }
      if (end < 0) break;
      this.lineBytes = 0;
      this.lineNumber += 1;
      from = end + 1;
    }
    this.lastByte = rest[rest.length - 1] ?? NEWLINE;
  }

  /** The header and the number of record lines, once the whole stream was read. */
  result(): { header: ExchangeHeader; recordLines: number } {
    if (this.header === null) {
      if (this.inflated === 0) throw badFile(readerMessages.empty(this.name));
      // One line and no newline: a header without its end, or not ours at all.
      checkHeader(Buffer.concat(this.headerParts), this.name);
      throw badFile(readerMessages.unfinishedLine(this.name, 1));
    }
    if (this.lastByte !== NEWLINE) {
      throw badFile(readerMessages.unfinishedLine(this.name, this.lineNumber));
    }
    return { header: this.header, recordLines: this.lineNumber - 2 };
  }

  contentSha256(): string {
    return this.contentHash.digest('hex');
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The header line → the header. The format name is checked first (another file entirely), then
 * the version (a newer app's file: say to update), then every field.
 */
function checkHeader(bytes: Buffer, name: string): ExchangeHeader {
  let json: unknown;
  try {
    json = JSON.parse(utf8.decode(bytes).replace(/^\uFEFF/, ''));
  } catch {
    throw badFile(readerMessages.notOurs(name));
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw badFile(readerMessages.notOurs(name));
  }
  const fields = json as Record<string, unknown>;
  if (fields.format !== EXCHANGE_FORMAT) throw badFile(readerMessages.notOurs(name));
  const version = fields.formatVersion;
  if (
    typeof version === 'number' &&
    Number.isInteger(version) &&
    version > EXCHANGE_FORMAT_VERSION
  ) {
    const app = typeof fields.appVersion === 'string' ? fields.appVersion.slice(0, 50) : null;
    throw badFile(readerMessages.newerVersion(name, version, app));
  }
  const parsed = exchangeHeader.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.length ? issue.path.join('.') : 'phần đầu';
    throw badFile(readerMessages.badHeader(name, `trường ${field}`));
  }
  return parsed.data;
}

/**
 * The .jsonl's lines in order, numbered as in the file (the header was line 1). Each chunk's
 * complete lines are decoded at once (a national file has 600,000 lines, read in every pass);
 * a chunk that is not UTF-8 is read again line by line, so the lines before the one at fault
 * still come and the error names that line.
 *
 * One buffer per pass, read into after the unfinished line it keeps at its start, and chunks
 * small enough that a chunk's text (at most two bytes a character) is an ordinary young object,
 * not one of V8's large objects. With 1 MiB chunks, each chunk was joined to the unfinished line
 * before it into a new 1 MiB Buffer: ~240 a pass, three passes an import, memory outside V8's
 * heap that comes back only when V8 collects their handles (the national apply's external
 * memory rose 39 → 81 MB between two collections; issue 10, helper PEAK).
 */
export function* readLines(jsonlPath: string, name: string): Generator<ExchangeLine> {
  const fd = openSync(jsonlPath, 'r');
  try {
    let buffer = Buffer.allocUnsafe(LINES_CHUNK);
    /** Bytes of an unfinished line at the buffer's start. */
    let kept = 0;
    let line = 2;
    let position = 0;
    for (;;) {
      if (kept === buffer.length) {
        // A line longer than the buffer (the reader allows up to maxLineBytes): room for it.
        const larger = Buffer.allocUnsafe(buffer.length * 2);
        buffer.copy(larger, 0, 0, kept);
        buffer = larger;
      }
      const read = readSync(fd, buffer, kept, buffer.length - kept, position);
      if (read === 0) break;
      position += read;
      const end = kept + read;
      // The kept bytes hold no newline: the last one, if any, is in what was just read.
      const last = buffer.lastIndexOf(NEWLINE, end - 1);
      if (last < 0) {
        kept = end;
        continue;
      }
      const lines = buffer.subarray(0, last + 1);
      const text = decodeOrNull(lines);
      if (text === null) {
        for (const bytes of splitLines(lines)) {
          yield { line, text: decodeLine(bytes, name, line) };
          line += 1;
        }
      } else {
        let from = 0;
        for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', from)) {
          yield { line, text: withoutCr(text.slice(from, at)) };
          line += 1;
          from = at + 1;
        }
      }
      // Every line of `lines` was handed out: the unfinished one moves to the front.
      buffer.copyWithin(0, last + 1, end);
      kept = end - last - 1;
    }
  } finally {
    closeSync(fd);
  }
}

function decodeOrNull(bytes: Buffer): string | null {
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

/** Each newline-ended line of `bytes` (the newline left out). */
function* splitLines(bytes: Buffer): Generator<Buffer> {
  let from = 0;
  for (let end = bytes.indexOf(NEWLINE); end >= 0; end = bytes.indexOf(NEWLINE, from)) {
    yield bytes.subarray(from, end);
    from = end + 1;
  }
}

function withoutCr(text: string): string {
  return text.endsWith('\r') ? text.slice(0, -1) : text;
}

function decodeLine(bytes: Uint8Array, name: string, line: number): string {
  try {
    return withoutCr(utf8.decode(bytes));
  } catch {
    throw badFile(readerMessages.notUtf8(name, line));
  }
}
