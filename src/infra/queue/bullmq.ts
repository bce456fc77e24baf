import { Queue, Worker, type ConnectionOptions } from 'bullmq';
import { redisOptions } from '../redis.js';
import type { JobConsumer, JobQueue, QueuedJob, QueueLocation } from './types.js';

/** BullMQ opens its own connections; they follow the queue role's rules (no per-command retry limit). */
const connection = (url: string): ConnectionOptions => {
  const { host, port, db, username, password, tls, maxRetriesPerRequest, connectTimeout } = redisOptions(url, 'queue');
  return { host, port, db, username, password, tls, maxRetriesPerRequest, connectTimeout };
};

export interface RetryPolicy {
  attempts: number;
  /** First retry delay; doubled each attempt. */
  backoffMs: number;
  /** Finished jobs kept for inspection (their ids also keep re-adds no-ops meanwhile). */
  keepCompleted: number;
  keepFailed: number;
}

const DEFAULT_RETRY: RetryPolicy = { attempts: 5, backoffMs: 500, keepCompleted: 1000, keepFailed: 5000 };

export class BullMqQueue<T> implements JobQueue<T> {
  private readonly queue: Queue<T>;

  constructor(where: QueueLocation, private readonly retry: RetryPolicy = DEFAULT_RETRY) {
    this.queue = new Queue<T>(where.name, { connection: connection(where.redisUrl), ...(where.prefix ? { prefix: where.prefix } : {}) });
  }

  async add(jobs: readonly QueuedJob<T>[]): Promise<void> {
    if (!jobs.length) return;
    const r = this.retry;
    // BullMQ's generics over job names do not narrow for a plain T; the payload is T by construction.
    await (this.queue as Queue).addBulk(jobs.map((j) => ({
      name: 'job',
      data: j.data,
      opts: { jobId: j.id, attempts: r.attempts, backoff: { type: 'exponential', delay: r.backoffMs }, removeOnComplete: r.keepCompleted, removeOnFail: r.keepFailed },
    })));
  }

  async drain(pollMs = 100): Promise<void> {
    for (;;) {
      const c = await this.queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children');
      if (Object.values(c).every((v) => v === 0)) return;
      await new Promise((r) => setTimeout(r, pollMs));
    }
  }

  async failed(): Promise<number> {
    return (await this.queue.getJobCounts('failed'))['failed'] ?? 0;
  }

  async obliterate(): Promise<void> {
    await this.queue.obliterate({ force: true });
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}

export function consumeBullMq<T>(where: QueueLocation, handler: (data: T) => Promise<unknown>, opts: { concurrency?: number } = {}): JobConsumer {
  const worker = new Worker<T>(where.name, (job) => handler(job.data), {
    connection: connection(where.redisUrl),
    concurrency: opts.concurrency ?? 4,
    ...(where.prefix ? { prefix: where.prefix } : {}),
  });
  return { close: () => worker.close() };
}
