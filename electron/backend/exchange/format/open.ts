// Opens a data file as the import reads it, sealed with a password or not: a sealed file is
// first opened into a private temporary folder (format/sealed.ts: the password checked before
// anything is decrypted, every chunk authenticated before it is written), then read as any
// .tccsd (format/reader.ts). The decrypted gzip is removed as soon as the reader has its lines.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXCHANGE_LIMITS, limitError, limitMessages } from '../../limits/limits';
import type { OpenedExchangeFile, ReadOptions, ReadProgress } from './reader';
import { openExchangeFile } from './reader';
import { isSealed, unsealFile } from './sealed';

export interface OpenedSource {
  source: OpenedExchangeFile;
  /** The file was sealed (its identity, `source.sha256`, is then the gzip's inside). */
  sealed: boolean;
}

/**
 * `path` read with `options.displayName` in messages; `password` is used only if the file is
 * sealed. Refusals are BAD_FILE (a sealed file's are SealError, saying which: no password, a
 * wrong one, or damage), as the reader's.
 */
export async function openDataFile(
  path: string,
  password: string | null,
  options: ReadOptions & { displayName: string },
  progress?: ReadProgress,
): Promise<OpenedSource> {
  if (!sealedOrMissing(path)) {
    return { source: await openExchangeFile(path, options, progress), sealed: false };
  }
  // The reader's limit on the size as stored, before anything is derived or decrypted to disk.
  const size = statSync(path).size;
  const maxFile = options.maxFileBytes ?? EXCHANGE_LIMITS.maxFileBytes;
  if (size > maxFile) throw limitError(limitMessages.fileSize(options.displayName, size, maxFile));
  const dir = mkdtempSync(join(options.tempDir ?? tmpdir(), 'tccsd-sealed-'));
  try {
    const inner = join(dir, 'inner.tccsd');
    // The decryption is the first half of the read's progress, the gzip's reading the second.
    await unsealFile(path, inner, password, options.displayName, (done, total) =>
      progress?.(done / 2, total),
    );
    const source = await openExchangeFile(inner, options, (done, total) =>
      progress?.(total / 2 + done / 2, total),
    );
    return { source, sealed: true };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A file that cannot be opened at all is left to the reader, which says why in its words. */
function sealedOrMissing(path: string): boolean {
  try {
    return isSealed(path);
  } catch {
    return false;
  }
}
