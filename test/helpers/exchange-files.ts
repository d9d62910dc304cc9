// The .tccsd container read and written directly (docs/exchange-format.md: gzip of UTF-8 JSON
// lines, the header first, the SHA-256 of the record lines in the header), independently of the
// app's own reader and writer, so tests can take a real export apart, tamper with it and put it
// back together with the hash either recomputed (the records are really parsed) or left stale
// (the file must be refused as altered).
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { makeTempDir } from './backend';

/** One record line as the format writes it; `d` is the entity's fields. */
export interface RecordLine {
  t: string;
  id: string;
  rev: number;
  by: string;
  at: string;
  del: string | null;
  d: Record<string, unknown>;
}

/** A file taken apart: the header as an object and each record line as its text. */
export interface ExchangeParts {
  header: Record<string, unknown>;
  lines: string[];
}

/** The SHA-256 (hex) the header must carry: of the record lines, each ending in "\n". */
export function contentSha256(lines: readonly string[]): string {
  const hash = createHash('sha256');
  for (const line of lines) hash.update(`${line}\n`);
  return hash.digest('hex');
}

export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Unzips a file (its gzip members read as one stream) and splits it into header and records. */
export function readParts(bytes: Buffer): ExchangeParts {
  const text = gunzipSync(bytes).toString('utf8');
  const all = text.split('\n');
  if (all.at(-1) === '') all.pop();
  const [first, ...lines] = all;
  if (first === undefined) throw new Error('empty exchange file');
  return { header: JSON.parse(first) as Record<string, unknown>, lines };
}

export function recordsOf(parts: ExchangeParts): RecordLine[] {
  return parts.lines.map((line) => JSON.parse(line) as RecordLine);
}

export type HashMode = 'recompute' | 'keep';

/**
 * Puts a file back together: `recompute` sets contentSha256 (and the counts) to match the lines,
 * as a careful forger or another program would; `keep` leaves the header exactly as given.
 */
export function writeParts(parts: ExchangeParts, mode: HashMode = 'recompute'): Buffer {
  const header = mode === 'recompute' ? withMatchingHash(parts) : parts.header;
  const body = [JSON.stringify(header), ...parts.lines].map((l) => `${l}\n`).join('');
  return gzipSync(Buffer.from(body, 'utf8'));
}

/** The header with its hash and record counts made to match the lines. */
export function withMatchingHash(parts: ExchangeParts): Record<string, unknown> {
  const counts: Record<string, number> = {};
  const old = parts.header.counts;
  if (old !== null && typeof old === 'object') {
    for (const key of Object.keys(old)) counts[key] = 0;
  }
  for (const line of parts.lines) {
    try {
      const t = (JSON.parse(line) as { t?: unknown }).t;
      if (typeof t === 'string' && t in counts) counts[t] = (counts[t] ?? 0) + 1;
    } catch {
      // A line that is not JSON counts for no entity: the reader must refuse it on its own.
    }
  }
  return { ...parts.header, counts, contentSha256: contentSha256(parts.lines) };
}

/** Replaces the record lines (parsed) through `edit`, keeping the header. */
export function editRecords(
  parts: ExchangeParts,
  edit: (records: RecordLine[]) => RecordLine[],
): ExchangeParts {
  return { header: parts.header, lines: edit(recordsOf(parts)).map((r) => JSON.stringify(r)) };
}

/** Writes bytes to a fresh temporary folder under `name` and returns the path. */
export function saveTemp(name: string, bytes: Buffer | string): string {
  const dir = join(makeTempDir('tccsd-xfile-'));
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}
