// Bad exchange files (issue 9's list): each is refused with a clear Vietnamese message and the
// province's data file stays row for row as it was; an import killed in the middle of its
// commit leaves the file as before, and it opens and imports cleanly afterwards.
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../shared/domain/ids';
import { EXCHANGE_FORMAT_VERSION } from '../../shared/methods/exchange';
import type { TestBackend } from '../helpers/backend';
import {
  VIETNAMESE_LETTER,
  cleanupTemp,
  makeBackend,
  snapshotDb,
  tempDbPath,
} from '../helpers/backend';
import type { ExchangeParts, RecordLine } from '../helpers/exchange-files';
import { editRecords, readParts, saveTemp, writeParts } from '../helpers/exchange-files';
import type { LowerSite, Province } from '../helpers/exchange-sites';
import {
  DISTRICTS,
  exportFile,
  importFiles,
  makeLowerSite,
  makeProvince,
  previewBytes,
  recordSiteWork,
  siteUnitId,
} from '../helpers/exchange-sites';
import { prng } from '../helpers/prng';

const ROOT = resolve(import.meta.dirname, '../..');
// Node itself with tsx's loader, not the tsx command: that would run the script in a grandchild,
// and killing the command would leave the grandchild holding the transaction.
const TSX_LOADER = ['--import', 'tsx'];
const CHILD = join(ROOT, 'test', 'helpers', 'exchange-kill-child.ts');
const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  cleanupTemp();
});

interface World {
  province: Province;
  site: LowerSite;
  /** The district's file sent up to the province, as exported. */
  upBytes: Buffer;
  up: ExchangeParts;
}

let world: World;

/** The province, and Bắc Sơn's installation with a year's work, its file sent up. */
async function makeWorld(): Promise<World> {
  const province = makeProvince();
  const master = await exportFile(province.backend);
  const site = await makeLowerSite(master.path, DISTRICTS[0]!);
  recordSiteWork(site);
  const { bytes } = await exportFile(site.backend);
  return { province, site, upBytes: bytes, up: readParts(bytes) };
}

beforeEach(async () => {
  world = await makeWorld();
});

/**
 * The file is refused: either the preview itself fails with BAD_FILE, or it lists the file's
 * errors and cannot be applied (and apply refuses the plan). Every message is Vietnamese, one
 * says what `expected` says, and nothing was written.
 */
async function expectRefused(
  backend: TestBackend,
  bytes: Buffer | string,
  expected: RegExp,
): Promise<string[]> {
  const before = backend.snapshot();
  const answer = await previewBytes(backend, bytes);
  let messages: string[];
  if (!answer.ok) {
    expect(answer.error.code, answer.error.message).toBe('BAD_FILE');
    messages = [answer.error.message];
  } else {
    const preview = answer.value;
    expect(preview.canApply).toBe(false);
    messages = preview.files.flatMap((file) => file.errors.map((issue) => issue.message));
    expect(messages.length).toBeGreaterThan(0);
    const applied = backend.attempt('exchange.apply', {
      planId: preview.planId,
      conflicts: { all: 'take_incoming' },
    });
    expect(applied.ok).toBe(false);
    if (!applied.ok) expect(applied.error.message).toMatch(VIETNAMESE_LETTER);
  }
  for (const message of messages) expect(message).toMatch(VIETNAMESE_LETTER);
  expect(messages.join('\n')).toMatch(expected);
  expect(backend.snapshot()).toBe(before);
  return messages;
}

/** The district's file with its records edited and its hash made to match again. */
function upWith(edit: (records: RecordLine[]) => RecordLine[]): Buffer {
  return writeParts(editRecords(world.up, edit));
}

function ratingsOf(records: RecordLine[]): RecordLine[] {
  return records.filter((r) => r.t === 'rating');
}

