import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Services } from '../../services/types.js';
import { processFaults } from '../../infra/process-faults.js';

/**
 * Prometheus metrics, one registry per app (tests run several apps in one process).
 * Counters the services already keep are read at scrape time; nothing here changes how
 * a service works. Names reserved for parts not instrumented yet are listed in
 * RESERVED_METRICS (and in the README) so dashboards and alerts can be written now.
 */
export const RESERVED_METRICS = [
  'sextant_queue_depth',
  'sextant_job_duration_seconds',
  'sextant_pipeline_lag_seconds',
  'sextant_source_errors_total',
  'sextant_source_breaker_state',
] as const;

const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export interface MetricsHandle {
  registry: Registry;
  /** Text exposition (what GET /metrics answers). */
  text(): Promise<string>;
  /** Counts one answer as the onResponse hook does (the fast lane answers outside Fastify's hooks). */
  record(method: string, route: string, status: number, seconds: number, cache: unknown): void;
}

/** A counter that mirrors a cumulative count kept elsewhere (read at scrape time). */
function mirroredCounter(registry: Registry, name: string, help: string, read: () => number | Promise<number>): void {
  new Counter({
    name, help, registers: [registry],
    async collect() {
      const v = await read();
      this.reset();
      if (v > 0) this.inc(v);
    },
  });
}

export function installMetrics(app: FastifyInstance, ctx: Partial<Services>, opts: { prefix?: string } = {}): MetricsHandle {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const p = opts.prefix ?? 'sextant_';

  const duration = new Histogram({ name: `${p}http_request_duration_seconds`, help: 'HTTP request latency by route pattern, method and status', labelNames: ['method', 'route', 'status'], buckets: BUCKETS, registers: [registry] });
  const requests = new Counter({ name: `${p}http_requests_total`, help: 'HTTP requests by route pattern, method and status', labelNames: ['method', 'route', 'status'], registers: [registry] });
  const errors = new Counter({ name: `${p}http_errors_total`, help: 'HTTP answers >= 400 by route pattern and status class reason', labelNames: ['route', 'status'], registers: [registry] });
  const analysis = new Counter({ name: `${p}analysis_cache_requests_total`, help: 'POST /api/v1/analyze answers by cache result (x-cache)', labelNames: ['result'], registers: [registry] });

  // Label objects built once per (method, route, status): a hot route reuses them instead
  // of allocating and stringifying on every answer. Bounded by routes × methods × statuses.
  const labelSets = new Map<string, { method: string; route: string; status: string }>();
  const cacheLabels = { hit: { result: 'hit' }, miss: { result: 'miss' } } as const;
  const record = (method: string, route: string, code: number, seconds: number, cache: unknown) => {
    const id = `${method} ${code} ${route}`;
    let labels = labelSets.get(id);
    if (!labels) {
      labels = { method, route, status: String(code) };
      labelSets.set(id, labels);
    }
    duration.observe(labels, seconds);
    requests.inc(labels);
    if (code >= 400) errors.inc({ route, status: labels.status });
    if (cache === 'hit' || cache === 'miss') analysis.inc(cacheLabels[cache]);
  };
  app.addHook('onResponse', (req, reply, done) => {
    // The pattern, not the URL: one series per route however many pairs are asked for.
    record(req.method, req.routeOptions.url ?? 'unmatched', reply.statusCode, reply.elapsedTime / 1000, reply.getHeader('x-cache'));
    done();
  });

  new Counter({ name: `${p}unhandled_errors_total`, help: 'Rejections nobody handled and exceptions that reached the top (the process guard counts them; > 0 is a bug)', labelNames: ['kind'], registers: [registry], collect() {
    const f = processFaults();
    this.reset();
    this.inc({ kind: 'unhandled_rejection' }, f.unhandledRejections);
    this.inc({ kind: 'uncaught_exception' }, f.uncaughtExceptions);
  } });

  const cache = ctx.cache;
  if (cache) {
    mirroredCounter(registry, `${p}cache_hits_total`, 'Cache hits of this process (analysis responses)', async () => (await cache.stats()).hits);
    mirroredCounter(registry, `${p}cache_misses_total`, 'Cache misses of this process', async () => (await cache.stats()).misses);
    new Gauge({ name: `${p}cache_entries`, help: 'Entries held by the cache', registers: [registry], async collect() {
      this.set((await cache.stats()).size);
    } });
  }

  if (ctx.health) {
    const health = ctx.health.bind(ctx);
    new Gauge({ name: `${p}dependency_up`, help: 'Per dependency: 1 ok, 0.5 degraded, 0 down (as /health reports)', labelNames: ['dependency'], registers: [registry], async collect() {
      const r = await health();
      this.reset();
      for (const [name, h] of Object.entries(r.dependencies)) this.set({ dependency: name }, h.status === 'ok' ? 1 : h.status === 'degraded' ? 0.5 : 0);
    } });
  }

  const pipeline = ctx.pipeline;
  if (pipeline) {
    new Gauge({ name: `${p}pipeline_degraded_series`, help: 'Signal-pipeline series failing repeatedly', registers: [registry], collect() {
      this.set(pipeline.pipeline.degraded().length);
    } });
  }

  const tracker = ctx.tracker;
  if (tracker) {
    mirroredCounter(registry, `${p}tracker_market_events_total`, 'Market events (trades, book diffs) the tracker consumed; rate() = events/s', () => tracker.counts.marketEvents);
    mirroredCounter(registry, `${p}tracker_detector_events_total`, 'Events the tracker detectors emitted', () => tracker.counts.events);
    mirroredCounter(registry, `${p}tracker_windows_total`, 'Volume windows the tracker closed', () => tracker.counts.windows);
    const resyncs = new Counter({ name: `${p}tracker_book_resyncs_total`, help: 'Order-book resyncs (sequence gap or top-of-book mismatch)', labelNames: ['symbol'], registers: [registry] });
    const off = tracker.listen((m) => {
      if (m.type === 'event' && m.data.kind === 'resync') resyncs.inc({ symbol: m.data.symbol });
    });
    app.addHook('onClose', async () => off());
    new Gauge({ name: `${p}tracker_books_out_of_sync`, help: 'Tracked order books not in sync', registers: [registry], collect() {
      this.set(tracker.status().filter((s) => s.book.state !== 'synced').length);
    } });
  }

  const training = ctx.training;
  if (training) {
    new Gauge({ name: `${p}ml_training_jobs`, help: 'ML training jobs by state (running on threads, waiting in the queue)', labelNames: ['state'], registers: [registry], collect() {
      this.set({ state: 'running' }, training.active);
      this.set({ state: 'queued' }, training.queued);
    } });
    mirroredCounter(registry, `${p}ml_training_jobs_done_total`, 'ML training jobs that produced a model', () => training.finished.done);
    mirroredCounter(registry, `${p}ml_training_jobs_failed_total`, 'ML training jobs that failed', () => training.finished.failed);
    const took = new Histogram({ name: `${p}ml_training_duration_seconds`, help: 'Run time of finished ML training jobs (candles, walk-forward, final model)', labelNames: ['status'], buckets: [1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600], registers: [registry] });
    const off = training.onFinish((status, seconds) => took.observe({ status }, seconds));
    app.addHook('onClose', async () => off());
  }

  return { registry, text: () => registry.metrics(), record };
}
