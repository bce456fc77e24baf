import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { nextDailyAt, volumeBenchmark } from '../../../src/core/volume/benchmark.js';
import { ReplaySource } from '../../../src/sources/market/replay/source.js';
import { asPair } from '../../../src/core/types.js';

const src = new ReplaySource({ dataDir: join(import.meta.dirname, '..', '..', '..', 'data') });

describe('daily volume benchmark on bundled Binance daily candles', () => {
  it('equals the textbook mean over the N days before asOf, divided into windows; momentum compares two weeks', async () => {
    const c = await src.candles(asPair('BTC/USDT'), '1d');
    const asOf = Date.parse('2024-03-15T12:00:00Z');
    const b = volumeBenchmark(c.time, c.volume, asOf, 30);
    const day = Date.parse('2024-03-15T00:00:00Z');
    const vols: number[] = [];
    for (let i = 0; i < c.time.length; i++) if (c.time[i]! >= day - 30 * 86_400_000 && c.time[i]! < day) vols.push(c.volume[i]!);
    expect(b.days).toBe(30);
    expect(b.dailyMean).toBeCloseTo(vols.reduce((a, x) => a + x, 0) / 30, 9);
    expect(b.perWindow[5]).toBeCloseTo(b.dailyMean / 288, 9);
    const last7 = vols.slice(-7).reduce((a, x) => a + x, 0);
    const prev7 = vols.slice(-14, -7).reduce((a, x) => a + x, 0);
    expect(b.momentum7d).toBeCloseTo(last7 / prev7 - 1, 12);
  });

  it('is look-ahead free: candles of asOf day and later do not change it', async () => {
    const c = await src.candles(asPair('ETH/USDT'), '1d');
    const asOf = Date.parse('2023-06-10T23:59:30Z');
    const cut = c.time.findIndex((t) => t >= Date.parse('2023-06-10T00:00:00Z'));
    const full = volumeBenchmark(c.time, c.volume, asOf, 14);
    const prefix = volumeBenchmark(c.time.slice(0, cut), c.volume.slice(0, cut), asOf, 14);
    expect(prefix).toEqual(full);
  });

  it('with no history in the period there is no benchmark (days 0, NaN), never a made-up one', () => {
    const b = volumeBenchmark([0, 86_400_000], [5, 6], Date.parse('2024-08-09T00:00:00Z'), 7);
    expect(b.days).toBe(0);
    expect(b.perWindow[1]).toBeNaN();
  });

  it('next daily run time', () => {
    expect(new Date(nextDailyAt(Date.parse('2024-08-08T12:00:00Z'), '23:59:30')).toISOString()).toBe('2024-08-08T23:59:30.000Z');
    expect(new Date(nextDailyAt(Date.parse('2024-08-08T23:59:30Z'), '23:59:30')).toISOString()).toBe('2024-08-09T23:59:30.000Z');
    expect(() => nextDailyAt(0, '25:00')).toThrow(RangeError);
  });
});
