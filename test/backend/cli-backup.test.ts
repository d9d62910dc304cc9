// `tccsd backup [--out FILE]` and `tccsd restore FILE` through runCli on temporary files, and the
// command line's own backups (the day's first write, before an import).
import Database from 'better-sqlite3';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BackupInfo } from '../../shared/contract';
import { cli, dataOf } from '../helpers/cli';
import { VIETNAMESE_LETTER, cleanupTemp, makeTempDir, tempDbPath } from '../helpers/backend';

afterEach(cleanupTemp);

async function seeded(): Promise<string> {
  const db = tempDbPath();
  const add = async (...args: string[]) => {
    const answer = await cli(db, 'units', 'add', ...args);
    expect(answer.code, answer.err).toBe(0);
  };
  await add(
    '--name',
    'Huyện ủy Bắc Sơn',
    '--code',
    'HU-BS',
    '--kind',
    'upper_committee',
    '--from',
    '2008',
  );
  await add('--name', 'Đảng bộ xã Đồng Ý', '--code', 'BS01', '--parent', 'HU-BS', '--from', '2008');
  return db;
}

function installationOf(db: string): unknown {
  const file = new Database(db, { readonly: true });
  try {
    return file.prepare("SELECT value FROM meta WHERE key = 'installation_id'").pluck().get();
  } finally {
    file.close();
  }
}

const backupsOf = (db: string) => join(dirname(db), 'backups');
const ours = (db: string, kind: string) =>
  existsSync(backupsOf(db))
    ? readdirSync(backupsOf(db)).filter((n) => n.endsWith(`.${kind}.sqlite3`))
    : [];

describe('tccsd backup', () => {
  it('backs up into backups/ beside the data file and says what it holds', async () => {
    const db = await seeded();
    // The day's first write into a file holding something (the second units add) already made
    // the daily backup; the first, into an empty file, made none.
    expect(ours(db, 'daily')).toHaveLength(1);
    const answer = await cli(db, 'backup');
    expect(answer.code, answer.err).toBe(0);
    const [name] = ours(db, 'manual');
    expect(answer.out).toMatch(
      new RegExp(
        `^Đã sao lưu tệp dữ liệu thành ${name?.replace(/\./g, '\\.')} \\(\\d+ KB: 2 tổ chức, 0 kết quả xếp loại\\)`,
      ),
    );
    const json = JSON.parse((await cli(db, 'backup', '--json')).out) as BackupInfo;
    expect(json).toMatchObject({ kind: 'manual', units: 2, ratings: 0 });
  });

  it('--out writes a whole copy where told, nothing left under a temporary name', async () => {
    const db = await seeded();
    const out = join(makeTempDir(), 'ban-sao.sqlite3');
    const answer = await cli(db, 'backup', '--out', out);
    expect(answer.code, answer.err).toBe(0);
    expect(answer.out).toBe(`Đã sao lưu tệp dữ liệu vào ${out}: 2 tổ chức, 0 kết quả xếp loại.`);
    expect(readdirSync(dirname(out))).toEqual(['ban-sao.sqlite3']);
    expect(dataOf(out)).toBe(dataOf(db));
  });

  it('--out into a folder that does not exist: a Vietnamese message, nothing written', async () => {
    const db = await seeded();
    const before = dataOf(db);
    const out = join(makeTempDir(), 'khong-co', 'ban-sao.sqlite3');
    const answer = await cli(db, 'backup', '--out', out);
    expect(answer.code).toBe(1);
    expect(answer.err).toBe(
      `Lỗi: Không ghi được tệp "ban-sao.sqlite3": thư mục sao lưu không tồn tại. ` +
        'Hãy chọn thư mục khác hoặc kiểm tra quyền ghi.',
    );
    expect(existsSync(dirname(out))).toBe(false);
    expect(dataOf(db)).toBe(before);
  });

  it('refuses extra words and an empty --out with the usage', async () => {
    const db = await seeded();
    for (const args of [['backup', 'thua'], ['backup', '--out', ''], ['restore']]) {
      const answer = await cli(db, ...args);
      expect(answer.code).toBe(2);
      expect(answer.err).toMatch(/^Lỗi: /);
      expect(answer.err).toMatch(VIETNAMESE_LETTER);
    }
  });
});

