import { describe, expect, it } from 'vitest';
import { computeSignal, PrefixSignals, WindowSignals } from '../../../src/core/signals/compute.js';
import { lookbackStart } from '../../../src/core/signals/lookback.js';
import { concatCandles, sliceCandles } from '../../../src/core/series.js';
import { HAS_SHARED_1H, PAIRS, daily, shared1h, spread } from '../structure/data.js';

describe('prefix invariance of every output', () => {
  it('the result at bar i of the full series equals the result on a fresh copy of candles [0..i]', () => {
    const series = [...PAIRS.slice(0, 3).map(daily), ...shared1h('ETH', 'SOL')];
    let compared = 0;
    for (const c of series) {
      for (const i of spread(c.time.length, 30, 0)) {
        const prefix = concatCandles([sliceCandles(c, 0, i + 1)]);
        const opts = { symbol: 'X/USDT', timeframe: '1d', minSample: 3 };
        expect(computeSignal(c, { ...opts, at: i })).toEqual(computeSignal(prefix, opts));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(HAS_SHARED_1H ? 150 : 90); // 3 bundled series x ~31 probes, + 2 shared ones
  });

  it('PrefixSignals, which continues one walk as `at` rises, gives computeSignal\'s result at every bar asked', () => {
    const opts = { symbol: 'X/USDT', timeframe: '1d', minSample: 3 };
    let compared = 0;
    for (const pair of PAIRS.slice(0, 3)) {
      const c = sliceCandles(daily(pair), 0, 620);
      const p = new PrefixSignals(c, opts);
      // Every bar, then every other bar and every third (a compute thread of a pool of two or
      // three sees every other or third candle), then back to an earlier bar (a new walk).
      const asked = [...Array.from({ length: 200 }, (_, i) => i), ...Array.from({ length: 150 }, (_, k) => 200 + 2 * k), ...Array.from({ length: 90 }, (_, k) => 350 + 3 * k), 40, 41, 619];
      for (const at of asked) {
        expect(p.at(at)).toEqual(computeSignal(c, { ...opts, at }));
        compared++;
      }
      expect(() => p.at(620)).toThrow(RangeError);
    }
    expect(compared).toBe(3 * 443);
  });

  it('WindowSignals gives computeSignal\'s result on each lookback window of a series, and kept() what a store keeps of it', () => {
    const opts = { symbol: 'X/USDT', timeframe: '1d', minSample: 3 };
    let compared = 0;
    let valid = 0;
    for (const pair of PAIRS.slice(0, 3)) {
      const c = sliceCandles(daily(pair), 0, 760);
      const w = new WindowSignals(c, opts);
      const kept = new WindowSignals(c, opts);
      // Windows from the first candle (the prefix walk), then sliding ones; every bar for a
      // stretch, then every 7th, then back to an earlier bar.
      const asked = [...Array.from({ length: 40 }, (_, i) => 470 + i), ...Array.from({ length: 35 }, (_, k) => 510 + 7 * k), 480, 30, 759];
      for (const at of asked) {
        const start = lookbackStart(at);
        const want = computeSignal(sliceCandles(c, start, at + 1), opts);
        expect(w.window(start, at)).toEqual(want);
        const k = kept.kept(start, at, 20);
        const isValid = want.signal.valid;
        expect(k).toEqual({
          signal: isValid ? want.signal : { ...k.signal, time: want.signal.time, valid: false },
          swings: want.swings.slice(-20),
          levels: want.levels,
          fib: want.fib,
          factors: isValid ? want.factors : null,
          rsi: want.rsi,
          atr: want.atr,
        });
        compared++;
        if (isValid) valid++;
      }
      expect(() => w.window(10, 9)).toThrow(RangeError);
      expect(() => w.window(0, 760)).toThrow(RangeError);
    }
    expect(compared).toBe(3 * 78);
    expect(valid).toBeGreaterThan(10);
  });

  it('validates `at`', () => {
    const c = daily('BTC/USDT');
    expect(() => computeSignal(c, { at: c.time.length })).toThrow(RangeError);
    expect(() => computeSignal(c, { at: -1 })).toThrow(RangeError);
    expect(() => computeSignal(sliceCandles(c, 0, 0))).toThrow(/no candles/);
    // Too short for any swing: an honest "neutral", not an error.
    const r = computeSignal(sliceCandles(c, 0, 8));
    expect(r.signal.direction).toBe('neutral');
    expect(r.signal.invalidReasons[0]).toMatch(/no confirmed swing/);
    expect(r.rsi).toBeNull();
  });
});
