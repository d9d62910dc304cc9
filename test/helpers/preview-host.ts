// Starts the real preview host (electron/preview.ts: real backend on a data file) in a child
// process and waits for the URL it prints; shared by the browser tests and the bench.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';

export interface PreviewHost {
  url: string;
  stop: () => Promise<void>;
}

export interface PreviewHostOptions {
  /** The built renderer to serve; default the host's own (out/renderer). */
  rendererDir?: string;
  /** How long the host may take to print its URL. */
  startTimeoutMs?: number;
}

const REPO_ROOT = resolve(import.meta.dirname, '..', '..');

export async function startPreviewHost(
  dbPath: string,
  options: PreviewHostOptions = {},
): Promise<PreviewHost> {
  const args = ['electron/preview.ts', '--db', dbPath, '--port', '0'];
  if (options.rendererDir) args.push('--renderer', options.rendererDir);
  const child: ChildProcess = spawn(join(REPO_ROOT, 'node_modules', '.bin', 'tsx'), args, {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolveUrl, reject) => {
    let output = '';
    const timer = setTimeout(
      () => reject(new Error(`preview host did not start:\n${output}`)),
      options.startTimeoutMs ?? 30_000,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /TCCSD_PREVIEW_URL=(\S+)/.exec(output);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`preview host exited (${code}):\n${output}`)));
  });
  const stop = () =>
    new Promise<void>((done) => {
      if (child.exitCode !== null) return done();
      const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
      child.once('exit', () => {
        clearTimeout(force);
        done();
      });
      child.kill('SIGTERM');
    });
  return { url, stop };
}
