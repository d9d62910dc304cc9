// Issue 11 item 8: the preview host listens on 127.0.0.1 only, checked where it matters, on the
// listening socket itself (server.address()) and by trying to connect on this machine's other
// addresses, not on the URL string the host builds (which says 127.0.0.1 whatever it bound).
// The real preview host is started over a real backend on a temporary file.
import { mkdirSync, writeFileSync } from 'node:fs';
import type * as Http from 'node:http';
import type { Server } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PreviewHost } from '../../electron/preview';
import { startPreviewHost } from '../../electron/preview';
import { inProcessPort } from '../../electron/backend/worker/in-process';
import { cleanupTemp, makeBackend, makeTempDir } from '../helpers/backend';

/** Every HTTP server the preview host creates, so the test can ask its socket where it listens. */
const created = vi.hoisted(() => ({ servers: [] as Server[] }));

vi.mock('node:http', async (importOriginal) => {
  const http = await importOriginal<typeof Http>();
  const createServer = ((...args: Parameters<typeof http.createServer>) => {
    const server = http.createServer(...args);
    created.servers.push(server);
    return server;
  }) as typeof http.createServer;
  return { ...http, createServer, default: { ...http, createServer } };
});

let host: PreviewHost | null = null;
afterEach(async () => {
  await host?.close();
  host = null;
  created.servers.length = 0;
  cleanupTemp();
});

async function start(): Promise<{ host: PreviewHost; server: Server; port: number }> {
  const backend = makeBackend();
  const rendererDir = makeTempDir();
  mkdirSync(join(rendererDir, 'assets'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>tccsd</title>');
  host = await startPreviewHost({ backend: inProcessPort(backend.ctx), rendererDir });
  expect(created.servers).toHaveLength(1);
  const [server] = created.servers;
  if (!server) throw new Error('the preview host created no server');
  return { host, server, port: Number(new URL(host.url).port) };
}

/** Whether a TCP connection to `address`:`port` is accepted (refused, unreachable or 2 s: no). */
function accepts(address: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: address, port, timeout: 2000 });
    const finish = (accepted: boolean) => {
      socket.destroy();
      resolve(accepted);
    };
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
    socket.once('timeout', () => finish(false));
  });
}

/**
 * Other addresses that reach this machine: another loopback address (Linux and Windows route all
 * of 127.0.0.0/8 to the machine: a socket on 0.0.0.0 answers there), IPv6 loopback (a socket on
 * "::" answers there, and on IPv4 too), and the machine's own network addresses.
 */
function otherAddresses(): string[] {
  const own = Object.values(networkInterfaces())
    .flat()
    .filter((a) => a !== undefined && !a.internal && !a.address.startsWith('fe80:'))
    .map((a) => a?.address ?? '');
  return ['127.0.0.2', '::1', ...own.filter((a) => a !== '')];
}

describe('the preview host’s listening socket', () => {
  it('is bound to 127.0.0.1 over IPv4, on the port its URL names', async () => {
    const { server, port } = await start();
    expect(server.listening).toBe(true);
    expect(server.address()).toEqual({ address: '127.0.0.1', family: 'IPv4', port });
  });

  it('accepts connections on 127.0.0.1 and on no other address of this machine', async () => {
    const { port } = await start();
    expect(await accepts('127.0.0.1', port)).toBe(true);
    const others = otherAddresses();
    expect(others.length).toBeGreaterThanOrEqual(2);
    const reached = [];
    for (const address of others) {
      if (await accepts(address, port)) reached.push(address);
    }
    expect(reached).toEqual([]);
  });
});
