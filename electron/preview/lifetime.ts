// The preview host must not outlive the command that started it: Ctrl+C, a `kill` of the npm
// process, or a closed terminal all end it, so no server is left answering on loopback.
import { readFileSync } from 'node:fs';

/** The pids above this process (parent first), as far as the OS lets us see them. */
export function ancestorPids(readStat: (pid: number) => string = readProcStat): number[] {
  const pids: number[] = [];
  let pid = process.ppid;
  // Linux exposes the parent of every process in /proc; elsewhere only the direct parent is known.
  while (pid > 1 && pids.length < 16) {
    pids.push(pid);
    try {
      // Field 4 of /proc/<pid>/stat is the parent pid; the name (field 2) may contain spaces.
      const fields = readStat(pid)
        .slice(readStat(pid).lastIndexOf(')') + 2)
        .split(' ');
      pid = Number(fields[1]);
    } catch {
      break;
    }
  }
  return pids;
}

function readProcStat(pid: number): string {
  return readFileSync(`/proc/${pid}/stat`, 'utf8');
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Calls `stop` once on SIGINT, SIGTERM, SIGHUP, or when any process that started this one has
 * gone (checked every `intervalMs`). Returns a function that stops watching.
 */
export function stopWithParents(stop: () => void, intervalMs = 1000): () => void {
  let stopped = false;
  const once = () => {
    if (stopped) return;
    stopped = true;
    dispose();
    stop();
  };
  const watched = ancestorPids();
  const timer = setInterval(() => {
    if (watched.some((pid) => !isAlive(pid))) once();
  }, intervalMs);
  timer.unref();
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  for (const signal of signals) process.on(signal, once);
  const dispose = () => {
    clearInterval(timer);
    for (const signal of signals) process.off(signal, once);
  };
  return dispose;
}
