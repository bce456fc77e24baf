import { Queue, Worker, type ConnectionOptions } from 'bullmq';
import type { Candles } from '../../core/series.js';
import type { SeriesKey, Store } from '../../infra/store/types.js';
import { processCandle, type ProcessOptions } from './process.js';

export interface CandleJob extends SeriesKey {
  time: number;
}

/** Where closed candles go to be processed: this process, or a Redis queue shared by workers. */
export interface Dispatcher {
  readonly kind: 'inprocess' | 'bullmq';
  /** `candles` (optional) lets the in-process path skip re-reading the store. */
  dispatch(jobs: CandleJob[], candles?: Candles): Promise<{ processed: number; skipped: number; signals: number }>;
  /** Resolves when everything dispatched so far is done. */
  drain(): Promise<void>;
  close(): Promise<void>;
}

export class InProcessDispatcher implements Dispatcher {
  readonly kind = 'inprocess';
  constructor(private readonly store: Store, private readonly opts: ProcessOptions) {}

  async dispatch(jobs: CandleJob[], candles?: Candles) {
    let processed = 0;
    let skipped = 0;
    let signals = 0;
    for (const job of jobs) {
      const r = await processCandle(this.store, job, job.time, this.opts, candles);
      if (r.outcome === 'processed') processed++;
      else skipped++;
      if (r.signal) signals++;
    }
    return { processed, skipped, signals };
  }
  async drain(): Promise<void> {}
  async close(): Promise<void> {}
}

export const QUEUE_NAME = 'sextant-candles';

/** BullMQ ids may not contain ':'; one id per candle makes re-enqueueing a no-op. */
export const jobId = (j: CandleJob) => `${j.source}|${j.symbol}|${j.timeframe}|${j.time}`;

export function redisConnection(url: string): ConnectionOptions {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(u.pathname.length > 1 ? { db: Number(u.pathname.slice(1)) } : {}),
    maxRetriesPerRequest: null,
  };
}

export class BullMqDispatcher implements Dispatcher {
  readonly kind = 'bullmq';
  private readonly queue: Queue<CandleJob>;

  constructor(redisUrl: string, queueName: string = QUEUE_NAME) {
    this.queue = new Queue<CandleJob>(queueName, { connection: redisConnection(redisUrl) });
  }

  async dispatch(jobs: CandleJob[]) {
    if (jobs.length) {
      await this.queue.addBulk(jobs.map((data) => ({
        name: 'candle',
        data,
        opts: { jobId: jobId(data), attempts: 5, backoff: { type: 'exponential', delay: 500 }, removeOnComplete: 1000, removeOnFail: 5000 },
      })));
    }
    return { processed: 0, skipped: 0, signals: 0 };
  }

  async drain(): Promise<void> {
    for (;;) {
      const c = await this.queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children');
      if (Object.values(c).every((v) => v === 0)) return;
      await new Promise((r) => setTimeout(r, 100));
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

/** A worker process's side of the queue: processes candle jobs against the shared store. */
export function startWorker(redisUrl: string, store: Store, opts: ProcessOptions & { concurrency?: number; queueName?: string }): Worker<CandleJob> {
  return new Worker<CandleJob>(
    opts.queueName ?? QUEUE_NAME,
    async (job) => {
      const r = await processCandle(store, job.data, job.data.time, opts);
      return r.outcome;
    },
    { connection: redisConnection(redisUrl), concurrency: opts.concurrency ?? 4 },
  );
}
