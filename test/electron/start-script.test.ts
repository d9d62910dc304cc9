import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  MISSING_BINARY_MESSAGE,
  electronBinaryPath,
  electronPackageDir,
  nextStep,
  runInstallQuietly,
} from '../../scripts/electron-binary.mjs';

const pkg = path.resolve('/project/node_modules/electron');

function io(files: Record<string, string>, env: NodeJS.ProcessEnv = {}) {
  return {
    env,
    exists: (file: string) => Object.hasOwn(files, file),
    read: (file: string) => files[file] ?? '',
  };
}

describe('electronBinaryPath', () => {
  it('finds the executable named by path.txt when it is on disk', () => {
    const files = {
      [path.join(pkg, 'path.txt')]: 'electron.exe',
      [path.join(pkg, 'dist', 'electron.exe')]: '',
    };
    expect(electronBinaryPath(pkg, io(files))).toBe(path.join(pkg, 'dist', 'electron.exe'));
  });

  it('reports nothing when the binary was never downloaded (no path.txt)', () => {
    expect(electronBinaryPath(pkg, io({}))).toBeNull();
  });

  it('reports nothing when path.txt points at a missing file', () => {
    const files = { [path.join(pkg, 'path.txt')]: 'electron' };
    expect(electronBinaryPath(pkg, io(files))).toBeNull();
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH like Electron does', () => {
    const dist = path.resolve('/opt/electron');
    const files = { [path.join(dist, 'electron')]: '' };
    expect(electronBinaryPath(pkg, io(files, { ELECTRON_OVERRIDE_DIST_PATH: dist }))).toBe(
      path.join(dist, 'electron'),
    );
  });

  it('reports nothing without the electron package', () => {
    expect(electronBinaryPath(null, io({}))).toBeNull();
  });

  it('finds the installed electron package of this project', () => {
    const dir = electronPackageDir();
    expect(dir).not.toBeNull();
    expect(existsSync(path.join(dir!, 'install.js'))).toBe(true);
  });
});

describe('nextStep', () => {
  it('launches when the binary is there', () => {
    expect(nextStep({ packageDir: pkg, binaryPath: '/x/electron', installTried: false })).toBe(
      'launch',
    );
  });

  it("tries Electron's install script once, then gives up", () => {
    expect(nextStep({ packageDir: pkg, binaryPath: null, installTried: false })).toBe('install');
    expect(nextStep({ packageDir: pkg, binaryPath: null, installTried: true })).toBe('give-up');
    expect(nextStep({ packageDir: null, binaryPath: null, installTried: false })).toBe('give-up');
  });

  it('explains the failure in Vietnamese and English and points to the preview', () => {
    expect(MISSING_BINARY_MESSAGE).toContain('không tải được');
    expect(MISSING_BINARY_MESSAGE).toContain('cannot be downloaded');
    expect(MISSING_BINARY_MESSAGE.match(/npm run preview/g)).toHaveLength(2);
  });

  it("keeps the install script's raw errors off the screen, leaving only our message", () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tccsd-electron-'));
    try {
      writeFileSync(
        path.join(dir, 'install.js'),
        "console.error('TypeError: fetch failed'); process.exit(1);",
      );
      const result = runInstallQuietly(dir);
      expect(result.ok).toBe(false);
      expect(result.output).toContain('TypeError: fetch failed');
      // npm start runs the script only this way, never with the terminal attached.
      const start = readFileSync(path.resolve('scripts/start.mjs'), 'utf8');
      expect(start).toContain('runInstallQuietly(packageDir)');
      expect(start).not.toContain("'install.js'");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
