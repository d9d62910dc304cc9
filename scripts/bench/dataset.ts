// The national data set of the bench, built once and cached under `.bench/`: the nation of
// issue 10 (test/helpers/national.ts, the generator the national-size test uses) in the app's own
// schema, set up as an installation whose own unit covers it; and beside it the same register
// without ratings (the master list), as another installation: what an exchange import goes into.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BackendContext } from '../../electron/backend/context';
import { dispatch } from '../../electron/backend/dispatch';
import { openBackend } from '../../electron/backend/index';
import { LATEST_SCHEMA_VERSION } from '../../electron/backend/db/migrations';
import { newId } from '../../shared/domain/ids';
import type { NationalShape } from '../../test/helpers/national';
import { NATION, generateNational } from '../../test/helpers/national';
import { YEAR, lookupContext } from './cases';
import { BENCH_DIR } from './paths';

/** Bump when the generator or the set-up below changes what is built: older caches are rebuilt. */
const DATASET_VERSION = 1;
export const OPERATOR = 'Người đo hiệu năng';

export interface Dataset {
  /** The nation with its ratings, set up with the root as own unit. */
  nationalPath: string;
  /** The same units and versions, no ratings, another installation id, same own unit. */
  masterPath: string;
  ownUnitId: string;
  rows: { units: number; versions: number; events: number; ratings: number; liveRatings: number };
  builtInMs: number;
}

const key = () => `nation-s${LATEST_SCHEMA_VERSION}-d${DATASET_VERSION}`;
/** The cached data set's name: files derived from it (the ratings import's) carry it too. */
export const datasetKey = key;
/** Bump when what `ensureScreens` / `ensureGrowth` add or the scaled shapes change. */
const SCREENS_VERSION = 1;

/** The cached data set, built first when missing, outdated or `rebuild`. */
export function ensureDataset(rebuild: boolean, log: (line: string) => void): Dataset {
  mkdirSync(BENCH_DIR, { recursive: true });
  const manifestPath = join(BENCH_DIR, `${key()}.json`);
  if (!rebuild && existsSync(manifestPath)) {
    const cached = JSON.parse(readFileSync(manifestPath, 'utf8')) as Dataset;
    if (existsSync(cached.nationalPath) && existsSync(cached.masterPath)) return cached;
  }
  log(`Đang tạo dữ liệu toàn quốc (một lần, lưu ở ${BENCH_DIR}) …`);
  const dataset = build(manifestPath);
  writeFileSync(manifestPath, JSON.stringify(dataset, null, 2));
  log(`Đã tạo dữ liệu toàn quốc trong ${(dataset.builtInMs / 1000).toFixed(1)} s.`);
  return dataset;
}

/** A new data file at `path` holding `shape`, set up with its root as the own unit (left open). */
function generateInstallation(path: string, shape: NationalShape) {
  const ctx = openBackend({ dbPath: path, origin: 'cli', fallbackOperator: OPERATOR });
  try {
    const data = generateNational(ctx.db, shape);
    const ownUnitId = data.rootId;
    if (ownUnitId === null) throw new Error('the bench nation needs a root unit');
    const setUp = dispatch(ctx, 'setup.complete', {
      operatorName: OPERATOR,
      ownUnit: { mode: 'existing', unitId: ownUnitId },
    });
    if (setUp instanceof Promise || !setUp.ok) {
      throw new Error(`setup.complete failed: ${JSON.stringify(setUp)}`);
    }
    return { ctx, data, ownUnitId };
  } catch (error) {
    ctx.db.close();
    throw error;
  }
}

function build(manifestPath: string): Dataset {
  const started = performance.now();
  const nationalPath = join(BENCH_DIR, `${key()}-national.sqlite3`);
  const masterPath = join(BENCH_DIR, `${key()}-master.sqlite3`);
  rmSync(manifestPath, { force: true });
  for (const path of [nationalPath, masterPath]) {
    for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
  }
  const { ctx, data, ownUnitId } = generateInstallation(nationalPath, NATION);
  try {
    const liveRatings = ctx.db
      .prepare('SELECT count(*) FROM ratings WHERE deleted_at IS NULL')
      .pluck()
      .get() as number;
    ctx.db.pragma('wal_checkpoint(TRUNCATE)');
    // The master list: another installation's copy of the register before any rating came in.
    ctx.db.prepare('VACUUM INTO ?').run(masterPath);
    ctx.db.close();
    const master = openBackend({ dbPath: masterPath, origin: 'cli', fallbackOperator: OPERATOR });
    try {
      master.db.exec('DELETE FROM ratings');
      master.db.prepare("UPDATE meta SET value = ? WHERE key = 'installation_id'").run(newId());
      master.db.exec('VACUUM');
    } finally {
      master.db.close();
    }
    return {
      nationalPath,
      masterPath,
      ownUnitId,
      rows: { ...data.rows, liveRatings },
      builtInMs: performance.now() - started,
    };
  } finally {
    if (ctx.db.open) ctx.db.close();
  }
}

