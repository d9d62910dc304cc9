// Preview host: the real renderer and the real backend (in its worker) over loopback HTTP, for
// browsers where Electron cannot run (development, end-to-end tests). Never part of the
// packaged app. 127.0.0.1 only, a random token, the Host header checked, the same
// Content-Security-Policy, MIME types and path checks as the app:// protocol.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import type { FileRef } from '../shared/files';
import { MAX_UPLOAD_BYTES } from '../shared/files';
import type { Result } from '../shared/errors';
import { AppError } from '../shared/errors';
import { newHandle } from './backend/files';
import { log } from './backend/log';
import { defaultDbPath } from './backend/paths';
import type { BackendPort } from './backend/worker/host';
import { startBackendWorker } from './backend/worker/host';
import { contentHeaders, isScreenPath, resolveInside } from './main/content';
import { printHtmlFileToPdf } from './pdf/chromium';
import { isPrintablePage, pdfFileName } from './pdf/name';
import { stopWithParents } from './preview/lifetime';

/**
 * The one limit on a contract call's JSON body (files travel as uploads, never inside JSON). The
 * largest body is reports.export's document: up to SECTIONS_TOTAL_MAX characters of sections (a
 * nation's is ~267,000), at most 3 bytes each in UTF-8, so the contract refuses it in Vietnamese
 * before this limit does.
 */
export const MAX_JSON_BODY = 4 * 1024 * 1024;

export interface PreviewOptions {
  backend: BackendPort;
  rendererDir: string;
  port?: number;
  token?: string;
  /** Prints a report page to PDF; default: headless Chromium (TCCSD_CHROMIUM or a known path). */
  printPdf?: (htmlPath: string, pdfPath: string) => Promise<void>;
}

