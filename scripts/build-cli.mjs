// The `tccsd` command line built like the app (issue 10): electron/cli.ts bundled by esbuild
// into out/cli/tccsd.mjs, so it starts without compiling TypeScript. `npm run build` and
// `npm run build:cli` build it; bin/tccsd.mjs runs it and, in a development checkout, builds it
// again first when a source file is newer than the build (`ensureCliBuilt`).
//
// Packages stay in node_modules, as in the app's backend worker, except zod: every command
// needs it at start, and one bundled file loads faster than its ~80 modules. exceljs and docx
// (~0.5 s to load) are imported only where a workbook or a Word file is read or written, so
// esbuild splits that code into chunks loaded then (out/cli/chunks/).
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync } from 'node:fs';
import { rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ENTRY = 'tccsd.mjs';
/** What the last build read (paths from the root) and when it started. */
const MANIFEST = 'build.json';

function defaults(options = {}) {
  const root = options.root ?? ROOT;
  return { root, outDir: resolve(root, options.outDir ?? join('out', 'cli')) };
}

/** Every package the bundle leaves to node_modules: the app's dependencies but zod. */
function externals(root) {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  return Object.keys(pkg.dependencies ?? {}).filter((name) => name !== 'zod');
}

/**
 * Builds the command line into `outDir` (default out/cli). A command started meanwhile never
 * sees a half-written file: chunks are named by their content, the entry is written under a
 * temporary name and renamed, the manifest last. Returns esbuild's metafile.
 */
export async function buildCli(options = {}) {
  const { root, outDir } = defaults(options);
  const startedAt = Date.now();
  // esbuild comes with vite and tsx; only a build needs it, not a command's start.
  const { build } = await import('esbuild');
  const result = await build({
    absWorkingDir: root,
    entryPoints: { tccsd: join(root, 'electron', 'cli.ts') },
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    charset: 'utf8',
    external: externals(root),
    metafile: true,
    write: false,
    logLevel: 'warning',
  });
  mkdirSync(join(outDir, 'chunks'), { recursive: true });
  const written = new Set();
  let entry = null;
  for (const file of result.outputFiles) {
    written.add(file.path);
    if (file.path === join(outDir, ENTRY)) entry = file;
    else writeFileSync(file.path, file.contents);
  }
  if (!entry) throw new Error(`esbuild wrote no ${ENTRY}`);
  writeAtomically(entry.path, entry.contents);
  // Chunks of earlier builds that this one does not use; one written in the last minute may be
  // a concurrent build's, whose command is about to load it.
  for (const name of readdirSync(join(outDir, 'chunks'))) {
    const path = join(outDir, 'chunks', name);
    if (!written.has(path) && statSync(path).mtimeMs < startedAt - 60_000) rmSync(path);
  }
  const inputs = [
    ...Object.keys(result.metafile.inputs),
    relative(root, fileURLToPath(import.meta.url)),
    'package.json',
  ].filter((path) => !path.includes('node_modules/'));
  writeAtomically(join(outDir, MANIFEST), `${JSON.stringify({ startedAt, inputs }, null, 1)}\n`);
  return result.metafile;
}

function writeAtomically(path, contents) {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, path);
}

/**
 * Why the build in `outDir` is out of date (a file name), or null when it is current: never
 * built, or a source file it was built from changed (or went) since the build started.
 */
export function staleReason(options = {}) {
  const { root, outDir } = defaults(options);
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(join(outDir, MANIFEST), 'utf8'));
  } catch {
    return MANIFEST;
  }
  if (!existsSync(join(outDir, ENTRY))) return ENTRY;
  for (const input of manifest.inputs) {
    let modified;
    try {
      modified = statSync(join(root, input)).mtimeMs;
    } catch {
      return input;
    }
    if (modified > manifest.startedAt) return input;
  }
  return null;
}

/** Builds the command line when it is out of date; returns whether it did. */
export async function ensureCliBuilt(options = {}) {
  if (staleReason(options) === null) return false;
  await buildCli(options);
  return true;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const started = performance.now();
  await buildCli();
  const took = Math.round(performance.now() - started);
  console.log(`out/cli/${ENTRY}: built in ${took} ms`);
}
