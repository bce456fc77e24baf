import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { REDIS_URL } from './requires.js';

/** A name no other run or file uses: test runs share one Redis with each other and with people. */
export const uniqueName = (base: string): string => `${base}-${process.pid}-${randomBytes(3).toString('hex')}`;

/** Deletes every key matching `pattern` (SCAN, never KEYS: others use this Redis) and says how many. */
export async function deleteKeys(pattern: string, url = REDIS_URL): Promise<number> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      if (keys.length) deleted += await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    await redis.quit().catch(() => redis.disconnect());
  }
  return deleted;
}

/** Every key BullMQ keeps for a queue (jobs, events, meta) lives under `bull:<name>:`. */
export const deleteQueue = (queueName: string, url = REDIS_URL): Promise<number> => deleteKeys(`bull:${queueName}:*`, url);

/**
 * REDIS_URL on a database other than 0, for a suite that starts a process whose keys it cannot
 * prefix (the server's cache uses its default prefix): the suite deletes that prefix there afterwards
 * without touching db 0, where people and other runs keep theirs.
 */
export function separateDbUrl(url = REDIS_URL): string {
  const u = new URL(url);
  u.pathname = `/${1 + Math.floor(Math.random() * 15)}`;
  return u.toString();
}
