// Writes a .tccsd file without ever holding its records in memory, and without awaiting, so an
// export can stream rows straight from a better-sqlite3 iterator (which holds the connection).
//
// The header comes first in the file but carries the records' hash and counts, known only at
// the end. So the records are hashed, counted and gzip-compressed into a side file first, in
// gzip members of about 1 MiB each; at the end the file is one gzip member holding the header
// line followed by the side file's members byte for byte. A gzip reader reads consecutive members
// as one stream (RFC 1952 §2.2), so the result is an ordinary gzip of the JSON lines.
import { createHash } from 'node:crypto';
import type { Hash } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { ExchangeEntity, ExchangeHeader } from '../../../../shared/methods/exchange';
import { EXCHANGE_ENTITIES } from '../../../../shared/methods/exchange';
import type { ExchangeRecord } from './records';

/** Text gathered (about as many bytes) before it is compressed as one gzip member. */
const MEMBER_BYTES = 1 << 20;
const COPY_BYTES = 1 << 20;

export type RecordCounts = Record<ExchangeEntity, number>;

export interface WrittenFile {
  header: ExchangeHeader;
  /** SHA-256 (hex) of the whole file's bytes, as a reader computes it (the file's identity). */
  sha256: string;
  bytes: number;
}

export function zeroCounts(): RecordCounts {
  return Object.fromEntries(EXCHANGE_ENTITIES.map((e) => [e, 0])) as RecordCounts;
}

/**
 * A file being written at `path` (a temporary name: the caller renames it when `finish` has
 * returned). `add` every record, then `finish` with the header; `abort` on any failure.
 */
export class ExchangeFileWriter {
  private readonly recordsPath: string;
  private readonly recordsFd: number;
  private readonly contentHash: Hash = createHash('sha256');
  private readonly counts = zeroCounts();
  private pending: string[] = [];
  private pendingBytes = 0;
  private done = false;

  constructor(private readonly path: string) {
    this.recordsPath = `${path}.records`;
    this.recordsFd = openSync(this.recordsPath, 'w+', 0o600);
  }

  add(record: ExchangeRecord): void {
    const line = `${JSON.stringify(record)}\n`;
    this.contentHash.update(line, 'utf8');
    this.counts[record.t] += 1;
    this.pending.push(line);
    this.pendingBytes += line.length;
    if (this.pendingBytes >= MEMBER_BYTES) this.flush();
  }

  /** Records added so far, per type. */
  countsSoFar(): Readonly<RecordCounts> {
    return this.counts;
  }

  /**
   * Writes the file: the header (given the records' hash and counts by `makeHeader`) and the
   * records. The file is flushed to disk before this returns.
   */
  finish(
    makeHeader: (content: { contentSha256: string; counts: RecordCounts }) => ExchangeHeader,
  ): WrittenFile {
    this.flush();
    const header = makeHeader({
      contentSha256: this.contentHash.digest('hex'),
      counts: { ...this.counts },
    });
    const fileHash = createHash('sha256');
    let bytes = 0;
    const out = openSync(this.path, 'w', 0o600);
    try {
      const write = (buffer: Buffer, length = buffer.length) => {
        writeAll(out, buffer, length);
        fileHash.update(buffer.subarray(0, length));
        bytes += length;
      };
      write(gzipSync(Buffer.from(`${JSON.stringify(header)}\n`, 'utf8')));
      const chunk = Buffer.allocUnsafe(COPY_BYTES);
      let position = 0;
      for (;;) {
        const read = readSync(this.recordsFd, chunk, 0, COPY_BYTES, position);
        if (read === 0) break;
        write(chunk, read);
        position += read;
      }
      fsyncSync(out);
    } finally {
      closeSync(out);
      this.close();
    }
    return { header, sha256: fileHash.digest('hex'), bytes };
  }

  /** Removes what was written (the caller removes `path` itself if it exists). */
  abort(): void {
    this.close();
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    writeAll(this.recordsFd, gzipSync(Buffer.from(this.pending.join(''), 'utf8')));
    this.pending = [];
    this.pendingBytes = 0;
  }

  private close(): void {
    if (this.done) return;
    this.done = true;
    closeSync(this.recordsFd);
    rmSync(this.recordsPath, { force: true });
  }
}

function writeAll(fd: number, buffer: Buffer, length = buffer.length): void {
  let offset = 0;
  while (offset < length) offset += writeSync(fd, buffer, offset, length - offset);
}
