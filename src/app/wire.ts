import type { Config } from '../config/schema.js';
import type { ScannerSettings } from '../config/scanner.js';
import { parseTimeframe } from '../core/timeframes.js';
import { parsePair } from '../core/types.js';
import { LiveClock, type Clock } from '../kernel/clock.js';
import { overallStatus, type ServiceHealth } from '../kernel/service.js';
import { openCache } from '../infra/cache/index.js';
import type { Cache } from '../infra/cache/types.js';
import { openStore } from '../infra/store/index.js';
import type { Store } from '../infra/store/types.js';
import { dependencyCall, withDeadline } from '../infra/deadline.js';
import { chartPoolStats } from '../infra/charts/pool.js';
import { cachePrefix, queuePrefix, redisNamespace, signalChannel } from '../config/redis-namespace.js';
import type { MarketSource } from '../sources/market/types.js';
import { AnalysisService } from '../services/analysis/service.js';
import { analysisToWire } from '../api/wire/analysis.js';
import { LocalSignalBus, RedisSignalBus, type SignalBus } from '../services/pipeline/bus.js';
import type { PipelineService, PipelineServiceOptions } from '../services/pipeline/service.js';
import { ScannerService } from '../services/scanner/service.js';
import { ScanResultStore } from '../services/scanner/store.js';
import { ModelRegistry } from '../services/ml/registry.js';
import { TrainJobs } from '../services/ml/train-jobs.js';
import type { HealthReport, Services } from '../services/types.js';
import type { TrackerService } from '../services/tracker/service.js';
import type { TrackerWiring } from '../services/tracker/wire.js';
import { IntelService } from '../services/intel/service.js';
import { lazyStore } from './lazy-store.js';
import { openSource } from './sources.js';

export type { Services } from '../services/types.js';

/** What the signal pipeline should do when wired; unset fields come from config.pipeline. */
export type PipelineWiring = Partial<Pick<PipelineServiceOptions, 'series' | 'replay' | 'since' | 'useQueue' | 'log' | 'threads'>>;

export interface WireOptions {
  /** A source instance (tests, FileSource) or a source name; default config.source. */
  source?: MarketSource | string;
  /** An open store to use instead of the configured one (tests); it is closed by stop() only if `ownStore`. */
  store?: Store;
  ownStore?: boolean;
  cache?: Cache;
  clock?: Clock;
  /** Scanner settings instead of config.scanner (the CLI's flags over the config). */
  scanner?: ScannerSettings;
  /** Wire the signal pipeline: true for the config's settings, an object to override them, or a built one. */
  pipeline?: boolean | PipelineWiring | PipelineService;
  /** Run the live market tracker (SPEC D): true for the defaults (replay feed when the source is replay). */
  tracker?: boolean | TrackerWiring;
  /** Where background failures and the pipeline's end are told (the server passes its logger). */
  log?: (level: 'info' | 'error', msg: string, detail?: unknown) => void;
}

/**
 * Dependencies the process cannot work without: /health says `down` (HTTP 503) when one is.
 * None: with the database away analysis still answers, with the exchange away stored signals
 * still do; /health says `degraded` and lists which dependency is away and why.
 */
const CRITICAL: string[] = [];

/**
 * The composition root: builds every service of one process from the config, once.
 * Cheap parts are built now; connections (store, Redis) open on first use or in start(),
 * so CLI commands that need only a source pay for nothing else.
 */
