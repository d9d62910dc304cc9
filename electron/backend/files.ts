// The backend's side of "files by handle": paths handed in by the host (a dialog pick, a preview
// upload) get an opaque handle; files the backend writes go to a private folder first, complete
// under a temporary name and renamed, and are handed out by handle too.
import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { FileRef } from '../../shared/files';
import { AppError } from '../../shared/errors';

export interface FileRegistry {
  /** Registers a file the user chose; the backend may read it under the returned handle. */
  register(path: string, displayName?: string): FileRef;
  /** The path behind a handle, or FILE_NOT_FOUND with a Vietnamese message. */
  pathOf(handle: string): string;
  refOf(handle: string): FileRef;
  /** Writes a new file through `write(tempPath)`, renames it complete, and registers it. */
  writeOutput(name: string, write: (tempPath: string) => Promise<void> | void): Promise<FileRef>;
  /** Forgets a handle (and deletes the file when the backend wrote it). */
  release(handle: string): void;
}

interface Entry {
  path: string;
  name: string;
  owned: boolean;
}

export function newHandle(): string {
  return `f_${randomBytes(16).toString('hex')}`;
}

/** A temporary sibling name: a crash mid-write never leaves a half file under the real name. */
export function partPath(finalPath: string): string {
  return `${finalPath}.${randomBytes(4).toString('hex')}.part`;
}

/** Writes `finalPath` through a temporary sibling and renames it when complete. */
export async function writeAtomically(
  finalPath: string,
  write: (tempPath: string) => Promise<void> | void,
): Promise<void> {
  const temp = partPath(finalPath);
  try {
    await write(temp);
    renameSync(temp, finalPath);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

export function createFileRegistry(outputDir: string): FileRegistry {
  const entries = new Map<string, Entry>();
  const refOf = (handle: string): FileRef => {
    const entry = entries.get(handle);
    if (!entry) {
      throw new AppError(
        'FILE_NOT_FOUND',
        'Không tìm thấy tệp đã chọn (có thể ứng dụng vừa khởi động lại). Hãy chọn lại tệp.',
      );
    }
    let size: number;
    try {
      size = statSync(entry.path).size;
    } catch {
      throw new AppError(
        'FILE_NOT_FOUND',
        `Tệp "${entry.name}" không còn ở chỗ cũ (đã bị xóa hoặc di chuyển). Hãy chọn lại tệp.`,
      );
    }
    return { handle, name: entry.name, size };
  };
  return {
    register(path, displayName) {
      const handle = newHandle();
      entries.set(handle, { path, name: displayName ?? basename(path), owned: false });
      return refOf(handle);
    },
    pathOf(handle) {
      refOf(handle);
      return entries.get(handle)!.path;
    },
    refOf,
    async writeOutput(name, write) {
      mkdirSync(outputDir, { recursive: true });
      const handle = newHandle();
      const path = join(outputDir, `${handle}-${basename(name)}`);
      await writeAtomically(path, write);
      entries.set(handle, { path, name: basename(name), owned: true });
      return refOf(handle);
    },
    release(handle) {
      const entry = entries.get(handle);
      entries.delete(handle);
      if (entry?.owned) rmSync(entry.path, { force: true });
    },
  };
}
