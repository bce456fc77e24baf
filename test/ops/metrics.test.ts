import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import parsePrometheusTextFormat, { type MetricFamily } from 'parse-prometheus-text-format';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { RESERVED_METRICS } from '../../src/api/plugins/metrics.js';
import { authWorld, type AuthWorld } from '../api/auth-helpers.js';

const ROOT = join(import.meta.dirname, '..', '..');

describe('/metrics in the Prometheus text format', () => {
  let world: AuthWorld;
  let app: FastifyInstance;
  let families: Map<string, MetricFamily>;
  let text = '';
  beforeAll(async () => {
    world = await authWorld({ withKeys: false });
    app = await world.app();
    // Traffic to measure: reads, a 404 body, a refused write, an analysis computed then cached.
    for (let i = 0; i < 3; i++) await app.inject({ url: '/signals' });
    await app.inject({ url: '/signals/NOPEUSDT/latest' });
    await app.inject({ method: 'POST', url: '/api/v1/scheduler/stop', headers: { 'content-type': 'application/json' }, payload: '{}' });
    for (let i = 0; i < 2; i++) await app.inject({ method: 'POST', url: '/api/v1/analyze', headers: { 'content-type': 'application/json' }, payload: '{"pair":"eth_usdt","limit":100}' });
    const res = await app.inject({ url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    text = res.body;
    families = new Map(parsePrometheusTextFormat(text).map((f) => [f.name, f]));
  });
  afterAll(() => world.close());

  const value = (name: string, labels: Record<string, string> = {}) =>
    families.get(name)?.metrics.filter((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v)).reduce((s, m) => s + Number(m.value ?? m.count), 0);

  it('HTTP latency histogram and request counts per route pattern, method and status', () => {
    const h = families.get('sextant_http_request_duration_seconds')!;
    expect(h.type).toBe('HISTOGRAM');
    expect(Object.keys(h.metrics[0]!.buckets!).length).toBeGreaterThan(5);
    // The parser folds a labelled histogram into one unlabelled sample, so its per-route
    // series are read from the exposition lines themselves.
    expect(text).toMatch(/^sextant_http_request_duration_seconds_count\{method="GET",route="\/signals",status="200"\} 3$/m);
    expect(text).toMatch(/^sextant_http_request_duration_seconds_bucket\{le="\+Inf",method="GET",route="\/signals",status="200"\} 3$/m);
    expect(value('sextant_http_requests_total', { route: '/signals', method: 'GET', status: '200' })).toBe(3);
    // The pattern, not the URL: one series however many symbols are asked for.
    expect(value('sextant_http_requests_total', { route: '/signals/:symbol/latest', status: '404' })).toBe(1);
    expect(value('sextant_http_errors_total', { route: '/api/v1/scheduler/stop', status: '401' })).toBe(1);
  });

  it('cache hits and misses, dependency states, process metrics', () => {
    expect(value('sextant_analysis_cache_requests_total', { result: 'miss' })).toBe(1);
    expect(value('sextant_analysis_cache_requests_total', { result: 'hit' })).toBe(1);
    expect(value('sextant_cache_hits_total')).toBeGreaterThanOrEqual(1);
    expect(value('sextant_cache_misses_total')).toBeGreaterThanOrEqual(1);
    expect(value('sextant_dependency_up', { dependency: 'store' })).toBe(1);
    expect(value('sextant_dependency_up', { dependency: 'source' })).toBe(1);
    // ML training: job states and outcomes (no job ran here, so all zero but present).
    expect(value('sextant_ml_training_jobs', { state: 'running' })).toBe(0);
    expect(value('sextant_ml_training_jobs', { state: 'queued' })).toBe(0);
    expect(value('sextant_ml_training_jobs_done_total')).toBe(0);
    expect(families.get('sextant_ml_training_duration_seconds')?.type).toBe('HISTOGRAM');
    expect(families.get('sextant_unhandled_errors_total')!.metrics.map((m) => m.labels?.kind).sort()).toEqual(['uncaught_exception', 'unhandled_rejection']);
    for (const name of ['process_cpu_user_seconds_total', 'process_resident_memory_bytes', 'nodejs_eventloop_lag_seconds', 'nodejs_heap_size_used_bytes']) expect(families.has(name), name).toBe(true);
  });

  it('the Grafana dashboard uses only names /metrics exposes (or reserved ones) and has the four rows', () => {
    const dash = JSON.parse(readFileSync(join(ROOT, 'ops', 'grafana', 'sextant.json'), 'utf8')) as { schemaVersion: number; uid: string; panels: { type: string; title: string; targets?: { expr: string }[] }[] };
    expect(dash.schemaVersion).toBeGreaterThanOrEqual(36);
    expect(dash.uid).toMatch(/^[\w-]{1,40}$/);
    const rows = dash.panels.filter((p) => p.type === 'row').map((p) => p.title);
    expect(rows).toEqual(['API', 'Pipeline', 'Tracker', 'Sources and process']);
    // Names this process exposes, plus those of parts that are not running in this test (tracker, pipeline).
    const known = new Set([...families.keys(), ...RESERVED_METRICS, 'sextant_pipeline_degraded_series', 'sextant_tracker_market_events_total', 'sextant_tracker_detector_events_total',
      'sextant_tracker_windows_total', 'sextant_tracker_book_resyncs_total', 'sextant_tracker_books_out_of_sync']);
    const used = new Set<string>();
    for (const p of dash.panels) for (const t of p.targets ?? []) for (const m of t.expr.matchAll(/\b(sextant_[a-z_]+|process_[a-z_]+|nodejs_[a-z_]+)\b/g)) used.add(m[1]!.replace(/_(bucket|sum|count)$/, ''));
    expect(used.size).toBeGreaterThan(10);
    for (const name of used) expect(known.has(name), name).toBe(true);
  });
});
