// `tccsd import` and `tccsd undo-import` through runCli on real data files: the province takes a
// district's file (preview printed per file and in total, then applied, the batch named for
// undo), --dry-run writes nothing, conflicts refuse by default naming each one and are settled
// with --on-conflict, the same file again changes nothing, a bad file refuses the whole import,
// "same unit?" needs --same-units, and undo puts the data back. Every refusal is Vietnamese and
// leaves the data file unchanged.
import { afterEach, describe, expect, test } from 'vitest';
import { runCli } from '../../electron/cli';
import { cleanupTemp } from '../helpers/backend';
import { cli, dataOf } from '../helpers/cli';
import { readParts, saveTemp, writeParts } from '../helpers/exchange-files';
import type { LowerSite, Province } from '../helpers/exchange-sites';
import {
  DISTRICTS,
  exportFile,
  importFiles,
  makeLowerSite,
  makeProvince,
  recordSiteWork,
  siteUnitId,
} from '../helpers/exchange-sites';
import { openBackend } from '../../electron/backend/index';
import { makeTempDir } from '../helpers/backend';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

afterEach(cleanupTemp);

const ROOT = resolve(import.meta.dirname, '../..');

interface World {
  province: Province;
  site: LowerSite;
  /** Bắc Sơn's file with its year's work. */
  upPath: string;
}

async function makeWorld(): Promise<World> {
  const province = makeProvince();
  const master = await exportFile(province.backend);
  const site = await makeLowerSite(master.path, DISTRICTS[0]!);
  recordSiteWork(site);
  const up = await exportFile(site.backend);
  return { province, site, upPath: up.path };
}

/** The level of a unit in a year, read straight from a data file the CLI wrote. */
function levelIn(db: string, code: string, year: number): string | null {
  const ctx = openBackend({ dbPath: db, origin: 'cli', fallbackOperator: 'Kiểm thử' });
  try {
    const row = ctx.db
      .prepare(
        `SELECT r.level_code FROM ratings r JOIN unit_versions v ON v.unit_id = r.unit_id
         WHERE v.code = ? AND r.year = ? AND r.deleted_at IS NULL`,
      )
      .get(code, year) as { level_code: string | null } | undefined;
    return row?.level_code ?? null;
  } finally {
    ctx.db.close();
  }
}

function batchCount(db: string): number {
  const data = JSON.parse(dataOf(db)) as { exchange_batches: unknown[] };
  return data.exchange_batches.length;
}

