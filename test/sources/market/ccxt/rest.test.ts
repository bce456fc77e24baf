import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toRows } from '../../../../src/core/series.js';
import { UnknownSymbolError } from '../../../../src/sources/market/errors.js';
import type { CcxtSource } from '../../../../src/sources/market/ccxt/source.js';
import { dailyBars, feed, hourlyBtc, startFakeExchange, type Bar, type FakeExchange } from '../../../helpers/fake-exchange/index.js';
import { EXCHANGES, PATHS, sourceFor } from './setup.js';

const row = (b: Bar): number[] => [b.t, Number(b.o), Number(b.h), Number(b.l), Number(b.c), Number(b.v)];
const DAY = 86_400_000;

describe.each(EXCHANGES)('CcxtSource(%s) REST against the fake exchange', (id) => {
  let fx: FakeExchange;
  let src: CcxtSource;
  beforeAll(async () => {
    fx = await startFakeExchange();
    src = sourceFor(id, fx);
  });
  afterAll(async () => {
    await src.close();
    await fx.close();
  });

  it('lists the bundled USDT pairs with BTC/USDT and its quote volume', async () => {
    const markets = await src.markets();
    expect(markets).toHaveLength(dailyBars().size);
    const btc = markets.find((m) => m.symbol === 'BTC/USDT');
    const last = dailyBars().get('BTC/USDT')!.at(-1)!;
    expect(btc).toMatchObject({ base: 'BTC', quote: 'USDT', active: true });
    expect(btc!.quoteVolume).toBeCloseTo(Number(last.v) * Number(last.c), 0);
  });

  it('returns BTC/USDT 1h candles equal to the file rows', async () => {
    const hours = hourlyBtc();
    const c = await src.candles('btc_usdt', '1h', { since: hours[0]!.t, limit: 48 });
    expect(toRows(c)).toEqual(hours.slice(0, 48).map(row));
  });

  it('pages 1d candles across several requests without duplicates', async () => {
    const paged = sourceFor(id, fx, { pageSize: 7 });
    try {
      const since = Date.UTC(2021, 0, 1);
      const until = Date.UTC(2021, 2, 1);
      const before = fx.count(PATHS[id].candles);
      const c = await paged.candles('BTC/USDT', '1d', { since, until });
      const expected = dailyBars().get('BTC/USDT')!.filter((b) => b.t >= since && b.t < until);
      expect(expected).toHaveLength(59);
      expect(toRows(c)).toEqual(expected.map(row));
      expect(new Set(c.time).size).toBe(c.time.length);
      expect(fx.count(PATHS[id].candles) - before).toBeGreaterThanOrEqual(Math.ceil(59 / 7));
    } finally {
      await paged.close();
    }
  });

  it('honours since + limit across pages', async () => {
    const paged = sourceFor(id, fx, { pageSize: 7 });
    try {
      const since = Date.UTC(2022, 5, 10);
      const c = await paged.candles('ETH/USDT', '1d', { since, limit: 20 });
      const expected = dailyBars().get('ETH/USDT')!.filter((b) => b.t >= since).slice(0, 20);
      expect(toRows(c)).toEqual(expected.map(row));
      for (let i = 1; i < c.time.length; i++) expect(c.time[i]! - c.time[i - 1]!).toBe(DAY);
    } finally {
      await paged.close();
    }
  });

  it('returns the order book of the recorded snapshot, bids descending and asks ascending', async () => {
    const book = await src.orderBook('BTC/USDT', 10);
    const snap = feed('btc').snapshot;
    expect(book.bids).toEqual(snap.bids.slice(0, 10).map(([p, q]) => [Number(p), Number(q)]));
    expect(book.asks).toEqual(snap.asks.slice(0, 10).map(([p, q]) => [Number(p), Number(q)]));
    for (let i = 1; i < 10; i++) {
      expect(book.bids[i]![0]).toBeLessThan(book.bids[i - 1]![0]);
      expect(book.asks[i]![0]).toBeGreaterThan(book.asks[i - 1]![0]);
    }
    expect(book.bids[0]![0]).toBeLessThan(book.asks[0]![0]);
  });

  it('returns recent trades with the prices and taker sides of the feed', async () => {
    const trades = await src.trades('BTC/USDT', 50);
    const byId = new Map(feed('btc').trades.map((t) => [String(t.t), t]));
    expect(trades.length).toBeGreaterThan(0);
    expect(trades.length).toBeLessThanOrEqual(50);
    for (const t of trades) {
      const raw = byId.get(t.id)!;
      expect(raw).toBeDefined();
      expect(t.price).toBe(Number(raw.p));
      expect(t.side).toBe(raw.m ? 'sell' : 'buy');
      expect(t.time).toBe(raw.T);
    }
    for (let i = 1; i < trades.length; i++) expect(trades[i]!.time).toBeGreaterThanOrEqual(trades[i - 1]!.time);
    expect(new Set(trades.map((t) => t.side))).toEqual(new Set(['buy', 'sell']));
    // The newest trade of the feed is the newest returned.
    expect(trades.at(-1)!.id).toBe(String(feed('btc').trades.at(-1)!.t));
  });

  it('returns the ticker of the last bundled day', async () => {
    const t = await src.ticker('ETH/USDT');
    const last = dailyBars().get('ETH/USDT')!.at(-1)!;
    expect(t.symbol).toBe('ETH/USDT');
    expect(t.last).toBe(Number(last.c));
  });

  it('rejects an unknown pair with UnknownSymbolError', async () => {
    const err = await src.candles('NOPE/USDT', '1d', { limit: 5 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnknownSymbolError);
    expect((err as UnknownSymbolError).kind).toBe('unknown_symbol');
    expect((err as Error).message).toContain(id);
    await expect(src.orderBook('NOPE/USDT')).rejects.toBeInstanceOf(UnknownSymbolError);
  });
});

describe('CcxtSource(binance) latest candles', () => {
  it('pages back from the newest candle the exchange has, not from the local clock', async () => {
    const fx = await startFakeExchange();
    const src = sourceFor('binance', fx, { pageSize: 7 });
    try {
      const c = await src.candles('BTC/USDT', '1d', { limit: 30 });
      const expected = dailyBars().get('BTC/USDT')!.slice(-30);
      expect(toRows(c)).toEqual(expected.map(row));
      const until = Date.UTC(2021, 0, 1);
      const d = await src.candles('BTC/USDT', '1d', { until, limit: 10 });
      expect(toRows(d)).toEqual(dailyBars().get('BTC/USDT')!.filter((b) => b.t < until).slice(-10).map(row));
    } finally {
      await src.close();
      await fx.close();
    }
  });
});
