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
