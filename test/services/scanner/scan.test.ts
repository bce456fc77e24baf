import { describe, it, expect } from 'vitest';
import { candleCount, type Candles } from '../../../src/core/series.js';
import { runScan } from '../../../src/services/scanner/scan.js';
import type { ScanParams } from '../../../src/services/scanner/types.js';
import { ReplaySource } from '../../../src/sources/market/replay/source.js';
import { FREQTRADE_DIR, HAS_FREQTRADE, NFI_DIR, freqtradeFiles, loadFreqtrade } from '../../core/volume/real-data.js';
import { MemorySource } from './memory-source.js';

const params = (over: Partial<ScanParams> = {}): ScanParams => ({
  top: 'all', timeframe: '5m', periods: 50, window: 25, k: 4, alertThreshold: 0.7, concurrency: 3, trades: 'spikes', ...over,
});

/** The rule written out directly over the last `periods` candles of the fetched tail. */
function naiveSpikes(c: Candles, periods: number, w: number, k: number): number[] {
  const n = candleCount(c);
  const start = Math.max(0, n - periods - w);
  const v = Array.from(c.volume.subarray(start));
  const out: number[] = [];
  for (let i = Math.max(w, v.length - periods); i < v.length; i++) {
    const win = v.slice(i - w, i);
    const mean = win.reduce((a, b) => a + b, 0) / w;
    const std = Math.sqrt(win.reduce((a, b) => a + (b - mean) ** 2, 0) / (w - 1));
    if (v[i]! > mean + k * std) out.push(c.time[start + i]!);
  }
  return out;
}

