import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { loadConfig } from '../../src/config/load.js';
import { startServer, type RunningServer } from '../../src/app/server.js';
import { PipelineService, parseSeriesList } from '../../src/services/pipeline/service.js';
import { ReplaySource } from '../../src/sources/market/replay/source.js';
import { candleCount } from '../../src/core/series.js';
import { parsePair } from '../../src/core/types.js';
import type { StoredSignal } from '../../src/infra/store/types.js';
import { requires } from '../helpers/requires.js';
import { launchChromium, watchPage } from '../helpers/browser.js';
import { REPO_ROOT, TEST_OUT } from '../helpers/paths.js';
import { generateApiKey } from '../../src/api/auth/api-key.js';
import { apiKeysOf } from '../../src/infra/store/api-keys.js';

/**
 * The dashboard in Debian's Chromium against a real Sextant server on the bundled data:
 * the signal pipeline has replayed real history into a fresh SQLite store, the scanner has
 * run one batch, and the tracker replays the recorded Binance feed at 10x while the pages load.
 */
const work = mkdtempSync(join(tmpdir(), 'sextant-web-'));
const SHOTS = process.env['DASHBOARD_SCREENSHOTS'] ?? join(TEST_OUT, 'dashboard');
const PAIRS = ['BTC/USDT', 'ETH/USDT', 'SOL/USDT'];
const SINCE = '2023-06-01';
const CHART_LIMIT = 300;

let server: RunningServer;
let browser: BrowserContext;
let base = '';
/** An admin key: the local default serves reads without one, but backtests and training need trader or above. */
let adminKey = '';

/** Console errors, uncaught exceptions and every request that left the server, per page. */
const watch = (page: Page) => watchPage(page, (url) => url.startsWith(`${base}/`) || url.startsWith('data:') || url.startsWith(`${base.replace(/^http/, 'ws')}/`));

