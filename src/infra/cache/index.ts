import type { Config } from '../../config/schema.js';
import { MemoryCache } from './memory.js';
import { RedisCache } from './redis.js';
import { ResilientCache } from './resilient.js';
import type { Cache } from './types.js';

export { MemoryCache } from './memory.js';
export { RedisCache } from './redis.js';
export { ResilientCache } from './resilient.js';
export type { Cache, CacheStats } from './types.js';

/**
 * Redis when configured (redisUrl / REDIS_URL), with the in-process LRU taking over while
 * Redis is unreachable; the in-process LRU alone otherwise.
 */
export function openCache(config: Pick<Config, 'redisUrl'> & Partial<Pick<Config, 'dependencyTimeoutMs'>>, opts: { prefix?: string } = {}): Cache {
  if (!config.redisUrl) return new MemoryCache();
  return new ResilientCache(new RedisCache({ url: config.redisUrl, prefix: opts.prefix }), config.dependencyTimeoutMs ?? 2_000);
}
