/**
 * A client written for the seed services (../shared/seeds: 000 for SPEC A and B, 002 for
 * SPEC C) must work against Sextant unchanged: every route it calls answers with the seed's
 * field names and types. Richer fields are allowed as additions; these tests only check that
 * what the seed promised is there, spelled and typed as the seed spells it.
 *
 * The real Fastify server on real replayed data: a store, results folder and in-process cache
 * of this suite's own (no Redis, no shared SQLite file), so it can run beside any other suite.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateApiKey } from '../../src/api/auth/api-key.js';
import { loadConfig } from '../../src/config/load.js';
import { openStore } from '../../src/infra/store/index.js';
import { apiKeysOf } from '../../src/infra/store/api-keys.js';
import { startServer, type RunningServer } from '../../src/app/server.js';
import { parseTimeframe } from '../../src/core/timeframes.js';
import { parsePair } from '../../src/core/types.js';
import { PipelineService, parseSeriesList } from '../../src/services/pipeline/service.js';

// Loose JSON on purpose: the expectations below are the contract.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

const dir = mkdtempSync(join(tmpdir(), 'sextant-seed-contract-'));
const PAIRS = ['BTC/USDT', 'ETH/USDT', 'SOL/USDT'];
let server: RunningServer;
let base = '';
// The seed's clients call without a body (curl -X POST .../scheduler/start); with an API key
// Sextant accepts that as the seed did (without one, writes need a JSON body: CSRF guard).
let apiKey = '';

beforeAll(async () => {
  const pre = await openStore({ sqlitePath: join(dir, 'store.db') });
  const k = generateApiKey();
  await (await apiKeysOf(pre))!.insert({ id: k.id, name: 'seed-client', role: 'admin', hash: k.hash, createdAt: Date.now() });
  apiKey = k.key;
  await pre.close();
  const config = loadConfig({
    env: {},
    overrides: {
      server: { host: '127.0.0.1', port: 0 },
      logLevel: 'silent',
      store: { sqlitePath: join(dir, 'store.db') },
      pipeline: { symbols: PAIRS, timeframes: ['1d'], replaySince: '2023-01-01' },
      scanner: { resultsDir: join(dir, 'scans') },
    },
  });
  server = await startServer(config, { pipeline: false, logger: false });
  base = server.url;
  // The signal pipeline over real replayed daily candles, so SPEC C's routes have rows to serve.
  const p = new PipelineService({
    source: server.ctx.source, store: server.ctx.store, bus: server.ctx.signalBus,
    series: parseSeriesList(PAIRS.map((s) => parsePair(s)), [parseTimeframe('1d')]),
    replay: true, since: Date.parse('2023-01-01'), window: config.pipeline.window,
  });
  const r = await p.runReplay();
  await p.close();
  expect(r.failed).toEqual([]);
}, 300_000);

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { 'x-api-key': apiKey, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Json };
}

const isoLike = (v: unknown) => typeof v === 'string' && Number.isFinite(Date.parse(v));
const numOrNull = (v: unknown) => v === null || (typeof v === 'number' && Number.isFinite(v));

/** Every key at every depth is snake_case (seed 002's routes and Sextant's other answers). */
function snakeKeys(v: unknown, path = '$'): string[] {
  if (Array.isArray(v)) return v.flatMap((x, i) => snakeKeys(x, `${path}[${i}]`));
  if (v === null || typeof v !== 'object') return [];
  return Object.entries(v).flatMap(([k, x]) => [...(/^[a-z0-9]+(_[a-z0-9]+)*$/.test(k) ? [] : [`${path}.${k}`]), ...snakeKeys(x, `${path}.${k}`)]);
}

