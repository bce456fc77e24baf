import { describe, expect, it } from 'vitest';
import { findSwings } from '../../../src/core/structure/swings.js';
import { computeSignal } from '../../../src/core/signals/compute.js';
import { fromRows, sliceCandles } from '../../../src/core/series.js';
import { PAIRS, daily, shared1h, spread } from './data.js';

const btc = daily('BTC/USDT');
const DAY = 86_400_000;

describe('swings', () => {
  it('the Binance BTC/USDT daily high of 69000 on 2021-11-10 is a swing high confirmed exactly `strength` bars later', () => {
    const idx = btc.time.indexOf(Date.UTC(2021, 10, 10));
    expect(btc.high[idx]).toBe(69000);
    for (const strength of [5, 3, 8]) {
      const s = findSwings(btc.time, btc.high, btc.low, strength).find((w) => w.index === idx)!;
      expect(s).toEqual({ index: idx, confirmedAt: idx + strength, time: Date.UTC(2021, 10, 10), price: 69000, kind: 'high' });
      // Seen by a consumer from its confirmation bar on, never before.
      const before = computeSignal(btc, { at: idx + strength - 1, strength }).swings.find((w) => w.index === idx);
      const after = computeSignal(btc, { at: idx + strength, strength }).swings.find((w) => w.index === idx);
      expect(before).toBeUndefined();
      expect(after).toEqual(s);
    }
    expect(btc.time[idx + 5]! - btc.time[idx]!).toBe(5 * DAY);
  });

  it('every swing satisfies the rule and every bar satisfying it is a swing (naive check on real data)', () => {
    for (const c of [...PAIRS.map(daily), ...shared1h('ETH')]) {
      const s = 5;
      const got = findSwings(c.time, c.high, c.low, s).map((w) => `${w.kind}@${w.index}`);
      const want: string[] = [];
      const n = c.time.length;
      for (let j = s; j < n - s; j++) {
        const left = [...c.high.subarray(j - s, j)];
        const right = [...c.high.subarray(j + 1, j + s + 1)];
        if (Math.max(...left) < c.high[j]! && Math.max(...right) <= c.high[j]!) want.push(`high@${j}`);
        const leftL = [...c.low.subarray(j - s, j)];
        const rightL = [...c.low.subarray(j + 1, j + s + 1)];
        if (Math.min(...leftL) > c.low[j]! && Math.min(...rightL) >= c.low[j]!) want.push(`low@${j}`);
      }
      expect(got).toEqual(want);
    }
  });

  it('equal highs: only the earliest of a plateau is a swing', () => {
    const rows = [1, 2, 3, 5, 5, 3, 2, 1, 1].map((h, i) => [i * DAY, h - 0.5, h, h - 1, h - 0.5, 1]);
    const c = fromRows(rows);
    const sw = findSwings(c.time, c.high, c.low, 2).filter((w) => w.kind === 'high');
    expect(sw.map((w) => w.index)).toEqual([3]);
  });

  it('prefix invariance: swings at bar i equal the full-series swings confirmed by i', () => {
    const all = findSwings(btc.time, btc.high, btc.low, 5);
    for (const i of spread(btc.time.length, 40)) {
      const p = sliceCandles(btc, 0, i + 1);
      const seen = all.filter((w) => w.confirmedAt <= i);
      expect(findSwings(p.time, p.high, p.low, 5)).toEqual(seen);
      expect(computeSignal(btc, { at: i }).swings).toEqual(seen);
    }
  });
});
