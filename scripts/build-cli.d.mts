// Types of build-cli.mjs for the TypeScript tests.
import type { Metafile } from 'esbuild';

export interface CliBuildOptions {
  /** The project folder (default: this checkout). */
  root?: string;
  /** Where the command line is built (default: <root>/out/cli). */
  outDir?: string;
}
export function buildCli(options?: CliBuildOptions): Promise<Metafile>;
export function staleReason(options?: CliBuildOptions): string | null;
export function ensureCliBuilt(options?: CliBuildOptions): Promise<boolean>;
