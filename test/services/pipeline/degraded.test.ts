import { asPair } from '../../../src/core/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/api/app.js';
import { wire } from '../../../src/app/wire.js';
import { SqliteStore } from '../../../src/infra/store/sqlite.js';
import { PipelineService } from '../../../src/services/pipeline/service.js';
import { loadConfig } from '../../../src/config/load.js';
import { dailyBars, startFakeExchange, type FakeExchange } from '../../helpers/fake-exchange/index.js';
import { sourceFor, PATHS } from '../../sources/market/ccxt/setup.js';
import type { CcxtSource } from '../../../src/sources/market/ccxt/source.js';

// Live mode through the real ccxt client against the local Binance stand-in.
describe('pipeline live over ccxt: exchange failures degrade a symbol, never crash', () => {
  let fx: FakeExchange;
  let src: CcxtSource;
  let store: SqliteStore;
  beforeAll(async () => {
    dailyBars();
    fx = await startFakeExchange();
    src = sourceFor('binance', fx, { timeoutMs: 1000, retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 5 } });
    store = new SqliteStore({ path: ':memory:' });
    await store.migrate();
  });
  afterAll(async () => {
    await store.close();
    await src.close();
    await fx.close();
  });

  it('retries, marks the symbol degraded in /health, recovers when the exchange does', async () => {
    const service = new PipelineService({ source: src, store, series: [{ symbol: asPair('BTC/USDT'), timeframe: '1d' }, { symbol: asPair('ETH/USDT'), timeframe: '1d' }], window: 200, warmupCandles: 200 });
    const app = await buildApp({ ctx: await wire(loadConfig({ env: {} }), { source: src, store, pipeline: service }) });
    // "now" = just after the last bundled day, so the daily candles are the exchange's latest.
    const now = Date.UTC(2024, 3, 10, 0, 1);
    fx.faults.add({ kind: 'status', status: 503 }, { times: 1_000_000, path: PATHS.binance.candles });
    for (let i = 0; i < 3; i++) {
      const before = fx.count(PATHS.binance.candles);
      const r = await service.pipeline.tick(now);
      expect(r.failed.map((f) => f.symbol)).toEqual(['BTC/USDT', 'ETH/USDT']);
      expect(r.failed[0]!.error).toMatch(/binance/);
      expect(fx.count(PATHS.binance.candles) - before).toBe(6); // 3 attempts per symbol
    }
    const sick = await app.inject({ method: 'GET', url: '/health' });
    expect(sick.json().degraded).toEqual(['BTC/USDT 1d', 'ETH/USDT 1d']);

    fx.faults.clear();
    const ok = await service.pipeline.tick(now);
    expect(ok.failed).toEqual([]);
    expect(ok.ingested).toBeGreaterThan(100);
    expect(ok.processed).toBeGreaterThan(100);
    expect((await app.inject({ method: 'GET', url: '/health' })).json().degraded).toEqual([]);
    const last = await store.getCandles('binance', 'BTC/USDT', '1d', { limit: 1 });
    expect(last.time[0]).toBe(Date.UTC(2024, 3, 9));
    await app.close();
    await service.close();
  }, 60_000);
});
