import type { Redis } from 'ioredis';
import type { ServiceHealth } from '../../kernel/service.js';
import { createRedis, type RedisClient } from '../redis.js';
import type { Cache, CacheStats } from './types.js';

export interface RedisCacheOptions {
  url: string;
  /** Namespaces keys and counters so several apps can share one Redis. */
  prefix?: string;
  defaultTtlMs?: number;
}

/**
 * Shared cache for several workers. Hit/miss counters live in Redis too, so
 * cache-stats describes the whole deployment, not one process.
 */
export class RedisCache implements Cache {
  readonly backend = 'redis' as const;
  /** The connection, for callers that decide by its state (ResilientCache). */
  readonly client: RedisClient;
  private readonly redis: Redis;
  readonly prefix: string;
  private readonly defaultTtlMs: number;

  constructor(opts: RedisCacheOptions) {
    this.prefix = opts.prefix ?? 'sextant:cache:';
    this.defaultTtlMs = opts.defaultTtlMs ?? 0;
    // Connects on first use: wiring a Redis cache into a command that never reads it costs nothing.
    this.client = createRedis(opts.url, 'command', { lazy: true });
    this.redis = this.client.redis;
  }

  private k(key: string): string {
    return `${this.prefix}v:${key}`;
  }

  async get(key: string): Promise<Buffer | undefined> {
    const v = await this.redis.getBuffer(this.k(key));
    await this.redis.incr(`${this.prefix}${v === null ? 'misses' : 'hits'}`);
    return v ?? undefined;
  }

  async set(key: string, value: Buffer, ttlMs?: number): Promise<void> {
    const ttl = ttlMs ?? this.defaultTtlMs;
    if (ttl > 0) await this.redis.set(this.k(key), value, 'PX', ttl);
    else await this.redis.set(this.k(key), value);
  }

  async stats(): Promise<CacheStats> {
    const [hits, misses] = await this.redis.mget(`${this.prefix}hits`, `${this.prefix}misses`);
    // SCAN, not KEYS: stats must not block a Redis that others use.
    let size = 0;
    let cursor = '0';
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', `${this.prefix}v:*`, 'COUNT', 1000);
      size += keys.length;
      cursor = next;
    } while (cursor !== '0');
    return { hits: Number(hits ?? 0), misses: Number(misses ?? 0), size, backend: this.backend };
  }

  /** Removes this prefix's entries and counters (tests, `cache clear`). */
  async clear(): Promise<void> {
    let cursor = '0';
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', `${this.prefix}*`, 'COUNT', 1000);
      if (keys.length) await this.redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  stop(): Promise<void> {
    return this.close();
  }

  async health(timeoutMs?: number): Promise<ServiceHealth> {
    const h = await this.client.health(timeoutMs);
    return { ...h, details: { backend: this.backend, redis: this.client.where } };
  }
}