export async function wire(config: Config, opts: WireOptions = {}): Promise<Services> {
  const clock = opts.clock ?? new LiveClock();
  const startedAt = clock.now();
  const stops: (() => Promise<void>)[] = [];
  const source = typeof opts.source === 'object' ? opts.source : await openSource(opts.source ?? config.source, config);
  // A source handed in belongs to the caller, like a store handed in.
  if (typeof opts.source !== 'object') stops.push(() => source.close());

  const lazy = opts.store
    ? undefined
    : lazyStore(config.store.databaseUrl ? 'postgres' : 'sqlite', () => openStore({ databaseUrl: config.store.databaseUrl, sqlitePath: config.store.sqlitePath, schema: config.store.schema }));
  if (lazy) stops.push(() => lazy.close());
  else if (opts.ownStore) stops.push(() => opts.store!.close());
  let realStore: Store | undefined = opts.store;
  const openedStore = async (): Promise<Store> => (realStore ??= await lazy!.open());

  const namespace = redisNamespace(config);
  const cache = opts.cache ?? openCache(config, { prefix: cachePrefix(namespace) });
  if (!opts.cache) stops.push(() => cache.stop());

  let bus: SignalBus | undefined;
  const signalBus = () => (bus ??= config.redisUrl
    ? new RedisSignalBus(config.redisUrl, { channel: signalChannel(namespace), timeoutMs: config.dependencyTimeoutMs })
    : new LocalSignalBus());
  stops.push(async () => {
    await bus?.close();
  });

  const analysis = new AnalysisService({ source, cache, llm: config.llm, encode: analysisToWire });
  // Results go to the store like everything else (opened on the first batch); the files stay as the export.
  const scanner = new ScannerService(source, opts.scanner ?? config.scanner, undefined, new ScanResultStore(lazy?.store ?? opts.store!));
  stops.push(() => analysis.stop(), () => scanner.stop());
  const models = new ModelRegistry(() => realStore ?? lazy!.store, config.ml.modelsDir);
  const training = new TrainJobs(() => source, models, () => clock.now(), { concurrency: config.ml.trainConcurrency, maxQueued: config.ml.trainQueue });
  const intel = new IntelService({ config, source, clock, cache, store: () => realStore ?? (lazy ? lazy.store : opts.store!), tracker: () => tracker });
  stops.push(() => intel.stop());

  let pipeline: PipelineService | undefined;
  let pipelineRun: Promise<void> | undefined;
  if (opts.pipeline && typeof opts.pipeline === 'object' && 'runReplay' in opts.pipeline) {
    pipeline = opts.pipeline;
  } else if (opts.pipeline) {
    const over: PipelineWiring = opts.pipeline === true ? {} : opts.pipeline;
    const p = config.pipeline;
    // Loaded only when asked for: BullMQ is large, and most commands never run the pipeline.
    const { PipelineService: Pipeline, parseSeriesList } = await import('../services/pipeline/service.js');
    pipeline = new Pipeline({
      source,
      store: await openedStore(),
      bus: signalBus(),
      series: over.series ?? parseSeriesList(p.symbols.map((s) => parsePair(s)), p.timeframes.map(parseTimeframe)),
      replay: over.replay ?? source.id === 'replay',
      since: over.since ?? Date.parse(p.replaySince),
      window: p.window,
      pollMs: p.pollMs,
      redisUrl: config.redisUrl,
      useQueue: over.useQueue ?? p.useQueue,
      queueName: p.queueName,
      queuePrefix: queuePrefix(namespace),
      ...(p.seriesDeadlineMs ? { seriesDeadlineMs: p.seriesDeadlineMs } : {}),
      ...(over.log ? { log: over.log } : {}),
      ...(over.threads !== undefined ? { threads: over.threads } : {}),
    });
    const owned = pipeline;
    stops.push(async () => {
      owned.stop();
      await pipelineRun?.catch(() => undefined);
      await owned.close();
    });
  }

  let tracker: TrackerService | undefined;
  if (opts.tracker) {
    const { buildTracker } = await import('../services/tracker/wire.js');
    tracker = await buildTracker(config, source, await openedStore(), opts.tracker === true ? {} : opts.tracker, opts.log);
    const owned = tracker;
    stops.push(() => owned.stop());
  }

  // Each dependency's health, by the name /health shows it under.
  const checks: Record<string, () => ServiceHealth | Promise<ServiceHealth>> = {
    source: () => source.health?.() ?? { status: 'ok', details: { id: source.id } },
    store: () => storeHealth(realStore ?? lazy?.store, realStore !== undefined || lazy === undefined, config.dependencyTimeoutMs),
    cache: () => cache.health(),
    // The bus is built on first use (a WebSocket client, the pipeline); until then it has nothing to say.
    signalBus: () => (bus ? bus.health() : { status: 'ok', details: { kind: config.redisUrl ? 'redis' : 'in-process', namespace: config.redisUrl ? namespace : undefined, connected: false } }),
    llm: () => analysis.llmHealth(),
    charts: () => chartsHealth(),
    analysis: () => analysis.health(),
    scanner: () => scanner.health(),
    training: () => ({ status: 'ok', details: { running: training.active, queued: training.queued } }),
    intel: () => intel.health(),
  };
  if (pipeline) {
    const p = pipeline;
    checks['pipeline'] = () => {
      const sick = p.pipeline.degraded();
      return sick.length
        ? { status: 'degraded', reason: `${sick.length} series keep failing: ${sick.join(', ')}`, details: { degraded: sick } }
        : { status: 'ok', details: { degraded: [] } };
    };
  }

  if (tracker) checks['tracker'] = () => tracker.health();

  let stopped: Promise<void> | undefined;
  const services: Services = {
    config,
    clock,
    source,
    get store() {
      return realStore ?? lazy!.store;
    },
    cache,
    get signalBus() {
      return signalBus();
    },
    analysis,
    scanner,
    models,
    training,
    intel,
    pipeline,
    tracker,
    startedAt,
    async health(): Promise<HealthReport> {
      const names = Object.keys(checks);
      // Each check is bounded: /health answers in about dependencyTimeoutMs however a dependency hangs.
      // A little past the checks' own deadlines, so a dependency's own reason ("postgres unavailable: ...") wins.
      const ms = config.dependencyTimeoutMs + 500;
      const results = await Promise.all(names.map((n) =>
        withDeadline(Promise.resolve().then(checks[n]!), ms, () => new Error(`${n}: no answer within ${ms} ms`)).catch((e: Error): ServiceHealth => ({ status: 'down', reason: e.message }))));
      const dependencies = Object.fromEntries(names.map((n, i) => [n, results[i]!]));
      return { status: overallStatus(dependencies, CRITICAL), dependencies };
    },
    async start() {
      // The store opens here, so a server fails at start (one line) rather than on its first request.
      await openedStore();
      await tracker?.start();
      if (pipeline && !pipelineRun && !(opts.pipeline && typeof opts.pipeline === 'object' && 'runReplay' in opts.pipeline)) {
        const p = pipeline;
        const replay = p.opts.replay ?? false;
        pipelineRun = (replay ? p.runReplay().then((r) => opts.log?.('info', 'signal pipeline finished the replay', r)) : p.runLive()).catch((err: Error) => opts.log?.('error', 'signal pipeline stopped', err));
      }
    },
    stop() {
      stopped ??= (async () => {
        for (const s of stops.reverse()) await s().catch((e: Error) => opts.log?.('error', 'stopping a service failed', e));
      })();
      return stopped;
    },
  };
  return services;
}

async function storeHealth(store: Store | undefined, open: boolean, timeoutMs: number): Promise<ServiceHealth> {
  if (!store) return { status: 'down', reason: 'no store wired' };
  if (!open) return { status: 'ok', details: { kind: store.kind, open: false } };
  try {
    // The cheapest read every backend has: proves the connection and the schema.
    await dependencyCall(store.kind, timeoutMs, () => store.kvGet('sextant', 'health'));
    return { status: 'ok', details: { kind: store.kind } };
  } catch (e) {
    return { status: 'down', reason: (e as Error).message, details: { kind: store.kind } };
  }
}

/** The rendering pool when it runs (the server): degraded while its queue is full (requests get 503 busy). */
function chartsHealth(): ServiceHealth {
  const stats = chartPoolStats();
  if (!stats) return { status: 'ok', details: { mode: 'inline' } };
  const details = { mode: 'worker-threads', ...stats };
  return stats.queued >= stats.maxQueue
    ? { status: 'degraded', reason: `chart rendering is busy: ${stats.queued} charts waiting (the limit); new analyses get 503 until it drains`, details }
    : { status: 'ok', details };
}
