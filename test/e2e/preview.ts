// The real preview host (real backend, fresh database file) in a child process, per test.
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test as base } from '@playwright/test';
import { startPreviewHost } from '../helpers/preview-host';

export interface Preview {
  url: string;
  dbPath: string;
  stop: () => Promise<void>;
}

export async function startPreview(dbPath?: string): Promise<Preview> {
  const file = dbPath ?? join(mkdtempSync(join(tmpdir(), 'tccsd-e2e-')), 'tccsd.sqlite3');
  return { ...(await startPreviewHost(file)), dbPath: file };
}

export const SCREENS_DIR = join('test-results', 'screens');
mkdirSync(SCREENS_DIR, { recursive: true });

export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: join(SCREENS_DIR, `${name}.png`), fullPage: false });
}

/** A test with a fresh preview host (and database) per test. */
export const test = base.extend<{ preview: Preview }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures must destructure.
  preview: async ({}, use) => {
    const preview = await startPreview();
    await use(preview);
    await preview.stop();
  },
});

/** Calls the contract through the preview host, as the page does (for seeding test data). */
export async function invoke<T = unknown>(
  preview: Preview,
  method: string,
  input: unknown,
): Promise<T> {
  const url = new URL(preview.url);
  const response = await fetch(new URL('/api/invoke', url), {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-tccsd-token': url.searchParams.get('token') ?? '',
    },
    body: JSON.stringify({ method, input }),
  });
  const result = (await response.json()) as { ok: boolean; value?: T; error?: { message: string } };
  if (!result.ok) throw new Error(`${method}: ${result.error?.message}`);
  return result.value as T;
}
