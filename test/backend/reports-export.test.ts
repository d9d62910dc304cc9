// reports.export through the contract: a file by handle with an ASCII name, and an output folder
// that cannot be written said plainly, with nothing left behind.
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { fixedClock } from '../../electron/backend/context';
import { createFileRegistry } from '../../electron/backend/files';
import { defaultReportDocument } from '../../shared/domain/report-document';
import { cleanupTemp, makeBackend, makeTempDir, VIETNAMESE_LETTER } from '../helpers/backend';

afterEach(cleanupTemp);

function sampleBackend() {
  const b = makeBackend({ clock: fixedClock('2018-06-15T03:00:00Z'), operator: null });
  b.call('sample.load', {});
  const list = b.call('watchlists.list', {}).find((l) => l.number === '33-NQ/TU');
  if (!list) throw new Error('the sample has no Resolution 33-NQ/TU');
  const query = { year: 2017, scope: { type: 'watchlist' as const, watchlistId: list.id } };
  const report = b.call('reports.progress', query);
  const document = defaultReportDocument(report, {
    ownUnitName: b.call('app.info', {}).ownUnitName,
    today: '2018-01-15',
  });
  return { b, query, document };
}

describe('reports.export', () => {
  test('hands back each format by handle under an ASCII name', async () => {
    const { b, query, document } = sampleBackend();
    for (const format of ['xlsx', 'docx', 'html'] as const) {
      const out = await b.callAsync('reports.export', { ...query, format, document });
      expect(out.suggestedName).toMatch(/^[A-Za-z0-9-]+-2017-[A-Za-z0-9-]+\.(xlsx|docx|html)$/);
      expect(out.suggestedName.endsWith(`.${format}`)).toBe(true);
      expect(out.file.size).toBeGreaterThan(1000);
      expect(existsSync(b.ctx.files.pathOf(out.file.handle))).toBe(true);
    }
  });

  test('an output folder that cannot be written gives WRITE_FAILED in Vietnamese and no file', async () => {
    const { b, query, document } = sampleBackend();
    const dir = makeTempDir();
    const blocker = join(dir, 'out');
    // A file where the output folder should be: the folder can never be made.
    writeFileSync(blocker, 'x');
    b.ctx.files = createFileRegistry(join(blocker, 'reports'));
    const answer = await b.attemptAsync('reports.export', { ...query, format: 'xlsx', document });
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.error.code).toBe('WRITE_FAILED');
    expect(answer.error.message).toMatch(VIETNAMESE_LETTER);
    expect(answer.error.message).toContain('Không ghi được tệp');
    expect(answer.error.message).not.toMatch(/ENOTDIR|EEXIST|Error:/);
    expect(readdirSync(dir)).toEqual(['out']);
  });
});
