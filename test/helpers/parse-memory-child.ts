// Reads one untrusted file the way the app does, alone in its own process, and prints its peak
// resident memory: `tsx parse-memory-child.ts sheet|exchange FILE`. The last stdout line is JSON
// { peakRssMb, code, message } (code null when the file was read).
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { AppError } from '../../shared/errors';
import { openExchangeFile } from '../../electron/backend/exchange/format/reader';
import { readSheet } from '../../electron/backend/ratings/import/sheet';

async function main(): Promise<void> {
  const [kind, path] = process.argv.slice(2);
  if (!path) throw new Error('usage: parse-memory-child sheet|exchange FILE');
  let code: string | null = null;
  let message = '';
  try {
    if (kind === 'exchange') {
      (await openExchangeFile(path)).dispose();
    } else {
      await readSheet(basename(path), readFileSync(path));
    }
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    code = error.code;
    message = error.message;
  }
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`${JSON.stringify({ peakRssMb, code, message })}\n`);
}

void main();
