import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM } from './requires.js';

/**
 * Debian's headless Chromium, offline: no first-run, sync, update or background traffic, so any
 * request a page makes is the page's own. Playwright owns --user-data-dir: a fresh profile under
 * `workDir` is passed as the persistent context's folder.
 */
export function launchChromium(workDir: string, viewport: { width: number; height: number }): Promise<BrowserContext> {
  return chromium.launchPersistentContext(mkdtempSync(join(workDir, 'profile-')), {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

/** Console errors, uncaught exceptions and every request for which `allowed` says no, as they happen. */
export interface PageWatch { errors: string[]; outside: string[] }
export function watchPage(page: Page, allowed: (url: string) => boolean): PageWatch {
  const w: PageWatch = { errors: [], outside: [] };
  page.on('console', (m) => { if (m.type() === 'error') w.errors.push(m.text()); });
  page.on('pageerror', (e) => w.errors.push(e.message));
  page.on('request', (r) => { if (!allowed(r.url())) w.outside.push(r.url()); });
  page.on('websocket', (ws) => { if (!allowed(ws.url())) w.outside.push(ws.url()); });
  return w;
}

/**
 * Pixels with any ink (alpha > 0) on the first canvas under each selector: a chart, not a blank
 * frame. Page-side code goes as a string because the tests compile without the DOM library.
 */
export async function inkedPixels(page: Page, selectors: string[]): Promise<number[]> {
  return await page.evaluate(`${JSON.stringify(selectors)}.map((sel) => {
    const c = document.querySelector(sel);
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
    return n;
  })`) as number[];
}
