// `tccsd export` and `tccsd import` with a password (issue 11 item 7): the password comes from
// --password-file or TCCSD_PASSWORD, never from the command line; a sealed file without it, or
// with a wrong one, is refused in Vietnamese and the receiving data file is unchanged.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { runCli } from '../../electron/cli';
import { isSealed } from '../../electron/backend/exchange/format/sealed';
import { cleanupTemp, makeBackend, makeTempDir } from '../helpers/backend';
import { dataOf } from '../helpers/cli';
import { makeProvince } from '../helpers/exchange-sites';

afterEach(cleanupTemp);

const PASSWORD = 'Hòa Sơn 2018 tốp cuối';

async function tccsd(db: string, args: string[], env: Record<string, string> = {}) {
  let out = '';
  let err = '';
  const code = await runCli(
    ['--db', db, ...args],
    { out: (t) => (out += t), err: (t) => (err += t) },
    { TCCSD_OPERATOR: 'Kiểm thử CLI', ...env },
  );
  return { code, out, err };
}

/** A password file as an editor saves it: the line and its line ending. */
function passwordFile(text: string): string {
  const path = join(makeTempDir(), 'mat-khau.txt');
  writeFileSync(path, text, { mode: 0o600 });
  return path;
}

/** The province's file exported sealed by the command line, and an empty receiver. */
async function sealedExport() {
  const province = makeProvince();
  const out = join(makeTempDir(), 'tinh.tccsd');
  const exported = await tccsd(province.backend.dbPath, [
    'export',
    '--out',
    out,
    '--password-file',
    passwordFile(`${PASSWORD}\r\n`),
  ]);
  const receiver = makeBackend();
  receiver.close();
  return { exported, out, receiverDb: receiver.dbPath };
}

describe('tccsd with a password', () => {
  test('export --password-file seals the file and says so; import with it takes the data', async () => {
    const { exported, out, receiverDb } = await sealedExport();
    expect(exported.code).toBe(0);
    expect(exported.out).toContain('Tệp được đặt mật khẩu (mã hóa AES-256-GCM)');
    expect(isSealed(out)).toBe(true);
    const imported = await tccsd(receiverDb, [
      'import',
      out,
      '--password-file',
      passwordFile(`${PASSWORD}\n`),
    ]);
    expect(imported.err).toBe('');
    expect(imported.code).toBe(0);
    const listed = await tccsd(receiverDb, ['units', 'list', '--year', '2017']);
    expect(listed.out).toContain('Đảng bộ xã Đồng Ý');
  });

  test('TCCSD_PASSWORD serves as well', async () => {
    const { out, receiverDb } = await sealedExport();
    const imported = await tccsd(receiverDb, ['import', out], { TCCSD_PASSWORD: PASSWORD });
    expect(imported.code).toBe(0);
  });

  test('without a password: refused, told how to give it, nothing written', async () => {
    const { out, receiverDb } = await sealedExport();
    const before = dataOf(receiverDb);
    const imported = await tccsd(receiverDb, ['import', out]);
    expect(imported.code).toBe(1);
    expect(imported.err).toContain('được đặt mật khẩu. Hãy nhập mật khẩu');
    expect(imported.err).toContain('hãy dùng --password-file TỆP');
    expect(dataOf(receiverDb)).toBe(before);
  });

  test('a wrong password: said so, nothing written', async () => {
    const { out, receiverDb } = await sealedExport();
    const before = dataOf(receiverDb);
    const imported = await tccsd(receiverDb, ['import', out], { TCCSD_PASSWORD: 'Hoa Son 2018' });
    expect(imported.code).toBe(1);
    expect(imported.err).toMatch(/Mật khẩu của tệp "tinh\.tccsd" không đúng/);
    expect(dataOf(receiverDb)).toBe(before);
  });

  test('--password on the command line is refused with the reason, nothing written', async () => {
    const province = makeProvince();
    const db = province.backend.dbPath;
    const before = dataOf(db);
    const out = join(makeTempDir(), 'tinh.tccsd');
    const run = await tccsd(db, ['export', '--out', out, '--password', PASSWORD]);
    expect(run.code).toBe(2);
    expect(run.err).toContain('Không ghi mật khẩu trên dòng lệnh');
    expect(run.err).toContain('lịch sử lệnh');
    expect(dataOf(db)).toBe(before);
  });

  test('a password file that is empty, has several lines, or both sources given: refused', async () => {
    const province = makeProvince();
    const db = province.backend.dbPath;
    const before = dataOf(db);
    const out = join(makeTempDir(), 'tinh.tccsd');
    const empty = await tccsd(db, ['export', '--out', out, '--password-file', passwordFile('\n')]);
    expect(empty.code).toBe(2);
    expect(empty.err).toContain('phải có đúng một dòng, là mật khẩu (tệp đang trống)');
    const lines = await tccsd(db, [
      'export',
      '--out',
      out,
      '--password-file',
      passwordFile('một\nhai\n'),
    ]);
    expect(lines.err).toContain('(tệp đang có nhiều dòng)');
    const both = await tccsd(
      db,
      ['export', '--out', out, '--password-file', passwordFile(PASSWORD)],
      { TCCSD_PASSWORD: PASSWORD },
    );
    expect(both.code).toBe(2);
    expect(both.err).toContain('hãy chỉ dùng một trong hai');
    const short = await tccsd(db, ['export', '--out', out], { TCCSD_PASSWORD: 'ngắn' });
    expect(short.code).toBe(1);
    expect(short.err).toContain('Mật khẩu phải có ít nhất 8 ký tự.');
    expect(dataOf(db)).toBe(before);
  });
});