export interface PreviewHost {
  url: string;
  token: string;
  close: () => Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function startPreviewHost(options: PreviewOptions): Promise<PreviewHost> {
  const { backend } = options;
  const token = options.token ?? randomBytes(24).toString('hex');
  // Uploads land in a private folder of our own, removed when the host closes.
  const uploadDir = mkdtempSync(join(tmpdir(), 'tccsd-upload-'));
  const streams = new Set<ServerResponse>();
  let origin = '';

  const unsubscribe = backend.onEvent((event, payload) => {
    const data = `data: ${JSON.stringify({ event, payload })}\n\n`;
    for (const res of streams) res.write(data);
  });

  const route = async (req: IncomingMessage, res: ServerResponse) => {
    // Only our own loopback origin: a page elsewhere (or a rebinding DNS name) gets nothing.
    if (req.headers.host !== origin.slice('http://'.length))
      throw new HttpError(421, 'Misdirected');
    const url = parseUrl(req.url, origin);
    if (!url.pathname.startsWith('/api/')) return serveFile(options.rendererDir, url, res);
    const supplied = req.headers['x-tccsd-token'] ?? url.searchParams.get('token') ?? '';
    if (!sameToken(String(supplied), token)) throw new HttpError(403, 'Forbidden');
    if (url.pathname === '/api/invoke' && req.method === 'POST') {
      const body = await readJsonObject(req);
      return sendJson(res, 200, await backend.invoke(body.method, body.input));
    }
    if (url.pathname === '/api/upload' && req.method === 'POST') {
      return sendJson(res, 200, await receiveUpload(req, url, uploadDir, backend));
    }
    if (url.pathname === '/api/print-pdf' && req.method === 'POST') {
      const body = await readJsonObject(req);
      return sendJson(res, 200, await printPdf(body, uploadDir, backend, options.printPdf));
    }
    if (url.pathname.startsWith('/api/download/') && req.method === 'GET') {
      return sendDownload(res, url, backend);
    }
    if (url.pathname === '/api/events' && req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
      res.write(': ok\n\n');
      streams.add(res);
      req.on('close', () => streams.delete(res));
      return;
    }
    throw new HttpError(404, 'Not found');
  };

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      if (res.headersSent) return void res.destroy(); // the page went away mid-answer
      if (!(error instanceof HttpError)) log.error(`preview ${req.method} ${req.url}`, error);
      const status = error instanceof HttpError ? error.status : 500;
      const message = error instanceof HttpError ? error.message : 'Internal error';
      // A JSON body the page can show; the request is drained so the connection stays sane.
      req.resume();
      if (req.url?.startsWith('/api/')) {
        sendJson(res, status, {
          ok: false,
          error: { code: status === 413 ? 'BAD_FILE' : 'INVALID_INPUT', message },
        });
      } else send(res, status, message);
    });
  });
  // Garbage on the socket (not HTTP at all) ends that connection, never the process.
  server.on('clientError', (_error, socket) => socket.destroy());

  await new Promise<void>((done) => server.listen(options.port ?? 0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/?token=${token}`,
    token,
    close: () =>
      new Promise<void>((done) => {
        unsubscribe();
        for (const res of streams) res.end();
        server.close(() => {
          rmSync(uploadDir, { recursive: true, force: true });
          done();
        });
        // A browser keeps idle keep-alive connections open: end them, or close() waits forever.
        server.closeAllConnections();
      }),
  };
}

/** The request's URL, or 400 when it cannot be parsed or decoded (`/%E0%A4%A`, `/%`). */
function parseUrl(raw: string | undefined, origin: string): URL {
  let url: URL;
  try {
    url = new URL(raw ?? '/', origin);
    decodeURIComponent(url.pathname);
  } catch {
    throw new HttpError(400, 'Địa chỉ không hợp lệ.');
  }
  return url;
}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new HttpError(413, `Yêu cầu quá lớn (giới hạn ${limit} byte).`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

async function readJsonObject(req: IncomingMessage): Promise<Record<string, unknown>> {
  const text = (await readBody(req, MAX_JSON_BODY)).toString('utf8');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new HttpError(400, 'Yêu cầu không đọc được (không phải JSON hợp lệ).');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpError(400, 'Yêu cầu phải là một đối tượng JSON.');
  }
  return body as Record<string, unknown>;
}

/** A display name for an uploaded file: its own name only, no path, no control characters. */
export function uploadName(raw: string | null): string {
  // eslint-disable-next-line no-control-regex
  const cleaned = basename((raw ?? '').replace(/\\/g, '/')).replace(/[\u0000-\u001f\u007f]/g, '');
  return cleaned.slice(0, 200) || 'tep-tai-len';
}

async function receiveUpload(
  req: IncomingMessage,
  url: URL,
  uploadDir: string,
  backend: BackendPort,
): Promise<Result<FileRef>> {
  const declared = Number(req.headers['content-length'] ?? 0);
  const tooLarge = `Tệp quá lớn (giới hạn ${MAX_UPLOAD_BYTES / 1024 / 1024} MB).`;
  if (declared > MAX_UPLOAD_BYTES) throw new HttpError(413, tooLarge);
  const name = uploadName(url.searchParams.get('name'));
  const path = join(uploadDir, `${randomBytes(8).toString('hex')}-${name}`);
  let size = 0;
  try {
    await pipeline(
      req,
      async function* limit(source: AsyncIterable<Buffer>) {
        for await (const chunk of source) {
          size += chunk.length;
          if (size > MAX_UPLOAD_BYTES) throw new HttpError(413, tooLarge);
          yield chunk;
        }
      },
      createWriteStream(path, { mode: 0o600 }),
    );
  } catch (error) {
    rmSync(path, { force: true });
    throw error;
  }
  try {
    return { ok: true, value: await backend.registerFile(path, name) };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: error.toJSON() };
    throw error;
  }
}

const NOT_A_PAGE = 'Chỉ in được trang báo cáo do ứng dụng lập ra PDF. Hãy lập lại báo cáo rồi in.';

/**
 * The bridge's printPdf on the preview host: the report page the backend wrote, printed by a
 * headless Chromium into the host's private folder and handed to the backend by handle.
 */
async function printPdf(
  body: Record<string, unknown>,
  folder: string,
  backend: BackendPort,
  print: (htmlPath: string, pdfPath: string) => Promise<void> = printHtmlFileToPdf,
): Promise<Result<FileRef>> {
  if (typeof body.handle !== 'string') throw new HttpError(400, 'Thiếu tệp cần in.');
  try {
    const source = await backend.filePath(body.handle);
    if (!isPrintablePage(source)) throw new AppError('INVALID_INPUT', NOT_A_PAGE);
    const name = pdfFileName(typeof body.name === 'string' ? body.name : source);
    const target = join(folder, `${newHandle()}-${name}`);
    await print(source, target);
    return { ok: true, value: await backend.registerFile(target, name) };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: error.toJSON() };
    throw error;
  }
}

async function sendDownload(res: ServerResponse, url: URL, backend: BackendPort) {
  const handle = decodeURIComponent(url.pathname.slice('/api/download/'.length));
  let path: string;
  try {
    path = await backend.filePath(handle);
  } catch {
    throw new HttpError(404, 'Không tìm thấy tệp.');
  }
  const name = uploadName(url.searchParams.get('name') ?? basename(path));
  const ascii = name
    .normalize('NFD')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/"/g, '');
  res.writeHead(200, {
    'content-type': 'application/octet-stream',
    'content-length': (await stat(path)).size,
    'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  await pipeline(createReadStream(path), res);
}

async function serveFile(root: string, url: URL, res: ServerResponse) {
  const file = resolveInside(root, url.pathname);
  if (file === null) throw new HttpError(403, 'Forbidden');
  // A screen path (no extension) that is not a file is answered with the index page.
  const candidates = isScreenPath(file) ? [file, join(root, 'index.html')] : [file];
  let found: { path: string; size: number } | null = null;
  for (const candidate of candidates) {
    const info = await stat(candidate).catch(() => null);
    if (info?.isFile()) {
      found = { path: candidate, size: info.size };
      break;
    }
  }
  if (!found) {
    if (isScreenPath(file) || url.pathname === '/') {
      throw new HttpError(500, 'Renderer not built: run `npm run build` first.');
    }
    throw new HttpError(404, 'Not found');
  }
  res.writeHead(200, { ...lowerCase(contentHeaders(found.path)), 'content-length': found.size });
  await pipeline(createReadStream(found.path), res);
}

function lowerCase(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
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

function sendJson(res: ServerResponse, status: number, value: unknown) {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  });
  res.end(JSON.stringify(value));
}

/** Where `npm run preview` keeps its data without `--db`: never the user's real data folder. */
export function previewDbPath(cwd = process.cwd()): string {
  return join(cwd, '.tmp', 'preview', 'tccsd.sqlite3');
}

async function main() {
  const { values } = parseArgs({
    options: {
      db: { type: 'string' },
      'real-data': { type: 'boolean' },
      port: { type: 'string' },
      renderer: { type: 'string' },
    },
  });
  const dbPath = values.db ?? (values['real-data'] ? defaultDbPath() : previewDbPath());
  const backend = await startBackendWorker({ dbPath, origin: 'app', channel: 'preview' });
  const host = await startPreviewHost({
    backend,
    rendererDir: values.renderer ?? join(import.meta.dirname, '..', 'out', 'renderer'),
    port: values.port ? Number(values.port) : 0,
  });
  process.stdout.write(
    `Xem trước ứng dụng (preview) tại / open in a browser:\n  ${host.url}\n` +
      `Dữ liệu / data file: ${dbPath}\n` +
      (values.db || values['real-data']
        ? ''
        : '(tệp thử riêng của bản xem trước; --db TỆP để dùng tệp khác, --real-data để dùng dữ liệu thật)\n') +
      `Dừng / stop: Ctrl+C\nTCCSD_PREVIEW_URL=${host.url}\n`,
  );
  stopWithParents(() => {
    // Whatever happens while closing, the process ends: no server is left answering.
    setTimeout(() => process.exit(0), 3000).unref();
    void host
      .close()
      .then(() => backend.close())
      .finally(() => process.exit(0));
  });
}

if (process.argv[1] && /preview\.[cm]?[jt]s$/.test(process.argv[1])) {
  main().catch((error: unknown) => {
    process.stderr.write(
      `Không khởi động được: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  });
}
