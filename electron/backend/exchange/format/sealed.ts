// A data file with a password (issue 11 item 7): the .tccsd gzip, whole, inside an envelope of
// AES-256-GCM with a key derived from the password by scrypt (docs/exchange-format.md, "Tệp có
// mật khẩu"). The envelope is chunked so neither sealing nor opening ever holds more than one
// chunk (1 MiB) in memory, and each chunk is authenticated on its own:
//
//   header (88 bytes)   magic "TCCSDENC", version, scrypt's log2 N / r / p, log2 of the chunk
//                       size, the plain length, salt, nonce prefix, a plain checksum of all that
//                       (accidental damage), an HMAC of it under a key of the password (a wrong
//                       password, or a header edited on purpose)
//   chunks              ciphertext + 16-byte tag; nonce = prefix(7) ‖ index(4, BE) ‖ last(1);
//                       the header is every chunk's additional data, so chunks cannot be moved,
//                       dropped, or put under another header
//
// The plain length in the header lets a reader say "cut short" before decrypting anything; the
// last-chunk flag in the nonce catches a file cut at a chunk boundary even where it does not.
import type { BinaryLike } from 'node:crypto';
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  randomBytes,
  scrypt,
  timingSafeEqual,
} from 'node:crypto';
import { closeSync, openSync, readSync, statSync, writeSync } from 'node:fs';
import { AppError } from '../../../../shared/errors';

export const SEAL_MAGIC = Buffer.from('TCCSDENC', 'ascii');
export const SEAL_VERSION = 1;
const KDF_SCRYPT = 1;
export const SEAL_HEADER_BYTES = 88;
const TAG_BYTES = 16;
const PREFIX_BYTES = 7;

/** scrypt N = 2^17, r = 8, p = 1 (OWASP's advice): 128 MiB and a few tenths of a second once. */
export const DEFAULT_SEAL_COST = { log2N: 17, r: 8, p: 1 } as const;
const DEFAULT_LOG2_CHUNK = 20;

/**
 * What a reader accepts. A file asking for more is refused without deriving anything: a crafted
 * header must not make the worker allocate gigabytes (128 · N · r · p bytes) or spin for minutes.
 */
const LIMITS = { log2N: [10, 20], r: [1, 16], p: [1, 4], log2Chunk: [10, 24] } as const;

export interface SealCost {
  log2N: number;
  r: number;
  p: number;
}

export interface SealHeader extends SealCost {
  log2Chunk: number;
  plainBytes: number;
  salt: Buffer;
  prefix: Buffer;
  /** The header's bytes as stored: every chunk's additional data. */
  bytes: Buffer;
}

export interface SealKeys {
  encryption: Buffer;
  mac: Buffer;
}

/** The password as typed, in NFC: the same Vietnamese word typed by two keyboards is one key. */
function passwordBytes(password: string): BinaryLike {
  return Buffer.from(password.normalize('NFC'), 'utf8');
}

