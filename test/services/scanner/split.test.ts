import { describe, it, expect } from 'vitest';
import { fromRows, type Candles } from '../../../src/core/series.js';
import { asPair, type Trade } from '../../../src/core/types.js';
import { scanPair } from '../../../src/services/scanner/scan-pair.js';
import type { ScanParams } from '../../../src/services/scanner/types.js';
import { ReplaySource } from '../../../src/sources/market/replay/source.js';
import { MemorySource } from './memory-source.js';

const MIN = 60_000;
const BTC = asPair('BTC/USDT');

const params = (over: Partial<ScanParams> = {}): ScanParams => ({
  top: 'all', timeframe: '1m', periods: 6, window: 3, k: 4, alertThreshold: 0.7, concurrency: 1, trades: 'all', ...over,
});

/** 1m candles built from the recorded trades themselves (real Binance prints of 2024-08-08/09). */
function minuteCandles(trades: readonly Trade[]): Candles {
  const rows = new Map<number, number[]>();
  for (const t of trades) {
    const m = Math.floor(t.time / MIN) * MIN;
    const r = rows.get(m);
    if (!r) rows.set(m, [m, t.price, t.price, t.price, t.price, t.amount]);
    else {
      r[2] = Math.max(r[2]!, t.price);
      r[3] = Math.min(r[3]!, t.price);
      r[4] = t.price;
      r[5]! += t.amount;
    }
  }
  return fromRows([...rows.values()].sort((a, b) => a[0]! - b[0]!));
}

describe('scanner buy/sell split: only trades inside the candle it describes', () => {
  it('a daily candle of 2024-04-09 gets no split from trades recorded on 2024-08-09 (the bug of issue 17)', async () => {
    const src = new ReplaySource();
    const [market] = (await src.markets()).filter((m) => m.symbol === BTC);
    const trades = await src.trades(BTC, 1000);
    expect(trades.length).toBeGreaterThan(0);
    const r = await scanPair(src, market!, 1, params({ timeframe: '1d', periods: 50, window: 25 }));
    expect(r.status).toBe('ok');
    if (r.status !== 'ok') return;
    // The trades exist, but none lies inside the candle: no split rather than a wrong one.
    expect(trades.every((t) => t.time >= r.last! + 86_400_000)).toBe(true);
    expect(r.split).toBeNull();
  });

  it('the split of the latest closed 1m candle counts exactly the trades inside it, whose times lie in the candle', async () => {
    const trades = await new ReplaySource().trades(BTC, 100_000);
    const candles = minuteCandles(trades);
    const n = candles.time.length;
    expect(n).toBeGreaterThan(8);
    const src = new MemorySource(new Map([[BTC, candles]]), '1m', { trades: new Map([[BTC, trades]]) });
    const [market] = await src.markets();
    // Half-way through the last minute: that candle is still forming, the one before is the latest closed.
    const now = candles.time[n - 1]! + 30_000;
    const r = await scanPair(src, market!, 1, params(), now);
    expect(r.status).toBe('ok');
    if (r.status !== 'ok') return;
    const open = candles.time[n - 2]!;
    expect(r.lastClosed).toBe(open);
    const s = r.split!;
    expect(s).not.toBeNull();
    expect(s.candleTime).toBe(open);
    expect(s.candleEnd).toBe(open + MIN);
    // The trades the split reports cover only the candle's range...
    expect(s.from).toBeGreaterThanOrEqual(open);
    expect(s.to).toBeLessThan(open + MIN);
    // ...and every trade of that range is in it (the recorded list starts minutes earlier).
    const inside = trades.filter((t) => t.time >= open && t.time < open + MIN);
    expect(s.trades).toBe(inside.length);
    const buy = inside.filter((t) => t.side === 'buy').reduce((a, t) => a + t.amount, 0);
    const sell = inside.filter((t) => t.side === 'sell').reduce((a, t) => a + t.amount, 0);
    expect(s.buyVolume).toBeCloseTo(buy, 9);
    expect(s.sellVolume).toBeCloseTo(sell, 9);
    // The candle's volume is exactly these trades' amounts: the split and the candle describe the same thing.
    expect(s.buyVolume + s.sellVolume).toBeCloseTo(candles.volume[n - 2]!, 9);
    expect(s.complete).toBe(true);
  });

  it('recent trades that start inside the candle give a split marked incomplete; none inside gives null', async () => {
    const all = await new ReplaySource().trades(BTC, 100_000);
    const candles = minuteCandles(all);
    const n = candles.time.length;
    const open = candles.time[n - 2]!;
    const now = candles.time[n - 1]! + 30_000;
    const late = all.filter((t) => t.time >= open + 20_000);
    const src = new MemorySource(new Map([[BTC, candles]]), '1m', { trades: new Map([[BTC, late]]) });
    const r = await scanPair(src, (await src.markets())[0]!, 1, params(), now);
    if (r.status !== 'ok') throw new Error(r.reason);
    expect(r.split!.complete).toBe(false);
    expect(r.split!.from).toBeGreaterThanOrEqual(open + 20_000);
    expect(r.split!.to).toBeLessThan(open + MIN);

    const after = all.filter((t) => t.time >= open + MIN);
    const src2 = new MemorySource(new Map([[BTC, candles]]), '1m', { trades: new Map([[BTC, after]]) });
    const r2 = await scanPair(src2, (await src2.markets())[0]!, 1, params(), now);
    if (r2.status !== 'ok') throw new Error(r2.reason);
    expect(r2.split).toBeNull();
  });
});
