import { z } from 'zod';

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
  }).default({}),
  /** Redis for cache and job queue when set (env REDIS_URL). */
  redisUrl: z.string().regex(/^rediss?:\/\//, 'must be a redis:// URL').optional(),
  server: z.strictObject({
    host: z.string().default('127.0.0.1'),
    port: z.coerce.number().int().min(0).max(65535).default(8080),
  }).default({ host: '127.0.0.1', port: 8080 }),
  exchange: z.strictObject({
    timeoutMs: z.coerce.number().int().min(100).max(120_000).default(10_000),
    retries: z.coerce.number().int().min(0).max(10).default(3),
    apiKey: z.string().optional(),
    secret: z.string().optional(),
  }).default({ timeoutMs: 10_000, retries: 3 }),
  llm: z.strictObject({
    /** OpenAI-compatible endpoint (OpenAI, Groq, Gemini's compatible endpoint, a local server). */
    baseUrl: z.url().optional(),
    apiKey: z.string().optional(),
    model: z.string().optional(),
    timeoutMs: z.coerce.number().int().min(100).max(120_000).default(8_000),
  }).default({ timeoutMs: 8_000 }),
});

export type Config = z.infer<typeof configSchema>;