describe('batch scan over real Binance candles', () => {
  it.runIf(HAS_FREQTRADE)('finds exactly the spikes of a direct computation, lists failed pairs and keeps going, bounds concurrency', async () => {
    const data = new Map<string, Candles>();
    for (const f of freqtradeFiles(FREQTRADE_DIR, '-5m')) data.set(f.pair, loadFreqtrade(f.file));
    const failing = new Set(['DOGE/USDT', 'TRX/USDT']);
    const src = new MemorySource(data, '5m', { failing });
    // 2000 periods so the April 2023 files have spikes to compare (50 periods may have none).
    const { summary, pairs } = await runScan(src, params({ periods: 2000, alertScope: 'all' }), { trigger: 'manual' });
    expect(summary.pairs).toMatchObject({ requested: 13, ok: 11, failed: 2 });
    expect(summary.failed.map((f) => f.symbol).sort()).toEqual(['DOGE/USDT', 'TRX/USDT']);
    expect(summary.failed[0]!.reason).toMatch(/503/);
    expect(src.maxInFlight).toBeLessThanOrEqual(3);
    expect(src.maxInFlight).toBeGreaterThan(1);
    let total = 0;
    for (const p of pairs) {
      if (p.status !== 'ok') continue;
      expect(p.spikes.map((s) => s.time), p.symbol).toEqual(naiveSpikes(data.get(p.symbol)!, 2000, 25, 4));
      expect(p.candles).toBe(2025);
      expect(p.scanned).toBe(2000);
      total += p.spikes.length;
    }
    expect(total).toBeGreaterThan(10);
    expect(summary.pairs.alerts).toBe(pairs.reduce((a, p) => a + (p.status === 'ok' ? p.alerts : 0), 0));
    // Ranked by quote volume: the most traded pair first.
    const byQv = [...(await src.markets())].sort((a, b) => b.quoteVolume! - a.quoteVolume!);
    expect(pairs[0]!.symbol).toBe(byQv[0]!.symbol);
  });

  it.runIf(HAS_FREQTRADE)('alerts only for the latest closed candle by default; a forming candle never alerts', async () => {
    const data = new Map<string, Candles>();
    for (const f of freqtradeFiles(FREQTRADE_DIR, '-5m')) data.set(f.pair, loadFreqtrade(f.file));
    const src = new MemorySource(data, '5m');
    const all = await runScan(src, params({ periods: 2000, alertScope: 'all' }), { trigger: 'manual' });
    // Each pair's latest candle, as of the end of its file: the earliest "now" at which every pair's last candle has closed.
    const lastOf = (p: string) => data.get(p)!.time[data.get(p)!.time.length - 1]!;
    const latest = await runScan(src, params({ periods: 2000 }), { trigger: 'manual' });
    expect(latest.summary.params.alertScope ?? 'latest').toBe('latest');
    expect(all.summary.alerts.length).toBeGreaterThan(latest.summary.alerts.length);
    for (const a of latest.summary.alerts) expect(Date.parse(a.time)).toBe(lastOf(a.symbol));
    // Exactly the 'all' alerts that sit on a pair's last candle.
    const want = all.summary.alerts.filter((a) => Date.parse(a.time) === lastOf(a.symbol)).map((a) => a.symbol).sort();
    expect(latest.summary.alerts.map((a) => a.symbol).sort()).toEqual(want);

    // Two minutes into each file's last 5m candle: that candle is forming, the one before it is the latest closed.
    const sym = [...data.keys()][0]!;
    const now = lastOf(sym) + 2 * 60_000;
    const forming = await runScan(src, params({ periods: 2000, top: 'all' }), { trigger: 'manual', now });
    const p = forming.pairs.find((x) => x.symbol === sym)!;
    if (p.status !== 'ok') throw new Error(p.reason);
    expect(p.last).toBe(lastOf(sym));
    expect(p.lastClosed).toBe(lastOf(sym) - 5 * 60_000);
    for (const a of forming.summary.alerts.filter((x) => x.symbol === sym)) expect(Date.parse(a.time)).toBe(p.lastClosed);
  });

  it.runIf(HAS_FREQTRADE)('takes the top N by quote volume on the 1h files', async () => {
    const data = new Map<string, Candles>();
    for (const f of freqtradeFiles(NFI_DIR, '-1h')) data.set(f.pair, loadFreqtrade(f.file));
    const src = new MemorySource(data, '1h');
    const { summary, pairs } = await runScan(src, params({ timeframe: '1h', top: 5 }), { trigger: 'manual' });
    expect(summary.pairs.requested).toBe(5);
    const want = (await src.markets()).sort((a, b) => b.quoteVolume! - a.quoteVolume!).slice(0, 5).map((m) => m.symbol);
    expect(pairs.map((p) => p.symbol)).toEqual(want);
    for (const p of pairs) if (p.status === 'ok') expect(p.spikes.map((s) => s.time)).toEqual(naiveSpikes(data.get(p.symbol)!, 50, 25, 4));
  });

  it('on the bundled replay data: 1d works; 5m serves only what resamples and fails the rest with the reason', async () => {
    const src = new ReplaySource();
    const daily = await runScan(src, params({ timeframe: '1d', top: 20, trades: 'all' }), { trigger: 'manual' });
    expect(daily.summary.pairs).toMatchObject({ requested: 20, ok: 20, failed: 0 });
    const btc = daily.pairs.find((p) => p.symbol === 'BTC/USDT');
    expect(btc?.status).toBe('ok');
    // Recorded trades (BTC/USDT and ETH/USDT, August 2024) lie outside every daily candle scanned (to April 2024).
    if (btc?.status === 'ok') expect(btc.split).toBeNull();
    const other = daily.pairs.find((p) => p.status === 'ok' && p.symbol !== 'BTC/USDT' && p.symbol !== 'ETH/USDT');
    if (other?.status === 'ok') expect(other.split).toBeNull();

    const five = await runScan(src, params({ timeframe: '5m', top: 10 }), { trigger: 'manual' });
    expect(five.summary.pairs.failed).toBeGreaterThan(0);
    for (const f of five.summary.failed) expect(f.reason).toMatch(/cannot be resampled to 5m|not in the bundled data/);
    expect(five.summary.pairs.ok + five.summary.pairs.failed).toBe(10);
  });
});
