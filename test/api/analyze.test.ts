import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteKeys, separateDbUrl, uniqueName } from '../helpers/redis.js';
import { requires } from '../helpers/requires.js';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.js';
import { pngSize } from '../infra/charts/png.js';

type Server = ServerProcess;

/** The real CLI process: `sextant serve --port 0`, a store of its own, removed when the server stops. */
const startServer = (env: Record<string, string> = {}) => startServerProcess({ env });
const START_HOOK_MS = 150_000;

// Response bodies are checked field by field below; a loose type keeps those checks short.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = Record<string, any>;

const post = async (url: string, body: unknown, raw = false) => {
  const res = await fetch(`${url}/api/v1/analyze`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: raw ? (body as string) : JSON.stringify(body) });
  return { status: res.status, headers: res.headers, json: (await res.json()) as Loose };
};

describe('POST /api/v1/analyze on the real server process (replay data)', () => {
  let server: Server;
  beforeAll(async () => {
    server = await startServer();
  }, START_HOOK_MS);
  afterAll(async () => {
    await server?.stop();
  });

  it('answers {"pair":"eth_usdt"} with SPEC A fields, structured data and a valid PNG chart', async () => {
    const { status, json } = await post(server.url, { pair: 'eth_usdt' });
    expect(status).toBe(200);
    expect(json).toMatchObject({ status: 'success', message: null, writer: 'builtin' });
    expect(json['analysis']).toMatch(/Trend:/);
    expect(json['analysis_summarized']).toMatch(/[\u0600-\u06FF]/);
    const d = json['data'];
    // No timeframe sent: the seed's default, day1, echoed as the seed names it.
    expect(d).toMatchObject({ pair: 'ETH/USDT', timeframe: 'day1', timeframe_ccxt: '1d', candles: 200 });
    for (const k of ['ema9', 'ema21', 'ema50', 'rsi14', 'adx14', 'mfi14']) expect(typeof d.indicators[k]).toBe('number');
    expect(Object.keys(d.indicators.bb).sort()).toEqual(['lower', 'middle', 'upper']);
    expect(Array.isArray(d.levels)).toBe(true);
    expect(d.signal).toHaveProperty('market_score');
    expect(typeof d.trend.direction).toBe('string');
    const url: string = json['chart_image_base64'];
    expect(url.startsWith('data:image/png;base64,')).toBe(true);
    expect(pngSize(Buffer.from(url.slice(url.indexOf(',') + 1), 'base64'))).toEqual({ width: 800, height: 500 });
  });

  it('accepts ETH/USDT, ETHUSDT and eth_usdt as the same pair', async () => {
    for (const pair of ['ETH/USDT', 'ETHUSDT', 'eth_usdt', 'eth-usdt']) {
      const { status, json } = await post(server.url, { pair, limit: 120 });
      expect(status, pair).toBe(200);
      expect(json['data'].pair).toBe('ETH/USDT');
    }
  });

  it('accepts every LBank and CCXT timeframe name', async () => {
    const names: [string, string][] = [
      ['minute1', '1m'], ['minute5', '5m'], ['minute15', '15m'], ['minute30', '30m'], ['hour1', '1h'], ['hour4', '4h'],
      ['hour8', '8h'], ['hour12', '12h'], ['day1', '1d'], ['week1', '1w'], ['month1', '1M'],
    ];
    for (const [lbank, ccxt] of names) {
      for (const tf of [lbank, ccxt]) {
        const { status, json } = await post(server.url, { pair: 'BTC/USD', timeframe: tf, limit: 30 });
        expect(status, `${tf}: ${json['message']}`).toBe(200);
        // Echoed as sent (a seed client sending day1 compares against day1); the CCXT name beside it.
        expect(json['data'].timeframe).toBe(tf);
        expect(json['data'].timeframe_ccxt).toBe(ccxt);
        expect(json['data'].signal.timeframe).toBe(ccxt);
      }
    }
  });

  it.each([
    ['missing pair', {}, 'pair', /pair: required/],
    ['limit 0', { pair: 'eth_usdt', limit: 0 }, 'limit', /limit: must be from 1 to 2000/],
    ['limit 2001', { pair: 'eth_usdt', limit: 2001 }, 'limit', /limit: must be from 1 to 2000/],
    ['limit not an integer', { pair: 'eth_usdt', limit: 1.5 }, 'limit', /limit:/],
    ['limit as a string', { pair: 'eth_usdt', limit: '200' }, 'limit', /limit:/],
    ['timeframe day7', { pair: 'eth_usdt', timeframe: 'day7' }, 'timeframe', /timeframe: unknown timeframe "day7"/],
    ['extra field', { pair: 'eth_usdt', foo: 1 }, 'foo', /unknown field foo/],
    ['bad pair format', { pair: 'e' }, 'pair', /pair: .*is not a pair/],
    ['pair not a string', { pair: 42 }, 'pair', /pair: must be a string/],
    ['array body', [1], 'body', /body: must be a JSON object/],
  ])('400 for %s, naming the field', async (_name, body, field, message) => {
    const { status, json } = await post(server.url, body);
    expect(status).toBe(400);
    expect(json).toMatchObject({ status: 'error', field });
    expect(json['message']).toMatch(message);
  });

  it('400 for a body that is not JSON', async () => {
    const { status, json } = await post(server.url, '{"pair": eth_usdt', true);
    expect(status).toBe(400);
    expect(json).toMatchObject({ status: 'error', field: 'body' });
    expect(json['message']).toMatch(/body: not valid JSON/);
  });

  it('a repeated raw body (remembered once valid) gets the same answer each time; a bad one is refused each time', async () => {
    const raw = '{"pair":"xrp_usdt","timeframe":"day1","limit":60}';
    const answers = [await post(server.url, raw, true), await post(server.url, raw, true), await post(server.url, raw, true)];
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(answers[1]!.headers.get('x-cache')).toBe('hit');
    expect(answers[2]!.json).toEqual(answers[0]!.json);
    for (let i = 0; i < 2; i++) {
      const bad = await post(server.url, '{"pair":"xrp_usdt","timeframe":"day1","limit":6000}', true);
      expect(bad.status).toBe(400);
      expect(bad.json).toMatchObject({ status: 'error', field: 'limit' });
      // Valid in shape, so remembered: the source still refuses the pair every time.
      const unknown = await post(server.url, '{"pair":"NOPE/USDT"}', true);
      expect(unknown.status).toBe(404);
    }
  });

  it('404 for a pair the source does not have', async () => {
    const { status, json } = await post(server.url, { pair: 'NOPE/USDT' });
    expect(status).toBe(404);
    expect(json['message']).toMatch(/unknown pair NOPE\/USDT/);
  });

  it('cache-stats counts a hit on the second identical request', async () => {
    const stats = async () => (await (await fetch(`${server.url}/api/v1/cache-stats`)).json()) as { hits: number; misses: number; size: number; backend: string };
    const before = await stats();
    const a = await post(server.url, { pair: 'SOL/USDT', timeframe: 'day1', limit: 90 });
    const b = await post(server.url, { pair: 'sol_usdt', timeframe: 'day1', limit: 90 });
    const after = await stats();
    expect(a.headers.get('x-cache')).toBe('miss');
    expect(b.headers.get('x-cache')).toBe('hit');
    expect(b.json).toEqual(a.json);
    expect(after).toMatchObject({ backend: 'memory', hits: before.hits + 1, misses: before.misses + 1, size: before.size + 1 });
    // Another spelling of the timeframe is echoed as sent: its own entry, same analysis otherwise.
    const c = await post(server.url, { pair: 'SOL/USDT', timeframe: '1d', limit: 90 });
    expect(c.json['data'].timeframe).toBe('1d');
    expect({ ...c.json, data: { ...c.json['data'], timeframe: 'day1' } }).toEqual(a.json);
  });

  it('the route is documented in the OpenAPI spec', async () => {
    const spec = (await (await fetch(`${server.url}/docs/json`)).json()) as { paths: Loose };
    expect(spec.paths['/api/v1/analyze'].post.summary).toMatch(/analysis/i);
    expect(spec.paths['/api/v1/cache-stats'].get).toBeDefined();
  });
});

