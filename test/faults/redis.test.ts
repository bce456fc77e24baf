import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasRedisServer, PrivateRedis } from './helpers/redis-server.js';
import { eventually, sparePort } from './helpers/ports.js';
import { analyze, getJson, startServerProcess, type ServerProcess } from '../helpers/server-process.js';
import { requiresExternal } from '../helpers/requires.js';

const sqlite = (): string => join(mkdtempSync(join(tmpdir(), 'sextant-fault-')), 'store.db');

function openSockets(url: string, n: number): Promise<WebSocket[]> {
  return Promise.all(Array.from({ length: n }, () => new Promise<WebSocket>((resolve, reject) => {
    const ws = new WebSocket(`${url.replace('http', 'ws')}/ws/signals`);
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  })));
}

describe('Redis unreachable from the start', () => {
  let server: ServerProcess;
  let port: number;
  beforeAll(async () => {
    port = await sparePort();
    server = await startServerProcess({ env: { REDIS_URL: `redis://127.0.0.1:${port}` }, config: { store: { sqlitePath: sqlite() } } });
  }, 150_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('survives WebSocket clients on /ws/signals (the old crash), /health degraded with the reasons', async () => {
    const sockets = await openSockets(server.url, 5);
    // The old crash came about a second after the first client: wait well past the subscriber's retries.
    await new Promise((r) => setTimeout(r, 4_000));
    expect(server.alive(), server.stderr()).toBe(true);
    for (const ws of sockets) expect(ws.readyState).toBe(WebSocket.OPEN);
    const { status, json } = await getJson(`${server.url}/health`);
    expect(status).toBe(200);
    expect(json['status']).toBe('degraded');
    expect(json['dependencies']['cache']).toMatchObject({ status: 'degraded', reason: expect.stringContaining(`127.0.0.1:${port}`) });
    expect(json['dependencies']['signalBus']).toMatchObject({ status: 'degraded', reason: expect.stringMatching(/this process/) });
    expect(json['process']).toMatchObject({ unhandled_rejections: 0, uncaught_exceptions: 0 });
    for (const ws of sockets) ws.close();
  }, 60_000);

  it('answers analyses from the in-process cache, and cache-stats says memory', async () => {
    const first = await analyze(server.url, { pair: 'eth_usdt', limit: 90 });
    expect(first.status).toBe(200);
    expect(first.headers.get('x-cache')).toBe('miss');
    const second = await analyze(server.url, { pair: 'eth_usdt', limit: 90 });
    expect(second.status).toBe(200);
    expect(second.headers.get('x-cache')).toBe('hit');
    const stats = await getJson(`${server.url}/api/v1/cache-stats`);
    expect(stats.status).toBe(200);
    expect(stats.json).toMatchObject({ backend: 'memory' });
    expect(server.alive()).toBe(true);
  }, 120_000);
});

describe.runIf(requiresExternal(hasRedisServer() ? undefined : 'redis-server binary (apt-get install redis-server)'))('Redis killed and restarted under load', () => {
  let redis: PrivateRedis;
  let server: ServerProcess;
  beforeAll(async () => {
    redis = await PrivateRedis.start();
    server = await startServerProcess({ env: { REDIS_URL: redis.url }, config: { store: { sqlitePath: sqlite() } } });
  }, 150_000);
  afterAll(async () => {
    await server?.stop();
    await redis?.stop();
  });

  it('serves every request while Redis is away, says so, and goes back to Redis by itself', async () => {
    const before = await getJson(`${server.url}/health`);
    expect(before.json['dependencies']['cache']).toMatchObject({ status: 'ok', details: { backend: 'redis' } });
    expect((await analyze(server.url, { pair: 'btc_usdt', limit: 60 })).status).toBe(200);
    expect((await analyze(server.url, { pair: 'btc_usdt', limit: 60 })).headers.get('x-cache')).toBe('hit');

    // Kill Redis with requests in flight.
    const pairs = ['sol_usdt', 'xrp_usdt', 'ada_usdt', 'doge_usdt', 'link_usdt', 'dot_usdt'];
    const inFlight = pairs.map((pair) => analyze(server.url, { pair, limit: 70 }));
    await redis.kill();
    const during = await Promise.all([...inFlight, ...pairs.map((pair) => analyze(server.url, { pair, limit: 71 }))]);
    for (const r of during) expect(r.status, JSON.stringify(r.json).slice(0, 200)).toBe(200);
    const stats = await getJson(`${server.url}/api/v1/cache-stats`);
    expect(stats.status).toBe(200);
    const down = await getJson(`${server.url}/health`);
    expect(down.json['status']).toBe('degraded');
    expect(down.json['dependencies']['cache']['status']).toBe('degraded');
    expect(down.json['dependencies']['cache']['reason']).toMatch(/in-process/);

    await redis.restart();
    await eventually(async () => {
      const h = await getJson(`${server.url}/health`);
      return h.json['dependencies']['cache']['status'] === 'ok' ? h : undefined;
    }, 'the cache back on Redis');
    const after = await getJson(`${server.url}/api/v1/cache-stats`);
    expect(after.json['backend']).toBe('redis');
    expect(server.alive()).toBe(true);
    expect((await getJson(`${server.url}/health`)).json['process']).toMatchObject({ unhandled_rejections: 0, uncaught_exceptions: 0 });
  }, 240_000);

  it('delivers signals of its own namespace to /ws/signals after a restart, and none of another deployment', async () => {
    const health = await getJson(`${server.url}/health`);
    const [ws] = await openSockets(server.url, 1);
    const got: string[] = [];
    ws!.on('message', (m) => got.push(String(m)));
    const channel: string = (await eventually(async () => {
      const h = await getJson(`${server.url}/health`);
      return h.json['dependencies']['signalBus']['details']?.['channel'] as string | undefined;
    }, 'the signal channel on /health'));
    expect(channel).toMatch(/^sextant-.+:signals$/);
    expect(health.status).toBe(200);

    await redis.kill();
    await redis.restart();
    const pub = new Redis(redis.url, { maxRetriesPerRequest: 1 });
    try {
      const signal = (symbol: string) => JSON.stringify({ source: 'replay', symbol, timeframe: '1d', time: Date.UTC(2024, 3, 9), direction: 'long', marketScore: 50, price: 1, confidenceScore: null, confidenceSample: 0, confluence: [], valid: true, invalidReasons: [] });
      // Another deployment on the same Redis server: a different namespace, never delivered here.
      await eventually(async () => {
        await pub.publish('sextant-other-000000:signals', signal('ETH/USDT'));
        await pub.publish(channel, signal('BTC/USDT'));
        return got.length > 0 ? true : undefined;
      }, 'a signal through the resubscribed channel', 60_000, 500);
      expect(got.every((m) => m.includes('BTC'))).toBe(true);
      expect(got.some((m) => m.includes('ETH'))).toBe(false);
    } finally {
      pub.disconnect();
      ws!.close();
    }
    expect(server.alive()).toBe(true);
  }, 180_000);
});
