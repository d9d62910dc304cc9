import { request } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PreviewHost } from '../../electron/preview';
import { startPreviewHost } from '../../electron/preview';
import { cleanupTemp, makeBackend, makeTempDir } from '../helpers/backend';

let host: PreviewHost | null = null;
afterEach(async () => {
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
  host = await startPreviewHost({ ctx: backend.ctx, rendererDir });
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
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(backend.snapshot()).toBe(before);
  });

  it('never serves files outside the renderer folder', async () => {
    const { origin } = await start();
    const escaped = await raw(`${origin}/..%2f..%2fetc%2fpasswd`, {});
    expect(escaped.status).toBe(403);
    expect(escaped.body).not.toContain('root:');
  });
});