/** 64 bytes of scrypt: the first 32 the AES key, the last 32 the header's HMAC key. */
export async function deriveKeys(
  password: string,
  salt: Buffer,
  cost: SealCost,
): Promise<SealKeys> {
  const N = 2 ** cost.log2N;
  const derived = await new Promise<Buffer>((resolve, reject) => {
    scrypt(
      passwordBytes(password),
      salt,
      64,
      { N, r: cost.r, p: cost.p, maxmem: 129 * N * cost.r * cost.p + 1024 ** 2 },
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  });
  return { encryption: derived.subarray(0, 32), mac: derived.subarray(32) };
}

/** A new file's header fields and keys: a fresh random salt and nonce prefix every time. */
export async function newSeal(
  password: string,
  cost: SealCost = DEFAULT_SEAL_COST,
): Promise<{ keys: SealKeys; salt: Buffer; prefix: Buffer; cost: SealCost }> {
  const salt = randomBytes(16);
  const prefix = randomBytes(PREFIX_BYTES);
  return { keys: await deriveKeys(password, salt, cost), salt, prefix, cost };
}

function headerBytes(
  seal: { keys: SealKeys; salt: Buffer; prefix: Buffer; cost: SealCost },
  plainBytes: number,
  log2Chunk: number,
): Buffer {
  const header = Buffer.alloc(SEAL_HEADER_BYTES);
  SEAL_MAGIC.copy(header, 0);
  header.writeUInt8(SEAL_VERSION, 8);
  header.writeUInt8(KDF_SCRYPT, 9);
  header.writeUInt8(seal.cost.log2N, 10);
  header.writeUInt8(seal.cost.r, 11);
  header.writeUInt8(seal.cost.p, 12);
  header.writeUInt8(log2Chunk, 13);
  header.writeBigUInt64BE(BigInt(plainBytes), 16);
  seal.salt.copy(header, 24);
  seal.prefix.copy(header, 40);
  checksum(header).copy(header, 48);
  headerMac(seal.keys, header).copy(header, 56);
  return header;
}

function checksum(header: Buffer): Buffer {
  return createHash('sha256').update(header.subarray(0, 48)).digest().subarray(0, 8);
}

function headerMac(keys: SealKeys, header: Buffer): Buffer {
  return createHmac('sha256', keys.mac).update(header.subarray(0, 56)).digest();
}

function nonce(prefix: Buffer, index: number, last: boolean): Buffer {
  const value = Buffer.alloc(12);
  prefix.copy(value, 0);
  value.writeUInt32BE(index, PREFIX_BYTES);
  value.writeUInt8(last ? 1 : 0, 11);
  return value;
}

/**
 * Seals the file at `plainPath` into `outPath` (created; the caller renames or removes it).
 * Synchronous, one chunk in memory: the export calls it inside its file registry's write step.
 */
export function sealFile(
  plainPath: string,
  outPath: string,
  seal: { keys: SealKeys; salt: Buffer; prefix: Buffer; cost: SealCost },
  log2Chunk = DEFAULT_LOG2_CHUNK,
): void {
  const chunkBytes = 2 ** log2Chunk;
  const plainBytes = statSync(plainPath).size;
  const header = headerBytes(seal, plainBytes, log2Chunk);
  const chunks = Math.max(1, Math.ceil(plainBytes / chunkBytes));
  const input = openSync(plainPath, 'r');
  try {
    const out = openSync(outPath, 'w', 0o600);
    try {
      writeAll(out, header);
      const chunk = Buffer.allocUnsafe(chunkBytes);
      for (let index = 0; index < chunks; index += 1) {
        const read = readFully(input, chunk, index * chunkBytes);
        const cipher = createCipheriv(
          'aes-256-gcm',
          seal.keys.encryption,
          nonce(seal.prefix, index, index === chunks - 1),
        );
        cipher.setAAD(header);
        writeAll(out, cipher.update(chunk.subarray(0, read)));
        writeAll(out, cipher.final());
        writeAll(out, cipher.getAuthTag());
      }
    } finally {
      closeSync(out);
    }
  } finally {
    closeSync(input);
  }
}

/** Whether the file begins with the envelope's magic (read: 8 bytes). */
export function isSealed(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(SEAL_MAGIC.length);
    const read = readSync(fd, head, 0, head.length, 0);
    return read === head.length && head.equals(SEAL_MAGIC);
  } finally {
    closeSync(fd);
  }
}

/** Vietnamese sentences of the envelope's refusals; `name` is the file's name. */
export const sealMessages = {
  passwordRequired: (name: string) =>
    `Tệp "${name}" được đặt mật khẩu. Hãy nhập mật khẩu mà nơi gửi đã đặt cho tệp này.`,
  wrongPassword: (name: string) =>
    `Mật khẩu của tệp "${name}" không đúng. Hãy nhập lại (chú ý chữ hoa, chữ thường và dấu ` +
    `tiếng Việt) hoặc hỏi lại nơi gửi. Chưa có gì được nhập.`,
  damaged: (name: string) =>
    `Tệp có mật khẩu "${name}" bị hỏng hoặc đã bị sửa sau khi xuất: phần mã hóa không còn ` +
    `nguyên vẹn. Hãy chép lại hoặc xin lại tệp từ nơi gửi. Chưa có gì được nhập.`,
  truncated: (name: string) =>
    `Tệp có mật khẩu "${name}" không đầy đủ (bị cắt cụt): có thể tệp chưa được chép hoặc tải ` +
    `về xong. Hãy chép lại hoặc xin lại tệp từ nơi gửi. Chưa có gì được nhập.`,
  newerVersion: (name: string, version: number) =>
    `Tệp có mật khẩu "${name}" theo kiểu mã hóa phiên bản ${version}, mới hơn phiên bản mà ` +
    `phần mềm này đọc được. Hãy cập nhật phần mềm rồi nhập lại tệp.`,
} as const;

/** Why a sealed file cannot be opened: the preview tells the screen which one. */
export type SealFailure = 'password_required' | 'wrong_password' | 'damaged';

export class SealError extends AppError {
  constructor(
    readonly failure: SealFailure,
    message: string,
  ) {
    super('BAD_FILE', message);
  }
}

