// The password of a data file for `tccsd export` and `tccsd import` (issue 11 item 7): read from
// a file (--password-file) or from the environment (TCCSD_PASSWORD), never from the command
// line. A password typed as an argument is seen by every user of the machine while the command
// runs (`ps`, /proc/PID/cmdline, the Windows Task Manager's command line column) and stays in the
// shell's history file afterwards; a file readable only by its owner, or the environment of the
// one process, is not.
import { readFileSync, statSync } from 'node:fs';
import type { Values } from './common';
import { UsageError } from './common';

/** A password file is a line of text, not a document: anything longer is the wrong file. */
const MAX_FILE_BYTES = 4096;

export const PASSWORD_ENV = 'TCCSD_PASSWORD';

/**
 * The password the command was given, or null. The file's one line is taken as it is, without
 * its line ending (an editor adds one): spaces are part of a password.
 */
export function commandPassword(v: Values, env: NodeJS.ProcessEnv): string | null {
  const file = v['password-file'];
  const fromEnv = env[PASSWORD_ENV];
  if (v.password !== undefined) {
    throw new UsageError(
      'Không ghi mật khẩu trên dòng lệnh (người khác trên máy xem được khi lệnh đang chạy, và ' +
        'nó nằm lại trong lịch sử lệnh). Hãy ghi mật khẩu vào một tệp rồi dùng --password-file ' +
        `TỆP, hoặc đặt biến môi trường ${PASSWORD_ENV}.`,
    );
  }
  if (file !== undefined && fromEnv !== undefined && fromEnv !== '') {
    throw new UsageError(
      `Có cả --password-file và biến môi trường ${PASSWORD_ENV}: hãy chỉ dùng một trong hai.`,
    );
  }
  if (file !== undefined) return readPasswordFile(file);
  return fromEnv === undefined || fromEnv === '' ? null : fromEnv;
}

function readPasswordFile(path: string): string {
  let text: string;
  try {
    if (statSync(path).size > MAX_FILE_BYTES) {
      throw new UsageError(
        `Tệp mật khẩu "${path}" lớn hơn ${MAX_FILE_BYTES} byte: đó không phải tệp chỉ ghi mật ` +
          'khẩu. Hãy chọn đúng tệp (một dòng, chỉ có mật khẩu).',
      );
    }
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`Không đọc được tệp mật khẩu "${path}". Hãy kiểm tra đường dẫn.`);
  }
  const password = text.replace(/^\uFEFF/, '').replace(/\r?\n$/, '');
  if (password === '' || password.includes('\n')) {
    throw new UsageError(
      `Tệp mật khẩu "${path}" phải có đúng một dòng, là mật khẩu (tệp đang ` +
        `${password === '' ? 'trống' : 'có nhiều dòng'}).`,
    );
  }
  return password;
}
