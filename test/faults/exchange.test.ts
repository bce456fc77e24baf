import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MarketError } from '../../src/sources/market/errors.js';
import { CcxtSource } from '../../src/sources/market/ccxt/source.js';
import { SignalPipeline } from '../../src/services/pipeline/pipeline.js';
import { InProcessDispatcher } from '../../src/services/pipeline/dispatch.js';
import { selectPairs } from '../../src/services/scanner/select.js';
import { openStore } from '../../src/infra/store/index.js';
import { candleCount } from '../../src/core/series.js';
import { asPair } from '../../src/core/types.js';
import { dailyBars, feed, localUrls, startFakeExchange, type FakeExchange } from '../helpers/fake-exchange/index.js';
import { eventually } from './helpers/ports.js';
import { analyze, getJson, startServerProcess, type ServerProcess } from '../helpers/server-process.js';

const KLINES = '/api/v3/klines';
const INFO = '/api/v3/exchangeInfo';
const TICKERS = '/api/v3/ticker/24hr';
const json = (body: unknown) => ({ kind: 'status' as const, status: 200, body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

function source(fx: FakeExchange, over: Partial<ConstructorParameters<typeof CcxtSource>[0]> = {}): CcxtSource {
  return new CcxtSource({ exchangeId: 'binance', urls: localUrls('binance', fx.url), timeoutMs: 3_000, retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 5_000 }, ...over });
}

describe('exchange manners against the Binance stand-in', () => {
  let fx: FakeExchange;
  beforeAll(async () => {
    // Parse the bundled files now, not inside a request with a short timeout.
    dailyBars();
    feed('btc');
    fx = await startFakeExchange();
  });
  afterAll(async () => {
    await fx.close();
  });

  it('429 with Retry-After: the next request waits as long as the exchange asked, then succeeds', async () => {
    const src = source(fx);
    try {
      await src.markets();
      fx.faults.add({ kind: 'status', status: 429, headers: { 'retry-after': '1' } }, { times: 1, path: KLINES });
      const before = fx.requests.length;
      const c = await src.candles('BTC/USDT', '1d', { limit: 5 });
      expect(candleCount(c)).toBe(5);
      const klines = fx.requests.slice(before).filter((r) => r.path === KLINES);
      expect(klines.map((r) => r.fault)).toEqual(['status', undefined]);
      // Not a speed check: a lower bound the client must respect (the backoff alone would be a few ms).
      expect(klines[1]!.at - klines[0]!.at).toBeGreaterThanOrEqual(950);
    } finally {
      fx.faults.clear();
      await src.close();
    }
  }, 60_000);

  it("418 (IP ban): no retry, no request at all until the ban ends, reported in health, then back by itself", async () => {
    const src = source(fx);
    try {
      await src.markets();
      fx.faults.add({ kind: 'status', status: 418, headers: { 'retry-after': '3' } }, { times: 1, path: KLINES });
      const before = fx.requests.length;
      const err = (await src.candles('BTC/USDT', '1d', { limit: 5 }).catch((e: unknown) => e)) as MarketError;
      expect(err).toBeInstanceOf(MarketError);
      expect(err.kind).toBe('rate_limited');
      expect(err.retryAfterS).toBeGreaterThanOrEqual(1);
      expect(fx.requests.length - before).toBe(1);
      const h = src.health();
      expect(h.status).toBe('down');
      expect(h.reason).toMatch(/418/);
      // During the ban nothing reaches the exchange, whatever is asked.
      const during = fx.requests.length;
      await expect(src.ticker('ETH/USDT')).rejects.toMatchObject({ kind: 'rate_limited', message: expect.stringMatching(/banned/) });
      await expect(src.candles('ETH/USDT', '1d', { limit: 3 })).rejects.toMatchObject({ kind: 'rate_limited' });
      expect(fx.requests.length).toBe(during);
      await eventually(async () => (candleCount(await src.candles('BTC/USDT', '1d', { limit: 5 })) === 5 ? true : undefined), 'calls after the ban', 30_000, 500);
      expect(src.health().status).toBe('ok');
    } finally {
      fx.faults.clear();
      await src.close();
    }
  }, 60_000);

  it('an empty market list is never kept: the first load fails clearly, the next one asks again', async () => {
    const src = source(fx);
    try {
      fx.faults.add(json({ timezone: 'UTC', serverTime: Date.now(), rateLimits: [], exchangeFilters: [], symbols: [] }), { times: 1, path: INFO });
      await expect(src.markets()).rejects.toMatchObject({ kind: 'bad_response', message: expect.stringMatching(/empty market list/) });
      await expect(src.candles('BTC/USDT', '1d', { limit: 2 })).resolves.toMatchObject({ time: expect.any(Float64Array) });
      expect((await src.markets()).some((m) => m.symbol === 'BTC/USDT')).toBe(true);
    } finally {
      fx.faults.clear();
      await src.close();
    }
  }, 60_000);

  it('a reload that brings an empty or malformed list keeps the last good one, and health says so', async () => {
    const src = source(fx);
    try {
      const good = (await src.markets()).length;
      fx.faults.add(json({ timezone: 'UTC', serverTime: Date.now(), rateLimits: [], exchangeFilters: [], symbols: [] }), { times: 1, path: INFO });
      await src.refreshMarkets();
      expect((await src.markets()).length).toBe(good);
      expect(src.health()).toMatchObject({ status: 'degraded', reason: expect.stringMatching(/kept the list/) });
      fx.faults.add({ kind: 'garbage', style: 'html' }, { times: 1, path: INFO });
      await src.refreshMarkets();
      await expect(src.candles('ETH/USDT', '1d', { limit: 2 })).resolves.toMatchObject({ time: expect.any(Float64Array) });
      await src.refreshMarkets();
      expect(src.health().status).toBe('ok');
    } finally {
      fx.faults.clear();
      await src.close();
    }
  }, 60_000);

  it('an empty candle answer for the latest candles is a clear 503-class error, not a crash', async () => {
    const src = source(fx);
    try {
      await src.markets();
      fx.faults.add(json([]), { times: 1, path: KLINES });
      const err = (await src.candles('BTC/USDT', '1d', { limit: 5 }).catch((e: unknown) => e)) as MarketError;
      expect(err).toBeInstanceOf(MarketError);
      expect(err.httpStatus).toBe(503);
      expect(err.message).toMatch(/no 1d candles for BTC\/USDT/);
    } finally {
      fx.faults.clear();
      await src.close();
    }
  }, 60_000);

  it('a failing tickers endpoint: the pair list survives, ranked by the last known volumes', async () => {
    const src = source(fx, { retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 5 } });
    try {
      fx.faults.add({ kind: 'status', status: 500 }, { times: 100, path: TICKERS });
      const blind = await selectPairs(src, 5);
      expect(blind).toHaveLength(5);
      expect(blind.every((m) => m.quoteVolume === null)).toBe(true);
      expect(src.health()).toMatchObject({ status: 'degraded', reason: expect.stringMatching(/tickers failed.*ranked by name/) });
      fx.faults.clear();
      const seen = await selectPairs(src, 5);
      expect(seen.every((m) => typeof m.quoteVolume === 'number')).toBe(true);
      fx.faults.add({ kind: 'status', status: 500 }, { times: 100, path: TICKERS });
      const kept = await selectPairs(src, 5);
      expect(kept.map((m) => m.symbol)).toEqual(seen.map((m) => m.symbol));
      expect(src.health().reason).toMatch(/ranked by the volumes of/);
    } finally {
      fx.faults.clear();
      await src.close();
    }
  }, 60_000);

  it('a symbol that stalls delays no other: the pipeline tick reports it failed and goes on', async () => {
    const src = source(fx, { timeoutMs: 20_000, retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 5 } });
    const store = await openStore({ sqlitePath: ':memory:' });
    try {
      await src.markets();
      fx.faults.add({ kind: 'hang', ms: 15_000 }, { times: 100, path: KLINES, query: { symbol: 'ETHUSDT' } });
      const series = ['BTC/USDT', 'ETH/USDT', 'SOL/USDT'].map((s) => ({ symbol: asPair(s), timeframe: '1d' as const }));
      const pipeline = new SignalPipeline({
        feed: src,
        store,
        dispatcher: new InProcessDispatcher(store, { window: 100, threads: 0 }),
        series,
        window: 100,
        warmupCandles: 120,
        seriesDeadlineMs: 1_500,
      });
      // The day after the last bundled candle: "now" for this history.
      const now = Date.UTC(2024, 3, 10);
      const r = await pipeline.tick(now);
      expect(r.failed.map((f) => f.symbol)).toEqual(['ETH/USDT']);
      expect(r.failed[0]!.error).toMatch(/no answer within 1500 ms/);
      for (const s of ['BTC/USDT', 'SOL/USDT']) expect(candleCount(await store.getCandles('binance', s, '1d')), s).toBeGreaterThan(100);
      expect(r.processed).toBeGreaterThan(0);
      // The stalled fetch is still out: the next tick does not pile another one on it.
      const again = await pipeline.tick(now);
      expect(again.failed).toEqual([expect.objectContaining({ symbol: 'ETH/USDT', error: expect.stringMatching(/still waiting/) })]);
    } finally {
      fx.faults.clear();
      await src.close();
      await store.close();
    }
  }, 90_000);
});

