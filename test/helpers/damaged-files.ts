// A corpus of damaged data files: a real data file made through the contract, then broken the
// ways disks and copies break them — bits flipped in a table's leaf or interior b-tree page, in
// an index's page, the file cut short (at a page boundary and mid-page). Pages are found with
// SQLite's dbstat table, so each damage lands where it says.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { addUnit, makeBackend, makeTempDir } from './backend';
import { prng } from './prng';

/**
 * A data file with `units` units and two years of ratings: 300 (the default) make the tables
 * and indexes several pages deep, so that each damage below finds the page it aims at.
 */
export function pristineDataFile(units = 300): string {
  const backend = makeBackend();
  const parent = addUnit(backend, 'Đảng bộ huyện Cao Lộc', 2010, { kind: 'upper_committee' });
  const levels = ['TSVM', 'HTTNV', 'HTNV'];
  for (let i = 0; i < units; i++) {
    const unit = addUnit(backend, `Chi bộ thôn số ${i + 1} xã Hòa Cư`, 2010, {
      parentId: parent.id,
      code: `CB${String(i).padStart(4, '0')}`,
    });
    for (const year of [2016, 2017]) {
      backend.call('ratings.set', { unitId: unit.id, year, levelCode: levels[(i + year) % 3] });
    }
  }
  const path = backend.dbPath;
  backend.close(); // checkpoints the WAL into the file: the file alone holds every row
  return path;
}

export type Damage =
  'table-leaf' | 'table-interior' | 'index-page' | 'truncated-pages' | 'truncated-mid-page';

export const DAMAGES: readonly Damage[] = [
  'table-leaf',
  'table-interior',
  'index-page',
  'truncated-pages',
  'truncated-mid-page',
];

interface PageRow {
  pageno: number;
  pagetype: string;
}

function pagesOf(path: string, name: string, type: string): number[] {
  const db = new Database(path, { readonly: true });
  try {
    const rows = db
      .prepare('SELECT pageno, pagetype FROM dbstat WHERE name = ? ORDER BY pageno')
      .all(name) as PageRow[];
    return rows.filter((row) => row.pagetype === type).map((row) => row.pageno);
  } finally {
    db.close();
  }
}

function pageSize(path: string): number {
  const raw = readFileSync(path).readUInt16BE(16);
  return raw === 1 ? 65536 : raw;
}

/**
 * Overwrites the b-tree page header and the cell pointer array of page `pageno`: a page type
 * and cell offsets that make no sense, as random bit flips in that region do.
 */
function scramblePage(path: string, pageno: number): void {
  const bytes = readFileSync(path);
  const start = (pageno - 1) * pageSize(path);
  // Byte 0 is the page type; 3-4 the cell count; 5-6 the content start; 8+ the cell pointers.
  const flip = (offset: number, mask: number) =>
    bytes.writeUInt8(bytes.readUInt8(start + offset) ^ mask, start + offset);
  flip(3, 0x5a);
  flip(5, 0xa5);
  for (let offset = 8; offset < 40; offset++) flip(offset, 0xff);
  writeFileSync(path, bytes);
}

/** A copy of `source` damaged as `damage` says, in a fresh folder (no backups beside it). */
export function damagedCopy(source: string, damage: Damage): string {
  const path = join(makeTempDir('tccsd-damaged-'), 'tccsd.sqlite3');
  copyFileSync(source, path);
  const size = readFileSync(path).length;
  const page = pageSize(path);
  switch (damage) {
    case 'table-leaf':
      scramblePage(path, middle(pagesOf(path, 'ratings', 'leaf')));
      break;
    case 'table-interior':
      scramblePage(path, middle(pagesOf(path, 'unit_versions', 'internal')));
      break;
    case 'index-page':
      scramblePage(path, middle(indexLeaves(path)));
      break;
    case 'truncated-pages':
      truncateSync(path, Math.floor(size / page / 2) * page);
      break;
    case 'truncated-mid-page':
      truncateSync(path, size - Math.floor(page / 2));
      break;
  }
  return path;
}

/**
 * A copy of `source` with `flips` random bits flipped in one random b-tree page (any table or
 * index but the schema's page 1), chosen by `seed`: damage as a failing disk or a bad copy does
 * it, which SQLite's check may or may not see (a flipped letter in a name is still a valid page).
 */
export function bitFlippedCopy(source: string, seed: number, flips = 24): string {
  const path = join(makeTempDir('tccsd-flipped-'), 'tccsd.sqlite3');
  copyFileSync(source, path);
  const random = prng(seed);
  const db = new Database(path, { readonly: true });
  const pages = db.prepare('SELECT pageno FROM dbstat WHERE pageno > 1').pluck().all() as number[];
  db.close();
  const page = random.pick(pages);
  const size = pageSize(path);
  const bytes = readFileSync(path);
  // Half the cases in the page's header and cell pointers, where structure lives.
  const span = random.chance(0.5) ? 64 : size;
  for (let i = 0; i < flips; i++) {
    const offset = (page - 1) * size + random.int(span);
    bytes.writeUInt8(bytes.readUInt8(offset) ^ (1 << random.int(8)), offset);
  }
  writeFileSync(path, bytes);
  return path;
}

/** Leaf pages of the ratings' indexes (not the table itself). */
function indexLeaves(path: string): number[] {
  const db = new Database(path, { readonly: true });
  const names = db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'ratings'")
    .pluck()
    .all() as string[];
  db.close();
  return names.flatMap((name) => pagesOf(path, name, 'leaf'));
}

function middle(pages: number[]): number {
  const page = pages[Math.floor(pages.length / 2)];
  if (page === undefined) throw new Error('no page of that kind: the corpus needs more rows');
  return page;
}

/** SHA-256 of the file's bytes and of its WAL, if one is left: any write changes one of them. */
export function fileHash(path: string): string {
  const hash = createHash('sha256').update(readFileSync(path));
  if (existsSync(`${path}-wal`)) hash.update(readFileSync(`${path}-wal`));
  return hash.digest('hex');
}
