// What keeps the exchange within its national-size budget (docs/performance.md): the export
// writes each kind of record in the order of their ids, so the receiver's inserts, audit rows and
// undo books fill their indexes in key order; the export, the preview's checks and the apply run
// without the memory map (db/bulk.ts), which is back as it was once they are done; the reader
// decodes a chunk of lines at once, and every line still comes back exactly; the first pass keeps
// its key hashes in a table of typed arrays that grows as keys come.
import type { PragmaOptions } from 'better-sqlite3';
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { AppEvents } from '../../shared/contract';
import { EXCHANGE_ENTITIES } from '../../shared/methods/exchange';
import type { Emit } from '../../electron/backend/context';
import type { Db } from '../../electron/backend/db/open';
import { cleanupTemp, makeBackend } from '../helpers/backend';
import { openExchangeFile } from '../../electron/backend/exchange/format/reader';
import { SeenKeys } from '../../electron/backend/exchange/merge/duplicates';
import { readParts, recordsOf, saveTemp, writeParts } from '../helpers/exchange-files';
import { makeRichProvince } from '../helpers/exchange-export-fixture';
import { exportFile, importFiles } from '../helpers/exchange-sites';

afterEach(() => {
  vi.restoreAllMocks();
  cleanupTemp();
});

describe('exchange export order', () => {
  test('each kind of record comes in the order of its ids', async () => {
    const { backend } = makeRichProvince();
    const records = recordsOf(readParts((await exportFile(backend)).bytes));
    let kinds = 0;
    for (const entity of EXCHANGE_ENTITIES) {
      const ids = records.filter((r) => r.t === entity).map((r) => r.id);
      if (ids.length > 1) kinds++;
      // Ids are lower-case UUIDs: SQLite's order is JavaScript's code-unit order.
      expect(ids, entity).toEqual([...ids].sort());
    }
    // The fixture has several records of most kinds: the order is really tested.
    expect(kinds).toBeGreaterThanOrEqual(6);
  });
});

/**
 * The memory map's size at each progress event of a job. The size is followed through the
 * connection's own pragma calls (a job streaming rows holds the connection: no query can ask).
 */
function recordMemoryMap() {
  const seen: { phase: string; inside: boolean; mmap: number }[] = [];
  const state = { mmap: -1 };
  const follow = (db: Db) => {
    state.mmap = db.pragma('mmap_size', { simple: true }) as number;
    const pragma = db.pragma.bind(db);
    vi.spyOn(db, 'pragma').mockImplementation((source: string, options?: PragmaOptions) => {
      const set = /^mmap_size\s*=\s*(\d+)$/.exec(source.trim());
      if (set) state.mmap = Number(set[1]);
      return pragma(source, options);
    });
  };
  const emit: Emit = (event, payload) => {
    if (event !== 'progress') return;
    const { phase, done, total } = payload as AppEvents['progress'];
    seen.push({ phase, inside: done > 0 && done < total, mmap: state.mmap });
  };
  return { seen, emit, follow };
}

const mmapOf = (db: Db) => db.pragma('mmap_size', { simple: true }) as number;

describe('exchange jobs and the memory map', () => {
  test('export, preview and apply run without it, and give it back', async () => {
    const sender = recordMemoryMap();
    const { backend } = makeRichProvince({ emit: sender.emit });
    sender.follow(backend.ctx.db);
    const mapped = mmapOf(backend.ctx.db);
    expect(mapped).toBeGreaterThan(0);
    const { path } = await exportFile(backend);
    const exporting = sender.seen.filter((e) => e.phase === 'export');
    expect(exporting.length).toBeGreaterThan(0);
    expect(exporting.map((e) => e.mmap)).toEqual(exporting.map(() => 0));
    expect(mmapOf(backend.ctx.db)).toBe(mapped);

    const receiver = recordMemoryMap();
    const other = makeBackend({ emit: receiver.emit });
    receiver.follow(other.ctx.db);
    const { result } = await importFiles(other, [path]);
    expect(result.batches).toHaveLength(1);
    for (const phase of ['check', 'write']) {
      const during = receiver.seen.filter((e) => e.phase === phase && e.inside);
      expect(during.length, phase).toBeGreaterThan(0);
      expect(
        during.map((e) => e.mmap),
        phase,
      ).toEqual(during.map(() => 0));
    }
    expect(mmapOf(other.ctx.db)).toBe(mapped);
  });
});

describe('reading the record lines of a large file', () => {
  test('lines over several read chunks come back exactly, letters cut by a chunk included', async () => {
    const { backend } = makeRichProvince();
    const parts = readParts((await exportFile(backend)).bytes);
    // 3 MiB of lines of varying length (the reader reads 1 MiB at a time), each with Vietnamese
    // letters of two and three bytes, so some fall across a chunk's end; one line ends in CRLF.
    const lines: string[] = [];
    for (let i = 0, bytes = 0; bytes < 3 * 1024 * 1024; i++) {
      const line = JSON.stringify({ n: i, s: 'Đảng bộ xã Đồng Ý '.repeat(1 + (i % 7)) });
      lines.push(line);
      bytes += Buffer.byteLength(line) + 1;
    }
    const withCr = [...lines];
    withCr[1000] = `${lines[1000]}\r`;
    const path = saveTemp('lon.tccsd', writeParts({ header: parts.header, lines: withCr }));
    const file = await openExchangeFile(path);
    try {
      const read = [...file.lines()];
      expect(read.map((l) => l.line)).toEqual(lines.map((_, i) => i + 2));
      expect(read.map((l) => l.text)).toEqual(lines);
    } finally {
      file.dispose();
    }
  });
});

describe("the first pass's table of key hashes", () => {
  test("every key is kept through the table's growth, and a repeat names its first line", () => {
    const seen = new SeenKeys();
    const key = (i: number) => `rating|${String(i).padStart(8, '0')}-unit|${2015 + (i % 10)}`;
    // Far beyond the table's first size: it grows several times.
    const count = 100_000;
    for (let i = 0; i < count; i++) expect(seen.add(key(i), 'natural', i + 2)).toBe(true);
    expect(seen.suspects).toEqual([]);
    expect(seen.add(key(5), 'natural', count + 2)).toBe(false);
    expect(seen.add(key(count - 1), 'id', count + 3)).toBe(false);
    expect(seen.add('another key', 'id', count + 4)).toBe(true);
    expect(seen.suspects).toEqual([
      { kind: 'natural', line: count + 2, first: 7 },
      { kind: 'id', line: count + 3, first: count + 1 },
    ]);
  });
});
