import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MarketError, type MarketErrorKind } from '../../../../src/sources/market/errors.js';
import type { CcxtSource } from '../../../../src/sources/market/ccxt/source.js';
import { dailyBars, feed, hourlyBtc, startFakeExchange, type FakeExchange, type Fault } from '../../../helpers/fake-exchange/index.js';
import { EXCHANGES, PATHS, sourceFor } from './setup.js';

const ATTEMPTS = 3;

const CASES: { name: string; fault: Fault; kind: MarketErrorKind; retried: boolean }[] = [
  // Retry-After 0: the backoff alone decides here; Retry-After and 418 bans have their own tests (test/faults/exchange.test.ts).
  { name: '429 Too Many Requests', fault: { kind: 'status', status: 429, headers: { 'retry-after': '0' } }, kind: 'rate_limited', retried: true },
  { name: '500', fault: { kind: 'status', status: 500 }, kind: 'exchange_unavailable', retried: true },
  { name: '502', fault: { kind: 'status', status: 502 }, kind: 'exchange_unavailable', retried: true },
  { name: '503', fault: { kind: 'status', status: 503 }, kind: 'exchange_unavailable', retried: true },
  { name: 'a hang longer than the timeout', fault: { kind: 'hang' }, kind: 'network', retried: true },
  { name: 'truncated JSON', fault: { kind: 'garbage', style: 'truncated' }, kind: 'bad_response', retried: false },
  { name: 'an HTML page with status 200', fault: { kind: 'garbage', style: 'html' }, kind: 'bad_response', retried: false },
  { name: 'plain text with status 200', fault: { kind: 'garbage', style: 'text' }, kind: 'bad_response', retried: false },
];

describe.each(EXCHANGES)('CcxtSource(%s) under injected faults', (id) => {
  let fx: FakeExchange;
  let src: CcxtSource;
  const since = hourlyBtc()[0]!.t;
  const candles = (): Promise<unknown> => src.candles('BTC/USDT', '1h', { since, limit: 5 });

  beforeAll(async () => {
    // Parse the bundled files now: the first exchangeInfo would otherwise outlast the short timeout.
    dailyBars();
    feed('btc');
    fx = await startFakeExchange();
    src = sourceFor(id, fx, { timeoutMs: 300, retry: { attempts: ATTEMPTS, baseDelayMs: 1, maxDelayMs: 5 } });
    await src.markets();
  });
  afterAll(async () => {
    await src.close();
    await fx.close();
  });

  it.each(CASES)('$name becomes $kind after the configured retries', async ({ fault, kind, retried }) => {
    fx.faults.clear();
    fx.faults.add(fault, { times: 100, path: PATHS[id].candles });
    const before = fx.count(PATHS[id].candles);
    const err = await candles().catch((e: unknown) => e);
    fx.faults.clear();
    expect(err).toBeInstanceOf(MarketError);
    const me = err as MarketError;
    expect(me.kind).toBe(kind);
    expect(me.source).toBe(id);
    expect(me.message).toContain(id);
    expect(me.message).toContain('fetchOHLCV');
    expect(fx.count(PATHS[id].candles) - before).toBe(retried ? ATTEMPTS : 1);
    // The exchange recovered: the same call now succeeds.
    await expect(candles()).resolves.toMatchObject({ time: expect.any(Float64Array) });
  });

  it.each(CASES.filter((c) => c.retried))('$name lasting fewer attempts than the retries is absorbed', async ({ fault }) => {
    fx.faults.clear();
    fx.faults.add(fault, { times: ATTEMPTS - 1, path: PATHS[id].candles });
    const c = (await candles()) as { close: Float64Array };
    expect([...c.close]).toEqual(hourlyBtc().slice(0, 5).map((b) => Number(b.c)));
    expect(fx.faults.pending()).toBe(0);
  });

  it('does not cache a failed market load', async () => {
    const fresh = sourceFor(id, fx, { retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 2 } });
    try {
      fx.faults.add({ kind: 'status', status: 503 }, { times: 2, path: PATHS[id].markets });
      const before = fx.count(PATHS[id].markets);
      await expect(fresh.markets()).rejects.toMatchObject({ kind: 'exchange_unavailable' });
      expect(fx.count(PATHS[id].markets) - before).toBe(2);
      const markets = await fresh.markets();
      expect(markets.some((m) => m.symbol === 'BTC/USDT')).toBe(true);
    } finally {
      fx.faults.clear();
      await fresh.close();
    }
  });

  it('maps faults on the order book, trades and ticker too', async () => {
    fx.faults.add({ kind: 'status', status: 429, headers: { 'retry-after': '0' } }, { times: 100, path: PATHS[id].book });
    await expect(src.orderBook('BTC/USDT', 5)).rejects.toMatchObject({ kind: 'rate_limited', message: expect.stringContaining('fetchOrderBook') });
    fx.faults.clear();
    fx.faults.add({ kind: 'status', status: 502 }, { times: 100, path: PATHS[id].trades });
    await expect(src.trades('BTC/USDT', 5)).rejects.toMatchObject({ kind: 'exchange_unavailable' });
    fx.faults.clear();
    fx.faults.add({ kind: 'garbage', style: 'truncated' }, { times: 1, path: PATHS[id].ticker });
    await expect(src.ticker('BTC/USDT')).rejects.toMatchObject({ kind: 'bad_response' });
    fx.faults.clear();
  });
});
