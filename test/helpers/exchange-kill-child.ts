// A child process that imports exchange files into a data file and stops dead in the middle of
// the apply's transaction, for the parent test to kill it there (SIGKILL: no handler, no
// rollback, exactly as a power cut or a killed task would leave it).
//
// argv: <db path> <pause at the Nth row booked for undo (a changed record, a chunk of inserted
// records)> <file>…
// stdout: "IN_TRANSACTION" once the Nth row is written and booked and the transaction is
// still open (the process then blocks until killed); "APPLIED" / "FAILED <json>" otherwise.
import { writeSync } from 'node:fs';
import type { ExchangePreview } from '../../shared/contract';
import { dispatch } from '../../electron/backend/dispatch';
import { openBackend } from '../../electron/backend/index';

function say(line: string): void {
  writeSync(1, `${line}\n`);
}

async function main(): Promise<void> {
  const [dbPath, pauseAtText, ...paths] = process.argv.slice(2);
  const pauseAt = Number(pauseAtText);
  if (!dbPath || !Number.isInteger(pauseAt) || pauseAt < 1 || paths.length === 0) {
    say('FAILED "usage: <db> <pause at> <file>…"');
    process.exit(2);
  }
  const ctx = openBackend({ dbPath, origin: 'app', fallbackOperator: 'Tiến trình con' });
  const files = paths.map((path) => ctx.files.register(path).handle);
  const preview = await dispatch(ctx, 'exchange.preview', { files });
  if (!preview.ok) {
    say(`FAILED ${JSON.stringify(preview.error)}`);
    process.exit(3);
  }
  // A tiny page cache: the transaction's pages spill into the WAL before the commit, so the
  // kill leaves uncommitted frames on disk that recovery must ignore, not just a lost cache.
  ctx.db.pragma('cache_size = 4');
  let written = 0;
  const blocker = new Int32Array(new SharedArrayBuffer(4));
  ctx.db.function('exchange_test_pause', () => {
    written += 1;
    if (written === pauseAt) {
      say('IN_TRANSACTION');
      // Blocks this thread for good inside the open transaction; the parent kills the process.
      for (;;) Atomics.wait(blocker, 0, 0);
    }
    return null;
  });
  // A temporary trigger lives in this connection only: the data file's schema is not touched.
  // Rows booked for undo: a changed record's, or a chunk of inserted records.
  ctx.db.exec(`CREATE TEMP TRIGGER exchange_test_pause AFTER INSERT ON main.exchange_batch_changes
    BEGIN SELECT exchange_test_pause(); END;
    CREATE TEMP TRIGGER exchange_test_pause_inserts AFTER INSERT ON main.exchange_batch_inserts
    BEGIN SELECT exchange_test_pause(); END`);
  const applied = await dispatch(ctx, 'exchange.apply', {
    // dispatch answers untyped (it serves every method); this one is exchange.preview's.
    planId: (preview.value as ExchangePreview).planId,
    conflicts: { all: 'take_incoming' },
  });
  say(applied.ok ? `APPLIED ${written}` : `FAILED ${JSON.stringify(applied.error)}`);
  process.exit(applied.ok ? 0 : 4);
}

void main();