const removeDb = (path: string) => {
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
};

/**
 * The national file with what the screens need beside the register and ratings: a watchlist of
 * about 50 units of one province, each with two measures (made through `dispatch`, as a user
 * would). Cached next to the national file; the exchange's files stay as they are.
 */
export function ensureScreens(dataset: Dataset, log: (line: string) => void): string {
  const path = join(BENCH_DIR, `${key()}-screens${SCREENS_VERSION}.sqlite3`);
  const done = `${path}.done`;
  if (existsSync(path) && existsSync(done)) return path;
  log('Đang tạo danh sách diện củng cố cho phép đo (một lần) …');
  rmSync(done, { force: true });
  removeDb(path);
  const source = openBackend({ dbPath: dataset.nationalPath, origin: 'cli' });
  try {
    source.db.prepare('VACUUM INTO ?').run(path);
  } finally {
    source.db.close();
  }
  const ctx = openBackend({ dbPath: path, origin: 'cli', fallbackOperator: OPERATOR });
  try {
    addBenchWatchlist(ctx);
    ctx.db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    ctx.db.close();
  }
  writeFileSync(done, '');
  return path;
}

const WATCHLIST_UNITS = 50;

export function addBenchWatchlist(ctx: BackendContext): void {
  const call = (method: string, input: unknown): { id: string } => {
    const result = dispatch(ctx, method, input);
    if (result instanceof Promise || !result.ok) {
      throw new Error(`${method} failed: ${JSON.stringify(result)}`);
    }
    return result.value as { id: string };
  };
  const { provinceId } = lookupContext(ctx.db);
  const list = call('watchlists.create', {
    title: 'Danh sách tổ chức cơ sở đảng diện củng cố (phép đo)',
    issuerId: provinceId,
    year: YEAR,
  });
  // Grassroots units of the province's districts, spread over them (every unit valid in YEAR).
  const units = ctx.db
    .prepare(
      `SELECT v.unit_id FROM unit_versions v
       JOIN unit_versions d ON d.unit_id = v.parent_id AND d.parent_id = @province
         AND d.valid_from <= @year AND (d.valid_to IS NULL OR d.valid_to >= @year)
       JOIN units u ON u.id = v.unit_id AND u.ended_year IS NULL
       WHERE v.valid_from <= @year AND (v.valid_to IS NULL OR v.valid_to >= @year)
         AND v.kind IN ('base_committee', 'base_cell') AND v.deleted_at IS NULL
       ORDER BY v.unit_id LIMIT @limit`,
    )
    .pluck()
    .all({ province: provinceId, year: YEAR, limit: WATCHLIST_UNITS }) as string[];
  for (const unitId of units) {
    const member = call('watchlists.addMember', {
      watchlistId: list.id,
      unitId,
      reasons: ['weak_rating'],
      responsible: 'Đồng chí Phó Bí thư',
    });
    call('measures.add', {
      memberId: member.id,
      kind: 'assign_member',
      title: 'Phân công đồng chí cấp ủy viên phụ trách',
    });
    call('measures.add', {
      memberId: member.id,
      kind: 'inspection',
      title: 'Kiểm tra việc thực hiện nghị quyết',
    });
  }
}

/** The smaller nations of the growth rows: the same provinces (about 2,750 units each), fewer of them. */
export const GROWTH_SHAPES: { label: string; shape: NationalShape }[] = [2, 8].map((provinces) => ({
  label: `${(NATION.units * provinces) / NATION.provinces / 1000}k`,
  shape: {
    ...NATION,
    provinces,
    // Issue 10's nation has 435 districts for 20 provinces: the same share per province.
    districts: Math.round((NATION.districts * provinces) / NATION.provinces),
    units: Math.round((NATION.units * provinces) / NATION.provinces),
  },
}));

/** A smaller nation for the growth rows, built once and cached. */
export function ensureGrowth(shape: NationalShape, log: (line: string) => void): string {
  const path = join(
    BENCH_DIR,
    `nation-s${LATEST_SCHEMA_VERSION}-d${DATASET_VERSION}-${shape.units}-g${SCREENS_VERSION}.sqlite3`,
  );
  const done = `${path}.done`;
  if (existsSync(path) && existsSync(done)) return path;
  log(`Đang tạo dữ liệu ${shape.units.toLocaleString('en-US')} đơn vị (một lần) …`);
  rmSync(done, { force: true });
  removeDb(path);
  const { ctx } = generateInstallation(path, shape);
  try {
    ctx.db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    ctx.db.close();
  }
  writeFileSync(done, '');
  return path;
}
