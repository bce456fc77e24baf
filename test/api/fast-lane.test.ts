import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/api/app.js';
import { featureRoutes } from '../../src/api/routes/index.js';
import type { Services } from '../../src/app/wire.js';
import { loadConfig } from '../../src/config/load.js';
import { SextantError, UnavailableError } from '../../src/errors.js';
import { authWorld, type AuthWorld } from './auth-helpers.js';

/**
 * The fast lane (api/fast-lane.ts) answers repeated POST /api/v1/analyze bodies before
 * Fastify's hooks. Each test sends the same requests over real HTTP (the lane sits in the
 * node:http server, so inject() would never reach it) to an app with the lane and to one
 * without, and compares status, body bytes and every header; the lane's own counter shows
 * it answered.
 */

interface Answer { status: number; body: Buffer; headers: Record<string, string> }

async function send(app: FastifyInstance, body: string, headers: Record<string, string> = {}, id = 'req-1'): Promise<Answer> {
  const res = await fetch(`${app.listeningOrigin}/api/v1/analyze`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': id, ...headers }, body });
  const out: Record<string, string> = {};
  res.headers.forEach((v, k) => (out[k] = v));
  return { status: res.status, body: Buffer.from(await res.arrayBuffer()), headers: out };
}

/** Equal but for the clock: Date always, and the budget's reset second at a boundary. */
function expectSame(lane: Answer, plain: Answer, what: string): void {
  expect(lane.status, what).toBe(plain.status);
  expect(lane.body.toString(), what).toBe(plain.body.toString());
  const strip = (h: Record<string, string>) => {
    const { date: _d, 'x-ratelimit-reset': _r, ...rest } = h;
    return rest;
  };
  expect(strip(lane.headers), what).toEqual(strip(plain.headers));
  expect('date' in lane.headers, what).toBe(true);
  expect(lane.headers['x-ratelimit-reset'] === undefined, what).toBe(plain.headers['x-ratelimit-reset'] === undefined);
  if (plain.headers['x-ratelimit-reset'] !== undefined) expect(Math.abs(Number(lane.headers['x-ratelimit-reset']) - Number(plain.headers['x-ratelimit-reset'])), what).toBeLessThanOrEqual(1);
}

const VALID = JSON.stringify({ pair: 'eth_usdt', timeframe: 'day1', limit: 120 });
const OTHER = JSON.stringify({ pair: 'BTC/USDT', limit: 60 });

describe('fast lane: the same answers as the route, with or without credentials', () => {
  let open: AuthWorld;
  let keyed: AuthWorld;
  const apps: FastifyInstance[] = [];
  beforeAll(async () => {
    [open, keyed] = await Promise.all([authWorld({ withKeys: false }), authWorld({ withKeys: true })]);
  }, 120_000);
  afterAll(async () => {
    for (const a of apps) await a.close();
    await Promise.all([open?.close(), keyed?.close()]);
  });

  /** One app with the lane and one without over the same services, both listening. */
  async function pairOf(world: AuthWorld, over: Record<string, unknown> = {}, ctx: Partial<Services> = {}, logger: object | false = false) {
    const cfg = loadConfig({ env: {}, overrides: { store: { sqlitePath: `${world.dir}/store.db` }, scanner: { resultsDir: `${world.dir}/scans` }, ...over } });
    const build = async (fastLane: boolean) => {
      const s = Object.create(world.services, { config: { value: cfg }, ...Object.fromEntries(Object.entries(ctx).map(([k, v]) => [k, { value: v }])) }) as Services;
      const app = await buildApp({ ctx: s, routes: featureRoutes, fastLane, logger });
      apps.push(app);
      await app.listen({ host: '127.0.0.1', port: 0 });
      return app;
    };
    // The apps share the services and so the analysis cache: both see hits from the start.
    const warm = await build(false);
    for (const b of [VALID, OTHER]) expect((await send(warm, b, world.keys.viewer ? { 'x-api-key': world.keys.viewer } : {})).status).toBe(200);
    return { lane: await build(true), plain: await build(false) };
  }

  it('anonymous viewer: first sight, repeats, other spellings, bad fields and bad JSON answer alike; the lane answers the repeats', async () => {
    const { lane, plain } = await pairOf(open, { rateLimit: { max: 1000, windowMs: 600_000, store: 'memory' } });
    expect(lane.fastLane.open).toBe(true);
    const bodies = [VALID, VALID, VALID, OTHER, OTHER, '{"pair":"eth_usdt","limit":0}', '{"pair":"eth_usdt","limit":0}', '{"pair":', '{"pair":"eth_usdt","extra":1}', VALID];
    for (const [i, b] of bodies.entries()) expectSame(await send(lane, b, {}, `r${i}`), await send(plain, b, {}, `r${i}`), `${i}: ${b}`);
    // First sight of VALID and OTHER went through Fastify (validated, remembered); their 4 repeats came down the lane.
    expect(lane.fastLane.served).toBe(4);
    expect(plain.fastLane.served).toBe(0);
    const bad = await send(lane, '{"pair":"eth_usdt","limit":0}');
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body.toString())).toMatchObject({ field: 'limit' });
    // A hit is a hit on both; request ids come from the caller or are fresh.
    const hit = await send(lane, VALID, {}, 'trace-7');
    expect(hit.headers['x-cache']).toBe('hit');
    expect(hit.headers['x-request-id']).toBe('trace-7');
    expect(hit.headers['content-security-policy']).toMatch(/default-src 'self'/);
    const fresh = await send(lane, VALID, {}, 'not a valid id!');
    expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('API keys: no key and a wrong key get the route\'s 401; a viewer key is answered by the lane with the same bytes', async () => {
    const { lane, plain } = await pairOf(keyed);
    expect(lane.security.anonymousRole).toBeUndefined();
    const viewer = { 'x-api-key': keyed.keys.viewer };
    const wrong = { 'x-api-key': `${keyed.keys.viewer.slice(0, -4)}AAAA` };
    const cases: [string, Record<string, string>][] = [[VALID, viewer], [VALID, {}], [VALID, wrong], [VALID, viewer], [VALID, { authorization: `Bearer ${keyed.keys.admin}` }], [VALID, { authorization: 'Basic abc' }], [VALID, {}]];
    for (const [i, [b, h]] of cases.entries()) expectSame(await send(lane, b, h, `k${i}`), await send(plain, b, h, `k${i}`), `${i}: ${JSON.stringify(h)}`);
    const refused = await send(lane, VALID, {});
    expect(refused.status).toBe(401);
    expect(refused.headers['www-authenticate']).toBe('Bearer realm="sextant"');
    expect((await send(lane, VALID, wrong)).status).toBe(401);
    // The viewer key's and the admin token's repeats; refusals are never the lane's.
    expect(lane.fastLane.served).toBe(2);
  });

  it('rate limit: the lane counts against the same budget; over it, the route\'s 429 with the same headers', async () => {
    const { lane, plain } = await pairOf(keyed, { rateLimit: { max: 3, windowMs: 600_000, store: 'memory' } });
    const viewer = { 'x-api-key': keyed.keys.viewer };
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const a = await send(lane, VALID, viewer, `l${i}`);
      expectSame(a, await send(plain, VALID, viewer, `l${i}`), `request ${i}`);
      statuses.push(a.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429, 429]);
    expect(lane.fastLane.served).toBe(2);
    // Another client's budget is its own, on the lane too.
    expect((await send(lane, VALID, { 'x-api-key': keyed.keys.trader })).headers['x-ratelimit-remaining']).toBe('2');
  });

  it('metrics count the lane\'s answers like the route\'s', async () => {
    const { lane, plain } = await pairOf(open, { rateLimit: { max: 1000, windowMs: 600_000, store: 'memory' } });
    for (const b of [VALID, VALID, VALID, '{"limit":"x"}', VALID]) {
      await send(lane, b);
      await send(plain, b);
    }
    expect(lane.fastLane.served).toBe(3);
    const counts = async (app: FastifyInstance) => {
      const text = await (await fetch(`${app.listeningOrigin}/metrics`)).text();
      return text.split('\n').filter((l) => /^sextant_(http_requests_total|http_errors_total|analysis_cache_requests_total)\{/.test(l) || /^sextant_http_request_duration_seconds_count\{/.test(l)).sort();
    };
    const [a, b] = [await counts(lane), await counts(plain)];
    expect(a.some((l) => l.startsWith('sextant_http_requests_total{method="POST",route="/api/v1/analyze",status="200"} 4'))).toBe(true);
    expect(a).toEqual(b);
  });

  it('request log lines at info are the route\'s (same messages and fields)', async () => {
    const lines: Record<string, unknown>[] = [];
    const stream = new Writable({ write(chunk: Buffer, _e, cb) {
      for (const l of String(chunk).split('\n')) if (l.trim()) lines.push(JSON.parse(l) as Record<string, unknown>);
      cb();
    } });
    const { lane, plain } = await pairOf(open, { rateLimit: { max: 1000, windowMs: 600_000, store: 'memory' } }, {}, { level: 'info', stream });
    const logged = async (app: FastifyInstance, id: string) => {
      await send(app, VALID, {}, id);
      await new Promise((r) => setTimeout(r, 20));
      return lines.filter((l) => l['reqId'] === id).map(({ time: _t, responseTime, req, ...rest }): Record<string, unknown> => ({
        ...rest, responseTime: typeof responseTime, req: req ? { ...(req as object), host: typeof (req as { host?: unknown }).host, remotePort: typeof (req as { remotePort?: unknown }).remotePort } : undefined,
      }));
    };
    await logged(lane, 'warm-lane');
    await logged(plain, 'warm-plain');
    const before = lane.fastLane.served;
    const a = await logged(lane, 'same-id');
    expect(lane.fastLane.served).toBe(before + 1);
    lines.length = 0;
    const b = await logged(plain, 'same-id');
    expect(a.map((l) => l['msg'])).toEqual(['incoming request', 'request completed']);
    expect(a).toEqual(b);
  });

  it('a service failure after the lane took the request is answered as the error handler answers it', async () => {
    let fail: Error | undefined;
    const real = open.services.analysis;
    const analysis = Object.create(real, { analyzeJson: { value: (r: Parameters<typeof real.analyzeJson>[0]) => (fail ? Promise.reject(fail) : real.analyzeJson(r)) } }) as typeof real;
    const { lane, plain } = await pairOf(open, { rateLimit: { max: 1000, windowMs: 600_000, store: 'memory' } }, { analysis });
    expectSame(await send(lane, VALID), await send(plain, VALID), 'first');
    for (const e of [new UnavailableError('replay', 'replay has no 1d candles for ETH/USDT right now', { retryAfterS: 30 }), new SextantError('not_found', 'pair: unknown'), new Error('boom at /secret/path')]) {
      fail = e;
      const before = lane.fastLane.served;
      const [a, b] = [await send(lane, VALID), await send(plain, VALID)];
      expectSame(a, b, e.message);
      expect(lane.fastLane.served).toBe(before + 1);
      expect(a.status).toBeGreaterThanOrEqual(400);
      expect(a.body.toString()).not.toContain('/secret/path');
    }
  });

  it('the config turns it off (http.fastLane: false) and on by default', async () => {
    expect((await open.app({ http: { fastLane: false } })).fastLane.offReason).toBe('disabled');
    const on = await open.app({});
    expect(on.fastLane.offReason).toBeUndefined();
    expect(on.fastLane.open).toBe(true);
  });

  it('stays shut where it cannot mirror the route (CORS origins), and those answers are the route\'s', async () => {
    const { lane, plain } = await pairOf(open, { http: { corsOrigins: ['https://app.example'] } });
    expect(lane.fastLane.open).toBe(false);
    expect(lane.fastLane.offReason).toMatch(/corsOrigins/);
    for (const i of [0, 1, 2]) expectSame(await send(lane, VALID, {}, `c${i}`), await send(plain, VALID, {}, `c${i}`), `cors ${i}`);
    expect(lane.fastLane.served).toBe(0);
  });
});
