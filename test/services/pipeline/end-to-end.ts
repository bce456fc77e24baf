import { asPair } from '../../../src/core/types.js';
import { expect } from 'vitest';
import WebSocket from 'ws';
import type { Config } from '../../../src/config/schema.js';
import { startServer, type RunningServer } from '../../../src/app/server.js';
import { PipelineService, parseSeriesList } from '../../../src/services/pipeline/service.js';
import { startWorker } from '../../../src/services/pipeline/dispatch.js';
import { RedisSignalBus, type SignalBus } from '../../../src/services/pipeline/bus.js';
import { openStore } from '../../../src/infra/store/index.js';
import type { Store } from '../../../src/infra/store/types.js';
import { ReplaySource } from '../../../src/sources/market/replay/source.js';
import { parsePair } from '../../../src/core/types.js';
import { candleCount } from '../../../src/core/series.js';
import { PAIRS, SINCE } from './harness.js';

type Wire = { symbol: string; pair: string; timeframe: string; timestamp: number; direction: string; market_score: number; confluence: string; entry1: number | null };

/**
 * Starts the real API, connects a WebSocket, replays ten pairs through the pipeline
 * (in-process, or via the Redis queue with two BullMQ workers) and checks that every
 * endpoint tells the same story as the store and the socket.
 */
