// Chromium against the preview host on the national file (issue 10): the register's first rows
// after navigating to it, a province's rating grid after choosing the province, and the longest
// task while the register scrolls. Debian's Chromium through playwright-core, headless, with the
// e2e tests' flags; the preview host (electron/preview.ts, started as the e2e tests start it)
// serves the renderer the bench built (bundle.ts) and runs the backend in its worker.
//
// Each time is taken inside the page (performance.now() from the click to the first frame where
// the rows are in the DOM), so the remote-control round trips of the driver do not count.
import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { openDatabase } from '../../electron/backend/db/open';
import { startPreviewHost } from '../../test/helpers/preview-host';

export const CHROMIUM = process.env.TCCSD_CHROMIUM ?? '/usr/bin/chromium';
export const FIRST_ROWS_BUDGET_MS = 300;
export const LONG_TASK_BUDGET_MS = 50;
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
/** How long one screen may take before the bench gives up on it (a failure, not a figure). */
const SCREEN_TIMEOUT_MS = 60_000;

export interface BrowserEntry {
  name: string;
  ms: number;
  budgetMs: number;
  ok: boolean;
}

const REGISTER_ROWS =
  '[aria-label="Danh sách tổ chức"] tbody tr[aria-rowindex], [aria-label="Danh sách tổ chức"] [role="row"][aria-rowindex]';
const GRID_ROWS = '[role="grid"] [role="row"][aria-rowindex]';

interface Province {
  code: string;
  /** The province and its districts: the parents every row of its grid names. */
  parentNames: string[];
}

/** The last province by code: the whole nation's grid does not start with its rows. */
function lastProvince(dbPath: string, year: number): Province {
  const { db } = openDatabase(dbPath);
  try {
    const inYear = (a: string) =>
      `${a}.valid_from <= @year AND (${a}.valid_to IS NULL OR ${a}.valid_to >= @year) AND ${a}.deleted_at IS NULL`;
    const province = db
      .prepare(
        `SELECT p.unit_id AS id, p.code, p.name FROM unit_versions p
         JOIN unit_versions r ON r.unit_id = p.parent_id AND r.parent_id IS NULL AND ${inYear('r')}
         WHERE ${inYear('p')} AND p.code IS NOT NULL ORDER BY p.code DESC LIMIT 1`,
      )
      .get({ year }) as { id: string; code: string; name: string } | undefined;
    if (province === undefined) throw new Error('the data set has no province with a code');
    const districts = db
      .prepare(`SELECT d.name FROM unit_versions d WHERE d.parent_id = @id AND ${inYear('d')}`)
      .pluck()
      .all({ id: province.id, year }) as string[];
    return { code: province.code, parentNames: [province.name, ...districts] };
  } finally {
    db.close();
  }
}

/**
 * Clicks `target` inside the page and resolves with the milliseconds until `selector` matches
 * an element for which `accept` holds (checked every animation frame).
 */
async function timeClick(
  page: Page,
  target: { role: string; name: string },
  selector: string,
  parentNames: string[] | null,
): Promise<number> {
  const button = page
    .getByRole(target.role as 'button', { name: target.name, exact: true })
    .first();
  await button.waitFor({ timeout: SCREEN_TIMEOUT_MS });
  const handle = await button.elementHandle();
  if (handle === null) throw new Error(`no ${target.role} "${target.name}" to click`);
  return page.evaluate(
    ({ element, selector, parentNames, timeout }) =>
      new Promise<number>((resolve, reject) => {
        const accepted = () => {
          const rows = [...document.querySelectorAll(selector)];
          if (rows.length === 0) return false;
          if (parentNames === null) return true;
          const names = new Set(parentNames);
          return rows.every((row) => {
            const parent = row.querySelector('.c-parent')?.textContent?.trim() ?? '';
            return names.has(parent);
          });
        };
        const started = performance.now();
        // As a mouse does: the picker's options choose on mousedown, buttons on click.
        const target = element as HTMLElement;
        target.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, cancelable: true }));
        if (target.isConnected) target.click();
        const check = () => {
          const now = performance.now();
          if (accepted()) resolve(now - started);
          else if (now - started > timeout)
            reject(new Error(`no rows after ${timeout} ms: ${selector}`));
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      }),
    { element: handle, selector, parentNames, timeout: SCREEN_TIMEOUT_MS },
  );
}

