import type { ServiceHealth } from '../../kernel/service.js';
import { withDeadline } from '../deadline.js';
import { MemoryCache } from './memory.js';
import type { RedisCache } from './redis.js';
import type { Cache, CacheStats } from './types.js';

/**
 * The Redis cache with the in-process LRU behind it. While Redis answers, Redis is the cache
 * (shared by every process of the deployment). While it does not, reads and writes go to the
 * LRU at once, without waiting on a dead socket, and health() says so; when Redis is back,
 * it is the cache again. A call that finds Redis in an unknown state (first use, or a
 * connection that just dropped) waits at most `timeoutMs` before falling back.
 */
export class ResilientCache implements Cache {
  readonly backend = 'redis' as const;
  private readonly memory: MemoryCache;
  private fallbackReason: string | undefined;
  private fallbacks = 0;

  constructor(
    private readonly redis: RedisCache,
    private readonly timeoutMs: number,
    memory?: MemoryCache,
  ) {
    this.memory = memory ?? new MemoryCache();
  }

  /** Redis's turn, bounded; undefined when the in-process cache must answer instead. */
  private async viaRedis<T>(op: () => Promise<T>): Promise<{ value: T } | undefined> {
    const c = this.redis.client;
    if (!c.ready() && !c.idle()) {
      this.fallback(c.lastError() ?? `connection ${c.redis.status}`);
      return undefined;
    }
    try {
      const value = await withDeadline(op(), this.timeoutMs, () => new Error(`no answer within ${this.timeoutMs} ms`));
      this.fallbackReason = undefined;
      return { value };
    } catch (e) {
      this.fallback(c.lastError() ?? (e as Error).message);
      return undefined;
    }
  }

  private fallback(reason: string): void {
    this.fallbacks++;
    this.fallbackReason = reason;
  }

  async get(key: string): Promise<Buffer | undefined> {
    const r = await this.viaRedis(() => this.redis.get(key));
    return r ? r.value : this.memory.get(key);
  }

  async set(key: string, value: Buffer, ttlMs?: number): Promise<void> {
    const r = await this.viaRedis(() => this.redis.set(key, value, ttlMs));
    if (!r) await this.memory.set(key, value, ttlMs);
  }

  /** Redis's counts while it answers; the in-process cache's (backend `memory`) while it does not. */
  async stats(): Promise<CacheStats> {
    const r = await this.viaRedis(() => this.redis.stats());
    return r ? r.value : this.memory.stats();
  }

  async close(): Promise<void> {
    await Promise.all([this.redis.close(), this.memory.close()]);
  }

  stop(): Promise<void> {
    return this.close();
  }

  async health(): Promise<ServiceHealth> {
    const c = this.redis.client;
    const h = await this.redis.health(Math.min(this.timeoutMs, 1000));
    const details = { backend: 'redis', redis: c.where, prefix: this.redis.prefix, fallbacks: this.fallbacks };
    if (h.status === 'ok') return { status: 'ok', details };
    return {
      status: 'degraded',
      reason: `${h.reason ?? this.fallbackReason ?? 'redis unreachable'}; the analysis cache runs in-process until it is back`,
      details: { ...details, backend: 'memory' },
    };
  }
}
