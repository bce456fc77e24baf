import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrderBook, Trade } from '../../../../src/sources/market/types.js';
import { feed, startFakeExchange, type FakeExchange } from '../../../helpers/fake-exchange/index.js';
import { sourceFor } from './setup.js';

async function take<T>(it: AsyncIterable<T>, n: number, until?: (x: T) => boolean): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) {
    out.push(x);
    if (until ? until(x) : out.length >= n) break;
  }
  return out;
}

/** The book Binance's documented procedure yields: the REST snapshot plus every later diff up to `nonce`. */
function expectedBook(nonce: number): { bids: [number, number][]; asks: [number, number][] } {
  const f = feed('btc');
  const bids = new Map(f.snapshot.bids.map(([p, q]) => [Number(p), Number(q)]));
  const asks = new Map(f.snapshot.asks.map(([p, q]) => [Number(p), Number(q)]));
  for (const line of f.streamLines) {
    if (!line.json.startsWith('{"stream":"btcusdt@depth@100ms"')) continue;
    const d = (JSON.parse(line.json) as { data: { U: number; u: number; b: [string, string][]; a: [string, string][] } }).data;
    if (d.u <= f.snapshot.lastUpdateId) continue;
    if (d.u > nonce) break;
    for (const [side, rows] of [[bids, d.b], [asks, d.a]] as const) {
      for (const [p, q] of rows) {
        if (Number(q) === 0) side.delete(Number(p));
        else side.set(Number(p), Number(q));
      }
    }
  }
  return {
    bids: [...bids].sort((a, b) => b[0] - a[0]),
    asks: [...asks].sort((a, b) => a[0] - b[0]),
  };
}

describe('CcxtSource streams', () => {
  let fx: FakeExchange;
  beforeAll(async () => {
    feed('btc');
    fx = await startFakeExchange();
  });
  afterAll(async () => {
    await fx.close();
  });

  it('binance tradeStream runs ccxt pro watchTrades over the local websocket and yields the recorded trades in order', async () => {
    const src = sourceFor('binance', fx);
    try {
      const trades = await take<Trade>(src.tradeStream('BTC/USDT'), 200);
      const raw = feed('btc').trades.slice(0, 200);
      expect(trades.map((t) => t.id)).toEqual(raw.map((t) => String(t.t)));
      expect(trades.map((t) => t.price)).toEqual(raw.map((t) => Number(t.p)));
      expect(trades.map((t) => t.side)).toEqual(raw.map((t) => (t.m ? 'sell' : 'buy')));
      expect(fx.ws.subscriptions).toContain('btcusdt@trade');
    } finally {
      await src.close();
    }
  });

  it('binance tradeStream survives a dropped websocket: reconnects, resubscribes, repeats nothing', async () => {
    const src = sourceFor('binance', fx);
    const subscribed = (): number => fx.ws.subscriptions.filter((s) => s === 'btcusdt@trade').length;
    const before = subscribed();
    try {
      const got: Trade[] = [];
      for await (const t of src.tradeStream('BTC/USDT')) {
        got.push(t);
        if (got.length === 100) fx.ws.dropAll();
        if (got.length >= 300) break;
      }
      // The fake replays from the start after the reconnect; the stream dedupes.
      const raw = feed('btc').trades.slice(0, 300);
      expect(got.map((t) => t.id)).toEqual(raw.map((t) => String(t.t)));
      expect(subscribed() - before).toBe(2);
    } finally {
      await src.close();
    }
  });

  it('binance bookStream syncs the REST snapshot with depth@100ms diffs as Binance documents', async () => {
    const src = sourceFor('binance', fx);
    const snapshotId = feed('btc').snapshot.lastUpdateId;
    try {
      const books = await take<OrderBook>(src.bookStream('BTC/USDT', { depth: 20 }), 0, (b) => (b.nonce ?? 0) > snapshotId + 2000);
      const last = books.at(-1)!;
      expect(fx.ws.subscriptions).toContain('btcusdt@depth@100ms');
      const want = expectedBook(last.nonce!);
      expect(last.bids).toEqual(want.bids.slice(0, 20));
      expect(last.asks).toEqual(want.asks.slice(0, 20));
      for (const b of books) {
        expect(b.bids[0]![0]).toBeLessThan(b.asks[0]![0]);
        for (let i = 1; i < b.bids.length; i++) expect(b.bids[i]![0]).toBeLessThan(b.bids[i - 1]![0]);
        for (let i = 1; i < b.asks.length; i++) expect(b.asks[i]![0]).toBeGreaterThan(b.asks[i - 1]![0]);
      }
    } finally {
      await src.close();
    }
  });

  it('polls REST when websockets are off, without repeating trades', async () => {
    const src = sourceFor('lbank', fx, { websocket: false, pollIntervalMs: 5 });
    try {
      const before = fx.count('/v2/trades.do');
      const ac = new AbortController();
      // Stop once the stream has polled a few more times: the static feed has nothing newer.
      const watch = setInterval(() => {
        if (fx.count('/v2/trades.do') - before >= 3) ac.abort();
      }, 5);
      const got: Trade[] = [];
      try {
        for await (const t of src.tradeStream('BTC/USDT', { signal: ac.signal })) got.push(t);
      } finally {
        clearInterval(watch);
      }
      expect(got).toHaveLength(600);
      expect(new Set(got.map((t) => t.id)).size).toBe(600);
      expect(got.at(-1)!.id).toBe(String(feed('btc').trades.at(-1)!.t));
    } finally {
      await src.close();
    }
  });

  it('ends a stream when the source is closed', async () => {
    const src = sourceFor('lbank', fx, { websocket: false, pollIntervalMs: 5 });
    const books: OrderBook[] = [];
    for await (const b of src.bookStream('ETH/USDT', { depth: 5 })) {
      books.push(b);
      if (books.length === 2) await src.close();
    }
    expect(books).toHaveLength(2);
    expect(books[0]!.bids[0]![0]).toBe(Number(feed('eth').snapshot.bids[0]![0]));
  });
});