/** Scrolls the register's list to its end in steps and returns the longest task seen (0: none over 50 ms). */
async function longestTaskWhileScrolling(page: Page): Promise<number> {
  return page.evaluate(
    ({ selector }) =>
      new Promise<number>((resolve, reject) => {
        const first = document.querySelector(selector);
        let box: HTMLElement | null = first instanceof HTMLElement ? first : null;
        while (box !== null && box.scrollHeight <= box.clientHeight + 1) box = box.parentElement;
        if (box === null) return reject(new Error('the register has nothing to scroll'));
        const scroller = box;
        let longest = 0;
        const observer = new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) longest = Math.max(longest, entry.duration);
        });
        observer.observe({ type: 'longtask' });
        let steps = 0;
        const step = () => {
          // About a screenful at a time, as a wheel or PageDown would, for 60 frames.
          scroller.scrollTop += Math.max(200, scroller.clientHeight * 0.8);
          steps++;
          if (steps < 60) requestAnimationFrame(step);
          else
            setTimeout(() => {
              observer.disconnect();
              resolve(longest);
            }, 300);
        };
        requestAnimationFrame(step);
      }),
    { selector: 'tbody tr[aria-rowindex], [role="row"][aria-rowindex]' },
  );
}

export interface BrowserOutcome {
  entries: BrowserEntry[];
}

export async function measureBrowser(
  screensPath: string,
  rendererDir: string,
  dir: string,
  year: number,
): Promise<BrowserEntry[]> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}`);
  const dbPath = join(dir, 'browser.sqlite3');
  copyFileSync(screensPath, dbPath);
  const province = lastProvince(dbPath, year);
  const preview = await startPreviewHost(dbPath, { rendererDir, startTimeoutMs: 60_000 });
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN' });
    // tsx compiles this file keeping function names (esbuild's __name helper), which the
    // functions handed to page.evaluate would call in the page: an identity there.
    await page.addInitScript('globalThis.__name = (f) => f;');
    await page.goto(preview.url);
    await page
      .getByRole('heading', { name: 'Tổng quan', level: 1 })
      .waitFor({ timeout: SCREEN_TIMEOUT_MS });

    const register = await timeClick(
      page,
      { role: 'button', name: 'Tổ chức đảng' },
      REGISTER_ROWS,
      null,
    );
    const longTask = await longestTaskWhileScrolling(page);

    await page.getByRole('button', { name: 'Xếp loại', exact: true }).first().click();
    const picker = page.getByRole('combobox', { name: 'Phạm vi' });
    await picker.waitFor({ timeout: SCREEN_TIMEOUT_MS });
    await page.locator(GRID_ROWS).first().waitFor({ timeout: SCREEN_TIMEOUT_MS });
    // The data set's last rated year (the screen opens on this year, which has no ratings yet).
    const yearField = page.getByLabel('Năm xếp loại', { exact: true });
    await yearField.fill(String(year));
    await yearField.press('Enter');
    await page
      .locator(`[role="grid"][aria-label*="${year}"] [role="row"][aria-rowindex]`)
      .first()
      .waitFor({ timeout: SCREEN_TIMEOUT_MS });
    await picker.fill(province.code);
    const option = page.getByRole('option', { name: new RegExp(province.code) }).first();
    await option.waitFor({ timeout: SCREEN_TIMEOUT_MS });
    const optionName = (await option.textContent())?.trim() ?? province.code;
    const grid = await timeClick(
      page,
      { role: 'option', name: optionName },
      GRID_ROWS,
      province.parentNames,
    );
    return [
      entry('browser: register, first rows after navigation', register, FIRST_ROWS_BUDGET_MS),
      entry(`browser: rating grid of a province (${province.code})`, grid, FIRST_ROWS_BUDGET_MS),
      entry('browser: register scrolled, longest task', longTask, LONG_TASK_BUDGET_MS),
    ];
  } finally {
    await browser.close();
    await preview.stop();
  }
}

function entry(name: string, ms: number, budgetMs: number): BrowserEntry {
  const rounded = Math.round(ms);
  return { name, ms: rounded, budgetMs, ok: rounded <= budgetMs };
}