describe('the server process on the exchange stand-in (exchange.urls from the config)', () => {
  let fx: FakeExchange;
  let server: ServerProcess;
  beforeAll(async () => {
    fx = await startFakeExchange();
    server = await startServerProcess({
      config: {
        source: 'binance',
        store: { sqlitePath: ':memory:' },
        exchange: { timeoutMs: 3000, retries: 1, urls: localUrls('binance', fx.url) },
      },
    });
  }, 150_000);
  afterAll(async () => {
    await server?.stop();
    await fx?.close();
  });

  it('answers from the stand-in; an empty candle answer is a 503 with the reason', async () => {
    const ok = await analyze(server.url, { pair: 'eth_usdt', limit: 60 });
    expect(ok.status).toBe(200);
    expect(ok.json['data']['source']).toBe('binance');
    fx.faults.add(json([]), { times: 100, path: KLINES, query: { symbol: 'SOLUSDT' } });
    const empty = await analyze(server.url, { pair: 'sol_usdt', limit: 60 });
    fx.faults.clear();
    expect(empty.status).toBe(503);
    expect(empty.json['message']).toMatch(/no 1d candles for SOL\/USDT/);
  }, 120_000);

  it('418: the API answers 429 with Retry-After, /health shows the ban, and it recovers by itself', async () => {
    fx.faults.add({ kind: 'status', status: 418, headers: { 'retry-after': '3' } }, { times: 1, path: KLINES });
    const banned = await analyze(server.url, { pair: 'xrp_usdt', limit: 61 });
    expect(banned.status).toBe(429);
    expect(Number(banned.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const h = await getJson(`${server.url}/health`);
    expect(h.json['status']).toBe('degraded');
    expect(h.json['dependencies']['source']).toMatchObject({ status: 'down', reason: expect.stringMatching(/418/) });
    await eventually(async () => ((await analyze(server.url, { pair: 'xrp_usdt', limit: 61 })).status === 200 ? true : undefined), 'analysis after the ban', 60_000, 1_000);
    expect((await getJson(`${server.url}/health`)).json['dependencies']['source']['status']).toBe('ok');
    expect(server.alive()).toBe(true);
  }, 120_000);
});
