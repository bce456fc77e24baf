import type { FastifyInstance, FastifyRequest } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import type { Config } from '../../config/schema.js';
import { SextantError } from '../../errors.js';
import { createRedis } from '../../infra/redis.js';

export interface RateLimitInfo {
  store: 'memory' | 'redis' | 'off';
  max: number;
  windowMs: number;
}

/** The client a budget belongs to: its key or token subject once authenticated, else its address. */
export const rateLimitKey = (req: FastifyRequest): string => req.principal?.id ?? `ip:${req.ip}`;

/**
 * Per-client budgets on @fastify/rate-limit: `max` requests per `windowMs`, then 429 with
 * Retry-After. With Redis the counters live there (one Lua INCR+PEXPIRE per request), so
 * several API processes share one budget; a Redis that is away lets requests through
 * rather than failing the API. Public routes (health, docs, metrics) are not counted.
 * Registered after the security hooks: they run first and identify the client.
 */
export async function installRateLimit(app: FastifyInstance, config: Config): Promise<RateLimitInfo> {
  const rl = config.rateLimit;
  if (!rl.enabled) return { store: 'off', max: rl.max, windowMs: rl.windowMs };
  const useRedis = rl.store === 'redis' || (rl.store === 'auto' && config.redisUrl !== undefined);
  if (useRedis && !config.redisUrl) throw new SextantError('bad_input', 'config: rateLimit.store: redis needs redisUrl (REDIS_URL)', { field: 'rateLimit.store' });
  const redis = useRedis ? createRedis(config.redisUrl!, 'command') : undefined;
  if (redis) app.addHook('onClose', () => redis.close());
  await app.register(rateLimit, {
    global: true,
    max: rl.max,
    timeWindow: rl.windowMs,
    keyGenerator: rateLimitKey,
    allowList: (req) => req.routeOptions.config?.role === 'public' || req.routeOptions.config?.role === undefined,
    ...(redis ? { redis: redis.redis, nameSpace: rl.keyPrefix, skipOnError: true } : {}),
    errorResponseBuilder: (_req, ctx) => new SextantError('rate_limited', `rate limit: ${ctx.max} requests per ${ctx.after} for this client; retry after the Retry-After seconds`, { retryAfterS: Math.max(1, Math.ceil(ctx.ttl / 1000)) }),
  });
  return { store: redis ? 'redis' : 'memory', max: rl.max, windowMs: rl.windowMs };
}
