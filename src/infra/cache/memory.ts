import { LRUCache } from 'lru-cache';
import type { ServiceHealth } from '../../kernel/service.js';
import type { Cache, CacheStats } from './types.js';

export interface MemoryCacheOptions {
  /** Upper bound on entries. */
  maxEntries?: number;
  /** Upper bound on stored bytes: one analysis with its chart is ~130 kB. */
  maxBytes?: number;
  defaultTtlMs?: number;
}

/** In-process LRU: the default, nothing to run. */
export class MemoryCache implements Cache {
  readonly backend = 'memory' as const;
  private readonly lru: LRUCache<string, Buffer>;
  private hits = 0;
  private misses = 0;

  constructor(opts: MemoryCacheOptions = {}) {
    this.lru = new LRUCache<string, Buffer>({
      max: opts.maxEntries ?? 1000,
      maxSize: opts.maxBytes ?? 200_000_000,
      sizeCalculation: (v) => Math.max(1, v.length),
      ttl: opts.defaultTtlMs ?? 0,
    });
  }

  /** Synchronous lookup for hot paths that must not pay for a promise. */
  getSync(key: string): Buffer | undefined {
    const v = this.lru.get(key);
    if (v === undefined) this.misses++;
    else this.hits++;
    return v;
  }

  async get(key: string): Promise<Buffer | undefined> {
    return this.getSync(key);
  }

  async set(key: string, value: Buffer, ttlMs?: number): Promise<void> {
    this.lru.set(key, value, ttlMs ? { ttl: ttlMs } : undefined);
  }

  async stats(): Promise<CacheStats> {
    return { hits: this.hits, misses: this.misses, size: this.lru.size, backend: this.backend };
  }

  async close(): Promise<void> {
    this.lru.clear();
  }

  stop(): Promise<void> {
    return this.close();
  }

  health(): ServiceHealth {
    return { status: 'ok', details: { backend: this.backend, entries: this.lru.size } };
  }
}
