import { asPair } from '../../../src/core/types.js';
import { describe, it, expect } from 'vitest';
import { buySellSplit } from '../../../src/core/volume/split.js';
import { ReplaySource } from '../../../src/sources/market/replay/source.js';

describe('buy/sell split on the recorded Binance BTC/USDT trades', () => {
  it('sums taker buys and sells and covers the trades span', async () => {
    const src = new ReplaySource();
    const trades = await src.trades(asPair('BTC/USDT'), 5000);
    expect(trades.length).toBeGreaterThan(100);
    const s = buySellSplit(trades)!;
    expect(s.trades).toBe(trades.length);
    const buys = trades.filter((t) => t.side === 'buy').reduce((a, t) => a + t.amount, 0);
    const sells = trades.filter((t) => t.side === 'sell').reduce((a, t) => a + t.amount, 0);
    expect(s.buyVolume).toBeCloseTo(buys, 9);
    expect(s.sellVolume).toBeCloseTo(sells, 9);
    expect(s.buyRatio).toBeCloseTo(buys / (buys + sells), 12);
    expect(s.from).toBe(Math.min(...trades.map((t) => t.time)));
    expect(s.to).toBe(Math.max(...trades.map((t) => t.time)));
    expect(buySellSplit(trades, 0, 1)).toBeNull();
  });
});
