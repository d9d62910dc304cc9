// Types of renderer-size.mjs for the TypeScript tests and the bench.
export const FIRST_SCREEN_BUDGET_KB: number;
export function firstScreenScripts(rendererDir: string): string[];
export function gzipBytes(file: string): number;
export interface ScriptSize {
  path: string;
  gzipKb: number;
}
export function rendererSize(rendererDir: string): {
  first: ScriptSize[];
  later: ScriptSize[];
  firstScreenKb: number;
  ok: boolean;
};
