import type { Service, ServiceHealth } from '../../kernel/service.js';

export interface CacheStats {
  hits: number;
  misses: number;
  /** Entries currently held. */
  size: number;
  backend: 'memory' | 'redis';
}

/**
 * Bytes only: callers store serialised results, so a hit goes to the socket as is,
 * with no re-serialising or re-encoding, and the same bytes work in-process and in Redis.
 */
export interface Cache extends Service {
  readonly backend: CacheStats['backend'];
  get(key: string): Promise<Buffer | undefined>;
  set(key: string, value: Buffer, ttlMs?: number): Promise<void>;
  stats(): Promise<CacheStats>;
  close(): Promise<void>;
  /** Same as close(): the lifecycle name the composition root uses. */
  stop(): Promise<void>;
  health(): ServiceHealth | Promise<ServiceHealth>;
}
