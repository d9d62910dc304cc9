// `npm start`: build, then run the app in Electron. The Electron binary is not fetched at
// `npm ci` (package.json allowScripts); it is fetched here on first use through Electron's own
// install script, and where that cannot work (no internet) we say so and point to the preview.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  MISSING_BINARY_MESSAGE,
  electronBinaryPath,
  electronPackageDir,
  nextStep,
  runInstallQuietly,
} from './electron-binary.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function runNode(args) {
  return spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' }).status === 0;
}

function electronViteBin() {
  const require = createRequire(import.meta.url);
  const packageJson = require.resolve('electron-vite/package.json');
  return path.join(path.dirname(packageJson), require(packageJson).bin['electron-vite']);
}

function launch(binary) {
  if (!runNode([electronViteBin(), 'build'])) process.exit(1);
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE; // would turn Electron into plain Node
  const child = spawn(binary, ['.'], { cwd: root, stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      if (!child.killed) child.kill(signal);
    });
  }
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

const packageDir = electronPackageDir(import.meta.url);
let installTried = false;
for (;;) {
  const binaryPath = electronBinaryPath(packageDir);
  const step = nextStep({ packageDir, binaryPath, installTried });
  if (step === 'launch') {
    launch(binaryPath);
    break;
  }
  if (step === 'install') {
    installTried = true;
    console.log('Đang tải Electron lần đầu… / Downloading Electron (first run)…');
    runInstallQuietly(packageDir);
    continue;
  }
  console.error(`\n${MISSING_BINARY_MESSAGE}\n`);
  process.exit(1);
}
