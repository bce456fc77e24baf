import type { Config } from '../../config/schema.js';
import { MemoryCache } from './memory.js';
import { RedisCache } from './redis.js';
import type { Cache } from './types.js';

export { MemoryCache } from './memory.js';
export { RedisCache } from './redis.js';
export type { Cache, CacheStats } from './types.js';

/** Redis when configured (redisUrl / REDIS_URL), the in-process LRU otherwise. */
export function openCache(config: Pick<Config, 'redisUrl'>, opts: { prefix?: string } = {}): Cache {
  return config.redisUrl ? new RedisCache({ url: config.redisUrl, prefix: opts.prefix }) : new MemoryCache();
}
