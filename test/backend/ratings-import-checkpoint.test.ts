// The ratings import's commit leaves its checkpoint owed (db/bulk.ts): the pages it wrote stay
// in the WAL, readable, and the main file is untouched until the backend worker, once idle,
// copies them in (worker/serve.ts). A national import's checkpoint took 0.2–0.5 s of the user's
// wait after the data was already safe (docs/performance.md, helper IMPORT3).
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkpointOwed, payOwedCheckpoint } from '../../electron/backend/db/bulk';
import type { HostMessage, WorkerMessage } from '../../electron/backend/worker/protocol';
import { serveBackend } from '../../electron/backend/worker/serve';
import type { TestBackend } from '../helpers/backend';
import { cleanupTemp, makeBackend, makeTempDir } from '../helpers/backend';
import type { Register } from '../helpers/register-writes';
import { buildRegister } from '../helpers/register-writes';

afterEach(() => cleanupTemp());

const fileHash = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** A file rating every grassroots unit of the register in 2019 and 2020, by code. */
function ratingsFile(r: Register): string {
  const lines = ['Mã;Tên tổ chức;Cấp trên;Năm;Xếp loại'];
  for (const year of [2019, 2020]) {
    for (const unit of r.base) lines.push(`${unit.code};;;${year};HTTNV`);
  }
  const path = join(makeTempDir(), 'xep-loai.csv');
  writeFileSync(path, `\uFEFF${lines.join('\n')}\n`);
  return path;
}

/** A register on disk with its WAL copied into the main file, and the import's file. */
function prepared(): { b: TestBackend; file: string; rated: number } {
  const b = makeBackend();
  const register = buildRegister(b);
  b.ctx.db.pragma('wal_checkpoint(TRUNCATE)');
  return { b, file: ratingsFile(register), rated: register.base.length * 2 };
}

const liveRatings = (b: TestBackend) =>
  b.ctx.db.prepare('SELECT count(*) FROM ratings WHERE deleted_at IS NULL').pluck().get();

describe('the ratings import and the checkpoint after its commit', () => {
  it('leaves the main file untouched and the checkpoint owed; paying it copies the pages in once', async () => {
    const { b, file, rated } = prepared();
    // Any commit would be followed by the automatic checkpoint at this setting.
    b.ctx.db.pragma('wal_autocheckpoint = 1');
    const preview = await b.callAsync('ratings.importPreview', {
      file: b.ctx.files.register(file).handle,
    });
    const before = fileHash(b.dbPath);
    const result = b.call('ratings.importApply', { planId: preview.planId });
    expect(result.newRatings).toHaveLength(rated);
    // Written and readable (from the WAL), the main file as it was, the setting put back.
    expect(liveRatings(b)).toBe(rated);
    expect(fileHash(b.dbPath)).toBe(before);
    expect(b.ctx.db.pragma('wal_autocheckpoint', { simple: true })).toBe(1);
    expect(checkpointOwed(b.ctx.db)).toBe(true);

    expect(payOwedCheckpoint(b.ctx.db)).toBe(true);
    expect(fileHash(b.dbPath)).not.toBe(before);
    expect(checkpointOwed(b.ctx.db)).toBe(false);
    expect(payOwedCheckpoint(b.ctx.db)).toBe(false);
    // The main file alone now holds the import: read without the WAL, by another connection.
    const copy = join(makeTempDir(), 'main-only.sqlite3');
    writeFileSync(copy, readFileSync(b.dbPath));
    const other = new Database(copy, { readonly: true });
    try {
      const n = other.prepare('SELECT count(*) FROM ratings WHERE deleted_at IS NULL').pluck();
      expect(n.get()).toBe(rated);
    } finally {
      other.close();
    }
  });

  it('an apply refused inside its transaction writes nothing and puts the setting back', async () => {
    const { b, file } = prepared();
    b.ctx.db.pragma('wal_autocheckpoint = 1');
    const preview = await b.callAsync('ratings.importPreview', {
      file: b.ctx.files.register(file).handle,
    });
    // Another program commits between the preview and the apply.
    const other = new Database(b.dbPath);
    other.exec('CREATE TABLE written_by_another(a); DROP TABLE written_by_another');
    other.close();
    const snapshot = b.snapshot();
    const refused = b.attempt('ratings.importApply', { planId: preview.planId });
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'PLAN_STALE',
        message: 'Dữ liệu đã thay đổi kể từ lúc xem trước; hãy xem trước lại tệp.',
      },
    });
    expect(b.snapshot()).toBe(snapshot);
    expect(b.ctx.db.pragma('wal_autocheckpoint', { simple: true })).toBe(1);
  });

  it('the backend worker pays the owed checkpoint once it has had nothing to do', async () => {
    const { b, file } = prepared();
    const dbPath = b.dbPath;
    b.ctx.db.close();
    const posted: WorkerMessage[] = [];
    let deliver: (message: HostMessage) => void = () => undefined;
    const port = {
      postMessage: (message: WorkerMessage) => posted.push(message),
      on: (_event: 'message', listener: (message: HostMessage) => void) => {
        deliver = listener;
        return port;
      },
    };
    serveBackend(
      port as never,
      { dbPath, origin: 'app', fallbackOperator: 'Kiểm thử' },
      { idleCheckMs: 20 },
    );
    const answerOf = async (type: 'result' | 'file', id: number): Promise<unknown> => {
      await vi.waitFor(() => expect(posted.some((m) => m.type === type && m.id === id)).toBe(true));
      const message = posted.find((m) => m.type === type && m.id === id);
      if (!message || !('result' in message) || !message.result.ok) {
        throw new Error(`no answer ${id}: ${JSON.stringify(message)}`);
      }
      return message.result.value;
    };
    deliver({ type: 'register-file', id: 1, path: file });
    const { handle } = (await answerOf('file', 1)) as { handle: string };
    deliver({ type: 'invoke', id: 2, method: 'ratings.importPreview', input: { file: handle } });
    const { planId } = (await answerOf('result', 2)) as { planId: string };
    // The quick_check of the opening has run by now (idle between the calls); from here on only
    // the apply's checkpoint can change the main file.
    await vi.waitFor(() =>
      expect(posted.some((m) => m.type === 'result' && m.id === 2)).toBe(true),
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    const before = fileHash(dbPath);
    deliver({ type: 'invoke', id: 3, method: 'ratings.importApply', input: { planId } });
    await answerOf('result', 3);
    await vi.waitFor(() => expect(fileHash(dbPath)).not.toBe(before));
    deliver({ type: 'close', id: 4 });
    await vi.waitFor(() => expect(posted.some((m) => m.type === 'closed')).toBe(true));
  });
});