/** The header of a sealed file, checked for damage and for limits (not yet for the password). */
export function readSealHeader(path: string, name: string): SealHeader {
  const size = statSync(path).size;
  const bytes = Buffer.alloc(SEAL_HEADER_BYTES);
  const fd = openSync(path, 'r');
  try {
    if (readFully(fd, bytes, 0) < SEAL_HEADER_BYTES) {
      throw new SealError('damaged', sealMessages.truncated(name));
    }
  } finally {
    closeSync(fd);
  }
  const version = bytes.readUInt8(8);
  if (!checksum(bytes).equals(bytes.subarray(48, 56))) {
    throw new SealError('damaged', sealMessages.damaged(name));
  }
  if (version > SEAL_VERSION) {
    throw new SealError('damaged', sealMessages.newerVersion(name, version));
  }
  const header: SealHeader = {
    log2N: bytes.readUInt8(10),
    r: bytes.readUInt8(11),
    p: bytes.readUInt8(12),
    log2Chunk: bytes.readUInt8(13),
    plainBytes: Number(bytes.readBigUInt64BE(16)),
    salt: Buffer.from(bytes.subarray(24, 40)),
    prefix: Buffer.from(bytes.subarray(40, 40 + PREFIX_BYTES)),
    bytes,
  };
  const within = (value: number, [low, high]: readonly [number, number]) =>
    value >= low && value <= high;
  if (
    version !== SEAL_VERSION ||
    bytes.readUInt8(9) !== KDF_SCRYPT ||
    !within(header.log2N, LIMITS.log2N) ||
    !within(header.r, LIMITS.r) ||
    !within(header.p, LIMITS.p) ||
    !within(header.log2Chunk, LIMITS.log2Chunk) ||
    !Number.isSafeInteger(header.plainBytes)
  ) {
    throw new SealError('damaged', sealMessages.damaged(name));
  }
  const expected = sealedSize(header.plainBytes, header.log2Chunk);
  if (size < expected) throw new SealError('damaged', sealMessages.truncated(name));
  if (size > expected) throw new SealError('damaged', sealMessages.damaged(name));
  return header;
}

/** The sealed file's size for `plainBytes` of content: header, chunks, one tag per chunk. */
export function sealedSize(plainBytes: number, log2Chunk: number): number {
  const chunks = Math.max(1, Math.ceil(plainBytes / 2 ** log2Chunk));
  return SEAL_HEADER_BYTES + plainBytes + chunks * TAG_BYTES;
}

/**
 * Opens the sealed file at `path` into `outPath` (the .tccsd gzip inside): the header checked for
 * damage, the password checked against the header's HMAC before any chunk is decrypted, then each
 * chunk decrypted and authenticated before it is written. On any refusal `outPath` may hold a
 * part: the caller removes it (it lives in a private temporary folder).
 */
export async function unsealFile(
  path: string,
  outPath: string,
  password: string | null,
  name: string,
  progress?: (done: number, total: number) => void,
): Promise<void> {
  const header = readSealHeader(path, name);
  if (password === null || password === '') {
    throw new SealError('password_required', sealMessages.passwordRequired(name));
  }
  const keys = await deriveKeys(password, header.salt, header);
  const mac = headerMac(keys, header.bytes);
  if (!timingSafeEqual(mac, header.bytes.subarray(56, 88))) {
    throw new SealError('wrong_password', sealMessages.wrongPassword(name));
  }
  const chunkBytes = 2 ** header.log2Chunk;
  const chunks = Math.max(1, Math.ceil(header.plainBytes / chunkBytes));
  const total = sealedSize(header.plainBytes, header.log2Chunk);
  const input = openSync(path, 'r');
  try {
    const out = openSync(outPath, 'wx', 0o600);
    try {
      const sealed = Buffer.allocUnsafe(chunkBytes + TAG_BYTES);
      let position = SEAL_HEADER_BYTES;
      for (let index = 0; index < chunks; index += 1) {
        const plain = Math.min(chunkBytes, header.plainBytes - index * chunkBytes);
        const read = readFully(input, sealed.subarray(0, plain + TAG_BYTES), position);
        if (read < plain + TAG_BYTES) throw new SealError('damaged', sealMessages.truncated(name));
        position += read;
        const decipher = createDecipheriv(
          'aes-256-gcm',
          keys.encryption,
          nonce(header.prefix, index, index === chunks - 1),
        );
        decipher.setAAD(header.bytes);
        decipher.setAuthTag(sealed.subarray(plain, plain + TAG_BYTES));
        // update() gives the chunk's plain bytes, final() checks its tag (GCM adds no byte
        // there): nothing is written before the chunk is authenticated. Not concatenated: a
        // copy would be 1 MiB more garbage per chunk for the import's read (helper RSS).
        let text: Buffer;
        let rest: Buffer;
        try {
          text = decipher.update(sealed.subarray(0, plain));
          rest = decipher.final();
        } catch {
          throw new SealError('damaged', sealMessages.damaged(name));
        }
        writeAll(out, text);
        if (rest.length > 0) writeAll(out, rest);
        progress?.(position, total);
      }
    } finally {
      closeSync(out);
    }
  } finally {
    closeSync(input);
  }
}

/** Reads until `buffer` is full or the file ends; how many bytes were read. */
function readFully(fd: number, buffer: Buffer, position: number): number {
  let done = 0;
  while (done < buffer.length) {
    const read = readSync(fd, buffer, done, buffer.length - done, position + done);
    if (read === 0) break;
    done += read;
  }
  return done;
}

function writeAll(fd: number, buffer: Buffer): void {
  let offset = 0;
  while (offset < buffer.length) offset += writeSync(fd, buffer, offset, buffer.length - offset);
}
