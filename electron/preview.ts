// Preview host: the real renderer and the real backend over loopback HTTP, for browsers where
// Electron cannot run (development, end-to-end tests). Never part of the packaged app.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { contract, isMethodName } from '../shared/contract';
import type { EventName } from '../shared/contract';
import type { BackendContext } from './backend/context';
import { dispatch } from './backend/dispatch';
import { openBackend } from './backend/index';
import { defaultDbPath } from './backend/paths';

const MAX_BODY = 20 * 1024 * 1024;
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
};
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

export interface PreviewOptions {
  ctx: BackendContext;
  rendererDir: string;
  port?: number;
  token?: string;
}

export interface PreviewHost {
  url: string;
  token: string;
  close: () => Promise<void>;
}

export async function startPreviewHost(options: PreviewOptions): Promise<PreviewHost> {
  const token = options.token ?? randomBytes(24).toString('hex');
  const root = resolve(options.rendererDir);
  const streams = new Set<ServerResponse>();
  let origin = '';

  const emit = (event: EventName, payload: unknown) => {
    const data = `data: ${JSON.stringify({ event, payload })}\n\n`;
    for (const res of streams) res.write(data);
  };

  const server = createServer((req, res) => {
    // Only our own loopback origin: a page elsewhere (or a rebinding DNS name) gets nothing.
    if (req.headers.host !== origin.slice('http://'.length)) return send(res, 421, 'Misdirected');
    const url = new URL(req.url ?? '/', origin);
    if (url.pathname.startsWith('/api/')) {
      const supplied = req.headers['x-tccsd-token'] ?? url.searchParams.get('token') ?? '';
      if (!sameToken(String(supplied), token)) return send(res, 403, 'Forbidden');
      if (url.pathname === '/api/invoke' && req.method === 'POST') {
        return void handleInvoke(req, res, options.ctx, emit);
      }
      if (url.pathname === '/api/events' && req.method === 'GET') {
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
        res.write(': ok\n\n');
        streams.add(res);
        req.on('close', () => streams.delete(res));
        return;
      }
      return send(res, 404, 'Not found');
    }
    serveFile(root, url.pathname, res);
  });

  await new Promise<void>((done) => server.listen(options.port ?? 0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/?token=${token}`,
    token,
    close: () =>
      new Promise<void>((done) => {
        for (const res of streams) res.end();
        server.close(() => done());
        // A browser keeps idle keep-alive connections open: end them, or close() waits forever.
        server.closeAllConnections();
      }),
  };
}

async function handleInvoke(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: BackendContext,
  emit: (event: EventName, payload: unknown) => void,
) {
  let body: { method?: unknown; input?: unknown };
  try {
    body = JSON.parse(await readBody(req)) as typeof body;
  } catch {
    return sendJson(res, {
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'Yêu cầu không đọc được (không phải JSON hợp lệ).' },
    });
  }
  const result = await dispatch(ctx, body.method, body.input);
  sendJson(res, result);
  if (result.ok && isMethodName(body.method) && contract[body.method].writes) {
    emit('data.changed', { entity: body.method.split('.')[0] });
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        fail(new Error('body too large'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => done(Buffer.concat(chunks).toString('utf8')));
    req.on('error', fail);
  });
}

function serveFile(root: string, pathname: string, res: ServerResponse) {
  const relative = decodeURIComponent(pathname === '/' ? '/index.html' : pathname);
  const file = normalize(join(root, relative));
  if (!file.startsWith(root + sep)) return send(res, 403, 'Forbidden');
  const target = existsSync(file) ? file : join(root, 'index.html');
  if (!existsSync(target)) return send(res, 500, 'Renderer not built: run `npm run build` first.');
  res.writeHead(200, {
    'content-type': TYPES[extname(target)] ?? 'application/octet-stream',
    'content-security-policy': CSP,
    'cache-control': 'no-store',
  });
  res.end(readFileSync(target));
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function send(res: ServerResponse, status: number, text: string) {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(text);
}

function sendJson(res: ServerResponse, value: unknown) {
  res.writeHead(200, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  });
  res.end(JSON.stringify(value));
}

async function main() {
  const { values } = parseArgs({
    options: { db: { type: 'string' }, port: { type: 'string' }, renderer: { type: 'string' } },
  });
  const dbPath = values.db ?? defaultDbPath();
  const ctx = openBackend({ dbPath, origin: 'app' });
  const host = await startPreviewHost({
    ctx,
    rendererDir: values.renderer ?? join(import.meta.dirname, '..', 'out', 'renderer'),
    port: values.port ? Number(values.port) : 0,
  });
  process.stdout.write(
    `Xem trước ứng dụng (preview) tại / open in a browser:\n  ${host.url}\n` +
      `Dữ liệu / data file: ${dbPath}\nTCCSD_PREVIEW_URL=${host.url}\n`,
  );
  const stop = () => {
    void host.close().then(() => {
      ctx.db.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && /preview\.[cm]?[jt]s$/.test(process.argv[1])) {
  main().catch((error: unknown) => {
    process.stderr.write(
      `Không khởi động được: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  });
}
