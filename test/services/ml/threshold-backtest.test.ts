import { describe, expect, it } from 'vitest';
import { sliceCandles } from '../../../src/core/series.js';
import { asPair } from '../../../src/core/types.js';
import { thresholdBacktest } from '../../../src/services/ml/threshold-backtest.js';
import { btc4h } from '../../core/ml/candles.js';

describe('ML threshold rule through the backtester (real BTC-USD 4h)', () => {
  const c = btc4h();
  const first = 18_000;
  const rows = Int32Array.from({ length: 1000 }, (_, k) => first + k);

  it('p always above enter: one buy at the next open, held to the end — buy and hold minus one fee', async () => {
    const r = await thresholdBacktest(c, asPair('BTC/USD'), '4h', { rows, probability: new Float64Array(1000).fill(0.9) }, { enter: 0.55, exit: 0.5, fee: 0.001 });
    expect(r.bars).toBe(1000);
    expect(r.metrics.trades).toBeLessThanOrEqual(1);
    // Bought at bar first+1's open with all equity after the fee, marked at the last close.
    const s = sliceCandles(c, first, first + 1000);
    const expected = ((1 - 0.001) * s.close[999]! / s.open[1]! - 1) * 100;
    expect(r.metrics.totalReturnPct).toBeCloseTo(expected, 1);
  });

  it('p never above enter: no trade, equity flat', async () => {
    const r = await thresholdBacktest(c, asPair('BTC/USD'), '4h', { rows, probability: new Float64Array(1000).fill(0.5) });
    expect(r.metrics.trades).toBe(0);
    expect(r.metrics.totalReturnPct).toBe(0);
  });

  it('alternating signals trade every switch and pay fees; no decision uses a later bar', async () => {
    const p = Float64Array.from({ length: 1000 }, (_, k) => (Math.floor(k / 10) % 2 === 0 ? 0.9 : 0.1));
    const full = await thresholdBacktest(c, asPair('BTC/USD'), '4h', { rows, probability: p });
    expect(full.metrics.trades).toBeGreaterThanOrEqual(45);
    expect(full.metrics.commissions).toBeGreaterThan(0);
    // Prefix invariance: the first 500 bars trade the same whether or not later probabilities exist.
    const half = await thresholdBacktest(c, asPair('BTC/USD'), '4h', { rows: rows.slice(0, 500), probability: p.slice(0, 500) });
    expect(half.metrics.trades).toBeLessThanOrEqual(full.metrics.trades);
    expect(half.metrics.trades).toBeGreaterThanOrEqual(24);
  });

  it('bad thresholds are bad input naming the field', async () => {
    await expect(thresholdBacktest(c, asPair('BTC/USD'), '4h', { rows, probability: new Float64Array(1000) }, { enter: 0.5, exit: 0.6, fee: 0 })).rejects.toMatchObject({ code: 'bad_input', field: 'exit' });
  });
});
