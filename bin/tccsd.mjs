#!/usr/bin/env node
// The `tccsd` command (`npx tccsd`, `npm run tccsd`): runs the built command line,
// out/cli/tccsd.mjs (scripts/build-cli.mjs; no TypeScript compiled at start). In a development
// checkout (the sources are here) it is built again first when a source file is newer than the
// build, so a command never runs stale code; that takes about a second, once.
import { appendFileSync, existsSync, mkdirSync } from 'node:fs';
import module from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

// V8 keeps the compiled bundle in the system's temporary folder (keyed by its contents):
// later starts skip compiling it, ~30 ms of CPU (NODE_DISABLE_COMPILE_CACHE=1 turns it off).
module.enableCompileCache?.();

/**
 * The command line's log file, as electron/cli/messages.ts (cliLogPath) and backend/paths.ts
 * name it: this file runs before any of them can be loaded, so it says it again (a test holds
 * the two equal).
 */
function launcherLogPath(env = process.env, platform = process.platform) {
  if (env.TCCSD_LOG_FILE) return env.TCCSD_LOG_FILE;
  const dataDir =
    env.TCCSD_DATA_DIR ||
    (platform === 'win32'
      ? join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'tccsd-data')
      : platform === 'darwin'
        ? join(homedir(), 'Library', 'Application Support', 'tccsd-data')
        : join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'tccsd-data'));
  return join(dataDir, 'logs', 'tccsd.log');
}

/**
 * The built command line could not be loaded (a native module built for another Node, a file
 * missing from out/): the user reads one Vietnamese line saying where the details went; Node's
 * English stack trace goes to the log file, never to the terminal.
 */
function cannotStart(error) {
  const path = launcherLogPath();
  let logged = true;
  try {
    mkdirSync(dirname(path), { recursive: true });
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    appendFileSync(
      path,
      `${new Date().toISOString()} ERROR [tccsd] the command line could not be loaded ${detail}\n`,
    );
  } catch {
    logged = false;
  }
  process.stderr.write(
    'Lỗi: không khởi động được chương trình tccsd (cài đặt bị thiếu hoặc hỏng; hãy cài lại). ' +
      (logged
        ? `Chi tiết đã được ghi vào nhật ký: ${path}\n`
        : `Không ghi được chi tiết vào nhật ký ${path}.\n`),
  );
  process.exit(1);
}

const root = new URL('../', import.meta.url);
if (existsSync(new URL('electron/cli.ts', root))) {
  const { ensureCliBuilt } = await import('../scripts/build-cli.mjs');
  try {
    await ensureCliBuilt();
  } catch {
    // esbuild has printed what is wrong in the sources; running an older build instead would
    // hide it.
    process.stderr.write('Lỗi: không dựng được dòng lệnh từ mã nguồn (xem lỗi ở trên).\n');
    process.exit(1);
  }
}
let cli;
try {
  cli = await import('../out/cli/tccsd.mjs');
} catch (error) {
  cannotStart(error);
}
// Once loaded, the command line says its own failures (electron/cli/messages.ts).
process.exitCode = await cli.runInTerminal(process.argv.slice(2));
