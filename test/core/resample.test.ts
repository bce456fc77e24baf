import { asPair } from '../../src/core/types.js';
import { describe, it, expect } from 'vitest';
import { ReplaySource } from '../../src/sources/market/replay/source.js';
import { resample } from '../../src/core/resample.js';
import { lowerBound, candleCount } from '../../src/core/series.js';

const replay = new ReplaySource();

describe('resampling real Binance daily candles', () => {
  const daily = replay.history(asPair('BTC/USDT'), '1d');
  it('weekly candles aggregate Monday..Sunday exactly', () => {
    const weekly = resample(daily, '1w');
    const monday = Date.UTC(2021, 10, 8); // week of the 69000 all-time high (2021-11-10)
    const w = lowerBound(weekly.time, monday);
    expect(weekly.time[w]).toBe(monday);
    const a = lowerBound(daily.time, monday);
    const b = lowerBound(daily.time, monday + 7 * 86_400_000);
    expect(b - a).toBe(7);
    expect(weekly.open[w]).toBe(daily.open[a]);
    expect(weekly.close[w]).toBe(daily.close[b - 1]);
    expect(weekly.high[w]).toBe(69000);
    expect(weekly.low[w]).toBe(Math.min(...daily.low.subarray(a, b)));
    expect(weekly.volume[w]).toBeCloseTo(daily.volume.subarray(a, b).reduce((s, v) => s + v, 0), 6);
  });
  it('drops the forming last bucket when asked', () => {
    const all = resample(daily, '1w');
    const complete = resample(daily, '1w', { dropPartialLast: true, sourceMs: 86_400_000 });
    // Data ends on Tuesday 2024-04-09: that week is incomplete.
    expect(candleCount(all) - candleCount(complete)).toBe(1);
  });
  it('monthly candles start on the 1st', () => {
    const m = resample(daily, '1M');
    for (const t of m.time) expect(new Date(t).getUTCDate()).toBe(1);
  });
});
