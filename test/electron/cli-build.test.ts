// The `tccsd` command line built like the app (issue 10): scripts/build-cli.mjs bundles
// electron/cli.ts into out/cli/tccsd.mjs; bin/tccsd.mjs runs that file, building it again first
// in a development checkout when a source is newer than the build.
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/backend/db/open';
import { buildCli, staleReason } from '../../scripts/build-cli.mjs';
import { cleanupTemp, makeTempDir } from '../helpers/backend';

const ROOT = resolve(import.meta.dirname, '../..');
const OPERATOR = { TCCSD_OPERATOR: 'Kiểm thử CLI' };

function node(args: string[], env: NodeJS.ProcessEnv = {}) {
  const run = spawnSync(process.execPath, args, {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

afterAll(() => cleanupTemp());

describe('the built command line (the real sources)', () => {
  let outDir: string;
  let meta: Metafile;
  let folder: string;
  beforeAll(async () => {
    // Inside the checkout (.tmp/ is ignored by git), as out/cli is: the packages it leaves to
    // node_modules are found from there.
    mkdirSync(join(ROOT, '.tmp'), { recursive: true });
    folder = mkdtempSync(join(ROOT, '.tmp', 'cli-build-'));
    outDir = join(folder, 'cli');
    meta = await buildCli({ outDir });
  }, 120_000);
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('runs commands on a data file without compiling TypeScript', () => {
    const db = join(makeTempDir(), 'tccsd.sqlite3');
    const cli = (...args: string[]) =>
      node([join(outDir, 'tccsd.mjs'), '--db', db, ...args], OPERATOR);
    const added = cli('units', 'add', '--name', 'Đảng bộ xã Đồng Ý', '--code', 'DY', '--json');
    expect(added.code, added.err).toBe(0);
    const shown = cli('units', 'show', 'DY');
    expect(shown.code, shown.err).toBe(0);
    expect(shown.out).toContain('Đảng bộ xã Đồng Ý [DY]');
    const wrong = cli('units', 'show', 'KHONG-CO');
    expect(wrong.code).toBe(1);
    expect(wrong.err).toMatch(/^Lỗi: /);
    const usage = node([join(outDir, 'tccsd.mjs'), '--help']);
    expect(usage.code).toBe(0);
    expect(usage.out).toContain('Cách dùng: tccsd');
  });

  it('loads exceljs and docx only to write such a file, from their own chunks', () => {
    const outputs = Object.entries(meta.outputs);
    const entry = outputs.find(([path]) => path.endsWith('/tccsd.mjs'));
    expect(entry).toBeDefined();
    // Everything a command loads at start: the entry and the chunks it imports statically.
    const atStart = new Set<string>();
    const visit = (path: string) => {
      if (atStart.has(path)) return;
      atStart.add(path);
      for (const imported of meta.outputs[path]?.imports ?? []) {
        if (imported.kind === 'import-statement' && !imported.external) visit(imported.path);
      }
    };
    visit(entry?.[0] ?? '');
    const packagesAtStart = [...atStart].flatMap((path) =>
      (meta.outputs[path]?.imports ?? []).filter((i) => i.external).map((i) => i.path),
    );
    expect(packagesAtStart).toContain('better-sqlite3');
    for (const late of ['exceljs', 'docx', 'tsx', 'esbuild']) {
      expect(packagesAtStart, late).not.toContain(late);
    }
    // Imported where a workbook or a Word file is read or written.
    const later = outputs.filter(([path]) => !atStart.has(path));
    const packagesLater = later.flatMap(([, o]) => o.imports.map((i) => i.path));
    expect(packagesLater).toContain('exceljs');
    expect(packagesLater).toContain('docx');
    // zod is bundled (one file loads faster than its modules); other packages stay packages.
    expect(Object.keys(meta.inputs).some((input) => input.includes('node_modules/zod/'))).toBe(
      true,
    );
  });

  it('writes the report files through those chunks', () => {
    const db = join(makeTempDir(), 'tccsd.sqlite3');
    const files = makeTempDir();
    const cli = (...args: string[]) =>
      node([join(outDir, 'tccsd.mjs'), '--db', db, ...args], OPERATOR);
    expect(cli('sample', 'load').code).toBe(0);
    const written = cli(
      'report',
      'progress',
      '--year',
      '2017',
      '--xlsx',
      join(files, 'bieu.xlsx'),
      '--docx',
      join(files, 'bao-cao.docx'),
    );
    expect(written.code, written.err).toBe(0);
    for (const name of ['bieu.xlsx', 'bao-cao.docx']) {
      // Both are zip files (PK\x03\x04) of some size.
      const bytes = readFileSync(join(files, name));
      expect(bytes.subarray(0, 4).toString('hex'), name).toBe('504b0304');
      expect(bytes.length, name).toBeGreaterThan(5000);
    }
  });
});

describe('bin/tccsd.mjs', () => {
  it('runs the built command line (`npx tccsd`, `npm run tccsd`)', () => {
    const usage = node([join(ROOT, 'bin', 'tccsd.mjs'), '--help']);
    expect(usage.code, usage.err).toBe(0);
    expect(usage.out).toContain('Cách dùng: tccsd');
    // A data file that exists (a read command refuses to start one: a mistyped --db would
    // otherwise look like a register gone empty).
    const db = join(makeTempDir(), 'tccsd.sqlite3');
    openDatabase(db).db.close();
    const listed = node(
      [join(ROOT, 'bin', 'tccsd.mjs'), '--db', db, 'units', 'list', '--json'],
      OPERATOR,
    );
    expect(listed.code, listed.err).toBe(0);
    expect(JSON.parse(listed.out)).toEqual([]);
  });

  /**
   * A checkout of its own (bin/, scripts/build-cli.mjs, package.json, node_modules linked) whose
   * electron/cli.ts prints a word from another source file, so a test can change a source.
   */
  function fakeCheckout() {
    const root = makeTempDir('tccsd-checkout-');
    for (const file of ['bin/tccsd.mjs', 'scripts/build-cli.mjs', 'package.json']) {
      mkdirSync(dirname(join(root, file)), { recursive: true });
      copyFileSync(join(ROOT, file), join(root, file));
    }
    symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'), 'junction');
    mkdirSync(join(root, 'electron'));
    writeFileSync(
      join(root, 'electron', 'cli.ts'),
      [
        "import { word } from './word';",
        'export async function runInTerminal(argv: string[]): Promise<number> {',
        "  process.stdout.write(`${word} ${argv.join(' ')}\\n`);",
        "  return argv.includes('fail') ? 3 : 0;",
        '}',
      ].join('\n'),
    );
    const setWord = (word: string) =>
      writeFileSync(join(root, 'electron', 'word.ts'), `export const word: string = '${word}';\n`);
    setWord('một');
    const run = (...args: string[]) => node([join(root, 'bin', 'tccsd.mjs'), ...args]);
    const builtAt = () => statSync(join(root, 'out', 'cli', 'tccsd.mjs')).mtimeMs;
    return { root, setWord, run, builtAt };
  }

  it('in a development checkout, builds first when never built, then runs the build as it is', () => {
    const { root, run, builtAt } = fakeCheckout();
    expect(staleReason({ root })).toBe('build.json');
    const first = run('a', 'b');
    expect(first.code, first.err).toBe(0);
    expect(first.out).toBe('một a b\n');
    expect(staleReason({ root })).toBeNull();
    const built = builtAt();
    const again = run('fail');
    expect(again.code).toBe(3);
    expect(again.out).toBe('một fail\n');
    expect(builtAt()).toBe(built);
  });

  it('builds again when a source file is newer than the build', () => {
    const { root, setWord, run, builtAt } = fakeCheckout();
    expect(run('x').out).toBe('một x\n');
    const built = builtAt();
    setWord('hai');
    expect(staleReason({ root })).toBe('electron/word.ts');
    const after = run('x');
    expect(after.code, after.err).toBe(0);
    expect(after.out).toBe('hai x\n');
    expect(builtAt()).toBeGreaterThan(built);
  });

  it('refuses to run an older build when the sources do not build', () => {
    const { root, run } = fakeCheckout();
    expect(run('x').code).toBe(0);
    writeFileSync(join(root, 'electron', 'word.ts'), 'export const word: string = ;\n');
    const broken = run('x');
    expect(broken.code).toBe(1);
    expect(broken.out).toBe('');
    expect(broken.err).toContain('Lỗi: không dựng được dòng lệnh từ mã nguồn');
  });
});
