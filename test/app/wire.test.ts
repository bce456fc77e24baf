import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { wire } from '../../src/app/wire.js';
import { httpApp } from '../../src/app/server.js';
import { LocalSignalBus } from '../../src/services/pipeline/bus.js';
import type { StoredSignal } from '../../src/infra/store/types.js';

const work = mkdtempSync(join(tmpdir(), 'sextant-wire-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const configWith = (over: Record<string, unknown> = {}) =>
  loadConfig({ env: {}, overrides: { store: { sqlitePath: join(work, `${Math.random().toString(36).slice(2)}.db`) }, scanner: { resultsDir: join(work, 'scans') }, ...over } });

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

describe('wire(): the composition root on SQLite and in-process parts', () => {
  it('builds every service from the config; the store opens on start, not before', async () => {
    const config = configWith();
    const s = await wire(config);
    try {
      expect(s.config).toBe(config);
      expect(s.clock.kind).toBe('live');
      expect(s.source.id).toBe('replay');
      expect(s.store.kind).toBe('sqlite');
      expect(existsSync(config.store.sqlitePath!)).toBe(false);
      expect(s.cache.backend).toBe('memory');
      expect(s.signalBus).toBeInstanceOf(LocalSignalBus);
      expect(s.pipeline).toBeUndefined();
      // Replay data is daily: the scanner wired on it defaults to 1d.
      expect(s.scanner.params().timeframe).toBe('1d');

      await s.start();
      expect(existsSync(config.store.sqlitePath!)).toBe(true);
      await s.store.kvSet('wire-test', 'k', { v: 1 });
      expect((await s.store.kvGet('wire-test', 'k'))?.value).toEqual({ v: 1 });

      // The analysis service is wired to the source and the cache: a second request is a hit.
      const first = await s.analysis.analyzeJson({ pair: 'BTC/USDT', timeframe: '1d', limit: 120 });
      const second = await s.analysis.analyzeJson({ pair: 'BTC/USDT', timeframe: '1d', limit: 120 });
      expect([first.cached, second.cached]).toEqual([false, true]);
      expect(JSON.parse(second.body.toString()).data.pair).toBe('BTC/USDT');
      expect((await s.cache.stats()).hits).toBe(1);

      const got: StoredSignal[] = [];
      const off = s.signalBus.subscribe((r) => got.push(r));
      await s.signalBus.publish({ source: 'replay', symbol: 'BTC/USDT', timeframe: '1d', time: 1, direction: 'long' } as StoredSignal);
      off();
      expect(got.map((r) => r.symbol)).toEqual(['BTC/USDT']);

      const h = await s.health();
      expect(h.status).toBe('ok');
      expect(Object.keys(h.dependencies).sort()).toEqual(['analysis', 'cache', 'charts', 'intel', 'llm', 'scanner', 'signalBus', 'source', 'store', 'training']);
      expect(h.dependencies['store']).toMatchObject({ status: 'ok', details: { kind: 'sqlite' } });
    } finally {
      await s.stop();
      await s.stop();
    }
  }, 60_000);

  it('wires the signal pipeline when asked, over the same store and bus, and stops it', async () => {
    const s = await wire(configWith({ pipeline: { symbols: ['ETH/USDT'], timeframes: ['1d'], replaySince: '2024-03-01' } }), { pipeline: true });
    try {
      expect(s.pipeline).toBeDefined();
      expect(s.pipeline!.opts.replay).toBe(true);
      expect(s.pipeline!.opts.series).toEqual([{ symbol: 'ETH/USDT', timeframe: '1d' }]);
      expect(s.pipeline!.bus).toBe(s.signalBus);
      const h = await s.health();
      expect(h.dependencies['pipeline']).toEqual({ status: 'ok', details: { degraded: [] } });
    } finally {
      await s.stop();
    }
  }, 60_000);
});

describe('/health through the wired services', () => {
  it('is degraded, naming Redis and why, when the configured Redis is unreachable; analysis still answers', async () => {
    const port = await closedPort();
    const s = await wire(configWith({ redisUrl: `redis://127.0.0.1:${port}` }));
    const app = await httpApp(s, false);
    try {
      const res = await app.inject({ method: 'GET', url: '/health' });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.status).toBe('degraded');
      // The cache degrades to the in-process LRU and says so, naming Redis and why.
      expect(body.dependencies.cache.status).toBe('degraded');
      expect(body.dependencies.cache.reason).toContain(`127.0.0.1:${port}`);
      expect(body.dependencies.cache.reason).toMatch(/ECONNREFUSED|no answer/);
      expect(body.dependencies.cache.reason).toMatch(/in-process/);
      expect(body.dependencies.source).toMatchObject({ status: 'ok', details: { id: 'replay' } });

      const a = await app.inject({ method: 'POST', url: '/api/v1/analyze', payload: { pair: 'eth_usdt', limit: 100 } });
      expect(a.statusCode).toBe(200);
      expect(a.headers['x-cache']).toBe('miss');
      // The in-process cache took the entry: the same request is a hit although Redis is away.
      const again = await app.inject({ method: 'POST', url: '/api/v1/analyze', payload: { pair: 'eth_usdt', limit: 100 } });
      expect(again.headers['x-cache']).toBe('hit');
      const stats = (await app.inject({ method: 'GET', url: '/api/v1/cache-stats' })).json();
      expect(stats.backend).toBe('memory');
    } finally {
      await app.close();
      await s.stop();
    }
  }, 60_000);

  it('is ok with every dependency listed when nothing is away', async () => {
    const s = await wire(configWith());
    await s.start();
    const app = await httpApp(s, false);
    try {
      const body = (await app.inject({ method: 'GET', url: '/health' })).json();
      expect(body).toMatchObject({ status: 'ok', source: 'replay', degraded: [] });
      for (const dep of ['source', 'store', 'cache', 'signalBus', 'analysis', 'scanner']) expect(body.dependencies[dep].status, dep).toBe('ok');
    } finally {
      await app.close();
      await s.stop();
    }
  }, 60_000);
});
