import { Redis, type RedisOptions } from 'ioredis';
import type { ServiceHealth } from '../kernel/service.js';

/**
 * What a connection is for decides how it behaves when Redis is away:
 * - command: cache reads and writes fail fast (a miss is cheaper than a hung request);
 * - subscriber: pub/sub keeps reconnecting and resubscribes on its own;
 * - queue: BullMQ requires maxRetriesPerRequest null (its blocking commands wait on purpose).
 */
export type RedisRole = 'command' | 'subscriber' | 'queue';

const ROLE_OPTIONS: Record<RedisRole, RedisOptions> = {
  command: { maxRetriesPerRequest: 1, enableOfflineQueue: true, connectTimeout: 2000 },
  subscriber: { maxRetriesPerRequest: 3, connectTimeout: 2000 },
  queue: { maxRetriesPerRequest: null, connectTimeout: 2000 },
};

/** Options for `url` and `role`, for libraries that open their own connections (BullMQ). */
export function redisOptions(url: string, role: RedisRole): RedisOptions {
  const u = new URL(url);
  const db = u.pathname.length > 1 ? Number(u.pathname.slice(1)) : undefined;
  return {
    ...ROLE_OPTIONS[role],
    host: u.hostname || '127.0.0.1',
    port: u.port ? Number(u.port) : 6379,
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(db !== undefined && Number.isInteger(db) ? { db } : {}),
    ...(u.protocol === 'rediss:' ? { tls: {} } : {}),
  };
}

export interface RedisClient {
  readonly redis: Redis;
  /** Where it points, without credentials, for logs and /health. */
  readonly where: string;
  /** The last connection error, cleared when the connection is ready again. */
  lastError(): string | undefined;
  /** Connected and answering now (a lazy client that has not connected yet is not). */
  ready(): boolean;
  /** Never asked to connect yet (lazy): the first command will try. */
  idle(): boolean;
  /** ok when a PING answers within `timeoutMs`, else down with the reason. */
  health(timeoutMs?: number): Promise<ServiceHealth>;
  close(): Promise<void>;
}

/**
 * The only place Sextant creates a Redis connection. `lazy` connects on the first command,
 * so wiring a Redis-backed part costs nothing until it is used.
 */
export function createRedis(url: string, role: RedisRole, opts: { lazy?: boolean } = {}): RedisClient {
  const redis = new Redis({ ...redisOptions(url, role), lazyConnect: opts.lazy ?? false });
  const u = new URL(url);
  const where = `${u.hostname}:${u.port || 6379}${u.pathname.length > 1 ? u.pathname : ''}`;
  let last: string | undefined;
  // The listener also keeps ioredis from turning a connection error into an uncaught exception.
  redis.on('error', (err: Error) => (last = err.message || String(err)));
  redis.on('ready', () => (last = undefined));
  return {
    redis,
    where,
    lastError: () => last,
    ready: () => redis.status === 'ready',
    idle: () => redis.status === 'wait',
    async health(timeoutMs = 1000) {
      // Reconnecting after a failure: the reason is known, waiting on a PING would only delay /health.
      if (redis.status === 'reconnecting' && last) return { status: 'down', reason: `redis ${where} unreachable: ${last}`, details: { redis: where } };
      let timer: NodeJS.Timeout | undefined;
      try {
        const pong = await Promise.race([
          redis.ping(),
          new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs))),
        ]);
        return pong === 'PONG' ? { status: 'ok', details: { redis: where } } : { status: 'down', reason: `redis ${where}: PING answered ${pong}` };
      } catch (e) {
        return { status: 'down', reason: `redis ${where} unreachable: ${last ?? (e as Error).message}`, details: { redis: where } };
      } finally {
        clearTimeout(timer);
      }
    },
    async close() {
      if (redis.status === 'end' || redis.status === 'wait') {
        redis.disconnect();
        return;
      }
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
