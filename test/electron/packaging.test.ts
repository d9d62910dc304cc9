// electron-builder.yml, read by electron-builder 26's own loader and checked against its own
// schema, so a misspelt key fails here rather than on the Windows build machine.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

type Config = Record<string, unknown> & {
  nsis: Record<string, unknown>;
  win: { target: { target: string; arch: string[] }[] };
  electronFuses: Record<string, unknown>;
  directories: Record<string, unknown>;
};

interface ConfigModule {
  getConfig(projectDir: string, configPath: string | null, fromOptions: null): Promise<Config>;
  validateConfiguration(config: Config, logger: { isEnabled: boolean }): Promise<void>;
}

let config: Config;
let loader: ConfigModule;

beforeAll(async () => {
  // app-builder-lib is electron-builder's engine; resolve it from electron-builder itself.
  const fromBuilder = createRequire(createRequire(import.meta.url).resolve('electron-builder'));
  const file = fromBuilder.resolve('app-builder-lib/out/util/config/config.js');
  loader = (await import(pathToFileURL(file).href)) as ConfigModule;
  config = await loader.getConfig(path.resolve(import.meta.dirname, '../..'), null, null);
});

describe('electron-builder.yml', () => {
  it('is accepted by electron-builder 26', async () => {
    // validateConfiguration normalises what it is given: check a copy.
    await expect(
      loader.validateConfiguration(structuredClone(config), { isEnabled: false }),
    ).resolves.toBe(undefined);
    await expect(
      loader.validateConfiguration({ ...config, nsiss: {} }, { isEnabled: false }),
    ).rejects.toThrow(/unknown property/);
  });

  it('keeps the app id forever and ASCII file names', () => {
    expect(config.appId).toBe('vn.tccsd.app');
    expect(config.productName).toBe('Quản lý TCCSĐ');
    for (const name of [
      config.artifactName,
      config.executableName,
      config.nsis.artifactName,
      (config.portable as Record<string, unknown>).artifactName,
    ]) {
      expect(name).toMatch(/^[\x20-\x7e]+$/);
    }
  });

  it('packs only the build output, unpacks the native module, rebuilds nothing', () => {
    expect(config.directories.output).toBe('dist');
    // The loader normalises `files` to one file set.
    expect(config.files).toEqual([{ filter: ['out/**', 'package.json'] }]);
    expect(config.asarUnpack).toEqual(['node_modules/better-sqlite3/**']);
    expect(config.npmRebuild).toBe(false);
    expect(config.asar).not.toBe(false);
  });

  it('builds an NSIS installer and a portable exe for Windows x64', () => {
    expect(config.win.target).toEqual([
      { target: 'nsis', arch: ['x64'] },
      { target: 'portable', arch: ['x64'] },
    ]);
  });

  it('installs per user, in Vietnamese, and keeps user data', () => {
    expect(config.nsis).toMatchObject({
      oneClick: false,
      perMachine: false,
      allowElevation: true,
      allowToChangeInstallationDirectory: true,
      deleteAppDataOnUninstall: false,
      language: '1066',
      installerLanguages: ['vi_VN'],
      shortcutName: 'Quản lý TCCSĐ',
    });
  });

  it('sets the Electron fuses', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('gives the exe, the installer and the window the app icon, 16 to 256 px', () => {
    const win = config.win as unknown as { icon: string };
    expect(win.icon).toBe('resources/icon.ico');
    expect(config.nsis.installerIcon).toBe('resources/icon.ico');
    expect(config.nsis.uninstallerIcon).toBe('resources/icon.ico');
    // An .ico starts with a directory: reserved 0, type 1, count, then 16-byte entries whose first
    // byte is the width (0 meaning 256).
    const ico = readFileSync(path.resolve(import.meta.dirname, '../..', win.icon));
    expect(ico.readUInt16LE(0)).toBe(0);
    expect(ico.readUInt16LE(2)).toBe(1);
    const widths = Array.from({ length: ico.readUInt16LE(4) }, (_, i) => ico[6 + i * 16] || 256);
    expect(widths.sort((a, b) => a - b)).toEqual([16, 24, 32, 48, 64, 128, 256]);
    const png = readFileSync(path.resolve(import.meta.dirname, '../../resources/icon.png'));
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(256); // width
  });
});