describe.runIf(await requires('redis'))('server with Redis configured', () => {
  let server: Server;
  // A database other than 0 and a namespace of this run's own: every key the server writes
  // (entries and counters) is this suite's, so counts are exact and all of it is deleted after.
  const redisUrl = separateDbUrl();
  const namespace = uniqueName('sx-analyze-test');
  beforeAll(async () => {
    server = await startServer({ REDIS_URL: redisUrl, SEXTANT_REDIS_NAMESPACE: namespace });
  }, START_HOOK_MS);
  afterAll(async () => {
    await server?.stop();
    await deleteKeys(`${namespace}:*`, redisUrl);
  });

  it('serves cache-stats from Redis and counts the hit there, under the deployment\'s namespace', async () => {
    const before = (await (await fetch(`${server.url}/api/v1/cache-stats`)).json()) as { hits: number; misses: number; size: number; backend: string };
    expect(before).toMatchObject({ backend: 'redis', hits: 0, misses: 0, size: 0 });
    await post(server.url, { pair: 'LINK/USDT', limit: 77 });
    const second = await post(server.url, { pair: 'LINK/USDT', limit: 77 });
    expect(second.headers.get('x-cache')).toBe('hit');
    const after = (await (await fetch(`${server.url}/api/v1/cache-stats`)).json()) as { hits: number; misses: number; size: number };
    expect(after).toMatchObject({ hits: 1, misses: 1, size: 1 });
  });
});

describe('server on a live exchange with no network', () => {
  let server: Server;
  beforeAll(async () => {
    server = await startServer({ SEXTANT_SOURCE: 'binance', SEXTANT_EXCHANGE__TIMEOUT_MS: '1500', SEXTANT_EXCHANGE__RETRIES: '0', HTTPS_PROXY: 'http://127.0.0.1:9', https_proxy: 'http://127.0.0.1:9' });
  }, START_HOOK_MS);
  afterAll(async () => {
    await server?.stop();
  });

  it('503 with the reason when the source is unavailable, no stack in the body', async () => {
    const { status, json } = await post(server.url, { pair: 'eth_usdt' });
    expect(status).toBe(503);
    expect(json['status']).toBe('error');
    expect(String(json['message']).length).toBeGreaterThan(5);
    expect(JSON.stringify(json)).not.toMatch(/\n\s+at /);
  });
});
