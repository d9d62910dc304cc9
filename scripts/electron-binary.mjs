// Where the Electron binary is, found without side effects. `require('electron')` would start a
// download by itself when the binary is missing (Electron's index.js does), so `npm start` looks
// the way that file does, decides, and runs Electron's own install script at most once.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** The folder of the installed `electron` package, or null when it is not installed. */
export function electronPackageDir(from = import.meta.url) {
  try {
    return path.dirname(createRequire(from).resolve('electron/package.json'));
  } catch {
    return null;
  }
}

/** The Electron executable if it is on disk (as node_modules/electron/index.js finds it), else null. */
export function electronBinaryPath(packageDir, io = {}) {
  const env = io.env ?? process.env;
  const exists = io.exists ?? existsSync;
  const read = io.read ?? ((file) => readFileSync(file, 'utf8'));
  if (!packageDir) return null;
  const pathFile = path.join(packageDir, 'path.txt');
  const executable = exists(pathFile) ? read(pathFile).trim() : '';
  let full;
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    full = path.join(env.ELECTRON_OVERRIDE_DIST_PATH, executable || 'electron');
  } else if (executable) {
    full = path.join(packageDir, 'dist', executable);
  } else {
    return null;
  }
  return exists(full) ? full : null;
}

/** What `npm start` does next: launch, try the install script (once), or give up. */
export function nextStep({ packageDir, binaryPath, installTried }) {
  if (binaryPath) return 'launch';
  if (packageDir && !installTried) return 'install';
  return 'give-up';
}

export const MISSING_BINARY_MESSAGE = [
  'Chưa có chương trình Electron và không tải được: máy này không có Internet hoặc việc tải bị chặn.',
  'Hãy dùng "npm run preview" để mở ứng dụng trong trình duyệt.',
  '',
  'The Electron binary is not installed and cannot be downloaded here (no internet access or download blocked).',
  'Use "npm run preview" to run the app in a browser instead.',
].join('\n');

/**
 * Runs Electron's own install script with its output captured: where the download fails, the
 * user sees our one clear message, not the script's raw `TypeError: fetch failed`.
 * Returns whether the script succeeded and what it printed (kept for a log, not shown).
 */
export function runInstallQuietly(packageDir, run = spawnSync) {
  const result = run(process.execPath, [path.join(packageDir, 'install.js')], {
    cwd: packageDir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { ok: result.status === 0, output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
}
