// The production build of the renderer (issue 10): minified, the first screen's JavaScript
// within 300 KB gzip, the charts, the report code, the forms and their schemas left to the
// chunks loaded when first needed, and nothing fetched from the network (fonts bundled).
// One real `electron-vite build` into a temporary folder, with source maps to see which
// modules each chunk holds.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIRST_SCREEN_BUDGET_KB, rendererSize } from '../../scripts/renderer-size.mjs';
import { cleanupTemp, makeTempDir } from '../helpers/backend';

const ROOT = resolve(import.meta.dirname, '../..');
let dir: string;

function electronViteBin(): string {
  const require = createRequire(import.meta.url);
  const packageJson = require.resolve('electron-vite/package.json');
  const bin = (require(packageJson) as { bin: Record<string, string> }).bin['electron-vite'];
  return join(dirname(packageJson), bin ?? '');
}

/** The source modules bundled into a built chunk, from its source map (paths from the root). */
function modulesOf(chunk: string): string[] {
  const mapFile = join(dir, `${chunk}.map`);
  // Rolldown's own runtime (a kilobyte of glue) comes from no source and has no map.
  if (!existsSync(mapFile)) return [];
  const map = JSON.parse(readFileSync(mapFile, 'utf8')) as { sources: string[] };
  // As '/renderer/src/…' on every system (Windows too: the Windows build runs these tests).
  return map.sources.map(
    (source) =>
      `/${relative(ROOT, resolve(dirname(join(dir, chunk)), source))
        .split(sep)
        .join('/')}`,
  );
}

beforeAll(() => {
  const out = makeTempDir('tccsd-build-');
  const built = spawnSync(
    process.execPath,
    [electronViteBin(), 'build', '--sourcemap', '--outDir', out, '--logLevel', 'warn'],
    { cwd: ROOT, encoding: 'utf8' },
  );
  expect(built.status, built.stderr).toBe(0);
  dir = join(out, 'renderer');
}, 120_000);

afterAll(() => cleanupTemp());

describe('the renderer production build', () => {
  it('is minified', () => {
    const { first, later } = rendererSize(dir);
    const large = [...first, ...later].filter(({ gzipKb }) => gzipKb > 5);
    expect(large.length).toBeGreaterThan(3);
    for (const { path } of large) {
      const code = readFileSync(join(dir, path), 'utf8');
      // Unminified, a line is ~40 characters; minified, lines run to thousands.
      expect(code.length / code.split('\n').length, path).toBeGreaterThan(1000);
    }
  });

  it(`loads at most ${FIRST_SCREEN_BUDGET_KB} KB gzip of JavaScript for the first screen`, () => {
    const size = rendererSize(dir);
    expect(size.first.length).toBeGreaterThan(0);
    expect(size.firstScreenKb).toBeLessThanOrEqual(FIRST_SCREEN_BUDGET_KB);
    expect(size.ok).toBe(true);
  });

  it('leaves the charts, reports, other screens, forms and schemas to later chunks', () => {
    const { first, later } = rendererSize(dir);
    const firstModules = first.flatMap(({ path }) => modulesOf(path));
    // Tổng quan, the home screen, is in the first screen; React with it.
    expect(firstModules).toContain('/renderer/src/overview/OverviewScreen.tsx');
    expect(firstModules.some((m) => m.includes('/node_modules/react-dom/'))).toBe(true);
    for (const late of [
      '/node_modules/recharts/',
      '/node_modules/zod/',
      '/node_modules/react-hook-form/',
      '/node_modules/@tanstack/',
      '/renderer/src/reports/',
      '/renderer/src/exchange/',
      '/renderer/src/units/',
      '/renderer/src/ratings/',
      '/renderer/src/watchlists/',
      '/renderer/src/charts/RatingHistoryChart.tsx',
      '/renderer/src/app/FirstRunScreen.tsx',
      '/shared/methods/',
    ]) {
      expect(
        firstModules.filter((m) => m.includes(late)),
        late,
      ).toEqual([]);
    }
    // They are built, into the chunks loaded when first needed.
    const laterModules = later.flatMap(({ path }) => modulesOf(path));
    expect(laterModules.some((m) => m.includes('/node_modules/recharts/'))).toBe(true);
    expect(laterModules).toContain('/renderer/src/reports/ReportsScreen.tsx');
    expect(laterModules).toContain('/renderer/src/charts/RatingHistoryChart.tsx');
  });

  it('loads nothing from the network: scripts, styles and fonts are files of the build', () => {
    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    const assets = readdirSync(join(dir, 'assets'));
    const css = assets.filter((name) => name.endsWith('.css'));
    expect(css.length).toBeGreaterThan(0);
    // Each reference with the folder it is relative to: the page's, or its style sheet's.
    const references = [
      ...[...html.matchAll(/\s(?:src|href)="([^"]+)"/g)].map((m) => ({ from: dir, url: m[1] })),
      ...css.flatMap((name) =>
        [...readFileSync(join(dir, 'assets', name), 'utf8').matchAll(/url\(([^)]+)\)/g)].map(
          (m) => ({ from: join(dir, 'assets'), url: m[1] }),
        ),
      ),
    ];
    expect(references.length).toBeGreaterThan(5);
    for (const { from, url = '' } of references) {
      expect(url).not.toMatch(/^(https?:)?\/\//);
      if (url.startsWith('data:')) continue;
      expect(existsSync(join(from, url.replace(/^\//, ''))), url).toBe(true);
    }
    // The Vietnamese letters' font is among them.
    expect(assets.some((name) => /noto-sans-vietnamese-400.*\.woff2$/.test(name))).toBe(true);
  });
});
