import { asPair } from '../../../src/core/types.js';
import { describe, it, expect } from 'vitest';
import { ReplaySource } from '../../../src/sources/market/replay/source.js';
import { UnknownSymbolError, MarketError } from '../../../src/sources/market/errors.js';
import { parsePair } from '../../../src/core/types.js';
import { candleCount } from '../../../src/core/series.js';
import { canResample, TIMEFRAMES, type Timeframe } from '../../../src/core/timeframes.js';

const replay = new ReplaySource();

describe('replay source over the bundled data', () => {
  it('serves the 144 Binance USDT pairs with quote volumes', async () => {
    const markets = await replay.markets();
    const usdt = markets.filter((m) => m.quote === 'USDT');
    expect(usdt.length).toBeGreaterThanOrEqual(144);
    const btc = markets.find((m) => m.symbol === 'BTC/USDT')!;
    expect(btc.quoteVolume).toBeGreaterThan(1e8);
    expect(btc.active).toBe(true);
  });
  it('returns real candles: BTC/USDT high 69000 on 2021-11-10 and 64854 on 2021-04-14', async () => {
    const c = await replay.candles(asPair('BTC/USDT'), '1d', { since: Date.UTC(2021, 10, 10), limit: 1 });
    expect(c.high[0]).toBe(69000);
    const d = await replay.candles(asPair('BTC/USDT'), '1d', { since: Date.UTC(2021, 3, 14), limit: 1 });
    expect(d.high[0]).toBe(64854);
  });
  it('limit without since gives the latest candles; until is exclusive', async () => {
    const c = await replay.candles(asPair('ETH/USDT'), '1d', { limit: 5 });
    expect(candleCount(c)).toBe(5);
    expect(new Date(c.time[4]!).toISOString()).toBe('2024-04-09T00:00:00.000Z');
    const u = await replay.candles(asPair('ETH/USDT'), '1d', { since: Date.UTC(2024, 0, 1), until: Date.UTC(2024, 0, 4) });
    expect(candleCount(u)).toBe(3);
  });
  it('resamples finer data: BTC/USDT 4h from Binance hourly bars', async () => {
    const c = await replay.candles(asPair('BTC/USDT'), '4h');
    expect(candleCount(c)).toBe(30); // 120 hourly bars, 2018-05-01..05
    const h = await replay.candles(asPair('BTC/USDT'), '1h', { limit: 4, since: Date.UTC(2018, 4, 1) });
    expect(c.high[0]).toBe(Math.max(...h.high));
  });
  it('unknown pair is a typed error; impossible timeframe says why', async () => {
    await expect(replay.candles(asPair('NOPE/USDT'), '1d')).rejects.toBeInstanceOf(UnknownSymbolError);
    await expect(replay.candles(asPair('ETH/USDT'), '1h')).rejects.toBeInstanceOf(MarketError);
  });
  it('replays the recorded Binance book in sequence and trades with taker sides', async () => {
    const snap = await replay.orderBook(asPair('BTC/USDT'), 5);
    expect(snap.bids[0]![0]).toBeLessThan(snap.asks[0]![0]);
    let n = 0;
    let last;
    for await (const b of replay.bookStream(asPair('BTC/USDT'), { depth: 10 })) {
      n++;
      last = b;
      for (let i = 1; i < b.bids.length; i++) expect(b.bids[i]![0]).toBeLessThan(b.bids[i - 1]![0]);
      if (n > 300) break;
    }
    expect(n).toBeGreaterThan(300);
    expect(last!.bids[0]![0]).toBeLessThan(last!.asks[0]![0]);
    const trades = await replay.trades(asPair('ETH/USDT'), 100);
    expect(trades).toHaveLength(100);
    expect(new Set(trades.map((t) => t.side))).toEqual(new Set(['buy', 'sell']));
  });
  it('replays trades at a chosen speed', async () => {
    const times: number[] = [];
    for await (const t of replay.tradeStream(asPair('BTC/USDT'), { speed: 1000 })) if (times.push(t.time) >= 50) break;
    expect(times).toHaveLength(50);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    const ac = new AbortController();
    ac.abort();
    let after = 0;
    for await (const _ of replay.tradeStream(asPair('BTC/USDT'), { speed: 1, signal: ac.signal })) after++;
    expect(after).toBe(0);
  });
  it('normalizes pair spellings', () => {
    expect(parsePair('eth_usdt')).toBe('ETH/USDT');
    expect(parsePair('ETHUSDT')).toBe('ETH/USDT');
    expect(parsePair('ETH/USDT')).toBe('ETH/USDT');
    expect(() => parsePair('ETH')).toThrow(/not a pair/);
  });
});

// The source picks, per (pair, timeframe), the coarsest bundled timeframe that resamples
// exactly, then Binance, then the longest series (catalogue order on ties), and reads only
// the datasets tied on the first two keys. Checked against the rule applied to every
// bundled series (all read) for every pair and every timeframe.
describe('replay source: which dataset serves a pair', () => {
  const TFS: Timeframe[] = ['1m', '5m', '15m', '1h', '4h', '1d', '1w'];
  const all = new ReplaySource().listSeries();
  const order = new Map(all.map((s, i) => [`${s.dataset}|${s.symbol}`, i]));
  const tfIndex = (tf: Timeframe) => TIMEFRAMES.indexOf(tf);
  const expected = (symbol: string, tf: Timeframe): string | undefined => {
    const usable = all.filter((s) => s.symbol === symbol && canResample(s.timeframe, tf));
    const binance = (s: (typeof all)[number]) => (s.exchange === 'binance' ? 1 : 0);
    usable.sort((a, b) => (tfIndex(b.timeframe) - tfIndex(a.timeframe)) || (binance(b) - binance(a)) || (b.candles - a.candles)
      || (order.get(`${a.dataset}|${a.symbol}`)! - order.get(`${b.dataset}|${b.symbol}`)!));
    return usable[0]?.dataset;
  };
  const lazy = new ReplaySource();
  it('the pick follows the rule on every bundled pair', () => {
    let checked = 0;
    for (const symbol of [...new Set(all.map((s) => s.symbol))]) {
      for (const tf of TFS) {
        let got: string | undefined;
        try { got = lazy.datasetFor(asPair(symbol), tf); } catch (e) {
          expect(e).toBeInstanceOf(MarketError);
          expect(expected(symbol, tf), `${symbol} ${tf}`).toBeUndefined();
          continue;
        }
        expect(got, `${symbol} ${tf}`).toBe(expected(symbol, tf));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(144);
  });
  it('reads only the series it serves from: BTC/USDT daily does not parse its hourly and minute series', () => {
    const fresh = new ReplaySource();
    expect(fresh.datasetFor(asPair('BTC/USDT'), '1d')).toBe('binance-daily');
    expect(fresh.seriesRead).toBe(1);
  });
});
