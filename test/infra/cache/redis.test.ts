import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisCache, openCache } from '../../../src/infra/cache/index.js';
import { REDIS_URL as URL, requires } from '../../helpers/requires.js';

describe.runIf(await requires('redis'))('RedisCache against the local Redis', () => {
  // A prefix per run: other suites and engineers share this Redis.
  const prefix = `sextant:test:${process.pid}:${Date.now()}:`;
  let cache: RedisCache;

  beforeAll(() => {
    cache = new RedisCache({ url: URL, prefix });
  });
  afterAll(async () => {
    await cache.clear();
    await cache.close();
  });

  it('stores, counts hits and misses, and sizes by prefix', async () => {
    expect(await cache.get('k1')).toBeUndefined();
    await cache.set('k1', Buffer.from('v1'));
    await cache.set('k2', Buffer.from('v2'), 60_000);
    expect(await cache.get('k1')).toEqual(Buffer.from('v1'));
    expect(await cache.stats()).toEqual({ hits: 1, misses: 1, size: 2, backend: 'redis' });
  });

  it('expires with a ttl', async () => {
    await cache.set('short', Buffer.from('x'), 30);
    await new Promise((r) => setTimeout(r, 80));
    expect(await cache.get('short')).toBeUndefined();
  });

  it('shares entries and counters between two clients (two workers)', async () => {
    const other = new RedisCache({ url: URL, prefix });
    try {
      await cache.set('shared', Buffer.from('yes'));
      expect(await other.get('shared')).toEqual(Buffer.from('yes'));
      const s = await cache.stats();
      expect(s.hits).toBeGreaterThanOrEqual(2);
    } finally {
      await other.close();
    }
  });

  it('openCache picks Redis only when a URL is configured', async () => {
    const mem = openCache({});
    expect(mem.backend).toBe('memory');
    const red = openCache({ redisUrl: URL }, { prefix });
    expect(red.backend).toBe('redis');
    await mem.close();
    await red.close();
  });
});
