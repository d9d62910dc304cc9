// Errors that cross the contract border: a stable code for programs, a Vietnamese message for people.

export const ERROR_CODES = [
  'INVALID_INPUT',
  'NOT_FOUND',
  'DUPLICATE_CODE',
  'CYCLE',
  'INVALID_MERGE',
  'INVALID_SPLIT',
  'BEFORE_FOUNDED',
  'UNIT_ENDED',
  'HAS_CHILDREN',
  'INVALID_LEVEL',
  'NO_SCALE',
  'UNIT_NOT_IN_YEAR',
  'BAD_FILE',
  'NOT_A_DATABASE',
  'NEWER_DATABASE',
  'SETUP_REQUIRED',
  'DATA_BUSY',
  'FILE_NOT_FOUND',
  'PLAN_STALE',
  'DUPLICATE_NAME',
  'INVALID_PARENT',
  'DUPLICATE_MEMBER',
  'NO_RATING',
  'BACKEND_UNAVAILABLE',
  'FORBIDDEN',
  'NOT_EMPTY',
  'WRITE_FAILED',
  'CONFLICTS_UNDECIDED',
  'UNDO_BLOCKED',
  /** No browser on this PC can print the report to PDF: the Word file is the way. */
  'PDF_UNAVAILABLE',
  'UNKNOWN_METHOD',
  /** The data file failed SQLite's check (or reads as damaged): opened read-only, no write. */
  'DATA_DAMAGED',
  /** The data file itself cannot be written (read-only attribute, permissions, read-only disk). */
  'DATA_READ_ONLY',
  /** The data file's folder cannot be written: SQLite's journal (WAL) files live there. */
  'FOLDER_READ_ONLY',
  'DISK_FULL',
  /** Another program holds the file (a lock past the busy timeout, a Windows sharing lock). */
  'DATA_LOCKED',
  /** The disk answered a read or write with an error (a failing disk, a network drive gone). */
  'IO_ERROR',
  'BACKUP_FOLDER_MISSING',
  /** A restore of another installation's backup the user was not told about (backups.check). */
  'OTHER_INSTALLATION',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AppErrorShape {
  code: ErrorCode;
  message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'AppError';
    this.code = code;
  }
  toJSON(): AppErrorShape {
    return { code: this.code, message: this.message };
  }
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorShape };
