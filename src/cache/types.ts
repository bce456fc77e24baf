export interface CacheStats {
  hits: number;
  misses: number;
  /** Entries currently held. */
  size: number;
  backend: 'memory' | 'redis';
}

/**
 * String values only: callers store serialised results, so a hit can be sent as is
 * without re-serialising, and the same bytes work in-process and in Redis.
 */
export interface Cache {
  readonly backend: CacheStats['backend'];
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlMs?: number): Promise<void>;
  stats(): Promise<CacheStats>;
  close(): Promise<void>;
}
