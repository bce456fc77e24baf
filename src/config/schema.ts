import { z } from 'zod';
import { scannerSettingsSchema } from './scanner.js';
import { authSchema, flag, httpSchema, metricsSchema, rateLimitSchema } from './security.js';
import { intelSettingsSchema } from './intel.js';
import { trackerSettingsSchema } from './tracker.js';

/** Every setting Sextant reads, with defaults; unknown keys are errors (typos must not pass silently). */
export const configSchema = z.strictObject({
  env: z.enum(['dev', 'test', 'prod']).default('dev'),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** `replay` (bundled data, no network) or any CCXT exchange id. */
  source: z.string().regex(/^[a-z0-9]+$/, 'must be "replay" or a lowercase CCXT exchange id').default('replay'),
  dataDir: z.string().optional(),
  store: z.strictObject({
    /** SQLite file; default in the user's data dir. */
    sqlitePath: z.string().optional(),
    /** PostgreSQL when set (env DATABASE_URL). */
    databaseUrl: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional(),
    /** PostgreSQL schema for the tables (default: public). */
    schema: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lowercase SQL identifier').optional(),
  }).default({}),
  /** Redis for cache and job queue when set (env REDIS_URL). */
  redisUrl: z.string().regex(/^rediss?:\/\//, 'must be a redis:// URL').optional(),
  /**
   * Prefix of every Redis key and channel this deployment uses (cache, signal channel, job
   * queue), so deployments sharing one Redis server never see each other's data. Default:
   * derived from the database (config/redis-namespace.ts).
   */
  redisNamespace: z.string().regex(/^[\w.-]{1,64}$/, 'letters, digits, _ . - only (at most 64)').optional(),
  /**
   * How long a request waits for a dependency (Redis, the database, a health probe) before it
   * is answered 503 with the reason, or served degraded.
   */
  dependencyTimeoutMs: z.coerce.number().int().min(100).max(60_000).default(2_000),
  /** Chart rendering runs on worker threads; a request beyond the queue is answered 503 (busy). */
  charts: z.strictObject({
    /** Rendering threads; default: the cores less one, at least one, at most four. 0: on the event loop (the old way, for comparison). */
    threads: z.coerce.number().int().min(0).max(32).optional(),
    /** Charts waiting for a thread before new ones are refused. */
    maxQueue: z.coerce.number().int().min(1).max(10_000).default(256),
  }).prefault({}),
  server: z.strictObject({
    host: z.string().default('127.0.0.1'),
    port: z.coerce.number().int().min(0).max(65535).default(8080),
  }).default({ host: '127.0.0.1', port: 8080 }),
  exchange: z.strictObject({
    timeoutMs: z.coerce.number().int().min(100).max(120_000).default(10_000),
    retries: z.coerce.number().int().min(0).max(10).default(3),
    apiKey: z.string().optional(),
    secret: z.string().optional(),
    /**
     * Deep-merged into CCXT's `urls` (e.g. `{ api: { public: http://127.0.0.1:9000/api/v3 } }`):
     * a testnet, a proxy or a local stand-in.
     */
    urls: z.record(z.string(), z.unknown()).optional(),
    /** CCXT's sandbox mode (the exchange's testnet, where it has one). */
    sandbox: flag.default(false),
  }).prefault({}),
  pipeline: z.strictObject({
    /** Run the signal pipeline inside `sextant start` (replay when the source is replay). */
    autostart: flag.default(true),
    symbols: z.array(z.string().min(3)).min(1).default(['BTC/USDT', 'ETH/USDT', 'BNB/USDT', 'SOL/USDT', 'XRP/USDT', 'DOGE/USDT', 'ADA/USDT', 'AVAX/USDT', 'LINK/USDT', 'DOT/USDT']),
    timeframes: z.array(z.string()).min(1).default(['1d']),
    /** Replay: first day of the history to replay (ISO date). */
    replaySince: z.string().regex(/^\d{4}-\d{2}-\d{2}/, 'must be an ISO date').default('2022-01-01'),
    /** Candles of stored history read per computation; raised to the structure lookback (500), which alone decides what a computation sees. */
    window: z.coerce.number().int().min(50).max(5000).default(500),
    /** Live polling interval. */
    pollMs: z.coerce.number().int().min(1000).default(15_000),
    /** Process closed candles through the Redis queue (BullMQ workers) instead of in-process. */
    useQueue: flag.default(false),
    queueName: z.string().regex(/^[\w.-]+$/, 'letters, digits, _ . - only').default('sextant-candles'),
    /** Live: a series whose fetch takes longer is reported failed for this tick, without delaying the others. */
    seriesDeadlineMs: z.coerce.number().int().min(100).max(600_000).default(20_000),
  }).prefault({}),
  /** Volume-spike scanner (SPEC B): detection, schedule, alert sinks, results folder. */
  scanner: scannerSettingsSchema.prefault({}),
  /**
   * The live tracker's daily maintenance jobs: `HH:MM:SS` (UTC, daily) or a cron expression
   * (UTC) per job, the benchmark's length in days and the quote currency of the coin list
   * and volume standings.
   */
  trackerJobs: z.strictObject({
    markets: z.string().min(1).default('23:59:18'),
    benchmarks: z.string().min(1).default('23:59:30'),
    coins: z.string().min(1).default('00:00:00'),
    standings: z.string().min(1).default('00:00:00'),
    benchmarkDays: z.coerce.number().int().min(1).max(365).default(30),
    quote: z.string().regex(/^[A-Z0-9]{2,12}$/, 'an upper-case currency code').default('USDT'),
    /** A job that has not finished after this long is recorded as failed (its work may go on). */
    timeoutMs: z.coerce.number().int().min(1_000).max(3_600_000).default(120_000),
  }).prefault({}),

  /** Machine learning: where model files are read from, how many trainings run at once. */
  ml: z.strictObject({
    /** Folder of model JSON files read beside the Store's models (env ML_MODELS_DIR). */
    modelsDir: z.string().min(1).default('models'),
    /** Training jobs running at once, each on its own thread. */
    trainConcurrency: z.coerce.number().int().min(1).max(16).default(1),
    /** Training jobs allowed to wait; more get 429. */
    trainQueue: z.coerce.number().int().min(0).max(1000).default(10),
  }).prefault({}),
  /** Live market tracker (SPEC D): its exchange streams (pooled connections, reconnects, degraded state). */
  tracker: trackerSettingsSchema.prefault({}),
  /** Multi-modal intelligence signal (SPEC E): whales, book, sentiment, Fear & Greed, coordinator. */
  intel: intelSettingsSchema.prefault({}),
  llm: z.strictObject({
    /** OpenAI-compatible endpoint (OpenAI, Groq, Gemini's compatible endpoint, a local server). */
    baseUrl: z.url().optional(),
    apiKey: z.string().optional(),
    model: z.string().optional(),
    timeoutMs: z.coerce.number().int().min(100).max(120_000).default(8_000),
  }).default({ timeoutMs: 8_000 }),
  /** HTTP edge (src/config/security.ts): authentication, rate limits, request limits, metrics. */
  auth: authSchema.prefault({}),
  rateLimit: rateLimitSchema.prefault({}),
  http: httpSchema.prefault({}),
  metrics: metricsSchema.prefault({}),
});

export type Config = z.infer<typeof configSchema>;
