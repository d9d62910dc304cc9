import type { spawnSync } from 'node:child_process';
// Types of electron-binary.mjs for the TypeScript tests.
export interface BinaryIo {
  env?: NodeJS.ProcessEnv;
  exists?: (file: string) => boolean;
  read?: (file: string) => string;
}
export type StartStep = 'launch' | 'install' | 'give-up';
export function electronPackageDir(from?: string): string | null;
export function electronBinaryPath(packageDir: string | null, io?: BinaryIo): string | null;
export function nextStep(state: {
  packageDir: string | null;
  binaryPath: string | null;
  installTried: boolean;
}): StartStep;
export const MISSING_BINARY_MESSAGE: string;
export function runInstallQuietly(
  packageDir: string,
  run?: typeof spawnSync,
): { ok: boolean; output: string };
