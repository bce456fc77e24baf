import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCandleCsv } from '../../../src/sources/market/parse.js';
import { asPair } from '../../../src/core/types.js';
import { emptyCandles } from '../../../src/core/series.js';
import { gridCombos, heatmap, parseGrid, runSweep, walkForward } from '../../../src/services/backtest/sweep.js';
import type { Series } from '../../../src/services/backtest/feed.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
/** BTC/USDT daily 2017-2024 from the bundled yearly files, concatenated. */
function btcDaily(): Series {
  const parts = ['2019', '2020', '2021', '2022'].map((y) => parseCandleCsv(readFileSync(join(ROOT, 'data', 'binance-daily', `binance_daily_ohlcv_${y}.csv`), 'utf8')).get('BTC/USDT')!);
  const n = parts.reduce((a, c) => a + c.time.length, 0);
  const c = emptyCandles(n);
  let o = 0;
  for (const p of parts) {
    for (const k of ['time', 'open', 'high', 'low', 'close', 'volume'] as const) c[k].set(p[k], o);
    o += p.time.length;
  }
  return { symbol: asPair('BTC/USDT'), timeframe: '1d', candles: c };
}
const costs = { cash: 10_000, fee: 0.001, slippage: { kind: 'none' as const } };

describe('parameter sweeps and walk-forward', () => {
  it('parses grids and rejects bad ones by name', () => {
    expect(parseGrid('fast=5:20:5,slow=30|50')).toEqual({ fast: [5, 10, 15, 20], slow: [30, 50] });
    expect(gridCombos({ a: [1, 2], b: [3, 4] })).toEqual([{ a: 1, b: 3 }, { a: 1, b: 4 }, { a: 2, b: 3 }, { a: 2, b: 4 }]);
    expect(() => parseGrid('fast=20:5:5')).toThrow(/sweep fast/);
    expect(() => parseGrid('fast=a|b')).toThrow(/not a number/);
  });

  it('a sweep on worker threads gives the same rows, in grid order, as one run in this thread', async () => {
    const s = btcDaily();
    const grid = { fast: [5, 10, 15, 20, 30], slow: [20, 30, 50, 100] };
    const par = await runSweep({ strategy: 'sma-cross', series: [s], grid, costs, workers: 2 });
    const seq = await runSweep({ strategy: 'sma-cross', series: [s], grid, costs, workers: 1 });
    expect(par).toEqual(seq);
    // fast >= slow combinations are skipped, not errors.
    expect(par.length).toBe(gridCombos(grid).filter((p) => p['fast']! < p['slow']!).length);
    const h = heatmap(par, 'fast', 'slow', 'totalReturnPct');
    expect(h.x.values).toEqual([5, 10, 15, 20, 30]);
    expect(h.z).toHaveLength(4);
    expect(h.z[0]![4]).toBeNull();
    expect(h.z[3]![0]).toBe(par.find((r) => r.params['fast'] === 5 && r.params['slow'] === 100)!.metrics.totalReturnPct);
  }, 120_000);

  it('walk-forward picks parameters on each training window and measures them on the unseen window after it', async () => {
    const s = btcDaily();
    const wf = await walkForward({ strategy: 'sma-cross', series: s, grid: { fast: [5, 10, 20], slow: [30, 60] }, costs, trainBars: 365, testBars: 180, workers: 1 });
    expect(wf.windows.length).toBe(Math.floor((s.candles.time.length - 365 - 180) / 180) + 1);
    for (const w of wf.windows) {
      expect(w.test.from).toBeGreaterThan(w.train.to);
      expect([5, 10, 20]).toContain(w.best['fast']);
    }
    const growth = wf.windows.reduce((g, w) => g * (w.outOfSample.finalEquity / 10_000), 1);
    expect(wf.oosReturnPct).toBeCloseTo((growth - 1) * 100, 9);
  }, 120_000);
});
