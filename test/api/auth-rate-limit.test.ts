import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { deleteKeys, separateDbUrl, uniqueName } from '../helpers/redis.js';
import { requires, REDIS_URL } from '../helpers/requires.js';
import { authWorld, type AuthWorld } from './auth-helpers.js';

/** Fires `n` requests at once and counts the answers by status. */
async function burst(app: FastifyInstance, n: number, headers: Record<string, string>, remoteAddress = '127.0.0.1'): Promise<{ ok: number; limited: number; retryAfter: string[] }> {
  const res = await Promise.all(Array.from({ length: n }, () => app.inject({ url: '/signals', headers, remoteAddress })));
  const limited = res.filter((r) => r.statusCode === 429);
  expect(res.filter((r) => r.statusCode !== 200 && r.statusCode !== 429).map((r) => r.body)).toEqual([]);
  return { ok: res.filter((r) => r.statusCode === 200).length, limited: limited.length, retryAfter: limited.map((r) => String(r.headers['retry-after'])) };
}

describe('per-client rate limits, in-process', () => {
  let world: AuthWorld;
  let app: FastifyInstance;
  beforeAll(async () => {
    world = await authWorld({ withKeys: true, config: { rateLimit: { max: 7, windowMs: 600_000, store: 'memory' } } });
    app = await world.app();
  });
  afterAll(() => world.close());

  it('each key gets exactly its budget under concurrency; the rest get 429 with Retry-After and a message', async () => {
    expect(app.rateLimits).toEqual({ store: 'memory', max: 7, windowMs: 600_000 });
    const a = await burst(app, 40, { 'x-api-key': world.keys.viewer });
    expect(a.ok).toBe(7);
    expect(a.limited).toBe(33);
    for (const s of a.retryAfter) expect(Number(s)).toBeGreaterThan(0);
    const r = await app.inject({ url: '/signals', headers: { 'x-api-key': world.keys.viewer } });
    expect(r.statusCode).toBe(429);
    expect(r.json()).toMatchObject({ status: 'error', message: expect.stringMatching(/^rate limit: 7 requests per 10 minutes/) });
    // Another key, and the same key from another address, are separate / the same budget.
    expect((await burst(app, 10, { 'x-api-key': world.keys.trader })).ok).toBe(7);
    expect((await burst(app, 3, { 'x-api-key': world.keys.viewer }, '10.0.0.9')).ok).toBe(0);
  });

  it('anonymous callers are counted by address; public routes are not counted', async () => {
    const open = await world.app({ auth: { anonymous: 'viewer' } });
    expect((await burst(open, 12, {}, '10.1.1.1')).ok).toBe(7);
    expect((await burst(open, 12, {}, '10.1.1.2')).ok).toBe(7);
    const health = await Promise.all(Array.from({ length: 20 }, () => open.inject({ url: '/health', remoteAddress: '10.1.1.1' })));
    expect(health.every((h) => h.statusCode === 200)).toBe(true);
  });
});

describe.runIf(await requires('redis'))('per-client rate limits shared through Redis by several API processes', () => {
  const url = separateDbUrl(REDIS_URL);
  const prefix = `${uniqueName('sextant-test-rl')}:`;
  let world: AuthWorld;
  beforeAll(async () => {
    world = await authWorld({ withKeys: true, config: { redisUrl: url, rateLimit: { max: 9, windowMs: 600_000, keyPrefix: prefix } } });
  });
  afterAll(async () => {
    await world?.close();
    await deleteKeys(`${prefix}*`, url);
  });

  it('two apps on one Redis hand out one budget per key between them', async () => {
    const one = await world.app();
    const two = await world.app();
    expect(one.rateLimits.store).toBe('redis');
    // In turn: what one process spent, the other cannot.
    const admin = { 'x-api-key': world.keys.admin };
    expect((await burst(one, 5, admin)).ok).toBe(5);
    expect((await burst(two, 10, admin)).ok).toBe(4);
    expect((await burst(one, 3, admin)).ok).toBe(0);
    // At once, on both: exactly the budget between them.
    const viewer = { 'x-api-key': world.keys.viewer };
    const [a, b] = await Promise.all([burst(one, 15, viewer), burst(two, 15, viewer)]);
    expect(a.ok + b.ok).toBe(9);
    expect(a.limited + b.limited).toBe(21);
    // The counters are in Redis under the configured prefix.
    expect(await deleteKeys(`${prefix}*`, url)).toBeGreaterThan(0);
  });
});
