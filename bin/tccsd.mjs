#!/usr/bin/env node
// The `tccsd` command (`npx tccsd`, `npm run tccsd`): runs the built command line,
// out/cli/tccsd.mjs (scripts/build-cli.mjs; no TypeScript compiled at start). In a development
// checkout (the sources are here) it is built again first when a source file is newer than the
// build, so a command never runs stale code; that takes about a second, once.
import { existsSync } from 'node:fs';
import module from 'node:module';

// V8 keeps the compiled bundle in the system's temporary folder (keyed by its contents):
// later starts skip compiling it, ~30 ms of CPU (NODE_DISABLE_COMPILE_CACHE=1 turns it off).
module.enableCompileCache?.();

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
const { runInTerminal } = await import('../out/cli/tccsd.mjs');
process.exitCode = await runInTerminal(process.argv.slice(2));
