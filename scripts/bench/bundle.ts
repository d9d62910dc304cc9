// The renderer's size (issue 10: ≤ 300 KB gzip of JavaScript for the first screen): the real
// production build (electron-vite, the app's own config) into a folder of the bench, then the
// JavaScript the page loads before anything is clicked: the entry script of index.html and
// everything it imports statically (the modulepreload links, and the static imports found in
// those files, followed), each file gzip-compressed on its own as a server or an installer
// would. Chunks imported with import() (screens, charts, reports loaded when first needed) are
// not counted.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { REPO_ROOT } from './paths';

/** Issue 10's budget for the first screen's JavaScript, gzip. */
export const BUNDLE_BUDGET_KB = 300;

export interface BundleOutcome {
  /** The built renderer (index.html and assets/). */
  rendererDir: string;
  /** The first screen's files, relative to rendererDir, with their sizes. */
  files: { file: string; kb: number; gzipKb: number }[];
  kb: number;
  gzipKb: number;
  /** Every JavaScript file of the build, gzip: what the lazy chunks add. */
  allGzipKb: number;
}

/**
 * Builds the app (main, preload, renderer) with the project's config into `outDir`, a folder of
 * this run's scratch (two benches at once never build into the same folder).
 */
export function buildApp(outDir: string): string {
  // An absolute folder: a relative one would be taken from the renderer's root (renderer/).
  execFileSync(
    join(REPO_ROOT, 'node_modules', '.bin', 'electron-vite'),
    ['build', '--outDir', outDir, '--logLevel', 'warn'],
    {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const rendererDir = join(outDir, 'renderer');
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error(`the renderer build wrote no index.html in ${rendererDir}`);
  }
  return rendererDir;
}

/** The scripts index.html loads: its module entry and its modulepreload links. */
export function entryScripts(html: string): string[] {
  const found: string[] = [];
  const tag = /<(script|link)\b[^>]*>/g;
  for (const match of html.matchAll(tag)) {
    const text = match[0];
    const isEntry = match[1] === 'script' && /\btype="module"/.test(text);
    const isPreload = match[1] === 'link' && /\brel="modulepreload"/.test(text);
    if (!isEntry && !isPreload) continue;
    const url = /\b(?:src|href)="([^"]+)"/.exec(text)?.[1];
    if (url !== undefined) found.push(url);
  }
  return found;
}

/**
 * The files a module imports statically ("import … from './x.js'", "import './x.js'",
 * "export … from './x.js'"), not import('./x.js'): relative specifiers only, as the build
 * writes them.
 */
export function staticImports(code: string): string[] {
  const found = new Set<string>();
  const fromClause = /\b(?:import|export)\s*(?:[\w$*{}\s,]*?\s*from\s*)?["'](\.{1,2}\/[^"']+)["']/g;
  for (const match of code.matchAll(fromClause)) {
    // "import(" is a dynamic import: the regex needs a quote right after import or a from clause.
    found.add(match[1] as string);
  }
  return [...found];
}

export function measureBundle(rendererDir: string): BundleOutcome {
  const html = readFileSync(join(rendererDir, 'index.html'), 'utf8');
  const seen = new Set<string>();
  const queue = entryScripts(html).map((url) => resolve(rendererDir, url));
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    for (const spec of staticImports(code)) queue.push(resolve(dirname(file), spec));
  }
  const files = [...seen].sort().map((file) => {
    const bytes = readFileSync(file);
    return {
      file: file.slice(rendererDir.length + 1),
      kb: bytes.length / 1024,
      gzipKb: gzipSync(bytes).length / 1024,
    };
  });
  const all = allScripts(rendererDir);
  return {
    rendererDir,
    files,
    kb: files.reduce((sum, f) => sum + f.kb, 0),
    gzipKb: files.reduce((sum, f) => sum + f.gzipKb, 0),
    allGzipKb: all.reduce((sum, f) => sum + gzipSync(readFileSync(f)).length / 1024, 0),
  };
}

function allScripts(rendererDir: string): string[] {
  const assets = join(rendererDir, 'assets');
  return readdirSync(assets)
    .filter((name) => name.endsWith('.js'))
    .map((name) => join(assets, name));
}