describe('seed 000 clients: SPEC A (POST /api/v1/analyze, cache-stats, health)', () => {
  it('POST /api/v1/analyze answers the seed\'s five fields with their types; day1 is echoed as day1', async () => {
    const { status, body } = await call('POST', '/api/v1/analyze', { pair: 'eth_usdt', timeframe: 'day1', limit: 200 });
    expect(status).toBe(200);
    expect(body.status).toBe('success');
    expect(typeof body.analysis).toBe('string');
    expect(body.analysis.length).toBeGreaterThan(200);
    expect(typeof body.analysis_summarized).toBe('string');
    expect(body.analysis_summarized).toMatch(/[\u0600-\u06FF]/);
    expect(body.message).toBeNull();
    expect(body.chart_image_base64).toMatch(/^data:image\/png;base64,iVBORw0KG/);
    // Additions: structured data, with the timeframe as the caller sent it.
    expect(body.data).toMatchObject({ timeframe: 'day1', timeframe_ccxt: '1d' });
  }, 120_000);

  it('the seed\'s error table: 400 bad payload / limit out of range, 404 unknown pair, each with a message', async () => {
    const bad = await call('POST', '/api/v1/analyze', { pair: 'eth_usdt', limit: 2001 });
    expect(bad.status).toBe(400);
    expect(typeof bad.body.message).toBe('string');
    const unknown = await call('POST', '/api/v1/analyze', { pair: 'nope_usdt' });
    expect(unknown.status).toBe(404);
    expect(typeof unknown.body.message).toBe('string');
  });

  it('GET /api/v1/cache-stats gives hits, misses and size as numbers; GET / is the health check', async () => {
    const stats = await call('GET', '/api/v1/cache-stats');
    expect(stats.status).toBe(200);
    for (const k of ['hits', 'misses', 'size']) expect(Number.isInteger(stats.body[k])).toBe(true);
    const root = await call('GET', '/');
    expect(root.status).toBe(200);
    expect(typeof root.body.status).toBe('string');
  });
});

describe('seed 000 clients: SPEC B (scheduler API, run-manual, output files)', () => {
  it('start → {status: "success", message, schedule_type}', async () => {
    const { status, body } = await call('POST', '/api/v1/scheduler/start?schedule_type=interval');
    expect(status).toBe(200);
    expect(body.status).toBe('success');
    expect(body.message).toBe('Scheduler started with interval schedule');
    expect(body.schedule_type).toBe('interval');
  });

  it('status → {status: "running", is_running, jobs [{id: volume_analysis_job, name, next_run_time, trigger}], scheduler_config}', async () => {
    const { status, body } = await call('GET', '/api/v1/scheduler/status');
    expect(status).toBe(200);
    expect(body.status).toBe('running');
    expect(body.is_running).toBe(true);
    expect(body.jobs).toHaveLength(1);
    const job = body.jobs[0];
    expect(job.id).toBe('volume_analysis_job');
    expect(typeof job.name).toBe('string');
    expect(isoLike(job.next_run_time)).toBe(true);
    expect(job.trigger).toBe('interval[0:05:00]');
    const c = body.scheduler_config;
    expect(c).toMatchObject({ interval_minutes: 5, max_instances: 1, coalesce: true, misfire_grace_time: 60 });
  });

  it('stop → {status: "success", message: "Scheduler stopped successfully"}; status then says stopped', async () => {
    const { status, body } = await call('POST', '/api/v1/scheduler/stop');
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'success', message: 'Scheduler stopped successfully' });
    const after = await call('GET', '/api/v1/scheduler/status');
    expect(after.body).toMatchObject({ is_running: false, jobs: [] });
    expect(after.body.status).not.toBe('running');
  });

  it('run-manual → {success: true, timestamp, type: "manual"} at once; the batch writes the seed\'s file names', async () => {
    const { status, body } = await call('POST', '/api/v1/scheduler/run-manual?top=5');
    expect(status).toBe(200);
    expect(body.success).toBe(true);
    expect(isoLike(body.timestamp)).toBe(true);
    expect(body.type).toBe('manual');
    let summary: { status: number; body: Json } = { status: 202, body: {} };
    for (let i = 0; i < 600 && summary.status === 202; i++) {
      await new Promise((r) => setTimeout(r, 200));
      summary = await call('GET', body.result_url);
    }
    expect(summary.status).toBe(200);
    // ./volume_analysis_results/ in the seed; here <resultsDir>/<batch>/ with the seed's names inside.
    const files = readdirSync(join(dir, 'scans', body.batch_id));
    const stamp = /^batch_summary_(\d{8}_\d{6})\.json$/.exec(files.find((f) => f.startsWith('batch_summary_')) ?? '')?.[1];
    expect(stamp).toBeDefined();
    for (const kind of ['data.json', 'chart.html', 'report.html']) {
      expect(files, kind).toContain(`btc_usdt_day1_${stamp}_${kind}`);
    }
  }, 120_000);
});

