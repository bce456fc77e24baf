import type { FastifyInstance, FastifyRequest } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import { LRUCache } from 'lru-cache';
import type { Config } from '../../config/schema.js';
import { SextantError } from '../../errors.js';
import { createRedis } from '../../infra/redis.js';

export interface RateLimitInfo {
  store: 'memory' | 'redis' | 'off';
  max: number;
  windowMs: number;
}

/** What the fast lane needs to count a request against the same budget as the plugin. */
export interface RateLimitHandle {
  info: RateLimitInfo;
  /** The plugin's own in-process counters (memory store only; undefined with Redis or when off). */
  local?: { store: SnapshotLocalStore; max: number; windowMs: number };
}

/** The client a budget belongs to: its key or token subject once authenticated, else its address. */
export const rateLimitKey = (req: Pick<FastifyRequest, 'principal' | 'ip'>): string => req.principal?.id ?? `ip:${req.ip}`;

type Incr = (err: Error | null, res: { current: number; ttl: number }) => void;

/**
 * The in-process counter store. The plugin's own LocalStore hands every caller the same
 * mutable counter object and reads it a tick later, so N concurrent requests all see the
 * final count N and all but none may be refused; this one answers with a snapshot.
 */
export class SnapshotLocalStore {
  private readonly windows = new LRUCache<string, { count: number; start: number }>({ max: 100_000 });

  incr(key: string, cb: Incr, timeWindow: number, _max?: number): void {
    const now = Date.now();
    let w = this.windows.get(key);
    if (!w || w.start + timeWindow <= now) {
      w = { count: 0, start: now };
      this.windows.set(key, w);
    }
    w.count++;
    cb(null, { current: w.count, ttl: w.start + timeWindow - now });
  }

  read(key: string, cb: Incr, timeWindow: number): void {
    const now = Date.now();
    const w = this.windows.get(key);
    cb(null, !w || w.start + timeWindow <= now ? { current: 0, ttl: 0 } : { current: w.count, ttl: w.start + timeWindow - now });
  }

  child(): this {
    return this;
  }
}

/**
 * Per-client budgets on @fastify/rate-limit: `max` requests per `windowMs`, then 429 with
 * Retry-After. With Redis the counters live there (one Lua INCR+PEXPIRE per request), so
 * several API processes share one budget; a Redis that is away lets requests through
 * rather than failing the API. Public routes (health, docs, metrics) are not counted.
 * Registered after the security hooks: they run first and identify the client.
 */
export async function installRateLimit(app: FastifyInstance, config: Config): Promise<RateLimitHandle> {
  const rl = config.rateLimit;
  if (!rl.enabled) return { info: { store: 'off', max: rl.max, windowMs: rl.windowMs } };
  const useRedis = rl.store === 'redis' || (rl.store === 'auto' && config.redisUrl !== undefined);
  if (useRedis && !config.redisUrl) throw new SextantError('bad_input', 'config: rateLimit.store: redis needs redisUrl (REDIS_URL)', { field: 'rateLimit.store' });
  const redis = useRedis ? createRedis(config.redisUrl!, 'command') : undefined;
  if (redis) app.addHook('onClose', () => redis.close());
  // The plugin builds its store from the class; this one remembers the instance it built.
  const built: SnapshotLocalStore[] = [];
  const LocalStore = class extends SnapshotLocalStore {
    constructor() {
      super();
      built.push(this);
    }
  };
  await app.register(rateLimit, {
    global: true,
    max: rl.max,
    timeWindow: rl.windowMs,
    keyGenerator: rateLimitKey,
    allowList: (req) => req.routeOptions.config?.role === 'public' || req.routeOptions.config?.role === undefined,
    ...(redis ? { redis: redis.redis, nameSpace: rl.keyPrefix, skipOnError: true } : { store: LocalStore as never }),
    errorResponseBuilder: (_req, ctx) => new SextantError('rate_limited', `rate limit: ${ctx.max} requests per ${ctx.after} for this client; retry after the Retry-After seconds`, { retryAfterS: Math.max(1, Math.ceil(ctx.ttl / 1000)) }),
  });
  const info: RateLimitInfo = { store: redis ? 'redis' : 'memory', max: rl.max, windowMs: rl.windowMs };
  const local = built[0];
  if (!redis && !local) throw new Error('@fastify/rate-limit built no store: the fast lane could not share its counters');
  return { info, ...(local ? { local: { store: local, max: rl.max, windowMs: rl.windowMs } } : {}) };
}
