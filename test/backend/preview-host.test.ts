import { request } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PreviewHost } from '../../electron/preview';
import { MAX_JSON_BODY, startPreviewHost } from '../../electron/preview';
import type { FileRef } from '../../shared/files';
import { inProcessPort } from '../../electron/backend/worker/in-process';
import { reportHtml } from '../../electron/backend/reports/html';
import { cleanupTemp, makeBackend, makeTempDir } from '../helpers/backend';
import { canRun, hasChromium } from '../helpers/documents';
import { reportDocument, resolution33Report } from '../helpers/report-fixture';

let host: PreviewHost | null = null;
afterEach(async () => {
  vi.unstubAllEnvs();
  await host?.close();
  host = null;
  cleanupTemp();
});

async function start() {
  const backend = makeBackend();
  const rendererDir = makeTempDir();
  mkdirSync(join(rendererDir, 'assets'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>tccsd</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  host = await startPreviewHost({ backend: inProcessPort(backend.ctx), rendererDir });
  return { backend, host, origin: new URL(host.url).origin };
}

/** A raw request, so the Host header can be what a rebinding attacker would send. */
function raw(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string },
) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(
      url,
      { method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('preview host', () => {
  it('listens on 127.0.0.1 only, serves the renderer with a CSP, and answers the contract with the token', async () => {
    const { host, origin } = await start();
    expect(origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const page = await fetch(`${origin}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await (await fetch(`${origin}/assets/app.js`)).text()).toBe('console.log(1)');

    const answer = await fetch(`${origin}/api/invoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-tccsd-token': host.token },
      body: JSON.stringify({ method: 'units.list', input: { year: 2017 } }),
    });
    expect(await answer.json()).toEqual({ ok: true, value: { year: 2017, rows: [] } });
  });

  it('refuses calls without the token, from another Host, and bodies that are not JSON', async () => {
    const { host, origin, backend } = await start();
    const before = backend.snapshot();
    const call = (headers: Record<string, string>, body: string) =>
      raw(`${origin}/api/invoke`, { method: 'POST', headers, body });
    const create = JSON.stringify({
      method: 'units.create',
      input: { name: 'Chi bộ X', kind: 'base_cell', fromYear: 2017 },
    });
    expect((await call({}, create)).status).toBe(403);
    expect((await call({ 'x-tccsd-token': 'sai' }, create)).status).toBe(403);
    expect(
      (
        await call(
          { 'x-tccsd-token': host.token, host: `evil.example:${new URL(origin).port}` },
          create,
        )
      ).status,
    ).toBe(421);
    const bad = await call({ 'x-tccsd-token': host.token }, '{not json');
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    for (const notAnObject of ['null', '42', '"units.create"', '[1,2]']) {
      const answer = await call({ 'x-tccsd-token': host.token }, notAnObject);
      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.body).error.message).toContain('đối tượng JSON');
    }
    const huge = await call({ 'x-tccsd-token': host.token }, 'x'.repeat(MAX_JSON_BODY + 1));
    expect(huge.status).toBe(413);
    expect(backend.snapshot()).toBe(before);
  });

  it('never serves files outside the renderer folder', async () => {
    const { origin } = await start();
    const escaped = await raw(`${origin}/..%2f..%2fetc%2fpasswd`, {});
    expect(escaped.status).toBe(403);
    expect(escaped.body).not.toContain('root:');
  });

  it('answers malformed addresses with 400 and keeps serving', async () => {
    const { origin, host } = await start();
    for (const path of ['/%E0%A4%A', '/%', '/assets/%ZZ.js', '/api/invoke%']) {
      expect((await raw(`${origin}${path}`, {})).status).toBe(400);
    }
    const bad = await raw(`${origin}/api/%E0%A4%A?token=${host.token}`, {});
    expect(bad.status).toBe(400);
    expect((await fetch(`${origin}/`)).status).toBe(200);
  });

  it('takes an upload as a stream, hands the backend a handle, and serves written files', async () => {
    const { origin, host, backend } = await start();
    const content = 'Tên tổ chức,Xếp loại\nĐảng bộ xã Đồng Ý,TSVM\n';
    const upload = await fetch(
      `${origin}/api/upload?name=${encodeURIComponent('../xếp loại.csv')}`,
      {
        method: 'POST',
        headers: { 'x-tccsd-token': host.token, 'content-type': 'application/octet-stream' },
        body: content,
      },
    );
    const answer = (await upload.json()) as {
      ok: true;
      value: { handle: string; name: string; size: number };
    };
    expect(answer.ok).toBe(true);
    expect(answer.value.name).toBe('xếp loại.csv');
    expect(answer.value.size).toBe(Buffer.byteLength(content));
    // The backend reads it under the handle; the browser downloads it under the same handle.
    const path = backend.ctx.files.pathOf(answer.value.handle);
    expect(path).not.toContain('..');
    const download = await fetch(
      `${origin}/api/download/${answer.value.handle}?token=${host.token}&name=${encodeURIComponent('bản sao.csv')}`,
    );
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toContain(
      "filename*=UTF-8''b%E1%BA%A3n%20sao.csv",
    );
    expect(await download.text()).toBe(content);
    const unknown = await raw(`${origin}/api/download/f_${'0'.repeat(32)}?token=${host.token}`, {});
    expect(unknown.status).toBe(404);
    const noToken = await raw(`${origin}/api/download/${answer.value.handle}`, {});
    expect(noToken.status).toBe(403);
  });

  it('refuses an upload over the stated limit before reading it', async () => {
    const { origin, host } = await start();
    const answer = await raw(`${origin}/api/upload?name=lon.csv`, {
      method: 'POST',
      headers: { 'x-tccsd-token': host.token, 'content-length': String(600 * 1024 * 1024) },
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body).error.message).toContain('quá lớn');
  });

  it('streams the backend events to the page', async () => {
    const { origin, host } = await start();
    const response = await fetch(`${origin}/api/events?token=${host.token}`);
    const reader = response.body!.getReader();
    await reader.read(); // ": ok"
    await fetch(`${origin}/api/invoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-tccsd-token': host.token },
      body: JSON.stringify({
        method: 'units.create',
        input: { name: 'Chi bộ Cục Thống kê', kind: 'base_cell', fromYear: 2015 },
      }),
    });
    const { value } = await reader.read();
    const text = new TextDecoder().decode(value);
    expect(text).toMatch(/^data: /);
    expect(JSON.parse(text.slice('data: '.length))).toMatchObject({
      event: 'data.changed',
      payload: { entities: ['units'] },
    });
    await reader.cancel();
  });

  it.runIf(canRun(hasChromium))(
    'prints a report page to PDF with headless Chromium and serves it by handle',
    async () => {
      const { host, origin, backend } = await start();
      const page = await backend.ctx.files.writeOutput('Bao-cao-2017-Nghi-quyet-33.html', (temp) =>
        writeFileSync(temp, reportHtml(resolution33Report(), reportDocument())),
      );
      const before = backend.snapshot();
      const print = (headers: Record<string, string>, body: unknown) =>
        fetch(`${origin}/api/print-pdf`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify(body),
        });
      expect((await print({}, { handle: page.handle })).status).toBe(403);

      const answer = await print({ 'x-tccsd-token': host.token }, page);
      const printed = (await answer.json()) as { ok: boolean; value: FileRef };
      expect(printed.ok).toBe(true);
      expect(printed.value.name).toBe('Bao-cao-2017-Nghi-quyet-33.pdf');
      const pdf = await fetch(
        `${origin}/api/download/${printed.value.handle}?token=${host.token}&name=${printed.value.name}`,
      );
      const bytes = Buffer.from(await pdf.arrayBuffer());
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(bytes.length).toBe(printed.value.size);
      // Printing reads the data file not at all.
      expect(backend.snapshot()).toBe(before);
    },
  );

  it('refuses to print what is not a report page, and says to use Word when no browser can print', async () => {
    const { host, origin, backend } = await start();
    const print = async (body: unknown) =>
      (await (
        await fetch(`${origin}/api/print-pdf`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-tccsd-token': host.token },
          body: JSON.stringify(body),
        })
      ).json()) as { ok: false; error: { code: string; message: string } };
    const sheet = await backend.ctx.files.writeOutput('Bieu-tong-hop.xlsx', (temp) =>
      writeFileSync(temp, 'PK'),
    );
    expect((await print(sheet)).error.code).toBe('INVALID_INPUT');
    expect((await print({ handle: `f_${'0'.repeat(32)}` })).error.code).toBe('FILE_NOT_FOUND');
    expect((await print({})).error.code).toBe('INVALID_INPUT');

    vi.stubEnv('TCCSD_CHROMIUM', join(makeTempDir(), 'khong-co-trinh-duyet'));
    const page = await backend.ctx.files.writeOutput('Bao-cao.html', (temp) =>
      writeFileSync(temp, '<!doctype html><p>Báo cáo</p>'),
    );
    const refused = await print(page);
    expect(refused.error.code).toBe('PDF_UNAVAILABLE');
    expect(refused.error.message).toContain('Hãy dùng tệp Word (.docx)');
  });
});