describe('seed 002 clients: SPEC C (/signals, /candles, /sr-levels, /swings, /health, /docs)', () => {
  const checkRecord = (s: Json) => {
    expect(s.symbol).toMatch(/^[A-Z0-9]+$/);
    expect(typeof s.market_score).toBe('number');
    expect(s.market_score).toBeGreaterThanOrEqual(0);
    expect(s.market_score).toBeLessThanOrEqual(100);
    expect(['long', 'short']).toContain(s.direction);
    expect(typeof s.price).toBe('number');
    for (const k of ['entry1', 'entry2', 'sl', 'tp1', 'tp2', 'tp3', 'swing_high', 'swing_low', 'support_level', 'resistance_level', 'risk_reward_ratio']) {
      expect(numOrNull(s[k]), k).toBe(true);
    }
    expect(s.confluence).toMatch(/^((OB|SR|RSI|FIB|SWING)(,(OB|SR|RSI|FIB|SWING))*)?$/);
    expect(numOrNull(s.confidence_score)).toBe(true);
    if (s.confidence_score !== null) {
      expect(s.confidence_score).toBeGreaterThanOrEqual(0);
      expect(s.confidence_score).toBeLessThanOrEqual(100);
    }
    // Additions equivalent to seed 002's confluence_factors and market_data tables.
    expect(s.confluence_factors.reduce((a: number, f: Json) => a + f.score, 0)).toBe(s.market_score);
    expect(s.market_data.price).toBe(s.price);
  };

  it('GET /signals?symbol=BTCUSDT&direction=long&limit=10 (the seed\'s example) → seed records', async () => {
    const { status, body } = await call('GET', '/signals?symbol=BTCUSDT&direction=long&limit=10');
    expect(status).toBe(200);
    expect(body.signals.length).toBeGreaterThan(0);
    expect(body.signals.length).toBeLessThanOrEqual(10);
    for (const s of body.signals) {
      checkRecord(s);
      expect(s.symbol).toBe('BTCUSDT');
      expect(s.pair).toBe('BTC/USDT');
      expect(s.direction).toBe('long');
    }
    expect(snakeKeys(body)).toEqual([]);
    // Measured confidences are the store's rates on the seed's 0-100 scale (test/api/wire.test.ts checks the scale on bars that have one).
    const all = await call('GET', '/signals?limit=1000');
    const stored = await server.ctx.store.querySignals({ source: 'replay', limit: 1000 });
    const rate = new Map(stored.map((x) => [`${x.symbol}|${x.time}`, x.confidenceScore]));
    for (const s of all.body.signals) {
      const r = rate.get(`${s.pair}|${s.timestamp}`);
      expect(s.confidence_score).toBe(r === null || r === undefined ? null : Math.round(r * 10_000) / 100);
    }
  });

  it('GET /signals/BTCUSDT/latest → the record at the top level', async () => {
    const { status, body } = await call('GET', '/signals/BTCUSDT/latest');
    expect(status).toBe(200);
    checkRecord(body);
    expect(body.symbol).toBe('BTCUSDT');
    const newest = (await call('GET', '/signals?symbol=BTCUSDT&limit=1')).body.signals[0];
    expect(body.timestamp).toBe(newest.timestamp);
  });

  it('GET /signals/summary is snake_case like the rest', async () => {
    const { status, body } = await call('GET', '/signals/summary');
    expect(status).toBe(200);
    expect(snakeKeys(body)).toEqual([]);
    expect(body.total).toBe(body.by_direction.long + body.by_direction.short + body.by_direction.neutral);
    expect(body.by_symbol.map((x: Json) => x.symbol).sort()).toEqual(['BTCUSDT', 'ETHUSDT', 'SOLUSDT'].filter((s) => body.by_symbol.some((x: Json) => x.symbol === s)).sort());
  });

  it('GET /candles/BTCUSDT?timeframe=1d&limit=100 → OHLCV rows', async () => {
    const { status, body } = await call('GET', '/candles/BTCUSDT?timeframe=1d&limit=100');
    expect(status).toBe(200);
    expect(body.symbol).toBe('BTCUSDT');
    expect(body.candles).toHaveLength(100);
    for (const c of body.candles) for (const k of ['timestamp', 'open', 'high', 'low', 'close', 'volume']) expect(typeof c[k]).toBe('number');
  });

  it('GET /sr-levels/BTCUSDT and /swings/BTCUSDT: snake_case, bar times instead of window indexes, times that match the bars', async () => {
    const lv = await call('GET', '/sr-levels/BTCUSDT?timeframe=1d');
    const sw = await call('GET', '/swings/BTCUSDT?timeframe=1d');
    expect(lv.status).toBe(200);
    expect(sw.status).toBe(200);
    expect(snakeKeys(lv.body)).toEqual([]);
    expect(snakeKeys(sw.body)).toEqual([]);
    const asOf = lv.body.as_of as number;
    expect(sw.body.as_of).toBe(asOf);
    // No private indexes left: every time-like field is a time.
    for (const body of [lv.body, sw.body]) expect(JSON.stringify(body)).not.toMatch(/"(index|first_touch|last_touch|confirmed_at)":/);
    const swings = sw.body.swings as Json[];
    expect(swings.length).toBeGreaterThan(3);
    for (const s of swings) {
      expect(['high', 'low']).toContain(s.kind);
      expect(new Date(s.timestamp).toISOString()).toBe(s.time);
      // Strength 5 on continuous daily candles: confirmed five bars after the swing.
      expect(Date.parse(s.confirmed_time) - s.timestamp).toBe(5 * 86_400_000);
      expect(Date.parse(s.confirmed_time)).toBeLessThanOrEqual(asOf);
    }
    const levels = lv.body.levels as Json[];
    expect(levels.length).toBeGreaterThan(0);
    const swingTimes = new Set(swings.map((s) => s.time));
    const earliest = Math.min(...swings.map((s) => s.timestamp));
    let matched = 0;
    for (const l of levels) {
      for (const k of ['price', 'zone_low', 'zone_high', 'touches', 'strength']) expect(typeof l[k], k).toBe('number');
      expect(['support', 'resistance']).toContain(l.role);
      expect(Date.parse(l.first_touch_time)).toBeLessThanOrEqual(Date.parse(l.last_touch_time));
      expect(Date.parse(l.last_touch_time)).toBeLessThanOrEqual(asOf);
      // A level's touches are swings: its latest touch is one of the swings listed (the last 20) when recent enough.
      if (Date.parse(l.last_touch_time) >= earliest) {
        expect(swingTimes.has(l.last_touch_time)).toBe(true);
        matched++;
      }
    }
    expect(matched).toBeGreaterThan(0);
  });

  it('GET /fib-config → seed 002\'s Fibonacci setup', async () => {
    const { status, body } = await call('GET', '/fib-config');
    expect(status).toBe(200);
    expect(body.fib_config.long).toMatchObject({ entry1: 0.70, entry2: 0.72, sl: 0.90, approaching: 0.618 });
    expect(body.fib_config.short).toMatchObject({ entry1: 0.618, entry2: 0.69, sl: 0.789, approaching: 0.5 });
    expect(body.fib_config.pullback_start).toBe(0.382);
    expect(snakeKeys(body)).toEqual([]);
  });

  it('GET /health answers; the OpenAPI docs are at /docs', async () => {
    expect((await call('GET', '/health')).status).toBe(200);
    const docs = await fetch(`${base}/docs`, { headers: { 'x-api-key': apiKey } });
    expect(docs.status).toBe(200);
    const spec = (await (await fetch(`${base}/docs/json`, { headers: { 'x-api-key': apiKey } })).json()) as Json;
    for (const p of ['/signals', '/signals/{symbol}/latest', '/signals/summary', '/candles/{symbol}', '/sr-levels/{symbol}', '/swings/{symbol}', '/fib-config']) {
      expect(spec.paths[p], p).toBeDefined();
    }
    expect(existsSync(join(dir, 'store.db'))).toBe(true);
  });
});
