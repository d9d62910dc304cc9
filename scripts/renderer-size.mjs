// The renderer's JavaScript as the first screen loads it (issue 10: ≤ 300 KB gzip): the entry
// script of the built index.html and the chunks it preloads (its static imports); every other
// chunk is loaded later, when a screen or a chart is first shown. Used by the build test and
// the bench; `node scripts/renderer-size.mjs [out/renderer]` prints it after `npm run build`.
import { readFileSync, readdirSync } from 'node:fs';
import { join, posix, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

export const FIRST_SCREEN_BUDGET_KB = 300;

/**
 * The scripts index.html loads before the first screen shows, as paths inside `rendererDir`:
 * its module script and modulepreload links, and whatever those import statically (followed
 * here too, so nothing is missed if preload links change); `import()` is left out.
 */
export function firstScreenScripts(rendererDir) {
  const html = readFileSync(join(rendererDir, 'index.html'), 'utf8');
  const tags = html.match(/<(script|link)\b[^>]*>/g) ?? [];
  const scripts = [];
  const add = (path) => {
    if (scripts.includes(path)) return;
    scripts.push(path);
    const code = readFileSync(join(rendererDir, path), 'utf8');
    for (const m of code.matchAll(/(?:\bfrom|\bimport)\s*["'](\.\/[^"']+\.js)["']/g)) {
      add(posix.join(posix.dirname(path), m[1]));
    }
  };
  for (const tag of tags) {
    const isScript = tag.startsWith('<script') && /\stype="module"/.test(tag);
    const isPreload = tag.startsWith('<link') && /\srel="modulepreload"/.test(tag);
    const url = /\s(?:src|href)="([^"]+)"/.exec(tag)?.[1];
    if ((isScript || isPreload) && url) add(url.replace(/^\.?\//, ''));
  }
  return scripts;
}

/** Gzip size (level 9, as a server would send it) of a built script, its source-map comment left out. */
export function gzipBytes(file) {
  const code = readFileSync(file, 'utf8').replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n');
  return gzipSync(code, { level: 9 }).length;
}

/** The first screen's scripts and their total gzip size in KB; the other chunks on their own. */
export function rendererSize(rendererDir) {
  const first = firstScreenScripts(rendererDir).map((path) => ({
    path,
    gzipKb: gzipBytes(join(rendererDir, path)) / 1024,
  }));
  const later = readdirSync(join(rendererDir, 'assets'))
    .filter((name) => name.endsWith('.js'))
    .map((name) => `assets/${name}`)
    .filter((path) => !first.some((f) => f.path === path))
    .map((path) => ({ path, gzipKb: gzipBytes(join(rendererDir, path)) / 1024 }));
  const firstScreenKb = first.reduce((sum, f) => sum + f.gzipKb, 0);
  return { first, later, firstScreenKb, ok: firstScreenKb <= FIRST_SCREEN_BUDGET_KB };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const size = rendererSize(resolve(process.argv[2] ?? 'out/renderer'));
  const kb = (n) => `${n.toFixed(1)} KB`;
  for (const f of size.first) console.log(`first screen  ${kb(f.gzipKb).padStart(9)}  ${f.path}`);
  console.log(
    `first screen  ${kb(size.firstScreenKb).padStart(9)}  gzip in all ` +
      `(budget ${FIRST_SCREEN_BUDGET_KB} KB: ${size.ok ? 'ok' : 'OVER'})`,
  );
  for (const f of size.later.sort((a, b) => b.gzipKb - a.gzipKb)) {
    console.log(`when needed  ${kb(f.gzipKb).padStart(9)}  ${f.path}`);
  }
}
