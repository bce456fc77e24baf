import { describe, it, expect, afterAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ScannerService } from '../../../src/services/scanner/service.js';
import { defaultScannerSettings } from '../../../src/config/scanner.js';
import { ReplaySource } from '../../../src/sources/market/replay/source.js';
import { requires } from '../../helpers/requires.js';
import { inkedPixels, launchChromium, watchPage } from '../../helpers/browser.js';

const work = mkdtempSync(join(tmpdir(), 'sextant-chart-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Where the screenshot is kept for a human to look at (SCAN_SCREENSHOT overrides). */
const shot = process.env['SCAN_SCREENSHOT'] ?? join(work, 'chart.png');

describe.runIf(await requires('chromium'))('scan chart in headless Chromium', () => {
  it('opens offline from file:// without console errors and draws the chart', async () => {
    const svc = new ScannerService(new ReplaySource(), defaultScannerSettings({ resultsDir: join(work, 'results'), top: 40 }), []);
    const run = await svc.run('manual');
    // A pair with an alert, so the highlighted bars are in the picture.
    const pair = run.summary.alerts[0]?.symbol ?? 'BTC/USDT';
    const files = run.summary.results.find((r) => r.symbol === pair)!.files as { chart: string; report: string };
    const file = join(run.dir, files.chart);
    const browser = await launchChromium(work, { width: 1200, height: 900 });
    try {
      const page = await browser.newPage();
      const w = watchPage(page, (url) => url.startsWith('file:'));
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      await page.waitForFunction('typeof window.echarts === "object"');
      const canvas = page.locator('#chart canvas');
      await canvas.first().waitFor();
      expect(await canvas.count()).toBeGreaterThan(0);
      const box = await canvas.first().boundingBox();
      expect(box!.width).toBeGreaterThan(500);
      expect(box!.height).toBeGreaterThan(300);
      // The canvas has actual pixels on it, not a blank frame.
      const [inked] = await inkedPixels(page, ['#chart canvas']);
      expect(inked).toBeGreaterThan(10_000);
      await page.screenshot({ path: shot, fullPage: true });
      expect(w.errors).toEqual([]);
      expect(w.outside).toEqual([]);
      // The batch report opens too, and links to the chart; so does the pair's own report.
      await page.goto(pathToFileURL(join(run.dir, 'report.html')).href);
      expect(await page.locator(`a[href="${files.chart}"]`).count()).toBe(1);
      await page.goto(pathToFileURL(join(run.dir, files.report)).href);
      expect(await page.locator(`a[href="${files.chart}"]`).count()).toBe(1);
      expect(w.errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
