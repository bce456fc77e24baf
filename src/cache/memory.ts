import { LRUCache } from 'lru-cache';
import type { Cache, CacheStats } from './types.js';

export interface MemoryCacheOptions {
  /** Upper bound on entries. */
  maxEntries?: number;
  /** Upper bound on stored characters: one analysis with its chart is ~100k. */
  maxChars?: number;
  defaultTtlMs?: number;
}

/** In-process LRU: the default, nothing to run. */
export class MemoryCache implements Cache {
  readonly backend = 'memory' as const;
  private readonly lru: LRUCache<string, string>;
  private hits = 0;
  private misses = 0;

  constructor(opts: MemoryCacheOptions = {}) {
    this.lru = new LRUCache<string, string>({
      max: opts.maxEntries ?? 1000,
      maxSize: opts.maxChars ?? 200_000_000,
      sizeCalculation: (v) => Math.max(1, v.length),
      ttl: opts.defaultTtlMs ?? 0,
    });
  }

  /** Synchronous lookup for hot paths that must not pay for a promise. */
  getSync(key: string): string | undefined {
    const v = this.lru.get(key);
    if (v === undefined) this.misses++;
    else this.hits++;
    return v;
  }

  async get(key: string): Promise<string | undefined> {
    return this.getSync(key);
  }

  async set(key: string, value: string, ttlMs?: number): Promise<void> {
    this.lru.set(key, value, ttlMs ? { ttl: ttlMs } : undefined);
  }

  async stats(): Promise<CacheStats> {
    return { hits: this.hits, misses: this.misses, size: this.lru.size, backend: this.backend };
  }

  async close(): Promise<void> {
    this.lru.clear();
  }
}
