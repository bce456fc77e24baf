import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decide, divergence, horizonHours, sizing } from '../../../src/core/intel/coordinator.js';
import { backtestRule, confidenceFor, type RuleBar } from '../../../src/core/intel/backtest.js';
import { ruleBars } from '../../../src/core/intel/history.js';
import { exchangeWhales, takerOrders } from '../../../src/core/intel/whales.js';
import { parseCandleCsv } from '../../../src/sources/market/parse.js';
import { type Candles, sliceCandles } from '../../../src/core/series.js';

describe('SPEC E divergence rule', () => {
  it('whale accumulation + fear is bullish, distribution + greed bearish, same side neutral; > 50 points is high', () => {
    expect(divergence(40, 20)).toEqual({ view: 'bullish', points: 100, high: true });
    expect(divergence(-10, 60)).toEqual({ view: 'bearish', points: -30, high: false });
    expect(divergence(30, 70).view).toBe('neutral');
    expect(divergence(null, 20)).toEqual({ view: 'neutral', points: null, high: false });
  });

  it('BUY/SELL need two votes: a high divergence alone, or a divergence the technical signal agrees with', () => {
    expect(decide(divergence(40, 20), null).action).toBe('BUY');
    expect(decide(divergence(10, 45), 'long').action).toBe('BUY');
    expect(decide(divergence(10, 45), 'short').action).toBe('HOLD');
    expect(decide(divergence(-60, 80), 'neutral').action).toBe('SELL');
    expect(decide(divergence(null, null), 'long').action).toBe('HOLD');
  });

  it('horizon stays in 2-48 h; sizing is conservative without a measured rate', () => {
    expect(horizonHours(60_000)).toBe(2);
    expect(horizonHours(4 * 3_600_000)).toBe(24);
    expect(horizonHours(86_400_000)).toBe(48);
    expect(sizing('BUY', null, true, 0)).toBe('conservative');
    expect(sizing('BUY', { rate: 0.62, sample: 150 }, true, 0)).toBe('aggressive');
    expect(sizing('BUY', { rate: 0.62, sample: 150 }, true, 1)).toBe('moderate');
    expect(sizing('HOLD', { rate: 0.9, sample: 500 }, true, 0)).toBe('conservative');
  });
});

describe('rule backtest', () => {
  const bar = (i: number, close: number, whale: number, fg: number): RuleBar => ({ time: i, close, whale, fearGreed: fg, technical: null });

  it('counts a BUY as a hit when the close a horizon later is higher, without overlapping calls', () => {
    // Strong bullish divergence on every bar, price rising then falling.
    const closes = [10, 11, 12, 13, 14, 11, 10, 9];
    const bt = backtestRule(closes.map((c, i) => bar(i, c, 80, 10)), 2);
    // Calls at bars 0, 2, 4 (each a horizon after the last); bar 6 has no known outcome.
    expect(bt.BUY).toEqual({ signals: 3, hits: 2, rate: 2 / 3 });
    expect(bt.SELL.signals).toBe(0);
    expect(confidenceFor(bt, 'BUY', 3)).toEqual({ rate: 2 / 3, sample: 3 });
    expect(confidenceFor(bt, 'BUY', 4)).toBeNull();
    expect(confidenceFor(bt, 'HOLD', 1)).toBeNull();
  });

  it('on real BTC/USDT daily candles: no look-ahead (a prefix gives the same inputs), and a sample large enough to measure', () => {
    const c: Candles = parseCandleCsv(readFileSync('data/binance-daily/binance_daily_ohlcv_2021.csv', 'utf8')).get('BTC/USDT')!;
    expect(c.time.length).toBe(365);
    const full = ruleBars(c, 86_400_000, null).bars;
    const prefix = ruleBars(sliceCandles(c, 0, 200), 86_400_000, null).bars;
    expect(prefix).toEqual(full.slice(0, 200));
    const bt = backtestRule(full, 2);
    expect(bt.BUY.signals + bt.SELL.signals).toBeGreaterThan(20);
    for (const t of [bt.BUY, bt.SELL]) {
      if (t.rate === null) continue;
      expect(t.rate).toBeGreaterThan(0);
      expect(t.rate).toBeLessThan(1);
    }
  });
});

describe('exchange-side whales', () => {
  it('merges fills of one taker order (same time and side) and scores large buying vs selling', () => {
    const fills = [
      { time: 1, price: 100, amount: 600, side: 'buy' as const }, { time: 1, price: 101, amount: 500, side: 'buy' as const },
      { time: 2, price: 100, amount: 5, side: 'sell' as const },
    ];
    expect(takerOrders(fills)).toHaveLength(2);
    expect(takerOrders(fills)[0]!.amount).toBe(1100);
    const many = Array.from({ length: 6 }, (_, i) => ({ time: 10 + i, price: 100, amount: i < 4 ? 2000 : 1000, side: (i < 4 ? 'buy' : 'sell') as 'buy' | 'sell' }));
    const w = exchangeWhales(many, 100_000);
    expect(w.count).toBe(6);
    expect(w.accumulation).toBe(Math.round((100 * (800_000 - 200_000)) / 1_000_000));
    // Fewer than five large orders are anecdotes: no score.
    expect(exchangeWhales(fills, 100_000).accumulation).toBeNull();
  });
});
