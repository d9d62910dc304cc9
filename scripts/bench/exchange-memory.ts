// Where the exchange import's memory goes (issue 10, helper RSS): one import of a data file, as
// exchange-child runs it, with the process's memory read at every progress event of the preview
// and the apply (each phase emits ~100), so the step that raises the peak is named.
//   tsx scripts/bench/exchange-memory.ts DB FILE [PASSWORD_FILE]
// Prints one line per sample whose RSS is a new high, then the peak per phase. The bench's own
// child (exchange-child.ts) stays the measurement; this is the probe that says where.
import { readFileSync } from 'node:fs';
import { getHeapSpaceStatistics } from 'node:v8';
import { openBackend } from '../../electron/backend/index';
import { callMethod as call } from './call';
import { OPERATOR } from './dataset';

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

interface Sample {
  at: string;
  rss: number;
  /** Of the RSS: anonymous memory (heaps, SQLite's cache) and mapped file pages (mmap). */
  anon: number;
  file: number;
  heap: number;
  heapTotal: number;
  external: number;
}

/** RssAnon and RssFile of /proc/self/status in MB (Linux), 0 where the file is missing. */
function rssParts(): { anon: number; file: number } {
  let status = '';
  try {
    status = readFileSync('/proc/self/status', 'utf8');
  } catch {
    return { anon: 0, file: 0 };
  }
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { anon: Math.round(kb('RssAnon') / 1024), file: Math.round(kb('RssFile') / 1024) };
}

const samples: Sample[] = [];
let high = 0;

function sample(at: string): void {
  const m = process.memoryUsage();
  const s = {
    at,
    rss: mb(m.rss),
    ...rssParts(),
    heap: mb(m.heapUsed),
    heapTotal: mb(m.heapTotal),
    external: mb(m.external),
  };
  samples.push(s);
  if (s.rss > high) {
    high = s.rss;
    process.stdout.write(
      `${at}: rss ${s.rss} (anon ${s.anon}, file ${s.file}) heap ${s.heap} of ${s.heapTotal} ` +
        `external ${s.external}\n`,
    );
    if (process.env.HEAP_SPACES) {
      const spaces = getHeapSpaceStatistics()
        .filter((space) => space.space_size > 1024 * 1024)
        .map((space) => `${space.space_name} ${mb(space.space_used_size)}/${mb(space.space_size)}`);
      process.stdout.write(`  spaces: ${spaces.join(', ')}\n`);
    }
  }
}

async function main(): Promise<void> {
  const [dbPath, file, passwordFile] = process.argv.slice(2);
  if (!dbPath || !file) throw new Error('usage: exchange-memory DB FILE [PASSWORD_FILE]');
  const ctx = openBackend({
    dbPath,
    origin: 'cli',
    fallbackOperator: OPERATOR,
    emit: (event, payload) => {
      if (event !== 'progress') return;
      const p = payload as { phase: string; done: number; total: number };
      sample(`${p.phase} ${Math.round((100 * p.done) / Math.max(1, p.total))}%`);
    },
  });
  try {
    sample('opened');
    const ref = ctx.files.register(file);
    const passwords =
      passwordFile === undefined ? {} : { [ref.handle]: readFileSync(passwordFile, 'utf8') };
    const preview = await call(ctx, 'exchange.preview', { files: [ref.handle], passwords });
    sample('preview returned');
    const sameUnits = Object.fromEntries(
      preview.sameUnits.map((c) => [c.incomingUnitId, 'same' as const]),
    );
    await call(ctx, 'exchange.apply', {
      planId: preview.planId,
      conflicts: { all: 'take_incoming' },
      sameUnits,
    });
    sample('apply returned');
  } finally {
    ctx.db.close();
  }
  const phases = new Map<string, number>();
  for (const s of samples) {
    const phase = s.at.split(' ')[0] ?? s.at;
    phases.set(phase, Math.max(phases.get(phase) ?? 0, s.rss));
  }
  process.stdout.write(
    `peak per phase: ${[...phases].map(([p, r]) => `${p} ${r}`).join(', ')}; ` +
      `maxRSS ${mb(process.resourceUsage().maxRSS * 1024)} MB\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