export async function endToEnd(config: Config, workers: number): Promise<{ signals: Wire[]; processed: number }> {
  const server: RunningServer = await startServer(config, { pipeline: false, logger: false });
  const store = server.ctx.store;
  const bus = server.ctx.signalBus;
  const workerStores: Store[] = [];
  const workerBuses: SignalBus[] = [];
  const running = [];
  for (let w = 0; w < workers; w++) {
    const s = await openStore({ databaseUrl: config.store.databaseUrl, sqlitePath: config.store.sqlitePath, schema: config.store.schema });
    // The server's channel carries its deployment's namespace; workers of that deployment publish there.
    const b = new RedisSignalBus(config.redisUrl!, { channel: (bus as RedisSignalBus).channel });
    workerStores.push(s);
    workerBuses.push(b);
    running.push(startWorker(config.redisUrl!, s, { window: config.pipeline.window, bus: b, queueName: config.pipeline.queueName, concurrency: 2 }));
  }
  const pushed: Wire[] = [];
  const ws = new WebSocket(`${server.url.replace('http', 'ws')}/ws/signals`);
  await new Promise<void>((res, rej) => { ws.once('open', () => res()); ws.once('error', rej); });
  ws.on('message', (m) => pushed.push(JSON.parse(String(m)) as Wire));
  // Redis pub/sub subscription is asynchronous; give it a moment before signals flow.
  await new Promise((r) => setTimeout(r, 300));

  const pipeline = new PipelineService({
    source: server.ctx.source,
    store,
    bus,
    series: parseSeriesList(PAIRS.map((s) => parsePair(s)), ['1d']),
    replay: true,
    since: Date.parse(SINCE),
    window: config.pipeline.window,
    redisUrl: config.redisUrl,
    useQueue: config.pipeline.useQueue,
    queueName: config.pipeline.queueName,
  });
  try {
    const report = await pipeline.runReplay(60);
    expect(report.failed).toEqual([]);
    const replay = new ReplaySource();
    let closed = 0;
    for (const p of PAIRS) closed += candleCount(await replay.candles(asPair(p), '1d', { since: Date.parse(SINCE) }));
    // Every closed candle after the first minHistory-1 of each series was analysed exactly once.
    expect(report.dispatched).toBe(closed - PAIRS.length * 29);
    const expectedPushes = (await store.querySignals({ source: 'replay', limit: 100000 })).length;
    for (let i = 0; i < 200 && pushed.length < expectedPushes; i++) await new Promise((r) => setTimeout(r, 50));

    const base = server.url;
    const get = async (path: string) => {
      const res = await fetch(`${base}${path}`);
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    const all = await get('/signals?limit=1000');
    expect(all.status).toBe(200);
    const signals = all.body['signals'] as Wire[];
    const stored = await store.querySignals({ source: 'replay', limit: 100000 });
    expect(signals).toHaveLength(Math.min(1000, stored.length));
    const keys = new Set(stored.map((s) => `${s.symbol}|${s.time}`));
    expect(keys.size).toBe(stored.length); // no duplicates

    // The socket pushed each new signal once, and each is in the store.
    const pushedKeys = pushed.map((s) => `${s.pair}|${s.timestamp}`);
    expect(new Set(pushedKeys).size).toBe(pushedKeys.length);
    expect(pushedKeys.length).toBe(stored.length);
    for (const k of pushedKeys) expect(keys.has(k)).toBe(true);

    const summary = await get('/signals/summary');
    expect(summary.body['total']).toBe(stored.length);
    const byDir = summary.body['by_direction'] as Record<string, number>;
    expect(byDir['long']! + byDir['short']! + byDir['neutral']!).toBe(stored.length);

    for (const pair of ['BTC/USDT', 'SOL/USDT']) {
      const path = pair.replace('/', '_').toLowerCase();
      const mine = await get(`/signals?symbol=${encodeURIComponent(pair)}&limit=1000`);
      const list = mine.body['signals'] as Wire[];
      expect(list.every((s) => s.pair === pair && s.symbol === pair.replace('/', ''))).toBe(true);
      const latest = await get(`/signals/${path}/latest`);
      expect(latest.status).toBe(200);
      expect((latest.body['signal'] as Wire).timestamp).toBe(list[0]!.timestamp);
      const longs = await get(`/signals?symbol=${path}&direction=long&limit=1000`);
      expect((longs.body['signals'] as Wire[]).every((s) => s.direction === 'long')).toBe(true);

      const candles = await get(`/candles/${path}?timeframe=day1&limit=5`);
      const rows = candles.body['candles'] as { timestamp: number; close: number }[];
      const real = await replay.candles(asPair(pair), '1d', { limit: 5 });
      expect(rows.map((r) => r.close)).toEqual(Array.from(real.close));
      const lastClosed = real.time[4]!;

      const levels = await get(`/sr-levels/${path}?timeframe=1d`);
      expect(levels.body['as_of']).toBe(lastClosed);
      const lv = levels.body['levels'] as { price: number }[];
      const hist = await replay.candles(asPair(pair), '1d', { since: Date.parse(SINCE) });
      const lo = Math.min(...hist.low);
      const hi = Math.max(...hist.high);
      for (const l of lv) {
        expect(l.price).toBeGreaterThanOrEqual(lo);
        expect(l.price).toBeLessThanOrEqual(hi);
      }
      const swings = await get(`/swings/${path}?timeframe=1d`);
      const sw = swings.body['swings'] as { timestamp: number; confirmed_time: string }[];
      expect(sw.length).toBeGreaterThan(0);
      for (const s of sw) {
        expect(s.timestamp).toBeLessThan(lastClosed);
        expect(Date.parse(s.confirmed_time)).toBeGreaterThan(s.timestamp);
        expect(Date.parse(s.confirmed_time)).toBeLessThanOrEqual(lastClosed);
      }
    }
    // Bad input: 400 naming the field; unknown symbol: 404.
    const bad = await get('/signals?direction=up');
    expect(bad.status).toBe(400);
    expect(String(bad.body['message'])).toMatch(/^direction/);
    expect((await get('/signals?limit=0')).status).toBe(400);
    expect((await get('/signals/nope_usdt/latest')).status).toBe(404);
    expect((await get('/health')).body['degraded']).toEqual([]);

    // Running the same replay again changes nothing: no candle is processed twice.
    const again = await pipeline.runReplay(60);
    expect(again.processed).toBe(0);
    expect((await store.querySignals({ source: 'replay', limit: 100000 })).length).toBe(stored.length);
    return { signals: signals, processed: report.processed };
  } finally {
    ws.close();
    await pipeline.close();
    for (const w of running) await w.close();
    for (const b of workerBuses) await b.close();
    for (const s of workerStores) await s.close();
    await server.close();
  }
}