describe('tccsd import', () => {
  test('prints the preview, imports the file and names the batch for undo', async () => {
    const { province, upPath } = await makeWorld();
    const db = province.backend.dbPath;
    province.backend.close();
    const progress: string[] = [];
    let out = '';
    let err = '';
    const code = await runCli(
      ['--db', db, 'import', upPath],
      { out: (t) => (out += t), err: (t) => (err += t), progress: (line) => progress.push(line) },
      { TCCSD_OPERATOR: 'Kiểm thử CLI' },
    );
    expect(code, err).toBe(0);
    expect(out).toContain('Tệp 1: ');
    expect(out).toContain('Gửi từ: Đảng bộ huyện Bắc Sơn (tệp số 1');
    expect(out).toContain('từ cấp dưới gửi lên');
    expect(out).toContain('mới 8; thay đổi 0; giống hệt 12; xung đột 0');
    expect(out).toContain('[mới] Đảng bộ xã Đồng Ý — xếp loại năm 2017');
    expect(out).toMatch(/Đã nhập 1 tệp: 8 bản ghi mới/);
    expect(out).toMatch(/mã lần nhập [0-9a-f-]{36}/);
    expect(out).toContain('tccsd undo-import');
    expect(out).not.toContain('%');
    // Progress of each phase on the progress line, each ending at 100%.
    for (const phase of ['Đang đọc tệp', 'Đang kiểm tra', 'Đang ghi dữ liệu']) {
      expect(progress).toContain(`${phase}: 100%`);
    }
    expect(levelIn(db, 'BS01', 2017)).toBe('TSVM');
    expect(batchCount(db)).toBe(1);

    // The same file again: said plainly, nothing written, no second batch.
    const before = dataOf(db);
    const again = await cli(db, 'import', upPath);
    expect(again.code, again.err).toBe(0);
    expect(again.out).toContain('Tệp này đã được nhập trước đây: nhập lại không thay đổi gì.');
    expect(again.out).toContain('đã được nhập trước đây: không nhập lại, không có gì thay đổi.');
    expect(dataOf(db)).toBe(before);
  });

  test('--dry-run shows the preview and writes nothing; --json answers preview and result', async () => {
    const { province, upPath } = await makeWorld();
    const db = province.backend.dbPath;
    province.backend.close();
    const before = dataOf(db);
    const dry = await cli(db, 'import', upPath, '--dry-run');
    expect(dry.code, dry.err).toBe(0);
    expect(dry.out).toContain('Xem trước (--dry-run), chưa ghi gì.');
    expect(dataOf(db)).toBe(before);

    const json = await cli(db, 'import', upPath, '--json');
    expect(json.code, json.err).toBe(0);
    const answer = JSON.parse(json.out) as {
      preview: { totals: { new: number } };
      result: { batches: { id: string }[]; unchanged: boolean };
    };
    expect(answer.preview.totals.new).toBe(8);
    expect(answer.result.batches).toHaveLength(1);
    expect(answer.result.unchanged).toBe(false);
  });

  test('conflicts refuse by default, naming each; --on-conflict settles them either way', async () => {
    const { province, site, upPath } = await makeWorld();
    await importFiles(province.backend, [upPath]);
    // Both sides change Đồng Ý's 2017 level after that exchange.
    const bs01 = siteUnitId(province.backend, 'BS01');
    province.backend.call('ratings.set', { unitId: bs01, year: 2017, levelCode: 'HTTNV' });
    site.backend.call('ratings.set', {
      unitId: siteUnitId(site.backend, 'BS01'),
      year: 2017,
      levelCode: 'HTNV',
    });
    const second = await exportFile(site.backend);
    const db = province.backend.dbPath;
    province.backend.close();

    const before = dataOf(db);
    const refused = await cli(db, 'import', second.path);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(
      'Xung đột: Đảng bộ xã Đồng Ý — xếp loại năm 2017 (cả hai bên cùng sửa từ lần trao đổi trước)',
    );
    expect(refused.err).toContain('Lỗi: Không nhập: có 1 xung đột');
    expect(refused.out).toContain('Mức xếp loại: HTTNV → HTNV');
    // Said once, on stderr: stdout and stderr share a terminal.
    expect(`${refused.out}\n${refused.err}`.split('Không nhập').length - 1).toBe(1);
    expect(dataOf(db)).toBe(before);

    const kept = await cli(db, 'import', second.path, '--on-conflict', 'keep-local');
    expect(kept.code, kept.err).toBe(0);
    expect(kept.out).toContain('1 xung đột giữ dữ liệu đang có');
    expect(levelIn(db, 'BS01', 2017)).toBe('HTTNV');

    // Undo that import, then take the file's side instead.
    const batchId = /mã lần nhập ([0-9a-f-]{36})/.exec(kept.out)?.[1] ?? '';
    const undone = await cli(db, 'undo-import', batchId);
    expect(undone.code, undone.err).toBe(0);
    expect(undone.out).toContain('Đã hoàn tác lần nhập tệp');
    expect(dataOf(db)).not.toBe(before);
    const taken = await cli(db, 'import', second.path, '--on-conflict', 'take-incoming');
    expect(taken.code, taken.err).toBe(0);
    expect(levelIn(db, 'BS01', 2017)).toBe('HTNV');
  });

  test('a file with errors refuses the whole import, each error on stderr with its line', async () => {
    const { province, upPath } = await makeWorld();
    const db = province.backend.dbPath;
    province.backend.close();
    const parts = readParts(await import('node:fs').then((fs) => fs.readFileSync(upPath)));
    const lines = parts.lines.map((line) => {
      const record = JSON.parse(line) as { t: string; d: Record<string, unknown> };
      return record.t === 'rating' && record.d.year === 2016
        ? JSON.stringify({ ...record, d: { ...record.d, levelCode: 'HTXSNV' } })
        : line;
    });
    const bad = saveTemp('hong.tccsd', writeParts({ header: parts.header, lines }));
    const before = dataOf(db);
    const answer = await cli(db, 'import', bad);
    expect(answer.code).toBe(1);
    expect(answer.err).toMatch(/Tệp hong\.tccsd: Dòng \d+: .*HTXSNV.*2016/);
    expect(answer.err).toContain('Lỗi: Không nhập: có tệp bị lỗi');
    expect(dataOf(db)).toBe(before);
  });

  test('"same unit?" needs --same-units; same writes an alias, new a unit of its own', async () => {
    // A province that registered Đồng Ý on its own before the district's file arrives.
    const province = makeProvince();
    const master = await exportFile(province.backend);
    const site = await makeLowerSite(master.path, DISTRICTS[0]!);
    const own = site.backend.call('units.create', {
      name: 'Chi bộ Thôn Nà Mạt',
      code: 'BS09',
      kind: 'base_cell',
      parentId: siteUnitId(site.backend, 'BS01'),
    });
    site.backend.call('ratings.set', { unitId: own.id, year: 2017, levelCode: 'HTTNV' });
    const up = await exportFile(site.backend);
    province.backend.call('units.create', {
      name: 'Chi bộ thôn Nà Mạt',
      kind: 'base_cell',
      parentId: siteUnitId(province.backend, 'BS01'),
    });
    const db = province.backend.dbPath;
    province.backend.close();

    const before = dataOf(db);
    const refused = await cli(db, 'import', up.path);
    expect(refused.code).toBe(1);
    expect(refused.out).toContain(
      '"Chi bộ Thôn Nà Mạt" (mã BS09) trong tệp và "Chi bộ thôn Nà Mạt" ở máy này',
    );
    expect(refused.err).toContain('--same-units same');
    expect(dataOf(db)).toBe(before);

    // The same unit: its version here differs from the file's (capital T, a code), a conflict.
    const same = await cli(
      db,
      'import',
      up.path,
      '--same-units',
      'same',
      '--on-conflict',
      'take-incoming',
    );
    expect(same.code, same.err).toBe(0);
    type Data = {
      exchange_unit_aliases: { remote_id: string }[];
      unit_versions: { name: string; code: string | null }[];
    };
    const merged = JSON.parse(dataOf(db)) as Data;
    expect(merged.exchange_unit_aliases.map((a) => a.remote_id)).toEqual([own.id]);
    // One unit, with the file's name and code; the rating went to the unit registered here.
    expect(
      merged.unit_versions.filter((v) => /Nà Mạt/.test(v.name)).map((v) => [v.name, v.code]),
    ).toEqual([['Chi bộ Thôn Nà Mạt', 'BS09']]);

    // Undone, the question comes back; decided "new", the file's unit is a unit of its own.
    const batchId = /mã lần nhập ([0-9a-f-]{36})/.exec(same.out)?.[1] ?? '';
    expect((await cli(db, 'undo-import', batchId)).code).toBe(0);
    expect(dataOf(db)).not.toBe(before);
    const fresh = await cli(db, 'import', up.path, '--same-units', 'new');
    expect(fresh.code, fresh.err).toBe(0);
    const apart = JSON.parse(dataOf(db)) as Data;
    expect(apart.exchange_unit_aliases).toEqual([]);
    expect(
      apart.unit_versions
        .filter((v) => /Nà Mạt/.test(v.name))
        .map((v) => v.name)
        .sort(),
    ).toEqual(['Chi bộ Thôn Nà Mạt', 'Chi bộ thôn Nà Mạt']);
  });

  test('a dry run leaves no temporary file behind once the command has ended', async () => {
    const { province, upPath } = await makeWorld();
    const db = province.backend.dbPath;
    province.backend.close();
    const tmp = makeTempDir('tccsd-cli-tmp-');
    const child = spawnSync(
      join(ROOT, 'node_modules', '.bin', 'tsx'),
      [join(ROOT, 'electron', 'cli.ts'), '--db', db, 'import', upPath, '--dry-run'],
      { cwd: ROOT, env: { ...process.env, TMPDIR: tmp, TCCSD_OPERATOR: 'Kiểm thử CLI' } },
    );
    expect(child.status, child.stderr.toString()).toBe(0);
    expect(child.stdout.toString()).toContain('Xem trước (--dry-run), chưa ghi gì.');
    expect(readdirSync(tmp).filter((name) => name.startsWith('tccsd-exchange-'))).toEqual([]);
  });

  test('usage mistakes are said in Vietnamese and change nothing', async () => {
    const { province, upPath } = await makeWorld();
    const db = province.backend.dbPath;
    province.backend.close();
    const before = dataOf(db);
    const wrong = await cli(db, 'import', upPath, '--on-conflict', 'ask');
    expect(wrong.code).toBe(2);
    expect(wrong.err).toContain(
      'Lỗi: --on-conflict không hợp lệ: "ask" (keep-local, take-incoming hoặc fail).',
    );
    const none = await cli(db, 'import');
    expect(none.code).toBe(2);
    expect(none.err).toContain('Lỗi: Thiếu TỆP: các tệp dữ liệu (.tccsd) cần nhập.');
    const missing = await cli(db, 'import', join(makeTempDir(), 'khong-co.tccsd'));
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/^Lỗi: .*khong-co\.tccsd/);
    const unknown = await cli(db, 'undo-import', '00000000-0000-4000-8000-000000000000');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toBe(
      'Lỗi: Không tìm thấy lần nhập này (có thể dữ liệu đã được thay bằng một tệp khác).',
    );
    expect(dataOf(db)).toBe(before);
  });
});
