// A data file the user may not even read (another account's file, permissions taken away) is
// said as such (issue 11 item 3): it was told "chỉ cho phép đọc … nên ứng dụng mở để xem", and
// nothing opened. Permissions do not stop root, so the open runs in a child as user nobody.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/backend/db/open';
import { cleanupTemp, makeBackend, makeTempDir } from '../helpers/backend';
import { fileHash } from '../helpers/damaged-files';

afterEach(() => cleanupTemp());

const REPO = resolve(import.meta.dirname, '..', '..');
const TSX = join(REPO, 'node_modules', '.bin', 'tsx');

/** Root with setpriv: a child can run as nobody, whom a mode-000 file refuses. */
const CAN_DROP = (() => {
  if (process.getuid?.() !== 0) return false;
  try {
    // The child reads the sources and tsx: a checkout in a folder private to root cannot.
    execFileSync(
      'setpriv',
      [
        '--reuid=65534',
        '--regid=65534',
        '--clear-groups',
        'test',
        '-r',
        join(REPO, 'electron/cli.ts'),
      ],
      { stdio: 'ignore' },
    );
    return true;
  } catch {
    return false;
  }
})();
if (!CAN_DROP) console.warn('unreadable-file: cannot run a child as another user here; skipped');

describe.skipIf(!CAN_DROP)('a data file the user may not read', () => {
  it('is said as unreadable, not as read-only; the file unchanged', () => {
    const dir = makeTempDir('tccsd-unreadable-');
    chmodSync(dir, 0o777);
    const path = join(dir, 'tccsd.sqlite3');
    openDatabase(path).db.close();
    chmodSync(path, 0o000);
    const hash = fileHash(path);
    const script = join(dir, 'open.ts');
    writeFileSync(
      script,
      `import { openDatabase } from ${JSON.stringify(join(REPO, 'electron/backend/db/open.ts'))};\n` +
        'try { openDatabase(process.argv[2] ?? ""); console.log("opened"); }\n' +
        'catch (e) { console.log(JSON.stringify({ code: e.code, message: e.message })); }\n',
    );
    chmodSync(script, 0o644);
    const child = spawnSync(
      'setpriv',
      ['--reuid=65534', '--regid=65534', '--clear-groups', TSX, script, path],
      { env: { ...process.env, HOME: dir, TMPDIR: dir }, encoding: 'utf8' },
    );
    const answer = JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}') as {
      code?: string;
      message?: string;
    };
    expect(answer.code).toBe('FILE_NOT_FOUND');
    expect(answer.message).toBe(
      'Không có quyền đọc tệp dữ liệu "tccsd.sqlite3" (tệp thuộc tài khoản khác trên máy, hoặc ' +
        'bị chặn quyền truy cập), nên không mở được, kể cả để xem. Hãy nhờ người quản trị máy cấp ' +
        'quyền đọc và ghi tệp cho tài khoản đang dùng, hoặc đăng nhập bằng tài khoản đã tạo tệp; ' +
        'tệp không hỏng và dữ liệu không bị thay đổi.',
    );
    chmodSync(path, 0o644);
    expect(fileHash(path)).toBe(hash);
  });
});

describe.skipIf(!CAN_DROP)("the -wal and -shm left read-only by another account's read", () => {
  it('a write is said as blocked by them, not by the data file, which is writable again', () => {
    const dir = makeTempDir('tccsd-sidecars-');
    chmodSync(dir, 0o777);
    const path = join(dir, 'tccsd.sqlite3');
    // Made by the app (set up, with its installation id), as every data file in use is.
    makeBackend({ dbPath: path }).close();
    // Another account reads the file while it is read-only: SQLite leaves its -wal and -shm
    // with the file's permissions of that moment.
    chmodSync(path, 0o444);
    const script = join(dir, 'read.ts');
    writeFileSync(
      script,
      `import { openDatabase } from ${JSON.stringify(join(REPO, 'electron/backend/db/open.ts'))};\n` +
        'openDatabase(process.argv[2] ?? "").db.prepare("SELECT count(*) FROM units").get();\n',
    );
    chmodSync(script, 0o644);
    const env = { ...process.env, HOME: dir, TMPDIR: dir, TCCSD_DATA_DIR: join(dir, 'data') };
    const reader = spawnSync(
      'setpriv',
      ['--reuid=65534', '--regid=65534', '--clear-groups', TSX, script, path],
      { env, encoding: 'utf8' },
    );
    expect(reader.status).toBe(0);
    // The read-only attribute taken away, as the read-only message says.
    chmodSync(path, 0o666);
    const hash = fileHash(path);
    const writer = spawnSync(
      'setpriv',
      [
        '--reuid=65533',
        '--regid=65533',
        '--clear-groups',
        TSX,
        join(REPO, 'electron/cli.ts'),
        '--db',
        path,
        'units',
        'add',
        '--name',
        'Chi bộ thôn Bản Chắt',
      ],
      { env, encoding: 'utf8' },
    );
    expect(writer.status).toBe(1);
    expect(writer.stderr.trim()).toBe(
      'Lỗi: Tệp dữ liệu "tccsd.sqlite3" ghi được, nhưng hai tệp phụ "tccsd.sqlite3-wal" và ' +
        '"tccsd.sqlite3-shm" bên cạnh nó chỉ cho phép đọc (để lại từ một lần mở tệp bằng tài ' +
        'khoản khác trên máy, hoặc khi tệp còn thuộc tính "Chỉ đọc"), nên không ghi được. Hãy ' +
        'đóng mọi cửa sổ ứng dụng và lệnh tccsd đang mở tệp này, rồi nhờ người quản trị máy cấp ' +
        'quyền ghi hai tệp phụ đó cho tài khoản đang dùng (đừng xóa chúng: tệp -wal có thể còn ' +
        'giữ thay đổi chưa chép vào tệp dữ liệu); dữ liệu không bị thay đổi.',
    );
    expect(fileHash(path)).toBe(hash);
  });
});
