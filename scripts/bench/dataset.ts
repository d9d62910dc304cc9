// The national data set of the bench, built once and cached under `.bench/`: the nation of
// issue 10 (test/helpers/national.ts, the generator the national-size test uses) in the app's own
// schema, set up as an installation whose own unit covers it; and beside it the same register
// without ratings (the master list), as another installation: what an exchange import goes into.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dispatch } from '../../electron/backend/dispatch';
import { openBackend } from '../../electron/backend/index';
import { LATEST_SCHEMA_VERSION } from '../../electron/backend/db/migrations';
import { newId } from '../../shared/domain/ids';
import { NATION, generateNational } from '../../test/helpers/national';
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

function build(manifestPath: string): Dataset {
  const started = performance.now();
  const nationalPath = join(BENCH_DIR, `${key()}-national.sqlite3`);
  const masterPath = join(BENCH_DIR, `${key()}-master.sqlite3`);
  rmSync(manifestPath, { force: true });
  for (const path of [nationalPath, masterPath]) {
    for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
  }
  const ctx = openBackend({ dbPath: nationalPath, origin: 'cli', fallbackOperator: OPERATOR });
  try {
    const data = generateNational(ctx.db, NATION);
    const ownUnitId = data.rootId;
    if (ownUnitId === null) throw new Error('the bench nation needs a root unit');
    const setUp = dispatch(ctx, 'setup.complete', {
      operatorName: OPERATOR,
      ownUnit: { mode: 'existing', unitId: ownUnitId },
    });
    if (setUp instanceof Promise || !setUp.ok) {
      throw new Error(`setup.complete failed: ${JSON.stringify(setUp)}`);
    }
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