describe('tccsd restore', () => {
  it('restores a backup, keeping the data it replaced as a backup', async () => {
    const db = await seeded();
    const out = join(makeTempDir(), 'truoc.sqlite3');
    expect((await cli(db, 'backup', '--out', out)).code).toBe(0);
    const saved = dataOf(db);
    expect(
      (
        await cli(
          db,
          'units',
          'add',
          '--name',
          'Đảng bộ xã Vũ Lễ',
          '--parent',
          'HU-BS',
          '--from',
          '2008',
        )
      ).code,
    ).toBe(0);
    const answer = await cli(db, 'restore', out);
    expect(answer.code, answer.err).toBe(0);
    const [before] = ours(db, 'restore');
    expect(answer.out).toBe(
      'Đã khôi phục dữ liệu từ truoc.sqlite3: 2 tổ chức, 0 kết quả xếp loại.\n' +
        `Dữ liệu trước khi khôi phục được sao lưu thành ${before} (thư mục sao lưu bên cạnh tệp dữ liệu).`,
    );
    expect(dataOf(db)).toBe(saved);
    const kept = new Database(join(backupsOf(db), before ?? ''), { readonly: true });
    expect(kept.prepare('SELECT count(*) FROM units').pluck().get()).toBe(3);
    kept.close();
  });

  it('restores onto a new PC (a data file that does not exist yet) with --from-other-installation', async () => {
    const db = await seeded();
    const out = join(makeTempDir(), 'usb.sqlite3');
    expect((await cli(db, 'backup', '--out', out)).code).toBe(0);
    const fresh = tempDbPath();
    // The new PC's file has an installation of its own: the old PC's id is taken knowingly.
    const refused = await cli(fresh, 'restore', out);
    expect(refused.code).toBe(1);
    expect(refused.err).toBe(
      'Lỗi: Bản sao lưu "usb.sqlite3" được tạo ở một bản cài đặt khác (một máy khác, hoặc máy ' +
        'này trước khi khôi phục dữ liệu của máy khác). Khôi phục nó thì máy này nhận mã bản cài ' +
        'đặt của máy đó: chỉ đúng khi chuyển sang máy mới và máy cũ thôi dùng. Nếu cả hai máy còn ' +
        'làm việc, hai nơi sẽ gửi dữ liệu trao đổi dưới cùng một mã. Chưa khôi phục; dữ liệu đang ' +
        'dùng không bị thay đổi. Nếu đúng là chuyển sang máy mới (máy cũ thôi dùng), hãy chạy lại ' +
        'lệnh với --from-other-installation.',
    );
    expect(ours(fresh, 'restore')).toEqual([]);
    expect(installationOf(fresh)).not.toBe(installationOf(db));
    const answer = await cli(fresh, 'restore', out, '--from-other-installation');
    expect(answer.code, answer.err).toBe(0);
    expect(installationOf(fresh)).toBe(installationOf(db));
    expect(answer.out).toMatch(
      /^Đã khôi phục dữ liệu từ usb\.sqlite3: 2 tổ chức, 0 kết quả xếp loại\./,
    );
    expect(dataOf(fresh)).toBe(dataOf(db));
  });

  it('refuses a file that is not a backup, a missing file: Vietnamese, data unchanged', async () => {
    const db = await seeded();
    const before = dataOf(db);
    const dir = makeTempDir();
    const text = join(dir, 'ghi-chu.txt');
    writeFileSync(text, 'không phải tệp dữ liệu');
    const foreign = await cli(db, 'restore', text);
    expect(foreign.code).toBe(1);
    expect(foreign.err).toBe(
      'Lỗi: Tệp "ghi-chu.txt" không phải là bản sao lưu tệp dữ liệu của ứng dụng này, nên không ' +
        'khôi phục được. Hãy chọn đúng tệp sao lưu (trong thư mục backups). Dữ liệu đang dùng không bị thay đổi.',
    );
    const missing = await cli(db, 'restore', join(dir, 'khong-co.sqlite3'));
    expect(missing.code).toBe(1);
    expect(missing.err).toBe(
      'Lỗi: Tệp "khong-co.sqlite3" không còn ở chỗ cũ (đã bị xóa hoặc di chuyển). Hãy chọn lại tệp.',
    );
    expect(missing.err).toMatch(VIETNAMESE_LETTER);
    expect(dataOf(db)).toBe(before);
    expect(ours(db, 'restore')).toEqual([]);
  });
});

describe('the command line backs up before an import', () => {
  it('import-ratings: a backup of the data before the ratings arrive', async () => {
    const db = await seeded();
    const file = join(makeTempDir(), 'xep-loai.csv');
    writeFileSync(file, '\uFEFFMã;Tên tổ chức;Cấp trên;Năm;Xếp loại\nBS01;;;2019;HTTNV\n', 'utf8');
    const answer = await cli(db, 'import-ratings', file);
    expect(answer.code, answer.err).toBe(0);
    const [name] = ours(db, 'import');
    expect(name).toBeDefined();
    const copy = new Database(join(backupsOf(db), name ?? ''), { readonly: true });
    expect(copy.prepare('SELECT count(*) FROM ratings').pluck().get()).toBe(0);
    copy.close();
    const live = new Database(db, { readonly: true });
    expect(live.prepare('SELECT count(*) FROM ratings').pluck().get()).toBe(1);
    live.close();
  });
});
