import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { sextant } from '../helpers/cli.js';
import { requires } from '../helpers/requires.js';
import { inkedPixels, launchChromium, watchPage } from '../helpers/browser.js';

const hasChromium = await requires('chromium');
const work = mkdtempSync(join(tmpdir(), 'sextant-bt-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('sextant backtest', () => {
  it('--json prints exactly {trades, metrics, equity} with the named fields', async () => {
    const r = await sextant(['backtest', '--strategy', 'sma-cross', 'BTC/USDT', '--tf', '1d', '--param', 'fast=5', '--param', 'slow=20', '--since', '2021-01-01', '--until', '2022-01-01', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as { trades: Record<string, unknown>[]; metrics: Record<string, unknown>; equity: { time: string; equity: number }[] };
    expect(Object.keys(j)).toEqual(['trades', 'metrics', 'equity']);
    expect(j.trades.length).toBeGreaterThan(3);
    for (const t of j.trades) expect(Object.keys(t)).toEqual(['entryTime', 'exitTime', 'entryPrice', 'exitPrice', 'size', 'pnl', 'returnPct']);
    expect(Object.keys(j.metrics)).toEqual(['finalEquity', 'totalReturnPct', 'maxDrawdownPct', 'winRatePct', 'profitFactor', 'trades', 'exposurePct', 'sharpe', 'sortino', 'calmar', 'commissions']);
    expect(j.metrics['trades']).toBe(j.trades.length);
    expect(j.equity).toHaveLength(365);
    expect(j.equity[0]!.time).toBe('2021-01-01T00:00:00.000Z');
    expect(j.equity.at(-1)!.equity).toBe(j.metrics['finalEquity']);
  }, 120_000);

  it('--html writes a self-contained report that opens in headless Chromium without console errors', async () => {
    const file = join(work, 'bt.html');
    const r = await sextant(['backtest', '--strategy', 'sma-cross', 'BTC/USDT', '--tf', '1d', '--html', file]);
    expect(r.code).toBe(0);
    expect(existsSync(file)).toBe(true);
    if (!hasChromium) return; // requires() said so, or failed the run under REQUIRE_SERVICES=1
    const browser = await launchChromium(work, { width: 1200, height: 1000 });
    try {
      const page = await browser.newPage();
      const w = watchPage(page, (url) => url.startsWith('file:'));
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      await page.waitForFunction('typeof window.echarts === "object"');
      for (const id of ['price', 'equity', 'drawdown']) await page.locator(`#${id} canvas`).first().waitFor();
      // Each chart has ink on it, not a blank frame.
      const inked = await inkedPixels(page, ['#price canvas', '#equity canvas', '#drawdown canvas']);
      for (const n of inked) expect(n).toBeGreaterThan(2000);
      expect(await page.locator('table').innerText()).toContain('Max drawdown %');
      expect(w.errors).toEqual([]);
      expect(w.outside).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 180_000);

  it('bad input: one line naming the strategy, the parameter, the empty range', async () => {
    const a = await sextant(['backtest', '--strategy', 'smacross', 'BTC/USDT']);
    expect(a.code).toBe(2);
    expect(a.stderr.trim().split('\n')).toHaveLength(1);
    expect(a.stderr).toContain('unknown strategy "smacross"');
    const b = await sextant(['backtest', '--strategy', 'sma-cross', '--param', 'fsat=3', 'BTC/USDT']);
    expect(b.code).toBe(2);
    expect(b.stderr).toContain('no parameter "fsat"');
    const c = await sextant(['backtest', '--strategy', 'sma-cross', 'BTC/USDT', '--since', '2031-01-01']);
    expect(c.code).toBe(3);
    expect(c.stderr).toMatch(/no BTC\/USDT 1d candles in 2031-01-01/);
  }, 180_000);

  it('runs a user strategy file written in TypeScript; one that throws stops with its message and the bar time', async () => {
    const s = join('test', 'fixtures', 'strategies', 'buy-first-bar.ts');
    const ok = await sextant(['backtest', '--strategy', s, 'ETH/USDT', '--since', '2021-01-01', '--until', '2021-03-01', '--json']);
    expect(ok.stderr).toBe('');
    const j = JSON.parse(ok.stdout) as { metrics: { finalEquity: number }; equity: { equity: number }[] };
    expect(j.equity[0]!.equity).toBe(10_000);
    expect(j.metrics.finalEquity).not.toBe(10_000);
    const bad = await sextant(['backtest', '--strategy', s, '--param', 'failAt=10', 'ETH/USDT', '--since', '2021-01-01', '--until', '2021-03-01']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr.trim()).toBe('sextant: strategy buy-first-bar failed at 2021-01-11T00:00:00.000Z: user strategy gave up');
  }, 180_000);
});

describe('sextant paper run', () => {
  it('on replay, the risk engine refuses an order over the limit and says why', async () => {
    const r = await sextant(['paper', 'run', 'BTC/USDT', '--strategy', 'sma-cross', '--param', 'fast=5', '--param', 'slow=20', '--since', '2021-01-01', '--until', '2022-01-01', '--max-order-notional', '1000', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { type: string; refusal?: { reason: string; message: string }; fills?: number });
    const refusals = lines.filter((l) => l.type === 'refusal');
    expect(refusals.length).toBeGreaterThan(0);
    expect(refusals[0]!.refusal!.reason).toBe('order_size');
    expect(refusals[0]!.refusal!.message).toMatch(/> limit 1000/);
    expect(lines.filter((l) => l.type === 'fill')).toHaveLength(0);
    expect(lines.at(-1)!.type).toBe('summary');
  }, 180_000);
});
