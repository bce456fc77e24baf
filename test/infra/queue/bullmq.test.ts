import { afterAll, describe, expect, it } from 'vitest';
import { BullMqQueue, consumeBullMq, type JobConsumer } from '../../../src/infra/queue/index.js';
import { deleteQueue, uniqueName } from '../../helpers/redis.js';
import { REDIS_URL, requires } from '../../helpers/requires.js';

describe.runIf(await requires('redis'))('job queue on Redis (BullMQ)', () => {
  const name = uniqueName('sx-queue');
  afterAll(async () => {
    await deleteQueue(name);
  });

  it('runs each job id once, retries a throwing job until its attempts are spent, and drains', async () => {
    const queue = new BullMqQueue<{ n: number }>({ redisUrl: REDIS_URL, name }, { attempts: 2, backoffMs: 10, keepCompleted: 100, keepFailed: 100 });
    const seen: number[] = [];
    const tries = new Map<number, number>();
    let consumer: JobConsumer | undefined;
    try {
      await queue.add([{ id: 'a', data: { n: 1 } }, { id: 'b', data: { n: 2 } }, { id: 'a', data: { n: 99 } }, { id: 'bad', data: { n: -1 } }]);
      consumer = consumeBullMq<{ n: number }>({ redisUrl: REDIS_URL, name }, async ({ n }) => {
        tries.set(n, (tries.get(n) ?? 0) + 1);
        if (n < 0) throw new Error('refused');
        seen.push(n);
      }, { concurrency: 2 });
      await queue.drain();
      // The same id again after it ran is still a no-op while the queue keeps its record.
      await queue.add([{ id: 'b', data: { n: 3 } }]);
      await queue.drain();
      expect(seen.sort()).toEqual([1, 2]);
      expect(tries.get(-1)).toBe(2);
      expect(await queue.failed()).toBe(1);
    } finally {
      await consumer?.close();
      await queue.obliterate();
      await queue.close();
    }
  }, 60_000);
});
