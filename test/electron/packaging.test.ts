// electron-builder.yml, read by electron-builder 26's own loader and checked against its own
// schema, so a misspelt key fails here rather than on the Windows build machine.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupTemp, makeTempDir } from '../helpers/backend';

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

/** @electron/fuses, as electron-builder loads it to flip the fuses after packing. */
interface FusesModule {
  SENTINEL?: string;
  FuseV1Options: Record<number, string>;
  flipFuses(electronPath: string, config: Record<string, unknown>): Promise<number>;
  getCurrentFuseWire(electronPath: string): Promise<Record<string, unknown>>;
}

interface PackagerModule {
  PlatformPackager: {
    prototype: { generateFuseConfig(fuses: unknown): Promise<Record<string, unknown>> };
  };
}

let config: Config;
let loader: ConfigModule;
/** Requires from app-builder-lib, electron-builder's engine: its packager, its @electron/fuses. */
let engine: NodeJS.Require;

afterAll(cleanupTemp);

beforeAll(async () => {
  // app-builder-lib is electron-builder's engine; resolve it from electron-builder itself.
  const fromBuilder = createRequire(createRequire(import.meta.url).resolve('electron-builder'));
  const file = fromBuilder.resolve('app-builder-lib/out/util/config/config.js');
  engine = createRequire(fromBuilder.resolve('app-builder-lib/package.json'));
  loader = (await import(pathToFileURL(file).href)) as ConfigModule;
  config = await loader.getConfig(path.resolve(import.meta.dirname, '../..'), null, null);
});

/** The fuse sentinel and the V1 wire's states ('0' off, '1' on) as @electron/fuses defines them. */
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const FUSE_STATES: Record<number, string> = { 48: 'DISABLE', 49: 'ENABLE', 114: 'REMOVED' };

/**
 * The fuses electron-builder would write into the packed executable: its own translation of
 * `electronFuses` (generateFuseConfig) applied by the @electron/fuses it ships with (flipFuses)
 * to a stand-in executable, since no Electron binary can be downloaded here. The stand-in's wire
 * holds Electron's defaults, so a fuse the config leaves out keeps its default (ON for
 * GrantFileProtocolExtraPrivileges and RunAsNode) and the test sees it.
 */
async function flippedFuses(fuses: unknown): Promise<Record<string, string>> {
  const packager = engine('app-builder-lib') as PackagerModule;
  const fuseConfig = await packager.PlatformPackager.prototype.generateFuseConfig(fuses);
  const { FuseV1Options, flipFuses, getCurrentFuseWire } = engine('@electron/fuses') as FusesModule;
  // RunAsNode, CookieEncryption, NODE_OPTIONS, inspect, asar integrity, only asar, V8 snapshot,
  // file-protocol privileges: Electron's defaults.
  const defaults = [49, 48, 49, 49, 48, 48, 48, 49];
  const exe = path.join(makeTempDir(), 'tccsd.exe');
  writeFileSync(
    exe,
    Buffer.concat([
      Buffer.from('MZ stand-in executable '),
      Buffer.from(SENTINEL),
      Buffer.from([1, defaults.length, ...defaults]),
      Buffer.from(' rest of the executable'),
    ]),
  );
  await flipFuses(exe, fuseConfig);
  const wire = await getCurrentFuseWire(exe);
  return Object.fromEntries(
    defaults.map((_d, i) => [FuseV1Options[i], FUSE_STATES[Number(wire[i])] ?? String(wire[i])]),
  );
}

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
      // file:// pages would otherwise read any local file and keep powers a page should not have;
      // the app serves its pages from app:// and needs none of them.
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('has electron-builder flip those fuses in the executable, file-protocol privileges off', async () => {
    const wire = await flippedFuses(config.electronFuses);
    expect(wire).toEqual({
      RunAsNode: 'DISABLE',
      // Not set by us: Electron's default stays.
      EnableCookieEncryption: 'DISABLE',
      EnableNodeOptionsEnvironmentVariable: 'DISABLE',
      EnableNodeCliInspectArguments: 'DISABLE',
      EnableEmbeddedAsarIntegrityValidation: 'ENABLE',
      OnlyLoadAppFromAsar: 'ENABLE',
      LoadBrowserProcessSpecificV8Snapshot: 'DISABLE',
      GrantFileProtocolExtraPrivileges: 'DISABLE',
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
