// A minimal logger: stack traces and developer lines ("slow: …") go here, never to the user.
// By default lines go to the console (Electron's main process and worker, the preview host,
// tests). The command line sends them to a log file instead (logToFile), so the user's terminal
// shows only the command's answer and its Vietnamese messages.
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

type Level = 'info' | 'warn' | 'error';
type Sink = (level: Level, line: string) => void;

const consoleSink: Sink = (level, line) => console[level](line);

let sink: Sink = consoleSink;

function detail(error: unknown): string {
  if (error instanceof Error) return error.stack ?? error.message;
  return error === undefined ? '' : String(error);
}

export const log = {
  info: (message: string) => sink('info', `[tccsd] ${message}`),
  warn: (message: string) => sink('warn', `[tccsd] ${message}`),
  error: (message: string, error?: unknown) => {
    const more = detail(error);
    sink('error', `[tccsd] ${message}${more ? ` ${more}` : ''}`);
  },
};

/**
 * From now on, lines are appended to the file at `path` (its folder made if needed), each with
 * the time. A line that cannot be written is dropped: logging never stops a command.
 */
export function logToFile(path: string): void {
  sink = (level, line) => {
    try {
      mkdirSync(dirname(path), { recursive: true });
      appendFileSync(path, `${new Date().toISOString()} ${level.toUpperCase()} ${line}\n`);
    } catch {
      // A read-only or full disk: the command's own message says what matters to the user.
    }
  };
}

/** Back to the console (tests that switched to a file). */
export function logToConsole(): void {
  sink = consoleSink;
}
