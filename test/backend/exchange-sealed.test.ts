// Data files with a password (issue 11 item 7): exported sealed, imported with the password; no
// password, a wrong one, a damaged or cut-short envelope each refused with its own Vietnamese
// message and the receiving data file row for row as it was; a plain file imported as before.
import { createHmac, createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { openDataFile } from '../../electron/backend/exchange/format/open';
import {
  SEAL_HEADER_BYTES,
  deriveKeys,
  isSealed,
  newSeal,
  sealFile,
  sealedSize,
  unsealFile,
} from '../../electron/backend/exchange/format/sealed';
import type { TestBackend } from '../helpers/backend';
import { cleanupTemp, errorOf, makeBackend, makeTempDir } from '../helpers/backend';
import { saveTemp } from '../helpers/exchange-files';
import { prng } from '../helpers/prng';
import { exportFile, makeProvince } from '../helpers/exchange-sites';

const PASSWORD = 'Đồng Ý 2017 mùa xuân';

afterEach(cleanupTemp);

/**
 * A province's file exported twice, plain and sealed (made once: scrypt is slow on purpose); kept
 * as bytes, saved again for each test (afterEach removes every temporary folder).
 */
const made: { plain?: Buffer; sealed?: Buffer } = {};
beforeAll(async () => {
  const province = makeProvince();
  made.plain = (await exportFile(province.backend)).bytes;
  made.sealed = (await exportFile(province.backend, { password: PASSWORD })).bytes;
  province.backend.close();
});

function file(kind: 'plain' | 'sealed'): { path: string; bytes: Buffer } {
  const bytes = made[kind];
  if (bytes === undefined) throw new Error('the exports were not made');
  return { path: saveTemp(`${kind}.tccsd`, bytes), bytes };
}

/** A receiving installation with nothing yet: the file's data would be new to it. */
function receiver(): TestBackend {
  return makeBackend();
}

async function previewWith(backend: TestBackend, path: string, password?: string) {
  const handle = backend.ctx.files.register(path, 'tinh.tccsd').handle;
  return backend.callAsync('exchange.preview', {
    files: [handle],
    ...(password === undefined ? {} : { passwords: { [handle]: password } }),
  });
}

/** Previews `bytes` as a file and checks it is refused with `message`, nothing written. */
async function refused(bytes: Buffer, password: string | undefined, message: RegExp) {
  const backend = receiver();
  const before = backend.snapshot();
  const preview = await previewWith(backend, saveTemp('tinh.tccsd', bytes), password);
  const file = preview.files[0];
  expect(preview.canApply).toBe(false);
  expect(file?.header).toBeNull();
  expect(file?.errors.map((e) => e.message).join('\n')).toMatch(message);
  const apply = backend.attempt('exchange.apply', { planId: preview.planId });
  expect(apply.ok).toBe(false);
  expect(backend.snapshot()).toBe(before);
  return file;
}

describe('a data file with a password', () => {
  let plain: { path: string; bytes: Buffer };
  let sealed: { path: string; bytes: Buffer };
  beforeEach(() => {
    plain = file('plain');
    sealed = file('sealed');
  });

  test('is written sealed: no gzip, no readable name, the size of the envelope', () => {
    expect(isSealed(sealed.path)).toBe(true);
    expect(isSealed(plain.path)).toBe(false);
    expect(sealed.bytes.subarray(0, 2)).not.toEqual(Buffer.from([0x1f, 0x8b]));
    expect(sealed.bytes.includes(Buffer.from('Đảng bộ', 'utf8'))).toBe(false);
    expect(sealed.bytes.includes(Buffer.from('tccsd-exchange', 'utf8'))).toBe(false);
    const plainBytes = Number(sealed.bytes.readBigUInt64BE(16));
    expect(sealed.bytes.length).toBe(sealedSize(plainBytes, sealed.bytes.readUInt8(13)));
  });

  test('round trip: imported with its password, the same as the plain file', async () => {
    const fromPlain = receiver();
    const fromSealed = receiver();
    const a = await previewWith(fromPlain, plain.path);
    const b = await previewWith(fromSealed, sealed.path, PASSWORD);
    expect(b.files[0]?.sealed).toBe(true);
    expect(b.files[0]?.passwordNeeded).toBeNull();
    expect(b.files[0]?.errors).toEqual([]);
    expect(b.totals).toEqual(a.totals);
    expect(b.totals.new).toBeGreaterThan(10);
    fromPlain.call('exchange.apply', { planId: a.planId });
    fromSealed.call('exchange.apply', { planId: b.planId });
    const rows = (backend: TestBackend) =>
      backend.call('units.list', { year: 2017 }).rows.map((r) => [r.id, r.name, r.code]);
    expect(rows(fromSealed)).toEqual(rows(fromPlain));
    // Its identity is the .tccsd inside: the export recorded it, and a second import knows it.
    expect(
      fromSealed.call('exchange.ledger', { year: 2017 }).batches.map((batch) => batch.sha256),
    ).toEqual([b.files[0]?.sha256]);
    const again = await previewWith(fromSealed, sealed.path, PASSWORD);
    expect(again.files[0]?.alreadyImported).toBe(true);
  });

  test('a password typed in another Unicode form (NFD) opens the file (compared in NFC)', async () => {
    const backend = receiver();
    const preview = await previewWith(backend, sealed.path, PASSWORD.normalize('NFD'));
    expect(preview.files[0]?.errors).toEqual([]);
    expect(preview.canApply).toBe(true);
  });

  test('without its password: asked for, nothing read or written', async () => {
    const file = await refused(sealed.bytes, undefined, /được đặt mật khẩu\. Hãy nhập mật khẩu/);
    expect(file?.sealed).toBe(true);
    expect(file?.passwordNeeded).toBe('required');
  });

  test('a wrong password says so, and changes nothing', async () => {
    const file = await refused(
      sealed.bytes,
      'Dong Y 2017 mua xuan',
      /Mật khẩu của tệp "tinh\.tccsd" không đúng/,
    );
    expect(file?.passwordNeeded).toBe('wrong');
  });

  test('a damaged header (the salt) is damage, not a wrong password', async () => {
    const bytes = Buffer.from(sealed.bytes);
    bytes[30] = (bytes[30] ?? 0) ^ 0x01;
    const file = await refused(bytes, PASSWORD, /bị hỏng hoặc đã bị sửa sau khi xuất/);
    expect(file?.passwordNeeded).toBeNull();
  });

  test('a byte of the body or of the tag changed: refused as damaged', async () => {
    for (const at of [
      SEAL_HEADER_BYTES + 5,
      Math.floor(sealed.bytes.length / 2),
      sealed.bytes.length - 1,
    ]) {
      const bytes = Buffer.from(sealed.bytes);
      bytes[at] = (bytes[at] ?? 0) ^ 0x80;
      const file = await refused(bytes, PASSWORD, /bị hỏng hoặc đã bị sửa sau khi xuất/);
      expect(file?.passwordNeeded).toBeNull();
    }
  });

  test('cut short (in the body, in the header) or with bytes added: refused with its message', async () => {
    await refused(
      sealed.bytes.subarray(0, sealed.bytes.length - 1),
      PASSWORD,
      /không đầy đủ \(bị cắt cụt\)/,
    );
    await refused(
      sealed.bytes.subarray(0, SEAL_HEADER_BYTES - 10),
      PASSWORD,
      /không đầy đủ \(bị cắt cụt\)/,
    );
    await refused(
      Buffer.concat([sealed.bytes, Buffer.from([0])]),
      PASSWORD,
      /bị hỏng hoặc đã bị sửa/,
    );
  });

  test('a plain file is imported as before, whatever password is given', async () => {
    const backend = receiver();
    const preview = await previewWith(backend, plain.path, 'không dùng đến');
    expect(preview.files[0]?.sealed).toBe(false);
    expect(preview.canApply).toBe(true);
    backend.call('exchange.apply', { planId: preview.planId });
    expect(backend.call('units.list', { year: 2017 }).rows.length).toBeGreaterThan(10);
  });

  test('several files at once: each its own password, one wrong one said for that file only', async () => {
    const backend = receiver();
    const before = backend.snapshot();
    const copy = saveTemp('ban-sao.tccsd', sealed.bytes);
    const first = backend.ctx.files.register(sealed.path, 'a.tccsd').handle;
    const second = backend.ctx.files.register(copy, 'b.tccsd').handle;
    const preview = await backend.callAsync('exchange.preview', {
      files: [first, second],
      passwords: { [first]: PASSWORD, [second]: 'sai mật khẩu' },
    });
    expect(preview.files.map((f) => f.passwordNeeded)).toEqual([null, 'wrong']);
    expect(preview.canApply).toBe(false);
    expect(backend.snapshot()).toBe(before);
  });

  test('an export password shorter than 8 characters is refused, nothing written', async () => {
    const province = makeProvince();
    const before = province.backend.snapshot();
    const result = await province.backend.attemptAsync('exchange.export', { password: 'ngắn' });
    expect(errorOf(result)).toEqual({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('Mật khẩu phải có ít nhất 8 ký tự.'),
    });
    expect(province.backend.snapshot()).toBe(before);
  });
});

describe('the envelope (format/sealed.ts), chunk by chunk', () => {
  // A cheap scrypt for these: the envelope's checks are the same at any cost.
  const COST = { log2N: 10, r: 8, p: 1 };
  const LOG2_CHUNK = 10;

  async function sealedSample() {
    const dir = makeTempDir();
    const plainPath = join(dir, 'plain.bin');
    const content = createHash('sha256').update('x').digest();
    writeFileSync(plainPath, Buffer.concat(Array.from({ length: 100 }, () => content))); // 3,200 B
    const seal = await newSeal(PASSWORD, COST);
    const sealedPath = join(dir, 'sealed.bin');
    sealFile(plainPath, sealedPath, seal, LOG2_CHUNK);
    return { dir, plainPath, sealedPath, seal, bytes: readFileSync(sealedPath) };
  }

  async function open(dir: string, bytes: Buffer, password = PASSWORD) {
    const path = join(dir, `try-${Math.random().toString(36).slice(2)}.bin`);
    writeFileSync(path, bytes);
    const out = `${path}.out`;
    await unsealFile(path, out, password, 'tệp.tccsd');
    return readFileSync(out);
  }

  /** The header made valid again after an edit: checksum and HMAC recomputed with the key. */
  async function reheader(bytes: Buffer, edit: (header: Buffer) => void): Promise<Buffer> {
    const copy = Buffer.from(bytes);
    const header = copy.subarray(0, SEAL_HEADER_BYTES);
    edit(header);
    createHash('sha256').update(header.subarray(0, 48)).digest().subarray(0, 8).copy(header, 48);
    const keys = await deriveKeys(PASSWORD, Buffer.from(header.subarray(24, 40)), COST);
    createHmac('sha256', keys.mac).update(header.subarray(0, 56)).digest().copy(header, 56);
    return copy;
  }

  test('opens to the exact bytes, in four chunks of 1 KiB', async () => {
    const { dir, plainPath, bytes } = await sealedSample();
    expect(bytes.length).toBe(SEAL_HEADER_BYTES + 3200 + 4 * 16);
    expect(await open(dir, bytes)).toEqual(readFileSync(plainPath));
  });

  test('the file cut after a whole chunk, its header claiming that length: the last chunk is not last', async () => {
    const { dir, bytes } = await sealedSample();
    const cut = bytes.subarray(0, SEAL_HEADER_BYTES + 3 * (1024 + 16));
    const relabelled = await reheader(cut, (h) => h.writeBigUInt64BE(3n * 1024n, 16));
    await expect(open(dir, relabelled)).rejects.toMatchObject({
      code: 'BAD_FILE',
      failure: 'damaged',
    });
  });

  test('a byte of the third chunk changed: only the two chunks before it, authenticated, were written', async () => {
    const { dir, plainPath, bytes } = await sealedSample();
    const damaged = Buffer.from(bytes);
    const third = SEAL_HEADER_BYTES + 2 * (1024 + 16);
    damaged[third + 10] = (damaged[third + 10] ?? 0) ^ 0x01;
    const path = join(dir, 'third-chunk.bin');
    writeFileSync(path, damaged);
    const out = `${path}.out`;
    await expect(unsealFile(path, out, PASSWORD, 'tệp.tccsd')).rejects.toMatchObject({
      failure: 'damaged',
    });
    // Nothing of the damaged chunk reached the file: it was checked before it was written.
    expect(readFileSync(out)).toEqual(readFileSync(plainPath).subarray(0, 2 * 1024));
  });

  test('two chunks swapped: refused as damaged', async () => {
    const { dir, bytes } = await sealedSample();
    const size = 1024 + 16;
    const first = bytes.subarray(SEAL_HEADER_BYTES, SEAL_HEADER_BYTES + size);
    const second = bytes.subarray(SEAL_HEADER_BYTES + size, SEAL_HEADER_BYTES + 2 * size);
    const swapped = Buffer.concat([
      bytes.subarray(0, SEAL_HEADER_BYTES),
      second,
      first,
      bytes.subarray(SEAL_HEADER_BYTES + 2 * size),
    ]);
    await expect(open(dir, swapped)).rejects.toMatchObject({ failure: 'damaged' });
  });

  test('a header edited with a valid checksum but without the password: a wrong password', async () => {
    const { dir, bytes } = await sealedSample();
    const copy = Buffer.from(bytes);
    copy[20] = 1; // the plain length, made larger
    createHash('sha256').update(copy.subarray(0, 48)).digest().subarray(0, 8).copy(copy, 48);
    // The size no longer matches: said as cut short before any key is derived.
    await expect(open(dir, copy)).rejects.toMatchObject({ failure: 'damaged' });
    const salt = Buffer.from(bytes);
    salt[30] = (salt[30] ?? 0) ^ 1;
    createHash('sha256').update(salt.subarray(0, 48)).digest().subarray(0, 8).copy(salt, 48);
    await expect(open(dir, salt)).rejects.toMatchObject({ failure: 'wrong_password' });
  });

  test('a header asking for a huge scrypt cost is refused before any key is derived', async () => {
    const { dir, bytes } = await sealedSample();
    const copy = Buffer.from(bytes);
    copy[10] = 30; // N = 2^30: 1 TiB of memory at r = 8
    createHash('sha256').update(copy.subarray(0, 48)).digest().subarray(0, 8).copy(copy, 48);
    const started = performance.now();
    await expect(open(dir, copy)).rejects.toMatchObject({ failure: 'damaged' });
    expect(performance.now() - started).toBeLessThan(1000);
  });

  test('a sealed file over the size limit is refused before its key is derived', async () => {
    const { sealedPath } = await sealedSample();
    const started = performance.now();
    await expect(
      // A wrong password too: the size is said first, nothing derived.
      openDataFile(sealedPath, 'sai mật khẩu', { displayName: 'lớn.tccsd', maxFileBytes: 1000 }),
    ).rejects.toMatchObject({
      code: 'BAD_FILE',
      message: expect.stringContaining('Tệp "lớn.tccsd" lớn 4 KB, vượt giới hạn'),
    });
    expect(performance.now() - started).toBeLessThan(1000);
  });

  test('seeded fuzz: 300 copies with bits flipped or cut short, each refused for its cause', async () => {
    const { dir, bytes } = await sealedSample();
    const random = prng(711);
    const seen = { damaged: 0, wrong_password: 0 };
    for (let n = 0; n < 300; n += 1) {
      const copy = Buffer.from(bytes);
      let expected: 'damaged' | 'wrong_password' = 'damaged';
      if (random.chance(0.2)) {
        // Cut short anywhere, header included.
        const cut = copy.subarray(0, random.int(copy.length));
        await expect(open(dir, cut), `case ${n}`).rejects.toMatchObject({ failure: 'damaged' });
        seen.damaged += 1;
        continue;
      }
      const flips = 1 + random.int(8);
      for (let i = 0; i < flips; i += 1) {
        // Half the flips in the header, where each field has its own check.
        const position = random.chance(0.5)
          ? random.int(SEAL_HEADER_BYTES)
          : random.int(copy.length);
        copy[position] = (copy[position] ?? 0) ^ (1 << random.int(8));
      }
      const changed = [...copy.keys()].filter((i) => copy[i] !== bytes[i]);
      // The checksum (bytes 48-55) covers bytes 0-47: any change there is damage. The HMAC
      // (56-87) is checked next, before any chunk: a change there alone reads as a wrong password.
      const checksummed = changed.some((i) => i < 56);
      const mac = changed.some((i) => i >= 56 && i < SEAL_HEADER_BYTES);
      if (!checksummed && mac) expected = 'wrong_password';
      if (copy.equals(bytes)) continue;
      await expect(open(dir, copy), `case ${n}`).rejects.toMatchObject({ failure: expected });
      seen[expected] += 1;
    }
    expect(seen.damaged).toBeGreaterThan(200);
    expect(seen.wrong_password).toBeGreaterThan(5);
  });

  test('a wrong password is found by the header, before any chunk is decrypted', async () => {
    const { dir, bytes } = await sealedSample();
    await expect(open(dir, bytes, 'mật khẩu khác')).rejects.toMatchObject({
      failure: 'wrong_password',
    });
  });
});

/** Whether python3 with the `cryptography` package runs here (the documented example needs it). */
function pythonWithAes(): boolean {
  try {
    execFileSync('python3', ['-c', 'import cryptography'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('docs/exchange-format.md, "Tệp có mật khẩu"', () => {
  const available = pythonWithAes();
  if (!available)
    console.warn('python3 with cryptography not found: the documented example is not run');
  test.runIf(available)(
    'the documented Python example opens a sealed export to the same .tccsd',
    async () => {
      const doc = readFileSync(
        resolve(import.meta.dirname, '../../docs/exchange-format.md'),
        'utf8',
      );
      const code = [...doc.matchAll(/```python\n([\s\S]*?)```/g)]
        .map((m) => m[1] ?? '')
        .find((c) => c.includes('def open_sealed'));
      expect(code).toBeDefined();
      const dir = makeTempDir();
      const sealedPath = join(dir, 'tinh.tccsd');
      writeFileSync(sealedPath, file('sealed').bytes);
      const ours = join(dir, 'ours.tccsd');
      await unsealFile(sealedPath, ours, PASSWORD, 'tinh.tccsd');
      const script = `${code ?? ''}\nimport sys\nopen_sealed(sys.argv[1], sys.argv[2], sys.argv[3])\n`;
      execFileSync('python3', ['-c', script, sealedPath, PASSWORD, join(dir, 'python.tccsd')]);
      expect(readFileSync(join(dir, 'python.tccsd'))).toEqual(readFileSync(ours));
    },
  );
});
