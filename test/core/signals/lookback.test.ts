import { describe, expect, it } from 'vitest';
import { computeSignal } from '../../../src/core/signals/compute.js';
import { lookbackStart, STRUCTURE_LOOKBACK, structureAt } from '../../../src/core/signals/lookback.js';
import { candleCount, concatCandles, sliceCandles } from '../../../src/core/series.js';
import { daily, spread } from '../structure/data.js';

describe('the lookback rule', () => {
  const btc = daily('BTC/USDT');
  const n = candleCount(btc);

  it('is the last STRUCTURE_LOOKBACK candles ending at the bar, indexes in the caller\'s series', () => {
    const at = 1500;
    const r = structureAt(btc, { at });
    const w = computeSignal(sliceCandles(btc, at - STRUCTURE_LOOKBACK + 1, at + 1));
    expect(r.at).toBe(at);
    expect(r.signal).toEqual(w.signal);
    expect(r.levels.map((l) => l.price)).toEqual(w.levels.map((l) => l.price));
    expect(r.swings.map((s) => [s.index - (at - STRUCTURE_LOOKBACK + 1), s.time])).toEqual(w.swings.map((s) => [s.index, s.time]));
    for (const s of r.swings) expect(btc.time[s.index]).toBe(s.time);
    for (const b of r.orderBlocks) expect(btc.time[b.index]).toBe(b.time);
    expect(lookbackStart(10)).toBe(0);
  });

  it('does not depend on how much history before the window was loaded, nor on later candles', () => {
    for (const at of spread(n, 12, 50)) {
      const expected = structureAt(btc, { at });
      const from = lookbackStart(at);
      const loaded = concatCandles([sliceCandles(btc, from, at + 1)]);
      const got = structureAt(loaded);
      expect(got.signal).toEqual(expected.signal);
      expect(got.planBasis).toEqual(expected.planBasis);
      expect(got.levels).toEqual(expected.levels.map((l) => ({ ...l, firstTouch: l.firstTouch - from, lastTouch: l.lastTouch - from })));
    }
  });
});