describe('exchange: a bad file is refused and changes nothing', () => {
  it('refuses a truncated file', async () => {
    const bytes = world.upBytes.subarray(0, Math.floor(world.upBytes.length * 0.6));
    await expectRefused(world.province.backend, bytes, /hỏng|không trọn vẹn|bị cắt|thiếu/i);
  });

  it('refuses a file with one corrupted byte', async () => {
    const bytes = Buffer.from(world.upBytes);
    const at = Math.floor(bytes.length / 2);
    bytes[at] = (bytes[at] ?? 0) ^ 0x5a;
    await expectRefused(world.province.backend, bytes, /hỏng|không đọc được|bị sửa/i);
  });

  it('refuses a file whose hash is not the hash of its records', async () => {
    const header = { ...world.up.header, contentSha256: 'ab'.repeat(32) };
    const bytes = writeParts({ header, lines: world.up.lines }, 'keep');
    await expectRefused(world.province.backend, bytes, /mã kiểm tra|bị sửa|không khớp/i);
  });

  it('refuses a record edited after export (re-gzipped with the old hash)', async () => {
    const edited = editRecords(world.up, (records) =>
      records.map((r) =>
        r.t === 'rating' && r.d.year === 2017 ? { ...r, d: { ...r.d, levelCode: 'HTNV' } } : r,
      ),
    );
    const bytes = writeParts({ header: world.up.header, lines: edited.lines }, 'keep');
    await expectRefused(world.province.backend, bytes, /mã kiểm tra|bị sửa|không khớp/i);
  });

  it('refuses a file of another format', async () => {
    const bytes = writeParts({ header: { ...world.up.header, format: 'dhis2-export' }, lines: [] });
    await expectRefused(world.province.backend, bytes, /không phải là tệp dữ liệu trao đổi/i);
  });

  it('refuses a file of a newer format version and says to update the app', async () => {
    const header = { ...world.up.header, formatVersion: EXCHANGE_FORMAT_VERSION + 1 };
    const bytes = writeParts({ header, lines: world.up.lines });
    await expectRefused(world.province.backend, bytes, /phiên bản mới hơn|cập nhật|cài phiên bản/i);
  });

  it('refuses an empty file', async () => {
    await expectRefused(world.province.backend, Buffer.alloc(0), /trống|rỗng|không có dữ liệu/i);
  });

  it('refuses a 5 MB file of random bytes, also behind a gzip signature', async () => {
    const random = prng(20170217);
    const bytes = Buffer.alloc(5 * 1024 * 1024);
    for (let i = 0; i < bytes.length; i += 4) bytes.writeUInt32LE(random.int(2 ** 32), i);
    const { backend } = world.province;
    await expectRefused(backend, bytes, /không phải là tệp dữ liệu trao đổi/i);
    // The same noise after a gzip member's first bytes reaches the decompressor itself.
    const gzipLike = Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0x00]), bytes]);
    await expectRefused(backend, gzipLike, /bị hỏng|không phải là tệp dữ liệu trao đổi/i);
  });

  it('refuses duplicate ids in one file, naming the line', async () => {
    const bytes = upWith((records) => {
      const rating = ratingsOf(records)[0]!;
      return [...records, { ...rating, d: { ...rating.d, note: 'Bản ghi trùng' } }];
    });
    const messages = await expectRefused(world.province.backend, bytes, /trùng/i);
    expect(messages.join('\n')).toMatch(/dòng \d+/i);
  });

  it('refuses a reference to a unit neither in the file nor in the data file', async () => {
    const bytes = upWith((records) => {
      const rating = ratingsOf(records)[0]!;
      return [...records, { ...rating, id: newId(), d: { ...rating.d, unitId: newId() } }];
    });
    await expectRefused(
      world.province.backend,
      bytes,
      /không có trong tệp|không tìm thấy tổ chức/i,
    );
  });

  it('refuses a level not valid for its year (HTXSNV in 2016)', async () => {
    const bytes = upWith((records) =>
      records.map((r) =>
        r.t === 'rating' && r.d.year === 2016 ? { ...r, d: { ...r.d, levelCode: 'HTXSNV' } } : r,
      ),
    );
    await expectRefused(world.province.backend, bytes, /HTXSNV.*2016/);
  });
});

/** Runs the import in a child process that stops inside the apply's transaction. */
function startPausedImport(dbPath: string, pauseAt: number, paths: string[]) {
  const child = spawn(process.execPath, [...TSX_LOADER, CHILD, dbPath, String(pauseAt), ...paths], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  const paused = new Promise<void>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`never paused:\n${output}`)), 45_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('IN_TRANSACTION')) {
        clearTimeout(timer);
        done();
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`exited ${code} before pausing:\n${output}`));
    });
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  return { child, paused, exited };
}

describe('exchange: an import killed in the middle of its commit', () => {
  it('leaves the data file as before, and it opens and imports cleanly afterwards', async () => {
    const { province, upBytes } = world;
    const path = saveTemp('TCCSD-Huyen-uy-Bac-Son.tccsd', upBytes);
    // How many rows the import books (on a copy): the child stops after the last of them,
    // with everything written but the commit.
    const booked = await bookedOnACopy(province.backend, path);
    expect(booked).toBeGreaterThan(5);
    const { dbPath } = province.backend;
    const before = province.backend.snapshot();
    province.backend.close();

    const walBefore = walSize(dbPath);
    const run = startPausedImport(dbPath, booked, [path]);
    await run.paused;
    // The open transaction's pages have spilled into the WAL: the kill leaves uncommitted
    // frames on disk for recovery to ignore, not merely a page cache that dies with the process.
    expect(walSize(dbPath)).toBeGreaterThan(walBefore);
    // While the child holds the transaction open, another reader still sees the file as it was.
    // (A plain read-only connection: opening the backend itself would wait for the write lock.)
    const reader = new Database(dbPath, { readonly: true });
    expect(snapshotDb(reader)).toBe(before);
    reader.close();
    run.child.kill('SIGKILL');
    await run.exited;

    const after = makeBackend({ dbPath, operator: null });
    expect(after.ctx.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(after.snapshot()).toBe(before);
    // Opens cleanly: the same file imports in full now.
    const { result } = await importFiles(after, [path], { conflicts: { all: 'take_incoming' } });
    expect(result.batches).toHaveLength(1);
    const bs01 = siteUnitId(after, 'BS01');
    expect(after.call('ratings.history', { unitId: bs01 }).ratings.map((r) => r.levelCode)).toEqual(
      ['YK', 'TSVM'],
    );
  });
});

function walSize(dbPath: string): number {
  const wal = `${dbPath}-wal`;
  return existsSync(wal) ? statSync(wal).size : 0;
}

/**
 * The rows an import of `path` books for undo (a changed record's, a chunk of inserted records),
 * counted by importing into a copy.
 */
async function bookedOnACopy(backend: TestBackend, path: string): Promise<number> {
  const copyPath = tempDbPath('copy.sqlite3');
  backend.ctx.db.prepare('VACUUM INTO ?').run(copyPath);
  const copy = makeBackend({ dbPath: copyPath, operator: null });
  await importFiles(copy, [path], { conflicts: { all: 'take_incoming' } });
  const count = copy.ctx.db
    .prepare(
      `SELECT (SELECT count(*) FROM exchange_batch_changes) +
              (SELECT count(*) FROM exchange_batch_inserts)`,
    )
    .pluck()
    .get();
  copy.close();
  return count as number;
}