async function open(page: Page, hash: string): Promise<void> {
  await page.goto(`${base}/${hash}`, { waitUntil: 'load' });
  await page.waitForSelector('#page[data-ready="1"]', { timeout: 60_000 });
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

describe.runIf(await requires('chromium'))('dashboard in headless Chromium', () => {
  beforeAll(async () => {
    // A fresh build of web/ for this run, so the test never checks a stale dist/web.
    const webDir = join(work, 'web');
    execFileSync(join(REPO_ROOT, 'node_modules', '.bin', 'vite'), ['build', '--config', 'web/vite.config.ts', '--outDir', webDir, '--emptyOutDir'], { cwd: REPO_ROOT, stdio: 'pipe' });
    process.env['SEXTANT_WEB_DIR'] = webDir;
    process.env['ML_MODELS_DIR'] = join(work, 'models');
    mkdirSync(SHOTS, { recursive: true });
    const config = loadConfig({
      env: {},
      overrides: {
        server: { host: '127.0.0.1', port: 0 },
        logLevel: 'silent',
        store: { sqlitePath: join(work, 'store.db') },
        scanner: { resultsDir: join(work, 'scans'), top: 30 },
      },
    });
    server = await startServer(config, { pipeline: false, logger: false, tracker: { speed: 10 } });
    base = server.url.replace('[::1]', '127.0.0.1');
    const pipeline = new PipelineService({
      source: server.ctx.source, store: server.ctx.store, bus: server.ctx.signalBus,
      series: parseSeriesList(PAIRS.map((p) => parsePair(p)), ['1d']), replay: true, since: Date.parse(SINCE), window: 300,
    });
    const k = generateApiKey();
    await (await apiKeysOf(server.ctx.store))!.insert({ id: k.id, name: 'dashboard-test', role: 'admin', hash: k.hash, createdAt: Date.now() });
    adminKey = k.key;
    const report = await pipeline.runReplay(60);
    expect(report.failed).toEqual([]);
    await server.ctx.scanner.run('manual');
    // A small real model (walk-forward on the bundled Coinbase BTC/USD 4h candles) for the models page.
    const train = await fetch(`${base}/api/v1/train`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': adminKey }, body: JSON.stringify({ pair: 'BTC/USD', timeframe: '4h', rounds: 40, folds: 2, engine: 'ts' }) });
    expect(train.status).toBe(202);
    const { id } = await train.json() as { id: string };
    let job: { status: string; error?: unknown } = { status: 'queued' };
    for (let i = 0; i < 600 && (job.status === 'queued' || job.status === 'running'); i++) {
      await new Promise((r) => setTimeout(r, 200));
      job = await (await fetch(`${base}/api/v1/train/${id}`)).json() as typeof job;
    }
    expect(job.status, JSON.stringify(job.error)).toBe('done');
    // The tracker page reads the synced book; wait (bounded) until the replayed feed has synced both.
    for (let i = 0; i < 600 && !server.ctx.tracker!.status().every((s) => s.book.state === 'synced'); i++) await new Promise((r) => setTimeout(r, 100));
    expect(server.ctx.tracker!.status().map((s) => s.book.state)).toEqual(server.ctx.tracker!.symbols().map(() => 'synced'));
    browser = await launchChromium(work, { width: 1400, height: 900 });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    delete process.env['SEXTANT_WEB_DIR'];
    delete process.env['ML_MODELS_DIR'];
    rmSync(work, { recursive: true, force: true });
  });

  it('serves the built dashboard at / with a same-origin content policy, and sends scripts to /health', async () => {
    const html = await fetch(`${base}/`, { headers: { accept: 'text/html' } });
    expect(html.status).toBe(200);
    expect(html.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await html.text()).toContain('<main id="page">');
    const probe = await fetch(`${base}/`, { redirect: 'manual' });
    expect(probe.status).toBe(307);
    expect(probe.headers.get('location')).toBe('/health');
  });

  it('shows controls by role: none without a key, the admin ones once the admin key is typed in (kept and sent)', async () => {
    const page = await browser.newPage();
    await open(page, '#/scanner');
    expect(await page.locator('#scheduler-controls').count()).toBe(0);
    expect(await page.locator('#scheduler-controls-hidden').count()).toBe(1);
    await page.fill('#api-key', adminKey);
    const sent = page.waitForRequest((r) => r.url().endsWith('/api/v1/whoami') && r.headers()['x-api-key'] === adminKey);
    await page.click('#login button[type="submit"]');
    await sent;
    await page.waitForSelector('#scheduler-controls', { timeout: 10_000 });
    expect(await page.getAttribute('body', 'data-role')).toBe('admin');
    expect(await page.evaluate("localStorage.getItem('sextant.apiKey')")).toBe(adminKey);
    await page.close();
  }, 60_000);

  it('every page loads with no console error and no request outside the server; screenshots are written', async () => {
    const pages = [
      ['overview', '#/'], ['pair', '#/pair/btc_usdt/1d'], ['signals', '#/signals'], ['scanner', '#/scanner'],
      ['tracker', '#/tracker'], ['backtests', '#/backtests'], ['models', '#/models'],
    ] as const;
    for (const [name, hash] of pages) {
      const page = await browser.newPage();
      const w = watch(page);
      await open(page, hash);
      if (name === 'pair') await page.waitForSelector('#analysis-text', { timeout: 60_000 });
      if (name === 'tracker') await page.waitForSelector('#depth svg', { timeout: 30_000 });
      // No page may be empty or fail: it shows its data or says what is missing.
      expect(await page.locator('#page .notice.error').count(), `${name}: error notices`).toBe(0);
      await shot(page, name);
      expect(w.errors, `${name}: console errors`).toEqual([]);
      expect(w.outside, `${name}: requests outside the server`).toEqual([]);
      await page.close();
    }
    const written = readdirSync(SHOTS).filter((f) => f.endsWith('.png'));
    for (const [name] of pages) {
      expect(written).toContain(`${name}.png`);
      expect(statSync(join(SHOTS, `${name}.png`)).size).toBeGreaterThan(10_000);
    }
  }, 240_000);

  it('draws the right number of BTC/USDT daily candles on the chart canvas; reports the first-load time', async () => {
    const replay = new ReplaySource();
    const expected = Math.min(CHART_LIMIT, candleCount(await replay.candles(parsePair('BTC/USDT'), '1d')));
    const page = await browser.newPage();
    const w = watch(page);
    const started = Date.now();
    await page.goto(`${base}/#/pair/btc_usdt/1d`, { waitUntil: 'load' });
    await page.waitForSelector('#price-chart[data-drawn="1"]', { timeout: 30_000 });
    const wallMs = Date.now() - started;
    const drawnAt = Number(await page.evaluate('document.body.dataset.pairDrawnAtMs'));
    // A figure, not an assertion: other test files share the two cores.
    console.log(`pair view first load (BTC/USDT 1d, ${expected} candles): chart drawn ${drawnAt} ms after navigation start (${wallMs} ms wall clock incl. goto)`);
    expect(Number(await page.getAttribute('#price-chart', 'data-candles'))).toBe(expected);
    // The last bar is the last bundled daily candle.
    const last = await replay.candles(parsePair('BTC/USDT'), '1d', { limit: 1 });
    expect(Number(await page.getAttribute('#price-chart', 'data-last-time'))).toBe(last.time[0]);
    // The canvas carries ink: a candle chart, not an empty frame.
    const inked = await page.evaluate(`(() => {
      let best = 0;
      for (const c of document.querySelectorAll('#price-chart canvas')) {
        if (c.width < 300 || c.height < 200) continue;
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 0; i < d.length; i += 4) if (d[i] + d[i + 1] + d[i + 2] > 120) n++;
        best = Math.max(best, n);
      }
      return best;
    })()`) as number;
    expect(inked).toBeGreaterThan(5_000);
    // Stored BTC/USDT signals of the replayed history are on the chart as markers.
    const stored = await server.ctx.store.querySignals({ source: 'replay', symbol: parsePair('BTC/USDT'), limit: 10_000 });
    const first = (await replay.candles(parsePair('BTC/USDT'), '1d', { limit: CHART_LIMIT })).time[0]!;
    await page.waitForSelector('#price-chart[data-signal-markers]');
    expect(Number(await page.getAttribute('#price-chart', 'data-signal-markers'))).toBe(stored.filter((s) => s.time >= first).length);
    // The README's picture: the whole pair view once indicators, signals and analysis are in.
    await page.waitForSelector('body[data-pair-load-ms]', { timeout: 60_000 });
    await page.screenshot({ path: join(SHOTS, 'pair-view.png') });
    expect(w.errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('a signal pushed over /ws/signals appears on the signals page (bounded wait of 2 s)', async () => {
    const page = await browser.newPage();
    const w = watch(page);
    await open(page, '#/signals');
    await page.waitForSelector('#live[data-signals="open"]', { timeout: 10_000 });
    const [latest] = await server.ctx.store.querySignals({ source: 'replay', limit: 1 });
    expect(latest).toBeDefined();
    // A real stored signal, one bar later, as the pipeline would publish it.
    const pushed: StoredSignal = { ...latest!, time: latest!.time + 86_400_000 };
    const before = Number(await page.getAttribute('#signal-list', 'data-rows'));
    await server.ctx.signalBus.publish(pushed);
    const row = page.locator('#signals-table tbody tr', { hasText: new Date(pushed.time).toISOString().slice(0, 10) }).filter({ has: page.locator('.badge') });
    await row.first().waitFor({ timeout: 2_000 });
    expect(await row.first().textContent()).toContain(pushed.symbol);
    expect(Number(await page.getAttribute('#signal-list', 'data-rows'))).toBe(before + 1);
    expect(w.errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('the Persian analysis renders right-to-left', async () => {
    const page = await browser.newPage();
    const w = watch(page);
    await open(page, '#/pair/eth_usdt/1d/fa');
    const text = page.locator('#analysis-text');
    await text.waitFor({ timeout: 60_000 });
    expect(await text.getAttribute('dir')).toBe('rtl');
    expect(await text.getAttribute('lang')).toBe('fa');
    expect(await page.evaluate("getComputedStyle(document.querySelector('#analysis-text')).direction")).toBe('rtl');
    const content = (await text.textContent()) ?? '';
    // Mostly Arabic-script letters: the Persian summary, not the English report.
    const letters = content.replace(/[^\p{L}]/gu, '');
    const persian = content.replace(/[^\u0600-\u06FF]/g, '');
    expect(persian.length / letters.length).toBeGreaterThan(0.5);
    await shot(page, 'pair-fa');
    expect(w.errors).toEqual([]);
    await page.close();
  }, 90_000);

  it('computes the intelligence signal on the pair view and lists each part with its status', async () => {
    const page = await browser.newPage();
    const w = watch(page);
    await open(page, '#/pair/btc_usdt/1d');
    await page.click('#intel-run');
    await page.waitForSelector('#intel-parts', { timeout: 90_000 });
    // The bundled Binance feed gives the order book part offline; what is missing says why.
    const rows = await page.locator('#intel-parts tbody tr').allTextContents();
    expect(rows.some((r) => r.startsWith('orderbook') && r.includes('present'))).toBe(true);
    expect(rows.filter((r) => r.includes('missing')).every((r) => r.length > 'missingx'.length + 10)).toBe(true);
    expect(w.errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('shows the trained model against its baselines, with permutation importance', async () => {
    const page = await browser.newPage();
    const w = watch(page);
    await open(page, '#/models');
    expect(await page.locator('.models-table tbody tr').count()).toBe(5);
    expect(await page.locator('.importance .bar-row').count()).toBeGreaterThan(3);
    expect(w.errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('runs a backtest from the page and draws its equity curve', async () => {
    const page = await browser.newPage();
    const w = watch(page);
    await open(page, '#/backtests');
    await page.click('#bt-form button[type="submit"]');
    await page.waitForSelector('#equity-chart[data-points]', { timeout: 90_000 });
    expect(Number(await page.getAttribute('#equity-chart', 'data-points'))).toBeGreaterThan(100);
    expect(await page.locator('#bt-metrics tbody tr').count()).toBeGreaterThan(5);
    await page.waitForSelector('#trades-chart[data-candles]', { timeout: 30_000 });
    await shot(page, 'backtests-result');
    expect(w.errors).toEqual([]);
    await page.close();
  }, 120_000);
});
